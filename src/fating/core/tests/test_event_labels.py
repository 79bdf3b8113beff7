"""The one registry of audit event labels: every event name written in the code has a Chinese
label, and a name nobody registered still reads as Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fating.accounts.timeline import timeline_rows
from fating.core import event_labels
from fating.core.event_labels import EVENT_LABELS, event_label
from fating.testing import Network

SRC = Path(event_labels.__file__).resolve().parents[1]
APPS = (
    "accounts|cases|contact|conversations|core|delivery|disputes|documents|elements|enforcement|"
    "evaluation|inbox|"
    "judgments|knowledge|network|people|preservation|trials|warnings|demo"
)
# A literal event name, e.g. action="cases.filing.create" or a constant "cases.case.close".
LITERAL = re.compile(rf"\"((?:{APPS})\.[a-z_]+\.[a-z_.]+)\"")
# The names services build with an f-string, and the values they are built from.
BUILT = {
    "disputes.dispute.": ["report", "start_village", "start_joint", "escalate", "delegate",
                          "return_delegation", "agree", "resolve", "refer", "withdraw",
                          "return_to_reported", "return_to_village"],
    "disputes.referral.": ["accept", "decline", "resolve", "fail"],
    "disputes.delegation.": ["declined", "failed", "expired", "withdrawn", "succeeded"],
    "disputes.booking.": ["accepted", "declined"],
    "disputes.confirmation.": ["confirmed", "rejected"],
    "conversations.proposal.": ["accepted", "rejected", "countered"],
    "enforcement.control.": ["freeze", "seize", "deduct"],
    "evaluation.appraisal.": ["grant", "refuse"],
    "enforcement.case.": ["settle", "resume", "complete", "conclude", "terminate", "refuse"],
}  # fmt: skip


def _written_names() -> set[str]:
    names: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "record_event" not in text and "action=" not in text:
            continue
        names |= {m for m in LITERAL.findall(text) if not m.endswith(".")}
    return names


def test_every_event_name_in_the_code_has_a_label() -> None:
    names = _written_names()
    assert len(names) > 100  # the scan found the services
    missing = sorted(n for n in names if n not in EVENT_LABELS and not n.startswith("cases.rules"))
    assert missing == []


@pytest.mark.parametrize(("prefix", "values"), list(BUILT.items()))
def test_built_event_names_have_labels(prefix: str, values: list[str]) -> None:
    assert [prefix + v for v in values if prefix + v not in EVENT_LABELS] == []


def test_labels_are_chinese_and_fallbacks_never_show_the_code() -> None:
    assert event_label("cases.filing.create") == "创建立案申请"
    assert event_label("cases.filing.someday") == "立案申请：办理"
    assert event_label("delivery.unknown.thing") == "送达记录"
    assert event_label("elsewhere.what") == "系统记录"
    for action in ("cases.filing.someday", "delivery.unknown.thing", "elsewhere.what"):
        assert action not in event_label(action) and not re.search(r"[a-z]", event_label(action))


class _User:
    def __init__(self, pk: int, name: str) -> None:
        self.pk, self.display_name = pk, name


class _Event:
    def __init__(self, action: str, actor: object = None, after: object = None) -> None:
        self.action, self.actor, self.after, self.created_at = action, actor, after, None


def test_timeline_rows_name_the_system_and_keep_the_note(db: None) -> None:
    rows = timeline_rows([_Event("disputes.dispute.report", after={"note": "经村委会"})])
    assert rows[0]["actor"] == "系统" and rows[0]["label"] == "上报纠纷"
    assert rows[0]["note"] == "经村委会"


def test_timeline_rows_show_display_name_and_role(network: Network) -> None:
    party = network.users["party"]
    party.full_name = "王五"
    party.save()
    rows = timeline_rows([_Event("cases.filing.create", actor=party)])
    assert rows[0]["actor"] == "王五（当事人）" and rows[0]["label"] == "创建立案申请"
    assert party.username not in rows[0]["actor"]
