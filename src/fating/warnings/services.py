"""Writes of the warnings app: consultation, actions, judicial suggestions, closing, incidents,
rule tuning. Keyword-only; one transaction and one audit event each; notifications after commit
through the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from fating.accounts.models import User
from fating.core.audit import record_event, snapshot
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.disputes.rules import PEOPLE_INVOLVED_MAX
from fating.network.models import ServicePoint
from fating.warnings import notifications, rules, selectors
from fating.warnings.models import Action, Assessment, EarlyWarning, Kind, WarningRule

if TYPE_CHECKING:
    from fating.analytics.places import Place

UNITS = {"court": _lazy("法院"), "township": _lazy("镇街"), "police": _lazy("派出所"),
         "justice_office": _lazy("司法所"), "other": _lazy("其他")}  # fmt: skip
RULE_FIELDS = ("name", "active", "window_days", "min_count", "min_people", "min_ratio",
               "p_threshold", "categories", "group_by")  # fmt: skip


def _move(warning: EarlyWarning, action: str) -> str:
    refusal = _("预警当前为“%(status)s”，不能%(action)s。") % {
        "status": _(rules.WARNING.state_label(warning.status)),
        "action": _(rules.WARNING.label(action)),
    }
    return rules.WARNING.target(warning.status, action, refusal=refusal)


def _locked(warning: EarlyWarning) -> EarlyWarning:
    return EarlyWarning.objects.select_for_update().get(pk=warning.pk)


@transaction.atomic
def record_assessment(
    *, actor: User, warning: EarlyWarning, participants: list[dict[str, str]], notes: str,
    decisions: str = "", held_at: datetime | None = None,
) -> Assessment:  # fmt: skip
    """Record a consultation (会商研判); a new warning moves to “assessing”."""
    if not selectors.can_assess_warning(actor, warning):
        raise NotPermitted(_("只有本院干警和综治干部可以参加会商研判。"))
    warning = _locked(warning)
    new_status = _move(warning, "assess")
    errors: dict[str, str] = {}
    if not participants:
        errors["participants"] = _("请填写参加会商的人员。")
    for i, p in enumerate(participants or []):
        if not str(p.get("name", "")).strip():
            errors[f"participants.{i}.name"] = _("请填写参加人员姓名。")
        if p.get("unit") not in UNITS:
            errors[f"participants.{i}.unit"] = _(
                "请选择参加人员所属单位（法院、镇街、派出所、司法所或其他）。"
            )
    if not (notes or "").strip():
        errors["notes"] = _("请填写研判意见。")
    if errors:
        raise FieldError(errors)
    assessment = Assessment.objects.create(
        warning=warning, held_at=held_at or timezone.now(), notes=notes.strip(),
        decisions=(decisions or "").strip(), recorded_by=actor,
        participants=[{"name": str(p["name"]).strip(), "unit": p["unit"]} for p in participants],
    )  # fmt: skip
    before = warning.status
    warning.status = new_status
    warning.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action="warnings.warning.assess", target=warning,
                 before={"status": before}, after={"status": new_status, "assessment": assessment.pk})  # fmt: skip
    return assessment


@transaction.atomic
def take_action(*, actor: User, warning: EarlyWarning, kind: str, description: str) -> Action:
    """Record a joint mediation or another measure; the warning moves to “acting”."""
    if not selectors.can_manage_warning(actor, warning):
        raise NotPermitted(_("只有本院干警可以处置预警。"))
    warning = _locked(warning)
    new_status = _move(warning, "act")
    errors = {}
    if kind not in (Action.Kind.JOINT_MEDIATION, Action.Kind.OTHER):
        errors["kind"] = _("请选择措施类型（联合调解或其他措施）；司法建议请使用“发出司法建议”。")
    if not (description or "").strip():
        errors["description"] = _("请填写措施内容。")
    if errors:
        raise FieldError(errors)
    action = Action.objects.create(warning=warning, kind=kind, description=description.strip(),
                                   recorded_by=actor)  # fmt: skip
    warning.status = new_status
    warning.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action="warnings.action.create", target=warning,
                 after={"action": action.pk, "kind": kind, "status": new_status})  # fmt: skip
    return action


@dataclass
class SuggestionInput:
    department: str
    findings: str
    suggestions: list[str]
    reply_due_on: date | None
    number: str = ""


@transaction.atomic
def issue_judicial_suggestion(
    *, actor: User, warning: EarlyWarning, data: SuggestionInput
) -> Action:
    """Issue a 司法建议 to a department as a generated document, and track its reply."""
    from fating.documents.services import generate_document

    if not selectors.can_issue_suggestion(actor, warning):
        raise NotPermitted(_("只有本院法官可以发出司法建议。"))
    warning = _locked(warning)
    new_status = _move(warning, "act")
    errors = {}
    if not (data.department or "").strip():
        errors["department"] = _("请填写受文单位。")
    if not (data.findings or "").strip():
        errors["findings"] = _("请填写发现的问题。")
    if not [s for s in data.suggestions or [] if s.strip()]:
        errors["suggestions"] = _("请至少填写一条建议。")
    today = timezone.localdate()
    if data.reply_due_on is None or data.reply_due_on <= today:
        errors["reply_due_on"] = _("回复期限应在今天之后。")
    if errors:
        raise FieldError(errors)
    seq = Action.objects.filter(warning__court=warning.court, kind=Action.Kind.JUDICIAL_SUGGESTION,
                                created_at__year=today.year).count() + 1  # fmt: skip
    number = data.number or f"（{today.year}）{warning.court.code}司建{seq}号"
    document = generate_document(
        actor=actor, matter=warning, kind="judicial_suggestion",
        context={"court": warning.court.name, "number": number, "department": data.department.strip(),
                 "findings": data.findings.strip(), "suggestions": [s.strip() for s in data.suggestions if s.strip()],
                 "reply_due_on": data.reply_due_on.isoformat(), "issued_on": today.isoformat()},  # type: ignore[union-attr]
    )  # fmt: skip
    action = Action.objects.create(
        warning=warning, kind=Action.Kind.JUDICIAL_SUGGESTION, status=Action.Status.AWAITING_REPLY,
        description=f"{number}：" + "；".join(data.suggestions), department=data.department.strip(),
        document_id=document.pk, reply_due_on=data.reply_due_on, recorded_by=actor,
    )  # fmt: skip
    warning.status = new_status
    warning.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action="warnings.suggestion.issue", target=warning,
                 after={"action": action.pk, "document": document.pk, "number": number,
                        "department": action.department})  # fmt: skip
    return action


@transaction.atomic
def record_reply(
    *, actor: User, action: Action, reply: str, replied_on: date | None = None
) -> Action:
    """Record the department's reply to a judicial suggestion."""
    if not selectors.can_manage_warning(actor, action.warning):
        raise NotPermitted(_("只有本院干警可以处置预警。"))
    action = Action.objects.select_for_update().get(pk=action.pk)
    if (
        action.kind != Action.Kind.JUDICIAL_SUGGESTION
        or action.status != Action.Status.AWAITING_REPLY
    ):
        raise InvalidTransition(_("只有待回复的司法建议可以登记回复。"))
    if not (reply or "").strip():
        raise FieldError({"reply": _("请填写回复内容。")})
    before = snapshot(action, ["status", "replied_on"])
    action.reply = reply.strip()
    action.replied_on = replied_on or timezone.localdate()
    action.status = Action.Status.REPLIED
    action.save()
    record_event(actor=actor, action="warnings.suggestion.reply", target=action.warning,
                 before=before, after=snapshot(action, ["status", "replied_on"]))  # fmt: skip
    return action


@transaction.atomic
def close_warning(*, actor: User, warning: EarlyWarning, note: str) -> EarlyWarning:
    if not selectors.can_manage_warning(actor, warning):
        raise NotPermitted(_("只有本院干警可以处置预警。"))
    warning = _locked(warning)
    new_status = _move(warning, "close")
    if not (note or "").strip():
        raise FieldError({"note": _("请填写关闭说明（处置结果或排除理由）。")})
    before = warning.status
    warning.status = new_status
    warning.closed_at = timezone.now()
    warning.closing_note = note.strip()
    warning.save()
    record_event(actor=actor, action="warnings.warning.close", target=warning,
                 before={"status": before}, after={"status": new_status, "note": warning.closing_note})  # fmt: skip
    return warning


# The warning's title is "突发事件：" + the liaison's summary, in a 160-character column.
INCIDENT_TITLE_MAX = 150


@transaction.atomic
def flag_incident(
    *, actor: User, title: str, description: str, service_point_id: int | None = None,
    people_involved: int = 0,
) -> EarlyWarning:  # fmt: skip
    """A liaison (or court staff) flags a sudden incident (突发事件): the paired officer, the
    tribunal and the governance officers are told at once."""
    from fating.analytics.places import AreaTree, Place

    if not selectors.can_flag_incident(actor):
        raise NotPermitted(_("只有联络员和法院干警可以报告突发事件。"))
    errors: dict[str, str] = {}
    point = None
    own_points = selectors.flag_points(actor)
    if service_point_id is None and len(own_points) == 1:
        service_point_id = next(iter(own_points))
    if service_point_id is not None:
        point = ServicePoint.objects.select_related("tribunal").filter(pk=service_point_id).first()
        allowed = point is not None and selectors.may_flag_at(
            actor, point.pk, point.tribunal.court_id
        )
        if point is None or not allowed:
            errors["service_point"] = _("只能报告本人所在服务点或本院辖区的突发事件。")
            point = None
    elif not errors:
        errors["service_point"] = _("请选择发生突发事件的服务点。")
    if not (title or "").strip():
        errors["title"] = _("请填写事件概要。")
    if not (description or "").strip():
        errors["description"] = _("请填写事件经过。")
    if len((title or "").strip()) > INCIDENT_TITLE_MAX:
        errors["title"] = _("事件概要不能超过 %(n)d 字。") % {"n": INCIDENT_TITLE_MAX}
    if (
        isinstance(people_involved, bool)
        or not 0 <= int(people_involved or 0) <= PEOPLE_INVOLVED_MAX
    ):
        errors["people_involved"] = _("涉及人数应在 0 至 %(max)s 之间。") % {
            "max": f"{PEOPLE_INVOLVED_MAX:,}"
        }
    if errors or point is None:
        raise FieldError(errors)
    tree = AreaTree()
    area = point.areas.order_by("level").values_list("pk", flat=True).first()
    place = Place(
        point.tribunal.court_id,
        point.tribunal_id,
        tree.township(area),
        tree.village(area),
        point.pk,
    )
    now = timezone.now()
    warning = EarlyWarning.objects.create(
        court_id=place.court_id, kind=Kind.INCIDENT, subject_key=f"incident:{now.timestamp()}:{actor.pk}",
        title=f"突发事件：{title.strip()}", area_id=place.township_id or place.village_id,
        tribunal_id=place.tribunal_id, service_point_id=point.pk, window_start=now.date(),
        window_end=now.date(), observed=max(0, int(people_involved or 0)), raised_by=actor,
        explanation=(f"{point.name}报告的突发事件（涉及约 {int(people_involved or 0)} 人）：{description.strip()}"),
    )  # fmt: skip
    record_event(actor=actor, action="warnings.incident.flag", target=warning,
                 after={"service_point": point.pk, "people": warning.observed})  # fmt: skip
    notifications.announce(warning)
    return warning


def _clean_rule(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in RULE_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name == "name":
            if not str(value).strip():
                errors[name] = _("请填写规则名称。")
            clean[name] = str(value).strip()[:60]
        elif name == "active":
            clean[name] = bool(value)
        elif name in ("window_days", "min_count", "min_people"):
            try:
                clean[name] = int(value)
            except (TypeError, ValueError):
                clean[name] = 0
            if not 1 <= clean[name] <= (365 if name == "window_days" else 100000):
                errors[name] = _("请填写 1 以上的整数（时间窗口最长 365 天）。")
        elif name in ("min_ratio", "p_threshold"):
            try:
                clean[name] = float(value)
            except (TypeError, ValueError):
                clean[name] = -1.0
            ok = 1 <= clean[name] <= 100 if name == "min_ratio" else 0 < clean[name] <= 0.1
            if not ok:
                errors[name] = (
                    _("倍数阈值应在 1 至 100 之间。")
                    if name == "min_ratio"
                    else _("显著性阈值应大于 0 且不超过 0.1。")
                )
        elif name == "categories":
            if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
                errors[name] = _("案由类别应为关键词列表。")
            else:
                clean[name] = [c.strip() for c in value if c.strip()][:40]
        elif name == "group_by":
            if not isinstance(value, list) or not set(value) <= set(rules.GROUP_KEYS):
                errors[name] = _(
                    "分组依据只能从 respondent（被申请人）、project（项目）、employer（用工单位）、"
                    "estate（小区）中选择。"
                )
            else:
                clean[name] = [k for k in rules.GROUP_KEYS if k in value]
    return clean, errors


@transaction.atomic
def update_rule(*, actor: User, rule: WarningRule, data: dict[str, Any]) -> WarningRule:
    if not selectors.can_tune_rules(actor, rule.court_id):
        raise NotPermitted(_("只有本院管理员可以调整预警规则。"))
    clean, errors = _clean_rule(data)
    if errors:
        raise FieldError(errors)
    rule = WarningRule.objects.select_for_update().get(pk=rule.pk)
    before = snapshot(rule, list(clean))
    for name, value in clean.items():
        setattr(rule, name, value)
    rule.save()
    record_event(actor=actor, action="warnings.rule.update", target=rule, before=before,
                 after=snapshot(rule, list(clean)))  # fmt: skip
    return rule


DEFAULT_RULES: tuple[dict[str, Any], ...] = (
    {"kind": Kind.MASS_DISPUTE, "name": "同一被申请人、项目、用工单位或小区 7 日内 5 件或单件 30 人以上",
     "window_days": 7, "min_count": 5, "min_people": 30, "group_by": list(rules.GROUP_KEYS)},
    {"kind": Kind.FILING_WHISTLE, "name": "涉众类别立案 2 周内超过通常水平 2 倍",
     "window_days": 14, "min_count": 3, "min_ratio": 2, "categories": list(rules.MASS_CATEGORIES)},
    {"kind": Kind.HOTSPOT, "name": "镇街×案由×周 泊松检验 p < 0.01", "min_count": 3},
)  # fmt: skip


@transaction.atomic
def ensure_default_rules(*, court_id: int) -> list[WarningRule]:
    """Give a court that has no rules the defaults (its administrator then tunes them). Returns
    the rules created (none when the court has rules already)."""
    if WarningRule.objects.filter(court_id=court_id).exists():
        return []
    created = WarningRule.objects.bulk_create(
        WarningRule(court_id=court_id, **r) for r in DEFAULT_RULES
    )
    record_event(actor=None, action="warnings.rule.seed", target=None,
                 after={"court": court_id, "rules": [r["kind"] for r in DEFAULT_RULES]})  # fmt: skip
    return created


@transaction.atomic
def raise_or_merge(
    *, court_id: int, rule: WarningRule | None, kind: str, subject_key: str, title: str,
    place: Place | None, category: str, window: tuple[date, date], observed: int,
    expected: float | None, p_value: float | None, explanation: str, evidence: list[dict],
    raised_by: Any = None,
) -> EarlyWarning:  # fmt: skip
    """Raise a warning found by detection, or update the open one on the same subject (one audit
    event). Called inside the scan's transaction (warnings.detection)."""
    warning = (
        EarlyWarning.objects.select_for_update()
        .filter(court_id=court_id, kind=kind, subject_key=subject_key)
        .exclude(status=EarlyWarning.Status.CLOSED)
        .first()
    )
    values = {
        "rule": rule, "title": title[:160], "category": category[:60],
        "window_start": window[0], "window_end": window[1], "observed": observed,
        "expected": expected, "p_value": p_value, "explanation": explanation,
        "evidence": evidence[-500:],
    }  # fmt: skip
    if warning is None:
        warning = EarlyWarning.objects.create(
            court_id=court_id, kind=kind, subject_key=subject_key[:160], raised_by=raised_by,
            area_id=place.township_id or place.village_id if place else None,
            tribunal_id=place.tribunal_id if place else None,
            service_point_id=place.service_point_id if place else None, **values,
        )  # fmt: skip
        record_event(actor=raised_by, action="warnings.warning.raise", target=warning,
                     after={"kind": kind, "observed": observed, "expected": expected,
                            "p_value": p_value, "subject": subject_key})  # fmt: skip
        notifications.announce(warning)
        return warning
    before = {"observed": warning.observed, "expected": warning.expected}
    for name, value in values.items():
        setattr(warning, name, value)
    warning.save()
    record_event(actor=None, action="warnings.warning.update", target=warning, before=before,
                 after={"observed": observed, "expected": expected})  # fmt: skip
    return warning
