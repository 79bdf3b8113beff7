"""What the notification centre sends, on which channels, and which channels a person may not
turn off. Pure Python, no Django.

Each kind of notice names the channels it goes out on by default and the channels that are
mandatory because the law asks the court to tell the person (turning them off is refused):

- 补正通知: the court tells the filer once, in writing, everything to correct and the time limit
  (最高人民法院关于人民法院登记立案若干问题的规定 第7条) — the in-app notice is mandatory.
- 立案 / 不予受理: the court registers the case within 7 days and notifies the parties, or rules
  not to accept it (民事诉讼法 第126条) — in-app mandatory.
- 开庭通知 and its change: the parties and other participants are notified 3 days before the
  hearing (民事诉讼法 第139条); an adjournment is a new notice (第149条) — in-app and SMS mandatory,
  so a villager without the app still learns the date.
- 文书送达: the served copy itself is in 我的文书 (民事诉讼法 第90条); the notice of it is in-app
  mandatory.
- 部门联动移交 / 部门联动退回: a dispute handed to a department (to its officers) and the
  department's answer or return (to the person who handed it) — work notices, in-app by default.
- 期限临近: a reminder only, every channel optional.
- 约见法官 (a meeting routed, accepted or declined) and 热线工单 (a 12368 call routed to a judge):
  service notices, every channel optional (fating.contact sends them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fating.core.textmarks import gettext_noop

IN_APP, SMS, EMAIL = "in_app", "sms", "email"
CHANNELS: tuple[str, ...] = (IN_APP, SMS, EMAIL)
CHANNEL_LABELS = {
    IN_APP: gettext_noop("站内信"),
    SMS: gettext_noop("短信"),
    EMAIL: gettext_noop("邮件"),
}


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    default: frozenset[str]
    mandatory: frozenset[str]
    basis: str


def _kind(key: str, label: str, default: set[str], mandatory: set[str], basis: str) -> Kind:
    return Kind(key, label, frozenset(default | mandatory), frozenset(mandatory), basis)


CORRECTION, ACCEPTED, REFUSED = "filing.correction", "filing.accepted", "filing.refused"
HEARING_SCHEDULED, HEARING_CHANGED = "hearing.scheduled", "hearing.changed"
SERVED, DEADLINE = "document.served", "deadline.near"
HANDED_OVER, HANDED_BACK = "department.handed_over", "department.handed_back"
MEETING, TICKET = "contact.meeting", "contact.ticket"

KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        _kind(CORRECTION, gettext_noop("补正通知"), {IN_APP, SMS}, {IN_APP},
              gettext_noop("登记立案规定 第7条")),
        _kind(ACCEPTED, gettext_noop("立案通知"), {IN_APP, SMS}, {IN_APP},
              gettext_noop("民事诉讼法 第126条")),
        _kind(REFUSED, gettext_noop("不予受理"), {IN_APP, SMS}, {IN_APP},
              gettext_noop("民事诉讼法 第126条")),
        _kind(HEARING_SCHEDULED, gettext_noop("开庭通知"), {IN_APP, SMS}, {IN_APP, SMS},
              gettext_noop("民事诉讼法 第139条")),
        _kind(HEARING_CHANGED, gettext_noop("开庭变更"), {IN_APP, SMS}, {IN_APP, SMS},
              gettext_noop("民事诉讼法 第149条")),
        _kind(SERVED, gettext_noop("文书送达"), {IN_APP, SMS}, {IN_APP},
              gettext_noop("民事诉讼法 第90条")),
        _kind(HANDED_OVER, gettext_noop("部门联动移交"), {IN_APP, SMS}, set(), ""),
        _kind(HANDED_BACK, gettext_noop("部门联动答复与退回"), {IN_APP}, set(), ""),
        _kind(DEADLINE, gettext_noop("期限临近"), {IN_APP}, set(), ""),
        _kind(MEETING, gettext_noop("约见法官"), {IN_APP, SMS}, set(), ""),
        _kind(TICKET, gettext_noop("热线工单"), {IN_APP}, set(), ""),
    )
}  # fmt: skip

#: A deadline is "near" from this many days before its last day (inclusive) to the day itself.
DEADLINE_NOTICE_DAYS = 3


def channels_for(kind: str, chosen: dict[str, bool] | None) -> frozenset[str]:
    """The channels a notice of `kind` goes out on: the person's choice (or the default when they
    never chose), never without the mandatory ones."""
    spec = KINDS[kind]
    if chosen is None:
        return spec.default
    return frozenset(c for c in CHANNELS if chosen.get(c)) | spec.mandatory


def refused_channels(kind: str, chosen: dict[str, bool]) -> list[str]:
    """The mandatory channels that `chosen` would turn off (each one is refused)."""
    return [c for c in CHANNELS if c in KINDS[kind].mandatory and not chosen.get(c)]


def deadline_near(due_on: date, today: date, days: int = DEADLINE_NOTICE_DAYS) -> bool:
    """True from `days` days before the last day up to the last day itself."""
    return 0 <= (due_on - today).days <= days


def dedupe_key(kind: str, event_ref: str, recipient_id: int) -> str:
    """One notice per recipient and event: the outbox stores (and sends) a key only once."""
    return f"inbox:{kind}:{event_ref}:u{recipient_id}"
