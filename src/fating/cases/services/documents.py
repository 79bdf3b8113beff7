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
from fating.cases.models import Case, Hearing
from fating.core.exceptions import DomainError


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


@transaction.atomic
def summonses(*, actor: User, hearing: Hearing) -> list[Any]:
    """One 传票 per party summoned to `hearing` (CPL 第139条)."""
    case = hearing.case
    place = hearing.courtroom or f"在线庭审室 {hearing.room_code}"
    out = []
    for participant in hearing.participants.select_related("party"):
        out.append(
            _generate(
                actor=actor,
                matter=case,
                kind="summons",
                context={
                    "court": case.court.name,
                    "case_number": case.number,
                    "cause": case.filing.cause.name if case.filing.cause else "",
                    "summoned_person": participant.name,
                    "summoned_address": participant.party.address if participant.party else "",
                    "reason": "开庭",
                    "appear_at": timezone.localtime(hearing.starts_at),
                    "place": place,
                    "judge": hearing.judge.display_name,
                    "issued_on": timezone.localdate(),
                },
            )
        )
    return out
