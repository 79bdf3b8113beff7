"""Legal education (普法): 你问我答, 点单 orders, village rules. One transaction, one event each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.knowledge import rules
from fating.knowledge.models import OutreachOrder, Question, VillageRules, VillageRulesVersion
from fating.knowledge.selectors import (
    is_court_personnel_of,
    is_judge_of,
    is_liaison_of,
    may_order_at,
)
from fating.network.models import Court, ServicePoint


def _text(value: Any) -> str:
    return str(value or "").strip()


def _move(flow: dict[str, frozenset[str]], obj: Any, target: str, message: str) -> str:
    if not rules.can_move(flow, obj.status, target):
        raise InvalidTransition(message)
    before = obj.status
    obj.status = target
    return before


# --- 你问我答 ----------------------------------------------------------------------------------


@transaction.atomic
def ask_question(
    *, court: Court, title: str, text: str, asker_name: str = "", contact: str = ""
) -> Question:
    """A resident asks (no account needed; the page limits submissions per address)."""
    errors: dict[str, str] = {}
    title, text = _text(title), _text(text)
    if not title:
        errors["title"] = _("请填写问题。")
    elif len(title) > 120:
        errors["title"] = _("问题不能超过 120 个字。")
    if len(text) < 10:
        errors["text"] = _("问题详情不能少于 10 个字。")
    if errors:
        raise FieldError(errors)
    question = Question.objects.create(
        court=court,
        title=title,
        text=text,
        asker_name=_text(asker_name)[:60],
        contact=_text(contact)[:40],
    )
    record_event(
        actor=None, action="knowledge.question.ask", target=question, after={"status": "asked"}
    )
    return question


@transaction.atomic
def answer_question(*, actor: User, question: Question, answer: str) -> Question:
    """A judge of the court answers; the answer waits for review before it is published."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if not is_judge_of(actor, question.court_id):
        raise NotPermitted(_("只有本院法官可以回答群众提问。"))
    answer = _text(answer)
    if len(answer) < 10:
        raise FieldError({"answer": _("回答不能少于 10 个字。")})
    before = _move(rules.QUESTION_FLOW, question, "answered", _("该问题当前不能回答。"))
    question.answer = answer
    question.answered_by = actor
    question.answered_at = timezone.now()
    question.save()
    record_event(
        actor=actor,
        action="knowledge.question.answer",
        target=question,
        before={"status": before},
        after={"status": question.status},
    )
    return question


@transaction.atomic
def review_question(*, actor: User, question: Question, publish: bool, note: str = "") -> Question:
    """Another judge of the court publishes the answer, or sends it back for rework."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if not is_judge_of(actor, question.court_id):
        raise NotPermitted(_("只有本院法官可以审核回答。"))
    if question.answered_by_id == actor.pk:
        raise NotPermitted(_("回答人不能审核自己的回答。"))
    note = _text(note)
    if not publish and not note:
        raise FieldError({"note": _("退回时请填写审核意见。")})
    target = "published" if publish else "asked"
    before = _move(rules.QUESTION_FLOW, question, target, _("该回答当前不能审核。"))
    question.reviewed_by = actor
    question.reviewed_at = timezone.now()
    question.review_note = note
    question.save()
    record_event(
        actor=actor,
        action="knowledge.question.publish" if publish else "knowledge.question.return",
        target=question,
        before={"status": before},
        after={"status": question.status, "note": note},
    )
    return question


# --- 点单 orders ----------------------------------------------------------------------------


def _may_order_for(actor: User, point: ServicePoint, kind: str = "") -> bool:
    # A villager (a party's account) may ask for a legal consultation at any active point;
    # case viewings and training sessions are ordered for a whole village by its liaison.
    return may_order_at(actor, point, kind)


@transaction.atomic
def request_order(
    *,
    actor: User,
    service_point: ServicePoint,
    kind: str,
    topic: str,
    requester_kind: str,
    requester_name: str,
    description: str = "",
    preferred_date: date | None = None,
    expected_attendance: int | None = None,
) -> OutreachOrder:
    """A liaison (for their point) or a governance officer (for their court) places an order."""
    if not _may_order_for(actor, service_point, kind):
        raise NotPermitted(_("只有本服务点的联络员或本院综治干部可以点单；群众可以预约法律咨询。"))
    errors: dict[str, str] = {}
    if kind not in OutreachOrder.Kind.values:
        errors["kind"] = _("服务类型无效。")
    if requester_kind not in OutreachOrder.Requester.values:
        errors["requester_kind"] = _("点单单位类型无效。")
    if not _text(requester_name):
        errors["requester_name"] = _("请填写点单单位。")
    if not _text(topic):
        errors["topic"] = _("请填写主题。")
    if preferred_date is not None and preferred_date < timezone.localdate():
        errors["preferred_date"] = _("期望日期不能早于今天。")
    if expected_attendance is not None and expected_attendance < 1:
        errors["expected_attendance"] = _("预计人数必须大于 0。")
    if errors:
        raise FieldError(errors)
    order = OutreachOrder.objects.create(
        court_id=service_point.tribunal.court_id,
        service_point=service_point,
        kind=kind,
        topic=_text(topic)[:100],
        requester_kind=requester_kind,
        requester_name=_text(requester_name)[:100],
        description=_text(description),
        preferred_date=preferred_date,
        expected_attendance=expected_attendance,
        requested_by=actor,
    )
    record_event(
        actor=actor,
        action="knowledge.order.request",
        target=order,
        after={"status": order.status, "kind": kind, "topic": order.topic},
    )
    return order


@transaction.atomic
def schedule_order(
    *,
    actor: User,
    order: OutreachOrder,
    scheduled_at: datetime,
    place: str,
    speaker: User | None = None,
) -> OutreachOrder:
    """Court personnel fix the time, place and speaker (rescheduling allowed before delivery)."""
    order = OutreachOrder.objects.select_for_update().get(pk=order.pk)
    if not is_court_personnel_of(actor, order.court_id):
        raise NotPermitted(_("只有法院工作人员可以安排点单。"))
    errors: dict[str, str] = {}
    if scheduled_at is None:
        errors["scheduled_at"] = _("请填写安排时间。")
    elif scheduled_at < timezone.now():
        errors["scheduled_at"] = _("安排时间不能早于现在。")
    if not _text(place):
        errors["place"] = _("请填写地点。")
    if speaker is not None and not is_court_personnel_of(speaker, order.court_id):
        errors["speaker"] = _("主讲人必须是本院法官或法官助理。")
    if errors:
        raise FieldError(errors)
    before = _move(rules.ORDER_FLOW, order, "scheduled", _("该点单当前不能排期。"))
    order.scheduled_at = scheduled_at
    order.place = _text(place)[:200]
    order.speaker = speaker or actor
    order.scheduled_by = actor
    order.save()
    record_event(
        actor=actor,
        action="knowledge.order.schedule",
        target=order,
        before={"status": before},
        after={"status": order.status, "scheduled_at": scheduled_at, "place": order.place},
    )
    return order


@transaction.atomic
def deliver_order(
    *,
    actor: User,
    order: OutreachOrder,
    attendance: int,
    feedback: str = "",
    satisfaction: int | None = None,
) -> OutreachOrder:
    """Court personnel record that the service took place, with attendance and feedback."""
    order = OutreachOrder.objects.select_for_update().get(pk=order.pk)
    if not is_court_personnel_of(actor, order.court_id):
        raise NotPermitted(_("只有法院工作人员可以登记完成情况。"))
    errors: dict[str, str] = {}
    if attendance is None or attendance < 1:
        errors["attendance"] = _("参加人数必须大于 0。")
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        errors["satisfaction"] = _("满意度应为 1 至 5 分。")
    if errors:
        raise FieldError(errors)
    before = _move(rules.ORDER_FLOW, order, "delivered", _("只有已排期的点单可以登记完成。"))
    order.attendance = attendance
    order.feedback = _text(feedback)
    order.satisfaction = satisfaction
    order.delivered_at = timezone.now()
    order.save()
    record_event(
        actor=actor,
        action="knowledge.order.deliver",
        target=order,
        before={"status": before},
        after={"status": order.status, "attendance": attendance, "satisfaction": satisfaction},
    )
    return order


@transaction.atomic
def cancel_order(*, actor: User, order: OutreachOrder, reason: str) -> OutreachOrder:
    """The requester or court personnel cancel an order that has not been delivered."""
    order = OutreachOrder.objects.select_for_update().get(pk=order.pk)
    if order.requested_by_id != actor.pk and not is_court_personnel_of(actor, order.court_id):
        raise NotPermitted(_("只有点单人或法院工作人员可以取消点单。"))
    reason = _text(reason)
    if not reason:
        raise FieldError({"reason": _("请填写取消原因。")})
    before = _move(rules.ORDER_FLOW, order, "cancelled", _("已完成或已取消的点单不能取消。"))
    order.cancel_reason = reason[:200]
    order.save()
    record_event(
        actor=actor,
        action="knowledge.order.cancel",
        target=order,
        before={"status": before},
        after={"status": order.status, "reason": order.cancel_reason},
    )
    return order


# --- 乡规民约 --------------------------------------------------------------------------------


def _is_liaison_of(actor: User, point_id: int) -> bool:
    return is_liaison_of(actor, point_id)


@transaction.atomic
def submit_village_rules(
    *, actor: User, service_point: ServicePoint, title: str, text: str
) -> VillageRules:
    """A village liaison submits the village's rules for the tribunal's review (version 1)."""
    if not _is_liaison_of(actor, service_point.pk):
        raise NotPermitted(_("只有本服务点的联络员可以提交乡规民约。"))
    errors: dict[str, str] = {}
    if not _text(title):
        errors["title"] = _("请填写名称。")
    if len(_text(text)) < 20:
        errors["text"] = _("乡规民约文本不能少于 20 个字。")
    if errors:
        raise FieldError(errors)
    item = VillageRules.objects.create(service_point=service_point, title=_text(title)[:120])
    VillageRulesVersion.objects.create(rules=item, number=1, text=_text(text), submitted_by=actor)
    record_event(
        actor=actor,
        action="knowledge.village_rules.submit",
        target=item,
        after={"status": item.status, "version": 1},
    )
    return item


@transaction.atomic
def review_village_rules(
    *, actor: User, rules_item: VillageRules, comment: str, approve: bool
) -> VillageRules:
    """The tribunal reviews the current version: comments for revision, or files it."""
    item = (
        VillageRules.objects.select_for_update()
        .select_related("service_point__tribunal")
        .get(pk=rules_item.pk)
    )
    if not is_court_personnel_of(actor, item.service_point.tribunal.court_id):
        raise NotPermitted(_("只有法院工作人员可以审查乡规民约。"))
    comment = _text(comment)
    if not approve and not comment:
        raise FieldError({"comment": _("请填写审查意见。")})
    target = "filed" if approve else "reviewed"
    before = _move(rules.VILLAGE_RULES_FLOW, item, target, _("该乡规民约当前不能审查。"))
    version = item.versions.get(number=item.current_version)
    version.review_comment = comment
    version.reviewed_by = actor
    version.reviewed_at = timezone.now()
    version.save()
    item.save()
    record_event(
        actor=actor,
        action="knowledge.village_rules.file" if approve else "knowledge.village_rules.review",
        target=item,
        before={"status": before},
        after={"status": item.status, "version": item.current_version, "comment": comment},
    )
    return item


@transaction.atomic
def revise_village_rules(
    *, actor: User, rules_item: VillageRules, text: str, note: str = ""
) -> VillageRules:
    """The village submits a revised version after review; earlier versions stay."""
    item = VillageRules.objects.select_for_update().get(pk=rules_item.pk)
    if not _is_liaison_of(actor, item.service_point_id):
        raise NotPermitted(_("只有本服务点的联络员可以提交修改稿。"))
    if len(_text(text)) < 20:
        raise FieldError({"text": _("乡规民约文本不能少于 20 个字。")})
    before = _move(
        rules.VILLAGE_RULES_FLOW, item, "submitted", _("只有提出审查意见后才能提交修改稿。")
    )
    item.current_version += 1
    VillageRulesVersion.objects.create(
        rules=item,
        number=item.current_version,
        text=_text(text),
        note=_text(note)[:300],
        submitted_by=actor,
    )
    item.save()
    record_event(
        actor=actor,
        action="knowledge.village_rules.revise",
        target=item,
        before={"status": before, "version": item.current_version - 1},
        after={"status": item.status, "version": item.current_version},
    )
    return item
