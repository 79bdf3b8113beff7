"""Notices served through delivery, the property report and its flags, the 执行事务中心 queue and
the monthly reconciliation: services, rules, the permission matrix of the new pages and API,
hostile input, retried POSTs, query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.demo.enforcement_notices import serve_notices
from fating.enforcement import selectors_notices as sn
from fating.enforcement import services, services_notices
from fating.enforcement.models import CentreTask, EnforcementCase, PropertyReport, SanctionFlag
from fating.enforcement.rules import notices
from fating.enforcement.tests.conftest import Enf
from fating.testing import client_for

pytestmark = pytest.mark.django_db


def _filed(enf: Enf, capture: Any) -> EnforcementCase:
    with capture(execute=True):
        case = enf.file()
    return case


# -- rules ---------------------------------------------------------------------------------


def test_check_report_flags_missing_false_and_late() -> None:
    found = [notices.FoundProperty(1, "deposit", "工行", "6222 0000", D("80000")),
             notices.FoundProperty(2, "real_estate", "登记中心", "甲1号", D("500000"))]  # fmt: skip
    items = [notices.ReportItem("deposit", "工行", "62220000", D("100"))]
    got = {(f.ground, f.asset, f.proposal) for f in notices.check_report(items, found, late=True)}
    assert got == {("late", None, "fine"), ("missing", 2, "fine"), ("false", 1, "detention")}
    honest = [notices.ReportItem("deposit", "工行", "62220000", D("79500")),
              notices.ReportItem("real_estate", "登记中心", "甲1号", D("500000"))]  # fmt: skip
    assert notices.check_report(honest, found, late=False) == []


def test_month_bounds_and_reconcile() -> None:
    assert notices.month_bounds("2026-12") == (dt.date(2026, 12, 1), dt.date(2027, 1, 1))
    for bad in ("2026-1", "x", "2026-13", ""):
        with pytest.raises(ValueError):
            notices.month_bounds(bad)
    first, after = dt.date(2026, 11, 1), dt.date(2026, 12, 1)
    L = notices.LedgerLine
    lines = [L("deduction", D("100"), "booked", dt.date(2026, 10, 5), None, ""),
             L("payout", D("60"), "paid", dt.date(2026, 11, 2), dt.date(2026, 11, 2), "B1"),
             L("fee", D("10"), "booked", dt.date(2026, 11, 2), None, "")]  # fmt: skip
    m = notices.reconcile_case(lines, first=first, after=after, owed=D("60"), fee_due=D("10"),
                               deductions_done=D("100"))  # fmt: skip
    assert (m.opening, m.money_in, m.paid_out, m.fees, m.closing) == (
        D(100),
        0,
        D(60),
        D(10),
        D(30),
    )
    assert m.problems == ()
    bad = notices.reconcile_case(lines, first=first, after=after, owed=D("50"), fee_due=D("5"),
                                 deductions_done=D("0"))  # fmt: skip
    assert set(bad.problems) == {"发放金额超过申请执行标的", "收取的申请执行费超过应交数额",
                                 "扣划入账与已办结的扣划措施不符"}  # fmt: skip


# -- services ------------------------------------------------------------------------------


def test_notice_service_sets_served_date_and_report_due(
    enf: Enf, django_capture_on_commit_callbacks: Any
) -> None:
    case = _filed(enf, django_capture_on_commit_callbacks)
    assert not case.notice_served
    with pytest.raises(NotVisible):
        services_notices.issue_notices(actor=enf.other_executor, case=case)
    with pytest.raises(NotPermitted):
        services_notices.issue_notices(actor=enf.applicant, case=case)
    docs = services_notices.issue_notices(actor=enf.executor, case=case)
    assert sorted(d.kind for d in docs) == ["enforcement_notice", "property_report_order"]
    again = services_notices.issue_notices(actor=enf.executor, case=case)
    assert [d.pk for d in again] == [d.pk for d in docs]  # issued once
    with django_capture_on_commit_callbacks(execute=True):
        serve_notices(case, enf.executor, days_ago=2)
    case.refresh_from_db()
    served = timezone.localdate() - dt.timedelta(days=2)
    assert case.notice_served and case.notice_served_on == served
    assert case.report_due_on == served + dt.timedelta(days=10)


def test_documents_read_back_every_field(enf: Enf) -> None:
    from docx import Document as Docx

    from fating.documents.services import open_verified

    case = enf.file()
    docs = services_notices.issue_notices(actor=enf.executor, case=case, report_days=15)
    import io

    for d in docs:
        text = "\n".join(p.text for p in Docx(io.BytesIO(open_verified(d, "docx"))).paragraphs)
        for value in (case.court.name, case.case_number, "李四", "张三", case.source_reference):
            assert value in text
        assert open_verified(d, "pdf").startswith(b"%PDF")
    order = next(d for d in docs if d.kind == "property_report_order")
    notice = next(d for d in docs if d.kind == "enforcement_notice")
    order_text = "\n".join(
        p.text for p in Docx(io.BytesIO(open_verified(order, "docx"))).paragraphs
    )
    assert "15日内" in order_text and "第二百五十二条" in order_text
    notice_text = "\n".join(
        p.text for p in Docx(io.BytesIO(open_verified(notice, "docx"))).paragraphs
    )
    assert "50,000.00" in notice_text or "50000" in notice_text


def test_report_checked_against_assets_and_flags_once(enf: Enf) -> None:
    case = enf.file()
    services.triage_case(actor=enf.executor, case=case)
    services.search_property(actor=enf.executor, case=case)  # finds the deposit and the house
    respondent = case.parties.get(role="respondent")
    items = [{"kind": "deposit", "holder": "中国工商银行", "reference": "6222000011112222",
              "value": "80000"}]  # fmt: skip
    with pytest.raises(FieldError):
        services_notices.submit_report(actor=enf.executor, case=case, items=[], party=respondent)
    with pytest.raises(FieldError):
        services_notices.submit_report(actor=enf.executor, case=case, party=respondent,
                                       items=[{**items[0], "value": "-1"}])  # fmt: skip
    assert not PropertyReport.objects.exists()
    report = services_notices.submit_report(actor=enf.executor, case=case, items=items,
                                            party=respondent)  # fmt: skip
    assert [(f.ground, f.asset.kind) for f in report.flags.all()] == [("missing", "real_estate")]
    assert report.flags.get().blacklist_ground == "breaks_report_duty"
    with pytest.raises(InvalidTransition):
        services_notices.submit_report(actor=enf.executor, case=case, items=items, party=respondent)
    assert services_notices.check_report(actor=enf.executor, report=report) == []
    assert SanctionFlag.objects.count() == 1


def test_missed_report_deadline_is_flagged_once(enf: Enf) -> None:
    case = enf.file()
    EnforcementCase.objects.filter(pk=case.pk).update(
        report_due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert services_notices.flag_missed_reports() == 1
    assert services_notices.flag_missed_reports() == 0
    assert SanctionFlag.objects.get().ground == "late"


def test_filing_opens_centre_tasks_and_the_queue_moves(
    enf: Enf, django_capture_on_commit_callbacks: Any
) -> None:
    case = _filed(enf, django_capture_on_commit_callbacks)
    assert sorted(case.tasks.values_list("kind", flat=True)) == ["inquiry", "service"]
    task = case.tasks.get(kind="inquiry")
    with pytest.raises(NotVisible):
        services_notices.move_task(actor=enf.other_executor, task=task, name="claim")
    services_notices.move_task(actor=enf.executor, task=task, name="claim")
    services_notices.move_task(actor=enf.executor, task=task, name="claim")  # retry: unchanged
    with pytest.raises(InvalidTransition):
        services_notices.move_task(actor=enf.ejudge, task=task, name="claim")
    with pytest.raises(NotPermitted):
        services_notices.move_task(actor=enf.ejudge, task=task, name="finish")
    with pytest.raises(FieldError):
        services_notices.move_task(actor=enf.executor, task=task, name="return")
    done = services_notices.move_task(actor=enf.executor, task=task, name="finish", note="已查")
    assert done.status == "done" and done.finished_at
    counts = sn.queue_counts(enf.executor)
    assert counts["by_kind"]["inquiry"]["done"] == 1 and counts["open"] == 1
    extra = services_notices.request_task(actor=enf.executor, case=case, kind="auction_notice")
    assert (
        services_notices.request_task(actor=enf.executor, case=case, kind="auction_notice") == extra
    )


# -- pages and API: the permission matrix ---------------------------------------------------

# persona -> (notices page, centre page, reconciliation page, API notices, API tasks, API claim,
#             API issue notices, API reconciliation, report form POST)
MATRIX = {
    "executor": (200, 200, 200, 200, 200, 200, 201, 200, 302),
    "ejudge": (200, 200, 200, 200, 200, 409, 201, 200, 302),  # the executor claimed it first
    "court_admin": (403, 200, 200, 403, 200, 403, 403, 200, 403),
    "applicant": (403, 403, 403, 403, 404, 404, 403, 404, 403),
    "other_executor": (404, 200, 200, 404, 200, 404, 404, 200, 404),
    "judge": (404, 403, 403, 404, 404, 404, 404, 404, 404),
    "clerk": (404, 403, 403, 404, 404, 404, 404, 404, 404),
    "outsider": (404, 403, 403, 404, 404, 404, 404, 404, 404),
    "cross": (404, 403, 403, 404, 404, 404, 404, 404, 404),
}


def test_route_matrix(enf: Enf, django_capture_on_commit_callbacks: Any) -> None:
    case = _filed(enf, django_capture_on_commit_callbacks)
    task = case.tasks.get(kind="inquiry")
    respondent = case.parties.get(role="respondent").pk
    people = {**enf.net.users, "executor": enf.executor, "ejudge": enf.ejudge,
              "other_executor": enf.other_executor, "applicant": enf.applicant}  # fmt: skip
    got = {}
    for name in MATRIX:
        c = client_for(people[name])
        got[name] = (
            c.get(f"/enforcement/{case.pk}/notices/").status_code,
            c.get("/enforcement/centre/").status_code,
            c.get("/enforcement/reconciliation/").status_code,
            c.get(f"/api/v1/enforcement/cases/{case.pk}/notices/").status_code,
            c.get("/api/v1/enforcement/tasks/").status_code,
            c.post(f"/api/v1/enforcement/tasks/{task.pk}/claim/").status_code,
            c.post(
                f"/api/v1/enforcement/cases/{case.pk}/notices/", {}, content_type="application/json"
            ).status_code,
            c.get("/api/v1/enforcement/reconciliation/").status_code,
            # an empty report: refused on the page with a message (302), never written
            c.post(f"/enforcement/{case.pk}/notices/report/", {"party": respondent}).status_code,
        )
    assert got == MATRIX
    assert not PropertyReport.objects.exists()
    assert len(services_notices.notice_documents(case)) == 2  # issued once, by two people
    assert client_for(None).get("/api/v1/enforcement/tasks/").status_code in (401, 403)


def test_respondent_reports_on_its_page(enf: Enf) -> None:
    from fating.testing import member

    debtor = member("party")
    case = enf.file()
    case.parties.filter(role="respondent").update(user=debtor)
    c = client_for(debtor)
    page = c.get(f"/enforcement/{case.pk}/notices/")
    assert page.status_code == 200 and "提交财产报告" in page.content.decode()
    detail = c.get(f"/enforcement/{case.pk}/").content.decode()
    assert f"/enforcement/{case.pk}/notices/" in detail
    c.post(f"/enforcement/{case.pk}/notices/report/", {
        "item-0-kind": "deposit", "item-0-holder": "中国工商银行",
        "item-0-reference": "6222000011112222", "item-0-value": "80000"})  # fmt: skip
    report = PropertyReport.objects.get()
    assert report.by_party and report.recorded_by == debtor
    # the respondent cannot issue notices nor see the flags
    assert (
        c.post(f"/enforcement/{case.pk}/notices/issue/", {"report_days": "10"}).status_code == 403
    )


def test_hostile_input_writes_nothing(enf: Enf) -> None:
    case = enf.file()
    c = client_for(enf.executor)
    url = f"/api/v1/enforcement/cases/{case.pk}/reports/"
    for body in ({"items": "x"}, {"items": [{"kind": "gold", "holder": "x", "value": "1"}]},
                 {"items": [{"kind": "deposit", "holder": "x" * 61, "value": "1"}]},
                 {"items": [{"kind": "deposit", "holder": "x", "value": "NaN"}]},
                 {"items": [{"kind": "deposit", "holder": "x", "value": "1"}], "party": 999999}):  # fmt: skip
        r = c.post(url, body, content_type="application/json")
        assert r.status_code == 400, (body, r.content)
    assert not PropertyReport.objects.exists()
    r = c.post(f"/api/v1/enforcement/cases/{case.pk}/notices/", {"report_days": 0},
               content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and "report_days" in r.json()["error"]["fields"]
    assert c.get("/api/v1/enforcement/reconciliation/?month=2026-13").status_code == 400
    assert c.get("/enforcement/reconciliation/?month=../../x").status_code == 404
    assert c.post("/api/v1/enforcement/tasks/999999/claim/").status_code == 404


def test_retried_posts_write_once(enf: Enf, django_capture_on_commit_callbacks: Any) -> None:
    case = _filed(enf, django_capture_on_commit_callbacks)
    c = client_for(enf.executor)
    body = {"items": [{"kind": "deposit", "holder": "中国工商银行", "reference": "1", "value": "10"}],
            "party": case.parties.get(role="respondent").pk}  # fmt: skip
    url = f"/api/v1/enforcement/cases/{case.pk}/reports/"
    first = c.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="rep-1")
    second = c.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="rep-1")
    assert first.status_code == second.status_code == 201 and first.json() == second.json()
    assert PropertyReport.objects.count() == 1
    for _ in range(2):
        r = c.post(f"/api/v1/enforcement/cases/{case.pk}/notices/", {}, content_type="application/json",
                   HTTP_IDEMPOTENCY_KEY="issue-1")  # fmt: skip
        assert r.status_code == 201
    assert len(r.json()["documents"]) == 2
    task = case.tasks.get(kind="service")
    for _ in range(2):
        assert c.post(f"/api/v1/enforcement/tasks/{task.pk}/claim/",
                      HTTP_IDEMPOTENCY_KEY="claim-1").status_code == 200  # fmt: skip
    assert CentreTask.objects.get(pk=task.pk).status == "claimed"


def test_reconciliation_page_exports_and_command(enf: Enf) -> None:
    case = enf.file(amount="1000")
    services.triage_case(actor=enf.executor, case=case)
    services.search_property(actor=enf.executor, case=case)
    deposit = case.assets.get(kind="deposit")
    services.control_asset(actor=enf.executor, asset=deposit, action="deduct", amount=D("1000"))
    month = timezone.localdate().strftime("%Y-%m")
    with CaptureQueriesContext(connection) as ctx:
        sn.reconciliation(enf.net.court, month)
    assert len(ctx) == 3  # entries, deductions, cases: whatever the number of cases
    c = client_for(enf.executor)
    page = c.get(f"/enforcement/reconciliation/?month={month}").content.decode()
    assert case.case_number in page and "1000.00" in page
    api = c.get(f"/api/v1/enforcement/reconciliation/?month={month}").json()
    assert api["totals"]["money_in"] == "1000.00" and api["totals"]["closing"] == "1000.00"
    assert api["problems"] == 0
    xlsx = c.get(f"/enforcement/reconciliation/export.xlsx?month={month}")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = c.get(f"/enforcement/reconciliation/export.pdf?month={month}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("enforcement_reconcile", court=enf.net.court.code, month=month, stdout=out)
    assert case.case_number in out.getvalue()


def test_queue_query_count_is_flat(enf: Enf, django_capture_on_commit_callbacks: Any) -> None:
    def count() -> int:
        c = client_for(enf.executor)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get("/api/v1/enforcement/tasks/").status_code == 200
            assert c.get("/enforcement/centre/").status_code == 200
        return len(ctx)

    _filed(enf, django_capture_on_commit_callbacks)
    few = count()
    for _ in range(4):
        _filed(enf, django_capture_on_commit_callbacks)
    assert count() == few


def test_the_delivery_desk_serves_the_notices_on_the_parties(enf: Enf) -> None:
    case = enf.file()
    services_notices.issue_notices(actor=enf.executor, case=case)
    desk = f"/delivery/serve/enforcement.enforcementcase/{case.pk}/"
    page = client_for(enf.executor).get(desk)
    assert page.status_code == 200
    body = page.content.decode()
    assert "李四" in body and "执行通知书" in body and "报告财产令" in body
    assert client_for(enf.applicant).get(desk).status_code == 403
    assert client_for(enf.other_executor).get(desk).status_code == 404
    notices_page = client_for(enf.executor).get(f"/enforcement/{case.pk}/notices/").content.decode()
    assert desk in notices_page


# -- a search that answers closes the centre's 查控 task ---------------------------------------


def test_an_answered_search_closes_the_centres_search_task(
    enf: Enf, django_capture_on_commit_callbacks: Any
) -> None:
    from fating.core.models import AuditEvent
    from fating.enforcement.gateways import SandboxGateway

    case = _filed(enf, django_capture_on_commit_callbacks)
    task = case.tasks.get(kind="inquiry")
    services_notices.move_task(actor=enf.ejudge, task=task, name="claim")
    services.triage_case(actor=enf.executor, case=case)
    assert sn.queue_counts(enf.executor)["open"] == 2
    SandboxGateway.fail("inquire")
    assert services.search_property(actor=enf.executor, case=case).status == "failed"
    assert CentreTask.objects.get(pk=task.pk).status == "claimed"  # nothing answered: still due
    events = AuditEvent.objects.count()
    inquiry = services.search_property(actor=enf.executor, case=case)
    assert inquiry.status == "partial"  # the sandbox's 车辆管理所 never answers
    done = CentreTask.objects.get(pk=task.pk)
    assert done.status == "done" and done.finished_at is not None
    assert f"查询记录{inquiry.pk}" in done.note and "车辆管理所" in done.note
    assert AuditEvent.objects.count() == events + 1  # the search's own event names the task
    event = AuditEvent.objects.latest("seq")
    assert event.action == "enforcement.case.inquire" and event.after["tasks_done"] == [task.pk]
    assert case.tasks.get(kind="service").status == "open"
    counts = sn.queue_counts(enf.executor)
    assert counts["open"] == 1 and counts["by_kind"]["inquiry"]["done"] == 1
    page = client_for(enf.executor).get("/enforcement/centre/").content.decode()
    assert "查控已反馈，自动办结" not in page  # the centre offers no such move to a person
    assert task.pk not in [t.pk for t in sn.queue(enf.executor)]
    assert task.pk in [t.pk for t in sn.queue(enf.executor, status="done")]
    with pytest.raises(FieldError):  # nor can anyone take it by hand
        services_notices.move_task(actor=enf.ejudge, task=done, name="answered")


# -- flags for sanction: dismissed with a reason, or converted into a 失信 measure -----------------


def _flagged(enf: Enf) -> tuple[EnforcementCase, list[SanctionFlag]]:
    """A late report that left the house out: two flags (late, missing)."""
    case = enf.file()
    services.triage_case(actor=enf.executor, case=case)
    services.search_property(actor=enf.executor, case=case)
    EnforcementCase.objects.filter(pk=case.pk).update(
        report_due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    report = services_notices.submit_report(
        actor=enf.executor, case=case, party=case.parties.get(role="respondent"),
        items=[{"kind": "deposit", "holder": "中国工商银行", "reference": "6222000011112222",
                "value": "80000"}],
    )  # fmt: skip
    flags = list(report.flags.order_by("pk"))
    assert [f.ground for f in flags] == ["late", "missing"]
    return case, flags


def test_flags_are_dismissed_with_a_reason_or_converted(enf: Enf) -> None:
    from fating.core.models import AuditEvent
    from fating.enforcement import services_measures
    from fating.enforcement.models import Measure

    _case, (late, missing) = _flagged(enf)
    before = AuditEvent.objects.count()
    with pytest.raises(NotPermitted):
        services_notices.dismiss_flag(actor=enf.executor, flag=late, reason="情节轻微")
    with pytest.raises(NotVisible):
        services_notices.dismiss_flag(actor=enf.other_executor, flag=late, reason="情节轻微")
    with pytest.raises(FieldError) as empty:
        services_notices.dismiss_flag(actor=enf.ejudge, flag=late, reason="  ")
    assert "reason" in empty.value.fields
    with pytest.raises(NotPermitted):
        services_measures.convert_flag(actor=enf.executor, flag=missing)
    assert AuditEvent.objects.count() == before
    dismissed = services_notices.dismiss_flag(
        actor=enf.ejudge, flag=late, reason="逾期一日，情节轻微"
    )
    assert (dismissed.status, dismissed.decided_by, dismissed.decision_note) == (
        "dismissed", enf.ejudge, "逾期一日，情节轻微")  # fmt: skip
    assert AuditEvent.objects.latest("seq").action == "enforcement.flag.dismiss"
    with pytest.raises(InvalidTransition):
        services_notices.dismiss_flag(actor=enf.ejudge, flag=late, reason="再次")
    with pytest.raises(InvalidTransition):
        services_measures.convert_flag(actor=enf.ejudge, flag=late)
    assert not Measure.objects.exists()
    measure = services_measures.convert_flag(actor=enf.ejudge, flag=missing)
    assert measure.kind == "blacklist" and measure.grounds == ["breaks_report_duty"]
    assert "漏报财产" in measure.facts and measure.document is not None
    converted = SanctionFlag.objects.get(pk=missing.pk)
    assert (converted.status, converted.measure_id) == ("converted", measure.pk)
    event = AuditEvent.objects.filter(action__startswith="enforcement.").latest("seq")
    assert event.action == "enforcement.measure.blacklist" and event.after["flags"] == [missing.pk]
    with pytest.raises(InvalidTransition):
        services_measures.convert_flag(actor=enf.ejudge, flag=converted)


# persona -> (notices page shows the decision forms, page POST dismiss, API POST dismiss (no
# reason: 400 for the judge), API POST convert of a dismissed flag (409 for the judge))
FLAG_MATRIX = {
    "ejudge": (True, 302, 400, 409),
    "executor": (False, 403, 403, 403),
    "court_admin": (False, 404, 404, 404),
    "applicant": (False, 404, 404, 404),
    "other_executor": (False, 404, 404, 404),
    "judge": (False, 404, 404, 404),
    "cross": (False, 404, 404, 404),
}


def test_flag_routes_for_every_persona(enf: Enf) -> None:
    case, (late, missing) = _flagged(enf)
    services_notices.dismiss_flag(actor=enf.ejudge, flag=late, reason="情节轻微")
    people = {**enf.net.users, "executor": enf.executor, "ejudge": enf.ejudge,
              "other_executor": enf.other_executor, "applicant": enf.applicant}  # fmt: skip
    got = {}
    for name in FLAG_MATRIX:
        c = client_for(people[name])
        page = c.get(f"/enforcement/{case.pk}/notices/")
        got[name] = (
            page.status_code == 200 and f"/enforcement/flags/{missing.pk}/dismiss/" in page.content.decode(),
            c.post(f"/enforcement/flags/{missing.pk}/dismiss/", {"reason": ""}).status_code,
            c.post(f"/api/v1/enforcement/flags/{missing.pk}/dismiss/", {},
                   content_type="application/json").status_code,
            c.post(f"/api/v1/enforcement/flags/{late.pk}/convert/", {},
                   content_type="application/json").status_code,
        )  # fmt: skip
    assert got == FLAG_MATRIX
    assert SanctionFlag.objects.get(pk=missing.pk).status == "open"


def test_flag_pages_and_api_decide(enf: Enf) -> None:
    case, (late, missing) = _flagged(enf)
    judge = client_for(enf.ejudge)
    refused = judge.post(f"/enforcement/flags/{late.pk}/dismiss/", {"reason": ""}, follow=True)
    assert "请填写不予处罚的理由" in refused.content.decode()
    judge.post(f"/enforcement/flags/{late.pk}/dismiss/", {"reason": "逾期一日"})
    assert SanctionFlag.objects.get(pk=late.pk).status == "dismissed"
    page = client_for(enf.executor).get(f"/enforcement/{case.pk}/notices/").content.decode()
    assert "不予处罚" in page and "逾期一日" in page and "待决定" in page
    bad = judge.post(f"/api/v1/enforcement/flags/{missing.pk}/convert/", {"extra_years": 9},
                     content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and "延长年数" in str(bad.json()["error"]["fields"])
    made = [judge.post(f"/api/v1/enforcement/flags/{missing.pk}/convert/", {},
                       content_type="application/json", HTTP_IDEMPOTENCY_KEY="conv-1")
            for _ in range(2)]  # fmt: skip
    assert [r.status_code for r in made] == [201, 201] and made[0].json() == made[1].json()
    assert made[0].json()["kind"] == "blacklist" and made[0].json()["flag"] == missing.pk
    flags = judge.get(f"/api/v1/enforcement/cases/{case.pk}/notices/").json()["flags"]
    assert [(f["id"], f["status"]) for f in flags] == [(late.pk, "dismissed"),
                                                       (missing.pk, "converted")]  # fmt: skip
    shown = judge.get(f"/enforcement/{case.pk}/notices/").content.decode()
    assert "已转为失信措施" in shown and f"/enforcement/flags/{missing.pk}/" not in shown


def test_a_case_searched_before_its_tasks_open_gets_its_search_task_done(
    enf: Enf, django_capture_on_commit_callbacks: Any
) -> None:
    """One transaction files and searches (the demo's seeding): the tasks open after it, and
    the 网络查控 one is done already."""
    with django_capture_on_commit_callbacks(execute=True):
        case = enf.file()
        services.triage_case(actor=enf.executor, case=case)
        services.search_property(actor=enf.executor, case=case)
    tasks = dict(case.tasks.values_list("kind", "status"))
    assert tasks == {"inquiry": "done", "service": "open"}


def test_the_flag_list_queries_do_not_grow(enf: Enf) -> None:
    case, (late, _missing) = _flagged(enf)
    services_notices.dismiss_flag(actor=enf.ejudge, flag=late, reason="情节轻微")

    def count() -> int:
        c = client_for(enf.ejudge)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(f"/enforcement/{case.pk}/notices/").status_code == 200
            assert c.get(f"/api/v1/enforcement/cases/{case.pk}/notices/").status_code == 200
        return len(ctx)

    count()  # the first request of a client does its session's own queries
    few = count()
    for n in range(4):
        SanctionFlag.objects.create(
            case=case, party=late.party, report=late.report, ground="false", detail=f"差异{n}",
            proposal="fine", key=f"extra:{n}", status="dismissed", decided_by=enf.ejudge,
            decided_at=timezone.now(), decision_note="情节轻微",
        )  # fmt: skip
    assert count() == few
