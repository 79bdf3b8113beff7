"""Reads of the cases app, and who may see and change what (docs/permissions.md).

Visibility:
- The filer of a filing (party, agent or the liaison who filed for a party) sees it, drafts
  included; a liaison also sees the filings they assisted. A party named in a filing with a
  platform account sees it once accepted, and its case.
- Clerks and court administrators see the submitted filings of their court, as competent court
  or as receiving court (跨域立案: both courts see the status), and the competent court's cases.
- Judges see the filings and cases of their tribunal, and every case assigned to them.
- Everyone else: 404.

Writes: review actions (forward, request correction, accept, refuse) only clerks and judges of
the competent court (forwarding: of the receiving court); fee relief decisions judges and the
court administrator; hearings and closure the clerks and judges of the case's court; a filing's
content only its filer. Others who can see get 403.

审限: the judge in charge asks for an extension; the court administrator records the president's
(or the higher court's) decision; excluded periods and procedure changes by the clerks and judges
of the court. The in-time closure rate is for court administrators, judges and clerks.
委托调解: the court's clerks and judges entrust; the invited organisation's mediators (or the
invited mediator named) see the entrustment — not the case file — and accept or decline; the
outcome and a consented extension by the invitee or the court.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fating.accounts.models import Membership, Role, User
from fating.accounts.selectors import scope_of
from fating.cases.models import (
    Case,
    CauseOfAction,
    Counterclaim,
    Entrustment,
    Evidence,
    ExcludedPeriod,
    FeeRelief,
    Filing,
    FilingReview,
    Hearing,
    Payment,
    TimeLimitExtension,
)
from fating.core.audit import events_for
from fating.core.exceptions import DomainError, NotPermitted, NotVisible
from fating.core.models import AuditEvent

FILING_ROLES = frozenset({Role.PARTY, Role.AGENT, Role.LIAISON})


class EvidenceTampered(DomainError):
    """A stored file no longer matches the SHA-256 taken at upload: it is never served."""

    status_code = 409
    code = "integrity_error"


# --------------------------------------------------------------------------------------------
# Roles at a court


def court_staff(user: User, court_id: int, roles: frozenset[str] | set[str]) -> bool:
    """True when `user` acts in one of `roles` at court `court_id` (directly or via a tribunal)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        Q(court_id=court_id) | Q(tribunal__court_id=court_id),
        user=user,
        role__in=roles,
        active=True,
    ).exists()


REVIEWERS = frozenset({Role.CLERK, Role.JUDGE})
RELIEF_DECIDERS = frozenset({Role.JUDGE, Role.COURT_ADMIN})


def can_review(user: User, filing: Filing) -> bool:
    return court_staff(user, filing.court_id, REVIEWERS)


def can_forward(user: User, filing: Filing) -> bool:
    return court_staff(user, filing.received_by_id, REVIEWERS)


def can_decide_relief(user: User, filing: Filing) -> bool:
    return court_staff(user, filing.court_id, RELIEF_DECIDERS)


def can_manage_case(user: User, case: Case) -> bool:
    return court_staff(user, case.court_id, REVIEWERS)


def can_edit_filing(user: User, filing: Filing) -> bool:
    return filing.filer_id == user.pk


def can_pay(user: User, case: Case) -> bool:
    """The filer or a plaintiff with an account prepays (办法 第20条)."""
    filing = case.filing
    return filing.filer_id == user.pk or filing.parties.filter(user=user, role="plaintiff").exists()


def can_pay_counterclaim(user: User, case: Case) -> bool:
    """The counterclaimant prepays the counterclaim's fee (办法 第20、22条): on the platform the
    defendant side, i.e. a defendant party whose platform account is `user` (an agent acts
    through the account linked to the party). Court staff do not record counter payments for
    case fees either, so none here."""
    if not getattr(user, "is_authenticated", False):
        return False
    return case.filing.parties.filter(user=user, role="defendant").exists()


def can_see_identifiers(user: User, filing: Filing) -> bool:
    """Full ID numbers and mobiles are for the court that handles the filing; everyone else
    (filer included, who typed them once) sees them masked."""
    return court_staff(user, filing.court_id, REVIEWERS | {Role.COURT_ADMIN}) or court_staff(
        user, filing.received_by_id, REVIEWERS | {Role.COURT_ADMIN}
    )


# --------------------------------------------------------------------------------------------
# Filings


def filings_for(user: User) -> QuerySet[Filing]:
    if not getattr(user, "is_authenticated", False):
        return Filing.objects.none()
    qs = Filing.objects.select_related("court", "received_by", "tribunal", "cause", "filer")
    scope = scope_of(user)
    if scope.superuser:
        return qs
    mine = Q(filer=user) | Q(assisted_by=user)
    named = Q(status=Filing.Status.ACCEPTED, parties__user=user)
    staff = Q(pk__in=[])
    admin_courts = scope.admin_court_ids
    clerk_courts = _court_ids_for(user, {Role.CLERK})
    if admin_courts or clerk_courts:
        courts = admin_courts | clerk_courts
        staff |= Q(court_id__in=courts) | Q(received_by_id__in=courts)
    if scope.has(Role.JUDGE):
        staff |= Q(tribunal_id__in=_tribunal_ids_for(user, {Role.JUDGE}))
        staff |= Q(case__judge=user)
    staff &= ~Q(status=Filing.Status.DRAFT)
    ids = Filing.objects.filter(mine | named | staff).values("pk")
    return qs.filter(pk__in=ids)


def _court_ids_for(user: User, roles: set[str]) -> set[int]:
    out: set[int] = set()
    for m in Membership.objects.filter(user=user, role__in=roles, active=True).select_related(
        "tribunal"
    ):
        court_id = m.court_id or (m.tribunal.court_id if m.tribunal_id else None)
        if court_id:
            out.add(court_id)
    return out


def _tribunal_ids_for(user: User, roles: set[str]) -> set[int]:
    return set(
        Membership.objects.filter(
            user=user, role__in=roles, active=True, tribunal__isnull=False
        ).values_list("tribunal_id", flat=True)
    )


def filing_for(user: User, filing_id: int, *, action: str = "view") -> Filing:
    """The filing if `user` may see it (else NotVisible); for `action` other than "view" also
    checks the write permission (else NotPermitted): "edit", "review", "forward", "relief"."""
    filing = filings_for(user).filter(pk=filing_id).first()
    if filing is None:
        raise NotVisible(_("立案申请不存在。"))
    checks = {
        "edit": (can_edit_filing, _("只有提交人可以修改该立案申请。")),
        "review": (can_review, _("只有管辖法院的立案人员（法官、法官助理）可以审查立案申请。")),
        "forward": (can_forward, _("只有收件法院的立案人员可以转交立案申请。")),
        "relief": (can_decide_relief, _("只有管辖法院的法官或管理员可以审批缓减免申请。")),
    }
    if action in checks:
        check, message = checks[action]
        if not check(user, filing):
            raise NotPermitted(message)
    return filing


def review_queue(user: User) -> QuerySet[Filing]:
    """Filings awaiting a decision that `user` may review, oldest first."""
    waiting = [Filing.Status.SUBMITTED, Filing.Status.RESUBMITTED]
    return filings_for(user).filter(status__in=waiting).order_by("submitted_at")


@dataclass(frozen=True)
class InTimeRate:
    decided: int
    in_time: int

    @property
    def rate(self) -> Decimal | None:
        if not self.decided:
            return None
        return (Decimal(self.in_time) * 100 / Decimal(self.decided)).quantize(Decimal("0.1"))


def review_in_time_rate(*, court_id: int, since: date | None = None) -> InTimeRate:
    """Share of review rounds decided within the 立案 time limit (登记立案规定 第8条)."""
    qs = FilingReview.objects.filter(filing__court_id=court_id, in_time__isnull=False)
    qs = qs.exclude(decision=FilingReview.Decision.WITHDRAWN)
    if since:
        qs = qs.filter(received_on__gte=since)
    return InTimeRate(decided=qs.count(), in_time=qs.filter(in_time=True).count())


def evidence_for(user: User, filing_id: int, evidence_id: int) -> Evidence:
    filing = filing_for(user, filing_id)
    evidence = filing.evidence.filter(pk=evidence_id).first()
    if evidence is None:
        raise NotVisible(_("证据材料不存在。"))
    return evidence


def read_evidence(evidence: Evidence) -> bytes:
    """The file's bytes, after checking them against the SHA-256 taken at upload."""
    with evidence.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != evidence.sha256:
        raise EvidenceTampered(
            _("证据材料「%(title)s」的文件与上传时的校验值不符，已拒绝读取。")
            % {"title": evidence.title}
        )
    return data


# --------------------------------------------------------------------------------------------
# Cases


def cases_for(user: User) -> QuerySet[Case]:
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    qs = Case.objects.select_related("court", "tribunal", "judge", "filing__cause")
    scope = scope_of(user)
    if scope.superuser:
        return qs
    q = Q(filing__filer=user) | Q(filing__assisted_by=user) | Q(filing__parties__user=user)
    courts = scope.admin_court_ids | _court_ids_for(user, {Role.CLERK})
    if courts:
        q |= Q(court_id__in=courts)
    if scope.has(Role.JUDGE):
        q |= Q(tribunal_id__in=_tribunal_ids_for(user, {Role.JUDGE})) | Q(judge=user)
    return qs.filter(pk__in=Case.objects.filter(q).values("pk"))


def case_for(user: User, case_id: int, *, action: str = "view") -> Case:
    case = cases_for(user).filter(pk=case_id).first()
    if case is None:
        raise NotVisible(_("案件不存在。"))
    if action == "manage" and not can_manage_case(user, case):
        raise NotPermitted(_("只有本院的法官、法官助理可以办理该案件。"))
    if action == "pay" and not can_pay(user, case):
        raise NotPermitted(_("只有原告或立案提交人可以交纳诉讼费。"))
    return case


def docket(user: User) -> QuerySet[Case]:
    """A judge's open cases, nearest time limit first."""
    return cases_for(user).filter(status=Case.Status.OPEN, judge=user).order_by("due_on")


def counterclaim_for(user: User, counterclaim_id: int, *, action: str = "view") -> Counterclaim:
    counterclaim = (
        Counterclaim.objects.select_related("case")
        .filter(pk=counterclaim_id, case__in=cases_for(user).values("pk"))
        .first()
    )
    if counterclaim is None:
        raise NotVisible(_("反诉不存在。"))
    if action == "pay" and not can_pay_counterclaim(user, counterclaim.case):
        raise NotPermitted(_("只有本案被告一方可以交纳反诉受理费。"))
    return counterclaim


def payment_for(user: User, order_id: str) -> Payment:
    payment = Payment.objects.select_related("case").filter(order_id=order_id).first()
    if payment is None or not cases_for(user).filter(pk=payment.case_id).exists():
        raise NotVisible(_("交费订单不存在。"))
    return payment


def hearing_for(user: User, hearing_id: int, *, action: str = "view") -> Hearing:
    hearing = Hearing.objects.select_related("case").filter(pk=hearing_id).first()
    if hearing is None or not cases_for(user).filter(pk=hearing.case_id).exists():
        raise NotVisible(_("开庭安排不存在。"))
    if action == "manage" and not can_manage_case(user, hearing.case):
        raise NotPermitted(_("只有本院的法官、法官助理可以办理该案件。"))
    return hearing


def relief_for(user: User, relief_id: int, *, action: str = "view") -> FeeRelief:
    relief = FeeRelief.objects.select_related("filing").filter(pk=relief_id).first()
    if relief is None:
        raise NotVisible(_("缓减免申请不存在。"))
    filing_for(user, relief.filing_id, action="relief" if action == "decide" else "view")
    return relief


def causes(*, revision: str | None = None, text: str = "") -> QuerySet[CauseOfAction]:
    """The catalogue is public to every signed-in user."""
    qs = CauseOfAction.objects.all()
    if revision:
        qs = qs.filter(revision=revision)
    if text:
        qs = qs.filter(name__contains=text.strip())
    return qs.order_by("revision", "position")


def cause_revision_on(day: date) -> str:
    """The 案由 revision in force on `day` (LEGAL-RULES §C): from the loaded catalogue, else by
    the statutory dates, so a matter never gets a revision that was not in force."""
    loaded = (
        CauseOfAction.objects.filter(CauseOfAction.in_force_on(day))
        .order_by("-valid_from")
        .values_list("revision", flat=True)
        .first()
    )
    if loaded:
        return loaded
    from fating.cases.services.causes import REVISIONS

    started = [r for r in REVISIONS if r.valid_from <= day]
    return max(started, key=lambda r: r.valid_from).name if started else REVISIONS[0].name


def cause_by_code(revision: str, code: str) -> CauseOfAction | None:
    """One entry of one revision; a code alone is ambiguous across revisions."""
    return CauseOfAction.objects.filter(revision=revision, code=code).first()


def timeline(case: Case) -> list[AuditEvent]:
    """The case's facts in order: its filing, the case itself, hearings and payments."""
    events = list(events_for(case.filing)) + list(events_for(case))
    for hearing in case.hearings.all():
        events += list(events_for(hearing))
    for payment in case.payments.all():
        events += list(events_for(payment))
    return sorted({e.pk: e for e in events}.values(), key=lambda e: e.seq)


# --------------------------------------------------------------------------------------------
# 审限: extensions, excluded periods, closure rates


def can_request_extension(user: User, case: Case) -> bool:
    """The judge in charge asks (2019 延长审限规定 第1条)."""
    return bool(getattr(user, "is_superuser", False)) or (
        case.judge_id is not None and case.judge_id == user.pk
    )


def can_decide_extension(user: User, case: Case) -> bool:
    """The president decides; on the platform the court administrator records the decision
    (also the higher court's, which arrives on paper)."""
    return court_staff(user, case.court_id, {Role.COURT_ADMIN})


def extension_for(user: User, extension_id: int, *, action: str = "view") -> TimeLimitExtension:
    extension = TimeLimitExtension.objects.select_related("case").filter(pk=extension_id).first()
    if extension is None or not cases_for(user).filter(pk=extension.case_id).exists():
        raise NotVisible(_("延长审限申请不存在。"))
    if action == "decide" and not can_decide_extension(user, extension.case):
        raise NotPermitted(_("只有本院院长（由法院管理员登记）可以审批延长审限。"))
    return extension


def excluded_period_for(user: User, period_id: int, *, action: str = "view") -> ExcludedPeriod:
    period = ExcludedPeriod.objects.select_related("case").filter(pk=period_id).first()
    if period is None or not cases_for(user).filter(pk=period.case_id).exists():
        raise NotVisible(_("审限扣除期间不存在。"))
    if action == "manage" and not can_manage_case(user, period.case):
        raise NotPermitted(_("只有本院的法官、法官助理可以办理该案件。"))
    return period


RATE_VIEWERS = frozenset({Role.COURT_ADMIN, Role.JUDGE, Role.CLERK})


def rate_courts(user: User) -> list[int]:
    """Courts whose in-time closure rate `user` may read: court staff of that court."""
    if not getattr(user, "is_authenticated", False):
        return []
    if user.is_superuser:
        from fating.network.models import Court

        return list(Court.objects.values_list("pk", flat=True))
    return sorted(_court_ids_for(user, set(RATE_VIEWERS)))


def closed_cases(*, court_ids: list[int], since: date | None, until: date | None) -> QuerySet[Case]:
    qs = Case.objects.filter(court_id__in=court_ids, status=Case.Status.CLOSED)
    if since:
        qs = qs.filter(closed_on__gte=since)
    if until:
        qs = qs.filter(closed_on__lte=until)
    return qs


def closure_history(*, court_id: int, procedure: str | None = None) -> dict[str, list[int]]:
    """Days from 立案 to 结案 of the court's closed cases, by procedure (for 诉讼风险评估)."""
    qs = Case.objects.filter(court_id=court_id, status=Case.Status.CLOSED, closed_on__isnull=False)
    qs = qs.exclude(closure=Case.Closure.TRANSFER)  # sent elsewhere, not tried here
    if procedure:
        qs = qs.filter(procedure=procedure)
    history: dict[str, list[int]] = {}
    for proc, accepted, closed in qs.values_list("procedure", "accepted_on", "closed_on"):
        history.setdefault(proc, []).append((closed - accepted).days)
    return history


# --------------------------------------------------------------------------------------------
# 委托调解


def _invitee_q(user: User) -> Q:
    scope = scope_of(user)
    q = Q(mediator__user=user)
    if scope.has(Role.MEDIATOR) and scope.organisation_ids:
        q |= Q(organisation_id__in=scope.organisation_ids)
    return q


def is_invitee(user: User, entrustment: Entrustment) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Entrustment.objects.filter(_invitee_q(user), pk=entrustment.pk).exists()


def entrustments_for(user: User) -> QuerySet[Entrustment]:
    """Who sees the case sees its entrustments; the invited organisation or mediator sees those
    addressed to them (not the whole case file)."""
    if not getattr(user, "is_authenticated", False):
        return Entrustment.objects.none()
    qs = Entrustment.objects.select_related("case", "organisation", "mediator")
    if user.is_superuser:
        return qs
    q = Q(case__in=cases_for(user).values("pk")) | _invitee_q(user)
    return qs.filter(pk__in=Entrustment.objects.filter(q).values("pk"))


def entrustment_for(user: User, entrustment_id: int, *, action: str = "view") -> Entrustment:
    """`action`: "respond" (the invitee), "mediate" (invitee or the court), "manage" (court)."""
    entrustment = entrustments_for(user).filter(pk=entrustment_id).first()
    if entrustment is None:
        raise NotVisible(_("委托调解不存在。"))
    court = can_manage_case(user, entrustment.case)
    invitee = is_invitee(user, entrustment)
    if action == "respond" and not invitee:
        raise NotPermitted(_("只有受托的特邀调解组织或调解员可以接受或拒绝委托。"))
    if action == "mediate" and not (invitee or court):
        raise NotPermitted(_("只有受托调解员或本院法官、法官助理可以办理该委托调解。"))
    if action == "manage" and not court:
        raise NotPermitted(_("只有本院的法官、法官助理可以办理该案件。"))
    return entrustment


# --------------------------------------------------------------------------------------------
# 审限 reads: the docket with days remaining, in-time closure rates


def time_limit_status(case: Case, *, as_of: date) -> Any:
    """The case's 审限 as it stands on `as_of` (services.legal → rules.time_limits)."""
    from fating.cases.services import legal

    return legal.case_time_limit(case, as_of=as_of)


def docket_rows(user: User, *, as_of: date) -> list[tuple[Case, Any]]:
    """The judge's open cases with their 审限 status, the most urgent first."""
    rows = [(case, time_limit_status(case, as_of=as_of)) for case in docket(user)]
    return sorted(rows, key=lambda row: (row[1].days_remaining, row[0].pk))


def closure_rates(user: User, *, since: date | None, until: date | None) -> list[dict[str, Any]]:
    """审限内结案率 per court `user` works at, and per judge of that court."""
    from fating.cases.services import legal
    from fating.network.models import Court

    out: list[dict[str, Any]] = []
    for court in Court.objects.filter(pk__in=rate_courts(user)).order_by("name"):
        rows = list(
            closed_cases(court_ids=[court.pk], since=since, until=until).values_list(
                "judge_id", "judge__full_name", "judge__username", "due_on", "closed_on"
            )
        )
        total = legal.closure_rate([(due, closed) for *_names, due, closed in rows])
        judges: dict[int | None, dict[str, Any]] = {}
        for judge_id, full_name, username, due, closed in rows:
            entry = judges.setdefault(
                judge_id, {"judge": judge_id, "name": full_name or username or "—", "rows": []}
            )
            entry["rows"].append((due, closed))
        per_judge = []
        for entry in judges.values():
            rate = legal.closure_rate(entry.pop("rows"))
            per_judge.append({**entry, **_rate_dict(rate)})
        out.append(
            {
                "court": court.pk,
                "name": court.name,
                **_rate_dict(total),
                "judges": sorted(per_judge, key=lambda j: (j["name"], j["judge"] or 0)),
            }
        )
    return out


def _rate_dict(rate: Any) -> dict[str, Any]:
    percent = None if rate.percent is None else str(rate.percent)
    return {"closed": rate.closed, "in_time": rate.in_time, "percent": percent}


def hearing_clash(judge: User, starts_at: datetime, ends_at: datetime) -> Hearing | None:
    """A scheduled hearing of `judge` overlapping the given time (other apps' calendar checks)."""
    return (
        Hearing.objects.filter(
            judge=judge,
            status=Hearing.Status.SCHEDULED,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
        )
        .order_by("starts_at")
        .first()
    )
