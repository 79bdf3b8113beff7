"""Helpers for page views: domain errors become the right status page."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from fating.core.exceptions import DomainError, FieldError, NotPermitted, NotVisible


def page_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn NotVisible into 404 and NotPermitted into 403 for a page view."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotVisible as exc:
            raise Http404(exc.message) from exc
        except NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc

    return wrapper


def paginate(request: HttpRequest, items: Any, per_page: int = 30) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def form_errors(action: Callable[[], object], labels: Mapping[str, Any] | None = None) -> list[str]:
    """Run a page's state change and say what to show: nothing when it succeeded, else each
    field's message as “label：message” (labels by field name) or the refusal's message.
    403 and 404 propagate, for `page_view` to turn into their pages."""
    try:
        action()
    except FieldError as exc:
        labels = labels or {}
        return [
            _("%(field)s：%(message)s") % {"field": labels.get(k, k), "message": m}
            for k, msgs in exc.fields.items()
            for m in msgs
        ] or [exc.message]
    except (NotPermitted, NotVisible):
        raise
    except DomainError as exc:
        return [exc.message]
    return []
