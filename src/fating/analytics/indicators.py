"""The dashboard's indicators, computed from the roll-up (MonthTotal and DayTotal) only, each with its
definition. Small cells are suppressed for governance officers (fewer than 5 people)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from fating.analytics import rollup, sources
from fating.analytics.models import DailyCell, DayTotal, Grain, Measure, MonthTotal
from fating.analytics.selectors import Viewpoint
from fating.cases.legal import IN_TIME_DEFINITION
from fating.network.models import Area, ServicePoint

SMALL = 5
AGREED = ("agreed", "resolved")
TIER_LABELS = {"village": "村居先调", "joint": "部门联动", "delegated": "委派调解"}
FIRST_INSTANCE = "民初"

# Each indicator shown has its own definition under its own key (a test holds every shown key
# to one and no two keys to the same text).
DEFINITIONS: dict[str, Any] = {
    "reported": _("纠纷上报数：期间内（按上报日）平台收到的纠纷数。"),
    "mediated": _("诉前调解数：期间内上报、进入过村居先调、部门联动或委派调解的纠纷数（含其后转入诉讼或撤回的）；未经任何层级即转入诉讼或撤回的不计。"),
    "first_instance": _("一审民事收案数：期间内（按立案日）类型代字为“民初”的案件数。"),
    "mediation_share": _("诉前调解占比 = 诉前调解数 ÷ 一审民事收案数（同一期间、同一区域）。"),
    "success_rate": _("调解成功率 = 达成协议（含已化解）数 ÷（达成协议数 + 进入过调解层级后转入诉讼数）；撤回、仍在调解和未经调解直接转入诉讼的不计。"),
    "by_tier": _("各层级化解：在村居先调、部门联动、委派调解各层级达成协议的纠纷数及占比。"),
    "by_tier.village": _("村居先调化解：期间内上报、在村居先调中达成协议（含已化解）的纠纷数；括号内为占达成协议总数的比例。"),
    "by_tier.joint": _("部门联动化解：期间内上报、在部门联动调解中达成协议（含已化解）的纠纷数；括号内为占达成协议总数的比例。"),
    "by_tier.delegated": _("委派调解化解：期间内上报、经法院委派调解达成协议（含已化解）的纠纷数；括号内为占达成协议总数的比例。"),
    "cases": _("立案数：期间内（按立案日）本院受理的各类案件数，不分类型代字。"),
    "litigation_rate": _("万人成讼率 = 期间内（按立案日）立案案件的诉讼主体中住所地在该区域的人数（按当事人填报的住址与区域名称匹配，每案每人计一次）÷ 该区域常住人口 × 10000（人口为该区域登记的常住人口及其统计年度）。"),
    "carried_over": _("旧存案件数：期间开始前已立案、期间开始时尚未结案的案件数。"),
    "closed": _("结案数：期间内（按结案日）结案的案件数，含期间前立案的旧存案件。"),
    "closure_rate": _("结案率 = 期间内（按结案日）结案数 ÷（旧存案件数 + 期间内新收案件数）。"),
    "average_days": _("平均审理天数 = 期间内（按结案日）结案的案件自立案日至结案日天数之和 ÷ 期间内结案数。"),
    "mediation_withdrawal_rate": _("调撤率 = 期间内（按结案日）以调解或撤诉结案的件数 ÷ 期间内结案数。"),
    "in_time_rate": IN_TIME_DEFINITION,
    "confirmations": _("司法确认申请数：期间内（按申请日）向本院申请司法确认的调解协议数。"),
    "confirmed": _("确认有效数：期间内（按申请日）申请的司法确认中，已裁定确认调解协议有效的件数。"),
    "online_filings": _("网上立案数：期间内（按提交日）当事人或其代理人本人在平台在线提交的立案申请数（不含联络员协助提交的）。"),
    "online_filing_rate": _("网上立案率 = 网上立案数 ÷ 期间内（按提交日）在平台提交的全部立案申请数。"),
    "assisted_filings": _("协助立案数：期间内（按提交日）由便民联络员协助或代为提交的立案申请数。"),
    "online_mediations": _("在线调解数：期间内（按调解日）以线上方式进行的纠纷调解场次。"),
    "guided_mediations": _("指导调解数：期间内（按指导日）法官对纠纷调解给出书面指导意见或在线指导的次数。"),
    "village_rules_reviews": _("乡规民约审查数：期间内（按审查日）法院对服务点提交的乡规民约版本完成审查（提出意见或审查通过）的件数。"),
    "suggestions_issued": _("司法建议发出数：期间内（按登记日）在预警处置中发出的司法建议件数。"),
    "suggestions_replied": _("司法建议回复数：期间内发出的司法建议中，被建议单位已回复的件数。"),
    "suggestion_reply_rate": _("司法建议回复率 = 司法建议回复数 ÷ 司法建议发出数（同一期间）。"),
    "appeal_acceptance_rate": _(
        "服判息诉率 = 期间内（按签发日）作出判决或裁定的案件中当事人未上诉的案件数 ÷ "
        "作出判决或裁定的案件数（全院口径）。"
    ),
    "reversal_rate": _(
        "发改率 = 期间内签发的判决、裁定经上诉后被二审改判或发回重审的件数 ÷ "
        "已登记二审结果的上诉件数（全院口径；撤回上诉计入分母）。"
    ),
    "speedy_share": _("速裁分流比例 = 期间内（按立案日）由速裁团队法官承办的民事一审案件数 ÷ 期间内民事一审收案数（全院口径，不按区域细分）。"),
    "family_mediation_withdrawal_rate": _("家事调撤率 = 期间内（按结案日）婚姻家庭、继承纠纷（《民事案件案由规定》第二部分）以调解或撤诉结案的件数 ÷ 同类案件结案数（全院口径）。"),
    "cases_per_judge": _("人均收案数 = 期间内（按立案日）全院收案数 ÷ 目前在本院任职的法官人数。"),
    "online_hearings": _("互联网开庭数：期间内（按开庭日）以在线方式开庭并已开庭的场次（全院口径）。"),
    "online_hearing_rate": _("互联网开庭率 = 互联网开庭数 ÷ 期间内已开庭场次（全院口径）。"),
    "trial_broadcasts": _("庭审直播数：期间内（按开庭日）审判人员设为庭审直播、依法可以公开的在线庭审场次（全院口径；在线诉讼规则第二十七条不得公开的不计）。"),
    "electronic_service": _("电子送达数：期间内（按送达日）经平台站内、短信链接或电子邮件送达生效的送达件数（全院口径）。"),
    "electronic_service_rate": _("电子送达率 = 电子送达数 ÷ 期间内送达生效的全部送达件数（全院口径）。"),
    "point_usage": _("服务点活跃度：期间内经该服务点上报的纠纷数、联络员协助的网上立案数、普法点单数。"),
    "trend": _("月度走势：截至统计期末的 12 个月，每月上报的纠纷数、其中目前已达成协议或已化解的纠纷数（按上报月），以及每月立案的案件数（按立案月）。"),
    "funnel": _("层级漏斗：期间内上报的纠纷，按目前所在或达成协议的调解层级计数，另计申请司法确认数和转入诉讼数；纠纷可越级，各层级不必逐级递减。"),
    "causes": _("纠纷类型：期间内上报纠纷按案由（未分类的记为“未分类”）计数，列出最多的 8 类，其余合为“其他”。"),
    "suppression": _("综治干部查看时，涉及人数少于 5 人的单元格显示为“<5”，相关比率不显示。"),
}  # fmt: skip


def definitions() -> dict[str, str]:
    """The definitions in the active language."""
    return {k: str(v) for k, v in DEFINITIONS.items()}


def shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


GROUP = ("township_id", "village_id", "service_point_id", "measure", "state", "detail", "flag")


def split_period(
    since: date, until: date
) -> tuple[list[tuple[date, date]], tuple[date, date] | None]:
    """Cut [since, until] into day ranges at the edges and one range of whole months between.

    Returns (day ranges, (first month, last month) or None)."""
    first_full = (
        since if since.day == 1 else month_period(since.year, since.month)[1] + timedelta(1)
    )
    month_end = month_period(until.year, until.month)[1]
    last_full = until if until == month_end else until.replace(day=1) - timedelta(1)
    if first_full > last_full:  # no whole month inside
        return [(since, until)], None
    edges = []
    if since < first_full:
        edges.append((since, first_full - timedelta(1)))
    if last_full < until:
        edges.append((last_full + timedelta(1), until))
    return edges, (first_full, last_full.replace(day=1))


def _narrow(qs: QuerySet[Any], vp: Viewpoint, grain: str) -> QuerySet[Any]:
    qs = qs.filter(court_id=vp.court.pk, grain=grain)
    if vp.point is not None:
        return qs.filter(service_point_id=vp.point.pk)
    if vp.area is not None:
        field = {"township": "township_id", "village": "village_id"}.get(vp.area.level)
        return qs.filter(**{field: vp.area.pk}) if field else qs
    return qs


def grain_for(vp: Viewpoint) -> str:
    """The coarsest grain that still answers the view: a county-wide view needs townships only."""
    return Grain.TOWNSHIP if vp.point is None and vp.area is None else Grain.PLACE


def period_rows(
    vp: Viewpoint, since: date, until: date, grain: str | None = None
) -> list[dict[str, Any]]:
    """Counts per place × measure × state × detail × flag over the period: whole months from
    `MonthTotal`, the days at the edges from `DayTotal` (at most two short ranges)."""
    grain = grain or grain_for(vp)
    days, months = split_period(since, until)
    parts: list[QuerySet[Any]] = []
    if months is not None:
        parts.append(
            _narrow(MonthTotal.objects, vp, grain).filter(
                month__gte=months[0], month__lte=months[1]
            )
        )
    day_filter = Q()
    for a, b in days:
        day_filter |= Q(day__gte=a, day__lte=b)
    if days:
        parts.append(_narrow(DayTotal.objects, vp, grain).filter(day_filter))
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for qs in parts:
        for r in (
            qs.values(*GROUP).annotate(n=Sum("count"), p=Sum("people"), d=Sum("days")).order_by()
        ):
            key = tuple(r[f] for f in GROUP)
            if key in merged:
                for k in ("n", "p", "d"):
                    merged[key][k] += r[k]
            else:
                merged[key] = r
    return list(merged.values())  # fmt: skip


class Cells:
    """Aggregated (measure, state, detail, flag) → (count, people, days) for one filter.

    Rows from several places are folded on construction, so each indicator's sum runs over the
    few dozen state combinations, not over every place's rows."""

    def __init__(self, rows: Any) -> None:
        folded: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        for r in rows:
            cell = folded[(r["measure"], r["state"], r["detail"], r["flag"])]
            cell[0] += r["n"]
            cell[1] += r["p"]
            cell[2] += r["d"]
        self.rows = [(*k, *v) for k, v in folded.items()]

    def sum(self, measure: str, *, state: Any = None, not_state: Any = None, detail: Any = None,
            flag: Any = None) -> tuple[int, int, int]:  # fmt: skip
        n = p = d = 0
        for m, s, de, f, cn, cp, cd in self.rows:
            if m != measure or (state is not None and s not in state) or (
                not_state is not None and s in not_state) or (
                detail is not None and de not in detail) or (flag is not None and f not in flag):  # fmt: skip
                continue
            n, p, d = n + cn, p + cp, d + cd
        return n, p, d


def _show(value: tuple[int, int, int], suppress: bool) -> int | str:
    n, people, _ = value
    return "<5" if suppress and n > 0 and people < SMALL else n


def _rate(num: tuple[int, int, int], den: tuple[int, int, int], suppress: bool) -> float | None:
    if den[0] == 0 or (suppress and (0 < num[1] < SMALL or 0 < den[1] < SMALL)):
        return None
    return round(num[0] / den[0], 4)


def carried_over(before: Cells) -> tuple[int, int, int]:
    """旧存: cases accepted before the period and not closed before it (the cells of all days
    before the period: cases by 立案日 less closures by 结案日)."""
    accepted, closed = before.sum(Measure.CASE), before.sum(Measure.CLOSURE)
    return accepted[0] - closed[0], accepted[1] - closed[1], 0


def figures(cells: Cells, *, suppress: bool, population: int | None,
            before: Cells | None = None, litigants: int | None = None) -> dict[str, Any]:  # fmt: skip
    """The roll-up's indicators for one place and period. `before` holds every day before the
    period (for 旧存); `litigants` the 诉讼主体 residing in the place (sources.litigants)."""
    s = suppress
    reported = cells.sum(Measure.DISPUTE)
    # Only disputes that entered a tier are 诉前调解 (the flag kept by rollup.dispute_row).
    mediated = cells.sum(Measure.DISPUTE, flag=(rollup.TIERED,))
    agreed = cells.sum(Measure.DISPUTE, state=AGREED)
    referred = cells.sum(Measure.DISPUTE, state=("referred",), flag=(rollup.TIERED,))
    concluded = tuple(a + b for a, b in zip(agreed, referred, strict=True))
    first = cells.sum(Measure.CASE, detail=(FIRST_INSTANCE,))
    cases = cells.sum(Measure.CASE)
    carried = carried_over(before) if before is not None else (0, 0, 0)
    on_hand = tuple(a + b for a, b in zip(carried, cases, strict=True))
    closed = cells.sum(Measure.CLOSURE)
    med_wd = cells.sum(Measure.CLOSURE, state=("mediation", "withdrawal"))
    in_time = cells.sum(Measure.CLOSURE, flag=("1",))
    confirmations = cells.sum(Measure.CONFIRMATION)
    confirmed = cells.sum(Measure.CONFIRMATION, state=("confirmed",))
    filings = cells.sum(Measure.FILING)
    assisted = cells.sum(Measure.FILING, flag=("assisted",))
    online = tuple(a - b for a, b in zip(filings, assisted, strict=True))
    tiers = {}
    for tier, label in TIER_LABELS.items():
        t = cells.sum(Measure.DISPUTE, state=AGREED, detail=(tier,))
        tiers[label] = {"count": _show(t, s), "share": _rate(t, agreed, s)}
    litigation = None
    if population and litigants is not None and not (s and 0 < litigants < SMALL):
        litigation = round(litigants / population * 10000, 2)
    return {
        "reported": _show(reported, s),
        "mediated": _show(mediated, s),
        "first_instance": _show(first, s),
        "mediation_share": _rate(mediated, first, s),
        "success_rate": _rate(agreed, concluded, s),
        "by_tier": tiers,
        "cases": _show(cases, s),
        "carried_over": _show(carried, s),
        "closed": _show(closed, s),
        "litigation_rate": litigation,
        "closure_rate": _rate(closed, on_hand, s),  # type: ignore[arg-type]
        "average_days": round(closed[2] / closed[0], 1)
        if closed[0] and not (s and closed[1] < SMALL)
        else None,
        "mediation_withdrawal_rate": _rate(med_wd, closed, s),
        "in_time_rate": _rate(in_time, closed, s),
        "confirmations": _show(confirmations, s),
        "confirmed": _show(confirmed, s),
        "online_filings": _show(online, s),  # type: ignore[arg-type]
        "online_filing_rate": _rate(online, filings, s),  # type: ignore[arg-type]
        "assisted_filings": _show(assisted, s),
    }


def _children(vp: Viewpoint) -> tuple[str, str, list[Any]]:
    """The next level down: (label, cell field, objects)."""
    if vp.point is not None:
        return "", "", []
    if vp.area is None or vp.area.level == Area.Level.COUNTY:
        kids = list(
            Area.objects.filter(parent=vp.court.area, level=Area.Level.TOWNSHIP).order_by("code")
        )
        return "township", "township_id", kids
    if vp.area.level == Area.Level.TOWNSHIP:
        return (
            "village",
            "village_id",
            list(vp.area.children.filter(level=Area.Level.VILLAGE).order_by("code")),
        )
    points = ServicePoint.objects.filter(areas=vp.area, tribunal__court=vp.court).order_by("name")
    return "point", "service_point_id", list(points)


EPOCH = date(1900, 1, 1)  # "every day before the period" starts here (for 旧存)


def _before_rows(vp: Viewpoint, since: date) -> list[dict[str, Any]]:
    """Case and closure cells of every day before `since` (for 旧存)."""
    if since <= EPOCH:
        return []
    rows = period_rows(vp, EPOCH, since - timedelta(days=1))
    return [r for r in rows if r["measure"] in (Measure.CASE, Measure.CLOSURE)]


def headline(vp: Viewpoint, since: date, until: date, *, kids: tuple[str, list[Any]] | None = None
             ) -> tuple[dict[str, Any], list[tuple[Any, dict[str, Any]]], list[dict[str, Any]]]:  # fmt: skip
    """The roll-up indicators of the viewpoint over the period, and of each of `kids`
    ((cell field, places) one level down); also the period's rows (for the caller's charts)."""
    area = (vp.area or vp.court.area) if vp.point is None else None
    population = area.population if area is not None else None
    field, places = kids or ("", [])
    area_ids = ([area.pk] if area is not None else []) + [
        k.pk for k in places if isinstance(k, Area)
    ]
    residents = sources.litigants(vp, since, until, area_ids) if area_ids else {}
    rows = period_rows(vp, since, until)
    before = _before_rows(vp, since)
    current = figures(Cells(rows), suppress=vp.suppress, population=population,
                      before=Cells(before), litigants=residents.get(area.pk) if area else None)  # fmt: skip
    out = []
    if places:
        grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
        grouped_before: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            grouped[r[field]].append(r)
        for r in before:
            grouped_before[r[field]].append(r)
        for kid in places:
            f = figures(Cells(grouped.get(kid.pk, [])), suppress=vp.suppress,
                        population=getattr(kid, "population", None),
                        before=Cells(grouped_before.get(kid.pk, [])),
                        litigants=residents.get(kid.pk) if isinstance(kid, Area) else None)  # fmt: skip
            out.append((kid, f))
    return current, out, rows


def dashboard(vp: Viewpoint, *, since: date, until: date) -> dict[str, Any]:
    """Indicators for the viewpoint and period, last year's same period, the drill-down table,
    service-point usage and the map's values."""
    population = (vp.area or vp.court.area).population if vp.point is None else None
    pop_year = (vp.area or vp.court.area).population_year if vp.point is None else None
    level, field, kids = _children(vp)
    current, breakdown_figures, _rows = headline(vp, since, until, kids=(field, kids))
    ly_since, ly_until = shift_year(since, -1), shift_year(until, -1)
    last_year, _none, _ly_rows = headline(vp, ly_since, ly_until)
    breakdown = []
    for kid, f in breakdown_figures:
        pop = getattr(kid, "population", None)
        breakdown.append({"id": kid.pk, "name": kid.name, "level": level, "population": pop,
                          "population_year": getattr(kid, "population_year", None), **f})  # fmt: skip
    return {
        "court": {"id": vp.court.pk, "name": vp.court.name},
        "area": {"id": vp.area.pk, "name": vp.area.name, "level": vp.area.level} if vp.area else None,
        "point": {"id": vp.point.pk, "name": vp.point.name} if vp.point else None,
        "since": since, "until": until, "last_year": {"since": ly_since, "until": ly_until, **last_year},
        "population": population, "population_year": pop_year,
        "indicators": current, "breakdown": breakdown, "breakdown_level": level,
        "points": point_usage(vp, since, until), "suppressed": vp.suppress, "definitions": definitions(),
    }  # fmt: skip


def point_usage(vp: Viewpoint, since: date, until: date) -> list[dict[str, Any]]:
    """Reports, filings assisted and 普法点单 per service point (活跃度), from the point grain."""
    usage: dict[int, dict[str, int]] = defaultdict(
        lambda: {"reports": 0, "filings_assisted": 0, "people": 0}
    )
    # The point grain has no village: a village's view reads its points from the place grain.
    village_view = vp.point is None and vp.area is not None and vp.area.level == Area.Level.VILLAGE
    for r in period_rows(vp, since, until, Grain.PLACE if village_view else Grain.POINT):
        if not r["service_point_id"] or not (
            r["measure"] == Measure.DISPUTE
            or (r["measure"] == Measure.FILING and r["flag"] == "assisted")
        ):
            continue
        key = "reports" if r["measure"] == Measure.DISPUTE else "filings_assisted"
        usage[r["service_point_id"]][key] += r["n"]
        usage[r["service_point_id"]]["people"] += r["p"]
    consultations = _consultations(vp, since, until)
    points = ServicePoint.objects.filter(tribunal__court=vp.court, active=True)
    if vp.point is not None:
        points = points.filter(pk=vp.point.pk)
    out = []
    for p in points.order_by("name"):
        u = usage.get(p.pk, {"reports": 0, "filings_assisted": 0, "people": 0})
        c = consultations.get(p.pk, 0)
        total = u["reports"] + u["filings_assisted"] + c
        small = vp.suppress and 0 < u["people"] < SMALL
        out.append({"id": p.pk, "name": p.name, "longitude": float(p.longitude), "latitude": float(p.latitude),
                    "reports": "<5" if small else u["reports"],
                    "filings_assisted": "<5" if small else u["filings_assisted"],
                    "consultations": c, "activity": None if small else total})  # fmt: skip
    return out


def _consultations(vp: Viewpoint, since: date, until: date) -> dict[int, int]:
    try:
        from fating.knowledge.models import OutreachOrder
    except ImportError:  # knowledge not installed: no 点单 figures
        return {}
    rows = (
        OutreachOrder.objects.filter(
            court=vp.court, created_at__date__gte=since, created_at__date__lte=until
        )
        .exclude(service_point=None)
        .values("service_point")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["service_point"]: r["n"] for r in rows}


def default_period(today: date) -> tuple[date, date]:
    """This year so far."""
    return date(today.year, 1, 1), today


def month_period(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# The dashboard's charts (read by static/analytics/dashboard.js through the charts API; the page
# prints the same figures as tables for browsers without JavaScript).

TREND_MONTHS = 12
TOP_CAUSES = 8
TOP_POINTS = 12


def _plot(value: tuple[int, int, int], suppress: bool) -> int | None:
    """A count for a chart: None where a governance officer may not see it (fewer than 5)."""
    shown = _show(value, suppress)
    return shown if isinstance(shown, int) else None


def trend_months(until: date, n: int = TREND_MONTHS) -> list[date]:
    """The first days of the `n` calendar months ending with `until`'s month, oldest first."""
    index = until.year * 12 + until.month - 1
    return [date((index - k) // 12, (index - k) % 12 + 1, 1) for k in range(n - 1, -1, -1)]


def trend(vp: Viewpoint, until: date) -> dict[str, Any]:
    """Disputes reported, of those now agreed or resolved, and cases filed, per month, from
    `MonthTotal` alone (one grouped query)."""
    months = trend_months(until)
    acc: dict[date, dict[str, list[int]]] = {
        m: {"reported": [0, 0, 0], "resolved": [0, 0, 0], "filed": [0, 0, 0]} for m in months
    }
    rows = (
        _narrow(MonthTotal.objects, vp, grain_for(vp))
        .filter(month__gte=months[0], month__lte=months[-1],
                measure__in=(Measure.DISPUTE, Measure.CASE))
        .values("month", "measure", "state")
        .annotate(n=Sum("count"), p=Sum("people"))
        .order_by()
    )  # fmt: skip
    for r in rows:
        cell = acc[r["month"]]
        keys = ["filed"] if r["measure"] == Measure.CASE else ["reported"]
        if r["measure"] == Measure.DISPUTE and r["state"] in AGREED:
            keys.append("resolved")
        for key in keys:
            cell[key][0] += r["n"]
            cell[key][1] += r["p"]
    out: dict[str, Any] = {"months": [f"{m:%Y-%m}" for m in months]}
    for key in ("reported", "resolved", "filed"):
        out[key] = [_plot((acc[m][key][0], acc[m][key][1], 0), vp.suppress) for m in months]
    return out


def funnel(cells: Cells, *, suppress: bool) -> list[dict[str, Any]]:
    """Reported → each mediation tier (now there, or agreed there) → confirmation / litigation."""
    stages: list[tuple[str, Any, tuple[int, int, int]]] = [
        ("reported", _("纠纷上报"), cells.sum(Measure.DISPUTE))
    ]
    for tier, label in TIER_LABELS.items():
        now = cells.sum(Measure.DISPUTE, state=(tier,))
        agreed = cells.sum(Measure.DISPUTE, state=AGREED, detail=(tier,))
        stages.append((tier, _(label), (now[0] + agreed[0], now[1] + agreed[1], 0)))
    stages.append(("confirmations", _("申请司法确认"), cells.sum(Measure.CONFIRMATION)))
    stages.append(("referred", _("转入诉讼"), cells.sum(Measure.DISPUTE, state=("referred",))))
    return [
        {"key": key, "label": str(label), "value": _plot(value, suppress)}
        for key, label, value in stages
    ]


def causes(vp: Viewpoint, since: date, until: date) -> list[dict[str, Any]]:
    """The most frequent causes of the disputes reported in the period (the cause lives only in
    `DailyCell`); the rest, and for governance officers every cause under 5 people, as 其他."""
    qs = DailyCell.objects.filter(
        court_id=vp.court.pk, measure=Measure.DISPUTE, day__gte=since, day__lte=until
    )
    if vp.point is not None:
        qs = qs.filter(service_point_id=vp.point.pk)
    elif vp.area is not None:
        field = {"township": "township_id", "village": "village_id"}.get(vp.area.level)
        qs = qs.filter(**{field: vp.area.pk}) if field else qs
    rows = (
        qs.values("category").annotate(n=Sum("count"), p=Sum("people")).order_by("-n", "category")
    )
    top: list[dict[str, Any]] = []
    rest = [0, 0]
    for r in rows:
        if r["n"] <= 0:
            continue
        if len(top) < TOP_CAUSES and not (vp.suppress and r["p"] < SMALL):
            top.append({"name": r["category"], "value": r["n"]})
        else:
            rest[0] += r["n"]
            rest[1] += r["p"]
    if rest[0]:
        top.append({"name": str(_("其他")), "value": _plot((rest[0], rest[1], 0), vp.suppress)})
    return top


def busiest_points(usage: list[dict[str, Any]], n: int = TOP_POINTS) -> list[dict[str, Any]]:
    """The `n` most active service points (from `point_usage`), for the chart; points with
    nothing in the period (or only hidden small cells) are left to the full table."""
    active = [p for p in usage if p["activity"]]
    ranked = sorted(active, key=lambda p: (-p["activity"], p["name"]))[:n]
    return [
        {"id": p["id"], "name": p["name"],
         **{k: p[k] if isinstance(p[k], int) else None
            for k in ("reports", "filings_assisted", "consultations")}}
        for p in ranked
    ]  # fmt: skip


def charts(vp: Viewpoint, *, since: date, until: date) -> dict[str, Any]:
    """The four charts of the dashboard with their series names and definitions."""
    defs = definitions()
    return {
        "court": {"id": vp.court.pk, "name": vp.court.name},
        "since": since,
        "until": until,
        "suppressed": vp.suppress,
        "trend": trend(vp, until),
        "funnel": funnel(Cells(period_rows(vp, since, until)), suppress=vp.suppress),
        "causes": causes(vp, since, until),
        "points": busiest_points(point_usage(vp, since, until)),
        "labels": {
            "trend": str(_("月度走势")), "funnel": str(_("层级漏斗")),
            "causes": str(_("纠纷类型")), "points": str(_("服务点活跃度")),
            "reported": str(_("纠纷上报")), "resolved": str(_("达成协议或化解")),
            "filed": str(_("立案")), "reports": str(_("上报纠纷")),
            "filings_assisted": str(_("协助立案")), "consultations": str(_("普法点单")),
            "hidden": str(_("<5（不显示）")),
        },
        "definitions": {k: defs[k] for k in ("trend", "funnel", "causes", "point_usage")},
    }  # fmt: skip
