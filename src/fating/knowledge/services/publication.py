"""A court's own closed case into the public library: anonymised first, then a judge's review.

法释〔2016〕19号 第8–10条 (LEGAL-RULES E): names replaced, identity numbers, phones, bank accounts
and precise addresses deleted before anything is published. Only the anonymised text is stored;
the replacement list (with the originals) is kept for the reviewing judge and the audit.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.knowledge import rules
from fating.knowledge.anonymise import CaseKind, Person, Policy, Role, anonymise
from fating.knowledge.models import TypicalCase
from fating.knowledge.selectors import is_judge_of, personnel_courts
from fating.knowledge.services.library import bump_library_stamp
from fating.network.models import Court


def _people(parties: Sequence[Person | str | dict]) -> list[Person]:
    people = []
    for p in parties:
        if isinstance(p, Person):
            people.append(p)
        elif isinstance(p, str):
            if p.strip():
                people.append(Person(name=p.strip(), role=Role.PARTY))
        else:
            name = str(p.get("name", "")).strip()
            if name:
                people.append(
                    Person(name=name, role=Role.PARTY, is_minor=bool(p.get("is_minor", False)))
                )
    return people


@transaction.atomic
def publish_case(
    *,
    actor: User,
    title: str,
    text: str,
    parties: Sequence[Person | str | dict] = (),
    cause: str = "",
    court: Court | None = None,
) -> TypicalCase:
    """Submit a closed case for publication: anonymise title and text, store them and the
    replacement list, and wait for a judge's review (status pending)."""
    courts = personnel_courts(actor)
    if court is None and len(courts) == 1:
        court = Court.objects.get(pk=next(iter(courts)))
    if court is None or (court.pk not in courts and not actor.is_superuser):
        raise NotPermitted(_("只有本院法官或法官助理可以提交本院案例。"))
    errors: dict[str, str] = {}
    title, text, cause = (title or "").strip(), (text or "").strip(), (cause or "").strip()
    if not title:
        errors["title"] = _("案例名称不能为空。")
    if len(text) < 20:
        errors["text"] = _("案情不能少于 20 个字。")
    if errors:
        raise FieldError(errors)
    topic = rules.classify_topic(title, cause, text)
    kind = CaseKind.FAMILY if topic == "family" else CaseKind.CIVIL
    # Title and text together, so 张某1/张某2 are numbered the same way in both (第9条).
    result = anonymise(f"{title}\n{text}", parties=_people(parties), policy=Policy(case_kind=kind))
    new_title, _sep, new_text = result.text.partition("\n")
    case = TypicalCase.objects.create(
        origin=TypicalCase.Origin.COURT,
        status=TypicalCase.Status.PENDING,
        court=court,
        title=new_title[:200],
        cause=cause[:60],
        topic=topic,
        collection="本院案例",
        facts=new_text,
        body=new_text,
        source=court.name[:200],
        created_by=actor,
        replacements=[
            {
                "kind": str(r.kind),
                "start": r.start,
                "end": r.end,
                "original": r.original,
                "replacement": r.replacement,
                "rule": r.rule,
            }
            for r in result.replacements
        ],
    )
    record_event(
        actor=actor,
        action="knowledge.case.submit",
        target=case,
        after={"status": case.status, "replacements": len(case.replacements), "topic": topic},
    )
    return case


@transaction.atomic
def review_case(*, actor: User, case: TypicalCase, approve: bool, note: str = "") -> TypicalCase:
    """A judge of the court publishes the anonymised case, or sends it back with a note.

    The submitter does not review their own case: a second pair of eyes checks the anonymisation.
    """
    case = TypicalCase.objects.select_for_update().get(pk=case.pk)
    if case.origin != TypicalCase.Origin.COURT or not is_judge_of(actor, case.court_id):
        raise NotPermitted(_("只有本院法官可以审核案例发布。"))
    if case.created_by_id == actor.pk:
        raise NotPermitted(_("提交人不能审核自己提交的案例。"))
    target = TypicalCase.Status.PUBLISHED if approve else TypicalCase.Status.REJECTED
    if not rules.can_move(rules.PUBLICATION_FLOW, case.status, target):
        raise InvalidTransition(_("该案例已审核，不能重复审核。"))
    note = (note or "").strip()
    if not approve and not note:
        raise FieldError({"note": _("退回时请填写审核意见。")})
    before = {"status": case.status}
    case.status = target
    case.reviewed_by = actor
    case.reviewed_at = timezone.now()
    case.review_note = note
    case.save()
    if approve:
        bump_library_stamp()
    record_event(
        actor=actor,
        action="knowledge.case.publish" if approve else "knowledge.case.reject",
        target=case,
        before=before,
        after={"status": case.status, "note": note},
    )
    return case
