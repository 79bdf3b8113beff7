"""The permission matrix of the group chat: every persona against every page, endpoint and the
WebSocket connect. Members of the matter see the room (observers read only); everyone else gets
404; anonymous visitors go to the login page (pages) or get 401 (API).

`cross` (a clerk at court B, the liaison of court A's point) is in court A's room as that point's
liaison and nothing more; `other_admin` is the other court's column."""

from __future__ import annotations

import re
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.routing import URLRouter

from fating.conversations import services
from fating.conversations.routing import websocket_urlpatterns
from fating.conversations.tests.communicator import WebsocketCommunicator
from fating.conversations.tests.factories import Chat, upload
from fating.testing import client_for, routes_under

SIDES = ["applicant", "respondent"]
MANAGERS = ["mediator", "judge", "clerk"]
SPEAKERS = [*SIDES, *MANAGERS, "liaison"]
MEMBERS = [*SPEAKERS, "court_admin"]
NON_MEMBERS = ["governance", "party", "agent", "other_admin", "outsider"]
PERSONAS = [*MEMBERS, "cross", *NON_MEMBERS, "anonymous"]
GROUPS = {"sides": SIDES, "managers": MANAGERS, "speakers": SPEAKERS, "members": MEMBERS}


def expect(member: int, anonymous: int, **overrides: int) -> dict[str, int]:
    """`member` for every member, 404 for non-members; overrides by group or persona, in order."""
    table = {p: member for p in MEMBERS} | {p: 404 for p in NON_MEMBERS}
    table["anonymous"] = anonymous
    for group, code in overrides.items():
        for persona in GROUPS.get(group, [group]):
            table[persona] = code
    table["cross"] = table["liaison"]
    return table


API = "/api/v1/conversations/rooms/"
ROOM = API + "{room}/"
MATRIX = [
    ("room list page", "get", "/conversations/", None,
     {**{p: 200 for p in PERSONAS}, "anonymous": 302}),
    ("open room page", "post", "/conversations/open/disputes.dispute/{dispute}/", None,
     expect(302, 302)),
    ("room page", "get", "/conversations/{room}/", None, expect(200, 302)),
    ("rooms", "get", API, None, {**{p: 200 for p in PERSONAS}, "anonymous": 401}),
    ("open room", "post", API + "open/", {"matter_type": "disputes.dispute", "matter_id": "{dispute}"},
     expect(201, 401)),
    ("room", "get", ROOM, None, expect(200, 401)),
    ("messages", "get", ROOM + "messages/?after=0", None, expect(200, 401)),
    ("post message", "post", ROOM + "messages/", {"text": "你好"},
     expect(201, 401, court_admin=403)),
    ("attachment", "get", ROOM + "messages/{file_message}/file/", None, expect(200, 401)),
    ("mark read", "post", ROOM + "read/", {"message_id": "{file_message}"}, expect(200, 401)),
    ("receipts", "get", ROOM + "receipts/", None, expect(200, 401)),
    ("evidence table", "get", ROOM + "evidence/", None, expect(200, 401)),
    ("submit evidence", "post", ROOM + "evidence/", {"title": "借条"},
     expect(403, 401, sides=400)),
    ("evidence file", "get", ROOM + "evidence/{evidence}/file/", None, expect(200, 401)),
    ("opinion", "post", ROOM + "evidence/{evidence}/opinions/",
     {"authenticity": "admitted", "legality": "admitted", "relevance": "admitted"},
     expect(403, 401, respondent=201)),
    ("export table", "post", ROOM + "evidence/export/", None, expect(403, 401, managers=201)),
    ("proposals", "get", ROOM + "proposals/", None, expect(200, 401)),
    ("propose", "post", ROOM + "proposals/", {"terms": "一次付清", "amount": "40000"},
     expect(403, 401, sides=201)),
    ("respond", "post", ROOM + "proposals/{proposal}/respond/", {"decision": "accept"},
     expect(403, 401, applicant=200)),
    ("draft agreement", "post", ROOM + "proposals/{proposal}/agreement/",
     {"facts": "李四借款五万元到期未还。", "performance": "转账", "deadline": "2099-01-01"},
     expect(403, 401, managers=409)),
    ("bidding", "get", ROOM + "bidding/", None, expect(200, 401)),
    ("open bidding", "post", ROOM + "bidding/", {"gap": "1000"}, expect(403, 401, managers=201)),
    ("offer", "post", ROOM + "bidding/offers/", {"amount": "1000"},
     expect(403, 401, sides=409)),
]  # fmt: skip

CASES = [
    pytest.param(name, method, url, body, persona, table[persona], id=f"{name}-{persona}")
    for name, method, url, body, table in MATRIX
    for persona in PERSONAS
]


def _user(chat: Chat, persona: str) -> Any:
    return None if persona == "anonymous" else chat.user(persona)


def _ids(chat: Chat) -> dict[str, int]:
    applicant, respondent = chat.user("applicant"), chat.user("respondent")
    message = services.post_message(actor=applicant, room=chat.room, upload=upload())
    item = services.submit_evidence(actor=applicant, room=chat.room, title="借条", upload=upload())
    proposal = services.propose(actor=respondent, room=chat.room, terms="一次付清", amount="40000")
    return {"room": chat.room.pk, "dispute": chat.dispute.pk, "file_message": message.pk,
            "evidence": item.pk, "proposal": proposal.pk}  # fmt: skip


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str):
        for key, pk in ids.items():
            value = value.replace("{" + key + "}", str(pk))
        return value
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("name", "method", "url", "body", "persona", "status"), CASES)
def test_permission_matrix(
    chat: Chat, name: str, method: str, url: str, body: Any, persona: str, status: int
) -> None:
    ids = _ids(chat)
    client = client_for(_user(chat, persona))
    kwargs = {"data": _fill(body, ids), "content_type": "application/json"} if body else {}
    response = getattr(client, method)(_fill(url, ids), **kwargs)
    assert response.status_code == status, (name, persona, response.content[:300])
    if status == 302 and persona == "anonymous":
        assert response["Location"].startswith("/login/")
    if "/api/v1/" in url and status >= 400:
        assert response.json()["error"]["status"] == status


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("persona", [*MEMBERS, "cross", *NON_MEMBERS])
def test_websocket_connect_matrix(chat: Chat, persona: str) -> None:
    async def connect() -> Any:
        comm = WebsocketCommunicator(URLRouter(websocket_urlpatterns),
                                     f"/ws/conversations/{chat.room.pk}/")  # fmt: skip
        comm.scope["user"] = chat.user(persona)
        result = await comm.connect()
        await comm.disconnect()
        return result

    connected, code = async_to_sync(connect)()
    member = persona in MEMBERS or persona == "cross"
    assert (connected, code) == ((True, None) if member else (False, 4403))


def test_every_conversations_route_is_in_the_matrix() -> None:

    covered = {_generic(re.sub(r"\{\w+\}", "*", url.split("?")[0])) for _, _, url, _, _ in MATRIX}
    owned = ("/conversations/", "/api/v1/conversations/")
    routes = routes_under(*owned)
    missing = [r for r in routes if _generic(r) not in covered]
    assert routes and not missing, missing
    assert [p.pattern for p in websocket_urlpatterns] and len(websocket_urlpatterns) == 1


def _generic(route: str) -> str:
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "*", route)
    route = re.sub(r"<[\w:]+>", "*", route)
    route = route.replace("disputes.dispute", "*")
    return route.rstrip("/") + "/"


def test_roles_count_only_where_they_are_held(chat: Chat) -> None:
    """A clerk of the dispute's tribunal who is a judge at another court is the clerk here (the
    merged scope made them the room's judge); the cross-court persona is the point's liaison."""
    from fating.accounts.models import Membership, Role
    from fating.conversations import rules, selectors

    clerk = chat.user("clerk")
    Membership.objects.create(user=clerk, role=Role.JUDGE, tribunal=chat.world.net.other_tribunal)
    assert selectors.member_of(clerk, chat.room).role == rules.CLERK
    assert selectors.member_of(chat.user("cross"), chat.room).role == rules.LIAISON
    assert selectors.restrict(type(chat.room).objects.all(), chat.user("other_admin")).count() == 0
    assert (
        list(selectors.restrict(type(chat.room).objects.all(), chat.user("court_admin"), "post"))
        == []
    )
    assert chat.room in selectors.restrict(
        type(chat.room).objects.all(), chat.user("cross"), "post"
    )
