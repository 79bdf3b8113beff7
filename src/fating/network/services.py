"""Changes to the court network. One transaction and one audit event each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from fating.accounts.models import COURT_ROLES, Membership, User
from fating.accounts.selectors import holders
from fating.core.audit import record_event, snapshot
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.identifiers import IdentifierError, validate_mobile
from fating.network.models import Area, Liaison, ServicePoint
from fating.network.selectors import can_manage_court

# Mainland China's extent, to catch swapped or mistyped coordinates (WGS84).
_LONGITUDE_RANGE = (Decimal("73"), Decimal("136"))
_LATITUDE_RANGE = (Decimal("3"), Decimal("54"))

SERVICE_POINT_FIELDS = (
    "name",
    "kind",
    "address",
    "longitude",
    "latitude",
    "paired_officer",
    "opened_on",
    "active",
)
LIAISON_FIELDS = ("name", "kind", "phone", "area", "service_point", "active")


def _coordinate(value: Any, field: str, bounds: tuple[Decimal, Decimal]) -> Decimal:
    label = _("经度") if field == "longitude" else _("纬度")
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise FieldError({field: _("%(label)s必须是数字。") % {"label": label}}) from None
    if not bounds[0] <= number <= bounds[1]:
        raise FieldError(
            {
                field: _("%(label)s应在 %(low)s 至 %(high)s 之间。")
                % {"label": label, "low": bounds[0], "high": bounds[1]}
            }
        )
    return number.quantize(Decimal("0.000001"))


def _check_paired_officer(officer: User | None, court_id: int) -> None:
    if officer is None:
        return
    is_officer = holders(COURT_ROLES, court=court_id).filter(pk=officer.pk)
    if not is_officer.exists():
        raise FieldError({"paired_officer": _("对口联络干警必须是本院的法官或法官助理。")})


@transaction.atomic
def update_service_point(
    *, actor: User, point: ServicePoint, changes: dict[str, Any]
) -> ServicePoint:
    """Change a service point's details. Only the court administrator may do this."""
    if not can_manage_court(actor, point.tribunal.court_id):
        raise NotPermitted(_("只有本院管理员可以修改服务点。"))
    unknown = set(changes) - set(SERVICE_POINT_FIELDS)
    if unknown:
        raise FieldError({name: _("该字段不可修改。") for name in sorted(unknown)})
    point = ServicePoint.objects.select_for_update().get(pk=point.pk)
    before = snapshot(point, _attnames(SERVICE_POINT_FIELDS))
    for name, value in changes.items():
        if name == "name":
            value = (value or "").strip()
            if not value:
                raise FieldError({"name": _("名称不能为空。")})
        elif name == "kind" and value not in ServicePoint.Kind.values:
            raise FieldError({"kind": _("服务点类型无效。")})
        elif name == "longitude":
            value = _coordinate(value, name, _LONGITUDE_RANGE)
        elif name == "latitude":
            value = _coordinate(value, name, _LATITUDE_RANGE)
        elif name == "paired_officer":
            _check_paired_officer(value, point.tribunal.court_id)
        elif name == "opened_on" and not isinstance(value, date):
            raise FieldError({"opened_on": _("启用日期格式无效。")})
        setattr(point, name, value)
    point.full_clean()
    point.save()
    after = snapshot(point, _attnames(SERVICE_POINT_FIELDS))
    record_event(
        actor=actor,
        action="network.service_point.update",
        target=point,
        before=_changed(before, after),
        after=_changed(after, before),
    )
    return point


@transaction.atomic
def register_liaison(
    *,
    actor: User,
    service_point: ServicePoint,
    name: str,
    kind: str,
    phone: str = "",
    area: Area | None = None,
    user: User | None = None,
) -> Liaison:
    """Add a liaison officer to a service point (court administrator only)."""
    if not can_manage_court(actor, service_point.tribunal.court_id):
        raise NotPermitted(_("只有本院管理员可以登记联络员。"))
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("姓名不能为空。")
    if kind not in Liaison.Kind.values:
        errors["kind"] = _("联络员类型无效。")
    try:
        phone = validate_mobile(phone) if phone else ""
    except IdentifierError as exc:
        errors["phone"] = str(exc)
    if errors:
        raise FieldError(errors)
    liaison = Liaison.objects.create(
        service_point=service_point, name=name, kind=kind, phone=phone, area=area, user=user
    )
    if user is not None:
        Membership.objects.get_or_create(user=user, role="liaison", service_point=service_point)
    record_event(
        actor=actor,
        action="network.liaison.register",
        target=liaison,
        # "user": whose memberships this changed (the live chat re-checks that user).
        after={**snapshot(liaison, _attnames(LIAISON_FIELDS)), "user": liaison.user_id},
    )
    return liaison


@transaction.atomic
def update_liaison(*, actor: User, liaison: Liaison, changes: dict[str, Any]) -> Liaison:
    """Change a liaison's details, move them to another point, or take them off duty."""
    if not can_manage_court(actor, liaison.service_point.tribunal.court_id):
        raise NotPermitted(_("只有本院管理员可以修改联络员。"))
    unknown = set(changes) - set(LIAISON_FIELDS)
    if unknown:
        raise FieldError({name: _("该字段不可修改。") for name in sorted(unknown)})
    liaison = Liaison.objects.select_for_update().get(pk=liaison.pk)
    before = snapshot(liaison, _attnames(LIAISON_FIELDS))
    for name, value in changes.items():
        if name == "name":
            value = (value or "").strip()
            if not value:
                raise FieldError({"name": _("姓名不能为空。")})
        elif name == "kind" and value not in Liaison.Kind.values:
            raise FieldError({"kind": _("联络员类型无效。")})
        elif name == "phone" and value:
            try:
                value = validate_mobile(value)
            except IdentifierError as exc:
                raise FieldError({"phone": str(exc)}) from None
        elif name == "service_point" and not can_manage_court(actor, value.tribunal.court_id):
            raise FieldError({"service_point": _("只能调往本院的服务点。")})
        setattr(liaison, name, value)
    liaison.save()
    if liaison.user_id:
        # The liaison's powers follow their post: one active membership, at the current point.
        Membership.objects.filter(user_id=liaison.user_id, role="liaison").exclude(
            service_point=liaison.service_point
        ).update(active=False)
        if liaison.active:
            Membership.objects.update_or_create(
                user_id=liaison.user_id,
                role="liaison",
                service_point=liaison.service_point,
                defaults={"active": True},
            )
        else:
            Membership.objects.filter(user_id=liaison.user_id, role="liaison").update(active=False)
    after = snapshot(liaison, _attnames(LIAISON_FIELDS))
    record_event(
        actor=actor,
        action="network.liaison.update",
        target=liaison,
        before=_changed(before, after),
        # "user": whose memberships this changed (the live chat re-checks that user).
        after={**_changed(after, before), "user": liaison.user_id},
    )
    return liaison


def _attnames(fields: tuple[str, ...]) -> list[str]:
    fk = {"paired_officer", "area", "service_point"}
    return [f"{name}_id" if name in fk else name for name in fields]


def _changed(mine: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mine.items() if other.get(k) != v}
