from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fating.core.exceptions import FieldError
from fating.core.http import is_htmx, page_view, paginate
from fating.network import selectors, services
from fating.network.forms import ServicePointForm
from fating.network.map import network_map
from fating.network.models import Liaison, MediationOrganisation, Mediator, ServicePoint


def _directory(
    request: HttpRequest,
    *,
    queryset: QuerySet,
    template: str,
    title: str,
    search_fields: tuple[str, ...],
    filters: dict[str, str] | None = None,
    extra: dict | None = None,
) -> HttpResponse:
    """A searchable, paginated directory; htmx requests get only the results fragment."""
    qs = selectors.search(queryset, request.GET.get("q", ""), *search_fields)
    for param, lookup in (filters or {}).items():
        value = request.GET.get(param)
        if value:
            qs = qs.filter(**{lookup: value})
    page = paginate(request, qs)
    context = {
        "page": page,
        "title": title,
        "q": request.GET.get("q", ""),
        "show_contacts": selectors.can_see_contacts(request.user),
        "results_template": template,
        **(extra or {}),
    }
    if is_htmx(request):
        return render(request, template, context)
    return render(request, "network/directory.html", context)


@login_required
def map_view(request: HttpRequest) -> HttpResponse:
    return render(request, "network/map.html", {"map_data": network_map(request.user)})


@login_required
@page_view
def points(request: HttpRequest) -> HttpResponse:
    return _directory(
        request,
        queryset=selectors.service_points_for(request.user)
        .annotate(liaison_count=Count("liaisons"))
        .order_by("tribunal__name", "name"),
        template="network/_points.html",
        title=_("E+ 服务点"),
        search_fields=("name", "address", "tribunal__name"),
        filters={"kind": "kind", "tribunal": "tribunal_id"},
        extra={
            "kinds": ServicePoint.Kind.choices,
            "tribunals": selectors.tribunals_for(request.user),
        },
    )


@login_required
@page_view
def point_detail(request: HttpRequest, pk: int) -> HttpResponse:
    point = selectors.service_point_for(request.user, pk)
    show_contacts = selectors.can_see_contacts(request.user)
    liaisons = point.liaisons.filter(active=True).select_related("area") if show_contacts else []
    return render(
        request,
        "network/point_detail.html",
        {
            "point": point,
            "areas": point.areas.order_by("code"),
            "liaisons": liaisons,
            "show_contacts": show_contacts,
            "can_edit": selectors.can_manage_court(request.user, point.tribunal.court_id),
        },
    )


@login_required
@page_view
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = selectors.service_point_for(request.user, pk, write=True)
    form = ServicePointForm(request.POST or None, instance=point, court_id=point.tribunal.court_id)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        # Keep the form's instance untouched until the service has validated and saved.
        point.refresh_from_db()
        try:
            services.update_service_point(actor=request.user, point=point, changes=changes)
        except FieldError as exc:
            for field, msgs in exc.fields.items():
                form.add_error(field if field in form.fields else None, msgs)
        else:
            messages.success(request, _("服务点信息已保存。"))
            return redirect("network:point", pk=pk)
    return render(request, "network/point_edit.html", {"point": point, "form": form})


@login_required
@page_view
def liaisons(request: HttpRequest) -> HttpResponse:
    return _directory(
        request,
        queryset=selectors.liaisons_for(request.user).filter(active=True),
        template="network/_liaisons.html",
        title=_("联络员名录"),
        search_fields=("name", "service_point__name", "area__name", "phone"),
        filters={"kind": "kind"},
        extra={"kinds": Liaison.Kind.choices},
    )


@login_required
@page_view
def mediators(request: HttpRequest) -> HttpResponse:
    return _directory(
        request,
        queryset=selectors.mediators_for(request.user).filter(active=True),
        template="network/_mediators.html",
        title=_("调解员名录"),
        search_fields=("name", "organisation__name", "specialties"),
        filters={"kind": "kind"},
        extra={"kinds": Mediator.Kind.choices},
    )


@login_required
@page_view
def organisations(request: HttpRequest) -> HttpResponse:
    return _directory(
        request,
        queryset=selectors.organisations_for(request.user)
        .annotate(mediator_count=Count("mediators"))
        .order_by("-is_court_invited", "name"),
        template="network/_organisations.html",
        title=_("调解组织"),
        search_fields=("name", "area__name", "specialties"),
        filters={"kind": "kind"},
        extra={"kinds": MediationOrganisation.Kind.choices},
    )
