from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def unread(request: HttpRequest) -> dict[str, Any]:
    """The unread count for the header's 消息 badge, counted only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"inbox_unread": 0}
    from fating.inbox.selectors import unread_count

    return {"inbox_unread": SimpleLazyObject(lambda: unread_count(user))}
