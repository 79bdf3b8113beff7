"""Every indicator the seeds count, each with its one published definition, its value for a
viewpoint and period, last year's value for the same period and the change: what `fating
indicators`, the indicators page and its API print, and what the dashboard's tiles show (the
roll-up figures come from `indicators.headline`, the same function the dashboard reads)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from fating.analytics import sources
from fating.analytics.exports import LABELS
from fating.analytics.indicators import SMALL, TIER_LABELS, definitions, headline, shift_year
from fating.analytics.selectors import Viewpoint

# key → name, in the order printed. Every key has its own text in indicators.DEFINITIONS.
NAMES: dict[str, Any] = {
    **{k: LABELS[k] for k in ("reported", "mediated")},
    "by_tier.village": _("村居先调化解数"),
    "by_tier.joint": _("部门联动化解数"),
    "by_tier.delegated": _("委派调解化解数"),
    **{
        k: LABELS[k]
        for k in (
            "success_rate",
            "first_instance",
            "mediation_share",
            "cases",
            "carried_over",
            "closed",
            "closure_rate",
            "in_time_rate",
            "average_days",
            "mediation_withdrawal_rate",
            "litigation_rate",
            "confirmations",
            "confirmed",
        )
    },
    "online_filings": _("网上立案数"),
    "online_filing_rate": _("网上立案率"),
    "assisted_filings": _("协助立案数"),
    "online_mediations": _("在线调解数"),
    "guided_mediations": _("指导调解数"),
    "village_rules_reviews": _("乡规民约审查数"),
    "suggestions_issued": _("司法建议发出数"),
    "suggestions_replied": _("司法建议回复数"),
    "suggestion_reply_rate": _("司法建议回复率"),
    "appeal_acceptance_rate": _("服判息诉率"),
    "reversal_rate": _("发改率"),
    "speedy_share": _("速裁分流比例"),
    "family_mediation_withdrawal_rate": _("家事调撤率"),
    "cases_per_judge": _("人均收案数"),
    "online_hearings": _("互联网开庭数"),
    "online_hearing_rate": _("互联网开庭率"),
    "trial_broadcasts": _("庭审直播数"),
    "electronic_service": _("电子送达数"),
    "electronic_service_rate": _("电子送达率"),
}

RATIOS = {"cases_per_judge"}  # a quotient that is not a share (two decimals, may exceed 1)


def _from_sources(raw: dict[str, tuple[int, int]], suppress: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, (num, den) in raw.items():
        if key in RATIOS:
            out[key] = round(num / den, 2) if den else None
        elif key.endswith(("_rate", "_share")):
            hidden = suppress and 0 < den < SMALL
            out[key] = round(num / den, 4) if den and not hidden else None
        else:
            out[key] = "<5" if suppress and 0 < num < SMALL else num
    return out


def values(vp: Viewpoint, since: date, until: date) -> dict[str, Any]:
    """Every indicator's value (a number, "<5" for a hidden small count, or None)."""
    figures, _kids, _rows = headline(vp, since, until)
    out = {k: v for k, v in figures.items() if k != "by_tier"}
    for tier, label in TIER_LABELS.items():
        out[f"by_tier.{tier}"] = figures["by_tier"][label]["count"]
    out.update(_from_sources(sources.raw_counts(vp, since, until), vp.suppress))
    return out


def change(now: Any, before: Any) -> float | int | None:
    """Now less last year, where both are numbers."""
    numbers = (int, float)
    if isinstance(now, bool) or not isinstance(now, numbers) or not isinstance(before, numbers):
        return None
    diff = now - before
    return diff if isinstance(diff, int) else round(diff, 4)


def catalogue(vp: Viewpoint, *, since: date, until: date) -> list[dict[str, Any]]:
    """One entry per indicator: key, name, definition, value, last_year, change."""
    defs = definitions()
    now = values(vp, since, until)
    before = values(vp, shift_year(since, -1), shift_year(until, -1))
    return [
        {"key": key, "name": str(name), "definition": defs[key], "value": now[key],
         "last_year": before[key], "change": change(now[key], before[key])}
        for key, name in NAMES.items()
    ]  # fmt: skip
