"""The one shape of an access check (NetBox's `restrict(queryset, user, action)`).

Each app's selectors module defines `restrict(queryset, user, action)`: the rows of `queryset`
that `user` may `action` ("view", "change", and app-specific verbs such as "decide"). Pages, API
views, consumers, exports and tasks all ask it, so the page and the API give the same answer.
`obtain` turns it into the house rule for one object: not visible → 404 (no hint it exists);
visible but not allowed → 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from fating.core.exceptions import NotPermitted, NotVisible

M = TypeVar("M", bound=Model)
Restrict = Callable[[QuerySet[Any], Any, str], QuerySet[Any]]


def obtain(
    restrict: Restrict,
    queryset: QuerySet[M],
    user: Any,
    pk: object,
    action: str = "view",
    *,
    missing: str,
    refused: str = "",
) -> M:
    """The object `pk` of `queryset` if `user` may `action` it.

    Raises NotVisible(`missing`) when the user may not even view it, NotPermitted(`refused`)
    when they may view it but not `action` it.
    """
    try:
        pk = int(pk)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise NotVisible(missing) from None
    obj: M | None = restrict(queryset, user, "view").filter(pk=pk).first()
    if obj is None:
        raise NotVisible(missing)
    if action != "view" and not restrict(queryset.filter(pk=pk), user, action).exists():
        raise NotPermitted(refused or missing)
    return obj


def unknown_action(model: type[Model], action: str) -> ValueError:
    """A programming error: an app was asked about an action it does not define."""
    return ValueError(f"restrict: unknown action {action!r} for {model.__name__}")
