"""Tiers, delegation, guidance, judge bookings, sessions, referral and withdrawal."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import Role, User
from fating.accounts.selectors import holders
from fating.core.audit import record_event
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import FieldError, InvalidTransition
from fating.disputes import rules
from fating.disputes.court_side import AttachmentDraft, DisputeDraft, PartyDraft, court_side
from fating.disputes.models import (
    Delegation,
    Dispute,
    Guidance,
    JudgeBooking,
    MediationSession,
)
from fating.disputes.selectors import (
    can_manage_mediation,
    is_assigned_mediator,
    is_court_staff,
    is_judge,
    is_point_liaison,
    party_of,
    require,
)
from fating.disputes.services.common import move, tell
from fating.disputes.services.departments import end_open_referrals
from fating.disputes.services.intake import consent_pending
from fating.network.models import MediationOrganisation, Mediator


def _require_consent(dispute: Dispute) -> None:
    missing = consent_pending(dispute)
    if missing:
        names = "、".join(p.name for p in missing)
        raise InvalidTransition(
            _("联络员代为上报的纠纷，须先取得申请人（%(names)s）的同意。") % {"names": names}
        )


def _check_mediator(dispute: Dispute, organisation: MediationOrganisation | None,
                    mediator: Mediator | None) -> None:  # fmt: skip
    if organisation is not None and organisation.court_id != dispute.court_id:
        raise FieldError({"organisation": _("只能选择本院辖区的调解组织。")})
    if mediator is not None:
        if not mediator.active:
            raise FieldError({"mediator": _("该调解员已不在册。")})
        if organisation is not None and mediator.organisation_id != organisation.pk:
            raise FieldError({"mediator": _("调解员不属于所选调解组织。")})


@transaction.atomic
def start_mediation(
    *,
    actor: User,
    dispute: Dispute,
    tier: str,
    organisation: MediationOrganisation | None = None,
    mediator: Mediator | None = None,
) -> Dispute:
    """Open village mediation (村居先调) or joint mediation (部门联动) on a reported dispute."""
    require(can_manage_mediation(actor, dispute), _("只有服务点联络员、法院工作人员可以启动调解。"))
    _require_consent(dispute)
    action = {"village": "start_village", "joint": "start_joint"}.get(tier)
    if action is None:
        raise FieldError({"tier": _("调解层级无效。")})
    if tier == "village" and organisation is None:
        raise FieldError({"organisation": _("村居调解须指定调解组织（村调委会）。")})
    _check_mediator(dispute, organisation, mediator)
    if organisation is None and mediator is not None:
        organisation = mediator.organisation
    dispute = move(actor=actor, dispute=dispute, action=action, organisation=organisation,
                   mediator=mediator)  # fmt: skip
    _notify_mediator(dispute, "请开展调解")
    return dispute


@transaction.atomic
def escalate(
    *,
    actor: User,
    dispute: Dispute,
    reason: str,
    organisation: MediationOrganisation | None = None,
    mediator: Mediator | None = None,
) -> Dispute:
    """Village mediation did not settle it: move to joint mediation with departments."""
    require(can_manage_mediation(actor, dispute), _("您不能升级该纠纷。"))
    if not (reason or "").strip():
        raise FieldError({"reason": _("请说明升级理由。")})
    _check_mediator(dispute, organisation, mediator)
    changes: dict[str, Any] = {}
    if organisation is not None or mediator is not None:
        changes = {"organisation": organisation or mediator.organisation, "mediator": mediator}
    dispute = move(actor=actor, dispute=dispute, action="escalate", note=reason.strip(), **changes)
    tell(key=f"dispute:{dispute.pk}:escalated", users=_court_contacts(dispute),
         subject=f"纠纷升级：{dispute.title}", body=f"{dispute.reference} 已升级为部门联动调解：{reason}",
         link=f"/disputes/{dispute.pk}/")  # fmt: skip
    return dispute


@transaction.atomic
def delegate(
    *, actor: User, dispute: Dispute, organisation: MediationOrganisation,
    mediator: Mediator | None = None,
) -> Delegation:  # fmt: skip
    """The court delegates the dispute before filing (委派调解) to an invited organisation."""
    require(is_court_staff(actor, dispute), _("只有法院工作人员可以委派调解。"))
    _require_consent(dispute)
    if not organisation.is_court_invited and not (
        mediator and mediator.kind == Mediator.Kind.INVITED
    ):
        raise FieldError(
            {"organisation": _("只能委派给特邀调解组织或特邀调解员（特邀调解规定 第11条）。")}
        )
    _check_mediator(dispute, organisation, mediator)
    previous = dispute.status
    end_open_referrals(actor=actor, dispute=dispute, reason="法院已委派调解")
    dispute = move(actor=actor, dispute=dispute, action="delegate", organisation=organisation,
                   mediator=mediator, status_before_delegation=previous)  # fmt: skip
    accept_by = rules.acceptance_due(timezone.localdate(), court_calendar())
    delegation = Delegation.objects.create(
        dispute=dispute, organisation=organisation, mediator=mediator, delegated_by=actor,
        accept_by=accept_by,
    )  # fmt: skip
    record_event(actor=actor, action="disputes.delegation.create", target=delegation,
                 after={"status": delegation.status, "organisation": organisation.pk,
                        "mediator": mediator.pk if mediator else None,
                        "accept_by": accept_by})  # fmt: skip
    _notify_mediator(dispute, f"法院委派调解，请于 {accept_by:%Y年%m月%d日} 前确认是否接受")
    return delegation


@transaction.atomic
def respond_to_delegation(
    *, actor: User, delegation: Delegation, accept: bool, reason: str = ""
) -> Delegation:
    """The invited mediator accepts (the 30-day clock starts) or declines with reasons."""
    dispute = delegation.dispute
    require(is_assigned_mediator(actor, dispute), _("只有受委派的调解组织成员可以答复委派。"))
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    answered = _("该委派已答复，不能重复操作。")
    new_status = rules.DELEGATION.target(
        delegation.status, "accept" if accept else "decline", refusal=answered
    )
    now = timezone.now()
    if accept:
        delegation.status = new_status
        delegation.accepted_at = now
        delegation.due_at = rules.delegation_due(
            timezone.localtime(now), rules.DelegationKind(delegation.kind),
            calendar=court_calendar(),
        )  # fmt: skip
        if delegation.mediator is None:
            delegation.mediator = getattr(actor, "mediator_profile", None)
        delegation.save()
        mediator_id = dispute.mediator_id
        if delegation.mediator and dispute.mediator_id != delegation.mediator.pk:
            Dispute.objects.filter(pk=dispute.pk).update(mediator=delegation.mediator)
            mediator_id = delegation.mediator.pk
        # The dispute and its mediator are in the event: the update above saves no Dispute, and
        # the dispute's live chat re-checks its members on this event.
        record_event(actor=actor, action="disputes.delegation.accept", target=delegation,
                     after={"accepted_at": now, "due_at": delegation.due_at,
                            "dispute": dispute.pk, "mediator": mediator_id})  # fmt: skip
        return delegation
    if not (reason or "").strip():
        raise FieldError({"reason": _("不予接受时须写明理由（在线调解规则 第12条）。")})
    return _end(actor=actor, delegation=delegation, transition="decline", reason=reason)


@transaction.atomic
def extend_delegation(
    *, actor: User, delegation: Delegation, days: int, all_parties_agree: bool
) -> Delegation:
    """Longer mediation only with every party's consent (特邀调解规定 第27条)."""
    require(is_court_staff(actor, delegation.dispute) or is_assigned_mediator(actor, delegation.dispute),
            _("您不能延长该委派调解。"))  # fmt: skip
    if not all_parties_agree:
        raise FieldError({"all_parties_agree": _("延长调解期限须经各方当事人同意。")})
    if not 1 <= int(days) <= 60:
        raise FieldError({"days": _("延长天数应在 1 至 60 天之间。")})
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    rules.DELEGATION.target(delegation.status, "extend", refusal=_("只有调解中的委派可以延长。"))
    if delegation.accepted_at is None:
        raise InvalidTransition(_("只有调解中的委派可以延长。"))
    before = {"due_at": delegation.due_at, "extension_days": delegation.extension_days}
    delegation.extension_days += int(days)
    delegation.due_at = rules.delegation_due(
        timezone.localtime(delegation.accepted_at), rules.DelegationKind(delegation.kind),
        extension_days=delegation.extension_days, calendar=court_calendar(),
    )  # fmt: skip
    delegation.reminders_sent = []
    delegation.save()
    record_event(actor=actor, action="disputes.delegation.extend", target=delegation, before=before,
                 after={"due_at": delegation.due_at, "extension_days": delegation.extension_days,
                        "all_parties_agree": True})  # fmt: skip
    return delegation


@transaction.atomic
def fail_delegation(*, actor: User, delegation: Delegation, reason: str) -> Delegation:
    """No agreement: the materials go back to the court (特邀调解规定 第21条)."""
    require(is_assigned_mediator(actor, delegation.dispute) or is_court_staff(actor, delegation.dispute),
            _("您不能结束该委派调解。"))  # fmt: skip
    if not (reason or "").strip():
        raise FieldError({"reason": _("请说明调解不成的原因。")})
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    refusal = _("只有调解中的委派可以结束。")
    return _end(
        actor=actor, delegation=delegation, transition="fail", reason=reason, refusal=refusal
    )


def _end(
    *, actor: User | None, delegation: Delegation, transition: str, reason: str,
    refusal: str | None = None,
) -> Delegation:  # fmt: skip
    """End the delegation by `transition` (declined, failed or expired): the dispute returns."""
    status = rules.DELEGATION.target(delegation.status, transition, refusal=refusal)
    delegation.status = status
    delegation.ended_at = timezone.now()
    delegation.end_reason = reason.strip()[:200]
    delegation.save()
    record_event(actor=actor, action=f"disputes.delegation.{status}", target=delegation,
                 after={"status": status, "reason": delegation.end_reason})  # fmt: skip
    dispute = move(actor=actor, dispute=delegation.dispute, action="return_delegation",
                   note=f"委派调解{delegation.get_status_display()}：{delegation.end_reason}")  # fmt: skip
    tell(key=f"delegation:{delegation.pk}:{status}", users=_court_contacts(dispute),
         subject=f"委派调解退回：{dispute.title}",
         body=f"{dispute.reference} 委派调解{delegation.get_status_display()}，已退回法院。{delegation.end_reason}",
         link=f"/disputes/{dispute.pk}/")  # fmt: skip
    return delegation


def expire_delegations(*, now: datetime | None = None) -> dict[str, int]:
    """Return delegations whose time ran out, decline unanswered ones, send reminders.

    Run periodically (Celery beat, or `fating disputes_tick`). Each delegation is handled in its
    own transaction so one failure does not hold back the rest."""
    now = now or timezone.now()
    counts = {"expired": 0, "unanswered": 0, "reminded": 0}
    for pk in Delegation.objects.filter(
        status=Delegation.Status.ACCEPTED, due_at__lt=now
    ).values_list("pk", flat=True):
        with transaction.atomic():
            d = Delegation.objects.select_for_update().get(pk=pk)
            if rules.DELEGATION.allows(d.status, "expire") and d.due_at and d.due_at < now:
                _end(actor=None, delegation=d, transition="expire",
                     reason=f"调解期限于 {timezone.localtime(d.due_at):%Y年%m月%d日} 届满未达成协议")  # fmt: skip
                counts["expired"] += 1
    today = timezone.localdate(now)
    for pk in Delegation.objects.filter(
        status=Delegation.Status.PENDING, accept_by__lt=today
    ).values_list("pk", flat=True):
        with transaction.atomic():
            d = Delegation.objects.select_for_update().get(pk=pk)
            if rules.DELEGATION.allows(d.status, "decline"):
                _end(actor=None, delegation=d, transition="decline",
                     reason="受委派方未在 3 个工作日内确认接受")  # fmt: skip
                counts["unanswered"] += 1
    for d in Delegation.objects.filter(status=Delegation.Status.ACCEPTED).select_related("dispute"):
        clock = rules.delegation_clock(d.due_at, now)
        threshold = (
            rules.reminder_due(clock.days_left, d.reminders_sent)
            if clock.days_left is not None
            else None
        )
        if threshold is None or clock.expired:
            continue
        with transaction.atomic():
            d.reminders_sent = [*d.reminders_sent, threshold]
            d.save(update_fields=["reminders_sent", "updated_at"])
            users = list(holders(Role.MEDIATOR, organisation=d.organisation_id).order_by("pk")[:20])
            tell(key=f"delegation:{d.pk}:remind:{threshold}", users=users + _court_contacts(d.dispute),
                 subject=f"委派调解即将到期：{d.dispute.title}",
                 body=f"{d.dispute.reference} 的委派调解将于 {clock.days_left} 日后到期。",
                 link=f"/disputes/{d.dispute_id}/")  # fmt: skip
            counts["reminded"] += 1
    return counts


@transaction.atomic
def add_guidance(
    *, actor: User, dispute: Dispute, text: str, suggested_cases: list[str] | None = None,
    session_at: datetime | None = None,
) -> Guidance:  # fmt: skip
    """The tribunal's judge guides the mediation at any tier (驻地法庭指导)."""
    require(is_judge(actor, dispute) or (dispute.service_point and dispute.service_point.paired_officer_id == actor.pk),
            _("只有本庭法官或对口联络干警可以指导调解。"))  # fmt: skip
    if dispute.status in rules.FINAL:
        raise InvalidTransition(_("纠纷已结束，不能再添加指导。"))
    if not (text or "").strip():
        raise FieldError({"text": _("请填写指导意见。")})
    guidance = Guidance.objects.create(
        dispute=dispute, judge=actor, text=text.strip(),
        kind=Guidance.Kind.SESSION if session_at else Guidance.Kind.COMMENT,
        suggested_cases=[c.strip() for c in (suggested_cases or []) if c.strip()], session_at=session_at,
    )  # fmt: skip
    record_event(actor=actor, action="disputes.guidance.add", target=dispute,
                 after={"guidance": guidance.pk, "kind": guidance.kind})  # fmt: skip
    tell(key=f"guidance:{guidance.pk}", users=_mediation_contacts(dispute),
         subject=f"法官指导：{dispute.title}", body=text.strip()[:200], link=f"/disputes/{dispute.pk}/")  # fmt: skip
    return guidance


@transaction.atomic
def request_booking(
    *,
    actor: User,
    dispute: Dispute,
    judge: User,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
) -> JudgeBooking:
    """Ask a judge of the tribunal to attend joint mediation on site."""
    require(can_manage_mediation(actor, dispute), _("您不能为该纠纷预约法官。"))
    if dispute.status != Dispute.Status.JOINT:
        raise InvalidTransition(_("只有部门联动调解阶段可以预约法官到场。"))
    if not holders(Role.JUDGE, tribunal=dispute.tribunal_id).filter(pk=judge.pk).exists():
        raise FieldError({"judge": _("请选择本庭的法官。")})
    if ends_at <= starts_at:
        raise FieldError({"ends_at": _("结束时间应晚于开始时间。")})
    if starts_at < timezone.now():
        raise FieldError({"starts_at": _("不能预约过去的时间。")})
    if not (place or "").strip():
        raise FieldError({"place": _("请填写地点。")})
    _check_judge_free(judge, starts_at, ends_at)
    booking = JudgeBooking.objects.create(dispute=dispute, judge=judge, requested_by=actor,
                                          starts_at=starts_at, ends_at=ends_at, place=place.strip())  # fmt: skip
    record_event(actor=actor, action="disputes.booking.request", target=booking,
                 after={"judge": judge.pk, "starts_at": starts_at, "ends_at": ends_at, "place": booking.place})  # fmt: skip
    tell(key=f"booking:{booking.pk}:requested", users=[judge], subject=f"预约到场：{dispute.title}",
         body=f"{timezone.localtime(starts_at):%m月%d日 %H:%M} 在{booking.place}参加联动调解，请确认。",
         link=f"/disputes/{dispute.pk}/")  # fmt: skip
    return booking


def _check_judge_free(
    judge: User, starts_at: datetime, ends_at: datetime, *, exclude: int | None = None
) -> None:
    """The judge's calendar: accepted bookings here and scheduled court hearings."""
    from fating.disputes.selectors import booking_clash

    clash = booking_clash(judge, starts_at, ends_at, exclude=exclude)
    if clash is not None:
        raise FieldError(
            {
                "starts_at": _("法官该时段已有安排（%(starts)s—%(ends)s，%(place)s）。")
                % {
                    "starts": f"{timezone.localtime(clash.starts_at):%m月%d日 %H:%M}",
                    "ends": f"{timezone.localtime(clash.ends_at):%H:%M}",
                    "place": clash.place,
                }
            }
        )
    hearing_starts = court_side().hearing_clash(judge, starts_at, ends_at)
    if hearing_starts is not None:
        raise FieldError(
            {
                "starts_at": _("法官该时段已排定开庭（%(starts)s）。")
                % {"starts": f"{timezone.localtime(hearing_starts):%m月%d日 %H:%M}"}
            }
        )


@transaction.atomic
def respond_to_booking(
    *, actor: User, booking: JudgeBooking, accept: bool, note: str = ""
) -> JudgeBooking:
    booking = JudgeBooking.objects.select_for_update().get(pk=booking.pk)
    require(booking.judge_id == actor.pk, _("只有被预约的法官可以答复。"))
    if booking.status != JudgeBooking.Status.REQUESTED:
        raise InvalidTransition(_("该预约已答复。"))
    if accept:
        _check_judge_free(booking.judge, booking.starts_at, booking.ends_at, exclude=booking.pk)
    booking.status = JudgeBooking.Status.ACCEPTED if accept else JudgeBooking.Status.DECLINED
    booking.note = (note or "").strip()[:200]
    booking.save()
    record_event(actor=actor, action=f"disputes.booking.{booking.status}", target=booking,
                 after={"status": booking.status, "note": booking.note})  # fmt: skip
    tell(key=f"booking:{booking.pk}:{booking.status}", users=[booking.requested_by],
         subject=f"法官{booking.get_status_display()}预约", body=f"{booking.dispute.title}：{booking.note or booking.get_status_display()}",
         link=f"/disputes/{booking.dispute_id}/")  # fmt: skip
    return booking


@transaction.atomic
def record_session(
    *, actor: User, dispute: Dispute, mode: str, held_at: datetime, place: str,
    attendees: list[str], minutes: str, outcome: str,
) -> MediationSession:  # fmt: skip
    require(can_manage_mediation(actor, dispute), _("您不能记录该纠纷的调解。"))
    if dispute.status not in rules.MEDIATING:
        raise InvalidTransition(_("只有调解中的纠纷可以记录调解过程。"))
    errors = {}
    if mode not in MediationSession.Mode.values:
        errors["mode"] = _("请选择线上或线下。")
    if outcome not in MediationSession.Outcome.values:
        errors["outcome"] = _("请选择调解结果。")
    if not (place or "").strip():
        errors["place"] = _("请填写地点或会议链接。")
    if len((minutes or "").strip()) < 10:
        errors["minutes"] = _("调解笔录过短，请记录主要过程（至少 10 字）。")
    attendees = [a.strip() for a in attendees if a and a.strip()]
    if not attendees:
        errors["attendees"] = _("请填写参加人员。")
    if held_at > timezone.now() + timedelta(minutes=5):
        errors["held_at"] = _("调解时间不能晚于现在。")
    if errors:
        raise FieldError(errors)
    session = MediationSession.objects.create(
        dispute=dispute, tier=dispute.status, mode=mode, held_at=held_at, place=place.strip(),
        attendees=attendees, minutes=minutes.strip(), outcome=outcome, recorded_by=actor,
    )  # fmt: skip
    record_event(actor=actor, action="disputes.session.record", target=dispute,
                 after={"session": session.pk, "tier": session.tier, "outcome": outcome})  # fmt: skip
    return session


@transaction.atomic
def refer_to_filing(*, actor: User, dispute: Dispute, reason: str) -> Dispute:
    """诉讼兜底: mediation failed or was refused; the dispute becomes a filing draft."""
    party = party_of(actor, dispute)
    require(is_court_staff(actor, dispute) or is_point_liaison(actor, dispute)
            or (party is not None and party.role == party.Role.APPLICANT),
            _("只有申请人、服务点联络员或法院工作人员可以转入诉讼。"))  # fmt: skip
    if not (reason or "").strip():
        raise FieldError({"reason": _("请说明转入诉讼的原因。")})
    filing_id = _filing_draft(dispute)
    end_open_referrals(actor=actor, dispute=dispute, reason=f"纠纷已转入诉讼：{reason.strip()}")
    dispute = move(
        actor=actor, dispute=dispute, action="refer", note=reason.strip(), filing_id=filing_id
    )
    tell(key=f"dispute:{dispute.pk}:referred", users=[p.user for p in dispute.parties.all()],
         subject=f"纠纷转入诉讼：{dispute.title}",
         body=f"{dispute.reference} 调解未成，已生成立案草稿，当事人可在线补充后提交立案。",
         link=f"/disputes/{dispute.pk}/")  # fmt: skip
    return dispute


def _filing_draft(dispute: Dispute) -> int | None:
    """Carry parties, the amount as a claim, and attachments over to a filing draft, filed by
    the applicant (if they have an account) or by the liaison who reported with their consent."""
    from fating.disputes.services.common import verify_file

    applicant = (
        dispute.parties.filter(role="applicant").exclude(user=None).select_related("user").first()
    )
    if applicant is not None:
        filer, capacity, note = applicant.user, "party", ""
    elif dispute.reporter_kind == Dispute.ReporterKind.LIAISON:
        filer, capacity = dispute.reporter, "liaison"
        note = f"申请人已在纠纷 {dispute.reference} 中确认由联络员代为办理。"
    else:
        return None
    draft = DisputeDraft(
        source_dispute_id=dispute.pk, reference=dispute.reference, court=dispute.court,
        tribunal=dispute.tribunal, filer=filer, filer_capacity=capacity, consent_note=note,
        facts=dispute.description, cause_revision=dispute.cause_revision, cause_code=dispute.cause_code,
        amount=dispute.amount,
        parties=[PartyDraft(role=p.role, kind=p.kind, name=p.name, id_number=p.id_number,
                            credit_code=p.credit_code, mobile=p.mobile, address=p.address, user=p.user)
                 for p in dispute.parties.all()],
        attachments=[AttachmentDraft(title=a.title, name=a.file.name.rsplit("/", 1)[-1],
                                     content=verify_file(a.file, a.sha256), sha256=a.sha256)
                     for a in dispute.attachments.all()],
    )  # fmt: skip
    return court_side().draft_filing(draft)


@transaction.atomic
def withdraw(*, actor: User, dispute: Dispute, reason: str) -> Dispute:
    party = party_of(actor, dispute)
    require(dispute.reporter_id == actor.pk or is_court_staff(actor, dispute)
            or (party is not None and party.role == party.Role.APPLICANT),
            _("只有申请人、上报人或法院工作人员可以撤回。"))  # fmt: skip
    if not (reason or "").strip():
        raise FieldError({"reason": _("请说明撤回原因。")})
    dispute = move(actor=actor, dispute=dispute, action="withdraw", note=reason.strip())
    end_open_referrals(actor=actor, dispute=dispute, reason=f"纠纷已撤回：{reason.strip()}")
    # A withdrawal ends a 委派 still pending or under way: nothing is left to mediate. Each one
    # ended is its own audit event (its deadlines stop running).
    now = timezone.now()
    for delegation in dispute.delegations.select_for_update().filter(
        status__in=rules.DELEGATION.sources("withdraw")
    ):
        before = {"status": delegation.status, "ended_at": None}
        delegation.status = rules.DELEGATION.target(delegation.status, "withdraw")
        delegation.ended_at = now
        delegation.end_reason = reason.strip()[:200]
        delegation.save(update_fields=["status", "ended_at", "end_reason", "updated_at"])
        record_event(actor=actor, action="disputes.delegation.withdraw", target=delegation,
                     before=before, after={"status": delegation.status, "ended_at": now,
                                           "reason": delegation.end_reason})  # fmt: skip
    return dispute


def _court_contacts(dispute: Dispute) -> list[User]:
    users = list(holders(Role.JUDGE, tribunal=dispute.tribunal_id).order_by("pk")[:3])
    if dispute.service_point and dispute.service_point.paired_officer:
        users.append(dispute.service_point.paired_officer)
    return users


def _mediation_contacts(dispute: Dispute) -> list[User]:
    users: list[User] = [dispute.reporter]
    if dispute.mediator and dispute.mediator.user:
        users.append(dispute.mediator.user)
    return users


def _notify_mediator(dispute: Dispute, what: str) -> None:
    users: list[User] = []
    if dispute.mediator and dispute.mediator.user:
        users.append(dispute.mediator.user)
    elif dispute.organisation:
        users += list(
            holders(Role.MEDIATOR, organisation=dispute.organisation_id).order_by("pk")[:5]
        )
    tell(key=f"dispute:{dispute.pk}:{dispute.status}:mediator", users=users,
         subject=f"调解任务：{dispute.title}", body=f"{dispute.reference}：{what}。",
         link=f"/disputes/{dispute.pk}/")  # fmt: skip
