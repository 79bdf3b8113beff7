"""Reads of service (送达), and who may see and do what (docs/permissions.md).

- Those who manage the matter (documents registry `can_manage`: clerks and judges of a case's
  court; court staff, the mediator and the point's liaison for a dispute) see and run every
  service of it; those who may only view the matter get 403 on writes.
- The recipient sees their own services (their inbox) and nothing else of the queue.
- A liaison or officer assigned an in-person attempt sees that service and records its outcome.
- Everyone else: 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.core.exceptions import NotPermitted, NotVisible
from fating.delivery.models import Attempt, Service, ServiceConsent
from fating.documents.selectors import can_manage_matter, can_view_matter

SERVICE_NOT_FOUND = gettext_noop("送达记录不存在。")
NOT_MANAGER = gettext_noop("只有本事项的承办人员可以办理送达。")


@dataclass(frozen=True)
class Recipient:
    key: str
    name: str
    user: Any
    mobile: str
    address: str


def recipients_of(matter: Any) -> list[Recipient]:
    """The parties of a dispute or case, each addressed by a stable key."""
    label = matter._meta.label_lower
    if label == "disputes.dispute":
        parties = matter.parties.select_related("user").order_by("pk")
        prefix = "disputes.disputeparty"
    elif label == "cases.case":
        parties = matter.filing.parties.select_related("user").order_by("pk")
        prefix = "cases.filingparty"
    else:
        return []
    return [Recipient(f"{prefix}:{p.pk}", p.name, p.user, p.mobile or "", p.address or "")
            for p in parties]  # fmt: skip


def recipient_of(matter: Any, key: str) -> Recipient | None:
    return next((r for r in recipients_of(matter) if r.key == key), None)


def matter_key(matter: Any) -> tuple[ContentType, int]:
    return ContentType.objects.get_for_model(type(matter)), int(matter.pk)


def consents_of(matter: Any, party_key: str | None = None) -> QuerySet[ServiceConsent]:
    ctype, pk = matter_key(matter)
    qs = ServiceConsent.objects.filter(matter_type=ctype, matter_id=pk, withdrawn_at__isnull=True)
    return qs.filter(party_key=party_key) if party_key else qs


def active_consent(matter: Any, party_key: str, channel: str) -> ServiceConsent | None:
    return consents_of(matter, party_key).filter(channel=channel).order_by("-pk").first()


def check_manage(user: Any, matter: Any) -> None:
    if not can_view_matter(user, matter):
        raise NotVisible(_("事项不存在。"))
    if not can_manage_matter(user, matter):
        raise NotPermitted(_(NOT_MANAGER))


def service_for(user: Any, service_id: Any, *, write: bool = False) -> Service:
    if not str(service_id).isdigit() or not getattr(user, "is_authenticated", False):
        raise NotVisible(_(SERVICE_NOT_FOUND))
    service = (
        Service.objects.select_related("document", "matter_type").filter(pk=int(service_id)).first()
    )
    if service is None:
        raise NotVisible(_(SERVICE_NOT_FOUND))
    manager = can_manage_matter(user, service.matter)
    if write:
        if manager:
            return service
        if service.recipient_user_id == user.pk or _assigned(user, service):
            raise NotPermitted(_(NOT_MANAGER))
        raise NotVisible(_(SERVICE_NOT_FOUND))
    if manager or service.recipient_user_id == user.pk or _assigned(user, service):
        return service
    raise NotVisible(_(SERVICE_NOT_FOUND))


def _assigned(user: Any, service: Service) -> bool:
    return service.attempts.filter(assignee=user).exists()


def attempt_for(user: Any, attempt_id: Any) -> Attempt:
    """An attempt whose outcome the user may record: its assignee or a manager of the matter."""
    if not str(attempt_id).isdigit():
        raise NotVisible(_("送达尝试不存在。"))
    attempt = Attempt.objects.select_related("service").filter(pk=int(attempt_id)).first()
    if attempt is None:
        raise NotVisible(_("送达尝试不存在。"))
    service = attempt.service
    if attempt.assignee_id == user.pk or can_manage_matter(user, service.matter):
        return attempt
    if service.recipient_user_id == user.pk or _assigned(user, service):
        raise NotPermitted(_("只有承办该次送达的人员可以记录送达结果。"))
    raise NotVisible(_("送达尝试不存在。"))


def queue_for(user: Any) -> list[Service]:
    """Services still in progress that the user runs (as a manager of the matter) or has been
    assigned to serve in person; oldest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    assigned = Q(attempts__assignee=user, attempts__status=Attempt.Status.QUEUED)
    candidates = (
        Service.objects.filter(status=Service.Status.IN_PROGRESS)
        .select_related("document", "matter_type")
        .order_by("created_at", "pk")
    )
    out = []
    for service in candidates.filter(assigned).distinct()[:200]:
        out.append(service)
    seen = {s.pk for s in out}
    for service in candidates[:500]:
        if service.pk not in seen and can_manage_matter(user, service.matter):
            out.append(service)
    return out


def inbox_for(user: Any) -> QuerySet[Service]:
    """The documents served on the user: exactly one row per document (a paper copy asked for
    is shown with the service it copies, not as a second row)."""
    if not getattr(user, "is_authenticated", False):
        return Service.objects.none()
    return (
        Service.objects.filter(recipient_user=user, paper_copy_of__isnull=True)
        .select_related("document")
        .order_by("-pk")
    )


def paper_copy_of(service: Service) -> Service | None:
    """The paper service opened on the recipient's request for this service, if any."""
    return Service.objects.filter(paper_copy_of=service).first()


def services_of(user: Any, matter: Any) -> QuerySet[Service]:
    check_manage(user, matter)
    ctype, pk = matter_key(matter)
    return Service.objects.filter(matter_type=ctype, matter_id=pk).order_by("pk")


def may_serve_in_person(user: Any, matter: Any) -> bool:
    """Who may be sent to serve in person: someone who manages the matter, or an active liaison
    of a service point of the matter's court (a liaison serves in their own villages)."""
    from fating.network.models import Liaison

    if user is None or not getattr(user, "is_active", False):
        return False
    if can_manage_matter(user, matter):
        return True
    court_id = getattr(matter, "court_id", None)
    return Liaison.objects.filter(
        user=user, active=True, service_point__tribunal__court_id=court_id
    ).exists()


def assignee_choices(user: Any, service: Service) -> list[Any]:
    """Who the page offers to send in person: the user themself, whoever was sent before for
    this service and, for a dispute, the active liaisons of its service point (a liaison serves
    in their own villages). The service accepts only those `may_serve_in_person` allows."""
    from fating.accounts.models import User

    ids = [
        user.pk,
        *service.attempts.filter(assignee__isnull=False).values_list("assignee", flat=True),
    ]
    point_id = getattr(service.matter, "service_point_id", None)
    if point_id:
        from fating.network.models import Liaison

        ids += Liaison.objects.filter(service_point_id=point_id, active=True,
                                      user__isnull=False).values_list("user", flat=True)  # fmt: skip
    order = {pk: i for i, pk in enumerate(dict.fromkeys(ids))}
    return sorted(User.objects.filter(pk__in=order, is_active=True), key=lambda u: order[u.pk])
