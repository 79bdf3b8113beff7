"""Measures as records (限制消费令, 失信), the public 失信 list, objections (执异), the 终本
re-search and 恢复执行: rules, services, the permission matrix of every new page and endpoint,
hostile input, retried POSTs and query counts."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fating.core.audit import AuditEvent
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.demo.enforcement_notices import serve_notices
from fating.enforcement import services, services_measures
from fating.enforcement.gateways import FoundAsset, SandboxGateway
from fating.enforcement.models import EnforcementCase, Inquiry, Measure, Objection, ReSearch
from fating.enforcement.rules import records
from fating.enforcement.tests.conftest import POOR_ID, RICH_ID, Enf
from fating.testing import client_for

FACTS = "执行通知书已送达，被执行人逾期未履行"


# -- pure rules ---------------------------------------------------------------------------------


def test_blacklist_periods_follow_article_2() -> None:
    start = dt.date(2026, 4, 20)
    assert records.blacklist_end(start, frozenset({"evades"}), 0) == dt.date(2028, 4, 19)
    assert records.blacklist_end(start, frozenset({"evades", "obstructs"}), 3) == dt.date(
        2031, 4, 19
    )
    # Ground (一) alone has no fixed period (until performed).
    assert records.blacklist_end(start, frozenset({"able_but_refuses"}), 0) is None
    assert records.blacklist_period_problem(frozenset({"evades"}), 0) is None
    assert records.blacklist_period_problem(frozenset({"evades"}), 1)  # one ground, no violence
    assert records.blacklist_period_problem(frozenset({"obstructs"}), 3) is None
    assert records.blacklist_period_problem(frozenset({"evades", "breaks_report_duty"}), 2) is None
    assert records.blacklist_period_problem(frozenset({"obstructs"}), 4)
    assert records.blacklist_period_problem(frozenset({"able_but_refuses"}), 1)
    # Leap day: 2 years later there is no 29 February (民法典 第202条: the month's last day).
    assert records.blacklist_end(dt.date(2028, 2, 29), frozenset({"evades"}), 0) == dt.date(
        2030, 2, 27
    )


def test_research_every_six_months_for_five_years() -> None:
    closed = dt.date(2026, 1, 31)
    assert records.research_due(closed, 1) == dt.date(2026, 7, 31)
    assert records.research_due(closed, 2) == dt.date(2027, 1, 31)
    assert records.research_due(closed, 10) == dt.date(2031, 1, 31)
    with pytest.raises(ValueError):
        records.research_due(closed, 11)
    assert records.research_round_due(closed, set(), dt.date(2026, 7, 30)) is None
    assert records.research_round_due(closed, set(), dt.date(2026, 7, 31)) == 1
    assert records.research_round_due(closed, {1}, dt.date(2027, 2, 1)) == 2
    assert records.research_round_due(closed, {1}, dt.date(2028, 2, 1)) == 2  # missed: oldest first
    assert records.research_round_due(closed, set(range(1, 11)), dt.date(2035, 1, 1)) is None
    assert records.research_round_due(closed, set(range(1, 10)), dt.date(2031, 3, 2)) == 10  # grace
    assert records.research_round_due(closed, set(), dt.date(2031, 3, 3)) is None  # after 5 years


def test_only_an_act_objection_goes_to_review() -> None:
    assert records.OBJECTION.allows("rejected", "review", records.ObjectionKind.ACT)
    assert not records.OBJECTION.allows("rejected", "review", records.ObjectionKind.THIRD_PARTY)
    assert not records.OBJECTION.allows("filed", "review", records.ObjectionKind.ACT)


# -- services -----------------------------------------------------------------------------------


def _noticed(enf: Enf, respondent_id: str = RICH_ID) -> EnforcementCase:
    case = enf.file(respondent_id=respondent_id)
    serve_notices(case, enf.executor)  # served through delivery: the case records the date
    return case


@pytest.mark.django_db
def test_blacklist_is_a_record_with_ground_period_and_document(enf: Enf) -> None:
    case = _noticed(enf)
    m = services_measures.decide_measure(
        actor=enf.ejudge, case=case, kind="blacklist", grounds=["evades", "obstructs"],
        extra_years=3, facts=FACTS, on=dt.date(2026, 4, 20),
    )  # fmt: skip
    assert m.status == "active" and m.published and m.grounds == ["evades", "obstructs"]
    assert m.ends_on == dt.date(2031, 4, 19) and m.legal_basis == records.BLACKLIST_BASIS
    assert m.document is not None and m.document.kind == "enforcement_measure"
    assert "确定给付50000" in m.obligation
    with pytest.raises(InvalidTransition):  # one active entry per respondent and kind
        services_measures.decide_measure(actor=enf.ejudge, case=case, kind="blacklist",
                                         grounds=["evades"], facts=FACTS)  # fmt: skip
    assert Measure.objects.count() == 1
    with pytest.raises(FieldError):
        services_measures.lift_measure(actor=enf.ejudge, measure=m, reason="bored")
    with pytest.raises(NotPermitted):
        services_measures.lift_measure(actor=enf.executor, measure=m, reason="performed")
    with pytest.raises(NotVisible):
        services_measures.lift_measure(actor=enf.other_executor, measure=m, reason="performed")
    m = services_measures.lift_measure(actor=enf.ejudge, measure=m, reason="corrected")
    assert (m.status, m.published, m.lift_reason) == ("lifted", False, "corrected")
    with pytest.raises(InvalidTransition):
        services_measures.lift_measure(actor=enf.ejudge, measure=m, reason="performed")


@pytest.mark.django_db
def test_hostile_measures_write_nothing(enf: Enf) -> None:
    case = _noticed(enf)
    bad: list[dict[str, Any]] = [
        {"kind": "death_penalty"},
        {"kind": "blacklist", "grounds": []},
        {"kind": "blacklist", "grounds": ["unknown"]},
        {"kind": "blacklist", "grounds": ["evades"], "extra_years": 2},
        {"kind": "blacklist", "grounds": ["obstructs"], "extra_years": 9},
        {"kind": "consumption_ban", "grounds": ["evades"]},
        {"kind": "consumption_ban", "facts": ""},
        {"kind": "consumption_ban", "facts": "x" * 1001},
    ]
    for kw in bad:
        kw.setdefault("facts", FACTS)
        with pytest.raises(FieldError):
            services_measures.decide_measure(actor=enf.ejudge, case=case, **kw)
    stranger = enf.file().parties.get(role="respondent")
    with pytest.raises(FieldError):
        services_measures.decide_measure(actor=enf.ejudge, case=case, kind="consumption_ban",
                                         party=stranger, facts=FACTS)  # fmt: skip
    assert not Measure.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="enforcement.measure").exists()


@pytest.mark.django_db(transaction=True)
def test_closing_as_performed_lifts_every_measure_once(enf: Enf) -> None:
    case = _noticed(enf)
    ban = services_measures.decide_measure(
        actor=enf.ejudge, case=case, kind="consumption_ban", facts=FACTS
    )
    entry = services_measures.decide_measure(actor=enf.ejudge, case=case, kind="blacklist",
                                             grounds=["able_but_refuses"], facts=FACTS)  # fmt: skip
    services.triage_case(actor=enf.executor, case=case)
    services.close_case(actor=enf.ejudge, case=case, action="terminate", note="申请执行人撤回申请")
    for m in (ban, entry):
        m.refresh_from_db()
        assert (m.status, m.lift_reason, m.published) == ("lifted", "case_closed", False)
    assert AuditEvent.objects.filter(action="enforcement.measure.lift").count() == 2


@pytest.mark.django_db
def test_expiry_takes_the_entry_off_the_list_once(enf: Enf) -> None:
    case = _noticed(enf)
    m = services_measures.decide_measure(actor=enf.ejudge, case=case, kind="blacklist",
                                         grounds=["evades"], facts=FACTS, on=dt.date(2024, 1, 10))  # fmt: skip
    assert services_measures.expire_measures(today=dt.date(2026, 1, 9)) == 0
    assert services_measures.expire_measures(today=dt.date(2026, 1, 10)) == 1
    assert services_measures.expire_measures(today=dt.date(2026, 1, 11)) == 0
    m.refresh_from_db()
    assert (m.status, m.published) == ("expired", False)


@pytest.mark.django_db
def test_objection_numbers_deadline_and_ruling(enf: Enf) -> None:
    from fating.core.calendar.periods import days, period_end
    from fating.core.court_calendar import court_calendar

    case = enf.file(applied_on=dt.date(2026, 9, 1), effective_on=dt.date(2026, 8, 1))
    first = services_measures.file_objection(
        actor=enf.executor, case=case, kind="third_party", objector_name="王五",
        target="查封的房屋", reasons="房屋系本人所有", received_on=dt.date(2026, 9, 25),
    )  # fmt: skip
    # 15 days from receipt through the court calendar (CPL 第85条: moved past holidays).
    expected = period_end(dt.date(2026, 9, 25), days(15), calendar=court_calendar()).end
    assert first.decide_by == expected >= dt.date(2026, 10, 10)
    assert first.number.endswith("执异1号")
    second = services_measures.file_objection(actor=enf.applicant, case=case, kind="act",
                                              target="冻结账户", reasons="超额冻结")  # fmt: skip
    assert second.number.endswith("执异2号") and second.objector_user == enf.applicant
    with pytest.raises(FieldError):  # a party online: only an act objection
        services_measures.file_objection(actor=enf.applicant, case=case, kind="third_party",
                                         target="x", reasons="y")  # fmt: skip
    with pytest.raises(NotVisible):
        services_measures.file_objection(actor=enf.other_executor, case=case, kind="act",
                                         target="x", reasons="y", objector_name="z")  # fmt: skip
    with pytest.raises(NotPermitted):
        services_measures.decide_objection(
            actor=enf.executor, objection=second, uphold=True, ruling_text="r"
        )
    ruled = services_measures.decide_objection(actor=enf.ejudge, objection=second, uphold=False,
                                               ruling_text="冻结金额未超出应履行义务的范围")  # fmt: skip
    assert ruled.status == "rejected" and ruled.document is not None and ruled.remedy_by
    with pytest.raises(InvalidTransition):
        services_measures.decide_objection(
            actor=enf.ejudge, objection=ruled, uphold=True, ruling_text="r"
        )
    reviewed = services_measures.request_review(actor=enf.applicant, objection=ruled)
    assert reviewed.status == "reviewing"
    third = services_measures.decide_objection(
        actor=enf.ejudge, objection=first, uphold=True, ruling_text="登记在王五名下"
    )
    with pytest.raises(InvalidTransition):  # a third party goes to a suit, not 复议
        services_measures.request_review(actor=enf.executor, objection=third)
    late = services_measures.file_objection(
        actor=enf.applicant, case=case, kind="act", target="a", reasons="b"
    )
    late = services_measures.decide_objection(
        actor=enf.ejudge, objection=late, uphold=False, ruling_text="c"
    )
    assert late.remedy_by is not None
    with pytest.raises(InvalidTransition):
        services_measures.request_review(actor=enf.applicant, objection=late,
                                         on=late.remedy_by + dt.timedelta(days=1))  # fmt: skip
    assert Objection.objects.get(pk=late.pk).status == "rejected"


def _concluded(enf: Enf, closed_on: dt.date) -> EnforcementCase:
    case = enf.file(respondent_id=POOR_ID)
    EnforcementCase.objects.filter(pk=case.pk).update(status="concluded", closed_on=closed_on)
    case.refresh_from_db()
    return case


@pytest.mark.django_db(transaction=True)
def test_research_beat_finds_property_tells_and_offers_resumption(
    enf: Enf, sandbox: type[SandboxGateway]
) -> None:
    today = dt.date.today()
    case = _concluded(enf, today - dt.timedelta(days=200))
    case.executor = enf.executor
    case.save()
    assert services_measures.research_concluded(today=today) == 1
    assert services_measures.research_concluded(today=today) == 0  # round 1 done: nothing due
    row = ReSearch.objects.get(case=case)
    assert (row.round, row.status, row.found) == (1, "done", 0)
    # Round 2 comes due; the gateway fails once (retried the next day), then finds a deposit.
    later = today + dt.timedelta(days=200)
    sandbox.fail("inquire")
    assert services_measures.research_concluded(today=later) == 1
    assert ReSearch.objects.get(case=case, round=2).status == "failed"
    sandbox.register(
        POOR_ID, (FoundAsset("deposit", "某银行", "6222111122223333", Decimal("9000")),)
    )
    assert services_measures.research_concluded(today=later) == 1
    row = ReSearch.objects.get(case=case, round=2)
    assert (row.status, row.found, row.attempts) == ("done", 1, 2)
    from fating.core.models import OutboxMessage

    told = set(
        OutboxMessage.objects.filter(subject__contains="终本后定期查询").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {enf.executor.pk, enf.applicant.pk}
    assert Inquiry.objects.filter(case=case).count() == 2
    # 恢复执行: by the applicant, once, a 执恢 case for the unpaid remainder.
    with pytest.raises(NotVisible):
        services_measures.resume_concluded(actor=enf.other_executor, case=case)
    resumed = services_measures.resume_concluded(actor=enf.applicant, case=case)
    assert resumed.type_code == "执恢" and "执恢" in resumed.case_number
    assert resumed.resumed_from == case and resumed.amount == case.amount
    with pytest.raises(InvalidTransition):
        services_measures.resume_concluded(actor=enf.executor, case=case)


@pytest.mark.django_db
def test_research_stops_after_five_years(enf: Enf) -> None:
    today = dt.date.today()
    _concluded(enf, today.replace(year=today.year - 6))
    assert services_measures.research_concluded(today=today) == 0


# -- pages and API: the permission matrix ---------------------------------------------------------


def _people(enf: Enf) -> dict[str, Any]:
    return {**enf.net.users, "executor": enf.executor, "ejudge": enf.ejudge,
            "other_executor": enf.other_executor, "applicant": enf.applicant}  # fmt: skip


# persona -> (case page, objections page, objection page, API measures GET, API objection GET,
#             API measures POST, API objection decide)
MATRIX = {
    "ejudge": (200, 200, 200, 200, 200, 201, 200),
    "executor": (200, 200, 200, 200, 200, 403, 403),
    "court_admin": (200, 200, 200, 200, 200, 403, 403),
    "applicant": (200, 200, 200, 200, 200, 403, 403),
    "other_executor": (404, 200, 404, 404, 404, 404, 404),
    "other_admin": (404, 200, 404, 404, 404, 404, 404),
    "judge": (404, 200, 404, 404, 404, 404, 404),
    "clerk": (404, 200, 404, 404, 404, 404, 404),
    "liaison": (404, 200, 404, 404, 404, 404, 404),
    "mediator": (404, 200, 404, 404, 404, 404, 404),
    "governance": (404, 200, 404, 404, 404, 404, 404),
    "agent": (404, 200, 404, 404, 404, 404, 404),
    "outsider": (404, 200, 404, 404, 404, 404, 404),
    "cross": (404, 200, 404, 404, 404, 404, 404),
}


@pytest.mark.django_db
def test_permission_matrix(enf: Enf) -> None:
    people = _people(enf)
    got = {}
    for name in MATRIX:
        case = _noticed(enf)
        objection = services_measures.file_objection(actor=enf.executor, case=case, kind="act",
                                                     objector_name="李四", target="冻结", reasons="超额")  # fmt: skip
        client = client_for(people[name])
        body = {"kind": "consumption_ban", "facts": FACTS}
        got[name] = (
            client.get(f"/enforcement/{case.pk}/").status_code,
            client.get("/enforcement/objections/").status_code,
            client.get(f"/enforcement/objections/{objection.pk}/").status_code,
            client.get(f"/api/v1/enforcement/cases/{case.pk}/measures/").status_code,
            client.get(f"/api/v1/enforcement/objections/{objection.pk}/").status_code,
            client.post(f"/api/v1/enforcement/cases/{case.pk}/measures/", data=json.dumps(body),
                        content_type="application/json").status_code,
            client.post(f"/api/v1/enforcement/objections/{objection.pk}/decide/",
                        data=json.dumps({"outcome": "reject", "ruling_text": "理由不成立"}),
                        content_type="application/json").status_code,
        )  # fmt: skip
    assert got == MATRIX
    anonymous = client_for(None)
    assert anonymous.get("/api/v1/enforcement/objections/").status_code in (401, 403)
    assert anonymous.get("/enforcement/objections/").status_code == 302  # to the login page
    # Only the ejudge's measures and rulings were written.
    assert Measure.objects.filter(decided_by=enf.ejudge).count() == Measure.objects.count() == 1


@pytest.mark.django_db
def test_objections_list_shows_what_each_may_see(enf: Enf) -> None:
    case = enf.file()
    services_measures.file_objection(
        actor=enf.applicant, case=case, kind="act", target="a", reasons="b"
    )
    for who, seen in (
        (enf.executor, 1),
        (enf.applicant, 1),
        (enf.other_executor, 0),
        (enf.net.users["outsider"], 0),
    ):
        rows = client_for(who).get("/api/v1/enforcement/objections/").json()
        assert len(rows) == seen


@pytest.mark.django_db
def test_api_hostile_input_is_400_and_writes_nothing(enf: Enf) -> None:
    case = _noticed(enf)
    client = client_for(enf.ejudge)
    for body in ({"kind": "blacklist", "grounds": ["evades"], "extra_years": 7, "facts": FACTS},
                 {"kind": "blacklist", "grounds": "evades", "facts": FACTS},
                 {"kind": "blacklist", "grounds": ["x" * 500], "facts": FACTS},
                 {"kind": "consumption_ban", "facts": "x" * 5000},
                 {"kind": "consumption_ban", "party": 10**12, "facts": FACTS},
                 {"kind": "consumption_ban", "party": 999999, "facts": FACTS},
                 {"kind": "<script>", "facts": FACTS}):  # fmt: skip
        r = client.post(f"/api/v1/enforcement/cases/{case.pk}/measures/", data=json.dumps(body),
                        content_type="application/json")  # fmt: skip
        assert r.status_code == 400, (body, r.content)
    executor = client_for(enf.executor)
    for body in ({"kind": "act", "target": "", "reasons": "b", "objector_name": "c"},
                 {"kind": "act", "target": "a", "reasons": "b" * 3000, "objector_name": "c"},
                 {"kind": "act", "target": "a", "reasons": "b", "objector_name": ""},
                 {"kind": "act", "target": "a", "reasons": "b", "objector_name": "c", "received_on": "2999-01-01"},
                 {"kind": "appeal", "target": "a", "reasons": "b", "objector_name": "c"}):  # fmt: skip
        r = executor.post(f"/api/v1/enforcement/cases/{case.pk}/objections/", data=json.dumps(body),
                          content_type="application/json")  # fmt: skip
        assert r.status_code == 400, (body, r.content)
    assert not Measure.objects.exists() and not Objection.objects.exists()


@pytest.mark.django_db
def test_retried_posts_write_once(enf: Enf) -> None:
    case = _noticed(enf)
    judge, executor = client_for(enf.ejudge), client_for(enf.executor)
    body = json.dumps({"kind": "blacklist", "grounds": ["evades"], "facts": FACTS})
    answers = [judge.post(f"/api/v1/enforcement/cases/{case.pk}/measures/", data=body,
                          content_type="application/json", HTTP_IDEMPOTENCY_KEY="m-1") for _ in range(2)]  # fmt: skip
    assert [a.status_code for a in answers] == [201, 201] and answers[0].json() == answers[1].json()
    assert Measure.objects.count() == 1
    body = json.dumps({"kind": "act", "target": "冻结", "reasons": "超额", "objector_name": "李四"})
    answers = [executor.post(f"/api/v1/enforcement/cases/{case.pk}/objections/", data=body,
                             content_type="application/json", HTTP_IDEMPOTENCY_KEY="o-1") for _ in range(2)]  # fmt: skip
    assert answers[0].json()["number"] == answers[1].json()["number"]
    assert Objection.objects.count() == 1


# -- the public list -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_list_shows_only_active_published_entries_masked(enf: Enf, settings: Any) -> None:
    cache.clear()
    shown = _noticed(enf)
    services_measures.decide_measure(actor=enf.ejudge, case=shown, kind="blacklist",
                                     grounds=["evades"], facts=FACTS)  # fmt: skip
    banned = _noticed(enf, respondent_id=POOR_ID)
    banned.parties.filter(role="respondent").update(name="钱某")
    services_measures.decide_measure(
        actor=enf.ejudge, case=banned, kind="consumption_ban", facts=FACTS
    )
    lifted = _noticed(enf, respondent_id="110101199001010033")
    lifted.parties.filter(role="respondent").update(name="孙某")
    m = services_measures.decide_measure(actor=enf.ejudge, case=lifted, kind="blacklist",
                                         grounds=["evades"], facts=FACTS)  # fmt: skip
    services_measures.lift_measure(actor=enf.ejudge, measure=m, reason="performed")
    anonymous = client_for(None)
    page = anonymous.get("/enforcement/public/dishonest/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "李四" in html and "110101********0011" in html and RICH_ID not in html
    assert shown.case_number in html and enf.net.court.name in html
    assert (
        "钱某" not in html and "孙某" not in html
    )  # a 限高 order and a deleted entry are not listed
    assert "张三" not in html  # the applicant is nobody's business here
    assert "李四" not in anonymous.get("/enforcement/public/dishonest/?q=王").content.decode()
    assert "李四" in anonymous.get("/enforcement/public/dishonest/?q=李").content.decode()
    long = anonymous.get("/enforcement/public/dishonest/?q=" + "李" * 5000)
    assert long.status_code == 200
    assert "失信被执行人名单公布" in anonymous.get("/login/").content.decode()


@pytest.mark.django_db
def test_public_list_is_throttled(enf: Enf) -> None:
    cache.clear()
    anonymous = client_for(None)
    from fating.enforcement.views_measures import PUBLIC_LIMIT

    codes = [
        anonymous.get("/enforcement/public/dishonest/").status_code for _ in range(PUBLIC_LIMIT + 1)
    ]
    assert codes[:PUBLIC_LIMIT] == [200] * PUBLIC_LIMIT and codes[-1] == 429
    cache.clear()


@pytest.mark.django_db
def test_list_queries_do_not_grow(enf: Enf) -> None:
    def counts() -> tuple[int, int, int]:
        cache.clear()
        with CaptureQueriesContext(connection) as public:
            client_for(None).get("/enforcement/public/dishonest/")
        with CaptureQueriesContext(connection) as objections:
            client_for(enf.executor).get("/enforcement/objections/")
        with CaptureQueriesContext(connection) as api:
            client_for(enf.executor).get("/api/v1/enforcement/objections/")
        return len(public), len(objections), len(api)

    def grow(n: int) -> None:
        for i in range(n):
            case = _noticed(enf, respondent_id=f"11010119900101{1000 + i:04d}")
            services_measures.decide_measure(actor=enf.ejudge, case=case, kind="blacklist",
                                             grounds=["evades"], facts=FACTS)  # fmt: skip
            services_measures.file_objection(actor=enf.executor, case=case, kind="act",
                                             objector_name="李四", target="a", reasons="b")  # fmt: skip

    grow(2)
    small = counts()
    grow(4)
    assert counts() == small
    assert small[0] <= 3  # the public list: one query for the rows (plus the session-free page)


@pytest.mark.django_db
def test_the_pages_decide_object_rule_and_resume(enf: Enf) -> None:
    """The forms on the pages reach the same services; each shows only what its user may do."""
    case = _noticed(enf)
    judge, executor, applicant = (client_for(u) for u in (enf.ejudge, enf.executor, enf.applicant))
    page = judge.get(f"/enforcement/{case.pk}/").content.decode()
    assert "作出决定并生成决定书" in page
    assert "作出决定并生成决定书" not in executor.get(f"/enforcement/{case.pk}/").content.decode()
    form = {"kind": "blacklist", "grounds": ["evades", "breaks_report_duty"], "extra_years": "1",
            "facts": FACTS, "idempotency_key": "page-measure-1"}  # fmt: skip
    for _ in range(2):  # a double submit writes once
        assert judge.post(f"/enforcement/{case.pk}/measures/new/", form).status_code == 302
    measure = Measure.objects.get()
    assert measure.extra_years == 1 and measure.ends_on is not None
    page = judge.get(f"/enforcement/{case.pk}/").content.decode()
    assert "解除或删除" in page and f"/documents/{measure.document_id}/pdf/" in page
    assert "/delivery/serve/enforcement.enforcementcase/" in page
    assert (
        client_for(enf.net.users["outsider"]).get("/enforcement/public/dishonest/").status_code
        == 200
    )
    # The applicant objects online (an act objection only); the judge rules on the page.
    assert applicant.get(f"/enforcement/{case.pk}/objections/new/").status_code == 200
    assert (
        client_for(enf.net.users["judge"])
        .get(f"/enforcement/{case.pk}/objections/new/")
        .status_code
        == 404
    )
    assert (
        client_for(enf.net.users["court_admin"])
        .get(f"/enforcement/{case.pk}/objections/new/")
        .status_code
        == 403
    )
    bad = applicant.post(
        f"/enforcement/{case.pk}/objections/new/", {"kind": "act", "target": "", "reasons": "x"}
    )
    assert bad.status_code == 400 and not Objection.objects.exists()
    done = applicant.post(f"/enforcement/{case.pk}/objections/new/",
                          {"kind": "act", "target": "失信决定", "reasons": "已部分履行"})  # fmt: skip
    objection = Objection.objects.get()
    assert done.status_code == 302 and objection.objector_user == enf.applicant
    assert (
        "作出裁定" not in executor.get(f"/enforcement/objections/{objection.pk}/").content.decode()
    )
    assert (
        executor.post(
            f"/enforcement/objections/{objection.pk}/decide/",
            {"outcome": "uphold", "ruling_text": "x"},
        ).status_code
        == 403
    )
    judge.post(
        f"/enforcement/objections/{objection.pk}/decide/",
        {"outcome": "reject", "ruling_text": "理由不成立"},
    )
    objection.refresh_from_db()
    assert objection.status == "rejected" and objection.document_id
    court_admin_page = client_for(enf.net.users["court_admin"]).get(
        f"/enforcement/objections/{objection.pk}/"
    )
    assert "登记复议申请" not in court_admin_page.content.decode()  # it may see, not apply
    assert (
        "登记复议申请" in applicant.get(f"/enforcement/objections/{objection.pk}/").content.decode()
    )
    applicant.post(f"/enforcement/objections/{objection.pk}/review/")
    assert Objection.objects.get().status == "reviewing"
    # Lift on the page.
    judge.post(f"/enforcement/measures/{measure.pk}/lift/", {"reason": "performed"})
    assert Measure.objects.get().status == "lifted"
    # 恢复执行 on the page of a 终本 case.
    concluded = _concluded(enf, dt.date.today() - dt.timedelta(days=10))
    assert "恢复执行（执恢）" in applicant.get(f"/enforcement/{concluded.pk}/").content.decode()
    response = applicant.post(f"/enforcement/{concluded.pk}/resume/")
    resumed = EnforcementCase.objects.get(resumed_from=concluded)
    assert response.status_code == 302 and response["Location"] == f"/enforcement/{resumed.pk}/"
    assert "恢复执行（执恢）" not in applicant.get(f"/enforcement/{concluded.pk}/").content.decode()


@pytest.mark.django_db
def test_decision_is_served_through_delivery(enf: Enf) -> None:
    from fating.delivery import services as delivery
    from fating.delivery.selectors import recipients_of

    case = _noticed(enf)
    m = services_measures.decide_measure(
        actor=enf.ejudge, case=case, kind="consumption_ban", facts=FACTS
    )
    respondent = case.parties.get(role="respondent")
    keys = [r.key for r in recipients_of(case)]
    assert f"enforcement.enforcementparty:{respondent.pk}" in keys
    with pytest.raises(NotVisible):
        delivery.serve_document(actor=enf.other_executor, document=m.document,
                                party_key=keys[1], channels=["post"])  # fmt: skip
    service = delivery.serve_document(actor=enf.executor, document=m.document,
                                      party_key=f"enforcement.enforcementparty:{respondent.pk}",
                                      channels=["post"], tracking_number="EMS123")  # fmt: skip
    assert service.recipient_name == "李四"
    desk = client_for(enf.executor).get(f"/delivery/serve/enforcement.enforcementcase/{case.pk}/")
    assert desk.status_code == 200 and "李四" in desk.content.decode()


@pytest.mark.django_db
def test_every_link_on_the_new_pages_opens(enf: Enf) -> None:
    """No door shown on the case page's new sections or the objection pages leads to a refusal."""
    import re

    case = _noticed(enf)
    services_measures.decide_measure(
        actor=enf.ejudge, case=case, kind="consumption_ban", facts=FACTS
    )
    objection = services_measures.file_objection(actor=enf.applicant, case=case, kind="act",
                                                 target="冻结", reasons="超额")  # fmt: skip
    services_measures.decide_objection(
        actor=enf.ejudge, objection=objection, uphold=False, ruling_text="不成立"
    )
    pages = [
        f"/enforcement/{case.pk}/",
        "/enforcement/objections/",
        f"/enforcement/objections/{objection.pk}/",
    ]
    for user in (enf.ejudge, enf.executor, enf.applicant, enf.net.users["court_admin"]):
        client = client_for(user)
        for path in pages:
            html = client.get(path).content.decode()
            for link in set(re.findall(r'href="(/[^"#]*)"', html)):
                if link.startswith(("/static/", "/logout", "/i18n/")):
                    continue
                code = client.get(link.replace("&amp;", "&")).status_code
                assert code == 200, (user.username, path, link, code)
