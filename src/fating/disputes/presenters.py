"""What a dispute looks like to a given reader: masking, timeline, offered actions."""

from __future__ import annotations

from typing import Any

from fating.accounts.models import User
from fating.core.audit import events_for
from fating.core.identifiers import mask_id_number, mask_mobile, mask_uscc
from fating.core.models import AuditEvent
from fating.disputes import actions, selectors
from fating.disputes.models import Dispute, DisputeParty

ACTION_TEXT = {
    "report": "上报纠纷", "start_village": "启动村居调解", "start_joint": "启动部门联动调解",
    "escalate": "升级为部门联动调解", "delegate": "委派调解", "return_delegation": "委派调解退回",
    "agree": "调解协议生效", "resolve": "纠纷化解完毕", "refer": "转入诉讼", "withdraw": "撤回",
}  # fmt: skip


def sees_identifiers(user: User, dispute: Dispute) -> bool:
    """Full identifiers only for court staff and the mediator at work; everyone else sees masks."""
    return selectors.is_court_staff(user, dispute) or selectors.is_assigned_mediator(user, dispute)


def party_view(party: DisputeParty, *, full: bool, own: bool) -> dict[str, Any]:
    show = full or own
    return {
        "id": party.pk,
        "role": party.role,
        "role_label": party.get_role_display(),
        "kind": party.kind,
        "name": party.name,
        "id_number": party.id_number
        if show
        else mask_id_number(party.id_number)
        if party.id_number
        else "",
        "credit_code": party.credit_code
        if show
        else mask_uscc(party.credit_code)
        if party.credit_code
        else "",
        "mobile": party.mobile if show else mask_mobile(party.mobile) if party.mobile else "",
        "address": party.address if show else "",
        "consent_given_at": party.consent_given_at,
        "is_me": own,
    }


def parties_for(user: User, dispute: Dispute) -> list[dict[str, Any]]:
    full = sees_identifiers(user, dispute)
    return [party_view(p, full=full, own=p.user_id == user.pk) for p in dispute.parties.all()]


def timeline(dispute: Dispute) -> list[dict[str, Any]]:
    """The dispute's history from the audit chain: its own events and those of its children."""
    from django.db.models import Q

    child_refs = Q()
    for model, related in (("disputes.delegation", "delegations"), ("disputes.agreement", "agreements"),
                           ("disputes.judgebooking", "bookings"), ("disputes.disputeparty", "parties")):  # fmt: skip
        ids = [str(pk) for pk in getattr(dispute, related).values_list("pk", flat=True)]
        if ids:
            child_refs |= Q(object_type=model, object_id__in=ids)
    confirmation_ids = [
        str(pk)
        for a in dispute.agreements.all()
        for pk in a.confirmations.values_list("pk", flat=True)
    ]
    if confirmation_ids:
        child_refs |= Q(object_type="disputes.judicialconfirmation", object_id__in=confirmation_ids)
    events = (
        events_for(dispute) | AuditEvent.objects.filter(child_refs)
        if child_refs
        else events_for(dispute)
    )
    return [
        {
            "at": e.created_at,
            "actor": e.actor.display_name if e.actor else "系统",
            "action": e.action,
            "label": _label(e),
            "note": (e.after or {}).get("note", "") if isinstance(e.after, dict) else "",
        }
        for e in events.select_related("actor").order_by("seq")
    ]


def _label(event: AuditEvent) -> str:
    last = event.action.rsplit(".", 1)[-1]
    kind = event.action.split(".")[1] if event.action.count(".") >= 2 else ""
    labels = {
        ("dispute", k): v for k, v in ACTION_TEXT.items()
    } | {
        ("consent", "code_sent"): "发送同意验证码", ("consent", "record"): "当事人确认同意",
        ("attachment", "add"): "上传材料", ("guidance", "add"): "法官指导", ("session", "record"): "记录调解",
        ("delegation", "accept"): "受委派方接受", ("delegation", "extend"): "延长委派期限",
        ("delegation", "declined"): "不予接受委派", ("delegation", "failed"): "委派调解不成",
        ("delegation", "expired"): "委派期满退回", ("delegation", "create"): "登记委派及接受期限",
        ("delegation", "withdraw"): "撤回纠纷，委派终止", ("delegation", "succeed"): "委派调解成功",
        ("agreement", "effective"): "调解协议生效", ("booking", "request"): "预约法官到场",
        ("booking", "accepted"): "法官接受预约", ("booking", "declined"): "法官拒绝预约",
        ("agreement", "draft"): "起草调解协议", ("agreement", "sign"): "当事人签署协议",
        ("agreement", "mediator_sign"): "调解员签署协议", ("agreement", "default"): "未按期履行",
        ("instalment", "pay"): "登记履行", ("confirmation", "apply"): "申请司法确认",
        ("confirmation", "accept"): "受理司法确认", ("confirmation", "confirmed"): "裁定确认调解协议有效",
        ("confirmation", "rejected"): "裁定驳回司法确认申请",
    }  # fmt: skip
    return labels.get((kind, last), event.action)


def offered_actions(user: User, dispute: Dispute) -> list[dict[str, str]]:
    return [{"name": a.name, "label": a.label} for a in actions.offered(user, dispute)]
