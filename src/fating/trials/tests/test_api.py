"""The trials API (/api/v1/trials/): the permission matrix (the same access rule as the pages),
hostile input refused with nothing written, retried POSTs with one Idempotency-Key writing once,
and a pre-trial meeting (庭前会议) held, signed and filed through it.

The room is court A's; its attendees are the judge, the clerk, the plaintiff (`party`) and the
plaintiff's agent (`agent`, seated by the judge). Court A's liaisons see it (to check identity);
"cross" is a clerk at court B and a liaison at court A, so it answers as court A's liaison does;
"outsider" and court B's administrator get 404.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest

from fating.testing import Network, client_for, generic_route, routes_under
from fating.trials import rules, services
from fating.trials.models import MeetingNote, Signature, TranscriptLine, TrialRoom
from fating.trials.tests.conftest import Court_, online_hearing

API = "/api/v1/trials"
PERSONAS = ["court_admin", "judge", "clerk", "liaison", "mediator", "party", "agent",
            "other_admin", "cross", "outsider", "anonymous"]  # fmt: skip
VIEWERS = ["judge", "clerk", "party", "agent", "liaison"]


def expect(default: int, **codes: int) -> dict[str, int]:
    table = {p: default for p in PERSONAS}
    table["anonymous"] = 401
    table.update(codes)
    table["cross"] = table["liaison"]
    return table


def seen_by(**codes: int) -> dict[str, int]:
    """404 for whoever does not see the room, 403 for a viewer the action is not for."""
    return expect(404, **{**{p: 403 for p in VIEWERS}, **codes})


MATRIX: list[tuple[str, str, str, dict[str, Any] | None, dict[str, int]]] = [
    ("list", "get", "/rooms/", None, expect(200)),
    ("open", "post", "/rooms/", {"hearing": "{hearing2}", "kind": "hearing"},
     expect(404, court_admin=403, clerk=403, party=403, judge=201)),
    ("detail", "get", "/rooms/{room}/", None, expect(404, **{p: 200 for p in VIEWERS})),
    ("close", "post", "/rooms/{room}/close/", {}, seen_by(judge=200)),
    ("mute", "post", "/rooms/{room}/attendees/{seat}/moderate/", {"action": "mute"},
     seen_by(judge=200)),
    ("transcript", "get", "/rooms/{room}/transcript/", None,
     expect(404, **{p: 200 for p in VIEWERS})),
    ("line", "post", "/rooms/{room}/transcript/", {"speaker": "{seat}", "text": "原告陈述"},
     seen_by(judge=201, clerk=201)),
    ("note", "post", "/rooms/{meeting}/notes/", {"section": "issues", "text": "借款是否已归还"},
     seen_by(judge=201, clerk=201)),
    ("evidence", "get", "/rooms/{meeting}/evidence/", None,
     expect(404, **{p: 200 for p in VIEWERS})),
    # The room is still open: attendees are told it cannot be signed yet; a liaison has no seat.
    ("sign", "post", "/rooms/{room}/signatures/", {},
     expect(404, judge=409, clerk=409, party=409, agent=409)),
    ("refusal", "post", "/rooms/{room}/refusals/", {"attendee": "{seat}", "note": "拒绝签名"},
     seen_by(judge=409)),
    ("file", "post", "/rooms/{room}/file/", {}, seen_by(judge=409, clerk=409)),
    ("broadcast", "post", "/rooms/{room}/broadcast/", {"broadcast": True}, seen_by(judge=200)),
]  # fmt: skip


def seat_agent(court: Court_) -> None:
    services.add_person(actor=court.user("judge"), room=court.room, user=court.user("agent"),
                        role=rules.AGENT, side=rules.PLAINTIFF)  # fmt: skip


@pytest.fixture
def ids(court: Court_) -> dict[str, Any]:
    seat_agent(court)
    _, hearing2 = online_hearing(court.network, days=1)
    _, hearing3 = online_hearing(court.network, days=2)
    meeting = services.open_room(actor=court.user("judge"), hearing=hearing3,
                                 clerk=court.user("clerk"), kind=rules.KIND_PRETRIAL)  # fmt: skip
    services.add_person(actor=court.user("judge"), room=meeting, user=court.user("agent"),
                        role=rules.AGENT, side=rules.PLAINTIFF)  # fmt: skip
    return {"room": court.room.pk, "hearing2": hearing2.pk, "meeting": meeting.pk,
            "seat": court.seat("party").pk}  # fmt: skip


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, str):
        if re.fullmatch(r"\{\w+\}", value):
            return ids[value[1:-1]]
        for key, v in ids.items():
            value = value.replace("{" + key + "}", str(v))
    return value


def _post(client: Any, url: str, body: dict[str, Any], key: str | None = None) -> Any:
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


@pytest.mark.parametrize(("name", "method", "url", "body", "table"), MATRIX,
                         ids=[m[0] for m in MATRIX])  # fmt: skip
def test_permission_matrix(network: Network, ids: dict[str, Any], name: str, method: str,
                           url: str, body: dict[str, Any] | None, table: dict[str, int]) -> None:  # fmt: skip
    seen = {}
    for persona in PERSONAS:
        client = client_for(None if persona == "anonymous" else network.users[persona])
        path = API + _fill(url, ids)
        if method == "post":
            response = _post(client, path, {k: _fill(v, ids) for k, v in (body or {}).items()})
        else:
            response = client.get(path)
        seen[persona] = response.status_code
        if response.status_code >= 400:
            assert re.search(r"[\u4e00-\u9fff]", response.json()["error"]["message"])
    assert seen == table, name


def test_every_trials_api_route_is_in_the_matrix() -> None:
    covered = {re.sub(r"\{\w+\}", "*", API + url) for _, _, url, _, _ in MATRIX}
    routes = routes_under(API + "/")
    missing = [r for r in routes if generic_route(r) not in covered]
    assert routes and not missing, missing


def test_the_list_holds_only_the_rooms_one_may_see(court: Court_) -> None:
    network = court.network
    for persona, sees in (("party", True), ("liaison", True), ("cross", True),
                          ("outsider", False), ("other_admin", False)):  # fmt: skip
        rows = client_for(network.users[persona]).get(f"{API}/rooms/").json()
        assert (court.room.pk in [r["id"] for r in rows]) is sees, persona
    detail = client_for(court.user("party")).get(f"{API}/rooms/{court.room.pk}/").json()
    assert detail["me"]["attendee"] == court.seat("party").pk
    assert detail["may"] == {"preside": False, "transcribe": False, "verify": False}
    assert detail["transitions"] == []
    judge = client_for(court.user("judge")).get(f"{API}/rooms/{court.room.pk}/").json()
    assert [t["action"] for t in judge["transitions"]] == ["close"]
    assert {a["seat"] for a in judge["attendees"]} >= {"审判席", "原告席"}


HOSTILE_LINES = [
    {"speaker": "abc", "text": "x"},
    {"speaker": None, "text": "x"},
    {"speaker": True, "text": "x"},
    {"speaker": "{seat}", "text": ["x"]},
    {"speaker": "{seat}", "text": ""},
    {"speaker": "{seat}", "text": "x" * 5001},
    {"speaker": "{seat}", "text": "x", "offset_seconds": "12"},
    {"speaker": "{seat}", "text": "x", "offset_seconds": -1},
    {"speaker": "{seat}", "text": "x", "offset_seconds": 10**9},
    {"speaker": "{other_seat}", "text": "another room's attendee"},
    {"speaker": "9" * 40, "text": "x"},
]


@pytest.mark.parametrize("body", HOSTILE_LINES)
def test_hostile_transcript_lines_are_refused_and_nothing_written(
    court: Court_, body: dict[str, Any]
) -> None:
    _, hearing2 = online_hearing(court.network, days=1)
    other = services.open_room(actor=court.user("judge"), hearing=hearing2)
    ids = {"seat": court.seat("party").pk, "other_seat": other.attendees.first().pk}  # type: ignore[union-attr]
    response = _post(client_for(court.user("clerk")), f"{API}/rooms/{court.room.pk}/transcript/",
                     {k: _fill(v, ids) for k, v in body.items()})  # fmt: skip
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"]
    assert TranscriptLine.objects.count() == 0


@pytest.mark.parametrize(("url", "body"), [
    ("/rooms/{room}/broadcast/", {"broadcast": "yes"}),
    ("/rooms/{room}/broadcast/", {"broadcast": True, "grounds": "privacy"}),
    ("/rooms/{room}/broadcast/", {"broadcast": True, "grounds": ["nonsense"]}),
    ("/rooms/{room}/attendees/{seat}/moderate/", {"action": "explode"}),
    ("/rooms/{room}/attendees/{seat}/moderate/", {"action": ["mute"]}),
    ("/rooms/{room}/attendees/999999/moderate/", {"action": "mute"}),
    ("/rooms/{room}/notes/", {"section": "issues", "text": "not a pre-trial meeting"}),
    ("/rooms/{meeting}/notes/", {"section": "gossip", "text": "x"}),
    ("/rooms/{meeting}/notes/", {"section": "issues", "text": {"a": 1}}),
    ("/rooms/{room}/refusals/", {"attendee": "x", "note": "拒签"}),
    ("/rooms/", {"hearing": "{hearing2}", "kind": "trial-by-combat"}),
    ("/rooms/", {"hearing": "{hearing2}", "clerk": "robert'); drop table"}),
    ("/rooms/", {"hearing": "{hearing2}", "clerk": 99999999}),
])  # fmt: skip
def test_hostile_input_is_refused_and_nothing_written(
    ids: dict[str, Any], court: Court_, url: str, body: dict[str, Any]
) -> None:
    def state() -> tuple[Any, ...]:
        room = TrialRoom.objects.get(pk=court.room.pk)
        party = court.seat("party")
        return (TrialRoom.objects.count(), room.broadcast, room.broadcast_refusal, party.muted,
                party.status, MeetingNote.objects.count(), Signature.objects.count())  # fmt: skip

    before = state()
    response = _post(client_for(court.user("judge")), API + _fill(url, ids),
                     {k: _fill(v, ids) for k, v in body.items()})  # fmt: skip
    assert 400 <= response.status_code < 500 and response.status_code != 404, response.content
    assert re.search(r"[\u4e00-\u9fff]", response.json()["error"]["message"])
    assert state() == before


def test_a_retried_post_with_the_same_key_writes_once(court: Court_) -> None:
    client = client_for(court.user("clerk"))
    url = f"{API}/rooms/{court.room.pk}/transcript/"
    body = {"speaker": court.seat("party").pk, "text": "我方要求归还借款五万元。"}
    first = _post(client, url, body, key="line-1")
    again = _post(client, url, body, key="line-1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert TranscriptLine.objects.filter(room=court.room).count() == 1
    # The same key for another request is refused; a new key writes again.
    assert _post(client, url, {**body, "text": "另一句"}, key="line-1").status_code == 422
    assert _post(client, url, body, key="line-2").status_code == 201
    assert TranscriptLine.objects.filter(room=court.room).count() == 2


def test_a_retried_open_makes_one_room(court: Court_) -> None:
    _, hearing2 = online_hearing(court.network, days=1)
    client = client_for(court.user("judge"))
    body = {"hearing": hearing2.pk, "clerk": court.user("clerk").pk, "kind": "pretrial"}
    first = _post(client, f"{API}/rooms/", body, key="open-1")
    again = _post(client, f"{API}/rooms/", body, key="open-1")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["kind"] == "pretrial" and first.json()["kind_label"] == "庭前会议"
    assert TrialRoom.objects.filter(hearing=hearing2).count() == 1


def test_a_private_hearing_is_refused_broadcast_through_the_api(court: Court_) -> None:
    response = _post(client_for(court.user("judge")), f"{API}/rooms/{court.room.pk}/broadcast/",
                     {"broadcast": True, "grounds": ["trade_secret"]})  # fmt: skip
    assert response.status_code == 200
    assert response.json()["broadcast"] is False
    assert "商业秘密" in response.json()["broadcast_refusal"]
    assert not TrialRoom.objects.get(pk=court.room.pk).broadcast


def test_a_pre_trial_meeting_is_held_signed_and_filed(court: Court_) -> None:
    """庭前会议 (民诉法解释 第224–226条): the case room's evidence and 质证 table on screen, the
    record kept by section, signed by everyone and filed into the dossier as 庭前会议笔录."""
    from pypdf import PdfReader

    from fating.conversations import services as chat
    from fating.conversations.tests.factories import upload
    from fating.documents.models import DossierEntry

    case_room = chat.room_for_matter(court.case)
    item = chat.submit_evidence(actor=court.user("party"), room=case_room, title="借条",
                                upload=upload(), purpose="证明借款事实")  # fmt: skip
    hearing = same_case_hearing(court)
    judge, clerk = client_for(court.user("judge")), client_for(court.user("clerk"))
    opened = _post(judge, f"{API}/rooms/", {"hearing": hearing.pk, "kind": "pretrial",
                                           "clerk": court.user("clerk").pk})  # fmt: skip
    assert opened.status_code == 201, opened.content
    rid = opened.json()["id"]
    meeting = TrialRoom.objects.get(pk=rid)
    services.verify_at_service_point(actor=court.user("liaison"), room=meeting,
                                     attendee=meeting.attendees.get(user=court.user("party")))  # fmt: skip
    party = client_for(court.user("party"))
    page = party.get(f"/trials/rooms/{rid}/")
    assert page.status_code == 200 and "借条" in page.content.decode()
    rows = party.get(f"{API}/rooms/{rid}/evidence/").json()
    assert [(r["id"], r["title"], r["purpose"]) for r in rows] == [
        (item.pk, "借条", "证明借款事实")
    ]
    for section, text in (("claims", "原告请求被告归还借款五万元；被告辩称已归还两万元。"),
                          ("evidence", "原告出示借条原件，被告对真实性无异议。"),
                          ("issues", "被告是否已归还借款两万元。")):  # fmt: skip
        assert (
            _post(
                clerk, f"{API}/rooms/{rid}/notes/", {"section": section, "text": text}
            ).status_code
            == 201
        )
    # Not yet closed: nothing to sign; a hearing's broadcast is refused for a meeting.
    refused = _post(judge, f"{API}/rooms/{rid}/broadcast/", {"broadcast": True}).json()
    assert refused["broadcast"] is False and "庭前会议" in refused["broadcast_refusal"]
    assert _post(judge, f"{API}/rooms/{rid}/close/", {}).status_code == 200
    for signer in services.signers(meeting):
        if signer.user_id == court.user("party").pk:
            continue
        client = client_for(signer.user)
        assert _post(client, f"{API}/rooms/{rid}/signatures/", {}).status_code == 201
    unsigned = _post(clerk, f"{API}/rooms/{rid}/file/", {})
    assert unsigned.status_code == 409
    assert court.user("party").pk in [a.user_id for a in services.signers(meeting)]
    assert _post(party, f"{API}/rooms/{rid}/signatures/", {}).status_code == 201
    filed = _post(clerk, f"{API}/rooms/{rid}/file/", {})
    assert filed.status_code == 200, filed.content
    assert filed.json()["status"] == "filed"
    entry = DossierEntry.objects.filter(title="庭前会议笔录").get()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(entry.file.read())).pages)
    compact = re.sub(r"\s", "", text)
    for expected in ("庭前会议笔录", "明确诉讼请求和答辩意见", "证据交换", "争议焦点",
                     "被告是否已归还借款两万元", "原告出示借条原件", court.case.number):  # fmt: skip
        assert expected in compact, expected
    assert services.transcript_hash(meeting) in compact


def same_case_hearing(court: Court_) -> Any:
    from datetime import timedelta

    from django.utils import timezone

    from fating.cases.models import Hearing
    from fating.cases.services import hearings

    now = timezone.now() + timedelta(days=1)
    return hearings.schedule_hearing(
        actor=court.user("clerk"), case=court.case, mode=Hearing.Mode.ONLINE,
        starts_at=now, ends_at=now + timedelta(hours=1), judge=court.user("judge"),
    )  # fmt: skip


def test_a_meeting_is_not_filed_without_its_points_in_dispute(court: Court_) -> None:
    _, hearing = online_hearing(court.network, days=1)
    judge = court.user("judge")
    meeting = services.open_room(actor=judge, hearing=hearing, kind=rules.KIND_PRETRIAL)
    services.add_meeting_note(actor=judge, room=meeting, section="claims", text="原告请求还款。")
    services.close_room(actor=judge, room=meeting)
    services.sign_transcript(actor=judge, room=meeting)
    response = _post(client_for(judge), f"{API}/rooms/{meeting.pk}/file/", {})
    assert response.status_code == 400
    assert "section" in response.json()["error"]["fields"]
    assert TrialRoom.objects.get(pk=meeting.pk).status == "closed"
