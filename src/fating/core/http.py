"""Helpers for page views: domain errors become the right status page; the client address."""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from python_ipware.modern.parsers import split_proxy_chain

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


def paginate(request: HttpRequest, items: Any, per_page: int = 30) -> Page[Any]:
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


def _trusted_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [
        ipaddress.ip_network(entry, strict=False)
        for entry in getattr(settings, "FATING_TRUSTED_PROXIES", [])
    ]


def _is_trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    return address is not None and any(address in net for net in _trusted_networks())


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket (::ffff:1.2.3.4) is that IPv4 client.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 (a placeholder value, never bound)


def client_address(request: HttpRequest) -> str:
    """The address of the person at the other end, for throttling and logs.

    `X-Forwarded-For` is anyone's to write, so it is read only when the connection itself comes
    from a proxy named in FATING_TRUSTED_PROXIES; then the chain is walked from the right (the
    hop our proxy added last) past every trusted proxy, and the first address not ours is the
    client. python-ipware parses the header (ports, brackets, IPv6); it is not asked to choose,
    because its trusted-proxy list matches positions in the header, which a client can forge when
    it reaches the application directly.
    """
    meta = getattr(request, "META", {})
    peer_raw = str(meta.get("REMOTE_ADDR") or "")
    peer = _parse(peer_raw)
    if not _is_trusted(peer):
        # No usable peer address (a Unix socket, a bare test request): one shared, valid
        # placeholder, because the lockout table stores addresses in an inet column.
        return str(peer) if peer is not None else UNKNOWN_ADDRESS
    chain = split_proxy_chain(str(meta.get("HTTP_X_FORWARDED_FOR") or ""), False) or []
    client = peer
    for hop in reversed(chain):
        client = _parse(str(hop)) or client
        if not _is_trusted(client):
            break
    return str(client)
