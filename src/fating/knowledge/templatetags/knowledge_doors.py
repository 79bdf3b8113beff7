"""Which legal-education doors a page may show: the same rule that opens the page behind them."""

from __future__ import annotations

from typing import Any

from django import template

from fating.knowledge import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def education_doors(context: dict[str, Any]) -> dict[str, bool]:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"orders": False, "village_rules": False}
    return {
        "orders": selectors.may_list_orders(user),
        "village_rules": selectors.may_list_village_rules(user),
    }
