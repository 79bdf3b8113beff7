"""The courtroom's services: opening, identity, admission and removal, broadcast refusals, the
transcript signed and filed, the recording hashed and filed, and the counts."""

from __future__ import annotations

import hashlib
import re

import pytest

from fating.cases.models import CauseOfAction
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.core.models import AuditEvent, OutboxMessage
from fating.documents.models import DossierEntry
from fating.documents.services import open_entry_verified
from fating.trials import selectors, services, services_recording
from fating.trials.models import Attendee, TrialRoom
from fating.trials.tests.conftest import Court_, online_hearing, ready


def test_the_judge_opens_the_room_with_clerk_and_party_seated(court: Court_) -> None:
    seats = {a.user_id: (a.role, a.status, a.seat) for a in court.room.attendees.all()}
    assert seats == {
        court.user("judge").pk: ("judge", "admitted", "审判席"),
        court.user("clerk").pk: ("clerk", "admitted", "书记员席"),
        court.user("party").pk: ("plaintiff", "admitted", "原告席"),
    }
    assert court.seat("judge").missing == ["device"]
    assert court.seat("party").missing == ["identity", "notice", "device"]
    assert AuditEvent.objects.filter(action="trials.room.open").count() == 1
    with pytest.raises(FieldError):
        services.open_room(actor=court.user("judge"), hearing=court.hearing)


def test_only_the_hearings_judge_opens_it(network) -> None:  # type: ignore[no-untyped-def]
    _, hearing = online_hearing(network)
    with pytest.raises(NotPermitted):
        services.open_room(actor=network.users["clerk"], hearing=hearing)
    with pytest.raises(NotVisible):
        services.open_room(actor=network.users["outsider"], hearing=hearing)
    assert not TrialRoom.objects.exists()


def test_identity_by_sms_code(court: Court_) -> None:
    party = court.user("party")
    services.send_identity_code(actor=party, room=court.room)
    sms = OutboxMessage.objects.get(channel="sms")
    assert sms.address == "13812345678"
    code = re.search(r"\d{6}", sms.body).group(0)  # type: ignore[union-attr]
    with pytest.raises(FieldError):
        services.verify_identity_code(
            actor=party, room=court.room, code="000000" if code != "000000" else "111111"
        )
    seat = services.verify_identity_code(actor=party, room=court.room, code=code)
    assert (seat.identity_method, seat.at_service_point) == ("sms", False)


def test_the_liaison_verifies_at_the_service_point_and_others_may_not(court: Court_) -> None:
    seat = court.seat("party")
    with pytest.raises(NotVisible):
        services.verify_at_service_point(
            actor=court.user("other_admin"), room=court.room, attendee=seat
        )
    with pytest.raises(NotPermitted):
        services.verify_at_service_point(actor=court.user("party"), room=court.room, attendee=seat)
    seat = services.verify_at_service_point(
        actor=court.user("liaison"), room=court.room, attendee=seat
    )
    assert seat.at_service_point and seat.identity_checked_by == court.user("liaison")
    assert ready(court, "party").missing == []


def test_judge_removes_and_readmits_and_witnesses_wait(court: Court_) -> None:
    judge, seat = court.user("judge"), court.seat("party")
    with pytest.raises(NotPermitted):
        services.moderate(actor=court.user("clerk"), attendee=seat, action="remove")
    assert services.moderate(actor=judge, attendee=seat, action="remove").status == "removed"
    with pytest.raises(InvalidTransition):
        services.moderate(actor=judge, attendee=seat, action="remove")
    assert services.moderate(actor=judge, attendee=seat, action="admit").status == "admitted"
    assert services.moderate(actor=judge, attendee=seat, action="mute").muted
    witness = services.add_person(
        actor=judge, room=court.room, user=court.user("agent"), role="witness"
    )
    assert (witness.status, witness.seat) == ("waiting", "证人席")
    with pytest.raises(FieldError):
        services.add_person(actor=judge, room=court.room, user=court.user("agent"), role="witness")


def test_broadcast_refused_for_a_divorce_and_the_party_is_told(network) -> None:  # type: ignore[no-untyped-def]
    case, hearing = online_hearing(network)
    divorce = CauseOfAction.objects.create(revision="2025", code="T9", path="婚姻家庭纠纷/离婚纠纷",
                                           name="离婚纠纷", level=3, number=9, position=9,
                                           valid_from="2025-01-01")  # fmt: skip
    case.filing.cause = divorce
    case.filing.save(update_fields=["cause"])
    room = services.open_room(actor=network.users["judge"], hearing=hearing)
    room = services.set_broadcast(actor=network.users["judge"], room=room, broadcast=True)
    assert not room.broadcast and "离婚案件" in room.broadcast_refusal
    assert OutboxMessage.objects.filter(
        recipient=network.users["party"], subject="庭审不予直播"
    ).exists()
    assert AuditEvent.objects.filter(action="trials.room.broadcast_refuse").exists()


def test_broadcast_names_the_parties_anonymised(court: Court_) -> None:
    room = services.set_broadcast(actor=court.user("judge"), room=court.room, broadcast=True)
    assert room.broadcast and "张某" in room.broadcast_title and "张三" not in room.broadcast_title
    assert list(selectors.broadcasts()) == [room]


def test_transcript_signed_refused_and_filed_as_pdf(court: Court_) -> None:
    clerk, judge = court.user("clerk"), court.user("judge")
    ready(court, "party")
    services.add_line(actor=clerk, room=court.room, speaker=court.seat("judge"), text="现在开庭。")
    services.add_line(
        actor=clerk, room=court.room, speaker=court.seat("party"), text="坚持诉讼请求。"
    )
    with pytest.raises(NotPermitted):
        services.add_line(
            actor=court.user("party"), room=court.room, speaker=court.seat("party"), text="改一下"
        )
    with pytest.raises(InvalidTransition):
        services.sign_transcript(actor=court.user("party"), room=court.room)  # still open
    services.close_room(actor=judge, room=court.room)
    services.sign_transcript(actor=court.user("party"), room=court.room)
    services.sign_transcript(actor=judge, room=court.room)
    with pytest.raises(InvalidTransition):  # the clerk has not signed yet
        services.file_transcript(actor=clerk, room=court.room)
    services.record_refusal(
        actor=judge, room=court.room, attendee=court.seat("clerk"), note="测试拒签"
    )
    room = services.file_transcript(actor=clerk, room=court.room)
    assert room.status == "filed"
    entry = DossierEntry.objects.get(title="庭审笔录")
    assert entry.category == "record" and open_entry_verified(entry).startswith(b"%PDF")


def test_recording_is_hashed_and_filed(court: Court_) -> None:
    judge = court.user("judge")
    recording = services_recording.start_recording(actor=judge, room=court.room)
    with pytest.raises(NotPermitted):
        services_recording.append_chunk(actor=court.user("party"), recording=recording, data=b"x")
    services_recording.append_chunk(actor=judge, recording=recording, data=b"\x1aE\xdf\xa3part-one")
    services_recording.append_chunk(actor=judge, recording=recording, data=b"part-two")
    recording = services_recording.finish_recording(actor=judge, recording=recording)
    expected = hashlib.sha256(b"\x1aE\xdf\xa3part-onepart-two").hexdigest()
    assert recording.sha256 == expected and recording.ended_at is not None
    entry = DossierEntry.objects.get(pk=recording.dossier_entry_id)
    assert (entry.title, entry.sha256) == ("庭审录像", expected)
    assert services_recording.read_recording(recording) == b"\x1aE\xdf\xa3part-onepart-two"
    # The court and the parties may play it; others may not.
    assert selectors.recording_for(court.user("party"), recording.pk) == recording
    with pytest.raises(NotVisible):
        selectors.recording_for(court.user("liaison"), recording.pk)


def test_online_hearings_are_counted(court: Court_) -> None:
    online_hearing(court.network, days=1)  # scheduled, no room yet
    counts = selectors.online_hearing_counts(court_ids=[court.network.court.pk])
    assert counts == {"hearings": 2, "online_hearings": 1, "internet_hearing_rate": 0.5,
                      "broadcasts": 0}  # fmt: skip
    assert Attendee.objects.count() == 3
