"""审限 — trial and enforcement time limits, extensions, excluded periods. Pure, no Django.

Limits (LEGAL-RULES D4): 小额诉讼 2 months (CPL 第168条), 简易 3 months (第164条), 普通 6 months
(第152条), 特别程序 30 days from 立案 or from the end of the notice period (第187条), 司法确认 15
days from acceptance (司法确认规定 第5条), 支付令 15 days (第227条), appeals 3 months / 30 days
(第183条), enforcement 6 / 3 months (2000规定 第5条).

Counting: from the day after 立案 (2000规定 第8条; 解释 第125条), months per 民法典 第202条, and a
last day on a rest day moves to the next working day (CPL 第85条第3款). We apply that last rule
to 审限 too because 审限 are 法定期间 fixed by CPL itself; `extend_for_holiday=False` turns it off
for a court that counts 审限 on the bare calendar.

Decisions taken where the texts leave a gap (all reported in `TimeLimitStatus.notes`):
- Extensions lengthen the one period that runs from 立案: the due date is 立案 + (limit +
  extensions) with months added in one step, not chained from each old due date (chaining would
  lose days at month ends: 8月31日 +6 → 2月28日 +6 → 8月28日).
- Excluded periods (解释 第243条; 2000规定 第9条; 民事调解规定 第2、4条; 特邀调解规定 第27条;
  在线调解规则 第24条) are given as start and end dates and remove (end − start) days, counting
  like CPL 第85条 (start day not counted). Overlapping periods are merged so no day is removed
  twice; days before 立案 are never removed. The days are added to the due date after the months.
- Conversion (解释 第258条第3款; 2000规定 第8条第2款): the new procedure's limit counts from the
  original 立案 date. The same rule is applied to 小额诉讼 → 简易/普通, which 解释 第278条 does not
  spell out, by 解释 第281条 (small claims follow the simple-procedure rules). Extensions granted
  under the earlier procedure lapse with it.
- 普通程序's second extension is "报请上级人民法院批准" with no length in CPL 第152条; 2000规定
  第2条 said 3 months. We let the higher court set the length and do not cap it.
- Special procedure: CPL 第187条 names no extension length; 2000规定 第2条 gives 30 days, which
  we use as the cap. Appeals against rulings have no extension (CPL 第183条第2款).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Protocol

from fating.core.calendar.holidays import HolidayCalendar, RuleInputError, default_calendar
from fating.core.calendar.periods import (
    Duration,
    PeriodUnit,
    add_months,
    days,
    holiday_adjusted,
    months,
)

CPL = "民事诉讼法"
JIESHI = "民诉法解释"
RULES_2000 = "严格执行审限若干规定"
RULES_2019 = "延长审限和延期开庭规定"


class CaseProcedure(StrEnum):
    """Procedures with a time limit. The first three share values with fee_tables.Procedure."""

    SMALL_CLAIMS = "small_claims"
    SIMPLE = "simple"
    ORDINARY = "ordinary"
    SPECIAL = "special"
    VOTER_QUALIFICATION = "voter_qualification"
    JUDICIAL_CONFIRMATION = "judicial_confirmation"
    PAYMENT_ORDER = "payment_order"
    APPEAL_JUDGMENT = "appeal_judgment"
    APPEAL_RULING = "appeal_ruling"
    ENFORCEMENT = "enforcement"
    NON_LITIGATION_ENFORCEMENT = "non_litigation_enforcement"


class Approver(StrEnum):
    PRESIDENT = "president"  # 本院院长
    HIGHER_COURT = "higher_court"  # 上级人民法院
    HIGH_COURT_FILING = "high_court_filing"  # 层报高级人民法院备案 (enforcement)


APPROVER_LABELS = MappingProxyType(
    {
        Approver.PRESIDENT: "本院院长批准",
        Approver.HIGHER_COURT: "上级人民法院批准",
        Approver.HIGH_COURT_FILING: "层报高级人民法院备案",
    }
)


@dataclass(frozen=True)
class ExtensionStep:
    """One rung of the extension ladder. `max_total` caps the sum granted at this rung (None:
    the law names no length); `max_times` caps how many grants (None: not limited)."""

    approver: Approver
    max_total: Duration | None
    max_times: int | None
    article: str


@dataclass(frozen=True)
class TimeLimitRule:
    procedure: CaseProcedure
    label: str
    limit: Duration
    steps: tuple[ExtensionStep, ...]
    article: str
    # 公告送达 is not allowed in simple procedure (解释 第140条; 2019规定 第4条第4款), so a notice
    # period can never be excluded there: the case has to convert first.
    allows_public_notice: bool = True


def _rule(
    procedure: CaseProcedure,
    label: str,
    limit: Duration,
    article: str,
    *steps: ExtensionStep,
    allows_public_notice: bool = True,
) -> TimeLimitRule:
    return TimeLimitRule(procedure, label, limit, steps, article, allows_public_notice)


_PRESIDENT = Approver.PRESIDENT
TIME_LIMIT_RULES: MappingProxyType[CaseProcedure, TimeLimitRule] = MappingProxyType(
    {
        r.procedure: r
        for r in (
            _rule(
                CaseProcedure.SMALL_CLAIMS,
                "小额诉讼程序",
                months(2),
                f"{CPL} 第168条",
                ExtensionStep(_PRESIDENT, months(1), None, f"{CPL} 第168条"),
                allows_public_notice=False,
            ),
            _rule(
                CaseProcedure.SIMPLE,
                "简易程序",
                months(3),
                f"{CPL} 第164条",
                ExtensionStep(_PRESIDENT, months(1), None, f"{CPL} 第164条；{JIESHI} 第258条"),
                allows_public_notice=False,
            ),
            _rule(
                CaseProcedure.ORDINARY,
                "普通程序",
                months(6),
                f"{CPL} 第152条",
                ExtensionStep(_PRESIDENT, months(6), 1, f"{CPL} 第152条"),
                ExtensionStep(Approver.HIGHER_COURT, None, None, f"{CPL} 第152条"),
            ),
            _rule(
                CaseProcedure.SPECIAL,
                "特别程序",
                days(30),
                f"{CPL} 第187条",
                ExtensionStep(_PRESIDENT, days(30), 1, f"{CPL} 第187条；{RULES_2000} 第2条"),
            ),
            _rule(
                CaseProcedure.VOTER_QUALIFICATION,
                "选民资格案件",
                days(30),
                f"{CPL} 第187条；{RULES_2000} 第2条（须在选举日前审结）",
            ),
            _rule(
                CaseProcedure.JUDICIAL_CONFIRMATION,
                "司法确认",
                days(15),
                "司法确认规定 第5条",
                ExtensionStep(_PRESIDENT, days(10), 1, "司法确认规定 第5条"),
            ),
            _rule(
                CaseProcedure.PAYMENT_ORDER,
                "督促程序（发出支付令）",
                days(15),
                f"{CPL} 第227条",
            ),
            _rule(
                CaseProcedure.APPEAL_JUDGMENT,
                "对判决的上诉案件",
                months(3),
                f"{CPL} 第183条",
                ExtensionStep(_PRESIDENT, months(3), 1, f"{CPL} 第183条；{RULES_2000} 第2条"),
            ),
            _rule(CaseProcedure.APPEAL_RULING, "对裁定的上诉案件", days(30), f"{CPL} 第183条"),
            _rule(
                CaseProcedure.ENFORCEMENT,
                "执行案件",
                months(6),
                f"{RULES_2000} 第5条",
                ExtensionStep(_PRESIDENT, months(3), 1, f"{RULES_2000} 第5条"),
                ExtensionStep(Approver.HIGH_COURT_FILING, None, None, f"{RULES_2000} 第5条"),
            ),
            _rule(
                CaseProcedure.NON_LITIGATION_ENFORCEMENT,
                "非诉执行案件",
                months(3),
                f"{RULES_2000} 第5条",
                ExtensionStep(_PRESIDENT, months(3), 1, f"{RULES_2000} 第5条"),
                ExtensionStep(Approver.HIGH_COURT_FILING, None, None, f"{RULES_2000} 第5条"),
            ),
        )
    }
)

# Adjournments allowed (2019规定 第3条); the gap between hearings ≤ 1 month (第5条).
MAX_ADJOURNMENTS = MappingProxyType(
    {CaseProcedure.ORDINARY: 2, CaseProcedure.SIMPLE: 1, CaseProcedure.SMALL_CLAIMS: 1}
)

# 解释 第258条第3款 / 第278条 / CPL 第169条: the conversions the law provides. ORDINARY → SIMPLE
# only by the parties' agreement before the first hearing (CPL 第160条第2款; 解释 第260、264条).
ALLOWED_CONVERSIONS = frozenset(
    {
        (CaseProcedure.SMALL_CLAIMS, CaseProcedure.SIMPLE),
        (CaseProcedure.SMALL_CLAIMS, CaseProcedure.ORDINARY),
        (CaseProcedure.SIMPLE, CaseProcedure.ORDINARY),
        (CaseProcedure.ORDINARY, CaseProcedure.SIMPLE),
    }
)

ENFORCEMENT_PROCEDURES = frozenset(
    {CaseProcedure.ENFORCEMENT, CaseProcedure.NON_LITIGATION_ENFORCEMENT}
)


class ExcludedKind(StrEnum):
    """Periods not counted in 审限."""

    PUBLIC_NOTICE = "public_notice"
    APPRAISAL = "appraisal"
    SETTLEMENT = "settlement"
    JURISDICTION = "jurisdiction"
    AUDIT_VALUATION = "audit_valuation"
    SUSPENSION = "suspension"
    MEDIATION_EXTENSION = "mediation_extension"
    NEW_EVIDENCE_ADJOURNMENT = "new_evidence_adjournment"
    ENFORCEMENT_STAY = "enforcement_stay"
    AUCTION = "auction"


@dataclass(frozen=True)
class ExcludedKindInfo:
    label: str
    article: str
    enforcement_only: bool = False
    cap: Duration | None = None


EXCLUDED_KINDS = MappingProxyType(
    {
        ExcludedKind.PUBLIC_NOTICE: ExcludedKindInfo(
            "公告期间", f"{JIESHI} 第243条；{RULES_2000} 第9条（六）"
        ),
        ExcludedKind.APPRAISAL: ExcludedKindInfo(
            "鉴定期间", f"{JIESHI} 第243条；{RULES_2000} 第9条（六）"
        ),
        ExcludedKind.SETTLEMENT: ExcludedKindInfo(
            "双方当事人和解（庭外和解）期间", f"{JIESHI} 第243条；民事调解规定 第2条"
        ),
        ExcludedKind.JURISDICTION: ExcludedKindInfo(
            "审理管辖权异议、处理管辖争议期间", f"{JIESHI} 第243条；{RULES_2000} 第9条（七）"
        ),
        ExcludedKind.AUDIT_VALUATION: ExcludedKindInfo(
            "审计、评估、资产清理期间", f"{RULES_2000} 第9条（八）"
        ),
        ExcludedKind.SUSPENSION: ExcludedKindInfo(
            "中止诉讼（执行）至恢复期间", f"{RULES_2000} 第9条（九）"
        ),
        ExcludedKind.MEDIATION_EXTENSION: ExcludedKindInfo(
            "经当事人同意延长的调解期间",
            "民事调解规定 第4条；特邀调解规定 第27条；在线调解规则 第24条",
        ),
        ExcludedKind.NEW_EVIDENCE_ADJOURNMENT: ExcludedKindInfo(
            "因申请新证人、调取新证据、重新鉴定或勘验而延期审理的期间（一个月内）",
            f"{RULES_2000} 第9条（五）",
            cap=months(1),
        ),
        ExcludedKind.ENFORCEMENT_STAY: ExcludedKindInfo(
            "暂缓执行期间", f"{RULES_2000} 第9条（十）（十一）", enforcement_only=True
        ),
        ExcludedKind.AUCTION: ExcludedKindInfo(
            "拍卖、变卖期间", f"{RULES_2000} 第9条（十二）", enforcement_only=True
        ),
    }
)


@dataclass(frozen=True)
class ExcludedPeriod:
    """A period not counted in 审限. `end` None means still running (counted up to `as_of`)."""

    kind: ExcludedKind
    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True)
class Extension:
    """An approved extension. `requested_on` lets us check the 15-day lead (2019规定 第1条)."""

    approver: Approver
    length: Duration
    granted_on: dt.date
    requested_on: dt.date | None = None


@dataclass(frozen=True)
class ProcedureChange:
    """A ruling converting the procedure on `on`. `before_first_hearing` matters only for
    ORDINARY → SIMPLE (解释 第260条)."""

    to: CaseProcedure
    on: dt.date
    before_first_hearing: bool = False


class Alert(StrEnum):
    NORMAL = "normal"
    APPROACHING = "approaching"
    EXTENSION_WINDOW = "extension_window"
    CRITICAL = "critical"
    OVERDUE = "overdue"
    CLOSED_IN_TIME = "closed_in_time"
    CLOSED_LATE = "closed_late"


ALERT_LABELS = MappingProxyType(
    {
        Alert.NORMAL: "正常",
        Alert.APPROACHING: "临近届满",
        Alert.EXTENSION_WINDOW: "须在届满十五日前申请延长",
        Alert.CRITICAL: "即将届满",
        Alert.OVERDUE: "已超审限",
        Alert.CLOSED_IN_TIME: "审限内结案",
        Alert.CLOSED_LATE: "超审限结案",
    }
)


@dataclass(frozen=True)
class WarningPolicy:
    """Days before the due date at which the alert escalates (2000规定 第21条 催办制度).

    Defaults: 15 days — the last day to ask for an extension (2019规定 第1条); 5 days — the day by
    which the president (or higher court) must decide; 30 days — an early reminder."""

    approaching_days: int = 30
    extension_request_days: int = 15
    critical_days: int = 5


DEFAULT_POLICY = WarningPolicy()


@dataclass(frozen=True)
class TimeLimitStatus:
    """Where a case stands against its 审限 on `as_of` (or on closure)."""

    procedure: CaseProcedure
    filed_on: dt.date
    counts_from: dt.date
    as_of: dt.date
    limit: Duration
    extensions: tuple[Extension, ...]
    excluded_days: int
    nominal_due: dt.date
    due_on: dt.date
    days_used: int
    days_allowed: int
    days_remaining: int
    paused: bool
    closed_on: dt.date | None
    alert: Alert
    next_approver: Approver | None
    extension_request_by: dt.date
    extension_decision_by: dt.date
    issues: tuple[str, ...]
    notes: tuple[str, ...]
    articles: tuple[str, ...]
    # Set when the year of the due date is not loaded or not verified in the holiday calendar;
    # pages show it next to the date (the date is then a weekends-only guess).
    calendar_warning: str | None = None

    @property
    def overdue(self) -> bool:
        return self.alert in (Alert.OVERDUE, Alert.CLOSED_LATE)

    @property
    def closed_in_time(self) -> bool | None:
        return None if self.closed_on is None else self.closed_on <= self.due_on


def _merged_excluded_days(
    periods: Sequence[ExcludedPeriod],
    *,
    after: dt.date,
    until: dt.date,
    open_until: dt.date | None = None,
) -> int:
    """Days in (after, until] covered by the half-open spans (start, end], merged. A running
    period (end None) is taken to end on `open_until` (default `until`)."""
    spans: list[tuple[dt.date, dt.date]] = []
    for p in periods:
        end = p.end if p.end is not None else (open_until or until)
        cap = EXCLUDED_KINDS[p.kind].cap
        if cap is not None:
            end = min(end, _add(p.start, cap))
        lo, hi = max(p.start, after), min(end, until)
        if hi > lo:
            spans.append((lo, hi))
    total = 0
    current: tuple[dt.date, dt.date] | None = None
    for lo, hi in sorted(spans):
        if current is None or lo > current[1]:
            if current is not None:
                total += (current[1] - current[0]).days
            current = (lo, hi)
        else:
            current = (current[0], max(current[1], hi))
    if current is not None:
        total += (current[1] - current[0]).days
    return total


def _add(day: dt.date, duration: Duration) -> dt.date:
    if duration.unit is PeriodUnit.DAY:
        return day + dt.timedelta(days=duration.amount)
    factor = 12 if duration.unit is PeriodUnit.YEAR else 1
    return add_months(day, duration.amount * factor)


def _nominal(start: dt.date, lengths: Iterable[Duration]) -> dt.date:
    """立案 + limit + extensions, months in one step (see module docstring)."""
    total_months = 0
    total_days = 0
    for d in lengths:
        if d.unit is PeriodUnit.DAY:
            total_days += d.amount
        else:
            total_months += d.amount * (12 if d.unit is PeriodUnit.YEAR else 1)
    return add_months(start, total_months) + dt.timedelta(days=total_days)


def _lengths(limit: Duration, extensions: Iterable[Extension]) -> list[Duration]:
    return [limit, *(e.length for e in extensions)]


def _check_extensions(
    rule: TimeLimitRule, start: dt.date, extensions: Sequence[Extension]
) -> Approver | None:
    """Validate the ladder; return the approver of the next possible extension (None: none)."""
    if not rule.steps and extensions:
        raise RuleInputError("extensions", f"{rule.label}的审限不得延长（{rule.article}）")
    step_index = 0
    granted: list[Extension] = []
    used_at_step: list[Extension] = []
    for ext in extensions:
        if ext.length.amount == 0:
            raise RuleInputError("extensions", "延长期限必须大于零")
        while step_index < len(rule.steps) and rule.steps[step_index].approver != ext.approver:
            if not used_at_step:
                # "还需要延长的" — a higher rung only after the one below it was used.
                break
            step_index += 1
            used_at_step = []
        if step_index < len(rule.steps) and rule.steps[step_index].approver != ext.approver:
            step_index = len(rule.steps)
        if step_index >= len(rule.steps):
            allowed = "、".join(APPROVER_LABELS[s.approver] for s in rule.steps)
            raise RuleInputError(
                "extensions", f"{rule.label}延长审限的审批顺序应为：{allowed}（{rule.article}）"
            )
        step = rule.steps[step_index]
        if step.max_times is not None and len(used_at_step) >= step.max_times:
            raise RuleInputError(
                "extensions",
                f"{rule.label}经{APPROVER_LABELS[step.approver]}只能延长{step.max_times}次"
                f"（{step.article}）",
            )
        if step.max_total is not None:
            prior = _lengths(rule.limit, granted[: len(granted) - len(used_at_step)])
            cap_end = _nominal(start, [*prior, step.max_total])
            if _nominal(start, _lengths(rule.limit, [*granted, ext])) > cap_end:
                raise RuleInputError(
                    "extensions",
                    f"{rule.label}经{APPROVER_LABELS[step.approver]}累计延长不得超过"
                    f"{step.max_total}（{step.article}）",
                )
        used_at_step.append(ext)
        granted.append(ext)
    for index in range(step_index, len(rule.steps)):
        step = rule.steps[index]
        used = used_at_step if index == step_index else []
        if step.max_times is not None and len(used) >= step.max_times:
            continue
        if step.max_total is not None and used:
            prior = _lengths(rule.limit, granted[: len(granted) - len(used)])
            cap_end = _nominal(start, [*prior, step.max_total])
            if _nominal(start, _lengths(rule.limit, granted)) >= cap_end:
                continue
        return step.approver
    return None


def compute_time_limit(
    *,
    procedure: CaseProcedure,
    filed_on: dt.date,
    as_of: dt.date,
    extensions: Sequence[Extension] = (),
    excluded: Sequence[ExcludedPeriod] = (),
    changes: Sequence[ProcedureChange] = (),
    closed_on: dt.date | None = None,
    notice_period_ends: dt.date | None = None,
    election_day: dt.date | None = None,
    calendar: HolidayCalendar | None = None,
    policy: WarningPolicy = DEFAULT_POLICY,
    extend_for_holiday: bool = True,
) -> TimeLimitStatus:
    """The 审限 of a case filed (立案) on `filed_on` under `procedure`, as it stands on `as_of`.

    `changes` are conversions in date order; the current procedure is the last one's `to`.
    `extensions` are those granted under the current procedure (earlier ones are ignored, with a
    note). `closed_on` is the 结案 date per 2000规定 第10条 (宣判, or service of the 调解书 on the
    last party; 留置/公告/邮寄 dates as that article says). `notice_period_ends` is for special
    procedures that run "公告期满后三十日内" (CPL 第187条); `election_day` bounds voter cases.
    Raises RuleInputError for inputs the law does not allow.
    """
    cal = calendar or default_calendar()
    notes: list[str] = []
    issues: list[str] = []
    if as_of < filed_on:
        raise RuleInputError("as_of", "统计日期不能早于立案日期")
    if closed_on is not None and closed_on < filed_on:
        raise RuleInputError("closed_on", "结案日期不能早于立案日期")

    current = procedure
    last_change: dt.date | None = None
    for change in changes:
        if (current, change.to) not in ALLOWED_CONVERSIONS:
            raise RuleInputError(
                "changes",
                f"不能由{TIME_LIMIT_RULES[current].label}转为{TIME_LIMIT_RULES[change.to].label}",
            )
        if (current, change.to) == (CaseProcedure.ORDINARY, CaseProcedure.SIMPLE) and not (
            change.before_first_hearing
        ):
            raise RuleInputError(
                "changes",
                f"已经按照普通程序审理的案件，在开庭后不得转为简易程序（{JIESHI} 第260条）",
            )
        if change.on < filed_on or (last_change is not None and change.on < last_change):
            raise RuleInputError("changes", "程序转换日期应按时间顺序且不早于立案日期")
        old_rule = TIME_LIMIT_RULES[current]
        since = last_change or filed_on
        old_exts = [e for e in extensions if since <= e.granted_on < change.on]
        old_due = _nominal(filed_on, _lengths(old_rule.limit, old_exts)) + dt.timedelta(
            days=_merged_excluded_days(excluded, after=filed_on, until=change.on)
        )
        if change.on > old_due:
            issues.append(
                f"{change.on.isoformat()}转换程序晚于原{old_rule.label}审限届满日"
                f"{old_due.isoformat()}（{JIESHI} 第258条第2款要求在届满前裁定）"
            )
        current = change.to
        last_change = change.on
    if changes:
        notes.append(
            f"程序转换后审限自立案之日连续计算（{JIESHI} 第258条第3款；{RULES_2000} 第8条第2款）"
        )

    rule = TIME_LIMIT_RULES[current]
    if last_change is not None:
        dropped = [e for e in extensions if e.granted_on < last_change]
        if dropped:
            notes.append("程序转换前批准的延长随原程序失效，不计入新程序审限")
        extensions = [e for e in extensions if e.granted_on >= last_change]
    extensions = sorted(extensions, key=lambda e: e.granted_on)

    for period in excluded:
        info = EXCLUDED_KINDS[period.kind]
        if period.end is not None and period.end < period.start:
            raise RuleInputError("excluded", f"{info.label}的结束日期不能早于开始日期")
        if info.enforcement_only and current not in ENFORCEMENT_PROCEDURES:
            raise RuleInputError("excluded", f"{info.label}仅适用于执行案件（{info.article}）")
        if period.kind is ExcludedKind.PUBLIC_NOTICE and not rule.allows_public_notice:
            raise RuleInputError(
                "excluded",
                f"{rule.label}不适用公告送达，需公告的应转为普通程序"
                f"（{JIESHI} 第140条；{RULES_2019} 第4条）",
            )

    counts_from = filed_on
    if notice_period_ends is not None:
        if current not in (CaseProcedure.SPECIAL, CaseProcedure.VOTER_QUALIFICATION):
            raise RuleInputError("notice_period_ends", "公告期满后起算仅适用于特别程序案件")
        counts_from = max(filed_on, notice_period_ends)
        notes.append(f"自公告期满之日次日起算（{CPL} 第187条）")

    next_approver = _check_extensions(rule, counts_from, extensions)
    horizon = closed_on if closed_on is not None else as_of
    open_ended = any(p.end is None for p in excluded)
    # The due date counts recorded periods in full (a 公告 ending next month is known today) and a
    # running one up to `as_of`; after closure nothing later counts.
    excluded_total = _merged_excluded_days(
        excluded,
        after=counts_from,
        until=closed_on if closed_on is not None else dt.date.max,
        open_until=horizon,
    )
    nominal = _nominal(counts_from, _lengths(rule.limit, extensions)) + dt.timedelta(
        days=excluded_total
    )
    if extend_for_holiday:
        due, holiday = holiday_adjusted(nominal, cal)
        if holiday:
            notes.append(
                f"届满日{nominal.isoformat()}为{holiday}，顺延至{due.isoformat()}（{CPL} 第85条）"
            )
    else:
        due = nominal
    if current is CaseProcedure.VOTER_QUALIFICATION and election_day is not None:
        due = min(due, election_day - dt.timedelta(days=1))
        notes.append("选民资格案件必须在选举日前审结")
    calendar_warning = cal.warning_for(nominal, due)
    if calendar_warning:
        notes.append(calendar_warning)

    for ext in extensions:
        before = [e for e in extensions if e.granted_on < ext.granted_on]
        due_then = _nominal(counts_from, _lengths(rule.limit, before)) + dt.timedelta(
            days=_merged_excluded_days(excluded, after=counts_from, until=ext.granted_on)
        )
        if ext.granted_on > due_then:
            issues.append(
                f"{ext.granted_on.isoformat()}批准的延长晚于审限届满日{due_then.isoformat()}"
            )
        if ext.requested_on is not None and ext.requested_on > due_then - dt.timedelta(
            days=policy.extension_request_days
        ):
            issues.append(
                f"{ext.requested_on.isoformat()}申请延长，未在届满十五日前提出（{RULES_2019} 第1条）"
            )

    used_excluded = _merged_excluded_days(excluded, after=counts_from, until=horizon)
    days_used = max(0, (horizon - counts_from).days - used_excluded)
    days_allowed = (due - counts_from).days - excluded_total
    remaining = (due - horizon).days
    alert = _alert(remaining, closed_on, due, policy)
    return TimeLimitStatus(
        procedure=current,
        filed_on=filed_on,
        counts_from=counts_from,
        as_of=as_of,
        limit=rule.limit,
        extensions=tuple(extensions),
        excluded_days=excluded_total,
        nominal_due=nominal,
        due_on=due,
        days_used=days_used,
        days_allowed=days_allowed,
        days_remaining=remaining,
        paused=open_ended and closed_on is None,
        closed_on=closed_on,
        alert=alert,
        next_approver=next_approver,
        extension_request_by=due - dt.timedelta(days=policy.extension_request_days),
        extension_decision_by=due - dt.timedelta(days=policy.critical_days),
        issues=tuple(issues),
        notes=tuple(notes),
        articles=(rule.article, f"{RULES_2000} 第8条"),
        calendar_warning=calendar_warning,
    )


def _alert(remaining: int, closed_on: dt.date | None, due: dt.date, policy: WarningPolicy) -> Alert:
    if closed_on is not None:
        return Alert.CLOSED_IN_TIME if closed_on <= due else Alert.CLOSED_LATE
    if remaining < 0:
        return Alert.OVERDUE
    if remaining <= policy.critical_days:
        return Alert.CRITICAL
    if remaining <= policy.extension_request_days:
        return Alert.EXTENSION_WINDOW
    if remaining <= policy.approaching_days:
        return Alert.APPROACHING
    return Alert.NORMAL


class ClosedCase(Protocol):
    @property
    def due_on(self) -> dt.date: ...

    @property
    def closed_on(self) -> dt.date | None: ...


@dataclass(frozen=True)
class ClosureRate:
    """审限内结案率: closed cases whose 结案 date is on or before their due date."""

    closed: int
    in_time: int

    @property
    def rate(self) -> Fraction | None:
        return None if self.closed == 0 else Fraction(self.in_time, self.closed)

    def percent(self, places: int = 2) -> Decimal | None:
        """The rate in per cent, ROUND_HALF_UP to `places` decimals; None with no closed cases."""
        rate = self.rate
        if rate is None:
            return None
        exact = Decimal(rate.numerator * 100) / Decimal(rate.denominator)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def in_time_closure_rate(cases: Iterable[ClosedCase]) -> ClosureRate:
    """Rate over the cases that are closed; open cases are skipped (they are not yet 结案)."""
    closed = in_time = 0
    for case in cases:
        if case.closed_on is None:
            continue
        closed += 1
        in_time += case.closed_on <= case.due_on
    return ClosureRate(closed=closed, in_time=in_time)
