"""The door into a matter's group chat, for pages of lower apps (a case page): the template asks
here, so `cases` need not import `conversations`, which sits above it."""

from typing import Any

from django import template

from fating.conversations.selectors import member_of_matter

register = template.Library()


@register.simple_tag
def may_open_room(user: Any, matter: Any) -> bool:
    """True when the user belongs to the matter's room (the rule of POST /conversations/open/)."""
    return member_of_matter(user, matter) is not None
