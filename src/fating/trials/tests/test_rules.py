"""The courtroom's pure rules: who may enter, seats, what may not be broadcast (第27条)."""

from __future__ import annotations

from datetime import date

from fating.trials import rules


def test_entry_needs_identity_notice_device_and_admission() -> None:
    assert rules.may_enter(status="admitted", identity_checked=True, notice_accepted=True,
                           device_checked=True) == []  # fmt: skip
    assert rules.may_enter(status="waiting", identity_checked=False, notice_accepted=True,
                           device_checked=False) == ["identity", "device", "admission"]  # fmt: skip


def test_seats_follow_roles_and_an_agent_sits_with_their_side() -> None:
    assert rules.seat_of(rules.JUDGE) == "审判席"
    assert rules.seat_of(rules.PLAINTIFF) == "原告席"
    assert rules.seat_of(rules.AGENT, rules.DEFENDANT) == "被告席"


def test_age_from_an_id_number() -> None:
    assert rules.age_from_id("110101201001011234", date(2026, 1, 1)) == 16
    assert rules.age_from_id("110101201001011234", date(2025, 12, 31)) == 15
    assert rules.age_from_id("12345", date(2026, 1, 1)) is None


def test_private_kinds_are_not_broadcast() -> None:
    today = date(2026, 12, 6)
    assert rules.broadcast_refusals(cause_path="合同纠纷 民间借贷纠纷", id_numbers=[],
                                    declared=[], on=today) == []  # fmt: skip
    assert rules.broadcast_refusals(cause_path="婚姻家庭纠纷 离婚纠纷", id_numbers=[],
                                    declared=[], on=today) == ["婚姻家庭纠纷涉及个人隐私", "离婚案件"]  # fmt: skip
    assert rules.broadcast_refusals(cause_path="民间借贷纠纷", id_numbers=["110101201001011234"],
                                    declared=["trade_secret"], on=today) == [
        "涉及商业秘密", "涉及未成年人"]  # fmt: skip


def test_transcript_is_complete_when_everyone_signed_or_refused() -> None:
    assert rules.transcript_complete(["1", "2"], {"1": "signed", "2": "refused"}) == []
    assert rules.transcript_complete(["1", "2"], {"1": "signed"}) == ["2"]


def test_the_server_records_when_its_recorder_runs_else_the_browser() -> None:
    assert rules.recording_source(recorder_running=True) == rules.SOURCE_SERVER
    assert rules.recording_source(recorder_running=False) == rules.SOURCE_BROWSER


def test_a_recording_s_stage() -> None:
    def stage(source: str, *, ended: bool = True, filed: bool = False, failed: bool = False) -> str:
        return rules.recording_stage(source=source, ended=ended, filed=filed, failed=failed)

    assert stage(rules.SOURCE_SERVER, ended=False) == "recording"
    assert stage(rules.SOURCE_SERVER) == "composing"
    assert stage(rules.SOURCE_BROWSER) == "waiting"
    assert stage(rules.SOURCE_SERVER, failed=True) == "failed"
    assert stage(rules.SOURCE_SERVER, filed=True) == "filed"
    assert set(rules.RECORDING_STAGES) == {"recording", "composing", "waiting", "failed", "filed"}
