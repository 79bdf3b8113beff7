"""Writes of 约见法官 and the 12368 call log. Each is keyword-only, permission first, one
transaction and one audit event; the machine (contact.rules) decides which step may follow."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from fating.accounts.models import Role, User
from fating.accounts.selectors import holders
from fating.contact import rules, selectors
from fating.contact.models import HotlineCall, Meeting
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.identifiers import IdentifierError, validate_mobile
from fating.network.models import Court, ServicePoint, Tribunal


def _text(errors: dict[str, list[str]], field: str, value: Any, limit: int, message: str) -> str:
    text = str(value or "").strip()
    if not text or len(text) > limit:
        errors[field] = [message]
    return text


def _when(value: Any, field: str, errors: dict[str, list[str]]) -> datetime | None:
    if isinstance(value, datetime):
        moment: datetime | None = value
    else:
        try:
            moment = parse_datetime(str(value or "").strip().replace(" ", "T"))
        except ValueError:
            moment = None
    if moment is None:
        errors[field] = [_("请填写日期和时间，如 2026-12-10 09:30。")]
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def default_judge(point: ServicePoint) -> User | None:
    """The point's paired officer when they are a judge of its tribunal, else the tribunal's
    first judge; None when the tribunal has no judge (the clerks route it)."""
    judges = holders(Role.JUDGE, tribunal=point.tribunal_id).order_by("pk")
    officer = point.paired_officer_id
    if officer and judges.filter(pk=officer).exists():
        return judges.get(pk=officer)
    return judges.first()


def _judge_of(tribunal_id: int, judge: Any) -> User:
    pk = getattr(judge, "pk", judge)
    found = (
        holders(Role.JUDGE, tribunal=tribunal_id).filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if found is None:
        raise FieldError({"judge": _("请选择本庭的法官。")})
    return found


@transaction.atomic
def request_meeting(
    *,
    actor: Any,
    service_point: ServicePoint | None,
    mode: str,
    topic: str,
    preferred_times: str,
    for_name: str = "",
    for_mobile: str = "",
) -> Meeting:
    """约见法官: a party for themselves, or a liaison for a villager at their own point (having
    checked the villager's identity in person); routed to the point's judge."""
    kind, points = selectors.requester_points(actor)
    errors: dict[str, list[str]] = {}
    if service_point is None or not service_point.active:
        errors["service_point"] = [_("请选择运行中的服务点。")]
    elif points is not None and service_point.pk not in points:
        raise NotPermitted(_("联络员只能在本服务点代群众约见法官。"))
    if mode not in rules.MODE_LABELS:
        errors["mode"] = [_("请选择到服务点面谈或线上视频约见。")]
    topic = _text(errors, "topic", topic, 1000, _("请写明约见事项（不超过 1000 字）。"))
    preferred_times = _text(errors, "preferred_times", preferred_times, 200,
                            _("请写明方便的时间（不超过 200 字）。"))  # fmt: skip
    if kind == "liaison":
        for_name = _text(errors, "for_name", for_name, 60, _("请填写约见群众的姓名。"))
        try:
            for_mobile = validate_mobile(for_mobile or "")
        except IdentifierError as exc:
            errors["for_mobile"] = [str(exc)]
    else:
        for_name = for_mobile = ""
    if errors:
        raise FieldError(errors)
    assert service_point is not None  # noqa: S101  (narrowed by the errors above)
    meeting = Meeting.objects.create(
        requester=actor, for_name=for_name, for_mobile=for_mobile, service_point=service_point,
        tribunal_id=service_point.tribunal_id, judge=default_judge(service_point), mode=mode,
        topic=topic, preferred_times=preferred_times,
    )  # fmt: skip
    record_event(actor=actor, action="contact.meeting.request", target=meeting,
                 after={"service_point": service_point.pk, "mode": mode, "judge": meeting.judge_id,
                        "for_villager": bool(for_name)})  # fmt: skip
    return meeting


def _step(actor: Any, meeting: Meeting, name: str, action: str) -> tuple[Meeting, str]:
    meeting = selectors.meeting_for(actor, meeting.pk, action)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = meeting.status
    meeting.status = rules.MEETING.target(meeting.status, name)
    return meeting, before


def _event(actor: Any, meeting: Meeting, name: str, before: str, **after: Any) -> None:
    record_event(actor=actor, action=f"contact.meeting.{name}", target=meeting,
                 before={"status": before}, after={"status": meeting.status, **after})  # fmt: skip


@transaction.atomic
def route_meeting(*, actor: Any, meeting: Meeting, judge: Any) -> Meeting:
    """转交法官: the tribunal's judges and clerks give the meeting to another judge of the tribunal."""
    meeting, before = _step(actor, meeting, "route", "route")
    previous = meeting.judge_id
    meeting.judge = _judge_of(meeting.tribunal_id, judge)
    meeting.save(update_fields=["status", "judge", "updated_at"])
    _event(actor, meeting, "route", before, judge=meeting.judge_id, previous=previous)
    return meeting


@transaction.atomic
def accept_meeting(
    *, actor: Any, meeting: Meeting, scheduled_at: Any, place: str = "", meeting_link: str = ""
) -> Meeting:
    """The judge accepts with a time, and the place (at a point) or the video link (online)."""
    meeting, before = _step(actor, meeting, "accept", "decide")
    errors: dict[str, list[str]] = {}
    when = _when(scheduled_at, "scheduled_at", errors)
    if when is not None and when <= timezone.now():
        errors["scheduled_at"] = [_("约定时间应晚于现在。")]
    place = str(place or "").strip()[:201]
    link = str(meeting_link or "").strip()
    if meeting.mode == rules.ONLINE:
        parsed = urlparse(link)
        if parsed.scheme != "https" or not parsed.netloc or len(link) > 300:
            errors["meeting_link"] = [_("线上约见请填写以 https:// 开头的会议链接。")]
        place = ""
    else:
        link = ""
        place = place or meeting.service_point.name
        if len(place) > 200:
            errors["place"] = [_("见面地点不超过 200 字。")]
    if errors:
        raise FieldError(errors)
    meeting.scheduled_at, meeting.place, meeting.meeting_link = when, place, link
    meeting.decided_at = timezone.now()
    meeting.save(update_fields=["status", "scheduled_at", "place", "meeting_link", "decided_at",
                                "updated_at"])  # fmt: skip
    _event(actor, meeting, "accept", before,
           scheduled_at=when.isoformat() if when else None, place=place, link=bool(link))  # fmt: skip
    return meeting


@transaction.atomic
def decline_meeting(*, actor: Any, meeting: Meeting, reason: str) -> Meeting:
    meeting, before = _step(actor, meeting, "decline", "decide")
    errors: dict[str, list[str]] = {}
    reason = _text(errors, "decline_reason", reason, 500, _("请写明婉拒的理由（不超过 500 字）。"))
    if errors:
        raise FieldError(errors)
    meeting.decline_reason, meeting.decided_at = reason, timezone.now()
    meeting.save(update_fields=["status", "decline_reason", "decided_at", "updated_at"])
    _event(actor, meeting, "decline", before)
    return meeting


@transaction.atomic
def complete_meeting(*, actor: Any, meeting: Meeting, record: str) -> Meeting:
    """After the meeting the judge writes a short record; the meeting is done."""
    meeting, before = _step(actor, meeting, "complete", "decide")
    errors: dict[str, list[str]] = {}
    record = _text(errors, "record", record, 2000, _("请简要记录约见情况（不超过 2000 字）。"))
    if errors:
        raise FieldError(errors)
    meeting.record, meeting.done_at = record, timezone.now()
    meeting.save(update_fields=["status", "record", "done_at", "updated_at"])
    _event(actor, meeting, "complete", before)
    return meeting


@transaction.atomic
def withdraw_meeting(*, actor: Any, meeting: Meeting) -> Meeting:
    meeting, before = _step(actor, meeting, "withdraw", "withdraw")
    meeting.save(update_fields=["status", "updated_at"])
    _event(actor, meeting, "withdraw", before)
    return meeting


# --- 12368 ------------------------------------------------------------------------------------


def _route_target(
    court: Court, assignee: Any, tribunal: Any
) -> tuple[User | None, Tribunal | None]:
    """A judge or staff member of the court, or one of its tribunals — exactly one of them."""
    a_pk, t_pk = getattr(assignee, "pk", assignee), getattr(tribunal, "pk", tribunal)
    a_pk = None if a_pk in (None, "") else a_pk
    t_pk = None if t_pk in (None, "") else t_pk
    if (a_pk is None) == (t_pk is None):
        raise FieldError({"assignee": _("请转交一位法官，或转交一个法庭（二选一）。")})
    if a_pk is not None:
        user = (holders((Role.JUDGE, Role.CLERK, Role.ENFORCEMENT_JUDGE), court=court.pk)
                .filter(pk=a_pk).first() if str(a_pk).isdigit() else None)  # fmt: skip
        if user is None:
            raise FieldError({"assignee": _("请选择本院的法官或法官助理。")})
        return user, None
    found = (Tribunal.objects.filter(pk=t_pk, court=court, active=True).first()
             if str(t_pk).isdigit() else None)  # fmt: skip
    if found is None:
        raise FieldError({"tribunal": _("请选择本院运行中的法庭。")})
    return None, found


@transaction.atomic
def log_call(
    *,
    actor: Any,
    court: Court | None,
    caller_name: str,
    caller_number: str,
    topic: str,
    category: str,
    received_at: Any = None,
    assignee: Any = None,
    tribunal: Any = None,
) -> HotlineCall:
    """Court staff log a 12368 call as a ticket routed to a judge or a tribunal, due within the
    category's target hours."""
    courts = selectors.check_logger(actor)
    if court is None and len(courts) == 1:
        court = Court.objects.filter(pk=next(iter(courts))).first()
    if court is None or court.pk not in courts:
        raise FieldError({"court": _("请选择您所在的法院。")})
    errors: dict[str, list[str]] = {}
    caller_name = _text(
        errors, "caller_name", caller_name, 60, _("请填写来电人姓名或称呼（不超过 60 字）。")
    )
    number = "".join(ch for ch in str(caller_number or "") if ch.isdigit() or ch == "-")
    if not (7 <= len(number.replace("-", "")) <= 15) or len(number) > 20:
        errors["caller_number"] = [_("请填写来电号码（7–15 位数字）。")]
    topic = _text(errors, "topic", topic, 1000, _("请填写来电事项（不超过 1000 字）。"))
    if category not in rules.CATEGORY_LABELS:
        errors["category"] = [_("请选择类别：咨询、查询案件、约见或投诉建议。")]
    now = timezone.now()
    received = now if received_at in (None, "") else _when(received_at, "received_at", errors)
    if received is not None and received > now:
        errors["received_at"] = [_("来电时间不能晚于现在。")]
    target: tuple[User | None, Tribunal | None] = (None, None)
    try:
        target = _route_target(court, assignee, tribunal)
    except FieldError as exc:
        errors.update(exc.fields)
    if errors:
        raise FieldError(errors)
    assert received is not None  # noqa: S101  (narrowed by the errors above)
    call = HotlineCall.objects.create(
        court=court, logged_by=actor, caller_name=caller_name, caller_number=number, topic=topic,
        category=category, received_at=received, due_at=rules.due_at(received, category),
        assignee=target[0], tribunal=target[1],
    )  # fmt: skip
    record_event(actor=actor, action="contact.call.log", target=call,
                 after={"category": category, "assignee": call.assignee_id,
                        "tribunal": call.tribunal_id, "due_at": call.due_at.isoformat()})  # fmt: skip
    return call


@transaction.atomic
def route_call(
    *, actor: Any, call: HotlineCall, assignee: Any = None, tribunal: Any = None
) -> HotlineCall:
    """转办: give an open ticket to another judge or tribunal; its due time does not move."""
    call = selectors.call_for(actor, call.pk, "route")
    call = HotlineCall.objects.select_for_update().select_related("court").get(pk=call.pk)
    call.status = rules.CALL.target(call.status, "route")
    before = {"assignee": call.assignee_id, "tribunal": call.tribunal_id}
    call.assignee, call.tribunal = _route_target(call.court, assignee, tribunal)
    call.save(update_fields=["status", "assignee", "tribunal", "updated_at"])
    record_event(actor=actor, action="contact.call.route", target=call, before=before,
                 after={"assignee": call.assignee_id, "tribunal": call.tribunal_id})  # fmt: skip
    return call


@transaction.atomic
def answer_call(*, actor: Any, call: HotlineCall, answer: str) -> HotlineCall:
    """The answer given to the caller is recorded; in time when by the due time."""
    call = selectors.call_for(actor, call.pk, "answer")
    call = HotlineCall.objects.select_for_update().get(pk=call.pk)
    before = call.status
    call.status = rules.CALL.target(call.status, "answer")
    errors: dict[str, list[str]] = {}
    answer = _text(errors, "answer", answer, 2000, _("请填写答复内容（不超过 2000 字）。"))
    if errors:
        raise FieldError(errors)
    call.answer, call.answered_at, call.answered_by = answer, timezone.now(), actor
    call.save(update_fields=["status", "answer", "answered_at", "answered_by", "updated_at"])
    record_event(actor=actor, action="contact.call.answer", target=call, before={"status": before},
                 after={"status": call.status, "in_time": call.answered_at <= call.due_at})  # fmt: skip
    return call
