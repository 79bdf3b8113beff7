"""The whole court network from one workbook (issue 17): all or nothing, every row's error
named by sheet, row and column. The rows go through the network services, so each change is the
same audited write as on the pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, NotPermitted
from fating.network import rules, services, workbook
from fating.network.models import (
    Area,
    AreaPopulation,
    Court,
    Department,
    Liaison,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)


@dataclass
class ImportReport:
    """What an import did (or would do, on a dry run): counts per sheet, and every row's error."""

    dry_run: bool
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    errors: list[workbook.RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run


class _Rows:
    """Looks up what earlier rows (or the database) hold, within one court."""

    def __init__(self, court: Court) -> None:
        self.court = court

    def area(self, code: Any, field_name: str) -> Area | None:
        code = workbook.as_text(code)
        if not code:
            return None
        area = Area.objects.filter(code=code).first()
        if area is None:
            raise FieldError({field_name: _("区划代码「%(code)s」不存在。") % {"code": code}})
        return area

    def areas(self, text: Any, field_name: str) -> list[Area]:
        return [a for c in rules.split_codes(workbook.as_text(text))
                if (a := self.area(c, field_name)) is not None]  # fmt: skip

    def named(self, qs: Any, text: Any, field_name: str, what: str) -> Any:
        name = workbook.as_text(text)
        found = qs.filter(name=name).first() if name else None
        if found is None:
            raise FieldError({field_name: _("找不到%(what)s「%(name)s」。") % {"what": what,
                                                                       "name": name}})  # fmt: skip
        return found

    def officer(self, text: Any) -> User | None:
        username = workbook.as_text(text)
        if not username:
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            raise FieldError({"paired_officer": _("找不到账号「%(u)s」。") % {"u": username}})
        return user


def _yes(value: Any, field_name: str) -> bool:
    answer = rules.parse_yes_no(workbook.as_text(value))
    if answer is None:
        raise FieldError({field_name: _("应填“是”或“否”。")})
    return answer


def _number(value: Any, field_name: str) -> int | None:
    if value in ("", None):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = workbook.as_text(value).replace(",", "")
    if not text.isdigit():
        raise FieldError({field_name: _("应为整数。")})
    return int(text)


def _upsert(actor: User, existing: Any, changes: dict[str, Any], update: Any, create: Any) -> str:
    """Create, or update only what differs. Returns "created", "updated" or ""."""
    if existing is None:
        create()
        return "created"
    differing = {k: v for k, v in changes.items() if getattr(existing, k) != v}
    if not differing:
        return ""
    update(differing)
    return "updated"


def _import_row(actor: User, look: _Rows, sheet: str, c: dict[str, Any]) -> str:
    court = look.court
    text = workbook.as_text
    kind = workbook.kind_value(sheet, text(c.get("类型") or c.get("层级")))
    if sheet == "区划":
        code = text(c["区划代码"])
        area = Area.objects.filter(code=code).first() if code else None
        year, population = _number(c["人口年度"], "year"), _number(c["常住人口"], "population")
        if area is None:
            parent = look.area(c["上级区划代码"], "parent")
            if parent is None:
                raise FieldError({"parent": _("新区划须填写上级区划代码。")})
            area = services.create_area(actor=actor, court=court, code=code, name=text(c["名称"]),
                               level=kind, parent=parent)  # fmt: skip
            outcome = "created"
        else:
            outcome = _upsert(actor, area, {"name": text(c["名称"])},
                              lambda ch: services.update_area(actor=actor, area=area, changes=ch), None)  # fmt: skip
        if (year is None) != (population is None):
            raise FieldError({"year": _("人口年度和常住人口需同时填写。")})
        if year is not None and population is not None:
            known = AreaPopulation.objects.filter(area=area, year=year).first()
            if known is None or known.population != population:
                services.set_area_population(
                    actor=actor, area=area, year=year, population=population
                )
                outcome = outcome or "updated"
        return outcome
    if sheet == "人民法庭":
        fields = {"name": text(c["名称"]), "kind": kind, "address": text(c["地址"]),
                  "phone": text(c["联系电话"])}  # fmt: skip
        existing = Tribunal.objects.filter(court=court, name=fields["name"]).first()
        areas = look.areas(c["辖区镇街代码"], "areas")
        return _upsert(actor, existing, fields,
                       lambda ch: services.update_tribunal(actor=actor, tribunal=existing, changes=ch),
                       lambda: services.create_tribunal(actor=actor, court=court, areas=areas, **fields))  # fmt: skip
    if sheet == "服务点":
        tribunal = look.named(Tribunal.objects.filter(court=court), c["人民法庭"], "tribunal",
                              _("人民法庭"))  # fmt: skip
        opened = workbook.as_date(c["启用日期"])
        fields = {"name": text(c["名称"]), "kind": kind, "address": text(c["地址"]),
                  "longitude": c["经度"], "latitude": c["纬度"],
                  "opened_on": opened, "paired_officer": look.officer(c["对口干警账号"])}  # fmt: skip
        areas = look.areas(c["覆盖区划代码"], "areas")
        existing = ServicePoint.objects.filter(tribunal__court=court, name=fields["name"]).first()
        if existing is not None:
            fields["longitude"] = services.check_coordinate(
                c["经度"], "longitude", services.LONGITUDE_RANGE
            )
            fields["latitude"] = services.check_coordinate(
                c["纬度"], "latitude", services.LATITUDE_RANGE
            )
        return _upsert(actor, existing, fields,
                       lambda ch: services.update_service_point(actor=actor, point=existing, changes=ch),
                       lambda: services.create_service_point(actor=actor, tribunal=tribunal, areas=areas,
                                                    **fields))  # fmt: skip
    if sheet == "调解组织":
        fields = {"name": text(c["名称"]), "kind": kind, "area": look.area(c["区划代码"], "area"),
                  "is_court_invited": _yes(c["特邀调解组织"], "is_court_invited"),
                  "phone": text(c["联系电话"])}  # fmt: skip
        existing = MediationOrganisation.objects.filter(court=court, name=fields["name"]).first()
        return _upsert(actor, existing, fields,
                       lambda ch: services.update_organisation(actor=actor, organisation=existing,
                                                      changes=ch),
                       lambda: services.create_organisation(actor=actor, court=court, **fields))  # fmt: skip
    if sheet == "调解员":
        organisation = look.named(MediationOrganisation.objects.filter(court=court),
                                  c["调解组织"], "organisation", _("调解组织"))  # fmt: skip
        fields = {"name": text(c["姓名"]), "kind": kind, "phone": text(c["手机号码"]),
                  "is_gold": _yes(c["金牌调解员"], "is_gold"),
                  "is_retired_judge": _yes(c["退休法官"], "is_retired_judge")}  # fmt: skip
        existing = Mediator.objects.filter(organisation=organisation, name=fields["name"]).first()
        return _upsert(actor, existing, fields,
                       lambda ch: services.update_mediator(actor=actor, mediator=existing, changes=ch),
                       lambda: services.create_mediator(actor=actor, organisation=organisation, **fields))  # fmt: skip
    if sheet == "联动部门":
        fields = {"name": text(c["名称"]), "kind": kind, "area": look.area(c["区划代码"], "area"),
                  "phone": text(c["联系电话"])}  # fmt: skip
        existing = Department.objects.filter(court=court, name=fields["name"]).first()
        return _upsert(actor, existing, fields,
                       lambda ch: services.update_department(actor=actor, department=existing, changes=ch),
                       lambda: services.create_department(actor=actor, court=court, **fields))  # fmt: skip
    point = look.named(ServicePoint.objects.filter(tribunal__court=court), c["服务点"],
                       "service_point", _("服务点"))  # fmt: skip
    fields = {"name": text(c["姓名"]), "kind": kind, "phone": text(c["手机号码"]),
              "area": look.area(c["负责区划代码"], "area"),
              "appointed_on": workbook.as_date(c["聘任日期"]),
              "paired_officer": look.officer(c["结对干警账号"])}  # fmt: skip
    existing = Liaison.objects.filter(service_point=point, name=fields["name"]).first()
    if not isinstance(fields["appointed_on"], date | None):
        raise FieldError({"appointed_on": _("聘任日期格式无效，应如 2024-01-31。")})
    return _upsert(actor, existing, fields,
                   lambda ch: services.update_liaison(actor=actor, liaison=existing, changes=ch),
                   lambda: services.register_liaison(actor=actor, service_point=point, **fields))  # fmt: skip


@transaction.atomic
def import_network(
    *, actor: User, court: Court, book: workbook.NetworkWorkbook, dry_run: bool = False
) -> ImportReport:
    """Import a whole network workbook into `court`: every row or none. Each row's error names
    its sheet, row and column in Chinese; a dry run checks everything and writes nothing."""
    services.require_keeper(actor, court.pk, _("本院网络"))
    report = ImportReport(dry_run=dry_run, errors=list(book.errors))
    look = _Rows(court)
    for name in workbook.SHEETS:
        sheet = book.sheets.get(name)
        for number, cells in sheet.rows if sheet else []:
            try:
                with transaction.atomic():
                    outcome = _import_row(actor, look, name, cells)
            except FieldError as exc:
                for field_name, messages in exc.fields.items():
                    column = workbook.column_of(name, field_name)
                    report.errors += [workbook.RowError(name, number, column, m) for m in messages]
                continue
            except NotPermitted as exc:
                report.errors.append(workbook.RowError(name, number, "", exc.message))
                continue
            if outcome:
                bucket = report.created if outcome == "created" else report.updated
                bucket[name] = bucket.get(name, 0) + 1
    if not report.written:
        transaction.set_rollback(True)
        return report
    record_event(actor=actor, action="network.import", target=court,
                 after={"created": report.created, "updated": report.updated})  # fmt: skip
    return report
