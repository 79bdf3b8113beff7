"""Pages of legal education (普法): 你问我答, 点单 orders, village rules. Thin."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.accounts.models import COURT_ROLES, User
from fating.accounts.selectors import holders
from fating.core.exceptions import FieldError, InvalidTransition
from fating.core.http import client_address, page_view, paginate
from fating.knowledge import rules, selectors, services
from fating.knowledge.models import OutreachOrder, Question
from fating.knowledge.views import flash_errors
from fating.network.models import Court

#: 你问我答 accepts this many questions per client address per hour (no captcha: rate-limited).
QUESTION_LIMIT = getattr(settings, "KNOWLEDGE_QUESTION_LIMIT", 5)
QUESTION_WINDOW = 3600


def question_throttle_key(request: HttpRequest) -> str:
    """The cache key counting questions from this address (shared by the page and the API)."""
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"knowledge-ask:{digest}"


def count_question(key: str) -> None:
    if not cache.add(key, 1, timeout=QUESTION_WINDOW):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=QUESTION_WINDOW)


def questions(request: HttpRequest) -> HttpResponse:
    """Published questions and answers, and the form to ask one (public)."""
    errors: dict[str, list[str]] = {}
    status = 200
    courts = Court.objects.order_by("name")
    if request.method == "POST":
        key = question_throttle_key(request)
        court = courts.filter(pk=request.POST.get("court") or 0).first()
        if rules.rate_limit_exceeded(cache.get(key, 0), limit=QUESTION_LIMIT):
            errors = {"__all__": [_("提问过于频繁，请一小时后再试。")]}
            status = 429
        elif court is None:
            errors = {"court": [_("请选择法院。")]}
        else:
            try:
                services.ask_question(
                    court=court,
                    title=request.POST.get("title", ""),
                    text=request.POST.get("text", ""),
                    asker_name=request.POST.get("asker_name", ""),
                    contact=request.POST.get("contact", ""),
                )
            except FieldError as exc:
                errors = exc.fields
            else:
                count_question(key)
                messages.success(request, _("问题已提交，法官回答并审核后将在此公布。"))
                return redirect("knowledge:questions")
    return render(
        request,
        "knowledge/questions.html",
        {
            "page": paginate(request, selectors.published_questions()),
            "courts": courts,
            "errors": errors,
            "data": request.POST,
        },
        status=status,
    )


@page_view
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_for(request.user, pk)
    personnel = selectors.is_court_personnel_of(request.user, question.court_id)
    is_judge = selectors.is_judge_of(request.user, question.court_id)
    return render(
        request,
        "knowledge/question_detail.html",
        {
            "question": question,
            "personnel": personnel,
            "can_answer": is_judge and question.status == Question.Status.ASKED,
            "can_review": is_judge
            and question.status == Question.Status.ANSWERED
            and question.answered_by_id != request.user.pk,
        },
    )


@login_required
@page_view
def questions_manage(request: HttpRequest) -> HttpResponse:
    qs = selectors.questions_to_handle(request.user)
    status = request.GET.get("status", "")
    if status in Question.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "knowledge/questions_manage.html",
        {"page": paginate(request, qs), "statuses": Question.Status.choices, "status": status},
    )


@login_required
@require_POST
@page_view
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_for(request.user, pk)
    try:
        services.answer_question(
            actor=request.user, question=question, answer=request.POST.get("answer", "")
        )
    except (FieldError, InvalidTransition) as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("回答已提交审核。"))
    return redirect("knowledge:question", pk=pk)


@login_required
@require_POST
@page_view
def question_review(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_for(request.user, pk)
    try:
        services.review_question(
            actor=request.user,
            question=question,
            publish=request.POST.get("decision") == "publish",
            note=request.POST.get("note", ""),
        )
    except (FieldError, InvalidTransition) as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("审核结果已保存。"))
    return redirect("knowledge:question", pk=pk)


# --- 点单 -------------------------------------------------------------------------------------


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@page_view
def orders(request: HttpRequest) -> HttpResponse:
    qs = selectors.orders_for(request.user)
    return render(
        request,
        "knowledge/orders.html",
        {
            "page": paginate(request, qs),
            "stats": selectors.education_statistics(qs),
            "can_order": _orderable_points(request.user).exists(),
        },
    )


def _orderable_points(user: User):
    return selectors.orderable_points(user)


@login_required
@page_view
def order_new(request: HttpRequest) -> HttpResponse:
    selectors.orders_for(request.user)  # 403 for people outside the network
    points = _orderable_points(request.user).order_by("name")
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        point = points.filter(pk=_int(request.POST.get("service_point")) or 0).first()
        if point is None:
            errors = {"service_point": [_("请选择服务点。")]}
        else:
            try:
                order = services.request_order(
                    actor=request.user,
                    service_point=point,
                    kind=request.POST.get("kind", ""),
                    topic=request.POST.get("topic", ""),
                    requester_kind=request.POST.get("requester_kind", ""),
                    requester_name=request.POST.get("requester_name", ""),
                    description=request.POST.get("description", ""),
                    preferred_date=_date(request.POST.get("preferred_date")),
                    expected_attendance=_int(request.POST.get("expected_attendance")),
                )
            except FieldError as exc:
                errors = exc.fields
            else:
                messages.success(request, _("点单已提交，法庭将尽快安排。"))
                return redirect("knowledge:order", pk=order.pk)
    return render(
        request,
        "knowledge/order_new.html",
        {
            "points": points,
            "kinds": OutreachOrder.Kind.choices,
            "requesters": OutreachOrder.Requester.choices,
            "errors": errors,
            "data": request.POST,
        },
    )


@login_required
@page_view
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.order_for(request.user, pk)
    personnel = selectors.is_court_personnel_of(request.user, order.court_id)
    speakers = holders(COURT_ROLES, court=order.court_id)
    return render(
        request,
        "knowledge/order_detail.html",
        {
            "order": order,
            "personnel": personnel,
            "speakers": speakers if personnel else [],
            "can_cancel": order.status in ("requested", "scheduled")
            and (personnel or order.requested_by_id == request.user.pk),
        },
    )


def _order_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    order = selectors.order_for(request.user, pk)
    post = request.POST
    try:
        if action == "schedule":
            when = None
            raw = post.get("scheduled_at", "")
            if raw:
                try:
                    when = timezone.make_aware(datetime.fromisoformat(raw))
                except ValueError:
                    raise FieldError({"scheduled_at": "安排时间格式无效。"}) from None
            speaker = User.objects.filter(pk=_int(post.get("speaker")) or 0).first()
            services.schedule_order(
                actor=request.user,
                order=order,
                scheduled_at=when,  # type: ignore[arg-type]
                place=post.get("place", ""),
                speaker=speaker,
            )
        elif action == "deliver":
            services.deliver_order(
                actor=request.user,
                order=order,
                attendance=_int(post.get("attendance")),  # type: ignore[arg-type]
                feedback=post.get("feedback", ""),
                satisfaction=_int(post.get("satisfaction")),
            )
        else:
            services.cancel_order(actor=request.user, order=order, reason=post.get("reason", ""))
    except (FieldError, InvalidTransition) as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, {"schedule": _("已安排点单活动。"), "deliver": _("已登记点单活动完成情况。")}
                         .get(action, _("已取消点单。")))  # fmt: skip
    return redirect("knowledge:order", pk=pk)


@login_required
@require_POST
@page_view
def order_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    return _order_action(request, pk, "schedule")


@login_required
@require_POST
@page_view
def order_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    return _order_action(request, pk, "deliver")


@login_required
@require_POST
@page_view
def order_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _order_action(request, pk, "cancel")


# --- 乡规民约 ---------------------------------------------------------------------------------


@login_required
@page_view
def village_rules(request: HttpRequest) -> HttpResponse:
    qs = selectors.village_rules_for(request.user)
    points = selectors.liaison_points(request.user)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        point = points.filter(pk=_int(request.POST.get("service_point")) or 0).first()
        if point is None:
            errors = {"service_point": [_("只有本服务点的联络员可以提交乡规民约。")]}
        else:
            try:
                item = services.submit_village_rules(
                    actor=request.user,
                    service_point=point,
                    title=request.POST.get("title", ""),
                    text=request.POST.get("text", ""),
                )
            except FieldError as exc:
                errors = exc.fields
            else:
                messages.success(request, _("乡规民约已提交法庭审查。"))
                return redirect("knowledge:village-rules-item", pk=item.pk)
    return render(
        request,
        "knowledge/village_rules.html",
        {"page": paginate(request, qs), "points": points, "errors": errors, "data": request.POST},
    )


@login_required
@page_view
def village_rules_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.village_rules_item(request.user, pk)
    personnel = selectors.is_court_personnel_of(request.user, item.service_point.tribunal.court_id)
    is_liaison = selectors.is_liaison_of(request.user, item.service_point_id)
    return render(
        request,
        "knowledge/village_rules_item.html",
        {
            "item": item,
            "versions": item.versions.select_related("submitted_by", "reviewed_by"),
            "can_review": personnel and item.status == "submitted",
            "can_revise": is_liaison and item.status == "reviewed",
        },
    )


@login_required
@require_POST
@page_view
def village_rules_review(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.village_rules_item(request.user, pk)
    try:
        services.review_village_rules(
            actor=request.user,
            rules_item=item,
            comment=request.POST.get("comment", ""),
            approve=request.POST.get("decision") == "file",
        )
    except (FieldError, InvalidTransition) as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("审查意见已保存。"))
    return redirect("knowledge:village-rules-item", pk=pk)


@login_required
@require_POST
@page_view
def village_rules_revise(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.village_rules_item(request.user, pk)
    try:
        services.revise_village_rules(
            actor=request.user,
            rules_item=item,
            text=request.POST.get("text", ""),
            note=request.POST.get("note", ""),
        )
    except (FieldError, InvalidTransition) as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("修改稿已提交。"))
    return redirect("knowledge:village-rules-item", pk=pk)
