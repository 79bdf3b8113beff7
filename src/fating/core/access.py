"""The one shape of an access check (NetBox's `restrict(queryset, user, action)`).

Each app's selectors module defines `restrict(queryset, user, action)`: the rows of `queryset`
that `user` may `action` ("view", "change", and app-specific verbs such as "decide"). Pages, API
views, consumers, exports and tasks all ask it, so the page and the API give the same answer.
`obtain` turns it into the house rule for one object: not visible → 404 (no hint it exists);
visible but not allowed → 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model, Q, QuerySet

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


def decide(condition: Q, obj: Model) -> bool | None:
    """Whether `obj` meets `condition`, told from the object's own columns when that is possible:
    True or False, or None when some part of the condition reaches through a relation
    (`parties__user`, a subquery…) and only the database can tell.

    For a page that asks "may this person…" of one loaded row many times: the access rule's own
    condition is evaluated, so there is still one rule. Exact for what it answers: OR and AND of
    `field`, `field__exact` and `field__in` lookups on the row's concrete columns (a foreign key
    compared by id), with SQL's meaning of NULL (it matches nothing, and `field=None` is IS NULL).
    An OR answers True as soon as one branch is True; an AND False as soon as one is False.
    """
    results = [
        decide(child, obj)
        if isinstance(child, Q)
        else _decide_lookup(cast(tuple[Any, ...], child), obj)
        for child in condition.children
    ]
    if condition.connector == Q.OR:
        answer = True if True in results else (None if None in results else False)
        if not results:
            answer = True  # Q() matches every row
    else:
        answer = False if False in results else (None if None in results else True)
    if answer is None or not condition.negated:
        return answer
    return not answer


def _decide_lookup(child: tuple[Any, ...], obj: Model) -> bool | None:
    lookup, value = child
    parts = lookup.split("__")
    op = parts.pop() if len(parts) > 1 and parts[-1] in ("in", "exact") else "exact"
    if len(parts) != 1:
        return None  # through a relation
    try:
        field = obj._meta.pk if parts[0] == "pk" else obj._meta.get_field(parts[0])
    except FieldDoesNotExist:
        return None
    if not isinstance(field, Field) or not field.concrete or field.many_to_many:
        return None  # a reverse relation or a generic one: no column of this row
    current = getattr(obj, field.attname)
    if op == "in":
        if isinstance(value, (QuerySet, str, bytes)) or not isinstance(value, Iterable):
            return None
        wanted = [_plain(v) for v in value]
        if any(v is _UNDECIDED for v in wanted):
            return None
        if current is None:
            return False
        if any(v is not None and type(v) is not type(current) for v in wanted):
            return None  # the database would coerce; let it
        return current in wanted
    plain = _plain(value)
    if plain is _UNDECIDED:
        return None
    if plain is None:
        return current is None
    if current is None:
        return False
    if type(plain) is not type(current):
        return None
    return bool(current == plain)


_UNDECIDED = object()


def _plain(value: Any) -> Any:
    """A lookup's value as the column holds it (a model → its key), or _UNDECIDED for an
    expression, a subquery or anything else only the database can compare."""
    if isinstance(value, Model):
        return value.pk
    if value is None or isinstance(value, (int, str, bool)):
        return value
    return _UNDECIDED
