"""User administration pages for the court administrator (/users/). Thin: who may see whom is
`accounts.selectors.restrict`, every change an `accounts.services_users` function."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from fating.accounts import rules, selectors, services_users
from fating.accounts.models import Role, User
from fating.accounts.places import place_for, place_groups
from fating.accounts.timeline import timeline_rows
from fating.core.audit import events_for
from fating.core.exceptions import NotPermitted, NotVisible
from fating.core.http import form_errors, page_view, paginate
from fating.core.idempotency import idempotent_page
from fating.core.identifiers import mask_id_number

FIELD_LABELS = {
    "full_name": _("姓名"), "mobile": _("手机号码"), "id_number": _("公民身份号码"),
    "username": _("用户名"), "role": _("角色"), "place": _("地点"), "reason": _("原因"),
    "grant": _("身份"), "user": _("账号"),
}  # fmt: skip
STATUSES = [
    ("active", _("有有效身份")),
    ("ended", _("身份均已结束")),
    ("inactive", _("账号已停用")),
]


def _labels() -> dict[str, str]:
    return {k: str(v) for k, v in FIELD_LABELS.items()}


def grantable_roles() -> list[tuple[str, str]]:
    return [(r, str(Role(r).label)) for r in rules.GRANTABLE_PLACES]


def _check_admin(user: User) -> None:
    courts = selectors.managed_courts(user)
    if courts is not None and not courts:
        raise NotPermitted(_("只有法院管理员可以管理用户。"))


@login_required
@page_view
def user_list(request: HttpRequest) -> HttpResponse:
    _check_admin(request.user)
    q = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    status = request.GET.get("status", "")
    users = selectors.users_for(request.user, search=q, role=role, status=status)
    page = paginate(request, users.order_by("-date_joined", "-pk"))
    return render(request, "accounts/users/list.html", {
        "page": page, "q": q, "role": role, "status": status, "roles": grantable_roles(),
        "statuses": STATUSES,
    })  # fmt: skip


def _timeline(actor: User, target: User) -> list[dict[str, Any]]:
    """The target's audit events, without what happened in a court the actor does not manage
    (events about a grant name its court)."""
    courts = selectors.managed_courts(actor)
    events = events_for(target).select_related("actor").order_by("-seq")[:100]

    def ours(event: Any) -> bool:
        court = (event.after or {}).get("court") if isinstance(event.after, dict) else None
        if court is None or courts is None:
            return True
        wanted = court if isinstance(court, list) else [court]
        return bool(set(wanted) & courts)

    return timeline_rows([e for e in events if ours(e)])


def _detail_context(request: HttpRequest, target: User) -> dict[str, Any]:
    grants = list(selectors.grants_of_user(request.user, target))
    can_change = not target.is_superuser
    can_deactivate = (
        can_change
        and target.pk != request.user.pk
        and selectors.restrict(
            User.objects.filter(pk=target.pk), request.user, "deactivate"
        ).exists()
    )
    return {
        "target": target,
        "grants": grants,
        "id_number": mask_id_number(target.id_number) if target.id_number else "",
        "timeline": _timeline(request.user, target),
        "can_change": can_change,
        "can_deactivate": can_deactivate,
        "roles": grantable_roles(),
        "place_groups": place_groups(request.user),
        "errors": [],
        "data": {},
    }


@login_required
@page_view
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.user_for(request.user, pk)
    return render(request, "accounts/users/detail.html", _detail_context(request, target))


@never_cache
@login_required
@page_view
@idempotent_page
def user_create(request: HttpRequest) -> HttpResponse:
    _check_admin(request.user)
    errors: list[str] = []
    if request.method == "POST":
        data = request.POST
        created: list[tuple[User, str]] = []

        def action() -> None:
            created.append(services_users.create_user(
                actor=request.user, full_name=data.get("full_name", ""),
                mobile=data.get("mobile", ""), id_number=data.get("id_number", ""),
                username=data.get("username", ""), role=data.get("role", ""),
                place=place_for(request.user, data.get("place", "")),
            ))  # fmt: skip

        errors = form_errors(action, _labels())
        if not errors:
            user, password = created[0]
            # Shown in this answer only: the temporary password is never stored in clear.
            return render(request, "accounts/users/password_issued.html",
                          {"target": user, "password": password, "created": True})  # fmt: skip
    return render(request, "accounts/users/create.html", {
        "errors": errors, "data": request.POST, "roles": grantable_roles(),
        "place_groups": place_groups(request.user),
    })  # fmt: skip


def _act(request: HttpRequest, target: User, action: Any, done: str) -> HttpResponse:
    """Run a change from the user's page: back to the page with a message, or the page again
    with the errors."""
    errors = form_errors(action, _labels())
    if not errors:
        messages.success(request, done)
        return redirect("accounts:user-detail", target.pk)
    context = _detail_context(request, target)
    context.update(errors=errors, data=request.POST)
    return render(request, "accounts/users/detail.html", context, status=400)


@login_required
@page_view
@require_POST
def grant_add(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.user_for(request.user, pk, "change")

    def action() -> None:
        services_users.add_grant(
            actor=request.user, user=target, role=request.POST.get("role", ""),
            place=place_for(request.user, request.POST.get("place", "")),
        )  # fmt: skip

    return _act(request, target, action, _("已授予身份。"))


@login_required
@page_view
@require_POST
def grant_end(request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    target = selectors.user_for(request.user, pk, "change")
    grant = selectors.grant_for(request.user, grant_pk)
    if grant.user_id != target.pk:
        raise NotVisible(_("身份不存在。"))

    def action() -> None:
        services_users.end_grant(
            actor=request.user, grant=grant, reason=request.POST.get("reason", "")
        )
        if target.pk == request.user.pk:
            request.user.refresh_from_db()
            update_session_auth_hash(request, request.user)

    return _act(request, target, action, _("身份已结束，该用户的登录和接口令牌已失效。"))


@login_required
@page_view
@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.user_for(request.user, pk, "deactivate")

    def action() -> None:
        services_users.deactivate_user(
            actor=request.user, user=target, reason=request.POST.get("reason", "")
        )

    return _act(request, target, action, _("账号已停用，该用户的登录和接口令牌已失效。"))


@login_required
@page_view
@require_POST
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.user_for(request.user, pk, "deactivate")

    def action() -> None:
        services_users.reactivate_user(actor=request.user, user=target)

    return _act(request, target, action, _("账号已恢复。"))


@never_cache
@login_required
@page_view
@require_POST
def password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a temporary password (shown once, in this answer) or send the SMS reset code."""
    target = selectors.user_for(request.user, pk, "change")
    if request.POST.get("method") == "sms":

        def action() -> None:
            services_users.send_password_reset_code(actor=request.user, user=target)

        return _act(
            request,
            target,
            action,
            _("验证码已通过短信发送，请告知用户在“忘记密码”页面设置新密码。"),
        )
    issued: list[str] = []

    def issue() -> None:
        issued.append(services_users.issue_temporary_password(actor=request.user, user=target))

    errors = form_errors(issue, _labels())
    if errors:
        context = _detail_context(request, target)
        context.update(errors=errors)
        return render(request, "accounts/users/detail.html", context, status=400)
    return render(request, "accounts/users/password_issued.html",
                  {"target": target, "password": issued[0], "created": False})  # fmt: skip
