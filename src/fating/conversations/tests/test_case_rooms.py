"""The room of a filed case (cases.Case): members come from the case — its parties with an
account, the agent who filed for the plaintiff, the assigned judge, the court's clerks, and the
court administrator as observer; a party removed from the case loses the history and the live
connection at once; an outsider can neither join nor read."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.routing import URLRouter

from fating.accounts.models import Membership, Role, User
from fating.cases.models import Case
from fating.cases.services import acceptance
from fating.cases.services import filing as filing_services
from fating.cases.tests.factories import VALID_ID, current_cause, pdf
from fating.conversations import selectors, services
from fating.conversations.models import Room
from fating.conversations.routing import websocket_urlpatterns
from fating.conversations.tests.communicator import WebsocketCommunicator
from fating.core.exceptions import NotPermitted, NotVisible
from fating.testing import Network, UserFactory, client_for, member

PLAINTIFF_MOBILE = "13911110001"
DEFENDANT_MOBILE = "13911110002"


def _case(network: Network) -> Case:
    """Filed by the network's agent for 王五 (plaintiff) against 赵六 (defendant); both hold
    accounts, linked by mobile when the parties are named; accepted by the clerk."""
    agent = network.users["agent"]
    filing = filing_services.create_filing(
        actor=agent, court=network.court, tribunal=network.tribunal, received_by=None,
        filer_capacity="agent", cause=current_cause(), facts="被告于2025年3月向原告借款，到期未还。",
    )  # fmt: skip
    filing_services.add_party(actor=agent, filing=filing, role="plaintiff", kind="natural",
                              name="王五", id_number=VALID_ID, mobile=PLAINTIFF_MOBILE,
                              address="甲县甲镇甲村")  # fmt: skip
    filing_services.add_party(actor=agent, filing=filing, role="defendant", kind="natural",
                              name="赵六", mobile=DEFENDANT_MOBILE, address="甲县乙村")  # fmt: skip
    filing_services.add_claim(actor=agent, filing=filing, text="判令被告偿还借款", amount="80000")
    filing_services.upload_evidence(actor=agent, filing=filing, kind="power_of_attorney",
                                    title="授权委托书", file=pdf("委托书.pdf"))  # fmt: skip
    filing_services.upload_evidence(actor=agent, filing=filing, kind="evidence", title="借条",
                                    file=pdf())  # fmt: skip
    filing = filing_services.submit_filing(actor=agent, filing=filing)
    return acceptance.accept_filing(actor=network.users["clerk"], filing=filing)


@pytest.fixture
def people(network: Network) -> dict[str, User]:
    users = dict(network.users)
    users["plaintiff"] = UserFactory(username="wangwu", full_name="王五", mobile=PLAINTIFF_MOBILE)
    users["defendant"] = UserFactory(username="zhaoliu", full_name="赵六", mobile=DEFENDANT_MOBILE)
    for key in ("plaintiff", "defendant"):
        Membership.objects.create(user=users[key], role=Role.PARTY)
    return users


@pytest.fixture
def case_room(network: Network, people: dict[str, User]) -> tuple[Case, Room]:
    case = _case(network)
    room = services.open_room(actor=people["judge"], matter=case)
    return case, room


def _unlink(case: Case, user: User) -> None:
    # A party taken off the case (no service of the cases app does this after acceptance: the
    # account link is what membership is derived from, so severing it is the removal). A service
    # that does records an event on the filing's parties, as here, and the room re-checks on it.
    from django.db import transaction

    from fating.core.audit import record_event

    with transaction.atomic():
        party = case.filing.parties.get(user=user)
        party.user = None
        party.save()
        record_event(actor=None, action="cases.filing.party.unlink", target=case.filing,
                     after={"party": party.pk})  # fmt: skip


@pytest.mark.django_db
def test_members_come_from_the_case(case_room: tuple[Case, Room], people: dict[str, User]) -> None:
    case, room = case_room
    assert case.judge == people["judge"]
    expected = {
        "plaintiff": ("party", "plaintiff"), "defendant": ("party", "defendant"),
        "agent": ("agent", "plaintiff"), "judge": ("judge", ""), "clerk": ("clerk", ""),
        "court_admin": ("observer", ""),
    }  # fmt: skip
    for persona, (role, side) in expected.items():
        m = selectors.member_of(people[persona], room)
        assert m is not None and (m.role, m.side) == (role, side), persona
    for persona in ("outsider", "other_admin", "mediator", "liaison", "governance", "party"):
        assert selectors.member_of(people[persona], room) is None, persona
    assert room.matter == case and room.title


@pytest.mark.django_db
def test_assigned_judge_of_another_tribunal_is_a_member(
    case_room: tuple[Case, Room], network: Network
) -> None:
    case, room = case_room
    visiting = member(Role.JUDGE, court=network.other_court)
    assert selectors.member_of(visiting, room) is None
    Case.objects.filter(pk=case.pk).update(judge=visiting)
    room.refresh_from_db()
    assert selectors.member_of(visiting, Room.objects.get(pk=room.pk)).role == "judge"


@pytest.mark.django_db
def test_members_talk_and_the_observer_only_reads(
    case_room: tuple[Case, Room], people: dict[str, User]
) -> None:
    _, room = case_room
    for persona, text in (("judge", "请双方于本周提交证据。"), ("agent", "原告方已上传借条。"),
                          ("defendant", "被告对借款无异议。")):  # fmt: skip
        services.post_message(actor=people[persona], room=room, text=text)
    roles = list(room.messages.order_by("pk").values_list("author_role", "author_side"))
    assert roles == [("judge", ""), ("agent", "plaintiff"), ("party", "defendant")]
    with pytest.raises(NotPermitted):
        services.post_message(actor=people["court_admin"], room=room, text="旁听")


@pytest.mark.django_db
def test_outsider_can_neither_open_nor_read(
    case_room: tuple[Case, Room], people: dict[str, User]
) -> None:
    case, room = case_room
    services.post_message(actor=people["judge"], room=room, text="庭前会议定于下周一。")
    outsider = people["outsider"]
    with pytest.raises(NotVisible):
        selectors.room_for(outsider, room.pk)
    with pytest.raises(NotVisible):
        selectors.matter_for(outsider, "cases.case", case.pk)
    client = client_for(outsider)
    assert client.get(f"/api/v1/conversations/rooms/{room.pk}/messages/").status_code == 404
    assert client.get(f"/conversations/{room.pk}/").status_code == 404
    opened = client.post(f"/conversations/open/cases.case/{case.pk}/")
    assert opened.status_code == 404
    assert all(r.pk != room.pk for r, _m, _u in selectors.rooms_for(outsider))


@pytest.mark.django_db
def test_removed_party_loses_the_history(
    case_room: tuple[Case, Room], people: dict[str, User]
) -> None:
    case, room = case_room
    services.post_message(actor=people["judge"], room=room, text="请被告在十五日内答辩。")
    defendant = people["defendant"]
    client = client_for(defendant)
    assert client.get(f"/api/v1/conversations/rooms/{room.pk}/messages/").status_code == 200
    _unlink(case, defendant)
    assert client.get(f"/api/v1/conversations/rooms/{room.pk}/messages/").status_code == 404
    assert client.get(f"/api/v1/conversations/rooms/{room.pk}/messages/?after=0").status_code == 404
    with pytest.raises(NotVisible):
        services.post_message(actor=defendant, room=room, text="还在吗")
    assert all(r.pk != room.pk for r, _m, _u in selectors.rooms_for(defendant))
    # The plaintiff, still on the case, keeps it.
    assert selectors.member_of(people["plaintiff"], room).role == "party"


# The live socket ------------------------------------------------------------------------------

app = URLRouter(websocket_urlpatterns)


@pytest.fixture
def memory_layer(settings: Any) -> None:
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


def _comm(room: Room, user: User) -> WebsocketCommunicator:
    comm = WebsocketCommunicator(app, f"/ws/conversations/{room.pk}/")
    comm.scope["user"] = user
    return comm


@pytest.mark.django_db(transaction=True)
def test_removed_party_is_disconnected_and_cannot_rejoin(
    case_room: tuple[Case, Room], people: dict[str, User], memory_layer: None
) -> None:
    case, room = case_room
    defendant = people["defendant"]

    async def scenario() -> Any:
        comm = _comm(room, defendant)
        connected, _ = await comm.connect()
        ready = await comm.receive_json_from(timeout=3)
        await database_sync_to_async(_unlink)(case, defendant)
        closed = await comm.receive_output(timeout=3)
        rejoin = await _comm(room, defendant).connect()
        return connected, ready, closed, rejoin

    connected, ready, closed, rejoin = async_to_sync(scenario)()
    assert connected and ready["member"]["side"] == "defendant"
    assert closed == {"type": "websocket.close", "code": 4403}
    assert rejoin == (False, 4403)


@pytest.mark.django_db(transaction=True)
def test_outsider_cannot_join_the_case_socket(
    case_room: tuple[Case, Room], people: dict[str, User], memory_layer: None
) -> None:
    _, room = case_room

    async def scenario() -> Any:
        result = await _comm(room, people["outsider"]).connect()
        judge = _comm(room, people["judge"])
        joined, _ = await judge.connect()
        await judge.disconnect()
        return result, joined

    refused, judge_joined = async_to_sync(scenario)()
    assert refused == (False, 4403) and judge_joined
