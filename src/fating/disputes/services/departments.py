"""部门联动 with the departments as actors: the hand-over, the department's answer, its work and
its return. Each use case: permission first, one transaction, one audit event of its own (a
hand-over or a decline that moves the dispute's tier also writes the dispute's move, as every
tier change does).

The in-app notices (to the department's officers on a hand-over, to the person who handed it on
an answer or a return) come from these events through the inbox's subscribers.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.core.audit import record_event
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import FieldError, InvalidTransition
from fating.core.money import MoneyError, parse_money
from fating.core.uploads import EVIDENCE
from fating.disputes import rules
from fating.disputes.models import (
    Agreement,
    AgreementSignature,
    Attachment,
    DepartmentReferral,
    DepartmentWork,
    Dispute,
)
from fating.disputes.selectors import may_hand_over, referral_for, require
from fating.disputes.services.common import hash_upload, move
from fating.disputes.services.intake import consent_pending
from fating.network.models import Department

MAX_TEXT = 2000


def _text(value: str | None, field: str, message: str, *, minimum: int = 1) -> str:
    text = (value or "").strip()
    if len(text) < minimum:
        raise FieldError({field: message})
    if len(text) > MAX_TEXT:
        raise FieldError({field: _("内容过长（不超过 %(n)d 字）。") % {"n": MAX_TEXT}})
    return text


def _lock(referral: DepartmentReferral) -> DepartmentReferral:
    return (
        DepartmentReferral.objects.select_for_update()
        .select_related("dispute", "department")
        .get(pk=referral.pk)
    )


@transaction.atomic
def hand_to_department(
    *, actor: User, dispute: Dispute, department: Department | None, request: str
) -> DepartmentReferral:
    """The liaison or court staff hands the dispute to a 部门联动 department: from 已上报 (joint
    mediation starts), from 村居先调 (escalated), or within 部门联动 to one more department."""
    require(may_hand_over(actor, dispute), _("只有服务点联络员、法院工作人员可以移交联动部门。"))
    if department is None:
        raise FieldError({"department": _("请选择联动部门。")})
    if department.court_id != dispute.court_id or not department.active:
        raise FieldError({"department": _("只能选择本院在册的联动部门。")})
    request = _text(request, "request", _("请写明请部门协助的事项。"), minimum=4)
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    handed_from = dispute.status
    action = rules.HAND_OVER_FROM.get(rules.Status(handed_from))
    if action is None:
        raise InvalidTransition(
            _("纠纷当前状态为“%(state)s”，不能移交联动部门。")
            % {"state": rules.DISPUTE.state_label(handed_from)}
        )
    if dispute.referrals.filter(department=department, status__in=rules.REFERRAL_OPEN).exists():
        raise InvalidTransition(_("该部门正在办理此纠纷，不能重复移交。"))
    missing = consent_pending(dispute)
    if missing:
        raise InvalidTransition(
            _("联络员代为上报的纠纷，须先取得申请人（%(names)s）的同意。")
            % {"names": "、".join(p.name for p in missing)}
        )
    if action:
        dispute = move(actor=actor, dispute=dispute, action=action, note=request)
    accept_by = rules.department_accept_by(timezone.localdate(), court_calendar())
    referral = DepartmentReferral.objects.create(
        dispute=dispute, department=department, handed_by=actor, handed_from=handed_from,
        request=request, accept_by=accept_by,
    )  # fmt: skip
    record_event(actor=actor, action="disputes.referral.hand_over", target=referral,
                 after={"dispute": dispute.pk, "department": department.pk, "status": referral.status,
                        "handed_from": handed_from, "accept_by": accept_by})  # fmt: skip
    return referral


@transaction.atomic
def respond_to_referral(
    *, actor: User, referral: DepartmentReferral, accept: bool, reason: str = ""
) -> DepartmentReferral:
    """The department accepts (its 30 days start) or declines with reasons: the dispute goes
    back to the tier that handed it over."""
    referral_for(actor, referral.pk, "work")
    referral = _lock(referral)
    name = "accept" if accept else "decline"
    status = rules.REFERRAL.target(referral.status, name, refusal=_("该移交已答复，不能重复操作。"))
    before = {"status": referral.status}
    now = timezone.now()
    if accept:
        referral.accepted_at, referral.accepted_by = now, actor
        referral.due_on = rules.department_due(timezone.localdate(now), court_calendar())
    else:
        referral.outcome = _text(reason, "reason", _("不予接收时须写明理由。"), minimum=4)
        referral.ended_at = now
    referral.status = status
    referral.save()
    record_event(actor=actor, action=f"disputes.referral.{name}", target=referral, before=before,
                 after={"status": status, "dispute": referral.dispute_id, "due_on": referral.due_on,
                        "reason": referral.outcome if not accept else ""})  # fmt: skip
    if not accept:
        back = rules.DECLINE_BACK_TO.get(rules.Status(referral.handed_from))
        others = referral.dispute.referrals.filter(status__in=rules.REFERRAL_OPEN)
        if back and not others.exists() and rules.DISPUTE.allows(referral.dispute.status, back):
            move(actor=actor, dispute=referral.dispute, action=back,
                 note=f"{referral.department.name}不予接收：{referral.outcome}")  # fmt: skip
    return referral


@transaction.atomic
def record_department_work(
    *, actor: User, referral: DepartmentReferral, kind: str, happened_at: datetime | None,
    text: str, people: str = "", upload: UploadedFile | None = None, title: str = "",
) -> DepartmentWork:  # fmt: skip
    """A contact, a meeting or a note, with an optional file kept among the dispute's
    attachments (hashed at upload)."""
    referral_for(actor, referral.pk, "work")
    referral = _lock(referral)
    rules.REFERRAL.target(
        referral.status, "record", refusal=_("只有办理中的移交可以登记办理情况。")
    )
    errors: dict[str, str] = {}
    if kind not in DepartmentWork.Kind.values:
        errors["kind"] = _("请选择记录类型。")
    if happened_at is None:
        errors["happened_at"] = _("请填写时间。")
    elif happened_at > timezone.now() + timedelta(minutes=5):
        errors["happened_at"] = _("时间不能晚于现在。")
    elif referral.accepted_at and happened_at < referral.accepted_at - timedelta(days=1):
        errors["happened_at"] = _("时间不能早于部门接收之日。")
    if len((people or "").strip()) > 200:
        errors["people"] = _("参加人员过长（不超过 200 字）。")
    if upload is not None and not (title or "").strip():
        errors["title"] = _("请填写附件名称。")
    if errors:
        raise FieldError(errors)
    body = _text(text, "text", _("请填写经过与结果（至少 4 字）。"), minimum=4)
    attachment = None
    if upload is not None:
        digest, size = hash_upload(upload, "file", allowed=EVIDENCE, label="附件")
        attachment = Attachment.objects.create(
            dispute=referral.dispute, title=title.strip()[:100], file=upload, sha256=digest,
            size=size, uploaded_by=actor,
        )  # fmt: skip
    work = DepartmentWork.objects.create(
        referral=referral, kind=kind, happened_at=happened_at, people=(people or "").strip(),
        text=body, attachment=attachment, recorded_by=actor,
    )  # fmt: skip
    record_event(actor=actor, action="disputes.referral.record", target=referral,
                 after={"work": work.pk, "kind": kind, "attachment": attachment.pk if attachment else None,
                        "sha256": attachment.sha256 if attachment else ""})  # fmt: skip
    return work


@transaction.atomic
def return_referral(
    *, actor: User, referral: DepartmentReferral, resolved: bool, outcome: str,
    terms: str = "", performance: str = "", deadline: object = None, total_amount: object = None,
    signed: UploadedFile | None = None,
) -> DepartmentReferral:  # fmt: skip
    """The department returns the dispute. Resolved: the agreement the parties and the
    department's mediator signed (人民调解法 第28–29条) is uploaded and takes effect, and the
    dispute is agreed at 部门联动 (counted there). Not resolved: the dispute stays in 部门联动 for
    the handing side to take the next tier (委派调解 or 转入诉讼)."""
    referral_for(actor, referral.pk, "work")
    referral = _lock(referral)
    name = "resolve" if resolved else "fail"
    status = rules.REFERRAL.target(referral.status, name, refusal=_("只有办理中的移交可以退回。"))
    outcome = _text(outcome, "outcome", _("请说明办理结果（至少 4 字）。"), minimum=4)
    dispute = Dispute.objects.select_for_update().get(pk=referral.dispute_id)
    agreement = None
    if resolved:
        agreement = _signed_agreement(actor, referral, dispute, terms, performance, deadline,
                                      total_amount, signed)  # fmt: skip
    before = {"status": referral.status}
    referral.status, referral.outcome, referral.ended_at = status, outcome, timezone.now()
    referral.save()
    record_event(actor=actor, action=f"disputes.referral.{name}", target=referral, before=before,
                 after={"status": status, "dispute": dispute.pk, "outcome": outcome,
                        "agreement": agreement.pk if agreement else None})  # fmt: skip
    if agreement is not None:
        move(actor=actor, dispute=dispute, action="agree", agreed_at_tier=rules.Status.JOINT,
             note=f"{referral.department.name}调解达成协议：{outcome}")  # fmt: skip
    return referral


def _signed_agreement(
    actor: User, referral: DepartmentReferral, dispute: Dispute, terms: str, performance: str,
    deadline: object, total_amount: object, signed: UploadedFile | None,
) -> Agreement:  # fmt: skip
    """The written agreement signed on paper at the department: every party's signature and the
    department mediator's are on the uploaded scan, so it takes effect now (人民调解法 第29条)."""
    if not rules.DISPUTE.allows(dispute.status, "agree"):
        raise InvalidTransition(_("纠纷已不在调解中，不能以达成协议退回。"))
    errors: dict[str, str] = {}
    if len((terms or "").strip()) < 5:
        errors["terms"] = _("请写明协议条款。")
    if not (performance or "").strip():
        errors["performance"] = _("请写明履行方式与期限。")
    if not hasattr(deadline, "isoformat") or deadline < timezone.localdate():  # type: ignore[operator]
        errors["deadline"] = _("请填写履行期限（不早于今天）。")
    amount = None
    if total_amount not in (None, ""):
        try:
            amount = parse_money(total_amount, field="total_amount", label="给付总额",
                                 required=False, allow_zero=False)  # fmt: skip
        except MoneyError as exc:
            errors["total_amount"] = exc.reason
    if signed is None:
        errors["signed"] = _("请上传各方当事人与调解员签名的协议书扫描件。")
    if errors or signed is None:
        raise FieldError(errors)
    digest, size = hash_upload(signed, "signed", label="协议书扫描件")
    now = timezone.now()
    agreement = Agreement.objects.create(
        dispute=dispute, facts=f"{dispute.title}。{dispute.description}"[:2000],
        terms=terms.strip(), performance=performance.strip()[:300], total_amount=amount,
        deadline=deadline, mediator_name=actor.display_name,
        organisation_name=referral.department.name, mediator_signed_at=now,
        status=rules.AGREEMENT.target(rules.AgreementStatus.DRAFT, "take_effect"),
        effective_at=now, drafted_by=actor,
    )  # fmt: skip
    for party in dispute.parties.all():
        AgreementSignature.objects.create(
            agreement=agreement, party=party, method=AgreementSignature.Method.PAPER,
            signed_at=now, recorded_by=actor, paper_sha256=digest,
        )  # fmt: skip
    Attachment.objects.create(
        dispute=dispute, title=f"调解协议书（{referral.department.name}）", file=signed,
        sha256=digest, size=size, uploaded_by=actor,
    )  # fmt: skip
    return agreement


def end_open_referrals(*, actor: User | None, dispute: Dispute, reason: str) -> int:
    """The dispute left 部门联动 another way (withdrawn, delegated, referred to litigation):
    the departments still holding it stop, each ending its own audit event. Called inside the
    caller's transaction."""
    now = timezone.now()
    ended = 0
    for referral in dispute.referrals.select_for_update().filter(status__in=rules.REFERRAL_OPEN):
        before = {"status": referral.status}
        referral.status = rules.REFERRAL.target(referral.status, "withdraw")
        referral.ended_at, referral.outcome = now, reason.strip()[:MAX_TEXT]
        referral.save(update_fields=["status", "ended_at", "outcome", "updated_at"])
        record_event(actor=actor, action="disputes.referral.withdraw", target=referral,
                     before=before, after={"status": referral.status, "dispute": dispute.pk,
                                           "reason": referral.outcome})  # fmt: skip
        ended += 1
    return ended
