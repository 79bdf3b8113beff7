"""The places a court administrator may grant roles at: their own court's court, tribunals,
active service points and mediation organisations, for the pickers of the user pages and for
reading a chosen place back from a form or the API.

The place models are reached through Membership's foreign keys, not imported: network depends
on accounts (its access rule starts from `scope_of`), so accounts importing network would close
an app loop. The rule is network's "change" rule — the courts where the user holds the
court-administrator grant (`managed_courts`; every court for a superuser)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from fating.accounts.models import Membership, User
from fating.accounts.selectors import managed_courts
from fating.core.exceptions import FieldError

_KINDS = ("court", "tribunal", "service_point", "organisation", "department")
# Each kind's path to its court.
_COURT_PATH = {
    "court": "pk",
    "tribunal": "court_id",
    "service_point": "tribunal__court_id",
    "organisation": "court_id",
    "department": "court_id",
}


def _model(kind: str) -> type[Model]:
    return Membership._meta.get_field(kind).related_model  # type: ignore[return-value]


@dataclass(frozen=True)
class PlaceGroup:
    kind: str
    label: str
    choices: list[tuple[str, str]]  # ("tribunal:5", "甲镇人民法庭")


def _places(user: User, kind: str) -> QuerySet[Any]:
    qs = _model(kind)._default_manager.all()
    courts = managed_courts(user)
    if courts is not None:
        qs = qs.filter(**{f"{_COURT_PATH[kind]}__in": courts})
    if kind in ("service_point", "department"):
        qs = qs.filter(active=True)
    return qs.order_by("pk")


def place_groups(user: User) -> list[PlaceGroup]:
    """The pickers' options, grouped by kind: each value is "kind:id"."""
    labels = {"court": _("法院"), "tribunal": _("人民法庭"), "service_point": _("服务点"),
              "organisation": _("调解组织"), "department": _("联动部门")}  # fmt: skip
    groups = []
    for kind in _KINDS:
        rows = _places(user, kind).values_list("pk", "name")
        groups.append(PlaceGroup(kind, labels[kind], [(f"{kind}:{pk}", name) for pk, name in rows]))
    return groups


def place_for(user: User, value: object, *, field: str = "place") -> Any:
    """The place a form or API names as "kind:id" among those `user` may grant at, or a
    FieldError on `field` (a place in another court reads as one that does not exist)."""
    kind, _sep, raw = str(value or "").partition(":")
    if not value:
        raise FieldError({field: _("请选择授予身份的地点。")})
    if kind not in _KINDS or not raw.isdigit():
        raise FieldError({field: _("地点格式应为“类型:编号”，如 tribunal:3。")})
    place = _places(user, kind).filter(pk=int(raw)).first()
    if place is None:
        raise FieldError({field: _("所选地点不存在或不在您管理的法院内。")})
    return place
