"""The checks every write of the online courtroom starts with: may the actor see the room and
do this, and the room row locked for the write."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from fating.core.exceptions import NotPermitted, NotVisible
from fating.trials import selectors
from fating.trials.models import TrialRoom


def locked_room(room: TrialRoom) -> TrialRoom:
    return TrialRoom.objects.select_for_update().select_related("hearing__case").get(pk=room.pk)


def require(actor: Any, room: TrialRoom, action: str) -> None:
    if not selectors.may(actor, room, "view"):
        raise NotVisible(_(selectors.MISSING))
    if action != "view" and not selectors.may(actor, room, action):
        raise NotPermitted(_(selectors.REFUSALS[action]))
