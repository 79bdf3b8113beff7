"""Reads of service (送达), and who may see and do what (docs/permissions.md).

- Those who manage the matter (documents registry `can_manage`: clerks and judges of a case's
  court; court staff, the mediator and the point's liaison for a dispute) see and run every
  service of it; those who may only view the matter get 403 on writes.
- The recipient sees their own services (their inbox) and nothing else of the queue.
- A liaison or officer assigned an in-person attempt sees that service and records its outcome.
- Everyone else: 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of
from fating.core.access import obtain, unknown_action
from fating.core.exceptions import NotPermitted, NotVisible
from fating.delivery import rules
from fating.delivery.models import Attempt, Receipt, Service, ServiceConsent
from fating.documents.selectors import can_manage_matter, can_view_matter, matter_q

SERVICE_NOT_FOUND = gettext_noop("送达记录不存在。")
NOT_MANAGER = gettext_noop("只有本事项的承办人员可以办理送达。")


@dataclass(frozen=True)
class Recipient:
    key: str
    name: str
    user: Any
    mobile: str
    address: str


#: Matter label -> (matter) -> its recipients, for matters of apps above delivery (registered in
#: their AppConfig.ready, e.g. enforcement's cases), so delivery imports none of them.
_RECIPIENTS: dict[str, Callable[[Any], list[Recipient]]] = {}


def register_recipients(label: str, recipients: Callable[[Any], list[Recipient]]) -> None:
    _RECIPIENTS[label] = recipients


def recipients_of(matter: Any) -> list[Recipient]:
    """The parties of a dispute or case (or of a registered matter), each with a stable key."""
    label = matter._meta.label_lower
    if label in _RECIPIENTS:
        return _RECIPIENTS[label](matter)
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


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    """The services or attempts `user` may `action` (docs/permissions.md, "service").

    Service: "view" (who manages the matter, the recipient, anyone sent to serve it in person),
    "manage" (record attempts, paper copies: who manages the matter).
    Attempt: "view" (its service is visible), "record" (its outcome: its assignee or who
    manages the matter).
    Who manages a matter is its own app's answer (documents registry), asked in the database.
    """
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return queryset.none()
    model = queryset.model
    if model is Service:
        # The candidates: a matter app without a database answer is asked per matter found here.
        services = queryset
        if action == "manage":
            return queryset.filter(matter_q(user, "manage", services))
        if action == "view":
            seen = (
                matter_q(user, "manage", services)
                | Q(recipient_user=user)
                | Q(pk__in=Attempt.objects.filter(assignee=user).values("service_id"))
            )
            return queryset.filter(seen)
    if model is Attempt:
        services = Service.objects.filter(pk__in=queryset.values("service_id"))
        if action == "view":
            return queryset.filter(service__in=restrict(services, user, "view"))
        if action == "record":
            managed = restrict(services, user, "manage")
            return queryset.filter(Q(assignee=user) | Q(service__in=managed))
    raise unknown_action(model, action)


def service_for(user: Any, service_id: Any, *, write: bool = False) -> Service:
    """404 unless the user may see the service; 403 for a write by someone who only sees it
    (the recipient, an in-person server)."""
    qs = Service.objects.select_related("document", "matter_type")
    if str(service_id).isdigit():
        qs = qs.filter(pk=int(service_id))  # matters asked about this one service only
    return obtain(restrict, qs, user, service_id, "manage" if write else "view",
                  missing=_(SERVICE_NOT_FOUND), refused=_(NOT_MANAGER))  # fmt: skip


def attempt_for(user: Any, attempt_id: Any) -> Attempt:
    """An attempt whose outcome the user may record: its assignee or a manager of the matter."""
    qs = Attempt.objects.select_related("service")
    if str(attempt_id).isdigit():
        qs = qs.filter(pk=int(attempt_id))
    return obtain(restrict, qs, user, attempt_id, "record", missing=_("送达尝试不存在。"),
                  refused=_("只有承办该次送达的人员可以记录送达结果。"))  # fmt: skip


def queue_for(user: Any) -> list[Service]:
    """Services still in progress that the user runs (as a manager of the matter) or has been
    assigned to serve in person; oldest first."""
    running = Service.objects.filter(status=Service.Status.IN_PROGRESS)
    assigned = Q(pk__in=Attempt.objects.filter(assignee=user, status=Attempt.Status.QUEUED)
                 .values("service_id")) if getattr(user, "is_authenticated", False) else Q(pk__in=[])  # fmt: skip
    managed = Q(pk__in=restrict(running, user, "manage").values("pk"))
    rows = running.filter(assigned | managed).select_related("document", "matter_type")
    return list(rows.order_by("created_at", "pk")[:500])


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


def acknowledged(service: Service) -> bool:
    """Whether the recipient already replied 收悉 to an electronic attempt of `service`."""
    return Receipt.objects.filter(attempt__service=service, kind=rules.REPLIED).exists()


def may_acknowledge(user: Any, service: Service) -> bool:
    """The 确认收悉 button: the recipient, before replying (services.acknowledge's rule)."""
    return service.recipient_user_id == getattr(user, "pk", None) and not acknowledged(service)


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
    if user is None or not getattr(user, "is_active", False):
        return False
    if can_manage_matter(user, matter):
        return True
    court_id = getattr(matter, "court_id", None)
    # A liaison grant at a point of this court, not a grant of any role anywhere.
    return court_id is not None and scope_of(user).holds_at(Role.LIAISON, court=court_id)


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
