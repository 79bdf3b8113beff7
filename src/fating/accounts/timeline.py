"""Audit events as a person reads them on a timeline: when, who (name and role, never a
username), what (the label registered in `core.event_labels`) and the service's note."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from fating.accounts.models import Role
from fating.accounts.selectors import primary_role, primary_roles
from fating.core.event_labels import event_label


def actor_text(actor: Any, roles: dict[int, str] | None = None) -> str:
    """Who did it, as a person reads it: "张三（法官）", never a username; "系统" for tasks.
    `roles` caches each actor's role label across one timeline."""
    if actor is None:
        return gettext("系统")
    cache = roles if roles is not None else {}
    if actor.pk not in cache:
        role = primary_role(actor)
        cache[actor.pk] = str(Role(role).label) if role else ""
    role_label = cache[actor.pk]
    return f"{actor.display_name}（{role_label}）" if role_label else actor.display_name


def timeline_rows(events: Any) -> list[dict[str, Any]]:
    """Audit events as timeline rows: when, who (name and role), what (label), and the note
    the service wrote, if any."""
    events = list(events)
    found = primary_roles(e.actor for e in events if e.actor is not None)
    roles = {pk: str(Role(role).label) if role else "" for pk, role in found.items()}
    rows = []
    for e in events:
        after = e.after if isinstance(e.after, dict) else {}
        rows.append({"at": e.created_at, "actor": actor_text(e.actor, roles), "action": e.action,
                     "label": event_label(e.action), "note": after.get("note", "")})  # fmt: skip
    return rows
