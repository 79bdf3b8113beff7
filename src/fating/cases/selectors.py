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
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from fating.accounts.models import Membership, Role, User
from fating.accounts.selectors import scope_of
from fating.cases.models import (
    Case,
    CauseOfAction,
    Evidence,
    FeeRelief,
    Filing,
    FilingReview,
    Hearing,
    Payment,
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
        raise NotVisible("立案申请不存在。")
    checks = {
        "edit": (can_edit_filing, "只有提交人可以修改该立案申请。"),
        "review": (can_review, "只有管辖法院的立案人员（法官、法官助理）可以审查立案申请。"),
        "forward": (can_forward, "只有收件法院的立案人员可以转交立案申请。"),
        "relief": (can_decide_relief, "只有管辖法院的法官或管理员可以审批缓减免申请。"),
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
        raise NotVisible("证据材料不存在。")
    return evidence


def read_evidence(evidence: Evidence) -> bytes:
    """The file's bytes, after checking them against the SHA-256 taken at upload."""
    with evidence.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != evidence.sha256:
        raise EvidenceTampered(
            f"证据材料「{evidence.title}」的文件与上传时的校验值不符，已拒绝读取。"
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
        raise NotVisible("案件不存在。")
    if action == "manage" and not can_manage_case(user, case):
        raise NotPermitted("只有本院的法官、法官助理可以办理该案件。")
    if action == "pay" and not can_pay(user, case):
        raise NotPermitted("只有原告或立案提交人可以交纳诉讼费。")
    return case


def docket(user: User) -> QuerySet[Case]:
    """A judge's open cases, nearest time limit first."""
    return cases_for(user).filter(status=Case.Status.OPEN, judge=user).order_by("due_on")


def payment_for(user: User, order_id: str) -> Payment:
    payment = Payment.objects.select_related("case").filter(order_id=order_id).first()
    if payment is None or not cases_for(user).filter(pk=payment.case_id).exists():
        raise NotVisible("交费订单不存在。")
    return payment


def hearing_for(user: User, hearing_id: int, *, action: str = "view") -> Hearing:
    hearing = Hearing.objects.select_related("case").filter(pk=hearing_id).first()
    if hearing is None or not cases_for(user).filter(pk=hearing.case_id).exists():
        raise NotVisible("开庭安排不存在。")
    if action == "manage" and not can_manage_case(user, hearing.case):
        raise NotPermitted("只有本院的法官、法官助理可以办理该案件。")
    return hearing


def relief_for(user: User, relief_id: int, *, action: str = "view") -> FeeRelief:
    relief = FeeRelief.objects.select_related("filing").filter(pk=relief_id).first()
    if relief is None:
        raise NotVisible("缓减免申请不存在。")
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


def timeline(case: Case) -> list[AuditEvent]:
    """The case's facts in order: its filing, the case itself, hearings and payments."""
    events = list(events_for(case.filing)) + list(events_for(case))
    for hearing in case.hearings.all():
        events += list(events_for(hearing))
    for payment in case.payments.all():
        events += list(events_for(payment))
    return sorted({e.pk: e for e in events}.values(), key=lambda e: e.seq)
