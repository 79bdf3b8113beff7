"""The one call site of the documents app: 受理案件通知书 (acceptance_notice) and 传票 (summons).

Documents are generated on request (a clerk's action), not inside acceptance or scheduling: PDF
rendering is slow and needs fonts, and a failure there must not undo a case number or a hearing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.cases import selectors_procedures
from fating.cases.models import Case, Hearing, InvestigationOrder
from fating.core.exceptions import DomainError, InvalidTransition, NotPermitted


class DocumentsUnavailable(DomainError):
    status_code = 503
    code = "documents_unavailable"


def _generate(**kwargs: Any) -> Any:
    try:
        from fating.documents.services import generate_document
    except ImportError:  # the documents app is not installed in this build
        raise DocumentsUnavailable(_("文书生成功能暂不可用。")) from None
    return generate_document(**kwargs)


def _names(case: Case, role: str) -> str:
    return "、".join(p.name for p in case.filing.parties.all() if p.role == role)


@transaction.atomic
def acceptance_notice(*, actor: User, case: Case) -> Any:
    """受理案件通知书 to the plaintiffs, with the fee computed at acceptance."""
    return _generate(
        actor=actor,
        matter=case,
        kind="acceptance_notice",
        context={
            "court": case.court.name,
            "case_number": case.number,
            "recipient": _names(case, "plaintiff"),
            "opponent": _names(case, "defendant"),
            "cause": case.filing.cause.name if case.filing.cause else "",
            "fee_amount": case.fee_due,
            "issued_on": timezone.localdate(),
        },
    )


def _summons_context(hearing: Hearing, participant: Any) -> dict[str, Any]:
    case = hearing.case
    return {
        "court": case.court.name,
        "case_number": case.number,
        "cause": case.filing.cause.name if case.filing.cause else "",
        "summoned_person": participant.name if participant else "",
        "summoned_address": participant.party.address if participant and participant.party else "",
        "reason": "开庭",
        "appear_at": timezone.localtime(hearing.starts_at),
        "place": hearing.courtroom or f"在线庭审室 {hearing.room_code}",
        "judge": hearing.judge.display_name,
        "issued_on": timezone.localdate(),
    }


# The kinds a case's generate page offers (documents' /documents/new/cases.case/<pk>/).
CASE_KINDS = ("summons", "acceptance_notice", "service_certificate")


def _pick(options: list[tuple[str, str]], wanted: Any) -> str:
    values = [value for value, _label in options]
    return str(wanted) if str(wanted) in values else (values[0] if values else "")


def document_defaults(case: Case, kind: str, params: Any) -> dict[str, Any]:
    """What the generate page prefills for `kind` from the case's records. `params` (the page's
    query) may choose the hearing (`hearing`) and the summoned participant (`participant`)."""
    base: dict[str, Any] = {
        "court": case.court.name,
        "case_number": case.number,
        "cause": case.filing.cause.name if case.filing.cause else "",
        "judge": case.judge.display_name if case.judge else "",
        "issued_on": timezone.localdate(),
    }
    if kind == "acceptance_notice":
        base.update(
            recipient=_names(case, "plaintiff"),
            opponent=_names(case, "defendant"),
            fee_amount=case.fee_due,
        )
        return {"context": base, "pickers": []}
    if kind != "summons":
        return {"context": base, "pickers": []}
    hearings = list(case.hearings.select_related("judge").order_by("-starts_at"))
    options = [
        (str(h.pk), f"{timezone.localtime(h.starts_at):%Y-%m-%d %H:%M} {h.get_status_display()}")
        for h in hearings
    ]
    chosen = _pick(options, params.get("hearing"))
    pickers: list[dict[str, Any]] = [
        {"name": "hearing", "label": _("开庭"), "options": options, "selected": chosen}
    ]
    hearing = next((h for h in hearings if str(h.pk) == chosen), None)
    if hearing is None:
        base["reason"] = "开庭"
        return {"context": base, "pickers": pickers}
    participants = list(hearing.participants.select_related("party"))
    people = [(str(p.pk), p.name) for p in participants]
    who = _pick(people, params.get("participant"))
    pickers.append(
        {"name": "participant", "label": _("被传唤人"), "options": people, "selected": who}
    )
    participant = next((p for p in participants if str(p.pk) == who), None)
    return {"context": _summons_context(hearing, participant), "pickers": pickers}


@transaction.atomic
def summonses(*, actor: User, hearing: Hearing) -> list[Any]:
    """One 传票 per party summoned to `hearing` (CPL 第139条)."""
    return [
        _generate(
            actor=actor,
            matter=hearing.case,
            kind="summons",
            context=_summons_context(hearing, participant),
        )
        for participant in hearing.participants.select_related("party")
    ]


@transaction.atomic
def investigation_order(*, actor: User, order: InvestigationOrder) -> Any:
    """调查令 for an issued order, from its record (number, holder, scope, validity); filed in
    the case's dossier like every generated document. The judges of the court generate it."""
    if not selectors_procedures.restrict(
        InvestigationOrder.objects.filter(pk=order.pk), actor, "decide"
    ).exists():
        raise NotPermitted(_("只有本院法官可以签发或不予签发调查令。"))
    if not order.number:
        raise InvalidTransition(_("调查令尚未签发，不能生成文书。"))
    case = order.case
    principal = "、".join(
        p.name for p in case.filing.parties.all() if p.role == "plaintiff"
    ) or _names(case, "defendant")
    return _generate(
        actor=actor,
        matter=case,
        kind="investigation_order",
        context={
            "court": case.court.name,
            "case_number": case.number,
            "number": order.number,
            "cause": case.filing.cause.name if case.filing.cause else "",
            "holder": order.holder,
            "agent": order.applicant.display_name,
            "principal": principal,
            "scope": order.scope,
            "issued_on": order.issued_on,
            "valid_until": order.valid_until,
            "judge": (order.decided_by or actor).display_name,
        },
    )
