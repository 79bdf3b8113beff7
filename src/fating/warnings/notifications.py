"""Who hears about a warning, through the durable outbox (fating.core.notify).

- Detected warnings: the paired officers (对口联络干警) of the service points in the warning's area
  and the court's governance officers.
- Sudden incidents: immediately to the paired officer of the point and to the judges and clerks
  of the tribunal, as well as the governance officers.
"""

from __future__ import annotations

from django.db.models import Q

from fating.accounts.models import Role, User
from fating.accounts.selectors import holders
from fating.core.notify import notify
from fating.network.models import ServicePoint
from fating.warnings.selectors import plain_summary


def recipients(warning: object) -> list[User]:
    users: dict[int, User] = {}
    points = ServicePoint.objects.none()
    area_id = getattr(warning, "area_id", None)
    if area_id:
        points = ServicePoint.objects.filter(
            Q(areas=area_id) | Q(areas__parent=area_id),
            tribunal__court_id=warning.court_id,  # type: ignore[attr-defined]
        )
    if getattr(warning, "service_point_id", None):
        points = points | ServicePoint.objects.filter(pk=warning.service_point_id)  # type: ignore[attr-defined]
    for point in points.select_related("paired_officer").distinct():
        if point.paired_officer is not None:
            users[point.paired_officer.pk] = point.paired_officer
    people = list(holders(Role.GOVERNANCE, court=warning.court_id))  # type: ignore[attr-defined]
    if getattr(warning, "kind", "") == "incident" and warning.tribunal_id:  # type: ignore[attr-defined]
        people += list(holders((Role.JUDGE, Role.CLERK), tribunal=warning.tribunal_id))  # type: ignore[attr-defined]
    for user in people:
        users[user.pk] = user
    return list(users.values())


def announce(warning: object) -> int:
    """Queue one notification per recipient and channel; idempotent per warning and user."""
    sent = 0
    for user in recipients(warning):
        notify(
            dedupe_key=f"warning:{warning.pk}:raised:u{user.pk}",  # type: ignore[attr-defined]
            subject=f"【预警】{warning.title}",  # type: ignore[attr-defined]
            # The plain words, never the test statistic: an SMS reaches governance officers too;
            # the statistics are one tap away on the page, for court staff.
            body=plain_summary(warning),  # type: ignore[arg-type]
            user=user,
            mobile=user.mobile or "",
            email=user.email or "",
            link=f"/warnings/{warning.pk}/",  # type: ignore[attr-defined]
        )
        sent += 1
    return sent
