"""Search-as-you-type pickers for people and organisations (issue 12): a page that asks someone
to choose a mediator or a mediation organisation shows a search box and at most `PICK_LIMIT`
options instead of a <select> of hundreds of names.

The options come from `selectors.restrict` (the one access rule), searched over the name, the
organisation and the area, and each carries what tells two of the same name apart (its area and
court). The endpoint answers htmx with the <option>s; without JavaScript the page's own GET form
reloads it with the search text (`pick_options` is the same call).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fating.core.exceptions import FieldError
from fating.core.http import page_view
from fating.network import selectors
from fating.network.models import MediationOrganisation, Mediator

PICK_LIMIT = 20
KINDS = ("organisation", "mediator")


@dataclass(frozen=True)
class PickOption:
    value: int
    label: str
    hint: str  # area and court, or organisation and area: what tells namesakes apart

    def __str__(self) -> str:
        return f"{self.label}（{self.hint}）" if self.hint else self.label


def _organisations(user: Any, text: str, court: int | None, invited: bool) -> QuerySet[Any]:
    qs = selectors.organisations_for(user).select_related("area", "court")
    if court is not None:
        qs = qs.filter(court_id=court)
    if invited:
        qs = qs.filter(is_court_invited=True)
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(area__name__icontains=text))
    # An option needs names only: loading whole rows (JSON fields, timestamps) cost most of it.
    return qs.only("name", "area__name", "court__name").order_by("name", "pk")


def _mediators(user: Any, text: str, court: int | None, invited: bool) -> QuerySet[Any]:
    qs = selectors.mediators_for(user).filter(active=True)
    qs = qs.select_related("organisation__area", "organisation__court")
    if court is not None:
        qs = qs.filter(organisation__court_id=court)
    if invited:
        qs = qs.filter(kind=Mediator.Kind.INVITED, organisation__is_court_invited=True)
    if text:
        qs = qs.filter(
            Q(name__icontains=text)
            | Q(organisation__name__icontains=text)
            | Q(organisation__area__name__icontains=text)
        )
    fields = ("name", "organisation__name", "organisation__area__name", "organisation__court__name")
    return qs.only(*fields).order_by("name", "pk")


def organisation_hint(org: MediationOrganisation) -> str:
    parts = [org.area.name if org.area_id else "", org.court.name]
    return " · ".join(p for p in parts if p)


def pick_options(
    user: Any, kind: str, text: str = "", *, court: int | None = None, invited: bool = False
) -> list[PickOption]:
    """At most PICK_LIMIT options of `kind` the user may see, matching `text`."""
    text = (text or "").strip()[:50]
    if kind == "organisation":
        return [
            PickOption(o.pk, o.name, organisation_hint(o))
            for o in _organisations(user, text, court, invited)[:PICK_LIMIT]
        ]
    if kind == "mediator":
        return [
            PickOption(m.pk, m.name, f"{m.organisation.name} · {organisation_hint(m.organisation)}")
            for m in _mediators(user, text, court, invited)[:PICK_LIMIT]
        ]
    raise FieldError({"kind": _("未知的选择类型。")})


def _court(raw: str | None) -> int | None:
    if not raw:
        return None
    if not raw.isdigit():
        raise FieldError({"court": _("法院编号应为数字。")})
    return int(raw)


@login_required
@page_view
def pick(request: HttpRequest, kind: str) -> HttpResponse:
    """GET /network/pick/<kind>/?q=…&court=…&invited=1: the <option>s for an htmx picker.
    The search text may also come as `<field>_q` (the picker's own input, named per field)."""
    if kind not in KINDS:
        raise Http404
    field = request.GET.get("field", "")
    text = request.GET.get("q") or request.GET.get(f"{field}_q", "")
    try:
        options = pick_options(
            request.user,
            kind,
            text,
            court=_court(request.GET.get("court")),
            invited=request.GET.get("invited") == "1",
        )
    except FieldError as exc:
        return HttpResponse(
            "；".join(m for msgs in exc.fields.values() for m in msgs),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    return render(
        request,
        "network/_pick_options.html",
        {"options": options, "optional": request.GET.get("optional") == "1"},
    )
