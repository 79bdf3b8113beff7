"""The e-service desk for pages of lower apps (the case page's 送达 tab): the template asks here,
so `cases` need not import `delivery`, which sits above it (delivery → conversations → cases)."""

from typing import Any

from django import template
from django.http import HttpRequest

from fating.delivery import desk
from fating.documents.selectors import can_manage_matter

register = template.Library()


@register.simple_tag
def service_desk(request: HttpRequest, matter: Any) -> str:
    """The desk for who manages the matter (delivery's rule); nothing for anyone else."""
    if not can_manage_matter(request.user, matter):
        return ""
    return desk.render_desk(request, matter)
