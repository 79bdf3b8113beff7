"""Agreements, signatures, performance, and judicial confirmation (司法确认)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import Role, User
from fating.accounts.selectors import holders
from fating.core.audit import record_event, snapshot
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import FieldError, InvalidTransition
from fating.core.money import MoneyError, parse_money
from fating.disputes import rules
from fating.disputes.court_side import court_side
from fating.disputes.models import (
    Agreement,
    AgreementSignature,
    Delegation,
    Dispute,
    DisputeParty,
    Instalment,
    JudicialConfirmation,
)
from fating.disputes.selectors import (
    can_manage_mediation,
    is_assigned_mediator,
    is_judge,
    party_of,
    require,
)
from fating.disputes.services.common import hash_upload, move, tell
from fating.disputes.services.departments import end_open_referrals


@dataclass
class InstalmentInput:
    obligor_id: int
    due_on: date
    amount: str


def _money(value: Any, field: str, errors: dict[str, str]) -> Decimal | None:
    # Never rounded: "0.001" is refused, as everywhere else (fating.core.money).
    try:
        return parse_money(value, field=field, label="金额", required=True, allow_zero=False)
    except MoneyError as exc:
        errors[field] = exc.reason
        return None


@transaction.atomic
def draft_agreement(
    *, actor: User, dispute: Dispute, facts: str, terms: str, performance: str, deadline: date,
    instalments: list[InstalmentInput] | None = None,
) -> Agreement:  # fmt: skip
    """Write the agreement the parties reached (人民调解法 第29条 lists what it contains)."""
    require(is_assigned_mediator(actor, dispute) or can_manage_mediation(actor, dispute),
            _("只有调解员或调解工作人员可以起草调解协议。"))  # fmt: skip
    if not rules.DISPUTE.allows(dispute.status, "agree"):
        raise InvalidTransition(_("只有调解中的纠纷可以起草调解协议。"))
    if dispute.agreements.filter(status=Agreement.Status.DRAFT).exists():
        raise InvalidTransition(_("已有待签署的调解协议，请先签署或作废。"))
    if (
        dispute.status == Dispute.Status.DELEGATED
        and not dispute.delegations.filter(status=Delegation.Status.ACCEPTED).exists()
    ):  # found by the random-sequence test: an agreement before the invitee accepted
        raise InvalidTransition(_("受委派方尚未接受委派，不能起草调解协议。"))
    errors: dict[str, str] = {}
    if len((facts or "").strip()) < 10:
        errors["facts"] = _("请写明主要事实与争议事项（至少 10 字）。")
    if len((terms or "").strip()) < 5:
        errors["terms"] = _("请写明协议条款。")
    if not (performance or "").strip():
        errors["performance"] = _("请写明履行方式与期限。")
    parties = {p.pk: p for p in dispute.parties.all()}
    rows: list[tuple[DisputeParty, date, Decimal]] = []
    for i, item in enumerate(instalments or []):
        party = parties.get(int(item.obligor_id))
        if party is None:
            errors[f"instalments.{i}.obligor_id"] = _("履行义务人必须是本纠纷的当事人。")
        amount = _money(item.amount, f"instalments.{i}.amount", errors)
        if item.due_on < timezone.localdate():
            errors[f"instalments.{i}.due_on"] = _("履行期限不能早于今天。")
        if party is not None and amount is not None:
            rows.append((party, item.due_on, amount))
    if deadline is None or deadline < timezone.localdate():
        errors["deadline"] = _("履行期限不能早于今天。")
    elif rows and max(r[1] for r in rows) > deadline:
        errors["deadline"] = _("履行期限不能早于最后一期分期履行的期限。")
    if errors:
        raise FieldError(errors)
    mediator = dispute.mediator
    organisation = dispute.organisation
    agreement = Agreement.objects.create(
        dispute=dispute, facts=facts.strip(), terms=terms.strip(), performance=performance.strip(),
        total_amount=sum((r[2] for r in rows), Decimal("0")) or None, deadline=deadline,
        mediator_name=mediator.name if mediator else actor.display_name,
        organisation_name=organisation.name if organisation else dispute.tribunal.name,
        drafted_by=actor,
    )  # fmt: skip
    for party, due_on, amount in sorted(rows, key=lambda r: r[1]):
        Instalment.objects.create(agreement=agreement, obligor=party, due_on=due_on, amount=amount)
    record_event(actor=actor, action="disputes.agreement.draft", target=agreement,
                 after={**snapshot(agreement, ["dispute_id", "total_amount", "status"]), "instalments": len(rows)})  # fmt: skip
    tell(key=f"agreement:{agreement.pk}:drafted", users=[p.user for p in parties.values()],
         subject=f"请确认调解协议：{dispute.title}", body="调解协议已起草，请登录法庭E+核对并确认。",
         link=f"/disputes/{dispute.pk}/")  # fmt: skip
    return agreement


@transaction.atomic
def sign_agreement(
    *, actor: User, agreement: Agreement, party: DisputeParty, paper: UploadedFile | None = None
) -> AgreementSignature:
    """A party confirms online (from their own account) or a signed paper is uploaded for them."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    dispute = agreement.dispute
    if party.dispute_id != dispute.pk:
        raise FieldError({"party": _("该当事人不属于本纠纷。")})
    if not rules.AGREEMENT.allows(agreement.status, "take_effect"):
        raise InvalidTransition(_("调解协议已生效或已作废，不能再签署。"))
    if paper is None:
        require(party.user_id == actor.pk, _("线上确认须由当事人本人登录操作。"))
        method, digest = AgreementSignature.Method.ONLINE, ""
    else:
        require(can_manage_mediation(actor, dispute), _("只有调解工作人员可以上传纸质签署件。"))
        method = AgreementSignature.Method.PAPER
        digest, _size = hash_upload(paper, "paper", label="纸质签署件")
    if agreement.signatures.filter(party=party).exists():
        raise InvalidTransition(_("%(party)s已签署。") % {"party": party.name})
    signature = AgreementSignature.objects.create(agreement=agreement, party=party, method=method,
                                                  signed_at=timezone.now(), recorded_by=actor,
                                                  paper_sha256=digest)  # fmt: skip
    record_event(actor=actor, action="disputes.agreement.sign", target=agreement,
                 after={"party": party.pk, "method": method, "paper_sha256": digest})  # fmt: skip
    _take_effect_if_complete(actor, agreement)
    return signature


@transaction.atomic
def mediator_sign(*, actor: User, agreement: Agreement) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require(is_assigned_mediator(actor, agreement.dispute) or can_manage_mediation(actor, agreement.dispute),
            _("只有调解员可以签署。"))  # fmt: skip
    if not rules.AGREEMENT.allows(agreement.status, "take_effect") or agreement.mediator_signed_at:
        raise InvalidTransition(_("调解员已签署，或协议已生效。"))
    agreement.mediator_signed_at = timezone.now()
    agreement.save(update_fields=["mediator_signed_at", "updated_at"])
    record_event(actor=actor, action="disputes.agreement.mediator_sign", target=agreement,
                 after={"mediator_signed_at": agreement.mediator_signed_at})  # fmt: skip
    _take_effect_if_complete(actor, agreement)
    return agreement


def _take_effect_if_complete(actor: User, agreement: Agreement) -> None:
    parties = list(agreement.dispute.parties.all())
    signed = set(agreement.signatures.values_list("party_id", flat=True))
    if not rules.agreement_effective(
        [p.pk in signed for p in parties], bool(agreement.mediator_signed_at)
    ):
        return
    before = snapshot(agreement, ["status", "effective_at"])
    agreement.status = rules.AGREEMENT.target(agreement.status, "take_effect")
    agreement.effective_at = timezone.now()
    agreement.save(update_fields=["status", "effective_at", "updated_at"])
    # Taking effect starts the 30 days for judicial confirmation (CPL 第205条): its own event.
    record_event(actor=actor, action="disputes.agreement.effective", target=agreement,
                 before=before, after=snapshot(agreement, ["status", "effective_at"]))  # fmt: skip
    delegation = agreement.dispute.delegations.filter(
        status__in=rules.DELEGATION.sources("succeed")
    ).first()
    if delegation is not None:  # 委派调解 succeeded: filed with the court (特邀调解规定 第19条)
        delegation.status = rules.DELEGATION.target(delegation.status, "succeed")
        delegation.ended_at = agreement.effective_at
        delegation.save(update_fields=["status", "ended_at", "updated_at"])
        record_event(actor=actor, action="disputes.delegation.succeed", target=delegation,
                     before={"status": Delegation.Status.ACCEPTED, "ended_at": None},
                     after={"status": delegation.status, "ended_at": delegation.ended_at,
                            "agreement": agreement.pk})  # fmt: skip
    # a department still holding the dispute stops: it was settled at the table
    end_open_referrals(actor=actor, dispute=agreement.dispute, reason="纠纷已达成调解协议")
    move(actor=actor, dispute=agreement.dispute, action="agree",
         agreed_at_tier=agreement.dispute.status, note=f"调解协议于 {timezone.localtime(agreement.effective_at):%Y年%m月%d日} 生效")  # fmt: skip
    _generate_documents(actor, agreement)
    if not agreement.instalments.exists():
        return
    tell(key=f"agreement:{agreement.pk}:effective", users=[p.user for p in parties],
         subject="调解协议已生效",
         body=f"{agreement.dispute.title}：调解协议已生效。可在 30 日内共同申请司法确认（民事诉讼法 第205条）。",
         link=f"/disputes/{agreement.dispute_id}/")  # fmt: skip


def _generate_documents(actor: User, agreement: Agreement) -> None:
    """The signed agreement as DOCX and PDF, kept in the dispute's dossier."""
    from fating.disputes.documents import generate_agreement_document

    generate_agreement_document(actor=actor, agreement=agreement)


@transaction.atomic
def record_payment(
    *, actor: User, instalment: Instalment, amount: str, paid_on: date
) -> Instalment:
    """Record performance; when everything is paid the dispute is resolved."""
    instalment = (
        Instalment.objects.select_for_update()
        .select_related("agreement__dispute")
        .get(pk=instalment.pk)
    )
    agreement, dispute = instalment.agreement, instalment.agreement.dispute
    party = party_of(actor, dispute)
    require(can_manage_mediation(actor, dispute) or (party is not None and party.pk != instalment.obligor_id),
            _("只有调解工作人员或权利人可以登记履行情况。"))  # fmt: skip
    if agreement.status not in rules.AGREEMENT_IN_FORCE:
        raise InvalidTransition(_("只有已生效的调解协议可以登记履行。"))
    errors: dict[str, str] = {}
    value = _money(amount, "amount", errors)
    if paid_on > timezone.localdate():
        errors["paid_on"] = _("履行日期不能晚于今天。")
    if value is not None and instalment.paid_amount + value > instalment.amount:
        errors["amount"] = _("超过本期应履行金额（尚欠 %(owed)s 元）。") % {
            "owed": instalment.amount - instalment.paid_amount
        }
    if errors or value is None:
        raise FieldError(errors)
    before = {"paid_amount": instalment.paid_amount, "paid_on": instalment.paid_on}
    instalment.paid_amount += value
    instalment.paid_on = paid_on
    instalment.save(update_fields=["paid_amount", "paid_on", "updated_at"])
    record_event(actor=actor, action="disputes.instalment.pay", target=agreement, before=before,
                 after={"instalment": instalment.pk, "paid_amount": instalment.paid_amount, "paid_on": paid_on})  # fmt: skip
    if all(i.paid_amount >= i.amount for i in agreement.instalments.all()):
        agreement.status = rules.AGREEMENT.target(agreement.status, "perform")
        agreement.save(update_fields=["status", "updated_at"])
        if rules.DISPUTE.allows(dispute.status, "resolve"):
            move(actor=actor, dispute=dispute, action="resolve", note="调解协议已履行完毕")
    return instalment


def check_defaults(*, today: date | None = None) -> int:
    """Mark agreements with overdue instalments as defaulted and tell the creditor their options:
    apply for judicial confirmation (then enforcement) or sue on the agreement (调解法 第32条)."""
    today = today or timezone.localdate()
    count = 0
    effective = Agreement.objects.filter(
        status__in=rules.AGREEMENT.sources("default")
    ).prefetch_related("instalments")
    for agreement in effective:
        plan = [
            rules.Instalment(i.due_on, int(i.amount * 100), int(i.paid_amount * 100))
            for i in agreement.instalments.all()
        ]
        if not rules.overdue(plan, today):
            continue
        with transaction.atomic():
            locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
            if not rules.AGREEMENT.allows(locked.status, "default"):
                continue
            locked.status = rules.AGREEMENT.target(locked.status, "default")
            locked.save(update_fields=["status", "updated_at"])
            record_event(actor=None, action="disputes.agreement.default", target=locked,
                         after={"status": locked.status, "as_of": today})  # fmt: skip
            obligees = [
                p.user for p in locked.dispute.parties.filter(role=DisputeParty.Role.APPLICANT)
            ]
            tell(key=f"agreement:{locked.pk}:default", users=obligees, subject="对方未按期履行调解协议",
                 body=(f"{locked.dispute.title}：对方未按期履行。您可申请司法确认后申请强制执行，"
                       "或就调解协议向人民法院提起诉讼。"), link=f"/disputes/{locked.dispute_id}/")  # fmt: skip
            count += 1
    return count


@transaction.atomic
def apply_for_confirmation(
    *, actor: User, agreement: Agreement, joint_paper: UploadedFile | None = None
) -> JudicialConfirmation:
    """The parties' joint application (民事诉讼法 第205条; 解释 第351条), within 30 days of the
    agreement taking effect. Online: each party joins from their account and the application is
    filed when the last one joins. Paper: a joint application signed by all, uploaded by the
    mediator."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    dispute = agreement.dispute
    if agreement.status not in rules.AGREEMENT_IN_FORCE:
        raise InvalidTransition(_("只有已生效的调解协议可以申请司法确认。"))
    effective_at = agreement.effective_at or agreement.updated_at
    last_day = rules.confirmation_window_ends(
        timezone.localtime(effective_at).date(), court_calendar()
    )
    if timezone.localdate() > last_day:
        raise InvalidTransition(
            _("已超过申请期限：应自调解协议生效之日起 30 日内申请（截至 %(last_day)s）。")
            % {"last_day": f"{last_day:%Y年%m月%d日}"}
        )
    reason = rules.inadmissibility(dispute.cause_name or dispute.cause_free_text, agreement.terms)
    if reason:
        raise InvalidTransition(
            _("该调解协议不属于司法确认受理范围：%(reason)s（民诉法解释 第355条）。")
            % {"reason": reason}
        )
    existing = agreement.confirmations.exclude(status__in=rules.CONFIRMATION_CLOSED).first()
    if existing is not None and (
        existing.status != JudicialConfirmation.Status.APPLIED or existing.filed
    ):
        raise InvalidTransition(_("已提交司法确认申请。"))
    party = party_of(actor, dispute)
    all_parties = set(dispute.parties.values_list("pk", flat=True))
    joined = set(existing.co_applicants) if existing else set()
    if joint_paper is not None:
        require(can_manage_mediation(actor, dispute), _("只有调解工作人员可以上传共同申请书。"))
        digest, _size = hash_upload(joint_paper, "joint_paper", label="共同申请书")
        joined = set(all_parties)
        evidence = {"joint_paper_sha256": digest}
    else:
        require(party is not None, _("线上申请须由当事人本人提出。"))
        joined.add(party.pk)
        evidence = {"joined_party": party.pk}
    confirmation = existing or JudicialConfirmation(agreement=agreement, court=dispute.court,
                                                    applied_at=timezone.now(), applied_by=actor)  # fmt: skip
    complete = all_parties <= joined
    confirmation.co_applicants = sorted(joined)
    confirmation.filed = complete
    confirmation.applied_at = timezone.now()
    confirmation.save()
    record_event(actor=actor, action="disputes.confirmation.apply", target=confirmation,
                 after={"co_applicants": confirmation.co_applicants, "filed": complete, **evidence})  # fmt: skip
    if complete:
        judges = list(holders(Role.JUDGE, tribunal=dispute.tribunal_id).order_by("pk")[:3])
        tell(key=f"confirmation:{confirmation.pk}:applied", users=judges, subject=f"司法确认申请：{dispute.title}",
             body="双方当事人已共同申请司法确认，请在 3 日内决定是否受理。", link=f"/disputes/{dispute.pk}/")  # fmt: skip
    return confirmation


@transaction.atomic
def accept_confirmation(*, actor: User, confirmation: JudicialConfirmation) -> JudicialConfirmation:
    """Accept the application (within 3 days) and give it its 民特 case number."""
    confirmation = JudicialConfirmation.objects.select_for_update().get(pk=confirmation.pk)
    dispute = confirmation.agreement.dispute
    require(is_judge(actor, dispute), _("只有本庭法官可以受理司法确认申请。"))
    new_status = rules.CONFIRMATION.target(
        confirmation.status, "accept", confirmation, refusal=_("申请尚未由双方共同提交，或已处理。")
    )
    clerk = holders(Role.CLERK, tribunal=dispute.tribunal_id).order_by("pk").first()
    if clerk is None:
        raise FieldError({"clerk": _("本庭没有在岗的书记员，无法组成审查。")})
    today = timezone.localdate()
    confirmation.clerk = clerk
    _seq, confirmation.case_number = court_side().next_case_number(
        confirmation.court, "民特", today.year
    )
    confirmation.status = new_status
    confirmation.judge = actor
    confirmation.accepted_on = today
    confirmation.decision_due = rules.confirmation_decision_due(today, calendar=court_calendar())
    confirmation.save()
    record_event(actor=actor, action="disputes.confirmation.accept", target=confirmation,
                 after=snapshot(confirmation, ["status", "case_number", "accepted_on", "decision_due", "judge_id"]))  # fmt: skip
    return confirmation


@transaction.atomic
def decide_confirmation(
    *,
    actor: User,
    confirmation: JudicialConfirmation,
    confirm: bool,
    ground: str = "",
    reasons: str = "",
) -> JudicialConfirmation:
    """Rule that the agreement is valid (enforceable), or reject it on a 第358条 ground."""
    confirmation = JudicialConfirmation.objects.select_for_update().get(pk=confirmation.pk)
    dispute = confirmation.agreement.dispute
    require(confirmation.judge_id == actor.pk, _("只有承办法官可以作出裁定。"))
    new_status = rules.CONFIRMATION.target(
        confirmation.status, "confirm" if confirm else "reject",
        refusal=_("只有已受理的申请可以作出裁定。"),
    )  # fmt: skip
    if not confirm:
        if ground not in rules.REJECTION_GROUNDS:
            raise FieldError({"ground": _("请选择驳回理由（民诉法解释 第358条）。")})
        if not (reasons or "").strip():
            raise FieldError({"reasons": _("请写明驳回的具体理由。")})
    confirmation.status = new_status
    confirmation.rejection_ground = "" if confirm else ground
    confirmation.reasons = (reasons or "").strip()
    confirmation.decided_at = timezone.now()
    confirmation.save()
    record_event(actor=actor, action=f"disputes.confirmation.{confirmation.status}", target=confirmation,
                 after=snapshot(confirmation, ["status", "rejection_ground", "reasons", "decided_at"]))  # fmt: skip
    from fating.disputes.documents import generate_ruling_document

    generate_ruling_document(actor=actor, confirmation=confirmation)
    if confirm and rules.DISPUTE.allows(dispute.status, "resolve"):
        move(
            actor=actor,
            dispute=dispute,
            action="resolve",
            note=f"司法确认 {confirmation.case_number} 裁定调解协议有效",
        )
    tell(key=f"confirmation:{confirmation.pk}:decided", users=[p.user for p in dispute.parties.all()],
         subject=f"司法确认结果：{confirmation.get_status_display()}",
         body=(f"{confirmation.case_number}：{confirmation.get_status_display()}。"
               + ("一方拒绝履行的，对方可向人民法院申请强制执行。" if confirm else "当事人可以通过调解变更原协议或达成新协议，也可以向人民法院提起诉讼（民事诉讼法 第206条）。")),
         link=f"/disputes/{dispute.pk}/")  # fmt: skip
    return confirmation
