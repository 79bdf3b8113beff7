"""Filing services: every transition, illegal ones refused in Chinese, identifiers, evidence."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from fating.cases import selectors
from fating.cases.models import Evidence, Filing, FilingReview
from fating.cases.services import filing as services
from fating.cases.tests.factories import (
    VALID_ID,
    VALID_USCC,
    cause,
    draft_filing,
    pdf,
    submitted_filing,
)
from fating.core.audit import events_for, verify_chain
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.testing import Network

pytestmark = pytest.mark.django_db


def test_submit_starts_the_seven_day_review_clock(network: Network) -> None:
    filing = submitted_filing(network)
    assert filing.status == Filing.Status.SUBMITTED
    review = filing.reviews.get()
    assert review.received_on == timezone.localdate()
    assert review.due_on >= review.received_on + timedelta(days=7)
    assert [e.action for e in events_for(filing)][-1] == "cases.filing.submit"
    assert verify_chain() is None


def test_incomplete_filing_is_refused_naming_each_field(network: Network) -> None:
    filing = draft_filing(network, complete=False)
    with pytest.raises(FieldError) as caught:
        services.submit_filing(actor=network.users["party"], filing=filing)
    assert caught.value.fields == {
        "parties": ["至少需要一名原告。"],
        "claims": ["至少需要一项诉讼请求。"],
    }
    filing.refresh_from_db()
    assert filing.status == Filing.Status.DRAFT


def test_agent_must_upload_a_power_of_attorney(network: Network) -> None:
    filing = draft_filing(network, filer=network.users["agent"], capacity="agent", complete=False)
    agent = network.users["agent"]
    services.add_party(
        actor=agent,
        filing=filing,
        role="plaintiff",
        kind="natural",
        name="张三",
        id_number=VALID_ID,
        mobile="13812345678",
    )
    services.add_party(
        actor=agent, filing=filing, role="defendant", kind="natural", name="李四", address="乙村"
    )
    services.add_claim(actor=agent, filing=filing, text="还款", amount="1000")
    with pytest.raises(FieldError) as caught:
        services.submit_filing(actor=agent, filing=filing)
    assert caught.value.fields["power_of_attorney"] == [
        "委托代理人提交的，须上传授权委托书（登记立案规定 第6条）。"
    ]
    services.upload_evidence(
        actor=agent, filing=filing, kind="power_of_attorney", title="委托书", file=pdf()
    )
    assert services.submit_filing(actor=agent, filing=filing).status == Filing.Status.SUBMITTED


def test_liaison_files_for_a_party_with_consent_and_sees_it(network: Network) -> None:
    liaison = network.users["liaison"]
    filing = submitted_filing(network, filer=liaison, capacity="liaison")
    assert filing.assisted_by == liaison
    assert selectors.filings_for(liaison).filter(pk=filing.pk).exists()


def test_a_mediator_cannot_file(network: Network) -> None:
    with pytest.raises(NotPermitted) as caught:
        draft_filing(network, filer=network.users["mediator"], complete=False)
    assert (
        caught.value.message
        == "只有当事人、代理人或联络员可以网上立案，且提交身份须与账号角色一致。"
    )


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        (
            {"kind": "natural", "id_number": "110105194912310021"},
            "id_number",
            "公民身份号码校验位错误",
        ),
        (
            {"kind": "natural", "id_number": ""},
            "id_number",
            "原告为自然人的，公民身份号码不能为空。",
        ),
        ({"kind": "natural", "id_number": VALID_ID, "mobile": "12345"}, "mobile", None),
        (
            {"kind": "organisation", "uscc": "91110000600037341A", "representative": "王五"},
            "uscc",
            None,
        ),
        (
            {"kind": "organisation", "uscc": VALID_USCC},
            "representative",
            "原告为组织的，法定代表人或主要负责人不能为空。",
        ),
    ],
)
def test_party_identifiers_are_validated(
    network: Network, kwargs: dict, field: str, message: str | None
) -> None:
    filing = draft_filing(network, complete=False)
    data = {"mobile": "13812345678", **kwargs}
    with pytest.raises(FieldError) as caught:
        services.add_party(
            actor=network.users["party"], filing=filing, role="plaintiff", name="张三", **data
        )
    assert field in caught.value.fields
    if message:
        assert caught.value.fields[field] == [message]
    assert not filing.parties.exists()


def test_valid_identifiers_are_normalised_and_masked(network: Network) -> None:
    filing = draft_filing(network, complete=False)
    party = services.add_party(
        actor=network.users["party"],
        filing=filing,
        role="plaintiff",
        kind="natural",
        name="张三",
        id_number="11010519491231002x",
        mobile="138 1234 5678",
    )
    assert party.id_number == VALID_ID
    assert party.masked_id_number == "110105********002X"
    assert party.masked_mobile == "138****5678"
    org = services.add_party(
        actor=network.users["party"],
        filing=filing,
        role="defendant",
        kind="organisation",
        name="某公司",
        uscc=VALID_USCC.lower(),
    )
    assert org.uscc == VALID_USCC


def test_claim_amounts_are_exact_decimals(network: Network) -> None:
    filing = draft_filing(network, complete=False)
    party = network.users["party"]
    services.add_claim(actor=party, filing=filing, text="本金", amount="0.10")
    services.add_claim(actor=party, filing=filing, text="利息", amount="0.20")
    assert str(filing.claimed_amount) == "0.30"
    with pytest.raises(FieldError) as caught:
        services.add_claim(actor=party, filing=filing, text="违约金", amount="-1")
    assert caught.value.fields == {"amount": ["请求金额不能为负数。"]}


def test_cause_of_an_old_revision_is_refused(network: Network) -> None:
    filing = draft_filing(network, complete=False)
    old = cause(revision="2020", code="T9")
    with pytest.raises(FieldError) as caught:
        services.update_filing(actor=network.users["party"], filing=filing, changes={"cause": old})
    assert "属于2020年版案由规定" in caught.value.fields["cause"][0]


def test_evidence_is_hashed_at_upload_and_verified_when_read(network: Network) -> None:
    filing = draft_filing(network)
    evidence = filing.evidence.get(kind=Evidence.Kind.EVIDENCE)
    assert evidence.sha256 == hashlib.sha256(b"%PDF-1.4 evidence").hexdigest()
    assert selectors.read_evidence(evidence) == b"%PDF-1.4 evidence"


def test_tampered_evidence_is_refused_when_read(network: Network) -> None:
    evidence = draft_filing(network).evidence.get(kind=Evidence.Kind.EVIDENCE)
    with open(evidence.file.path, "wb") as handle:
        handle.write(b"%PDF-1.4 forged")
    with pytest.raises(selectors.EvidenceTampered) as caught:
        selectors.read_evidence(evidence)
    assert caught.value.message == "证据材料「借条」的文件与上传时的校验值不符，已拒绝读取。"


def test_correction_then_resubmission_restarts_the_review_period(network: Network) -> None:
    filing = submitted_filing(network)
    clerk = network.users["clerk"]
    due = timezone.localdate() + timedelta(days=10)
    filing = services.request_correction(
        actor=clerk, filing=filing, items=["身份证复印件"], due_on=due
    )
    assert filing.status == Filing.Status.CORRECTION_REQUESTED
    assert filing.correction_items == ["身份证复印件"]
    services.upload_evidence(
        actor=network.users["party"], filing=filing, kind="identity", title="身份证", file=pdf()
    )
    filing = services.resubmit_filing(actor=network.users["party"], filing=filing)
    assert filing.status == Filing.Status.RESUBMITTED
    rounds = list(filing.reviews.order_by("pk"))
    assert [r.decision for r in rounds] == [FilingReview.Decision.CORRECTION, ""]
    assert rounds[0].in_time is True


def test_correction_needs_items_and_a_future_deadline(network: Network) -> None:
    filing = submitted_filing(network)
    with pytest.raises(FieldError) as caught:
        services.request_correction(
            actor=network.users["clerk"], filing=filing, items=[], due_on=timezone.localdate()
        )
    assert caught.value.fields == {
        "items": ["请列明需要补正的材料。"],
        "due_on": ["补正期限必须晚于今天。"],
    }


def test_late_resubmission_is_refused(network: Network) -> None:
    filing = submitted_filing(network)
    services.request_correction(
        actor=network.users["clerk"],
        filing=filing,
        items=["证据"],
        due_on=timezone.localdate() + timedelta(days=1),
    )
    Filing.objects.filter(pk=filing.pk).update(
        correction_due_on=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(InvalidTransition) as caught:
        services.resubmit_filing(actor=network.users["party"], filing=filing)
    assert caught.value.message == "补正期限已过，不能再提交补正材料（登记立案规定 第7条）。"


def test_refusal_needs_reasons_and_is_recorded(network: Network) -> None:
    filing = submitted_filing(network)
    clerk = network.users["clerk"]
    with pytest.raises(FieldError) as caught:
        services.refuse_filing(actor=clerk, filing=filing, reasons=" ")
    assert caught.value.fields == {"reasons": ["不予受理须写明理由（登记立案规定 第9条）。"]}
    filing = services.refuse_filing(actor=clerk, filing=filing, reasons="不属于人民法院主管")
    assert filing.status == Filing.Status.REFUSED
    assert filing.reviews.get().decision == FilingReview.Decision.REFUSED


def test_late_decision_lowers_the_in_time_rate(network: Network) -> None:
    first = submitted_filing(network)
    second = submitted_filing(network)
    FilingReview.objects.filter(filing=second).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    clerk = network.users["clerk"]
    services.refuse_filing(actor=clerk, filing=first, reasons="重复起诉")
    services.refuse_filing(actor=clerk, filing=second, reasons="重复起诉")
    rate = selectors.review_in_time_rate(court_id=network.court.pk)
    assert (rate.decided, rate.in_time, str(rate.rate)) == (2, 1, "50.0")


@pytest.mark.parametrize(
    ("status", "call", "message"),
    [
        ("draft", "resubmit", "立案申请处于“草稿”状态，不能提交补正。"),
        ("submitted", "submit", "立案申请处于“已提交，待审查”状态，不能提交。"),
        ("refused", "withdraw", "立案申请处于“不予受理”状态，不能撤回。"),
        ("withdrawn", "refuse", "立案申请处于“已撤回”状态，不能不予受理。"),
        ("draft", "correction", "立案申请处于“草稿”状态，不能通知补正。"),
        ("accepted", "refuse", "立案申请处于“已立案”状态，不能不予受理。"),
    ],
)
def test_illegal_transitions_are_refused(
    network: Network, status: str, call: str, message: str
) -> None:
    filing = draft_filing(network)
    Filing.objects.filter(pk=filing.pk).update(status=status)
    filing.refresh_from_db()
    party, clerk = network.users["party"], network.users["clerk"]
    calls = {
        "submit": lambda: services.submit_filing(actor=party, filing=filing),
        "resubmit": lambda: services.resubmit_filing(actor=party, filing=filing),
        "withdraw": lambda: services.withdraw_filing(actor=party, filing=filing),
        "refuse": lambda: services.refuse_filing(actor=clerk, filing=filing, reasons="x"),
        "correction": lambda: services.request_correction(
            actor=clerk, filing=filing, items=["x"], due_on=timezone.localdate() + timedelta(days=3)
        ),
    }
    with pytest.raises(InvalidTransition) as caught:
        calls[call]()
    assert caught.value.message == message


def test_withdrawal_by_the_filer(network: Network) -> None:
    filing = services.withdraw_filing(
        actor=network.users["party"], filing=submitted_filing(network)
    )
    assert filing.status == Filing.Status.WITHDRAWN


def test_a_submitted_filing_cannot_be_edited(network: Network) -> None:
    filing = submitted_filing(network)
    with pytest.raises(InvalidTransition) as caught:
        services.add_claim(actor=network.users["party"], filing=filing, text="再加一项", amount="1")
    assert (
        caught.value.message
        == "立案申请处于“已提交，待审查”状态，不能修改（只有草稿或待补正时可以修改）。"
    )


def test_only_the_competent_courts_reviewers_decide(network: Network) -> None:
    filing = submitted_filing(network)
    with pytest.raises(NotPermitted) as caught:
        services.refuse_filing(actor=network.users["court_admin"], filing=filing, reasons="x")
    assert caught.value.message == "只有管辖法院的立案人员（法官、法官助理）可以审查立案申请。"


def test_cross_region_filing_is_forwarded_and_both_courts_see_it(network: Network) -> None:
    from fating.testing import member

    other_clerk = member("clerk", court=network.other_court)
    filing = submitted_filing(network, received_by=network.other_court)
    assert filing.is_cross_region
    assert selectors.filings_for(other_clerk).filter(pk=filing.pk).exists()
    assert selectors.filings_for(network.users["clerk"]).filter(pk=filing.pk).exists()
    with pytest.raises(InvalidTransition) as caught:
        services.refuse_filing(actor=network.users["clerk"], filing=filing, reasons="x")
    assert caught.value.message == "跨域立案申请尚未由收件法院转交，不能审查。"
    with pytest.raises(NotPermitted):
        services.forward_filing(actor=network.users["clerk"], filing=filing)
    filing = services.forward_filing(actor=other_clerk, filing=filing)
    assert filing.forwarded_at is not None
    with pytest.raises(InvalidTransition) as caught:
        services.forward_filing(actor=other_clerk, filing=filing)
    assert caught.value.message == "该立案申请已经转交。"
    filing = services.refuse_filing(actor=network.users["clerk"], filing=filing, reasons="重复起诉")
    assert selectors.filings_for(other_clerk).get(pk=filing.pk).status == Filing.Status.REFUSED
