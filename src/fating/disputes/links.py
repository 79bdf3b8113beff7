"""Links that apps above disputes add to the dispute page (disputes imports none of them).

An app registers, in its AppConfig.ready, a label, the URL name of its own page (taking the
dispute's pk) and who sees the link; the dispute page shows the link only to them, so no link
leads to a refusal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class DisputeLink:
    label: Promise | str
    url_name: str
    shown: Callable[[Any, Any], bool]  # (user, dispute) -> bool


REGISTERED: dict[str, DisputeLink] = {}


def register_link(link: DisputeLink) -> None:
    REGISTERED[link.url_name] = link


def links_for(user: Any, dispute: Any) -> list[tuple[Promise | str, str]]:
    """(label, url) of the registered links `user` may follow on `dispute`'s page."""
    return [
        (link.label, reverse(link.url_name, args=[dispute.pk]))
        for link in REGISTERED.values()
        if link.shown(user, dispute)
    ]
