"""When a document counts as served (送达), computed from the recorded attempts and receipts.
Pure Python, no Django. Source: LEGAL-RULES.md D8.

- Electronic service needs the addressee's consent (民事诉讼法 第90条); consent may be express,
  agreed before the proceedings, inferred from an e-address the party itself gave in its
  pleadings, or from the party replying to / acting on an earlier e-service without objecting
  (人民法院在线诉讼规则 第29条), confirmed by phone, online or a paper form (第30条).
- To an address the party provided or confirmed, service takes effect when the message reaches
  that address's system (第31条第1款); the court system's "sent" time counts unless the addressee
  proves a different arrival time (民诉法解释 第135条).
- To an address not confirmed but identifiable as the party's own: effective when the party
  replies or acts on it (第31条第2款(一)); presumed effective when the system shows it was read
  (第31条第2款(二)).
- Several electronic channels for the same content: the earliest effective one counts
  (第31条第4款); D8: the first successful channel counts.
- In person: the date the addressee signs the return (民事诉讼法 第87–88条). Refusal: leaving the
  document with a witness or recording by photo/video completes service (第89条) — except for a
  调解书, which must be served on the party personally (民诉法解释 第133条).
- Post: the date on the postal receipt (第91条). Public notice (公告): deemed served 30 days after
  publication (第95条), counted by the one calendar engine (第85条: the publication day is not
  counted; a 30th day on a rest day or holiday moves to the next working day). Pass receipt times
  in the court's local time: the calendar day is taken from them.
- Paper copy on request (民事诉讼法 第90条第1款: 判决书、裁定书、调解书 served electronically must be
  given on paper when the addressee asks; the court may do the same for any other document): the
  paper copy is delivered by post or in person and keeps its own attempts and receipts, but the
  date of service stays the date the electronic message reached the addressee's system
  (第90条第2款; 民诉法解释 第135条). Only a document actually served electronically can be asked
  for on paper; anything else was, or will be, served on paper already.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from fating.core.calendar import HolidayCalendar, days, period_end
from fating.core.machine import Machine, t
from fating.core.textmarks import gettext_noop


class ServiceStatus(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    SERVED = "served"


# One copy served on one recipient. While in progress, more attempts may be added; it is served
# when `service_time` finds a receipt that completes service; an earlier completing receipt
# found later moves the service time back (the periods run from the earliest, 第31条第4款). Once
# served, the 送达回证 may be issued and a paper copy asked for (民事诉讼法 第90条).
SERVICE: Machine[ServiceStatus] = Machine(
    states={ServiceStatus.IN_PROGRESS: "送达中", ServiceStatus.SERVED: "已送达"},
    refusal="送达当前为“{state}”，不能{action}。",
    transitions=[
        t("attempt", "再次送达", ServiceStatus.IN_PROGRESS, ServiceStatus.IN_PROGRESS),
        t("serve", "完成送达", ServiceStatus.IN_PROGRESS, ServiceStatus.SERVED),
        t("serve", "更正为更早的送达时间", ServiceStatus.SERVED, ServiceStatus.SERVED),
        t("certify", "出具送达回证", ServiceStatus.SERVED, ServiceStatus.SERVED),
        t("request_paper", "申请纸质文书", ServiceStatus.SERVED, ServiceStatus.SERVED),
    ],
)

IN_APP = "in_app"
SMS = "sms"
EMAIL = "email"
IN_PERSON = "in_person"
POST = "post"
NOTICE = "notice"
ELECTRONIC = frozenset({IN_APP, SMS, EMAIL})
CHANNEL_LABELS = {IN_APP: gettext_noop("平台站内送达"), SMS: gettext_noop("短信链接送达"), EMAIL: gettext_noop("电子邮件送达"),
                  IN_PERSON: gettext_noop("直接送达（联络员/法院工作人员）"), POST: gettext_noop("邮寄送达"), NOTICE: gettext_noop("公告送达")}  # fmt: skip

# Consent grounds, 在线诉讼规则 第29条第2款 (一)–(四).
CONSENT_BASES = {
    "express": "受送达人明确表示同意（第29条第2款第1项）",
    "prior_agreement": "诉讼前已约定或承诺适用电子送达（第29条第2款第2项）",
    "pleading_address": "在起诉状、答辩状等文书中主动提供电子地址（第29条第2款第3项）",
    "accepted_by_conduct": "回复收悉或参加诉讼等方式接受已完成的电子送达（第29条第2款第4项）",
}
# How consent was confirmed, 第30条.
CONSENT_METHODS = {"phone": "电话确认", "online": "诉讼平台在线确认", "paper": "电子送达确认书"}

# Receipt kinds.
SENT = "sent"  # the court's system sent it (= arrival, 解释 第135条)
READ = "read"  # the addressee's system shows it was read
REPLIED = "replied"  # the addressee replied 收悉 or acted on it
SIGNED = "signed"  # signed the return in person
REFUSED_LEFT = "refused_left"  # refused; left with a witness or recorded on photo/video
POSTAL_SIGNED = "postal_signed"  # date on the postal receipt
RETURNED = "returned"  # post returned undelivered
PUBLISHED = "published"  # public notice published
FAILED = "failed"  # the gateway gave up
RECEIPT_LABELS = {SENT: gettext_noop("已发送（到达受送达人系统）"), READ: gettext_noop("系统显示已阅知"), REPLIED: gettext_noop("受送达人回复收悉"),
                  SIGNED: gettext_noop("受送达人签收"), REFUSED_LEFT: gettext_noop("拒收，留置送达"), POSTAL_SIGNED: gettext_noop("邮件回执签收"),
                  RETURNED: gettext_noop("邮件退回"), PUBLISHED: gettext_noop("公告发布"), FAILED: gettext_noop("发送失败")}  # fmt: skip

NOTICE_DAYS = 30  # 民事诉讼法 第95条


@dataclass(frozen=True)
class AttemptFacts:
    channel: str
    consented: bool = False  # electronic only: consent on record for this channel
    address_confirmed: bool = False  # electronic only: the party provided/confirmed the address
    receipts: tuple[tuple[str, datetime], ...] = field(default_factory=tuple)

    def first(self, *kinds: str) -> datetime | None:
        times = [at for kind, at in self.receipts if kind in kinds]
        return min(times) if times else None


@dataclass(frozen=True)
class Served:
    at: datetime
    channel: str
    basis: str


def notice_served_at(published_at: datetime, calendar: HolidayCalendar | None = None) -> datetime:
    """When a public notice counts as served: 30 days after publication (民事诉讼法 第95条),
    the publication day not counted and a last day on a rest day moved to the next working day
    (第85条); same time of day as the publication."""
    day = published_at.date()
    last = period_end(day, days(NOTICE_DAYS), calendar=calendar).end
    return published_at + timedelta(days=(last - day).days)


def attempt_served(
    facts: AttemptFacts, *, personal_only: bool = False, calendar: HolidayCalendar | None = None
) -> Served | None:
    """When this one attempt completed service, and on what legal basis; None if it did not."""
    if facts.channel in ELECTRONIC:
        if not facts.consented:
            return None  # 民事诉讼法 第90条: no electronic service without consent
        if facts.address_confirmed:
            at = facts.first(SENT)
            return (
                Served(
                    at,
                    facts.channel,
                    "送达信息到达受送达人确认的电子地址所在系统（在线诉讼规则第31条第1款；民诉法解释第135条）",
                )
                if at
                else None
            )
        replied = facts.first(REPLIED)
        read = facts.first(READ)
        if replied and (read is None or replied <= read):
            return Served(
                replied,
                facts.channel,
                "受送达人回复收悉或作出相应诉讼行为（在线诉讼规则第31条第2款第1项）",
            )
        if read:
            return Served(
                read,
                facts.channel,
                "系统反馈受送达人已阅知，推定送达（在线诉讼规则第31条第2款第2项）",
            )
        return None
    if facts.channel == IN_PERSON:
        signed = facts.first(SIGNED)
        refused = None if personal_only else facts.first(REFUSED_LEFT)
        if signed and (refused is None or signed <= refused):
            return Served(signed, IN_PERSON, "受送达人在送达回证上签收（民事诉讼法第87、88条）")
        if refused:
            return Served(refused, IN_PERSON, "受送达人拒绝签收，留置送达（民事诉讼法第89条）")
        return None
    if facts.channel == POST:
        at = facts.first(POSTAL_SIGNED)
        return (
            Served(at, POST, "以邮件回执上注明的收件日期为送达日期（民事诉讼法第91条）")
            if at
            else None
        )
    if facts.channel == NOTICE:
        at = facts.first(PUBLISHED)
        if at is None:
            return None
        return Served(notice_served_at(at, calendar), NOTICE,
                      "公告发出之日起经过三十日视为送达（民事诉讼法第95条、第85条）")  # fmt: skip
    return None


def service_time(
    attempts: list[AttemptFacts],
    *,
    personal_only: bool = False,
    calendar: HolidayCalendar | None = None,
) -> Served | None:
    """The earliest effective attempt (在线诉讼规则 第31条第4款; D8 "first successful channel")."""
    served = [
        s
        for a in attempts
        if (s := attempt_served(a, personal_only=personal_only, calendar=calendar))
    ]
    return min(served, key=lambda s: s.at) if served else None


# How a paper copy reaches the addressee: a posted letter or a hand delivery (第87、91条).
PAPER_CHANNELS = frozenset({IN_PERSON, POST})
# 民事诉讼法 第90条第1款: the documents the court must give on paper when asked.
PAPER_DUE_KINDS = frozenset({"confirmation_ruling"})


def paper_copy_allowed(served_channel: str) -> bool:
    """A paper copy can be asked for once the document was served electronically (第90条)."""
    return served_channel in ELECTRONIC


def paper_copy_due(document_kind: str) -> bool:
    """Whether the court must provide the paper copy (判决书、裁定书、调解书, 第90条第1款) rather
    than may."""
    return document_kind in PAPER_DUE_KINDS


def electronic_allowed(channel: str, consented: bool) -> bool:
    return channel not in ELECTRONIC or consented
