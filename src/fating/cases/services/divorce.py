"""Divorce pre-filing and cooling-off (离婚案件预立案和冷静期), the 辽宁 seed's procedure.

A party pre-files; the court mediates (民法典 第1079条第2款), and with both parties' consent sets
a cooling-off of at most 3 months (最高人民法院关于进一步深化家事审判方式和工作机制改革的意见（试行）
第40条 — UNVERIFIED: the opinion is not in ../shared/data/laws) with a return visit; the outcome
is reconciliation (和好), withdrawal (撤回) or formal filing, which registers a real case through
the filing services (case number sequence, judge, fee, 审限 from that day — so the cooling-off,
spent before filing, is never counted in 审限).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.cases import selectors
from fating.cases import selectors_procedures as proc
from fating.cases.models import Case, CauseOfAction, Claim, DivorcePreFiling, Filing, FilingParty
from fating.cases.rules import procedures as rules
from fating.cases.rules.fee_tables import FeeKind
from fating.cases.services import acceptance
from fating.cases.services.filing import _open_round
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.identifiers import IdentifierError, validate_id_number, validate_mobile
from fating.network.models import Court, Tribunal

DIVORCE_CAUSE = "离婚纠纷"
LIMITS = {"applicant_name": 60, "respondent_name": 60, "applicant_address": 200,
          "respondent_address": 200, "facts": 4000}  # fmt: skip
REQUIRED = {
    "applicant_name": "请填写申请人姓名。",
    "applicant_address": "请填写申请人住所。",
    "respondent_name": "请填写对方姓名。",
    "respondent_address": "请填写对方住所。",
    "facts": "请填写事实与理由。",
}


def _today() -> date:
    return timezone.localdate()


def _lock(prefiling: DivorcePreFiling) -> DivorcePreFiling:
    return DivorcePreFiling.objects.select_for_update().get(pk=prefiling.pk)


def _require_manage(actor: User, prefiling: DivorcePreFiling) -> DivorcePreFiling:
    if not proc.can_manage_divorce(actor, prefiling):
        raise NotPermitted(_("只有本院的法官、法官助理可以办理离婚预立案。"))
    return _lock(prefiling)


def _note(value: str, field: str, label: str, *, required: bool, limit: int) -> str:
    text = (value or "").strip()
    if required and not text:
        raise FieldError({field: _("请填写%(label)s。") % {"label": label}})
    if len(text) > limit:
        raise FieldError({field: _("%(label)s不能超过%(n)s个字。") % {"label": label, "n": limit}})
    return text


@transaction.atomic
def prefile(
    *,
    actor: User,
    court: Court | None,
    applicant_name: str,
    applicant_id_number: str,
    applicant_address: str,
    respondent_name: str,
    respondent_address: str,
    facts: str,
    applicant_mobile: str = "",
    respondent_mobile: str = "",
    tribunal: Tribunal | None = None,
) -> DivorcePreFiling:
    """A party pre-files a divorce application (预立案); nothing is registered as a case yet."""
    if not proc.may_prefile_divorce(actor):
        raise NotPermitted(_("只有当事人可以提交离婚预立案。"))
    values = {
        "applicant_name": applicant_name, "applicant_address": applicant_address,
        "respondent_name": respondent_name, "respondent_address": respondent_address,
        "facts": facts,
    }  # fmt: skip
    values = {k: (v or "").strip() for k, v in values.items()}
    errors: dict[str, str] = {}
    if court is None:
        errors["court"] = _("请选择法院。")
    elif tribunal is not None and tribunal.court_id != court.pk:
        errors["tribunal"] = _("人民法庭不属于所选法院。")
    for field, message in REQUIRED.items():
        if not values[field]:
            errors[field] = _(message)
        elif len(values[field]) > LIMITS[field]:
            errors[field] = _("不能超过%(n)s个字。") % {"n": LIMITS[field]}
    try:
        id_number = validate_id_number(applicant_id_number or "")
    except IdentifierError as exc:
        errors["applicant_id_number"], id_number = exc.message, ""
    mobiles: dict[str, str] = {}
    for field, raw in (("applicant_mobile", applicant_mobile),
                       ("respondent_mobile", respondent_mobile)):  # fmt: skip
        try:
            mobiles[field] = validate_mobile(raw) if (raw or "").strip() else ""
        except IdentifierError as exc:
            errors[field] = exc.message
    if errors:
        raise FieldError(errors)
    prefiling = DivorcePreFiling.objects.create(
        court=court, tribunal=tribunal, applicant=actor, applicant_id_number=id_number,
        prefiled_on=_today(), **values, **mobiles,
    )  # fmt: skip
    record_event(
        actor=actor,
        action="cases.divorce.prefile",
        target=prefiling,
        after={"court": court.pk if court else None, "status": prefiling.status},
    )
    return prefiling


@transaction.atomic
def set_cooling_off(
    *,
    actor: User,
    prefiling: DivorcePreFiling,
    months: Any,
    applicant_consents: bool,
    respondent_consents: bool,
    consent_note: str = "",
) -> DivorcePreFiling:
    """With both parties' consent, a cooling-off of 1 to 3 months from today (家事意见 第40条,
    unverified)."""
    prefiling = _require_manage(actor, prefiling)
    errors: dict[str, str] = {}
    try:
        count = int(months)
    except (TypeError, ValueError):
        count = 0
    if not 1 <= count <= rules.COOLING_OFF_MAX_MONTHS:
        errors["months"] = _("冷静期为1至3个月（家事意见 第40条）。")
    if not (applicant_consents and respondent_consents):
        errors["consent"] = _("设定冷静期须经双方当事人同意。")
    note = (consent_note or "").strip()
    if len(note) > 500:
        errors["consent_note"] = _("同意记录不能超过500个字。")
    if errors:
        raise FieldError(errors)
    before = prefiling.status
    prefiling.status = rules.DIVORCE.target(
        prefiling.status, "cool", (bool(applicant_consents), bool(respondent_consents))
    )
    today = _today()
    prefiling.applicant_consents = prefiling.respondent_consents = True
    prefiling.consent_note = note
    prefiling.cooling_from = today
    prefiling.cooling_until = rules.cooling_off_end(today, count)
    prefiling.cooling_set_by = actor
    prefiling.save()
    record_event(
        actor=actor,
        action="cases.divorce.cool",
        target=prefiling,
        before={"status": before},
        after={"status": prefiling.status, "months": count,
               "cooling_from": today, "cooling_until": prefiling.cooling_until},
    )  # fmt: skip
    return prefiling


@transaction.atomic
def record_mediation(*, actor: User, prefiling: DivorcePreFiling, note: str) -> DivorcePreFiling:
    """Family mediation (民法典 第1079条第2款), before or during the cooling-off."""
    prefiling = _require_manage(actor, prefiling)
    text = _note(note, "note", _("调解情况"), required=True, limit=2000)
    rules.DIVORCE.target(prefiling.status, "mediate")
    prefiling.mediation_note = text
    prefiling.mediated_on = _today()
    prefiling.save()
    record_event(actor=actor, action="cases.divorce.mediate", target=prefiling,
                 after={"mediated_on": prefiling.mediated_on})  # fmt: skip
    return prefiling


@transaction.atomic
def record_visit(*, actor: User, prefiling: DivorcePreFiling, note: str) -> DivorcePreFiling:
    """A return visit (回访) during the cooling-off."""
    prefiling = _require_manage(actor, prefiling)
    text = _note(note, "note", _("回访情况"), required=True, limit=2000)
    rules.DIVORCE.target(prefiling.status, "visit")
    prefiling.visit_note = text
    prefiling.visited_on = _today()
    prefiling.save()
    record_event(actor=actor, action="cases.divorce.visit", target=prefiling,
                 after={"visited_on": prefiling.visited_on})  # fmt: skip
    return prefiling


def _end(prefiling: DivorcePreFiling, actor: User, name: str, note: str) -> str:
    before = prefiling.status
    prefiling.status = rules.DIVORCE.target(prefiling.status, name)
    prefiling.outcome_note = note
    prefiling.ended_on = _today()
    prefiling.ended_by = actor
    return before


@transaction.atomic
def reconcile(*, actor: User, prefiling: DivorcePreFiling, note: str = "") -> DivorcePreFiling:
    """The spouses reconcile (和好): the application ends without a case."""
    prefiling = _require_manage(actor, prefiling)
    text = _note(note, "note", _("说明"), required=False, limit=1000)
    before = _end(prefiling, actor, "reconcile", text)
    prefiling.save()
    record_event(actor=actor, action="cases.divorce.reconcile", target=prefiling,
                 before={"status": before}, after={"status": prefiling.status})  # fmt: skip
    return prefiling


@transaction.atomic
def withdraw(*, actor: User, prefiling: DivorcePreFiling, note: str = "") -> DivorcePreFiling:
    """The applicant withdraws (撤回), themselves or as recorded by the court."""
    if not proc.can_withdraw_divorce(actor, prefiling):
        raise NotPermitted(_("只有申请人或本院的法官、法官助理可以撤回。"))
    prefiling = _lock(prefiling)
    text = _note(note, "note", _("说明"), required=False, limit=1000)
    before = _end(prefiling, actor, "withdraw", text)
    prefiling.save()
    record_event(actor=actor, action="cases.divorce.withdraw", target=prefiling,
                 before={"status": before}, after={"status": prefiling.status})  # fmt: skip
    return prefiling


def _divorce_cause(on: date) -> CauseOfAction:
    cause = (
        CauseOfAction.objects.filter(CauseOfAction.in_force_on(on), name=DIVORCE_CAUSE)
        .order_by("-valid_from")
        .first()
    )
    if cause is None:
        raise FieldError({"cause": _("案由目录中没有现行有效的“离婚纠纷”，请先导入案由目录。")})
    return cause


@transaction.atomic
def file_formally(
    *, actor: User, prefiling: DivorcePreFiling, note: str = "", procedure: str | None = None
) -> Case:
    """Register the divorce as a case (正式立案): the application becomes a submitted filing
    (cause 离婚纠纷, fee 诉讼费用交纳办法 第13条(二)1) that is accepted at once through
    acceptance.accept_filing — number, judge, fee, 审限 from today."""
    prefiling = _require_manage(actor, prefiling)
    if not selectors.court_staff(actor, prefiling.court_id, selectors.REVIEWERS):
        raise NotPermitted(_("只有本院的立案人员（法官、法官助理）可以正式立案。"))
    text = _note(note, "note", _("说明"), required=False, limit=1000)
    rules.DIVORCE.target(prefiling.status, "file")
    today = _today()
    filing = Filing.objects.create(
        filer=prefiling.applicant,
        filer_capacity=Filing.FilerCapacity.PARTY,
        court=prefiling.court,
        tribunal=prefiling.tribunal,
        received_by=prefiling.court,
        cause=_divorce_cause(today),
        facts=prefiling.facts,
        fee_kind=FeeKind.DIVORCE.value,
        status=Filing.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    FilingParty.objects.create(
        filing=filing, role=FilingParty.Role.PLAINTIFF, kind=FilingParty.Kind.NATURAL,
        name=prefiling.applicant_name, id_number=prefiling.applicant_id_number,
        mobile=prefiling.applicant_mobile, address=prefiling.applicant_address,
        user=prefiling.applicant,
    )  # fmt: skip
    FilingParty.objects.create(
        filing=filing, role=FilingParty.Role.DEFENDANT, kind=FilingParty.Kind.NATURAL,
        name=prefiling.respondent_name, mobile=prefiling.respondent_mobile,
        address=prefiling.respondent_address,
    )  # fmt: skip
    Claim.objects.create(filing=filing, text=_("判令准予原告与被告离婚"))
    _open_round(filing, today)
    case = acceptance.accept_filing(actor=actor, filing=filing, procedure=procedure)
    before = _end(prefiling, actor, "file", text)
    prefiling.case = case
    prefiling.save()
    record_event(
        actor=actor,
        action="cases.divorce.file",
        target=prefiling,
        before={"status": before},
        after={"status": prefiling.status, "case": case.pk, "number": case.number},
    )
    return case
