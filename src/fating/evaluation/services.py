"""Appraisal (鉴定) and neutral evaluation (中立评估) writes. One transaction and one audit event
each (the documents app adds its own event when a document is generated or filed); the
permission is checked first; a refused input writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.cases import legal
from fating.cases import selectors as case_selectors
from fating.cases.models import Case, Entrustment, ExcludedPeriod
from fating.cases.services.due_dates import recompute_due
from fating.core.audit import record_event
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.money import MoneyError, parse_money
from fating.disputes import selectors as dispute_selectors
from fating.disputes.models import Dispute
from fating.documents.models import DossierEntry
from fating.documents.services import add_to_dossier, generate_document
from fating.evaluation import rules, selectors
from fating.evaluation.models import (
    Appraisal,
    AppraisalObjection,
    EvaluationAcknowledgement,
    NeutralEvaluation,
)
from fating.network.models import Mediator

APPRAISAL_KIND = str(legal.limit_rules.ExcludedKind.APPRAISAL)


def _text(value: object, field: str, label: str, limit: int, errors: dict[str, str],
          *, required: bool = True) -> str:  # fmt: skip
    text = str(value or "").strip()
    if required and not text:
        errors[field] = _("请填写%(label)s。") % {"label": label}
    elif len(text) > limit:
        errors[field] = _("%(label)s不能超过%(n)d字。") % {"label": label, "n": limit}
    return text


def _lines(value: object, field: str, label: str, limit: int, errors: dict[str, str]) -> list[str]:
    items = value if isinstance(value, list) else str(value or "").splitlines()
    lines = [str(x).strip() for x in items if str(x).strip()]
    if not lines:
        errors[field] = _("请填写%(label)s。") % {"label": label}
    elif sum(len(x) for x in lines) > limit or len(lines) > 20:
        errors[field] = _("%(label)s不能超过%(n)d字、20项。") % {"label": label, "n": limit}
    return lines


def _days(value: object, field: str, label: str, high: int, errors: dict[str, str]) -> int:
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or not 1 <= int(text) <= high:
        errors[field] = _("%(label)s应为1至%(n)d之间的天数。") % {"label": label, "n": high}
        return 0
    return int(text)


def _day(value: object, field: str, label: str, errors: dict[str, str]) -> date | None:
    if value in (None, ""):
        return timezone.localdate()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        errors[field] = _("%(label)s应为日期，如2026-05-01。") % {"label": label}
        return None


def _require(actor: Any, obj: Appraisal | NeutralEvaluation, action: str) -> None:
    if not selectors.may(actor, obj, action):
        raise NotPermitted(_(selectors.REFUSALS[action]))


def _open_case(case: Case) -> None:
    if case.status != Case.Status.OPEN:
        raise InvalidTransition(_("案件已结案，不能再办理鉴定。"))


# --------------------------------------------------------------------------------------------
# 鉴定


def apply(*, actor: Any, case: Case, matters: object, purpose: str,
          applicant_name: str = "") -> Appraisal:  # fmt: skip
    """A party applies for appraisal (民事诉讼法 第79条第1款; 解释 第121条第1款)."""
    if not selectors.may_on_case(actor, case, "apply"):
        raise NotPermitted(_(selectors.REFUSALS["apply"]))
    _open_case(case)
    errors: dict[str, str] = {}
    items = _lines(matters, "matters", _("鉴定事项"), 2000, errors)
    aim = _text(purpose, "purpose", _("鉴定范围和目的"), 500, errors)
    own = case.filing.parties.filter(user=actor).order_by("pk").first()
    name = (applicant_name or "").strip() or (own.name if own else actor.display_name)
    if len(name) > 100:
        errors["applicant_name"] = _("申请人不能超过100字。")
    if errors:
        raise FieldError(errors)
    with transaction.atomic():
        appraisal = Appraisal.objects.create(
            court=case.court, case=case, origin=rules.Origin.APPLICATION.value,
            applicant=actor, applicant_name=name, matters="\n".join(items), purpose=aim,
        )  # fmt: skip
        record_event(actor=actor, action="evaluation.appraisal.apply", target=appraisal,
                     after={"case": case.pk, "matters": items, "purpose": aim})  # fmt: skip
    return appraisal


def _fee(value: object, errors: dict[str, str]) -> Decimal | None:
    try:
        return parse_money(value, field="fee", label=_("鉴定费用"), required=True,
                           allow_zero=False, grouping=True)  # fmt: skip
    except MoneyError as refusal:
        errors["fee"] = refusal.reason
        return None


def order_ex_officio(*, actor: Any, case: Case, matters: object, purpose: str,
                     note: str) -> Appraisal:  # fmt: skip
    """The court commissions appraisal on its own motion where it may collect evidence itself
    (民事诉讼法 第79条第2款; 证据规定 第30条第2款; 解释 第96条第1款): the ground is required."""
    if not selectors.may_on_case(actor, case, "decide"):
        raise NotPermitted(_(selectors.REFUSALS["decide"]))
    _open_case(case)
    errors: dict[str, str] = {}
    items = _lines(matters, "matters", _("鉴定事项"), 2000, errors)
    aim = _text(purpose, "purpose", _("鉴定范围和目的"), 500, errors)
    ground = _text(note, "note", _("依职权委托的理由（解释 第96条第1款）"), 500, errors)
    if errors:
        raise FieldError(errors)
    with transaction.atomic():
        appraisal = Appraisal.objects.create(
            court=case.court, case=case, origin=rules.Origin.EX_OFFICIO.value,
            status=Appraisal.Status.GRANTED, matters="\n".join(items), purpose=aim,
            decided_by=actor, decided_on=timezone.localdate(), decision_note=ground,
        )  # fmt: skip
        record_event(actor=actor, action="evaluation.appraisal.order", target=appraisal,
                     after={"case": case.pk, "matters": items, "note": ground})  # fmt: skip
    return appraisal


def _locked(appraisal: Appraisal, name: str) -> Appraisal:
    locked = Appraisal.objects.select_for_update().select_related("case").get(pk=appraisal.pk)
    locked.status = rules.APPRAISAL.target(locked.status, name)
    return locked


def decide(*, actor: Any, appraisal: Appraisal, grant: bool, fee: object = None,
           note: str = "") -> Appraisal:  # fmt: skip
    """准许 (with the fee the applicant must advance, 证据规定 第31条) or 不予准许 with its reason
    (解释 第121条第1款)."""
    _require(actor, appraisal, "decide")
    errors: dict[str, str] = {}
    reason = _text(note, "note", _("理由"), 500, errors, required=not grant)
    amount = _fee(fee, errors) if grant else None
    if errors:
        raise FieldError(errors)
    with transaction.atomic():
        locked = _locked(appraisal, "grant" if grant else "refuse")
        _open_case(locked.case)
        locked.fee, locked.decision_note = amount, reason
        locked.decided_by, locked.decided_on = actor, timezone.localdate()
        locked.save(update_fields=["status", "fee", "decision_note", "decided_by",
                                   "decided_on", "updated_at"])  # fmt: skip
        record_event(actor=actor, action=f"evaluation.appraisal.{'grant' if grant else 'refuse'}",
                     target=locked, after={"fee": str(amount) if amount else None,
                                           "note": reason})  # fmt: skip
    return locked


def record_fee(*, actor: Any, appraisal: Appraisal, paid_on: object = None) -> Appraisal:
    """The applicant advanced the fee (证据规定 第31条第1款)."""
    _require(actor, appraisal, "record")
    errors: dict[str, str] = {}
    day = _day(paid_on, "fee_paid_on", _("预交日期"), errors)
    if day is not None and day > timezone.localdate():
        errors["fee_paid_on"] = _("预交日期不能晚于今天。")
    if errors or day is None:
        raise FieldError(errors)
    with transaction.atomic():
        locked = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
        if locked.status != Appraisal.Status.GRANTED or locked.fee is None:
            raise InvalidTransition(_("本鉴定没有待预交的鉴定费用。"))
        if locked.fee_paid_on is not None:
            raise InvalidTransition(_("鉴定费用已经登记预交。"))
        locked.fee_paid_on = day
        locked.save(update_fields=["fee_paid_on", "updated_at"])
        record_event(actor=actor, action="evaluation.appraisal.fee", target=locked,
                     after={"fee": str(locked.fee), "paid_on": day})  # fmt: skip
    return locked


def abandon(*, actor: Any, appraisal: Appraisal, note: str) -> Appraisal:
    """The fee was not advanced in the period set: the application is treated as abandoned
    (证据规定 第31条第1款)."""
    _require(actor, appraisal, "decide")
    errors: dict[str, str] = {}
    reason = _text(note, "note", _("理由"), 500, errors)
    if errors:
        raise FieldError(errors)
    with transaction.atomic():
        locked = _locked(appraisal, "abandon")
        if locked.fee_paid_on is not None:
            raise InvalidTransition(_("申请人已预交鉴定费用，不能视为放弃。"))
        locked.decision_note = reason
        locked.save(update_fields=["status", "decision_note", "updated_at"])
        record_event(actor=actor, action="evaluation.appraisal.abandon", target=locked,
                     after={"note": reason})  # fmt: skip
    return locked


def commission(*, actor: Any, appraisal: Appraisal, institution: str, chosen_by: str,
               report_days: object, on: object = None) -> Appraisal:  # fmt: skip
    """委托鉴定: the appraiser chosen (民事诉讼法 第79条; 证据规定 第32条), the 鉴定委托书 generated
    into the case's dossier, the report's deadline set through the court calendar, and the
    appraisal period opened as a period not counted in 审限 (解释 第243条)."""
    _require(actor, appraisal, "decide")
    errors: dict[str, str] = {}
    name = _text(institution, "institution", _("鉴定机构"), 120, errors)
    try:
        chooser = rules.Chooser(chosen_by)
    except ValueError:
        chooser = None
        errors["chosen_by"] = _("请选择鉴定机构的确定方式。")
    period = _days(report_days, "report_days", _("鉴定期限"), rules.MAX_REPORT_DAYS, errors)
    origin = rules.Origin(appraisal.origin)
    if chooser is not None and not rules.chooser_allowed(origin, chooser):
        errors["chosen_by"] = _("依职权委托鉴定的，由人民法院指定鉴定人（证据规定 第32条第2款）。")
    if rules.fee_required(origin) and appraisal.fee_paid_on is None:
        errors["fee_paid_on"] = _("申请人尚未预交鉴定费用（证据规定 第31条）。")
    # The commission's date: today, or the day a commission made on paper was issued.
    today = _day(on, "on", _("委托日期"), errors)
    if today is not None and today > timezone.localdate():
        errors["on"] = _("委托日期不能晚于今天。")
    if today is not None and appraisal.case.accepted_on and today < appraisal.case.accepted_on:
        errors["on"] = _("委托日期不能早于立案日期。")
    if errors or chooser is None or today is None:
        raise FieldError(errors)
    due = rules.report_due(today, period, calendar=court_calendar())
    with transaction.atomic():
        locked = _locked(appraisal, "commission")
        case = (
            # Only the case row is locked: PostgreSQL refuses FOR UPDATE on the nullable side of
            # the outer join to the cause.
            Case.objects.select_for_update(of=("self",))
            .select_related("court", "filing__cause")
            .get(pk=locked.case_id)
        )
        _open_case(case)
        try:
            legal.case_time_limit(case, as_of=today, extra_excluded=(APPRAISAL_KIND, today, None))
        except legal.RuleInputError as exc:
            raise FieldError({"on": exc.reason}) from None
        payer = locked.applicant_name if locked.fee is not None else ""
        document = generate_document(
            actor=actor, matter=case, kind="appraisal_commission",
            context={
                "court": case.court.name, "case_number": case.number,
                "cause": case.filing.cause.name if case.filing.cause else "纠纷",
                "institution": name, "matters": locked.matters.splitlines(),
                "purpose": locked.purpose, "report_due_on": due, "fee": locked.fee,
                "fee_payer": payer, "judge": actor.display_name, "issued_on": today,
            },
        )  # fmt: skip
        excluded = ExcludedPeriod.objects.create(
            case=case, kind=APPRAISAL_KIND, start=today, end=None, recorded_by=actor,
            note=f"鉴定期间（{name}）"[:200],
        )  # fmt: skip
        before = case.due_on
        recompute_due(case)
        locked.institution, locked.chosen_by = name, chooser.value
        locked.commissioned_on, locked.report_due_on = today, due
        locked.commission_document, locked.excluded_period = document, excluded
        locked.save()
        record_event(
            actor=actor, action="evaluation.appraisal.commission", target=locked,
            after={"institution": name, "chosen_by": chooser.value, "report_due_on": due,
                   "document": document.pk, "excluded_from_time_limit": [today, None],
                   "case_due_on": [before, case.due_on]},
        )  # fmt: skip
    return locked


def receive_report(*, actor: Any, appraisal: Appraisal, upload: Any, received_on: object = None,
                   summary: str = "", objection_days: object = 15) -> Appraisal:  # fmt: skip
    """The report arrives: it is filed into the case's dossier (evidence), the appraisal period
    ends (审限 runs again from the next day), and the parties' period for written objections is
    set (证据规定 第37条)."""
    _require(actor, appraisal, "record")
    errors: dict[str, str] = {}
    day = _day(received_on, "received_on", _("收到日期"), errors)
    gist = _text(summary, "summary", _("鉴定意见摘要"), 500, errors)
    period = _days(objection_days, "objection_days", _("异议期间"), rules.MAX_OBJECTION_DAYS,
                   errors)  # fmt: skip
    if upload is None:
        errors["file"] = _("请上传鉴定书。")
    if day is not None and day > timezone.localdate():
        errors["received_on"] = _("收到日期不能晚于今天。")
    if day is not None and appraisal.commissioned_on and day < appraisal.commissioned_on:
        errors["received_on"] = _("收到日期不能早于委托日期。")
    if errors or day is None:
        raise FieldError(errors)
    with transaction.atomic():
        locked = _locked(appraisal, "receive")
        case = Case.objects.select_for_update().get(pk=locked.case_id)
        _open_case(case)
        entry = add_to_dossier(
            actor=actor, matter=case, upload=upload, category=DossierEntry.Category.EVIDENCE,
            title=f"鉴定书（{locked.institution}）"[:200],
        )  # fmt: skip
        before = case.due_on
        excluded = locked.excluded_period
        if excluded is not None and excluded.end is None:
            excluded.end = day
            excluded.save(update_fields=["end", "updated_at"])
            recompute_due(case)
        locked.report_received_on, locked.report_entry, locked.report_summary = day, entry, gist
        locked.objection_due_on = rules.objection_due(day, period, calendar=court_calendar())
        locked.save()
        record_event(
            actor=actor, action="evaluation.appraisal.receive", target=locked,
            after={"received_on": day, "dossier_seq": entry.seq, "sha256": entry.sha256,
                   "objection_due_on": locked.objection_due_on,
                   "excluded_days": rules.excluded_days(locked.commissioned_on or day, day, day),
                   "case_due_on": [before, case.due_on]},
        )  # fmt: skip
    return locked


def object_to(*, actor: Any, appraisal: Appraisal, text: str) -> AppraisalObjection:
    """A party's written objection within the period set (证据规定 第37条第2款)."""
    _require(actor, appraisal, "object")
    errors: dict[str, str] = {}
    body = _text(text, "text", _("异议内容"), 2000, errors)
    if errors:
        raise FieldError(errors)
    today = timezone.localdate()
    with transaction.atomic():
        locked = Appraisal.objects.select_for_update().select_related("case").get(pk=appraisal.pk)
        if locked.status not in (Appraisal.Status.REPORTED, Appraisal.Status.APPEARANCE):
            raise InvalidTransition(_("尚未收到鉴定书，不能提出异议。"))
        if locked.objection_due_on and today > locked.objection_due_on:
            raise FieldError(
                {"text": _("异议期间已于%(day)s届满。") % {"day": locked.objection_due_on}}
            )
        own = locked.case.filing.parties.filter(user=actor).order_by("pk").first()
        objection = AppraisalObjection.objects.create(
            appraisal=locked, author=actor, party_name=own.name if own else actor.display_name,
            text=body, filed_on=today,
        )  # fmt: skip
        record_event(actor=actor, action="evaluation.appraisal.object", target=locked,
                     after={"objection": objection.pk, "party": objection.party_name})  # fmt: skip
    return objection


def summon(*, actor: Any, appraisal: Appraisal, on: object, note: str = "") -> Appraisal:
    """通知鉴定人出庭: on a party's objection or where the court thinks it necessary (民事诉讼法
    第81条; 证据规定 第38条)."""
    _require(actor, appraisal, "decide")
    errors: dict[str, str] = {}
    day = _day(on, "appearance_on", _("出庭日期"), errors)
    reason = _text(note, "note", _("理由"), 500, errors, required=not appraisal.objections.exists())
    if day is not None and day < timezone.localdate():
        errors["appearance_on"] = _("出庭日期不能早于今天。")
    if errors or day is None:
        raise FieldError(errors)
    with transaction.atomic():
        locked = _locked(appraisal, "summon")
        locked.appearance_on = day
        if reason:
            locked.decision_note = reason
        locked.save(update_fields=["status", "appearance_on", "decision_note", "updated_at"])
        record_event(actor=actor, action="evaluation.appraisal.summon", target=locked,
                     after={"appearance_on": day, "note": reason})  # fmt: skip
    return locked


# --------------------------------------------------------------------------------------------
# 中立评估


def _parties_of(dispute: Dispute | None, case: Case | None) -> list[tuple[str, str, Any, int]]:
    """(party key, name, user id, pk) of the dispute's or case's parties."""
    if dispute is not None:
        rows = dispute.parties.order_by("pk")
        return [(f"disputes.disputeparty:{p.pk}", p.name, p.user_id, p.pk) for p in rows]
    rows = case.filing.parties.order_by("pk") if case is not None else []
    return [(f"cases.filingparty:{p.pk}", p.name, p.user_id, p.pk) for p in rows]


def appoint(*, actor: Any, evaluator: object, questions: object, party_ids: list[int],
            consent_note: str, dispute: Dispute | None = None,
            case: Case | None = None) -> NeutralEvaluation:  # fmt: skip
    """Appoint an invited mediator or retired judge as neutral evaluator, with every party's
    consent, for a dispute in mediation or a case in 委托调解."""
    if (dispute is None) == (case is None):
        raise FieldError({"dispute": _("请选择一件纠纷或一个案件。")})
    if dispute is not None:
        allowed = dispute_selectors.is_court_staff(actor, dispute) or (
            dispute_selectors.is_assigned_mediator(actor, dispute)
        )
        court_id = dispute.court_id
    else:
        allowed = case is not None and case_selectors.can_manage_case(actor, case)
        court_id = case.court_id if case is not None else 0
    if not allowed:
        raise NotPermitted(_(selectors.REFUSALS["manage"]))
    errors: dict[str, str] = {}
    if dispute is not None and dispute.status not in selectors.MEDIATING_DISPUTE:
        errors["dispute"] = _("只有调解中的纠纷可以进行中立评估。")
    if (
        case is not None
        and not Entrustment.objects.filter(case=case, status=Entrustment.Status.MEDIATING).exists()
    ):
        errors["case"] = _("只有委托调解中的案件可以进行中立评估。")
    pk = str(evaluator or "")
    chosen = selectors.evaluators(court_id).filter(pk=int(pk)).first() if pk.isdigit() else None
    if chosen is None:
        errors["evaluator"] = _("评估人应为本院名册中的特邀调解员或退休法官。")
    items = _lines(questions, "questions", _("评估问题"), 2000, errors)
    note = _text(consent_note, "consent_note", _("当事人同意的方式和时间"), 500, errors)
    parties = _parties_of(dispute, case)
    given = {int(x) for x in party_ids if str(x).isdigit()}
    missing = [name for _key, name, _user, pid in parties if pid not in given]
    if not parties:
        errors["party_ids"] = _("没有当事人，不能进行中立评估。")
    elif missing:
        errors["party_ids"] = _("中立评估须经各方当事人同意，尚未同意：%(p)s。") % {
            "p": "、".join(missing)
        }
    if errors or chosen is None:
        raise FieldError(errors)
    with transaction.atomic():
        evaluation = NeutralEvaluation.objects.create(
            court_id=court_id, dispute=dispute, case=case, evaluator=chosen,
            questions="\n".join(items), consent_note=note,
            consenting=[name for _key, name, _user, _pid in parties], appointed_by=actor,
            appointed_on=timezone.localdate(),
        )  # fmt: skip
        EvaluationAcknowledgement.objects.bulk_create(
            EvaluationAcknowledgement(evaluation=evaluation, party_key=key, name=name, user_id=user)
            for key, name, user, _pid in parties
        )
        record_event(actor=actor, action="evaluation.neutral.appoint", target=evaluation,
                     after={"dispute": dispute.pk if dispute else None,
                            "case": case.pk if case else None, "evaluator": chosen.pk,
                            "retired_judge": chosen.is_retired_judge,
                            "consenting": len(parties)})  # fmt: skip
    return evaluation


def _evaluator_kind(mediator: Mediator) -> str:
    return "退休法官" if mediator.is_retired_judge else "特邀调解员"


def issue(*, actor: Any, evaluation: NeutralEvaluation, opinion: str,
          likely_outcome: str) -> NeutralEvaluation:  # fmt: skip
    """The evaluator writes the opinion; the 中立评估意见书 (non-binding) is generated."""
    _require(actor, evaluation, "issue")
    errors: dict[str, str] = {}
    body = _text(opinion, "opinion", _("评估意见"), 4000, errors)
    outcome = _text(likely_outcome, "likely_outcome", _("可能结果"), 500, errors)
    if errors:
        raise FieldError(errors)
    today = timezone.localdate()
    with transaction.atomic():
        locked = NeutralEvaluation.objects.select_for_update().get(pk=evaluation.pk)
        locked.status = rules.EVALUATION.target(locked.status, "issue")
        matter = locked.dispute or locked.case
        roles = _roles(locked)
        document = generate_document(
            actor=actor, matter=locked, kind="neutral_evaluation",
            context={
                "court": locked.court.name,
                "reference": getattr(matter, "reference", "") or getattr(matter, "number", ""),
                "cause": _cause(locked), "parties": roles,
                "evaluator": locked.evaluator.name,
                "evaluator_kind": _evaluator_kind(locked.evaluator),
                "questions": locked.questions.splitlines(), "opinion": body,
                "likely_outcome": outcome, "issued_on": today,
            },
        )  # fmt: skip
        locked.opinion, locked.likely_outcome, locked.issued_on = body, outcome, today
        locked.document = document
        locked.save()
        record_event(actor=actor, action="evaluation.neutral.issue", target=locked,
                     after={"document": document.pk, "issued_on": today})  # fmt: skip
    return locked


def _cause(evaluation: NeutralEvaluation) -> str:
    if evaluation.dispute is not None:
        return evaluation.dispute.title or "纠纷"
    case = evaluation.case
    cause = case.filing.cause if case is not None else None
    return cause.name if cause else "纠纷"


def _roles(evaluation: NeutralEvaluation) -> list[dict[str, str]]:
    if evaluation.dispute is not None:
        rows = evaluation.dispute.parties.order_by("pk")
    elif evaluation.case is not None:
        rows = evaluation.case.filing.parties.order_by("pk")
    else:
        rows = []
    return [{"role": p.get_role_display(), "name": p.name} for p in rows]


def acknowledge(*, actor: Any, evaluation: NeutralEvaluation) -> NeutralEvaluation:
    """A party confirms having read the opinion (not accepting it); when every party has, the
    evaluation is acknowledged."""
    _require(actor, evaluation, "acknowledge")
    today = timezone.localdate()
    with transaction.atomic():
        locked = NeutralEvaluation.objects.select_for_update().get(pk=evaluation.pk)
        if locked.status != NeutralEvaluation.Status.ISSUED:
            raise InvalidTransition(_("评估意见尚未出具或已全部阅知。"))
        mine = locked.acknowledgements.filter(user=actor, acknowledged_on__isnull=True)
        names = list(mine.values_list("name", flat=True))
        if not names:
            raise InvalidTransition(_("您已确认阅知。"))
        mine.update(acknowledged_on=today)
        if not locked.acknowledgements.filter(acknowledged_on__isnull=True).exists():
            locked.status = rules.EVALUATION.target(locked.status, "acknowledge")
            locked.save(update_fields=["status", "updated_at"])
        record_event(actor=actor, action="evaluation.neutral.acknowledge", target=locked,
                     after={"parties": names, "status": locked.status})  # fmt: skip
    return locked


def withdraw(*, actor: Any, evaluation: NeutralEvaluation, note: str) -> NeutralEvaluation:
    """撤回评估 before the opinion (e.g. a party withdrew consent)."""
    _require(actor, evaluation, "manage")
    errors: dict[str, str] = {}
    reason = _text(note, "note", _("理由"), 500, errors)
    if errors:
        raise FieldError(errors)
    with transaction.atomic():
        locked = NeutralEvaluation.objects.select_for_update().get(pk=evaluation.pk)
        locked.status = rules.EVALUATION.target(locked.status, "withdraw")
        locked.consent_note = f"{locked.consent_note}\n撤回：{reason}"[:500]
        locked.save(update_fields=["status", "consent_note", "updated_at"])
        record_event(actor=actor, action="evaluation.neutral.withdraw", target=locked,
                     after={"note": reason})  # fmt: skip
    return locked
