"""约见法官 and 12368 end to end through the pages and the API: routing, accept/decline/record,
notices in the inbox, overdue tickets, the month's figures, hostile input and retries."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from fating.contact import services
from fating.contact.models import HotlineCall, Meeting
from fating.contact.tests import factories
from fating.core.models import AuditEvent, OutboxMessage
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db
FUTURE = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT09:30")


def _inbox(user: object) -> list[str]:
    return list(
        OutboxMessage.objects.filter(recipient=user, channel="in_app").values_list(
            "subject", flat=True
        )
    )


def test_party_asks_judge_accepts_and_records(
    network: Network, django_capture_on_commit_callbacks
) -> None:
    party, judge = network.users["party"], network.users["judge"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(party).post("/contact/meetings/new/", {
            "service_point": network.point.pk, "mode": "at_point", "topic": "土地承包合同纠纷咨询",
            "preferred_times": "周三上午"})  # fmt: skip
    assert response.status_code == 302
    m = Meeting.objects.get()
    assert (m.judge, m.tribunal, m.status) == (judge, network.tribunal, "requested")
    assert any("约见申请" in s for s in _inbox(judge))
    page = client_for(judge).get(f"/contact/meetings/{m.pk}/").content.decode()
    assert "接受约见" in page and "婉拒约见" in page and "撤回约见" not in page
    assert "待我答复的约见" in client_for(judge).get("/contact/meetings/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(judge).post(
            f"/contact/meetings/{m.pk}/accept/", {"scheduled_at": FUTURE}
        )
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.status == "accepted" and m.place == network.point.name and m.scheduled_at
    assert "约见已安排" in _inbox(party)
    response = client_for(judge).post(
        f"/contact/meetings/{m.pk}/complete/", {"record": "释明了承包合同的效力"}
    )
    m.refresh_from_db()
    assert (response.status_code, m.status, m.record) == (302, "done", "释明了承包合同的效力")
    actions = list(
        AuditEvent.objects.filter(action__startswith="contact.meeting").values_list(
            "action", flat=True
        )
    )
    assert actions == [
        "contact.meeting.request",
        "contact.meeting.accept",
        "contact.meeting.complete",
    ]


def test_liaison_asks_for_a_villager_online_and_judge_declines(
    network: Network, django_capture_on_commit_callbacks
) -> None:
    liaison, judge = network.users["liaison"], network.users["judge"]
    m = factories.meeting(
        network, actor=liaison, mode="online", for_name="李大爷", for_mobile="13800001111"
    )
    assert m.for_name == "李大爷"
    response = client_for(judge).post(f"/contact/meetings/{m.pk}/accept/", {"scheduled_at": FUTURE,
                                                                            "meeting_link": "javascript:alert(1)"})  # fmt: skip
    assert response.status_code == 400 and "会议链接" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_meeting(actor=judge, meeting=m, reason="该纠纷已立案，请向承办法官反映")
    assert "约见未能安排" in _inbox(liaison)
    assert OutboxMessage.objects.filter(channel="sms", address="13800001111").exists()


def test_liaison_only_at_own_point(network: Network) -> None:
    response = client_for(network.users["liaison"]).post("/api/v1/contact/meetings/", {
        "service_point": network.other_point.pk, "mode": "at_point", "topic": "x", "preferred_times": "y",
        "for_name": "李", "for_mobile": "13800001111"}, content_type="application/json")  # fmt: skip
    assert response.status_code == 403 and not Meeting.objects.exists()


def test_clerk_routes_to_another_judge(network: Network) -> None:
    from fating.accounts.models import Membership, Role
    from fating.testing import member

    other = member(Role.JUDGE, tribunal=network.tribunal)
    m = factories.meeting(network)
    response = client_for(network.users["clerk"]).post(f"/api/v1/contact/meetings/{m.pk}/route/",
                                                       {"judge": other.pk}, content_type="application/json")  # fmt: skip
    assert response.status_code == 200 and response.json()["judge"] == other.pk
    outsider_judge = member(Role.JUDGE, tribunal=network.other_tribunal)
    response = client_for(network.users["clerk"]).post(f"/api/v1/contact/meetings/{m.pk}/route/",
                                                       {"judge": outsider_judge.pk}, content_type="application/json")  # fmt: skip
    assert response.status_code == 400 and "judge" in response.json()["error"]["fields"]
    assert Membership.objects.filter(user=other).exists()


@pytest.mark.parametrize("body", [
    {},
    {"service_point": "abc", "mode": "at_point", "topic": "t", "preferred_times": "p"},
    {"service_point": 0, "mode": "at_point", "topic": "t", "preferred_times": "p"},
    {"service_point": "{point}", "mode": "teleport", "topic": "t", "preferred_times": "p"},
    {"service_point": "{point}", "mode": "at_point", "topic": "x" * 1001, "preferred_times": "p"},
    {"service_point": "{point}", "mode": "at_point", "topic": "  ", "preferred_times": "p"},
    {"service_point": "{inactive}", "mode": "at_point", "topic": "t", "preferred_times": "p"},
])  # fmt: skip
def test_hostile_meeting_requests_write_nothing(network: Network, body: dict) -> None:
    body = {k: (network.point.pk if v == "{point}" else network.inactive_point.pk if v == "{inactive}" else v)
            for k, v in body.items()}  # fmt: skip
    response = client_for(network.users["party"]).post("/api/v1/contact/meetings/", json.dumps(body),
                                                       content_type="application/json")  # fmt: skip
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"]
    assert (
        not Meeting.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="contact").exists()
    )


def test_retried_meeting_post_writes_once(network: Network) -> None:
    client = client_for(network.users["party"])
    body = {
        "service_point": network.point.pk,
        "mode": "online",
        "topic": "t",
        "preferred_times": "p",
    }
    first = client.post(
        "/api/v1/contact/meetings/",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    again = client.post(
        "/api/v1/contact/meetings/",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true" and Meeting.objects.count() == 1


def test_hotline_call_logged_routed_answered(
    network: Network, django_capture_on_commit_callbacks
) -> None:
    clerk, judge = network.users["clerk"], network.users["judge"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(clerk).post("/contact/calls/new/", {
            "caller_name": "王女士", "caller_number": "0710-1234567", "category": "case_query",
            "topic": "查询案件进度", "tribunal": network.tribunal.pk})  # fmt: skip
    assert response.status_code == 302
    c = HotlineCall.objects.get()
    assert c.tribunal == network.tribunal and c.due_at - c.received_at == timedelta(hours=24)
    assert any("12368" in s for s in _inbox(judge)) and any("12368" in s for s in _inbox(clerk))
    page = client_for(judge).get(f"/contact/calls/{c.pk}/").content.decode()
    assert "答复来电" in page
    response = client_for(judge).post(
        f"/contact/calls/{c.pk}/answer/", {"answer": "案件已排期，下周开庭"}
    )
    c.refresh_from_db()
    assert (response.status_code, c.status, c.answered_by) == (302, "answered", judge)
    again = client_for(judge).post(f"/contact/calls/{c.pk}/answer/", {"answer": "再答一次"})
    assert again.status_code in (400, 403)
    c.refresh_from_db()
    assert c.answer == "案件已排期，下周开庭"


def test_overdue_flag_and_month_figures(network: Network) -> None:
    judge = network.users["judge"]
    late = factories.call(network, hours_ago=30)  # consult: due in 24 h, still open
    ok = factories.call(network, hours_ago=2)
    services.answer_call(actor=judge, call=ok, answer="已答复")
    rows = client_for(judge).get("/api/v1/contact/calls/").json()
    flags = {r["id"]: r["overdue"] for r in rows}
    assert flags == {late.pk: True, ok.pk: False}
    assert "超期" in client_for(network.users["clerk"]).get("/contact/calls/").content.decode()
    admin = client_for(network.users["court_admin"])

    def figures(call: HotlineCall) -> dict:
        month = f"{timezone.localtime(call.received_at):%Y-%m}"
        return admin.get(f"/api/v1/contact/calls/figures/?month={month}").json()

    if (
        f"{timezone.localtime(late.received_at):%Y-%m}"
        == f"{timezone.localtime(ok.received_at):%Y-%m}"
    ):
        f = figures(ok)
        assert (f["calls"], f["answered_in_time"], f["overdue_open"], f["in_time_share"]) == (
            2,
            1,
            1,
            0.5,
        )
    else:  # the late call fell in the previous month
        f, g = figures(ok), figures(late)
        assert (f["calls"], f["answered_in_time"], f["overdue_open"], f["in_time_share"]) == (
            1,
            1,
            0,
            1.0,
        )
        assert (g["calls"], g["answered_in_time"], g["overdue_open"], g["in_time_share"]) == (
            1,
            0,
            1,
            0.0,
        )
    assert f["average_hours"] is not None and f["average_hours"] < 3
    assert client_for(judge).get("/api/v1/contact/calls/figures/?month=2026-13").status_code == 400
    assert client_for(judge).get("/contact/calls/figures/").status_code == 200


@pytest.mark.parametrize("body", [
    {"caller_name": "", "caller_number": "0710-1234567", "topic": "t", "category": "consult", "assignee": "{judge}"},
    {"caller_name": "王", "caller_number": "abc", "topic": "t", "category": "consult", "assignee": "{judge}"},
    {"caller_name": "王", "caller_number": "0710-1234567", "topic": "t", "category": "gossip", "assignee": "{judge}"},
    {"caller_name": "王", "caller_number": "0710-1234567", "topic": "t", "category": "consult"},
    {"caller_name": "王", "caller_number": "0710-1234567", "topic": "t", "category": "consult",
     "assignee": "{judge}", "tribunal": "{tribunal}"},
    {"caller_name": "王", "caller_number": "0710-1234567", "topic": "t", "category": "consult",
     "tribunal": "{other_tribunal}"},
    {"caller_name": "王", "caller_number": "0710-1234567", "topic": "t", "category": "consult",
     "assignee": "{party}"},
    {"caller_name": "王", "caller_number": "0710-1234567", "topic": "t", "category": "consult",
     "assignee": "{judge}", "received_at": "2999-01-01T00:00:00"},
    {"caller_name": "王", "caller_number": "0710-1234567", "topic": "t", "category": "consult",
     "assignee": "{judge}", "received_at": "yesterday"},
    {"caller_name": "王", "caller_number": "0710-1234567", "topic": "t", "category": "consult",
     "assignee": "{judge}", "court": "{other_court}"},
])  # fmt: skip
def test_hostile_calls_write_nothing(network: Network, body: dict) -> None:
    ids = {"{judge}": network.users["judge"].pk, "{party}": network.users["party"].pk,
           "{tribunal}": network.tribunal.pk, "{other_tribunal}": network.other_tribunal.pk,
           "{other_court}": network.other_court.pk}  # fmt: skip
    body = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    response = client_for(network.users["clerk"]).post("/api/v1/contact/calls/", json.dumps(body),
                                                       content_type="application/json")  # fmt: skip
    assert response.status_code == 400, response.content
    assert not HotlineCall.objects.exists()


def test_retried_call_post_writes_once(network: Network) -> None:
    client = client_for(network.users["clerk"])
    body = {"caller_name": "王", "caller_number": "13800001111", "topic": "t", "category": "complaint",
            "assignee": network.users["judge"].pk}  # fmt: skip
    first = client.post(
        "/api/v1/contact/calls/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="c-1"
    )
    again = client.post(
        "/api/v1/contact/calls/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="c-1"
    )
    assert (first.status_code, again.status_code) == (201, 201)
    assert HotlineCall.objects.count() == 1 and first.json()["due_at"] == again.json()["due_at"]


def test_an_enforcement_judge_routed_a_call_sees_and_answers_it(network: Network) -> None:
    from fating.accounts.models import Role
    from fating.testing import member

    ejudge = member(Role.ENFORCEMENT_JUDGE, court=network.court)
    c = factories.call(network, category="complaint", assignee=ejudge)
    client = client_for(ejudge)
    assert client.get(f"/contact/calls/{c.pk}/").status_code == 200
    assert (
        client.post(
            f"/contact/calls/{c.pk}/answer/", {"answer": "已联系申请人说明执行进展"}
        ).status_code
        == 302
    )
    c.refresh_from_db()
    assert c.status == "answered" and c.answered_by == ejudge
