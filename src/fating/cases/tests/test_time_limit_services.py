"""审限 in the app: extensions, excluded periods, procedure changes, warnings, closure rates."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from fating.cases.models import Case, TimeLimitExtension
from fating.cases.services import hearings
from fating.cases.services import time_limits as services
from fating.cases.tests.factories import case_on
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.models import OutboxMessage
from fating.testing import Network, client_for

ACCEPTED = date(2026, 3, 2)  # a Monday; ordinary 审限 ends 2026-09-02, simple 2026-06-02


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """The services' "today", settable by the test."""
    current = [date(2026, 4, 15)]
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: current[0])
    return current


@pytest.fixture
def ordinary(network: Network, today: list[date]) -> Case:
    return case_on(network, accepted_on=ACCEPTED, procedure="ordinary")


@pytest.fixture
def simple(network: Network, today: list[date]) -> Case:
    return case_on(network, accepted_on=ACCEPTED, procedure="simple")


def test_due_date_counts_from_the_day_after_acceptance(ordinary: Case, simple: Case) -> None:
    assert ordinary.due_on == date(2026, 9, 2)
    assert simple.due_on == date(2026, 6, 2)


def test_judge_asks_president_six_months_for_ordinary(network: Network, ordinary: Case) -> None:
    ext = services.request_extension(
        actor=network.users["judge"], case=ordinary, reasons="案情复杂"
    )
    assert (ext.approver, ext.amount, ext.unit, ext.status) == (
        "president",
        6,
        "month",
        "requested",
    )
    ordinary.refresh_from_db()
    assert ordinary.due_on == date(2026, 9, 2)  # nothing changes before approval


def test_approval_by_court_admin_moves_the_due_date(network: Network, ordinary: Case) -> None:
    ext = services.request_extension(actor=network.users["judge"], case=ordinary, reasons="鉴定")
    services.decide_extension(actor=network.users["court_admin"], extension=ext, approve=True)
    ordinary.refresh_from_db()
    assert ordinary.due_on == date(2027, 3, 2)


def test_clerk_cannot_ask_for_an_extension(network: Network, ordinary: Case) -> None:
    with pytest.raises(NotPermitted, match=r"^只有承办法官可以申请延长审限。$"):
        services.request_extension(actor=network.users["clerk"], case=ordinary, reasons="x")


def test_judge_cannot_approve_own_request(network: Network, ordinary: Case) -> None:
    ext = services.request_extension(actor=network.users["judge"], case=ordinary, reasons="x")
    with pytest.raises(NotPermitted, match=r"^只有本院院长（由法院管理员登记）可以审批延长审限。$"):
        services.decide_extension(actor=network.users["judge"], extension=ext, approve=True)


def test_refusal_needs_reasons(network: Network, ordinary: Case) -> None:
    ext = services.request_extension(actor=network.users["judge"], case=ordinary, reasons="x")
    with pytest.raises(FieldError) as err:
        services.decide_extension(actor=network.users["court_admin"], extension=ext, approve=False)
    assert err.value.fields == {"note": ["不予批准的，请写明理由。"]}


def test_one_pending_request_at_a_time(network: Network, ordinary: Case) -> None:
    services.request_extension(actor=network.users["judge"], case=ordinary, reasons="x")
    with pytest.raises(InvalidTransition, match=r"^该案已有待审批的延长审限申请。$"):
        services.request_extension(actor=network.users["judge"], case=ordinary, reasons="y")


def test_second_ordinary_extension_goes_to_the_higher_court(
    network: Network, ordinary: Case
) -> None:
    judge, admin = network.users["judge"], network.users["court_admin"]
    first = services.request_extension(actor=judge, case=ordinary, reasons="x")
    services.decide_extension(actor=admin, extension=first, approve=True)
    with pytest.raises(FieldError) as err:
        services.request_extension(actor=judge, case=ordinary, reasons="y")
    assert err.value.fields == {"amount": ["请填写延长的期限。"]}
    second = services.request_extension(actor=judge, case=ordinary, reasons="y", amount=3)
    assert second.approver == "higher_court"
    services.decide_extension(actor=admin, extension=second, approve=True)
    ordinary.refresh_from_db()
    assert ordinary.due_on == date(2027, 6, 2)


def test_simple_procedure_extension_is_capped_at_one_month(network: Network, simple: Case) -> None:
    with pytest.raises(FieldError) as err:
        services.request_extension(
            actor=network.users["judge"], case=simple, reasons="x", amount=2, unit="month"
        )
    assert err.value.fields["amount"][0].startswith("简易程序经本院院长批准累计延长不得超过")


def test_simple_procedure_cannot_be_extended_twice(network: Network, simple: Case) -> None:
    judge, admin = network.users["judge"], network.users["court_admin"]
    ext = services.request_extension(actor=judge, case=simple, reasons="x")
    services.decide_extension(actor=admin, extension=ext, approve=True)
    simple.refresh_from_db()
    assert simple.due_on == date(2026, 7, 2)
    with pytest.raises(InvalidTransition, match=r"^该案审限已不能再延长。$"):
        services.request_extension(actor=judge, case=simple, reasons="y")


def test_appraisal_period_is_not_counted(network: Network, ordinary: Case) -> None:
    services.record_excluded_period(
        actor=network.users["clerk"],
        case=ordinary,
        kind="appraisal",
        start=date(2026, 4, 1),
        end=date(2026, 4, 21),
    )
    ordinary.refresh_from_db()
    assert ordinary.due_on == date(2026, 9, 22)


def test_running_period_counts_until_it_ends(
    network: Network, ordinary: Case, today: list[date]
) -> None:
    clerk = network.users["clerk"]
    period = services.record_excluded_period(
        actor=clerk, case=ordinary, kind="jurisdiction", start=date(2026, 4, 10)
    )
    ordinary.refresh_from_db()
    assert ordinary.due_on == date(2026, 9, 7)  # 5 days so far: 9-07 (Monday)
    services.end_excluded_period(actor=clerk, period=period, end=date(2026, 4, 20))
    ordinary.refresh_from_db()
    assert ordinary.due_on == date(2026, 9, 14)  # 10 days: 9-12 Saturday → Monday 9-14


def test_public_notice_is_refused_in_simple_procedure(network: Network, simple: Case) -> None:
    with pytest.raises(FieldError) as err:
        services.record_excluded_period(
            actor=network.users["clerk"], case=simple, kind="public_notice", start=date(2026, 4, 1)
        )
    assert err.value.fields["kind"][0].startswith("简易程序不适用公告送达")


def test_enforcement_only_kinds_are_refused_for_civil_cases(
    network: Network, ordinary: Case
) -> None:
    with pytest.raises(FieldError) as err:
        services.record_excluded_period(
            actor=network.users["clerk"], case=ordinary, kind="auction", start=date(2026, 4, 1)
        )
    assert err.value.fields["kind"][0].startswith("拍卖、变卖期间仅适用于执行案件")


def test_unknown_kind_and_early_start(network: Network, ordinary: Case) -> None:
    clerk = network.users["clerk"]
    with pytest.raises(FieldError) as err:
        services.record_excluded_period(actor=clerk, case=ordinary, kind="holiday", start=ACCEPTED)
    assert err.value.fields == {"kind": ["扣除事由无效。"]}
    with pytest.raises(FieldError) as err:
        services.record_excluded_period(
            actor=clerk, case=ordinary, kind="appraisal", start=date(2026, 3, 1)
        )
    assert err.value.fields == {"start": ["开始日期不能早于立案日期。"]}


def test_simple_to_ordinary_counts_from_original_filing(network: Network, simple: Case) -> None:
    services.change_procedure(
        actor=network.users["judge"], case=simple, to="ordinary", reasons="案情复杂",
        on=date(2026, 4, 10),
    )  # fmt: skip
    simple.refresh_from_db()
    assert (simple.procedure, simple.due_on) == ("ordinary", date(2026, 9, 2))


def test_extension_under_simple_lapses_on_conversion(
    network: Network, simple: Case, today: list[date]
) -> None:
    judge, admin = network.users["judge"], network.users["court_admin"]
    ext = services.request_extension(actor=judge, case=simple, reasons="x")
    services.decide_extension(actor=admin, extension=ext, approve=True)
    today[0] = date(2026, 4, 20)
    services.change_procedure(actor=judge, case=simple, to="ordinary", reasons="复杂")
    simple.refresh_from_db()
    assert simple.due_on == date(2026, 9, 2)
    nxt = services.request_extension(actor=judge, case=simple, reasons="y")
    assert (nxt.approver, nxt.amount) == ("president", 6)


def test_ordinary_cannot_become_small_claims(network: Network, ordinary: Case) -> None:
    with pytest.raises(FieldError) as err:
        services.change_procedure(
            actor=network.users["judge"], case=ordinary, to="small_claims", reasons="x"
        )
    assert err.value.fields == {"to": ["不能由普通程序转为小额诉讼程序。"]}


def test_ordinary_to_simple_only_before_first_hearing(network: Network, ordinary: Case) -> None:
    with pytest.raises(FieldError) as err:
        services.change_procedure(
            actor=network.users["judge"], case=ordinary, to="simple", reasons="双方同意"
        )
    assert err.value.fields["to"][0].startswith(
        "已经按照普通程序审理的案件，在开庭后不得转为简易程序"
    )


def test_closed_case_time_limit_cannot_change(network: Network, ordinary: Case) -> None:
    hearings.close_case(
        actor=network.users["clerk"], case=ordinary, closure="dismissal", plaintiff_share=0
    )
    with pytest.raises(InvalidTransition, match=r"^案件已结案，不能再变更审限。$"):
        services.record_excluded_period(
            actor=network.users["clerk"], case=ordinary, kind="appraisal", start=ACCEPTED
        )


# --------------------------------------------------------------------------------------------
# Warnings


def _warnings(case: Case) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(dedupe_key__startswith=f"cases.time-limit:{case.pk}:"))


def test_no_warning_far_from_expiry(ordinary: Case) -> None:
    assert services.time_limit_warnings(today=date(2026, 4, 15)) == 0
    assert _warnings(ordinary) == []


def test_warning_in_extension_window_is_sent_once(network: Network, ordinary: Case) -> None:
    assert services.time_limit_warnings(today=date(2026, 8, 24)) == 1
    assert services.time_limit_warnings(today=date(2026, 8, 25)) == 0
    [message] = _warnings(ordinary)
    assert message.recipient == network.users["judge"]
    assert message.dedupe_key.startswith(
        f"cases.time-limit:{ordinary.pk}:extension_window:2026-09-02"
    )
    assert "审限将于2026-09-02届满，尚余9日" in message.body


def test_each_threshold_warns_and_overdue_too(ordinary: Case) -> None:
    for day in (date(2026, 8, 5), date(2026, 8, 20), date(2026, 8, 30), date(2026, 9, 3)):
        services.time_limit_warnings(today=day)
    alerts = sorted(m.dedupe_key.split(":")[2] for m in _warnings(ordinary))
    assert alerts == ["approaching", "critical", "extension_window", "overdue"]


def test_new_due_date_after_extension_warns_again(network: Network, ordinary: Case, today) -> None:
    services.time_limit_warnings(today=date(2026, 8, 24))
    today[0] = date(2026, 8, 24)
    ext = services.request_extension(actor=network.users["judge"], case=ordinary, reasons="x")
    services.decide_extension(actor=network.users["court_admin"], extension=ext, approve=True)
    services.time_limit_warnings(today=date(2027, 2, 20))
    assert len(_warnings(ordinary)) == 2


def test_no_warning_while_the_count_is_suspended(network: Network, ordinary: Case) -> None:
    services.record_excluded_period(
        actor=network.users["clerk"], case=ordinary, kind="suspension", start=date(2026, 8, 20)
    )
    assert services.time_limit_warnings(today=date(2026, 8, 24)) == 0
    assert services.time_limit_warnings(today=date(2026, 8, 25)) == 0


def test_cases_tick_command(ordinary: Case, capsys: pytest.CaptureFixture[str], today) -> None:
    today[0] = date(2026, 8, 24)
    call_command("cases_tick")
    assert "time-limit warnings=1" in capsys.readouterr().out
    assert len(_warnings(ordinary)) == 1


def test_celery_task_runs_the_warnings(ordinary: Case, today) -> None:
    from fating.cases.tasks import time_limit_warnings

    today[0] = date(2026, 9, 3)
    assert time_limit_warnings.apply().get() == 1


# --------------------------------------------------------------------------------------------
# In-time closure rate and the docket


def _close(network: Network, case: Case, on: date) -> None:
    hearings.close_case(
        actor=network.users["clerk"],
        case=case,
        closure="dismissal",
        plaintiff_share=0,
        closed_on=on,
    )


def test_closure_rate_page_per_court_and_judge(network: Network, today) -> None:
    in_time = case_on(network, accepted_on=ACCEPTED, procedure="simple")
    late = case_on(network, accepted_on=ACCEPTED, procedure="simple")
    _close(network, in_time, date(2026, 5, 1))
    _close(network, late, date(2026, 6, 3))
    case_on(network, accepted_on=ACCEPTED, procedure="simple")  # open: not counted
    response = client_for(network.users["court_admin"]).get("/cases/time-limits/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "50.0%（1/2）" in text
    data = client_for(network.users["court_admin"]).get("/api/v1/cases/time-limits/rates/").json()
    [court] = data["courts"]
    assert (court["closed"], court["in_time"], court["percent"]) == (2, 1, "50.0")
    [judge] = court["judges"]
    assert (judge["judge"], judge["closed"], judge["in_time"]) == (
        network.users["judge"].pk, 2, 1,
    )  # fmt: skip


def test_closure_rate_period_filter(network: Network, today) -> None:
    case = case_on(network, accepted_on=ACCEPTED, procedure="simple")
    _close(network, case, date(2026, 5, 1))
    data = (
        client_for(network.users["clerk"])
        .get("/api/v1/cases/time-limits/rates/?since=2026-06-01")
        .json()
    )
    assert data["courts"][0]["closed"] == 0
    assert data["courts"][0]["percent"] is None


def test_closure_rate_bad_date(network: Network) -> None:
    response = client_for(network.users["clerk"]).get("/api/v1/cases/time-limits/rates/?since=x")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"since": ["日期格式应为“2026-03-01”。"]}


def test_docket_shows_days_remaining_and_alert(network: Network, ordinary: Case, today) -> None:
    today[0] = date(2026, 8, 24)
    text = client_for(network.users["judge"]).get("/cases/docket/").content.decode()
    assert 'class="alert-extension_window"' in text
    assert "9 日" in text
    data = client_for(network.users["judge"]).get("/api/v1/cases/cases/docket/").json()
    row = data["results"][0]
    assert (row["days_remaining"], row["alert"]) == (9, "extension_window")


def test_extension_request_record_reflects_rules(network: Network, ordinary: Case) -> None:
    ext = services.request_extension(actor=network.users["judge"], case=ordinary, reasons="x")
    assert TimeLimitExtension.objects.get(pk=ext.pk).requested_on == date(2026, 4, 15)


# --------------------------------------------------------------------------------------------
# Case page and API


def test_case_page_shows_the_time_limit_panel(network: Network, ordinary: Case) -> None:
    text = client_for(network.users["judge"]).get(f"/cases/{ordinary.pk}/limits/").content.decode()
    assert "审理期限" in text
    assert "申请延长审限" in text  # the judge in charge may ask
    text = client_for(network.users["clerk"]).get(f"/cases/{ordinary.pk}/limits/").content.decode()
    assert "申请延长审限" not in text


def test_page_request_then_approve(network: Network, ordinary: Case) -> None:
    url = f"/cases/{ordinary.pk}/time-limit/"
    response = client_for(network.users["judge"]).post(
        url, {"action": "request_extension", "reasons": "案情复杂"}
    )
    assert response.status_code == 302
    ext = TimeLimitExtension.objects.get(case=ordinary)
    response = client_for(network.users["court_admin"]).post(
        url, {"action": "decide_extension", "extension": ext.pk, "approve": "yes"}
    )
    assert response.status_code == 302
    ordinary.refresh_from_db()
    assert ordinary.due_on == date(2027, 3, 2)


def test_page_errors_are_named_in_chinese(network: Network, ordinary: Case) -> None:
    response = client_for(network.users["clerk"]).post(
        f"/cases/{ordinary.pk}/time-limit/", {"action": "exclude", "kind": "appraisal", "start": ""}
    )
    assert response.status_code == 400
    assert "开始日期：请填写日期。" in response.content.decode()


def test_api_status_of_a_case(network: Network, ordinary: Case, today) -> None:
    today[0] = date(2026, 8, 24)
    data = client_for(network.users["party"]).get(f"/api/v1/cases/cases/{ordinary.pk}/time-limit/")
    body = data.json()
    assert data.status_code == 200
    assert body["status"]["due_on"] == "2026-09-02"
    assert body["status"]["days_remaining"] == 9
    assert body["status"]["next_approver"] == "president"
    assert body["status"]["extension_request_by"] == "2026-08-18"


def test_api_rule_error_shape(network: Network, simple: Case) -> None:
    response = client_for(network.users["clerk"]).post(
        f"/api/v1/cases/cases/{simple.pk}/excluded-periods/",
        {"kind": "public_notice", "start": "2026-04-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["kind"][0].startswith("简易程序不适用公告送达")
