"""庭审直播 with HLS: ffmpeg packages the judge's uploaded WebM slices into a playlist and
segments while the hearing runs (no #EXT-X-ENDLIST), closes it when the recording ends (kept for
点单 viewing); the public page (no login) lists only broadcast-marked hearings the rules allow,
named as the anonymisation rules say; a private kind is never served, whatever its flag says.

Needs ffmpeg (Debian `ffmpeg`, scripts/system-packages.sh); without it these tests skip."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from fating.trials import hls, rules, selectors, services, services_recording
from fating.trials.models import Recording, TrialRoom
from fating.trials.tests.conftest import Court_, online_hearing

needs_ffmpeg = pytest.mark.skipif(
    not hls.available(), reason="ffmpeg is not installed (scripts/system-packages.sh installs it)"
)


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if not hls.available():
        pytest.skip("ffmpeg is not installed (scripts/system-packages.sh installs it)")
    path = tmp_path_factory.mktemp("clip") / "clip.webm"
    return hls.make_test_clip(path, seconds=10).read_bytes()


def slices(data: bytes, n: int) -> list[bytes]:
    size = -(-len(data) // n)
    return [data[i : i + size] for i in range(0, len(data), size)]


def broadcast_recording(
    court: Court_, clip: bytes, *, parts: int = 2
) -> tuple[Recording, list[bytes]]:
    judge = court.user("judge")
    services.set_broadcast(actor=judge, room=court.room, broadcast=True)
    recording = services_recording.start_recording(actor=judge, room=court.room)
    return recording, slices(clip, parts)


def playlist(client: Client, recording: Recording) -> Any:
    return client.get(f"/trials/broadcasts/{recording.pk}/hls/index.m3u8")


@needs_ffmpeg
def test_a_broadcast_is_packaged_live_and_kept_for_viewing_on_demand(
    court: Court_, clip: bytes, django_capture_on_commit_callbacks: Any
) -> None:
    judge = court.user("judge")
    recording, parts = broadcast_recording(court, clip)
    anonymous = Client()
    with django_capture_on_commit_callbacks(execute=True):
        services_recording.append_chunk(actor=judge, recording=recording, data=parts[0])
    recording.refresh_from_db()
    # Live: the first half is out as segments (the newest held back), the playlist stays open.
    assert 0 < recording.hls_seconds < 10 and not recording.hls_final
    live = playlist(anonymous, recording)
    assert live.status_code == 200
    assert live["Content-Type"] == "application/vnd.apple.mpegurl"
    assert live["Cache-Control"] == "no-cache"
    text = live.content.decode()
    assert "#EXT-X-PLAYLIST-TYPE:EVENT" in text and "#EXT-X-ENDLIST" not in text
    segment = anonymous.get(f"/trials/broadcasts/{recording.pk}/hls/seg00000.ts")
    assert segment.status_code == 200 and segment["Content-Type"] == "video/mp2t"
    assert segment.content[:1] == b"G"  # MPEG-TS sync byte
    with django_capture_on_commit_callbacks(execute=True):
        services_recording.append_chunk(actor=judge, recording=recording, data=parts[1])
        services_recording.finish_recording(actor=judge, recording=recording)
    recording.refresh_from_db()
    assert recording.hls_final and recording.hls_seconds == pytest.approx(10, abs=0.5)
    text = playlist(anonymous, recording).content.decode()
    assert "#EXT-X-PLAYLIST-TYPE:VOD" in text and text.rstrip().endswith("#EXT-X-ENDLIST")
    # ffmpeg reads the kept stream back whole: video and audio, the clip's length.
    out = services_recording.hls_dir(recording)
    probe = subprocess.run(
        [str(Path(hls.ffmpeg_bin() or "ffmpeg").with_name("ffprobe")), "-v", "error", "-show_entries", "format=duration:stream=codec_name",
         "-of", "default=nw=1", str(out / "index.m3u8")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "codec_name=h264" in probe.stdout and "codec_name=aac" in probe.stdout
    duration = float(probe.stdout.split("duration=")[1].split()[0])
    assert duration == pytest.approx(10, abs=0.5)
    # Closing the playlist is audited once, with its length.
    from fating.core.models import AuditEvent

    events = AuditEvent.objects.filter(action="trials.broadcast.package")
    assert events.count() == 1 and events.get().after["room"] == court.room.pk


@needs_ffmpeg
def test_a_hearing_marked_after_it_ended_is_packaged_for_viewing(
    court: Court_, clip: bytes, django_capture_on_commit_callbacks: Any
) -> None:
    judge = court.user("judge")
    recording = services_recording.start_recording(actor=judge, room=court.room)
    with django_capture_on_commit_callbacks(execute=True):
        services_recording.append_chunk(actor=judge, recording=recording, data=clip)
        services_recording.finish_recording(actor=judge, recording=recording)
    assert not services_recording.hls_dir(recording).exists()  # not marked: nothing packaged
    with django_capture_on_commit_callbacks(execute=True):
        services.set_broadcast(actor=judge, room=court.room, broadcast=True)
    recording.refresh_from_db()
    assert recording.hls_final and recording.hls_seconds == pytest.approx(10, abs=0.5)


def test_stream_names_other_than_the_playlist_and_segments_are_not_served(
    court: Court_, tmp_path: Path
) -> None:
    recording, _parts = broadcast_recording(court, b"\x1aE\xdf\xa3")
    out = services_recording.hls_dir(recording)
    out.mkdir(parents=True)
    for name in ("index.m3u8", "seg00000.ts", "state.json"):
        (out / name).write_text("x")
    client = Client()
    base = f"/trials/broadcasts/{recording.pk}/hls/"
    assert client.get(base + "index.m3u8").status_code == 200
    for name in ("state.json", ".lock", "seg0.ts", "..%2Fstate.json", "index.m3u8.tmp"):
        assert client.get(base + name).status_code == 404, name
    assert client.get(f"/trials/broadcasts/{recording.pk + 999}/hls/index.m3u8").status_code == 404


def _private(network: Any) -> TrialRoom:
    """A hearing of a kind the rules keep private whose flag was set anyway (an old row, a
    hand edit): a party born eight years ago makes it a minors' case."""
    from fating.cases.models import FilingParty

    case, hearing = online_hearing(network, days=1)
    room = services.open_room(actor=network.users["judge"], hearing=hearing)
    born = date.today().replace(year=date.today().year - 8)
    FilingParty.objects.filter(filing=case.filing).update(id_number=f"370303{born:%Y%m%d}0014")
    TrialRoom.objects.filter(pk=room.pk).update(broadcast=True, broadcast_title="私密案件")
    return room


def test_the_public_page_shows_only_allowed_broadcasts(court: Court_) -> None:
    network = court.network
    judge = network.users["judge"]
    services.set_broadcast(actor=judge, room=court.room, broadcast=True)
    shown = TrialRoom.objects.get(pk=court.room.pk).broadcast_title
    _, hearing = online_hearing(network, days=2)
    unmarked = services.open_room(actor=judge, hearing=hearing)
    private = _private(network)
    _, hearing3 = online_hearing(network, days=3)
    meeting = services.open_room(actor=judge, hearing=hearing3, kind=rules.KIND_PRETRIAL)
    TrialRoom.objects.filter(pk=meeting.pk).update(broadcast=True, broadcast_title="庭前会议标题")
    page = Client().get("/trials/broadcasts/")
    assert page.status_code == 200
    html = page.content.decode()
    assert shown and shown in html
    assert "私密案件" not in html and "庭前会议标题" not in html
    assert f'data-broadcast="{unmarked.pk}"' not in html
    assert f'data-broadcast="{private.pk}"' not in html
    # Named as the anonymisation rules say: no natural person's full name.
    for party in court.case.filing.parties.filter(kind="natural"):
        assert party.name not in html
    # The player is the vendored hls.js, from this host.
    assert "/static/vendor/hls.js-1.7.4/hls.light.min.js" in html
    assert [r.pk for r, _recs in selectors.public_broadcasts()] == [court.room.pk]


def test_a_private_kind_is_never_served(court: Court_) -> None:
    room = _private(court.network)
    recording = services_recording.start_recording(actor=court.user("judge"), room=room)
    services_recording.append_chunk(
        actor=court.user("judge"), recording=recording, data=b"\x1aE\xdf\xa3"
    )
    services_recording.finish_recording(actor=court.user("judge"), recording=recording)
    out = services_recording.hls_dir(recording)
    out.mkdir(parents=True)
    (out / "index.m3u8").write_text("#EXTM3U\n")
    (out / "seg00000.ts").write_bytes(b"G")
    client = Client()
    assert client.get(f"/trials/broadcasts/{recording.pk}/hls/index.m3u8").status_code == 404
    assert client.get(f"/trials/broadcasts/{recording.pk}/hls/seg00000.ts").status_code == 404
    assert client.get(f"/trials/broadcasts/{recording.pk}/video/").status_code == 404
    # The packager refuses it too, and it is not counted.
    assert services_recording.package_broadcast(recording_id=recording.pk, final=True) is None
    assert not Recording.objects.get(pk=recording.pk).hls_final
    # And the judge cannot mark it through the service: the refusal names the minor.
    refused = services.set_broadcast(actor=court.user("judge"), room=room, broadcast=True)
    assert not refused.broadcast and "未成年人" in refused.broadcast_refusal


def test_broadcasts_are_counted_in_the_indicators(court: Court_) -> None:
    from django.utils import timezone

    from fating.analytics import sources

    network = court.network
    services.set_broadcast(actor=network.users["judge"], room=court.room, broadcast=True)
    _private(network)  # flagged but private: not counted
    today = timezone.localdate()
    assert selectors.court_broadcast_count(network.court.pk, today, today) == 1
    assert sources._broadcasts(network.court.pk, today, today) == 1
    counts = selectors.online_hearing_counts(court_ids=[network.court.pk])
    assert counts["broadcasts"] == 1
