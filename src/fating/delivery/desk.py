"""The e-service desk (电子送达) of a matter: the clerk or judge chooses one of the matter's
generated documents, a party and the ways to serve it, and submits; the page calls the same
`services.serve_document` as POST /api/v1/delivery/services/.

Lower apps show the desk through the `service_desk` template tag (the case page's 送达 tab), so
they need not import this app; refused input comes back on the desk's own page
(/delivery/serve/<matter type>/<id>/) with each message next to its field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from fating.core.exceptions import FieldError, InvalidTransition
from fating.core.http import page_view
from fating.core.idempotency import idempotent_page
from fating.core.identifiers import mask_mobile
from fating.delivery import rules, selectors, services
from fating.delivery.models import Service
from fating.documents.selectors import documents_of, matter_for

# The ways the desk offers: the electronic ones (each needs the party's consent, 民事诉讼法 第90条)
# and post; in-person service and public notice are recorded on a service's own page.
DESK_CHANNELS = (rules.IN_APP, rules.SMS, rules.EMAIL, rules.POST)
# Where each kind of matter keeps its service desk (URL names: no import of the matter's app).
MATTER_PAGES = {
    "cases.case": "cases:case-service",
    "disputes.dispute": "disputes:detail",
    "enforcement.enforcementcase": "enforcement:detail",
}


def mask_email(value: str) -> str:
    name, _at, domain = value.partition("@")
    return f"{name[:1]}***@{domain}" if domain else mask_address(value)


def mask_address(value: str) -> str:
    # Enough of the address to tell two parties apart, not enough to find the door.
    value = value.strip()
    return value[:6] + "****" if len(value) > 6 else value


def _masked(channel: str, address: str) -> str:
    if channel == rules.SMS:
        return mask_mobile(address)
    if channel == rules.EMAIL:
        return mask_email(address)
    return ""


@dataclass
class DeskRecipient:
    key: str
    name: str
    has_account: bool
    mobile: str  # masked
    address: str  # masked
    consents: list[tuple[str, str]] = field(default_factory=list)  # (channel label, masked)
    consented: set[str] = field(default_factory=set)


def _recipients(matter: Any) -> list[DeskRecipient]:
    consents = list(selectors.consents_of(matter).order_by("pk"))
    rows = []
    for r in selectors.recipients_of(matter):
        row = DeskRecipient(
            key=r.key,
            name=r.name,
            has_account=r.user is not None,
            mobile=mask_mobile(r.mobile) if r.mobile else "",
            address=mask_address(r.address),
        )
        for c in consents:
            if c.party_key == r.key and c.channel not in row.consented:
                row.consented.add(c.channel)
                row.consents.append(
                    (_(rules.CHANNEL_LABELS[c.channel]), _masked(c.channel, c.address))
                )
        rows.append(row)
    return rows


def desk_context(
    request: HttpRequest,
    matter: Any,
    *,
    values: Any = None,
    errors: dict[str, list[str]] | None = None,
    refused: str = "",
) -> dict[str, Any]:
    """What the desk shows `request.user` for `matter` (who must manage it: check first)."""
    services_ = (
        selectors.services_of(request.user, matter)
        .select_related("document")
        .prefetch_related("attempts__receipts")
    )
    label = matter._meta.label_lower
    return {
        "matter": matter,
        "matter_type": label,
        "documents": documents_of(matter).filter(superseded_by__isnull=True),
        "recipients": _recipients(matter),
        "channels": [(c, _(rules.CHANNEL_LABELS[c])) for c in DESK_CHANNELS],
        "electronic": sorted(rules.ELECTRONIC),
        "services": services_,
        "channel_labels": {k: _(v) for k, v in rules.CHANNEL_LABELS.items()},
        "receipt_labels": {k: _(v) for k, v in rules.RECEIPT_LABELS.items()},
        "values": values or {},
        "chosen_channels": (values.getlist("channels") if hasattr(values, "getlist") else []),
        "errors": errors or {},
        "refused": refused,
        "back": _back(request, matter),
    }


def _back(request: HttpRequest, matter: Any) -> str:
    """Where the desk returns after serving: the page it was used from (a case's 送达 tab), if
    it is on this site, else the desk's own page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    name = MATTER_PAGES.get(matter._meta.label_lower)
    return reverse(name, args=[matter.pk]) if name else reverse("delivery:queue")


def render_desk(request: HttpRequest, matter: Any, **kwargs: Any) -> str:
    """The desk as an HTML fragment, for the template tag."""
    context = desk_context(request, matter, **kwargs)
    context["next"] = request.get_full_path()
    return render_to_string("delivery/_desk.html", context, request=request)


def _page(request: HttpRequest, matter: Any, *, status: int = 200, **kwargs: Any) -> HttpResponse:
    context = desk_context(request, matter, **kwargs)
    context["next"] = context["back"]
    return render(request, "delivery/serve.html", context, status=status)


@login_required
@page_view
@idempotent_page
def serve(request: HttpRequest, matter_type: str, matter_id: int) -> HttpResponse:
    """GET: the desk on its own page. POST: serve the chosen document on the chosen party."""
    matter = matter_for(request.user, matter_type, matter_id)
    selectors.check_manage(request.user, matter)
    if request.method != "POST":
        return _page(request, matter)
    post = request.POST
    try:
        document = _document(matter, post.get("document", ""))
        service = services.serve_document(
            actor=request.user,
            document=document,
            party_key=post.get("party_key", ""),
            channels=[c for c in post.getlist("channels") if c],
            tracking_number=post.get("tracking_number", ""),
        )
    except FieldError as exc:
        return _page(request, matter, status=400, values=post, errors=exc.fields)
    except InvalidTransition as exc:
        return _page(request, matter, status=409, values=post, refused=exc.message)
    messages.success(request, _served_message(service, post.getlist("channels")))
    return redirect(_back(request, matter))


def _document(matter: Any, raw: str) -> Any:
    if not raw.isdigit():
        raise FieldError({"document": _("请选择要送达的文书。")})
    document = documents_of(matter).filter(pk=int(raw)).first()
    if document is None:
        raise FieldError({"document": _("该文书不属于本案。")})
    return document


def _served_message(service: Service, channels: list[str]) -> str:
    electronic = [c for c in channels if c in rules.ELECTRONIC]
    ways = "、".join(_(rules.CHANNEL_LABELS[c]) for c in dict.fromkeys(channels))
    if electronic:
        text = _("已向%(name)s发送《%(title)s》电子送达（%(ways)s），送达状态见下方列表。")
    else:
        text = _("已登记向%(name)s送达《%(title)s》（%(ways)s），请在送达记录中登记结果。")
    return text % {"name": service.recipient_name, "title": service.document.title, "ways": ways}
