"""Real-name status (实名核验) of a person who signs themselves up. Pure Python, no Django.

A party's online filing and service rely on knowing who holds the account: 人民法院在线诉讼规则
第7条 requires the court to verify a participant's identity (证件证照比对, 手机号码认证, 人脸识别 …)
before they act online. Two ways here, in increasing strength:

- 短信核验: the person gave a resident ID number that passes the GB 11643-1999 checksum
  (python-stdnum `cn.ric`, through core.identifiers) and proved they hold the mobile number with an
  SMS code (第7条: 手机号码认证).
- 现场核验: a liaison at the person's service point compared the ID card with the person and the
  number on the account (第7条: 证件证照比对).

The status only ever goes up: a later SMS check never lowers an in-person one.
"""

from __future__ import annotations

import enum
from datetime import timedelta

from fating.core.machine import Machine, t
from fating.core.textmarks import gettext_noop

UNVERIFIED, SMS, IN_PERSON = "unverified", "sms", "in_person"
LABELS = {
    UNVERIFIED: gettext_noop("未核验"),
    SMS: gettext_noop("短信核验"),
    IN_PERSON: gettext_noop("现场核验"),
}
_RANK = {UNVERIFIED: 0, SMS: 1, IN_PERSON: 2}

#: Sign-up codes one mobile number, and one client address, may ask for per window (SMS costs
#: money and each code allows core.otp.MAX_WRONG guesses).
CODES_PER_MOBILE = 3
CODES_PER_ADDRESS = 10
CODE_WINDOW = timedelta(hours=1)


def raised(current: str, new: str) -> str:
    """The status after a check of strength `new`: the stronger of the two."""
    return new if _RANK[new] > _RANK[current] else current


# --------------------------------------------------------------------------------------------
# Representation 委托诉讼代理 (民事诉讼法 第61–62条)
#
# An agent represents a party of a case on a 授权委托书 submitted to the court (第62条第1款). The
# letter states the matters and the scope: 一般授权, or 特别授权 — only a special authorisation lets
# the agent admit, waive or change claims, settle, counterclaim or appeal for the party (第62条
# 第2款). Here the party (with an account) or the court confirms the letter before it counts.


class RepresentationStatus(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REFUSED = "refused"
    REVOKED = "revoked"


GENERAL, SPECIAL = "general", "special"
SCOPE_LABELS = {GENERAL: gettext_noop("一般授权"), SPECIAL: gettext_noop("特别授权")}

R = RepresentationStatus
REPRESENTATION: Machine[RepresentationStatus] = Machine(
    states={R.PENDING: "待确认", R.CONFIRMED: "已确认", R.REFUSED: "不予确认", R.REVOKED: "已解除"},
    refusal="委托当前为“{state}”，不能{action}。",
    transitions=[
        t("confirm", "确认委托", R.PENDING, R.CONFIRMED),
        t("refuse", "不予确认", R.PENDING, R.REFUSED),
        t("revoke", "解除委托", [R.PENDING, R.CONFIRMED], R.REVOKED),
    ],
)


def may_act_for_party(status: str, scope: str, *, special_needed: bool) -> bool:
    """A confirmed representation acts for the party; a 反诉, 和解, 上诉 … needs 特别授权 (第62条)."""
    return status == R.CONFIRMED and (scope == SPECIAL or not special_needed)
