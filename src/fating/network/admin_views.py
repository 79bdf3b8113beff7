"""The network administrator's pages: list, create, edit and close each kind of the network.

Thin: the forms collect, the services decide (one transaction and one audit event each), the
selectors say what the court administrator keeps (`restrict(..., "change")`): another court's
rows are 404 or 403 as the access rule says (docs/permissions.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fating.accounts.models import User
from fating.core.access import obtain
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.http import page_view, paginate
from fating.core.idempotency import idempotent_page
from fating.network import forms, selectors, services
from fating.network.models import (
    Area,
    Court,
    Department,
    Liaison,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)


def _area_create(actor: User, d: dict[str, Any]) -> Area:
    court = selectors.court_of_area(d["parent"])
    if court is None:
        raise FieldError({"parent": _("上级区划不在任何法院辖区内。")})
    area = services.create_area(actor=actor, court=court, code=d["code"], name=d["name"],
                                level=d["level"], parent=d["parent"])  # fmt: skip
    _area_population(actor, area, d)
    return area


def _area_update(actor: User, area: Area, changes: dict[str, Any], d: dict[str, Any]) -> Area:
    if "name" in changes:
        area = services.update_area(actor=actor, area=area, changes={"name": changes["name"]})
    _area_population(actor, area, d)
    return area


def _area_population(actor: User, area: Area, d: dict[str, Any]) -> None:
    if d.get("year") is not None and d.get("headcount") is not None:
        services.set_area_population(actor=actor, area=area, year=d["year"],
                                     population=d["headcount"])  # fmt: skip


@dataclass(frozen=True)
class Kind:
    slug: str
    title: Promise
    model: type[Model]
    form: type[forms._AdminForm]
    related: tuple[str, ...]
    create: Callable[[User, dict[str, Any]], Model]
    update: Callable[[User, Any, dict[str, Any], dict[str, Any]], Model]
    close: Callable[[User, Any], Model] | None
    describe: Callable[[Any], str]

    def queryset(self) -> QuerySet:
        return self.model.objects.select_related(*self.related)  # type: ignore[attr-defined]


KINDS: dict[str, Kind] = {
    k.slug: k
    for k in [
        Kind(
            "courts", gettext_lazy("法院"), Court, forms.CourtAdminForm, ("area",),
            lambda a, d: services.create_court(
                actor=a, name=d["name"], code=d["code"], province=d["province"],
                area_code=d["area_code"], area_name=d["area_name"]),
            lambda a, o, c, d: services.update_court(actor=a, court=o, changes=c),
            lambda a, o: services.close_court(actor=a, court=o),
            lambda o: f"{o.code} · {o.area.name}",
        ),
        Kind(
            "areas", gettext_lazy("区划与人口"), Area, forms.AreaAdminForm, ("parent",),
            _area_create, _area_update, None,
            lambda o: " · ".join(str(x) for x in (o.code, o.get_level_display(),
                                 o.population or "", o.population_year or "") if x),
        ),
        Kind(
            "tribunals", gettext_lazy("人民法庭"), Tribunal, forms.TribunalAdminForm, ("court",),
            lambda a, d: services.create_tribunal(
                actor=a, court=d["court"], name=d["name"], kind=d["kind"],
                address=d["address"], phone=d["phone"], areas=list(d["areas"])),
            lambda a, o, c, d: services.update_tribunal(actor=a, tribunal=o, changes=c),
            lambda a, o: services.close_tribunal(actor=a, tribunal=o),
            lambda o: f"{o.get_kind_display()} · {o.court.name}",
        ),
        Kind(
            "points", gettext_lazy("服务点"), ServicePoint, forms.PointAdminForm, ("tribunal",),
            lambda a, d: services.create_service_point(
                actor=a, tribunal=d["tribunal"], name=d["name"], kind=d["kind"],
                address=d["address"], longitude=d["longitude"], latitude=d["latitude"],
                opened_on=d["opened_on"], paired_officer=d["paired_officer"],
                areas=list(d["areas"])),
            lambda a, o, c, d: services.update_service_point(actor=a, point=o, changes=c),
            lambda a, o: services.close_service_point(actor=a, point=o),
            lambda o: f"{o.get_kind_display()} · {o.tribunal.name}",
        ),
        Kind(
            "organisations", gettext_lazy("调解组织"), MediationOrganisation,
            forms.OrganisationAdminForm, ("court",),
            lambda a, d: services.create_organisation(
                actor=a, court=d["court"], name=d["name"], kind=d["kind"], area=d["area"],
                is_court_invited=d["is_court_invited"], phone=d["phone"]),
            lambda a, o, c, d: services.update_organisation(actor=a, organisation=o, changes=c),
            lambda a, o: services.close_organisation(actor=a, organisation=o),
            lambda o: o.get_kind_display() + (" · " + _("特邀") if o.is_court_invited else ""),
        ),
        Kind(
            "mediators", gettext_lazy("调解员"), Mediator, forms.MediatorAdminForm,
            ("organisation",),
            lambda a, d: services.create_mediator(
                actor=a, organisation=d["organisation"], name=d["name"], kind=d["kind"],
                phone=d["phone"], is_gold=d["is_gold"], is_retired_judge=d["is_retired_judge"]),
            lambda a, o, c, d: services.update_mediator(actor=a, mediator=o, changes=c),
            lambda a, o: services.close_mediator(actor=a, mediator=o),
            lambda o: " · ".join([o.get_kind_display(), o.organisation.name]
                                 + ([_("金牌调解员")] if o.is_gold else [])
                                 + ([_("退休法官")] if o.is_retired_judge else [])),
        ),
        Kind(
            "departments", gettext_lazy("联动部门"), Department, forms.DepartmentAdminForm,
            ("court", "area"),
            lambda a, d: services.create_department(
                actor=a, court=d["court"], name=d["name"], kind=d["kind"], area=d["area"],
                phone=d["phone"]),
            lambda a, o, c, d: services.update_department(actor=a, department=o, changes=c),
            lambda a, o: services.close_department(actor=a, department=o),
            lambda o: " · ".join([o.get_kind_display()] + ([o.area.name] if o.area else [])),
        ),
        Kind(
            "liaisons", gettext_lazy("联络员"), Liaison, forms.LiaisonAdminForm,
            ("service_point", "paired_officer"),
            lambda a, d: services.register_liaison(
                actor=a, service_point=d["service_point"], name=d["name"], kind=d["kind"],
                phone=d["phone"], area=d["area"], appointed_on=d["appointed_on"],
                paired_officer=d["paired_officer"]),
            lambda a, o, c, d: services.update_liaison(actor=a, liaison=o, changes=c),
            lambda a, o: services.close_liaison(actor=a, liaison=o),
            lambda o: " · ".join([o.get_kind_display(), o.service_point.name]
                                 + ([_("结对：") + o.paired_officer.display_name]
                                    if o.paired_officer else [])),
        ),
    ]
}  # fmt: skip


def _admin_only(user: User) -> None:
    if not selectors.administers_network(user):
        raise NotPermitted(_("只有法院管理员可以维护法庭网络。"))


def _object(kind: Kind, user: User, pk: int) -> Any:
    return obtain(selectors.restrict, kind.queryset(), user, pk, "change",
                  missing=_("记录不存在。"), refused=_("只有本院管理员可以维护本院网络。"))  # fmt: skip


def _show_errors(form: Any, exc: FieldError) -> None:
    for field, msgs in exc.fields.items():
        if field in form.fields:
            form.add_error(field, msgs)
        else:
            form.add_error(None, msgs)


@login_required
@page_view
def admin_home(request: HttpRequest) -> HttpResponse:
    _admin_only(request.user)
    tiles = [(k, selectors.restrict(k.model.objects.all(), request.user, "change").count())
             for k in KINDS.values()]  # fmt: skip
    return render(request, "network/admin_home.html", {"tiles": tiles})


@login_required
@page_view
def admin_list(request: HttpRequest, kind: str) -> HttpResponse:
    _admin_only(request.user)
    spec = KINDS[kind]
    qs = selectors.restrict(spec.queryset(), request.user, "change")
    qs = selectors.search(qs, request.GET.get("q", ""), "name").order_by("pk")
    page = paginate(request, qs)
    rows = [(obj, spec.describe(obj)) for obj in page]
    can_create = kind != "courts" or request.user.is_superuser
    return render(request, "network/admin_list.html",
                  {"kind": spec, "page": page, "rows": rows, "q": request.GET.get("q", ""),
                   "can_create": can_create})  # fmt: skip


def _form_page(request: HttpRequest, spec: Kind, form: Any, obj: Any = None) -> HttpResponse:
    return render(request, "network/admin_form.html", {"kind": spec, "form": form, "obj": obj})


@login_required
@page_view
@idempotent_page
def admin_create(request: HttpRequest, kind: str) -> HttpResponse:
    _admin_only(request.user)
    spec = KINDS[kind]
    if kind == "courts" and not request.user.is_superuser:
        raise NotPermitted(_("只有系统管理员可以新建法院。"))
    form = spec.form(request.POST or None, user=request.user, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            obj = spec.create(request.user, form.cleaned_data)
        except FieldError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("已新建：%(name)s") % {"name": obj})
            return redirect("network:admin-list", kind=kind)
    return _form_page(request, spec, form)


@login_required
@page_view
def admin_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _admin_only(request.user)
    spec = KINDS[kind]
    obj = _object(spec, request.user, pk)
    form = spec.form(request.POST or None, instance=obj, user=request.user, creating=False)
    if request.method == "POST" and form.is_valid():
        model_fields = {f.name for f in spec.model._meta.get_fields()}
        changes = {n: form.cleaned_data[n] for n in form.changed_data if n in model_fields}
        obj.refresh_from_db()  # the form's validation touched the instance
        try:
            spec.update(request.user, obj, changes, form.cleaned_data)
        except FieldError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("已保存：%(name)s") % {"name": obj})
            return redirect("network:admin-list", kind=kind)
    return _form_page(request, spec, form, obj)


@login_required
@page_view
def admin_close(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _admin_only(request.user)
    spec = KINDS[kind]
    obj = _object(spec, request.user, pk)
    if spec.close is None:
        raise NotPermitted(_("区划不能撤销，只能修改名称和人口。"))
    error = ""
    if request.method == "POST":
        try:
            spec.close(request.user, obj)
        except FieldError as exc:
            error = "；".join(m for msgs in exc.fields.values() for m in msgs)
        else:
            messages.success(request, _("已撤销：%(name)s（历史记录保留）") % {"name": obj})
            return redirect("network:admin-list", kind=kind)
    return render(request, "network/admin_close.html", {"kind": spec, "obj": obj, "error": error})


@login_required
@page_view
def liaison_training(request: HttpRequest, pk: int) -> HttpResponse:
    _admin_only(request.user)
    liaison = _object(KINDS["liaisons"], request.user, pk)
    form = forms.TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_liaison_training(actor=request.user, liaison=liaison,
                                             **form.cleaned_data)  # fmt: skip
        except FieldError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("已登记培训。"))
            return redirect("network:admin-training", pk=pk)
    return render(request, "network/admin_training.html",
                  {"liaison": liaison, "form": form, "trainings": liaison.trainings.all()})  # fmt: skip
