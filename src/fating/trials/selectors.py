"""Reads of the online courtroom, and who may do what there (docs/permissions.md, "Online
courtroom").

- A room is seen by its attendees (judge, clerk, parties and agents with accounts, witnesses and
  interpreters the judge added), by the clerks and judges who manage the case (cases' "manage"),
  and by the liaisons of the case's court's service points, who may only check a party's
  identity there (在线诉讼规则 第7条). Everyone else: 404.
- "preside" (open, admit, mute, remove, readmit, add people, broadcast, close, record refusals):
  the hearing's judge. "transcribe" (笔录, recording): the case's managers (clerks and judges of
  the court). "verify": liaisons of the court's points and the case's managers.
- Recordings play for the court and the parties (cases' "view" of the case); a broadcast's
  recording plays for anyone once the judge marked the hearing for broadcast.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of
from fating.cases import selectors as case_selectors
from fating.cases.models import Case, Hearing
from fating.core.access import obtain, unknown_action
from fating.trials.models import Attendee, Recording, TrialRoom

MISSING = "在线庭审室不存在。"
REFUSALS = {
    "preside": "只有主持本次开庭的审判人员可以进行该操作。",
    "transcribe": "只有本院的法官、书记员可以记录笔录或录像。",
    "verify": "只有本院服务点的联络员或办案人员可以核验身份。",
}


def _managed_cases(user: Any) -> QuerySet[Case]:
    return case_selectors.restrict(Case.objects.all(), user, "manage")


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    """TrialRoom: "view", "preside", "transcribe", "verify". Recording: "view" (the case's
    court and parties), "public" (anyone, for a broadcast hearing)."""
    model = queryset.model
    if model is Recording and action == "public":
        return queryset.filter(room__broadcast=True, ended_at__isnull=False)
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return queryset.none()
    scope = scope_of(user)
    if model is Recording:
        if action != "view":
            raise unknown_action(model, action)
        seen = case_selectors.restrict(Case.objects.all(), user, "view")
        return queryset.filter(room__hearing__case__in=seen)
    if model is not TrialRoom:
        raise unknown_action(model, action)
    if scope.superuser:
        return queryset
    managed = Q(hearing__case__in=_managed_cases(user))
    if action == "view":
        courts = scope.courts(Role.LIAISON)
        q = Q(attendees__user=user) | managed | Q(hearing__case__court_id__in=courts)
        return queryset.filter(pk__in=TrialRoom.objects.filter(q).values("pk"))
    if action == "preside":
        return queryset.filter(hearing__judge=user)
    if action == "transcribe":
        return queryset.filter(managed)
    if action == "verify":
        courts = scope.courts(Role.LIAISON)
        return queryset.filter(managed | Q(hearing__case__court_id__in=courts))
    raise unknown_action(model, action)


def rooms_for(user: Any) -> QuerySet[TrialRoom]:
    qs = TrialRoom.objects.select_related("hearing__case", "hearing__judge")
    return restrict(qs, user, "view")


def room_for(user: Any, room_id: Any, *, action: str = "view") -> TrialRoom:
    return obtain(restrict, rooms_for(user), user, room_id, action,
                  missing=_(MISSING), refused=_(REFUSALS.get(action, "")))  # fmt: skip


def attendee_of(user: Any, room: TrialRoom) -> Attendee | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Attendee.objects.filter(room=room, user=user).first()


def may(user: Any, room: TrialRoom, action: str) -> bool:
    return restrict(TrialRoom.objects.filter(pk=room.pk), user, action).exists()


def attendees(room: TrialRoom) -> list[Attendee]:
    return list(room.attendees.select_related("user").order_by("pk"))


def evidence_table(room: TrialRoom) -> list[dict[str, Any]]:
    """The case room's evidence list and 质证 table (conversations app), shown in a pre-trial
    meeting for the exchange of evidence (民诉法解释 第225条(四)). Read through the
    conversations selectors; the room is looked up, never created here."""
    from django.contrib.contenttypes.models import ContentType

    from fating.conversations import selectors as conversation_selectors
    from fating.conversations.models import Room

    case = room.hearing.case
    ctype = ContentType.objects.get_for_model(Case)
    case_room = Room.objects.filter(matter_type=ctype, matter_id=case.pk).first()
    if case_room is None:
        return []
    return conversation_selectors.cross_examination_table(case_room)


def openable_hearings(user: Any) -> QuerySet[Hearing]:
    """Online hearings this judge presides that have no room yet."""
    if not getattr(user, "is_authenticated", False):
        return Hearing.objects.none()
    return (
        Hearing.objects.filter(judge=user, mode=Hearing.Mode.ONLINE, status=Hearing.Status.SCHEDULED,
                               trial_room__isnull=True)
        .select_related("case")
        .order_by("starts_at")
    )  # fmt: skip


def recording_for(user: Any, recording_id: Any) -> Recording:
    return obtain(restrict, Recording.objects.select_related("room__hearing__case"), user,
                  recording_id, "view", missing=_("庭审录像不存在。"))  # fmt: skip


def broadcasts() -> QuerySet[TrialRoom]:
    """Hearings marked for broadcast (public page): live ones first, then kept for 点单 viewing."""
    return (
        TrialRoom.objects.filter(broadcast=True)
        .select_related("hearing")
        .prefetch_related("recordings")
        .order_by("status", "-opened_at")
    )


def broadcast_refusals_for(room: TrialRoom, grounds: Any = ()) -> list[str]:
    """Why this room's hearing may not be put on the internet (empty: it may): the case's
    cause, the parties' ages, the declared grounds (在线诉讼规则 第27条), and a pre-trial
    meeting, which is not a public hearing."""
    from django.utils import timezone

    from fating.trials import rules

    filing = room.hearing.case.filing
    cause_path = f"{filing.cause.path} {filing.cause.name}" if filing.cause_id else ""
    refusals = rules.broadcast_refusals(
        cause_path=cause_path,
        id_numbers=[p.id_number for p in filing.parties.all() if p.id_number],
        declared=grounds,
        on=timezone.localdate(),
    )
    if room.kind == rules.KIND_PRETRIAL:
        refusals.insert(0, rules.PRETRIAL_NOT_BROADCAST)
    return refusals


def may_stream(room: TrialRoom) -> bool:
    """Served to the public only when the judge marked it and the rules allow it — checked again
    on every request, so a private kind is never served whatever the flag says."""
    return bool(room.broadcast) and not broadcast_refusals_for(room)


def public_broadcasts(limit: int = 100) -> list[tuple[TrialRoom, list[Recording]]]:
    """The public page: broadcast-marked hearings the rules allow, live ones first, each with
    its recordings (HLS packaged, or finished files where no packager ran)."""
    rooms = (
        broadcasts()
        .select_related("hearing__case__filing__cause")
        .prefetch_related("hearing__case__filing__parties")[:limit]
    )
    return [
        (room, [r for r in room.recordings.all() if r.hls_seconds > 0 or r.sha256])
        for room in rooms
        if may_stream(room)
    ]


def public_stream(recording_id: Any) -> Recording:
    """A recording whose HLS stream may be served to anyone (live or kept for 点单)."""
    recording = obtain(lambda qs, user, action: qs.filter(room__broadcast=True), Recording.objects
                       .select_related("room__hearing__case__filing"), None, recording_id,
                       missing=_("庭审直播不存在。"))  # fmt: skip
    if not may_stream(recording.room):
        from fating.core.exceptions import NotVisible

        raise NotVisible(_("庭审直播不存在。"))
    return recording


def public_recording(recording_id: Any) -> Recording:
    recording = obtain(lambda qs, user, action: restrict(qs, user, "public"),
                       Recording.objects.select_related("room__hearing__case__filing"), None,
                       recording_id, missing=_("庭审录像不存在。"))  # fmt: skip
    if not may_stream(recording.room):
        from fating.core.exceptions import NotVisible

        raise NotVisible(_("庭审录像不存在。"))
    return recording


def court_broadcast_count(court_id: int, since: Any, until: Any) -> int:
    """For the analytics indicators (registered in apps.py): the court's hearings (by the day
    they were opened) broadcast in the period, counting only those the rules allow."""
    rooms = (
        TrialRoom.objects.filter(hearing__case__court_id=court_id, broadcast=True,
                                 opened_at__gte=_day_start(since), opened_at__lt=_day_start(until,
                                 after=True))
        .select_related("hearing__case__filing__cause")
        .prefetch_related("hearing__case__filing__parties")
    )  # fmt: skip
    return sum(1 for room in rooms if may_stream(room))


def _day_start(day: Any, *, after: bool = False) -> datetime:
    from datetime import time, timedelta

    from django.utils import timezone

    moment = datetime.combine(day + timedelta(days=1) if after else day, time.min)
    return timezone.make_aware(moment)


def online_hearing_counts(
    *, court_ids: list[int], since: datetime | None = None, until: datetime | None = None
) -> dict[str, Any]:
    """Counted for the dashboard: hearings held or scheduled, online ones, 互联网开庭率 (online
    hearings actually opened in a room / all hearings not cancelled), and broadcasts."""
    hearings = Hearing.objects.filter(case__court_id__in=court_ids).exclude(
        status=Hearing.Status.CANCELLED
    )
    if since is not None:
        hearings = hearings.filter(starts_at__gte=since)
    if until is not None:
        hearings = hearings.filter(starts_at__lt=until)
    total = hearings.count()
    rooms = TrialRoom.objects.filter(hearing__in=hearings)
    online = rooms.count()
    return {
        "hearings": total,
        "online_hearings": online,
        "internet_hearing_rate": round(online / total, 4) if total else None,
        "broadcasts": sum(
            1
            for room in rooms.filter(broadcast=True)
            .select_related("hearing__case__filing__cause")
            .prefetch_related("hearing__case__filing__parties")
            if may_stream(room)
        ),
    }
