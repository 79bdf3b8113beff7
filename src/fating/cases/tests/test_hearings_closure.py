"""Hearings (conflicts, join links) and closure with fee settlement and refunds."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fating.cases.gateways import SandboxGateway
from fating.cases.models import Case, Hearing, Refund
from fating.cases.services import hearings, payments
from fating.cases.tests.factories import accepted_case
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.testing import Network

pytestmark = pytest.mark.django_db


def _slot(hours: int = 24, length: int = 2) -> tuple:
    start = timezone.now().replace(microsecond=0) + timedelta(hours=hours)
    return start, start + timedelta(hours=length)


def _pay(network: Network, case: Case) -> None:
    payment = payments.create_payment(actor=network.users["party"], case=case)
    body, headers = SandboxGateway().signed_callback(
        order_id=payment.order_id, amount=payment.amount
    )
    payments.handle_callback(gateway_name="sandbox", body=body, headers=headers)


def test_online_hearing_gets_a_room_and_a_link_per_party(network: Network) -> None:
    case = accepted_case(network)
    start, end = _slot()
    hearing = hearings.schedule_hearing(
        actor=network.users["clerk"], case=case, mode="online", starts_at=start, ends_at=end
    )
    assert hearing.room_code and hearing.judge == case.judge
    tokens = list(hearing.participants.values_list("join_token", flat=True))
    assert len(tokens) == 2 and len(set(tokens)) == 2


def test_judge_conflict_is_refused(network: Network) -> None:
    first, second = accepted_case(network), accepted_case(network)
    Case.objects.filter(pk=second.pk).update(judge=first.judge)
    second.refresh_from_db()
    start, end = _slot()
    hearings.schedule_hearing(
        actor=network.users["clerk"], case=first, mode="online", starts_at=start, ends_at=end
    )
    with pytest.raises(FieldError) as caught:
        hearings.schedule_hearing(
            actor=network.users["clerk"],
            case=second,
            mode="online",
            starts_at=start + timedelta(hours=1),
            ends_at=end + timedelta(hours=1),
        )
    assert caught.value.fields["judge"] == ["审判人员在该时段已有其他开庭安排。"]


def test_courtroom_and_party_conflicts_are_refused(network: Network) -> None:
    from fating.testing import member

    member("judge", tribunal=network.tribunal)
    first, second = accepted_case(network), accepted_case(network)
    assert first.judge != second.judge
    start, end = _slot()
    hearings.schedule_hearing(
        actor=network.users["clerk"],
        case=first,
        mode="courtroom",
        courtroom="第一审判庭",
        starts_at=start,
        ends_at=end,
    )
    with pytest.raises(FieldError) as caught:
        hearings.schedule_hearing(
            actor=network.users["clerk"],
            case=second,
            mode="courtroom",
            courtroom="第一审判庭",
            starts_at=start,
            ends_at=end,
        )
    assert caught.value.fields == {
        "courtroom": ["第一审判庭在该时段已被占用。"],
        "participants": ["有当事人在该时段已有其他案件开庭。"],
    }


def test_hearing_is_recorded_then_cannot_be_cancelled(network: Network) -> None:
    case = accepted_case(network)
    start, end = _slot()
    hearing = hearings.schedule_hearing(
        actor=network.users["judge"], case=case, mode="online", starts_at=start, ends_at=end
    )
    seat = hearing.participants.first()
    hearing = hearings.record_hearing(
        actor=network.users["judge"], hearing=hearing, record="双方到庭", attended={seat.pk: True}
    )
    assert hearing.status == Hearing.Status.HELD
    seat.refresh_from_db()
    assert seat.attended is True
    with pytest.raises(InvalidTransition) as caught:
        hearings.cancel_hearing(actor=network.users["judge"], hearing=hearing, reason="x")
    assert caught.value.message == "开庭处于“已开庭”状态，不能取消。"


def test_only_court_staff_schedule(network: Network) -> None:
    case = accepted_case(network)
    start, end = _slot()
    with pytest.raises(NotPermitted):
        hearings.schedule_hearing(
            actor=network.users["party"], case=case, mode="online", starts_at=start, ends_at=end
        )


def test_mediation_halves_the_fee_and_refunds_the_difference(network: Network) -> None:
    from fating.cases.services import acceptance
    from fating.cases.tests.factories import submitted_filing

    case = acceptance.accept_filing(
        actor=network.users["clerk"],
        filing=submitted_filing(network, amount="80000"),
        procedure="ordinary",
    )
    _pay(network, case)
    case = hearings.close_case(
        actor=network.users["judge"],
        case=case,
        closure="mediation",
        plaintiff_share=Decimal("450.00"),
    )
    assert case.final_fee == Decimal("900.00")  # LEGAL-RULES A8 #2
    assert case.fee_settlement["borne_by"] == {"plaintiff": "450.00", "defendant": "450.00"}
    refund = Refund.objects.get(case=case)
    assert refund.amount == Decimal("1350.00")  # paid 1,800, bears 450
    assert refund.due_on > case.closed_on


def test_withdrawal_of_a_simple_case_is_not_halved_twice(network: Network) -> None:
    from fating.cases.services import acceptance
    from fating.cases.tests.factories import submitted_filing

    case = acceptance.accept_filing(
        actor=network.users["clerk"],
        filing=submitted_filing(network, amount="80000"),
        procedure="simple",
    )
    assert case.fee_amount == Decimal("900.00")
    _pay(network, case)
    case = hearings.close_case(actor=network.users["judge"], case=case, closure="withdrawal")
    assert case.final_fee == Decimal("900.00")  # 解释 第206条: halved once only
    assert case.fee_settlement["borne_by"]["plaintiff"] == "900.00"  # 办法 第34条
    assert not Refund.objects.filter(case=case).exists()


def test_judgment_against_the_defendant_refunds_the_plaintiffs_prepayment(network: Network) -> None:
    case = accepted_case(network, amount="350000")
    _pay(network, case)
    case = hearings.close_case(
        actor=network.users["judge"], case=case, closure="judgment", plaintiff_share=Decimal("0")
    )
    assert case.fee_settlement["collect_from_defendant"] == "6550.00"
    assert Refund.objects.get(case=case).amount == Decimal("6550.00")  # 解释 第207条
    assert case.closed_in_time is True


def test_judgment_needs_the_apportionment(network: Network) -> None:
    case = accepted_case(network)
    with pytest.raises(FieldError) as caught:
        hearings.close_case(actor=network.users["judge"], case=case, closure="judgment")
    assert caught.value.fields == {
        "plaintiff_share": ["请确定原告负担的诉讼费金额（其余由被告负担）。"]
    }


def test_a_closed_case_cannot_be_closed_again(network: Network) -> None:
    case = hearings.close_case(
        actor=network.users["judge"],
        case=accepted_case(network),
        closure="dismissal",
        plaintiff_share=Decimal("0"),
    )
    assert case.final_fee == Decimal("0.00")
    with pytest.raises(InvalidTransition) as caught:
        hearings.close_case(
            actor=network.users["judge"],
            case=case,
            closure="judgment",
            plaintiff_share=Decimal("0"),
        )
    assert caught.value.message == "案件已结案，不能重复结案。"
