"""Changes to the court network. One transaction and one audit event each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils.translation import gettext as _

from fating.accounts.models import COURT_ROLES, Membership, User
from fating.accounts.selectors import holders
from fating.core.audit import record_event, snapshot
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.identifiers import IdentifierError, validate_mobile
from fating.network import rules
from fating.network.models import (
    Area,
    AreaPopulation,
    Court,
    Department,
    Liaison,
    LiaisonTraining,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)
from fating.network.selectors import can_manage_court

# Mainland China's extent, to catch swapped or mistyped coordinates (WGS84).
LONGITUDE_RANGE = (Decimal("73"), Decimal("136"))
LATITUDE_RANGE = (Decimal("3"), Decimal("54"))

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
LIAISON_FIELDS = (
    "name",
    "kind",
    "phone",
    "area",
    "service_point",
    "active",
    "appointed_on",
    "paired_officer",
)


def check_coordinate(value: Any, field: str, bounds: tuple[Decimal, Decimal]) -> Decimal:
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
            value = check_coordinate(value, name, LONGITUDE_RANGE)
        elif name == "latitude":
            value = check_coordinate(value, name, LATITUDE_RANGE)
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
    appointed_on: date | None = None,
    paired_officer: User | None = None,
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
    if not service_point.active:
        errors["service_point"] = _("服务点已停用，不能登记联络员。")
    try:
        _check_paired_officer(paired_officer, service_point.tribunal.court_id)
    except FieldError as exc:
        errors.update({k: v[0] for k, v in exc.fields.items()})
    if errors:
        raise FieldError(errors)
    liaison = Liaison.objects.create(
        service_point=service_point, name=name, kind=kind, phone=phone, area=area, user=user,
        appointed_on=appointed_on, paired_officer=paired_officer,
    )  # fmt: skip
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
        elif name == "paired_officer":
            _check_paired_officer(value, liaison.service_point.tribunal.court_id)
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
    fk = {"paired_officer", "area", "service_point", "tribunal", "court", "organisation", "parent"}
    return [f"{name}_id" if name in fk else name for name in fields]


def _changed(mine: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mine.items() if other.get(k) != v}


# --- keeping the network: create, edit and close (court administrator of that court) -------


def _clean(model: type, data: dict[str, Any], *, court_id: int | None) -> dict[str, Any]:
    """Validate `data` (field → value) for `model`; every bad field is named in Chinese."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    choices = {f.name: f for f in model._meta.get_fields() if getattr(f, "choices", None)}  # type: ignore[attr-defined]
    for name, value in data.items():
        try:
            field = model._meta.get_field(name)  # type: ignore[attr-defined]
        except FieldDoesNotExist:
            errors[name] = _("该字段不可修改。")
            continue
        label = str(field.verbose_name)
        internal = field.get_internal_type()
        if internal == "CharField":
            value = ("" if value is None else str(value)).strip()
            if not value and not field.blank:
                errors[name] = _("%(label)s不能为空。") % {"label": label}
                continue
            if len(value) > field.max_length:
                errors[name] = _("%(label)s不能超过 %(n)s 个字。") % {
                    "label": label,
                    "n": field.max_length,
                }
                continue
            if name in choices and value not in dict(field.choices):
                errors[name] = _("%(label)s无效，可选：%(options)s。") % {
                    "label": label,
                    "options": "、".join(str(v) for _k, v in field.choices),
                }
                continue
            if name == "phone" and value and field.max_length == 11:
                try:
                    value = validate_mobile(value)
                except IdentifierError as exc:
                    errors[name] = str(exc)
                    continue
        elif internal == "BooleanField":
            if not isinstance(value, bool):
                errors[name] = _("%(label)s应为是或否。") % {"label": label}
                continue
        elif internal == "DateField":
            if value is None and field.null:
                pass
            elif not isinstance(value, date):
                errors[name] = _("%(label)s格式无效，应为日期。") % {"label": label}
                continue
        elif internal == "DecimalField":
            bounds = {"longitude": LONGITUDE_RANGE, "latitude": LATITUDE_RANGE}.get(name)
            try:
                value = check_coordinate(value, name, bounds) if bounds else Decimal(str(value))
            except FieldError as exc:
                errors[name] = exc.fields[name][0]
                continue
            except (InvalidOperation, ValueError):
                errors[name] = _("%(label)s必须是数字。") % {"label": label}
                continue
        elif internal == "ForeignKey":
            if value is None and not field.null:
                errors[name] = _("%(label)s不能为空。") % {"label": label}
                continue
            if name == "paired_officer" and court_id is not None:
                try:
                    _check_paired_officer(value, court_id)
                except FieldError as exc:
                    errors[name] = exc.fields[name][0]
                    continue
            elif value is not None and court_id is not None and name in _COURT_OF:
                if _COURT_OF[name](value) != court_id:
                    errors[name] = _("%(label)s必须属于本院。") % {"label": label}
                    continue
                if not getattr(value, "active", True):
                    errors[name] = _("%(label)s已撤销。") % {"label": label}
                    continue
        cleaned[name] = value
    if errors:
        raise FieldError(errors)
    return cleaned


_COURT_OF: dict[str, Any] = {
    "tribunal": lambda t: t.court_id,
    "organisation": lambda o: o.court_id,
    "service_point": lambda p: p.tribunal.court_id,
}


def _check_areas(areas: list[Area], court: Court, field: str = "areas") -> None:
    county = court.area_id
    for area in areas:
        node: Area | None = area
        while node is not None and node.pk != county:
            node = node.parent
        if node is None:
            raise FieldError({field: _("区划「%(name)s」不在本院辖区内。") % {"name": area.name}})


def require_keeper(actor: User, court_id: int, what: str) -> None:
    """Only the administrator of that court keeps its network (403 otherwise)."""
    if not can_manage_court(actor, court_id):
        raise NotPermitted(_("只有本院管理员可以维护%(what)s。") % {"what": what})


def _update(
    *, actor: User, instance: Any, changes: dict[str, Any], fields: tuple[str, ...],
    court_id: int, action: str,
) -> Any:  # fmt: skip
    unknown = set(changes) - set(fields)
    if unknown:
        raise FieldError({name: _("该字段不可修改。") for name in sorted(unknown)})
    model = type(instance)
    instance = model.objects.select_for_update().get(pk=instance.pk)
    before = snapshot(instance, _attnames(fields))
    for name, value in _clean(model, changes, court_id=court_id).items():
        setattr(instance, name, value)
    instance.save()
    after = snapshot(instance, _attnames(fields))
    record_event(
        actor=actor,
        action=action,
        target=instance,
        before=_changed(before, after),
        after=_changed(after, before),
    )
    return instance


def _close(*, actor: User, instance: Any, action: str) -> Any:
    """Take a row out of service; it stays, with its history (no deletes)."""
    model = type(instance)
    instance = model.objects.select_for_update().get(pk=instance.pk)
    if not instance.active:
        raise FieldError({"active": _("已经撤销，无需重复操作。")})
    instance.active = False
    instance.save(update_fields=["active", "updated_at"])
    record_event(actor=actor, action=action, target=instance, before={"active": True},
                 after={"active": False})  # fmt: skip
    return instance


COURT_FIELDS = ("name", "code", "province")
TRIBUNAL_FIELDS = ("name", "kind", "address", "phone")
AREA_FIELDS = ("name",)
ORGANISATION_FIELDS = ("name", "kind", "area", "is_court_invited", "phone")
MEDIATOR_FIELDS = ("name", "kind", "organisation", "phone", "is_gold", "is_retired_judge")


def _court_code(code: str) -> str:
    code = (code or "").strip()
    error = rules.basic_court_code_error(code)
    if error:
        raise FieldError({"code": error})
    return code


@transaction.atomic
def create_court(
    *, actor: User, name: str, code: str, area_code: str, area_name: str, province: str = ""
) -> Court:
    """Open a basic court and its county (superuser only: a court administrator is granted at
    a court that exists). 法院代字 per 法〔2015〕137号 第4–5条."""
    if not getattr(actor, "is_superuser", False):
        raise NotPermitted(_("只有系统管理员可以新建法院。"))
    code = _court_code(code)
    if Court.objects.filter(code=code).exists():
        raise FieldError({"code": _("法院代字「%(code)s」已被使用。") % {"code": code}})
    province = (province or "").strip() or rules.province_of(code)
    fields = _clean(Court, {"name": name, "province": province}, court_id=None)
    area_fields = _clean(Area, {"code": area_code, "name": area_name}, court_id=None)
    errors = {}
    if not area_fields["code"].isdigit():
        errors["area_code"] = _("区划代码应为数字。")
    county = Area.objects.filter(code=area_fields["code"]).first()
    if county is not None and county.level != Area.Level.COUNTY:
        errors["area_code"] = _("区划代码已被非县级区划使用。")
    if errors:
        raise FieldError(errors)
    if county is None:
        county = Area.objects.create(level=Area.Level.COUNTY, **area_fields)
    court = Court.objects.create(code=code, area=county, **fields)
    record_event(actor=actor, action="network.court.create", target=court,
                 after=snapshot(court, ["name", "code", "province", "area_id"]))  # fmt: skip
    return court


@transaction.atomic
def update_court(*, actor: User, court: Court, changes: dict[str, Any]) -> Court:
    require_keeper(actor, court.pk, _("法院信息"))
    if "code" in changes:
        changes = {**changes, "code": _court_code(changes["code"])}
        if Court.objects.filter(code=changes["code"]).exclude(pk=court.pk).exists():
            raise FieldError(
                {"code": _("法院代字「%(code)s」已被使用。") % {"code": changes["code"]}}
            )
    return _update(actor=actor, instance=court, changes=changes, fields=COURT_FIELDS,
                   court_id=court.pk, action="network.court.update")  # fmt: skip


@transaction.atomic
def close_court(*, actor: User, court: Court) -> Court:
    require_keeper(actor, court.pk, _("法院信息"))
    return _close(actor=actor, instance=court, action="network.court.close")


@transaction.atomic
def create_area(
    *, actor: User, court: Court, code: str, name: str, level: str, parent: Area
) -> Area:
    """Add a township, village or grid under the court's county."""
    require_keeper(actor, court.pk, _("区划"))
    fields = _clean(Area, {"code": code, "name": name, "level": level}, court_id=court.pk)
    errors: dict[str, str] = {}
    order = [Area.Level.COUNTY, Area.Level.TOWNSHIP, Area.Level.VILLAGE, Area.Level.GRID]
    if fields["level"] == Area.Level.COUNTY:
        errors["level"] = _("县级区划随法院设立，不能另建。")
    elif order.index(parent.level) + 1 != order.index(fields["level"]):
        errors["parent"] = _("上级区划层级不对：镇街属于县，村居属于镇街，网格属于村居。")
    if Area.objects.filter(code=fields["code"]).exists():
        errors["code"] = _("区划代码「%(code)s」已存在。") % {"code": fields["code"]}
    if errors:
        raise FieldError(errors)
    _check_areas([parent], court, "parent")
    area = Area.objects.create(parent=parent, **fields)
    record_event(actor=actor, action="network.area.create", target=area,
                 after=snapshot(area, ["code", "name", "level", "parent_id"]))  # fmt: skip
    return area


def _area_court(actor: User, area: Area) -> Court:
    from fating.network.selectors import restrict

    if not restrict(Area.objects.filter(pk=area.pk), actor, "change").exists():
        raise NotPermitted(_("只有本院管理员可以维护本院辖区的区划。"))
    node = area
    while node.parent_id is not None:
        node = node.parent  # type: ignore[assignment]
    court = Court.objects.filter(area=node).first()
    if court is None:
        raise NotPermitted(_("只有本院管理员可以维护本院辖区的区划。"))
    return court


@transaction.atomic
def update_area(*, actor: User, area: Area, changes: dict[str, Any]) -> Area:
    court = _area_court(actor, area)
    return _update(actor=actor, instance=area, changes=changes, fields=AREA_FIELDS,
                   court_id=court.pk, action="network.area.update")  # fmt: skip


@transaction.atomic
def set_area_population(*, actor: User, area: Area, year: int, population: int) -> AreaPopulation:
    """Record an area's resident population for a year; the latest year becomes the area's
    population used by 万人成讼率."""
    _area_court(actor, area)
    errors: dict[str, str] = {}
    if isinstance(year, bool) or not isinstance(year, int) or rules.population_year_error(year):
        errors["year"] = rules.population_year_error(year if isinstance(year, int) else 0)
    if isinstance(population, bool) or not isinstance(population, int) or population < 0:
        errors["population"] = _("常住人口应为不小于0的整数（人）。")
    elif population > 100_000_000:
        errors["population"] = _("常住人口数过大，请核对。")
    if errors:
        raise FieldError(errors)
    row, _created = AreaPopulation.objects.update_or_create(
        area=area, year=year, defaults={"population": population}
    )
    latest = AreaPopulation.objects.filter(area=area).order_by("-year").first()
    if latest is not None:
        Area.objects.filter(pk=area.pk).update(
            population=latest.population, population_year=latest.year
        )
    record_event(actor=actor, action="network.area.population", target=area,
                 after={"year": year, "population": population})  # fmt: skip
    return row


@transaction.atomic
def create_tribunal(
    *, actor: User, court: Court, name: str, kind: str, address: str = "", phone: str = "",
    areas: list[Area] | None = None,
) -> Tribunal:  # fmt: skip
    """Open a people's tribunal (人民法院组织法 第26条): rural, urban or circuit."""
    require_keeper(actor, court.pk, _("人民法庭"))
    fields = _clean(Tribunal, {"name": name, "kind": kind, "address": address, "phone": phone},
                    court_id=court.pk)  # fmt: skip
    if Tribunal.objects.filter(court=court, name=fields["name"]).exists():
        raise FieldError({"name": _("本院已有同名的人民法庭。")})
    _check_areas(list(areas or []), court)
    tribunal = Tribunal.objects.create(court=court, **fields)
    tribunal.areas.set(areas or [])
    record_event(actor=actor, action="network.tribunal.create", target=tribunal,
                 after={**snapshot(tribunal, _attnames(("court", *TRIBUNAL_FIELDS))),
                        "areas": sorted(a.pk for a in areas or [])})  # fmt: skip
    return tribunal


@transaction.atomic
def update_tribunal(*, actor: User, tribunal: Tribunal, changes: dict[str, Any]) -> Tribunal:
    require_keeper(actor, tribunal.court_id, _("人民法庭"))
    return _update(actor=actor, instance=tribunal, changes=changes, fields=TRIBUNAL_FIELDS,
                   court_id=tribunal.court_id, action="network.tribunal.update")  # fmt: skip


@transaction.atomic
def close_tribunal(*, actor: User, tribunal: Tribunal) -> Tribunal:
    """Close a tribunal; its service points must be closed or moved first."""
    require_keeper(actor, tribunal.court_id, _("人民法庭"))
    if tribunal.service_points.filter(active=True).exists():
        raise FieldError({"active": _("该法庭还有运行中的服务点，请先撤销或移交。")})
    return _close(actor=actor, instance=tribunal, action="network.tribunal.close")


@transaction.atomic
def create_service_point(
    *, actor: User, tribunal: Tribunal, name: str, kind: str, longitude: Any, latitude: Any,
    opened_on: date, address: str = "", paired_officer: User | None = None,
    areas: list[Area] | None = None,
) -> ServicePoint:  # fmt: skip
    """Open a service point of any kind (村居, 法官工作室, 企业/园区诉讼服务站, 巡回审判点, …)."""
    require_keeper(actor, tribunal.court_id, _("服务点"))
    fields = _clean(
        ServicePoint,
        {"tribunal": tribunal, "name": name, "kind": kind, "longitude": longitude,
         "latitude": latitude, "opened_on": opened_on, "address": address,
         "paired_officer": paired_officer},
        court_id=tribunal.court_id,
    )  # fmt: skip
    _check_areas(list(areas or []), tribunal.court)
    point = ServicePoint.objects.create(**fields)
    point.areas.set(areas or [])
    record_event(actor=actor, action="network.service_point.create", target=point,
                 after={**snapshot(point, _attnames(("tribunal", *SERVICE_POINT_FIELDS))),
                        "areas": sorted(a.pk for a in areas or [])})  # fmt: skip
    return point


@transaction.atomic
def close_service_point(*, actor: User, point: ServicePoint) -> ServicePoint:
    require_keeper(actor, point.tribunal.court_id, _("服务点"))
    return _close(actor=actor, instance=point, action="network.service_point.close")


@transaction.atomic
def create_organisation(
    *, actor: User, court: Court, name: str, kind: str, area: Area | None = None,
    is_court_invited: bool = False, phone: str = "",
) -> MediationOrganisation:  # fmt: skip
    """Register a mediation organisation (人民调解法 第8、34条; 特邀调解规定 第5条)."""
    require_keeper(actor, court.pk, _("调解组织"))
    fields = _clean(
        MediationOrganisation,
        {"name": name, "kind": kind, "area": area, "is_court_invited": is_court_invited,
         "phone": phone},
        court_id=court.pk,
    )  # fmt: skip
    if area is not None:
        _check_areas([area], court, "area")
    if MediationOrganisation.objects.filter(court=court, name=fields["name"]).exists():
        raise FieldError({"name": _("本院已有同名的调解组织。")})
    organisation = MediationOrganisation.objects.create(court=court, **fields)
    record_event(actor=actor, action="network.organisation.create", target=organisation,
                 after=snapshot(organisation, _attnames(("court", *ORGANISATION_FIELDS))))  # fmt: skip
    return organisation


@transaction.atomic
def update_organisation(
    *, actor: User, organisation: MediationOrganisation, changes: dict[str, Any]
) -> MediationOrganisation:
    require_keeper(actor, organisation.court_id, _("调解组织"))
    if changes.get("area") is not None:
        _check_areas([changes["area"]], organisation.court, "area")
    return _update(actor=actor, instance=organisation, changes=changes,
                   fields=ORGANISATION_FIELDS, court_id=organisation.court_id,
                   action="network.organisation.update")  # fmt: skip


@transaction.atomic
def close_organisation(
    *, actor: User, organisation: MediationOrganisation
) -> MediationOrganisation:
    """Take an organisation off the roll; its active mediators must leave it first."""
    require_keeper(actor, organisation.court_id, _("调解组织"))
    if organisation.mediators.filter(active=True).exists():
        raise FieldError({"active": _("该组织还有在册调解员，请先办理退出名册。")})
    return _close(actor=actor, instance=organisation, action="network.organisation.close")


@transaction.atomic
def create_mediator(
    *, actor: User, organisation: MediationOrganisation, name: str, kind: str, phone: str = "",
    is_gold: bool = False, is_retired_judge: bool = False,
) -> Mediator:  # fmt: skip
    """Put a mediator on the roll: 人民调解员 (人民调解法 第13–14条) or 特邀调解员 (特邀调解规定
    第6条); 金牌 and retired-judge mediators are flags."""
    require_keeper(actor, organisation.court_id, _("调解员名册"))
    fields = _clean(
        Mediator,
        {"organisation": organisation, "name": name, "kind": kind, "phone": phone,
         "is_gold": is_gold, "is_retired_judge": is_retired_judge},
        court_id=organisation.court_id,
    )  # fmt: skip
    mediator = Mediator.objects.create(**fields)
    record_event(actor=actor, action="network.mediator.create", target=mediator,
                 after=snapshot(mediator, _attnames(MEDIATOR_FIELDS)))  # fmt: skip
    return mediator


@transaction.atomic
def update_mediator(*, actor: User, mediator: Mediator, changes: dict[str, Any]) -> Mediator:
    require_keeper(actor, mediator.organisation.court_id, _("调解员名册"))
    return _update(actor=actor, instance=mediator, changes=changes, fields=MEDIATOR_FIELDS,
                   court_id=mediator.organisation.court_id, action="network.mediator.update")  # fmt: skip


@transaction.atomic
def close_mediator(*, actor: User, mediator: Mediator) -> Mediator:
    """Take a mediator off the roll (退出名册); past mediations keep their mediator."""
    require_keeper(actor, mediator.organisation.court_id, _("调解员名册"))
    return _close(actor=actor, instance=mediator, action="network.mediator.close")


@transaction.atomic
def close_liaison(*, actor: User, liaison: Liaison) -> Liaison:
    """Take a liaison off duty (离岗); their platform grant at the point ends with it."""
    require_keeper(actor, liaison.service_point.tribunal.court_id, _("联络员"))
    if liaison.user_id:
        Membership.objects.filter(user_id=liaison.user_id, role="liaison").update(active=False)
    return _close(actor=actor, instance=liaison, action="network.liaison.close")


@transaction.atomic
def record_liaison_training(
    *, actor: User, liaison: Liaison, held_on: date, topic: str, hours: Any = 1
) -> LiaisonTraining:
    """Record a training the liaison attended (业务培训)."""
    require_keeper(actor, liaison.service_point.tribunal.court_id, _("联络员"))
    fields = _clean(LiaisonTraining, {"held_on": held_on, "topic": topic, "hours": hours},
                    court_id=None)  # fmt: skip
    if not Decimal("0.5") <= fields["hours"] <= Decimal("99"):
        raise FieldError({"hours": _("学时应在 0.5 至 99 之间。")})
    training = LiaisonTraining.objects.create(liaison=liaison, **fields)
    record_event(actor=actor, action="network.liaison.training", target=liaison,
                 after=snapshot(training, ["held_on", "topic", "hours"]))  # fmt: skip
    return training


DEPARTMENT_FIELDS = ("name", "kind", "area", "phone")


@transaction.atomic
def create_department(
    *, actor: User, court: Court, name: str, kind: str, area: Area | None = None, phone: str = ""
) -> Department:
    """Register a department of 部门联动 (派出所, 司法所, 综治中心, 行业主管部门)."""
    require_keeper(actor, court.pk, _("联动部门"))
    fields = _clean(Department, {"name": name, "kind": kind, "area": area, "phone": phone},
                    court_id=court.pk)  # fmt: skip
    if area is not None:
        _check_areas([area], court, "area")
    if Department.objects.filter(court=court, name=fields["name"]).exists():
        raise FieldError({"name": _("本院已有同名的联动部门。")})
    department = Department.objects.create(court=court, **fields)
    record_event(actor=actor, action="network.department.create", target=department,
                 after=snapshot(department, _attnames(("court", *DEPARTMENT_FIELDS))))  # fmt: skip
    return department


@transaction.atomic
def update_department(
    *, actor: User, department: Department, changes: dict[str, Any]
) -> Department:
    require_keeper(actor, department.court_id, _("联动部门"))
    if changes.get("area") is not None:
        _check_areas([changes["area"]], department.court, "area")
    return _update(actor=actor, instance=department, changes=changes, fields=DEPARTMENT_FIELDS,
                   court_id=department.court_id, action="network.department.update")  # fmt: skip


@transaction.atomic
def close_department(*, actor: User, department: Department) -> Department:
    require_keeper(actor, department.court_id, _("联动部门"))
    return _close(actor=actor, instance=department, action="network.department.close")
