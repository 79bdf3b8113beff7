"""Reads of the cases app, and who may see and change what (docs/permissions.md).

Visibility:
- The filer of a filing (party, agent or the liaison who filed for a party) sees it, drafts
  included; a liaison also sees the filings they assisted. A party named in a filing with a
  platform account sees it once accepted, and its case.
- Clerks and court administrators see the submitted filings of their court, as competent court
  or as receiving court (跨域立案: both courts see the status), and the competent court's cases.
- Judges see the filings and cases of their tribunal, and every case assigned to them.
- Everyone else: 404.

Every rule lives in `restrict(queryset, user, action)` below; pages, the API, services and other
apps ask it (directly or through the `x_for` getters and thin `can_x` wrappers).

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

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.accounts.models import Role, User
from fating.accounts.selectors import Scope, scope_of
from fating.cases import legal
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
    Refund,
    SpeedyTrialTeam,
    TimeLimitExtension,
    WageFigure,
)
from fating.cases.rules.causes import REVISIONS
from fating.core.access import obtain, unknown_action
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import DomainError, NotVisible
from fating.core.models import AuditEvent
from fating.network.models import Court

FILING_ROLES = frozenset({Role.PARTY, Role.AGENT, Role.LIAISON})


class EvidenceTampered(DomainError):
    """A stored file no longer matches the SHA-256 taken at upload: it is never served."""

    status_code = 409
    code = "integrity_error"


# --------------------------------------------------------------------------------------------
# Who may do what: one `restrict(queryset, user, action)` for every model of the app.
#
# Each place is asked with the roles that grant access there (accounts.selectors.Scope): a
# clerk at court B who is a liaison at court A is a clerk only at B, so court A's filings and
# cases are no more open to them than to any liaison of A.

REVIEWERS = frozenset({Role.CLERK, Role.JUDGE})
RELIEF_DECIDERS = frozenset({Role.JUDGE, Role.COURT_ADMIN})
# Clerks and the court administrator see the whole court's filings and cases; judges their
# tribunal's and the cases assigned to them.
COURT_READERS = frozenset({Role.CLERK, Role.COURT_ADMIN})
IDENTIFIER_READERS = REVIEWERS | {Role.COURT_ADMIN}
# Refunds go through the court's finance; on the platform the court administrator or a clerk of
# the case's court records that the money left.
FINANCE_ROLES = frozenset({Role.COURT_ADMIN, Role.CLERK})
RATE_VIEWERS = frozenset({Role.COURT_ADMIN, Role.JUDGE, Role.CLERK})


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    """The rows of `queryset` that `user` may `action` (docs/permissions.md, "Filings and cases").

    Filing: "view", "edit" (the filer), "review" (clerks and judges of the competent court),
    "forward" (of the receiving court), "relief" (judges and administrators of the competent
    court), "identifiers" (full ID numbers: the staff of either court).
    Case: "view", "manage" (clerks and judges of the court), "pay" (filer or a plaintiff),
    "pay_counterclaim" (a defendant), "request_extension" (the judge in charge),
    "decide_extension" (the court administrator), "pay_out" (administrator or clerk).
    Rows hanging off a case or a filing (hearings, payments, counterclaims, fee reliefs,
    extensions, excluded periods, refunds, evidence) take the action of their case or filing.
    Entrustment: "view", "respond" (the invitee), "mediate" (invitee or court), "manage".
    Court: "rates" (审限 rates: its staff), "triage" (its administrators).
    SpeedyTrialTeam: "view"/"change" (administrators of its court). WageFigure: "view"/"load"
    (any court administrator; the province is checked by the service).
    """
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return queryset.none()
    scope = scope_of(user)
    model = queryset.model
    if model is Filing:
        return _restrict_filings(queryset, user, scope, action)
    if model is Case:
        return _restrict_cases(queryset, user, scope, action)
    if model is Entrustment:
        return _restrict_entrustments(queryset, user, scope, action)
    if model in _VIA_CASE:
        return queryset.filter(case__in=_restrict_cases(Case.objects.all(), user, scope,
                                                         _VIA_CASE[model](action)))  # fmt: skip
    if model in _VIA_FILING:
        return queryset.filter(filing__in=_restrict_filings(Filing.objects.all(), user, scope,
                                                             _VIA_FILING[model](action)))  # fmt: skip
    if model is Court:
        roles = {"rates": RATE_VIEWERS, "triage": {Role.COURT_ADMIN}}.get(action)
        if roles is None:
            raise unknown_action(model, action)
        return queryset if scope.superuser else queryset.filter(pk__in=scope.courts(roles))
    if model is SpeedyTrialTeam:
        if action not in ("view", "change"):
            raise unknown_action(model, action)
        if scope.superuser:
            return queryset
        return queryset.filter(court_id__in=scope.courts(Role.COURT_ADMIN))
    if model is WageFigure:
        if action not in ("view", "load"):
            raise unknown_action(model, action)
        return queryset if scope.superuser or scope.courts(Role.COURT_ADMIN) else queryset.none()
    raise unknown_action(model, action)


def _restrict_filings(
    qs: QuerySet[Filing], user: Any, scope: Scope, action: str
) -> QuerySet[Filing]:
    if action == "view":
        if scope.superuser:
            return qs
        mine = Q(filer=user) | Q(assisted_by=user)
        named = Q(status=Filing.Status.ACCEPTED, parties__user=user)
        courts = scope.courts(COURT_READERS)
        staff = Q(court_id__in=courts) | Q(received_by_id__in=courts)
        staff |= Q(tribunal_id__in=scope.tribunals(Role.JUDGE)) | Q(case__judge=user)
        staff &= ~Q(status=Filing.Status.DRAFT)  # a draft is its filer's alone
        return qs.filter(pk__in=Filing.objects.filter(mine | named | staff).values("pk"))
    if action == "edit":  # the filer only, whoever else may see it
        return qs.filter(filer=user)
    roles = {
        "review": REVIEWERS,
        "forward": REVIEWERS,
        "relief": RELIEF_DECIDERS,
        "identifiers": IDENTIFIER_READERS,
    }.get(action)
    if roles is None:
        raise unknown_action(Filing, action)
    if scope.superuser:
        return qs
    courts = scope.courts(roles)
    if action == "forward":
        return qs.filter(received_by_id__in=courts)
    if action == "identifiers":
        return qs.filter(Q(court_id__in=courts) | Q(received_by_id__in=courts))
    return qs.filter(court_id__in=courts)


def _restrict_cases(qs: QuerySet[Case], user: Any, scope: Scope, action: str) -> QuerySet[Case]:
    if action == "view":
        if scope.superuser:
            return qs
        q = Q(filing__filer=user) | Q(filing__assisted_by=user) | Q(filing__parties__user=user)
        q |= Q(court_id__in=scope.courts(COURT_READERS))
        q |= Q(tribunal_id__in=scope.tribunals(Role.JUDGE)) | Q(judge=user)
        return qs.filter(pk__in=Case.objects.filter(q).values("pk"))
    if action == "pay":  # 诉讼费用交纳办法 第20条: the filer or a plaintiff prepays
        payers = Case.objects.filter(
            Q(filing__filer=user) | Q(filing__parties__user=user, filing__parties__role="plaintiff")
        )
        return qs.filter(pk__in=payers.values("pk"))  # fmt: skip
    if action == "pay_counterclaim":
        # The counterclaimant prepays (办法 第20、22条): on the platform a defendant party whose
        # account is `user`, or their agent under a confirmed 特别授权 — a counterclaim is one of
        # the acts 民事诉讼法 第62条第2款 reserves to it (the representation is people's
        # Representation, reached through its relation to the party; cases does not import it).
        own = Q(filing__parties__user=user, filing__parties__role="defendant")
        agent = Case.objects.filter(
            filing__parties__role="defendant",
            filing__parties__representations__agent=user,
            filing__parties__representations__status="confirmed",
            filing__parties__representations__scope="special",
        )
        payers = Case.objects.filter(own | Q(pk__in=agent.values("pk")))
        return qs.filter(pk__in=payers.values("pk"))
    if action == "request_extension":  # the judge in charge (2019 延长审限规定 第1条)
        return qs if scope.superuser else qs.filter(judge=user)
    roles = {
        "manage": REVIEWERS,
        # The president decides; the court administrator records it (also the higher court's).
        "decide_extension": {Role.COURT_ADMIN},
        "pay_out": FINANCE_ROLES,
    }.get(action)
    if roles is None:
        raise unknown_action(Case, action)
    return qs if scope.superuser else qs.filter(court_id__in=scope.courts(roles))


def _invitee_q(user: Any, scope: Scope) -> Q:
    """The entrustment's invited mediator, or a mediator of the invited organisation."""
    return Q(mediator__user=user) | Q(organisation_id__in=scope.organisations(Role.MEDIATOR))


def _restrict_entrustments(
    qs: QuerySet[Entrustment], user: Any, scope: Scope, action: str
) -> QuerySet[Entrustment]:
    """Who sees the case sees its entrustments; the invitee sees those addressed to them (not
    the case file)."""
    if scope.superuser:
        return qs if action != "respond" else qs.filter(_invitee_q(user, scope))
    court = Q(case__in=_restrict_cases(Case.objects.all(), user, scope,
                                       "view" if action == "view" else "manage"))  # fmt: skip
    invitee = _invitee_q(user, scope)
    condition = {
        "view": court | invitee,
        "respond": invitee,
        "mediate": court | invitee,
        "manage": court,
    }.get(action)
    if condition is None:
        raise unknown_action(Entrustment, action)
    return qs.filter(pk__in=Entrustment.objects.filter(condition).values("pk"))


def _same(action: str) -> str:
    return action


# Rows that take their case's (or filing's) permission, with the action it maps to.
_VIA_CASE = {
    Hearing: _same,  # "view", "manage"
    Payment: _same,
    Counterclaim: lambda a: "pay_counterclaim" if a == "pay" else a,
    TimeLimitExtension: lambda a: "decide_extension" if a == "decide" else a,
    ExcludedPeriod: _same,
    Refund: _same,  # "view", "pay_out"
}
_VIA_FILING = {
    FeeRelief: lambda a: "relief" if a == "decide" else a,
    Evidence: _same,
}


def _allowed(user: Any, obj: Any, action: str) -> bool:
    """One object's answer, from restrict (for services and "may I show this button")."""
    if obj is None:
        return False
    return restrict(type(obj).objects.filter(pk=obj.pk), user, action).exists()


def court_staff(user: User, court_id: int, roles: frozenset[str] | set[str]) -> bool:
    """True when `user` holds one of `roles` at court `court_id` (at the court or a place in
    it). Other apps ask this of a case's court."""
    if not getattr(user, "is_authenticated", False):
        return False
    scope = scope_of(user)
    return scope.superuser or scope.holds_at(roles, court=court_id)


def can_review(user: User, filing: Filing) -> bool:
    return _allowed(user, filing, "review")


def can_forward(user: User, filing: Filing) -> bool:
    return _allowed(user, filing, "forward")


def can_decide_relief(user: User, filing: Filing) -> bool:
    return _allowed(user, filing, "relief")


def can_manage_case(user: User, case: Case) -> bool:
    return _allowed(user, case, "manage")


def can_edit_filing(user: User, filing: Filing) -> bool:
    return _allowed(user, filing, "edit")


def can_pay(user: User, case: Case) -> bool:
    return _allowed(user, case, "pay")


def can_pay_counterclaim(user: User, case: Case) -> bool:
    return _allowed(user, case, "pay_counterclaim")


def can_see_identifiers(user: User, filing: Filing) -> bool:
    """Full ID numbers and mobiles are for the court that handles the filing; everyone else
    (filer included, who typed them once) sees them masked."""
    return _allowed(user, filing, "identifiers")


def filings_with_identifiers(user: User, filing_ids: list[int]) -> frozenset[int]:
    """`can_see_identifiers` for a page of filings in one query."""
    rows = restrict(Filing.objects.filter(pk__in=filing_ids), user, "identifiers")
    return frozenset(rows.values_list("pk", flat=True))


def can_request_extension(user: User, case: Case) -> bool:
    return _allowed(user, case, "request_extension")


def can_decide_extension(user: User, case: Case) -> bool:
    return _allowed(user, case, "decide_extension")


def paid_total(case: Case) -> Decimal:
    """What was paid on the case's own acceptance fee; counterclaim fees are not part of it."""
    total = case.payments.filter(status=Payment.Status.PAID, counterclaim__isnull=True).aggregate(
        s=Sum("amount")
    )["s"]
    return total or Decimal("0.00")


def counterclaim_paid_total(counterclaim: Counterclaim) -> Decimal:
    total = counterclaim.payments.filter(status=Payment.Status.PAID).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0.00")


def can_pay_out(user: User, case: Case) -> bool:
    return _allowed(user, case, "pay_out")


def is_invitee(user: User, entrustment: Entrustment) -> bool:
    return _allowed(user, entrustment, "respond")


# --------------------------------------------------------------------------------------------
# Filings


def filings_for(user: User) -> QuerySet[Filing]:
    qs = Filing.objects.select_related("court", "received_by", "tribunal", "cause", "filer")
    return restrict(qs, user, "view")


FILING_REFUSALS = {
    "edit": gettext_noop("只有提交人可以修改该立案申请。"),
    "review": gettext_noop("只有管辖法院的立案人员（法官、法官助理）可以审查立案申请。"),
    "forward": gettext_noop("只有收件法院的立案人员可以转交立案申请。"),
    "relief": gettext_noop("只有管辖法院的法官或管理员可以审批缓减免申请。"),
}
CASE_REFUSALS = {
    "manage": gettext_noop("只有本院的法官、法官助理可以办理该案件。"),
    "pay": gettext_noop("只有原告或立案提交人可以交纳诉讼费。"),
    "request_extension": gettext_noop("只有承办法官可以申请延长审限。"),
}


def filing_for(user: User, filing_id: int, *, action: str = "view") -> Filing:
    """The filing if `user` may see it (else NotVisible); for `action` other than "view" also
    the write permission (else NotPermitted): "edit", "review", "forward", "relief"."""
    return obtain(restrict, filings_for(user), user, filing_id, action,
                  missing=_("立案申请不存在。"), refused=_(FILING_REFUSALS.get(action, "")))  # fmt: skip


def review_queue(user: User) -> QuerySet[Filing]:
    """Filings awaiting a decision that `user` may review (competent court) or forward
    (receiving court), oldest first. Someone who reviews nowhere gets an empty queue, on the
    page and in the API alike."""
    waiting = [Filing.Status.SUBMITTED, Filing.Status.RESUBMITTED]
    actionable = restrict(Filing.objects.all(), user, "review") | restrict(
        Filing.objects.all(), user, "forward"
    )
    return (
        filings_for(user)
        .filter(status__in=waiting, pk__in=actionable.values("pk"))
        .order_by("submitted_at")
    )


def may_review(user: User) -> bool:
    """Whether the review queue is `user`'s work: a clerk or judge of some court. The court
    administrator, who reviews nowhere, is not shown the door."""
    scope = scope_of(user)
    return scope.superuser or bool(scope.courts(REVIEWERS))


def has_docket(user: User) -> bool:
    """Whether `user` has a docket: it lists the cases assigned to a judge."""
    scope = scope_of(user)
    return scope.superuser or scope.holds(Role.JUDGE)


def review_courts(user: User) -> QuerySet[Court]:
    """Courts whose 立案 in-time rate the review queue shows: where the user reviews."""
    scope = scope_of(user)
    if scope.superuser:
        return Court.objects.all()
    return Court.objects.filter(pk__in=scope.courts(REVIEWERS))


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
    qs = Case.objects.select_related("court", "tribunal", "judge", "filing__cause")
    return restrict(qs, user, "view")


def case_for(user: User, case_id: int, *, action: str = "view") -> Case:
    return obtain(restrict, cases_for(user), user, case_id, action,
                  missing=_("案件不存在。"), refused=_(CASE_REFUSALS.get(action, "")))  # fmt: skip


# What a list of cases reads for each row: the fee notice (adjustments, counterclaims, refunds)
# and the 审限 (extensions, excluded periods, procedure changes), fetched once for the page.
CASE_ROW_PREFETCH = ("fee_adjustments", "counterclaims", "refunds")
TIME_LIMIT_PREFETCH = ("extensions", "excluded_periods", "procedure_changes")


def docket(user: User) -> QuerySet[Case]:
    """A judge's open cases, nearest time limit first (empty for everyone else)."""
    return (
        cases_for(user)
        .filter(status=Case.Status.OPEN, judge=user)
        .order_by("due_on")
        .prefetch_related(*CASE_ROW_PREFETCH, *TIME_LIMIT_PREFETCH)
    )


def counterclaim_for(user: User, counterclaim_id: int, *, action: str = "view") -> Counterclaim:
    return obtain(restrict, Counterclaim.objects.select_related("case"), user, counterclaim_id,
                  action, missing=_("反诉不存在。"),
                  refused=_("只有本案被告一方可以交纳反诉受理费。"))  # fmt: skip


def payment_for(user: User, order_id: str) -> Payment:
    payment = (
        restrict(Payment.objects.select_related("case"), user).filter(order_id=order_id).first()
    )
    if payment is None:
        raise NotVisible(_("交费订单不存在。"))
    return payment


def hearing_for(user: User, hearing_id: int, *, action: str = "view") -> Hearing:
    return obtain(restrict, Hearing.objects.select_related("case"), user, hearing_id, action,
                  missing=_("开庭安排不存在。"), refused=_(CASE_REFUSALS["manage"]))  # fmt: skip


def relief_for(user: User, relief_id: int, *, action: str = "view") -> FeeRelief:
    return obtain(restrict, FeeRelief.objects.select_related("filing"), user, relief_id, action,
                  missing=_("缓减免申请不存在。"), refused=_(FILING_REFUSALS["relief"]))  # fmt: skip


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
    started = [r for r in REVISIONS if r.valid_from <= day]
    return max(started, key=lambda r: r.valid_from).name if started else REVISIONS[0].name


def cause_by_code(revision: str, code: str) -> CauseOfAction | None:
    """One entry of one revision; a code alone is ambiguous across revisions."""
    return CauseOfAction.objects.filter(revision=revision, code=code).first()


def timeline(case: Case) -> list[AuditEvent]:
    """The case's facts in order: its filing, the case itself, hearings and payments (one query,
    with each event's actor)."""
    targets = [case.filing, case, *case.hearings.all(), *case.payments.all()]
    condition = Q(pk__in=[])
    for target in targets:
        condition |= Q(object_type=target._meta.label_lower, object_id=str(target.pk))
    return list(AuditEvent.objects.filter(condition).select_related("actor").order_by("seq"))


# --------------------------------------------------------------------------------------------
# 审限: extensions, excluded periods, closure rates


def extension_for(user: User, extension_id: int, *, action: str = "view") -> TimeLimitExtension:
    return obtain(restrict, TimeLimitExtension.objects.select_related("case"), user, extension_id,
                  action, missing=_("延长审限申请不存在。"),
                  refused=_("只有本院院长（由法院管理员登记）可以审批延长审限。"))  # fmt: skip


def excluded_period_for(user: User, period_id: int, *, action: str = "view") -> ExcludedPeriod:
    return obtain(restrict, ExcludedPeriod.objects.select_related("case"), user, period_id, action,
                  missing=_("审限扣除期间不存在。"), refused=_(CASE_REFUSALS["manage"]))  # fmt: skip


def rate_courts(user: User) -> list[int]:
    """Courts whose in-time closure rate `user` may read: court staff of that court."""
    return sorted(restrict(Court.objects.all(), user, "rates").values_list("pk", flat=True))


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


def entrustments_for(user: User) -> QuerySet[Entrustment]:
    """Who sees the case sees its entrustments; the invited organisation or mediator sees those
    addressed to them (not the whole case file)."""
    qs = Entrustment.objects.select_related("case", "organisation", "mediator")
    return restrict(qs, user, "view")


ENTRUSTMENT_REFUSALS = {
    "respond": gettext_noop("只有受托的特邀调解组织或调解员可以接受或拒绝委托。"),
    "mediate": gettext_noop("只有受托调解员或本院法官、法官助理可以办理该委托调解。"),
    "manage": CASE_REFUSALS["manage"],
}


def entrustment_for(user: User, entrustment_id: int, *, action: str = "view") -> Entrustment:
    """`action`: "respond" (the invitee), "mediate" (invitee or the court), "manage" (court)."""
    return obtain(restrict, entrustments_for(user), user, entrustment_id, action,
                  missing=_("委托调解不存在。"),
                  refused=_(ENTRUSTMENT_REFUSALS.get(action, "")))  # fmt: skip


# --------------------------------------------------------------------------------------------
# 审限 reads: the docket with days remaining, in-time closure rates


def time_limit_status(case: Case, *, as_of: date, calendar: Any = None) -> Any:
    """The case's 审限 as it stands on `as_of` (cases.legal → rules.time_limits)."""
    return legal.case_time_limit(case, as_of=as_of, calendar=calendar)


def docket_rows(user: User, *, as_of: date) -> list[tuple[Case, Any]]:
    """The judge's open cases with their 审限 status, the most urgent first."""
    calendar = court_calendar()
    rows = [
        (case, time_limit_status(case, as_of=as_of, calendar=calendar)) for case in docket(user)
    ]
    return sorted(rows, key=lambda row: (row[1].days_remaining, row[0].pk))


def closure_rates(user: User, *, since: date | None, until: date | None) -> list[dict[str, Any]]:
    """审限内结案率 per court `user` works at, and per judge of that court."""
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
