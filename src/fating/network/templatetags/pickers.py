"""`{% picker kind name label %}`: a search-as-you-type picker inside a POST form (see
fating.network.pickers). Its no-JavaScript search box submits the GET form
`pick-<uid>-search`, which the page puts after its POST form with `{% picker_search uid %}`."""

from __future__ import annotations

from typing import Any

from django import template

from fating.network.pickers import pick_options

register = template.Library()


@register.inclusion_tag("network/_picker.html", takes_context=True)
def picker(
    context: template.Context,
    kind: str,
    name: str,
    label: str,
    *,
    uid: str = "",
    court: int | None = None,
    invited: bool = False,
    optional: bool = False,
) -> dict[str, Any]:
    request = context["request"]
    uid = uid or name
    q = request.GET.get(f"{uid}_q", "")
    # A page may show the same picker in several forms (one per action): search once per request.
    memo: dict[tuple[Any, ...], list[Any]] = request.__dict__.setdefault("_pick_memo", {})
    key = (kind, q, court, invited)
    if key not in memo:
        memo[key] = pick_options(request.user, kind, q, court=court, invited=invited)
    return {
        "uid": uid, "name": name, "kind": kind, "label": label, "q": q, "court": court,
        "invited": invited, "optional": optional,
        "options": memo[key],
    }  # fmt: skip


@register.simple_tag
def picker_search(uid: str) -> str:
    from django.utils.html import format_html

    return format_html(
        '<form id="pick-{}-search" method="get" class="picker-fallback"></form>', uid
    )
