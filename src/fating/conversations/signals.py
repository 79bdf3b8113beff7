"""When a matter's people change, the live connections of its room re-check membership.

Membership is derived, not stored, so nothing needs updating in the database; what must happen
is that a connection of someone who no longer belongs is closed at once. Each change below sends
`room.recheck` to the room (or to the user's connections) after the change commits.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from fating.conversations import live


def _room_of(model: Any, pk: Any) -> int | None:
    from fating.conversations.models import Room

    if pk is None:
        return None
    ctype = ContentType.objects.get_for_model(model)
    return Room.objects.filter(matter_type=ctype, matter_id=pk).values_list("pk", flat=True).first()


def _recheck(model: Any, pk: Any) -> None:
    room_id = _room_of(model, pk)
    if room_id is not None:
        live.recheck_room(room_id)


def dispute_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    _recheck(type(instance), instance.pk)


def dispute_party_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from fating.disputes.models import Dispute

    _recheck(Dispute, instance.dispute_id)


def case_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    _recheck(type(instance), instance.pk)


def filing_party_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from fating.cases.models import Case

    case_id = Case.objects.filter(filing_id=instance.filing_id).values_list("pk", flat=True).first()
    _recheck(Case, case_id)


def membership_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    live.recheck_user(instance.user_id)


def user_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not instance.is_active:
        live.close_user(instance.pk)


def connect() -> None:
    from fating.accounts.models import Membership, User
    from fating.cases.models import Case, FilingParty
    from fating.disputes.models import Dispute, DisputeParty

    uid = "fating.conversations"
    post_save.connect(dispute_changed, sender=Dispute, dispatch_uid=f"{uid}.dispute")
    post_save.connect(dispute_party_changed, sender=DisputeParty, dispatch_uid=f"{uid}.dp.save")
    post_delete.connect(dispute_party_changed, sender=DisputeParty, dispatch_uid=f"{uid}.dp.del")
    post_save.connect(case_changed, sender=Case, dispatch_uid=f"{uid}.case")
    post_save.connect(filing_party_changed, sender=FilingParty, dispatch_uid=f"{uid}.fp.save")
    post_delete.connect(filing_party_changed, sender=FilingParty, dispatch_uid=f"{uid}.fp.del")
    post_save.connect(membership_changed, sender=Membership, dispatch_uid=f"{uid}.m.save")
    post_delete.connect(membership_changed, sender=Membership, dispatch_uid=f"{uid}.m.del")
    post_save.connect(user_changed, sender=User, dispatch_uid=f"{uid}.user")
