"""Liaisons' daily work (日常联络): the kinds of log entry, the usage-frequency evaluation of each
service point (咸宁's 使用频率评价) and the 无讼村居 criteria. Pure Python, no Django.

Everything a court may want to weigh differently is data here, named and documented, and the
functions only combine it:

- `ACTIVITY_WEIGHTS`: how much each kind of use of a point counts towards its activity in a month.
- `SCORE_WEIGHTS`: how activity, its trend and the users' satisfaction make the point's score.
- `CRITERIA`: the 无讼村居 criteria, each with its default threshold; a court overrides a
  threshold by storing it (liaison.CriterionSetting), so thresholds are configurable data.

Sources (the project's design, /work/shared/DESIGN.md): §2.1 日常联络 (liaison-assisted filing,
service and enforcement investigation; pairing of officers and points), §2.11 一屏尽览 ("usage of
each service point"), §1 (万人成讼率 from each area's population), §2.2 (村居先调 → 部门联动 → 诉讼兜底:
disputes resolved at the village tier), §2.8 (乡规民约 reviewed by the tribunal), §2.9 (群体性
disputes detected as early warnings).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from fating.core.machine import Machine, t
from fating.core.textmarks import gettext_noop

# -- the log -----------------------------------------------------------------------------------

VISIT, REPORT, FILING, SERVICE, EDUCATION = "visit", "report", "filing", "service", "education"
KIND_LABELS = {
    VISIT: gettext_noop("走访"),
    REPORT: gettext_noop("矛盾上报"),
    FILING: gettext_noop("协助立案"),
    SERVICE: gettext_noop("协助送达"),
    EDUCATION: gettext_noop("法治宣传"),
}
#: Kinds that are assisted acts on a matter: the entry links the dispute, filing or service, and
#: the parties helped may rate the act once each (users' satisfaction).
ASSISTED = (REPORT, FILING, SERVICE)
#: The matter each assisted kind links to (the field of the entry that must be set).
LINK_OF = {REPORT: "dispute", FILING: "filing", SERVICE: "service"}

MANUAL, AUTO = "manual", "auto"
SOURCE_LABELS = {MANUAL: gettext_noop("联络员填写"), AUTO: gettext_noop("系统自动记录")}

#: How far back a liaison may log a day's work (a month's diary is kept up to date weekly).
BACKDATE_DAYS = 60
NOTES_MAX, PEOPLE_MAX, FEEDBACK_MAX, COMMENT_MAX = 2000, 200, 1000, 300
RATING_MIN, RATING_MAX = 1, 5


def entry_date_error(occurred_on: date, today: date) -> str:
    """Why a log date is refused, or "": not in the future, not older than BACKDATE_DAYS."""
    if occurred_on > today:
        return gettext_noop("日期不能晚于今天。")
    if (today - occurred_on).days > BACKDATE_DAYS:
        return gettext_noop("只能补记 60 天内的工作。")
    return ""


# -- point evaluation (咸宁: 服务点使用频率评价) --------------------------------------------------

#: Activity of a point in a month = Σ weight × count. An assisted act (上报、协助立案、协助送达)
#: counts more than a diary line; a chat message or a video attendance at the point shows the
#: point in use by the parties themselves.
ACTIVITY_WEIGHTS: Mapping[str, Decimal] = {
    "entries": Decimal("1"),  # every log entry (走访、法治宣传 and the assisted acts alike)
    "reports": Decimal("2"),  # disputes reported through the point (矛盾上报), on top of the entry
    "filings": Decimal("2"),  # online filings a liaison of the point helped submit (协助立案)
    "services": Decimal("2"),  # documents a liaison of the point served in person (协助送达)
    "chats": Decimal("0.1"),  # messages in the group chats of the point's disputes
    "videos": Decimal("1"),  # attendances of an online hearing from the point's terminal
}
ACTIVITY_LABELS = {
    "entries": gettext_noop("日志条数"),
    "reports": gettext_noop("矛盾上报"),
    "filings": gettext_noop("协助立案"),
    "services": gettext_noop("协助送达"),
    "chats": gettext_noop("群聊消息"),
    "videos": gettext_noop("视频庭审"),
}
#: Score (0–100) = Σ weight × part, each part 0–100:
#: activity — the point's activity against the most active point of the court that month;
#: trend — 50 for no change, 100 for doubling or better, 0 for falling to nothing;
#: satisfaction — the mean rating, 1 → 0 and 5 → 100. A point nobody rated that month has its
#: satisfaction weight spread over the other two parts (no rating is no evidence either way).
SCORE_WEIGHTS: Mapping[str, Decimal] = {
    "activity": Decimal("0.6"),
    "trend": Decimal("0.1"),
    "satisfaction": Decimal("0.3"),
}
_HUNDRED, _FIFTY = Decimal(100), Decimal(50)
_TENTH = Decimal("0.1")


def activity(counts: Mapping[str, int]) -> Decimal:
    """Σ ACTIVITY_WEIGHTS[k] × counts[k], to one decimal."""
    total = sum((ACTIVITY_WEIGHTS[k] * int(counts.get(k, 0)) for k in ACTIVITY_WEIGHTS), Decimal(0))
    return total.quantize(_TENTH, ROUND_HALF_UP)


def trend(current: Decimal, previous: Decimal) -> Decimal | None:
    """Change against the previous period as a fraction (0.25 = +25%); None when the previous
    period had no activity (a change from nothing has no ratio)."""
    if previous <= 0:
        return None
    return ((current - previous) / previous).quantize(Decimal("0.001"), ROUND_HALF_UP)


def _trend_part(current: Decimal, previous: Decimal) -> Decimal:
    change = trend(current, previous)
    if change is None:
        return _HUNDRED if current > 0 else _FIFTY
    return max(Decimal(0), min(_HUNDRED, _FIFTY + _FIFTY * change))


def score(
    current: Decimal, previous: Decimal, best: Decimal, satisfaction: Decimal | None
) -> Decimal:
    """The point's score, 0–100 to one decimal (see SCORE_WEIGHTS)."""
    parts = {
        "activity": (current / best * _HUNDRED) if best > 0 else Decimal(0),
        "trend": _trend_part(current, previous),
    }
    weights = dict(SCORE_WEIGHTS)
    if satisfaction is None:
        spread = weights.pop("satisfaction")
        rest = sum(weights.values(), Decimal(0))
        weights = {k: w + spread * w / rest for k, w in weights.items()}
    else:
        parts["satisfaction"] = (satisfaction - RATING_MIN) / (RATING_MAX - RATING_MIN) * _HUNDRED
    total = sum((weights[k] * parts[k] for k in weights), Decimal(0))
    return total.quantize(_TENTH, ROUND_HALF_UP)


def ranks(scores: Sequence[Decimal]) -> list[int]:
    """Competition ranking (1, 2, 2, 4) of `scores`, highest first, in the input's order."""
    ordered = sorted(scores, reverse=True)
    return [ordered.index(s) + 1 for s in scores]


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First day of the month and first day of the next."""
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date(year, month, 1), nxt


# -- 无讼村居 -------------------------------------------------------------------------------------

AT_MOST, AT_LEAST, REQUIRED = "at_most", "at_least", "required"


@dataclass(frozen=True)
class Criterion:
    """One condition a village must meet in the year. `threshold` is the default; a court may
    store its own (CriterionSetting). REQUIRED criteria are yes/no (value 1 or 0)."""

    key: str
    label: str
    comparison: str
    threshold: Decimal
    unit: str
    basis: str


#: The criteria and where the design names each (/work/shared/DESIGN.md): no mass dispute — §2.9
#: (群体性 disputes detected as warnings); 万人成讼率 — §1 and §2.11 (population per area, counted
#: by litigants' residence as analytics.sources does); 乡规民约 reviewed — §2.8; a liaison in place
#: — §1 and §2.1; the village-tier share — §2.2 (村居先调 → 部门联动 → 诉讼兜底). Thresholds are
#: defaults a court overrides (CriterionSetting).
CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "no_mass_dispute",
        gettext_noop("无群体性纠纷"),
        AT_MOST,
        Decimal(0),
        gettext_noop("件"),
        gettext_noop("年度内该村无群体性纠纷预警（预警联动：群体性纠纷由上报和立案识别）。"),
    ),
    Criterion(
        "litigation_rate",
        gettext_noop("万人成讼率"),
        AT_MOST,
        Decimal(30),
        gettext_noop("件/万人"),
        gettext_noop(
            "年度内住所地在该村的诉讼主体数 ÷ 常住人口 × 10000，不高于阈值（按诉讼主体住所地计）。"
        ),
    ),
    Criterion(
        "village_rules",
        gettext_noop("乡规民约已审查"),
        REQUIRED,
        Decimal(1),
        "",
        gettext_noop("覆盖该村的服务点的乡规民约经人民法庭合法性审查通过（普法与乡规民约）。"),
    ),
    Criterion(
        "liaison",
        gettext_noop("联络员在岗"),
        REQUIRED,
        Decimal(1),
        "",
        gettext_noop("该村有在岗的便民联络员（负责该村，或所在服务点覆盖该村）（日常联络）。"),
    ),
    Criterion(
        "village_share",
        gettext_noop("村居化解占比"),
        AT_LEAST,
        Decimal("0.6"),
        gettext_noop("比例"),
        gettext_noop(
            "年度内在该村结束的纠纷中，在村居先调层级达成协议的占比不低于阈值（村居先调 → 部门联动 → 诉讼兜底）；无纠纷视为达标。"
        ),
    ),
)
CRITERIA_BY_KEY = {c.key: c for c in CRITERIA}


@dataclass(frozen=True)
class Result:
    key: str
    value: Decimal | None
    threshold: Decimal
    passed: bool


def passes(criterion: Criterion, value: Decimal | None, threshold: Decimal) -> bool:
    """A value that cannot be computed (e.g. no population on record) does not pass."""
    if value is None:
        return False
    if criterion.comparison == AT_MOST:
        return value <= threshold
    if criterion.comparison == AT_LEAST:
        return value >= threshold
    return value >= 1


def evaluate(
    values: Mapping[str, Decimal | None], thresholds: Mapping[str, Decimal] | None = None
) -> list[Result]:
    """Each criterion's value against its threshold (the court's, else the default)."""
    thresholds = thresholds or {}
    out = []
    for c in CRITERIA:
        limit = thresholds.get(c.key, c.threshold)
        value = values.get(c.key)
        out.append(Result(c.key, value, limit, passes(c, value, limit)))
    return out


def all_passed(results: Iterable[Result]) -> bool:
    return all(r.passed for r in results)


def threshold_error(key: str, value: Decimal) -> str:
    """Why a court's threshold is refused, or ""."""
    criterion = CRITERIA_BY_KEY.get(key)
    if criterion is None:
        return gettext_noop("没有这项标准。")
    if criterion.comparison == REQUIRED:
        return gettext_noop("该项为是否达标，没有阈值。")
    if value < 0:
        return gettext_noop("阈值不能为负数。")
    if key == "village_share" and value > 1:
        return gettext_noop("占比阈值应在 0 到 1 之间。")
    if value > 10000:
        return gettext_noop("阈值过大。")
    return ""


class TitleStatus(enum.StrEnum):
    EVALUATED = "evaluated"
    TITLED = "titled"
    DECLINED = "declined"
    REVOKED = "revoked"


T = TitleStatus
#: A village's annual 无讼村居 evaluation: computed from the data, then the court decides. Only a
#: village meeting every criterion may be titled; a declined evaluation may be computed again.
TITLE: Machine[TitleStatus] = Machine(
    states={T.EVALUATED: "已评估", T.TITLED: "已授予无讼村居", T.DECLINED: "不予授予",
            T.REVOKED: "已撤销称号"},
    refusal="评估当前为“{state}”，不能{action}。",
    transitions=[
        t("reevaluate", "重新评估", [T.EVALUATED, T.DECLINED], T.EVALUATED),
        t("confirm", "确认授予", T.EVALUATED, T.TITLED, guard=lambda passed: bool(passed)),
        t("decline", "不予授予", T.EVALUATED, T.DECLINED),
        t("revoke", "撤销称号", T.TITLED, T.REVOKED),
    ],
)  # fmt: skip
