"""Issue, service, deadlines, effect, appeal and 生效证明 through the services (hand-computed dates
on the 2025 calendar: 国庆节 10-01..10-08 off, 10-11 a working Saturday)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fating.core.audit import AuditEvent
from fating.core.exceptions import FieldError, NotPermitted, NotVisible
from fating.core.machine import TransitionRefused
from fating.judgments import services
from fating.judgments.models import Adjudication
from fating.judgments.tests.factories import Judged

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db


def _refresh(a: Adjudication) -> Adjudication:
    a.refresh_from_db()
    return a


def test_judgment_takes_effect_after_every_period(judged: Judged) -> None:
    a = judged.issue()
    assert a.document.kind == "adjudication" and a.document_type == "judgment"
    assert [p.role for p in a.parties.all()] == ["原告", "被告"]
    judged.serve(a, "plaintiff", "2025-09-26")
    assert _refresh(a).effective_on is None  # the defendant is not served yet
    judged.serve(a, "defendant", "2025-09-30")
    a = _refresh(a)
    assert [p.appeal_deadline for p in a.parties.order_by("pk")] == [
        D("2025-10-11"),
        D("2025-10-15"),
    ]
    assert a.effective_on == D("2025-10-16") and a.status == "issued"
    assert services.mark_effective(D("2025-10-15")) == 0
    assert services.mark_effective(D("2025-10-16")) == 1
    assert _refresh(a).status == "effective"
    assert services.mark_effective(D("2025-10-17")) == 0  # idempotent
    names = list(
        AuditEvent.objects.filter(action__startswith="judgments.").values_list("action", flat=True)
    )
    assert (
        names.count("judgments.party.served") == 2 and "judgments.adjudication.effective" in names
    )


def test_small_claims_and_withdrawal_take_effect_on_service(judged: Judged) -> None:
    judged.case.procedure = "small_claims"
    judged.case.save(update_fields=["procedure"])
    a = judged.issue()
    assert a.document_type == "small_claims_judgment"
    judged.serve(a, "plaintiff", "2025-09-26")
    judged.serve(a, "defendant", "2025-09-28")
    assert _refresh(a).effective_on == D("2025-09-28")
    assert services.take_effect(adjudication_id=a.pk)
    assert _refresh(a).status == "effective"
    with pytest.raises(FieldError) as err:
        services.file_appeal(actor=judged.user("party"), adjudication=a, grounds="不服")
    assert "adjudication" in err.value.fields


def test_issue_is_for_the_case_judge_and_validates(judged: Judged) -> None:
    with pytest.raises(NotPermitted):
        services.issue_adjudication(actor=judged.user("clerk"), case=judged.case, kind="judgment",
                                    main_text="驳回")  # fmt: skip
    with pytest.raises(NotVisible):
        services.issue_adjudication(actor=judged.user("other_admin"), case=judged.case,
                                    kind="judgment", main_text="驳回")  # fmt: skip
    with pytest.raises(FieldError) as err:
        judged.issue(kind="ruling", subkind="", main_text=[])
    assert {"subkind", "main_text"} <= set(err.value.fields)
    ruling = judged.issue(kind="ruling", subkind="withdrawal", main_text=["准许原告撤回起诉。"])
    assert ruling.document_type == "final_ruling"


def test_appeal_up_and_back(judged: Judged) -> None:
    a = judged.issue()
    judged.serve(a, "plaintiff", "2025-09-26")
    judged.serve(a, "defendant", "2025-09-30")
    with pytest.raises(NotPermitted):
        services.file_appeal(actor=judged.user("court_admin"), adjudication=a, grounds="不服")
    clerk = judged.user("clerk")
    # A paper appeal posted on the last day (10-15) is in time; one day later is not.
    with pytest.raises(FieldError) as err:
        services.file_appeal(actor=clerk, adjudication=a, party_id=a.parties.get(party__role="defendant").pk,
                             grounds="事实认定错误", filed_on=D("2025-10-16"))  # fmt: skip
    assert "filed_on" in err.value.fields
    appeal = services.file_appeal(
        actor=clerk, adjudication=a, party_id=a.parties.get(party__role="defendant").pk,
        grounds="事实认定错误", filed_on=D("2025-10-15"), appealed_amount="80000",
    )  # fmt: skip
    # 诉讼费用交纳办法 第17条 on 80,000: 50 + (80000-10000)*2.5% = 1,800.
    assert appeal.fee == Decimal("1800.00")
    a = _refresh(a)
    assert a.status == "appealed" and a.effective_on is None
    assert services.mark_effective(D("2025-12-01")) == 0
    with pytest.raises(TransitionRefused):
        services.record_appeal_result(actor=clerk, appeal=appeal, result="upheld")
    services.transfer_appeal(actor=clerk, appeal=appeal, higher_court="甲市中级人民法院")
    with pytest.raises(FieldError) as err:
        services.record_appeal_result(actor=clerk, appeal=appeal, result="upheld",
                                      higher_case_number="（2025）甲0101民初1号")  # fmt: skip
    assert "higher_case_number" in err.value.fields
    services.record_appeal_result(actor=clerk, appeal=appeal, result="upheld",
                                  higher_case_number="（2025）甲01民终88号")  # fmt: skip
    a = _refresh(a)
    assert a.status == "effective" and a.effective_on == dt.date.today()


def test_set_aside_and_ruling_appeal_is_free(judged: Judged) -> None:
    r = judged.issue(kind="ruling", subkind="dismissed", main_text=["驳回原告张三的起诉。"])
    judged.serve(r, "plaintiff", "2025-09-22")
    assert r.parties.get(party__role="plaintiff").appeal_deadline == D("2025-10-09")
    with pytest.raises(FieldError):  # online today: long after the 10-day period
        services.file_appeal(actor=judged.user("party"), adjudication=r, grounds="应当受理")
    r = judged.issue(kind="ruling", subkind="dismissed", main_text=["驳回原告张三的起诉。"])
    judged.serve(r, "plaintiff", dt.date.today().isoformat())
    appeal = services.file_appeal(actor=judged.user("party"), adjudication=r, grounds="应当受理")
    assert appeal.fee == Decimal("0.00") and appeal.appellant.party.role == "plaintiff"
    clerk = judged.user("clerk")
    services.transfer_appeal(actor=clerk, appeal=appeal, higher_court="甲市中级人民法院")
    services.record_appeal_result(actor=clerk, appeal=appeal, result="remanded")
    assert _refresh(r).status == "set_aside"


def test_certificate_on_request(judged: Judged, monkeypatch: pytest.MonkeyPatch) -> None:
    a = judged.issue(
        kind="mediation", main_text=["被告李四于2025年10月31日前偿还原告张三借款80000元。"]
    )
    judged.serve(a, "plaintiff", "2025-09-26")
    with pytest.raises(TransitionRefused):
        services.request_certificate(actor=judged.user("party"), adjudication=a)
    judged.serve(a, "defendant", "2025-09-27")
    assert services.take_effect(adjudication_id=a.pk)
    services.request_certificate(actor=judged.user("party"), adjudication=_refresh(a))
    assert _refresh(a).certificate_requested
    with pytest.raises(NotPermitted):
        services.issue_certificate(actor=judged.user("party"), adjudication=a)
    document = services.issue_certificate(actor=judged.user("clerk"), adjudication=a)
    a = _refresh(a)
    assert a.certificate == document and not a.certificate_requested
    assert document.context["effective_on"] == "2025-09-27"


def test_delivery_served_event_fills_the_deadline(
    judged: Judged, django_capture_on_commit_callbacks: object
) -> None:
    from fating.delivery import services as delivery

    a = judged.issue()
    row = a.parties.get(party__role="plaintiff")
    party = judged.user("party")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        delivery.record_consent(actor=party, matter=judged.case, party_key=row.party_key,
                                channel="in_app")  # fmt: skip
        service = delivery.serve_document(actor=judged.user("clerk"), document=a.document,
                                          party_key=row.party_key, channels=["in_app"])  # fmt: skip
        for attempt in service.attempts.all():
            delivery.dispatch(attempt.pk)
    row.refresh_from_db()
    assert row.served_on is not None and row.appeal_deadline is not None
    assert (row.appeal_deadline - row.served_on).days >= 15


def test_appeal_rates(judged: Judged) -> None:
    from fating.judgments import selectors

    a = judged.issue()
    judged.issue(kind="mediation", main_text=["调解"])  # a 调解书 is not "judged"
    judged.serve(a, "plaintiff", dt.date.today().isoformat())
    court = [judged.case.court_id]
    rates = selectors.appeal_rates(court_ids=court)
    assert (rates.judged, rates.acceptance_rate, rates.reversal_rate) == (1, 1.0, None)
    clerk = judged.user("clerk")
    appeal = services.file_appeal(actor=judged.user("party"), adjudication=a, grounds="不服")
    services.transfer_appeal(actor=clerk, appeal=appeal, higher_court="甲市中级人民法院")
    services.record_appeal_result(actor=clerk, appeal=appeal, result="amended")
    rates = selectors.appeal_rates(court_ids=court)
    assert (rates.acceptance_rate, rates.reversal_rate) == (0.0, 1.0)
    # The same figures reach the indicators (`fating indicators`, the page and the API).
    from fating.analytics import sources

    today = dt.date.today()
    since, until = today - dt.timedelta(days=30), today + dt.timedelta(days=1)
    assert sources._appeals(judged.case.court_id, since, until) == (1, 0, 1, 1)


def test_service_after_an_appeal_still_starts_that_partys_period(judged: Judged) -> None:
    a = judged.issue()
    today = dt.date.today().isoformat()
    judged.serve(a, "plaintiff", today)
    services.file_appeal(actor=judged.user("party"), adjudication=a, grounds="不服")
    judged.serve(a, "defendant", today)
    row = a.parties.get(party__role="defendant")
    assert row.served_on is not None and row.appeal_deadline is not None
    assert _refresh(a).status == "appealed" and a.effective_on is None
