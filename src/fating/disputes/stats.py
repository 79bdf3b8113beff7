"""Pre-litigation mediation statistics (aggregates only; small cells suppressed for governance)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from fating.disputes import rules
from fating.disputes.models import Delegation, DepartmentReferral, Dispute

SMALL_CELL = 5  # counts below this are shown as "<5" to governance officers (privacy)

# The name of each indicator on the page (the API keeps the keys; people read the names).
INDICATOR_LABELS = {
    "reported": _("上报纠纷"),
    "mediated": _("进入调解"),
    "agreements": _("达成协议"),
    "referred": _("转入诉讼"),
    "success_rate": _("调解成功率"),
    "by_tier": _("各层级化解占比"),
    "delegations": _("委派调解"),
    "departments": _("部门联动（联动部门办理）"),
    "department_resolved": _("联动部门化解"),
}


def _cell(value: int, suppress: bool) -> int | str:
    return "<5" if suppress and 0 < value < SMALL_CELL else value


def statistics(
    *, court_ids: frozenset[int] | None, since: date | None = None, until: date | None = None,
    suppress_small: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """Counts and rates over disputes reported in [since, until]. Definitions are returned with
    the numbers so every page can show what was counted."""
    qs: QuerySet[Dispute] = Dispute.objects.all()
    if court_ids is not None:
        qs = qs.filter(court_id__in=court_ids)
    if since:
        qs = qs.filter(created_at__date__gte=since)
    if until:
        qs = qs.filter(created_at__date__lte=until)
    by_status = dict(qs.values_list("status").annotate(n=Count("pk")))
    total = sum(by_status.values())
    agreed = by_status.get(rules.Status.AGREED, 0) + by_status.get(rules.Status.RESOLVED, 0)
    failed = by_status.get(rules.Status.REFERRED, 0)
    concluded = agreed + failed
    by_tier = dict(
        qs.exclude(agreed_at_tier="").values_list("agreed_at_tier").annotate(n=Count("pk"))
    )
    delegations = Delegation.objects.filter(dispute__in=qs)
    by_delegation = dict(delegations.values_list("status").annotate(n=Count("pk")))
    referrals = DepartmentReferral.objects.filter(dispute__in=qs)
    by_referral = dict(referrals.values_list("status").annotate(n=Count("pk")))
    dept_resolved = by_referral.get(DepartmentReferral.Status.RESOLVED, 0)
    s = suppress_small
    return {
        "reported": _cell(total, s),
        "by_status": {rules.STATUS_LABELS[rules.Status(k)]: _cell(v, s) for k, v in sorted(by_status.items())},
        "mediated": _cell(sum(v for k, v in by_status.items() if k != rules.Status.REPORTED), s),
        "agreements": _cell(agreed, s),
        "referred": _cell(failed, s),
        "success_rate": round(agreed / concluded, 4) if concluded else None,
        "by_tier": {rules.STATUS_LABELS[rules.Status(k)]: {"count": _cell(v, s), "share": round(v / agreed, 4) if agreed else None}
                    for k, v in sorted(by_tier.items())},
        # str(): a lazy label is no JSON object key (the API answered 500 with one).
        "delegations": {str(Delegation.Status(k).label): _cell(v, s) for k, v in sorted(by_delegation.items())},
        "departments": {str(DepartmentReferral.Status(k).label): _cell(v, s) for k, v in sorted(by_referral.items())},
        "department_resolved": _cell(dept_resolved, s),
        "definitions": {
            "reported": "期间内上报的纠纷数",
            "mediated": "已进入调解（村居、部门联动或委派）的纠纷数",
            "agreements": "达成调解协议（已生效或已化解）的纠纷数",
            "success_rate": "调解成功率 = 达成协议数 ÷（达成协议数 + 转入诉讼数）；撤回与仍在调解的不计入",
            "by_tier": "各层级化解占比 = 在该层级达成协议的纠纷数 ÷ 达成协议总数",
            "departments": "期间内上报的纠纷移交联动部门（派出所、司法所、综治中心、行业主管部门）办理的次数，按办理状态",
            "department_resolved": "联动部门化解 = 联动部门接收办理并以各方签名的调解协议退回的移交数（纠纷在部门联动层级达成协议，计入“部门联动”层级）",
        },
    }  # fmt: skip


def labelled_definitions(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The definitions of `statistics()` as (indicator name, definition) for a page."""
    return [(str(INDICATOR_LABELS.get(key, _("其他指标"))), text)
            for key, text in data.get("definitions", {}).items()]  # fmt: skip
