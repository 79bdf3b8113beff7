"""User administration by a court administrator: accounts, grants, deactivation, passwords.

Each function is keyword-only, checks the administrator's right first (through
`accounts.selectors.restrict`, the same rule the pages and the API ask), runs in one transaction
and writes one audit event whose target is the person administered, so their page shows the
story. A person with grants in two courts is managed per court: an administrator grants and ends
only grants at places in their own court, and deactivates an account only when it holds no
grant elsewhere. Every event about a grant names its court (`after["court"]`), so one court's
timeline never shows another court's grants.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fating.accounts import rules, selectors, services
from fating.accounts.models import Membership, Role, User
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.identifiers import IdentifierError, validate_id_number, validate_mobile

#: A court, tribunal, service point or mediation organisation (network's models, which accounts
#: does not import: network depends on accounts).
Place = Model

#: Each place model as the Membership field it fills.
_PLACE_FIELD = {
    "network.court": "court",
    "network.tribunal": "tribunal",
    "network.servicepoint": "service_point",
    "network.mediationorganisation": "organisation",
    "network.department": "department",
}


PLACE_LABELS: dict[str, Any] = {
    "court": gettext_lazy("法院"),
    "tribunal": gettext_lazy("人民法庭"),
    "service_point": gettext_lazy("服务点"),
    "organisation": gettext_lazy("调解组织"),
    "department": gettext_lazy("联动部门"),
}


def place_kind(place: Place) -> str:
    """The place as the Membership field it fills: court, tribunal, service_point, organisation."""
    kind = _PLACE_FIELD.get(place._meta.label_lower)
    if kind is None:
        raise FieldError({"place": _("请选择法院、人民法庭、服务点、调解组织或联动部门。")})
    return kind


def place_court_id(place: Place) -> int:
    """The court a place lies in."""
    kind = place_kind(place)
    if kind == "court":
        return int(place.pk)
    if kind == "service_point":
        return int(place.tribunal.court_id)  # type: ignore[attr-defined]
    return int(place.court_id)  # type: ignore[attr-defined]


def _check_manages(actor: User, court_id: int | None) -> None:
    courts = selectors.managed_courts(actor)
    if courts is not None and court_id not in courts:
        raise FieldError({"place": _("所选地点不在您管理的法院内。")})


def _check_grant(actor: User, role: str, place: Place | None) -> tuple[str, int]:
    """(place kind, court id) for granting `role` at `place`, or FieldError naming the field."""
    if role not in rules.GRANTABLE_PLACES:
        raise FieldError({"role": _("请选择可授予的角色。")})
    if place is None:
        raise FieldError({"place": _("请选择授予身份的地点。")})
    kind = place_kind(place)
    if not rules.is_grantable(role, kind):
        where = "、".join(str(PLACE_LABELS[k]) for k in rules.GRANTABLE_PLACES[role])
        raise FieldError(
            {
                "place": _("“%(role)s”只能在%(where)s授予。")
                % {"role": Role(role).label, "where": where}
            }
        )
    if getattr(place, "active", True) is False:
        raise FieldError({"place": _("该地点已撤销，不能在此授予身份。")})
    court_id = place_court_id(place)
    _check_manages(actor, court_id)
    return kind, court_id


def _grant_facts(membership: Membership, court_id: int | None) -> dict[str, Any]:
    return {
        "grant": membership.pk,
        "role": membership.role,
        "place": membership.place_name,
        "court": court_id,
    }


def _end_sessions(user: User) -> int:
    """End every web session and API token of `user` (sessions through the generation in the
    session hash, as a password change does through the password hash); tokens revoked."""
    user.session_generation += 1
    user.save(update_fields=["session_generation"])
    return services.revoke_all_tokens(user)


def _clean_mobile(mobile: str) -> str:
    try:
        value = validate_mobile(mobile or "")
    except IdentifierError as exc:
        raise FieldError({"mobile": exc.message}) from None
    return value


def _clean_id_number(id_number: str) -> str:
    if not (id_number or "").strip():
        return ""
    try:
        return validate_id_number(id_number)
    except IdentifierError as exc:
        raise FieldError({"id_number": exc.message}) from None


@transaction.atomic
def create_user(
    *,
    actor: User,
    full_name: str,
    mobile: str,
    role: str,
    place: Place | None,
    id_number: str = "",
    username: str = "",
) -> tuple[User, str]:
    """Open an account holding one grant at a place in the administrator's court; returns
    (user, temporary password). The password is shown once and must be changed at the first
    sign-in. The username defaults to the mobile number (both sign in)."""
    errors: dict[str, str] = {}
    full_name = (full_name or "").strip()
    if not full_name:
        errors["full_name"] = _("请输入姓名。")
    elif len(full_name) > 60:
        errors["full_name"] = _("姓名不能超过 60 个字。")
    try:
        mobile = _clean_mobile(mobile)
    except FieldError as exc:
        errors["mobile"] = exc.fields["mobile"][0]
    else:
        if User.objects.filter(mobile=mobile).exists():
            errors["mobile"] = _("该手机号码已被其他账号使用。")
    try:
        id_number = _clean_id_number(id_number)
    except FieldError as exc:
        errors["id_number"] = exc.fields["id_number"][0]
    username = (username or "").strip() or (mobile if "mobile" not in errors else "")
    if username and len(username) > 150:
        errors["username"] = _("用户名不能超过 150 个字符。")
    elif username and User.objects.filter(username=username).exists():
        errors["username"] = _("该用户名已被使用。")
    try:
        kind, court_id = _check_grant(actor, role, place)
    except FieldError as exc:
        errors.update({k: v[0] for k, v in exc.fields.items()})
    if errors:
        raise FieldError(errors)
    password = rules.temporary_password()
    try:
        with transaction.atomic():
            user = User(username=username, full_name=full_name, mobile=mobile,
                        id_number=id_number, must_change_password=True)  # fmt: skip
            user.set_password(password)
            user.save()
    except IntegrityError:  # a simultaneous request took the number or the name
        raise FieldError({"mobile": _("该手机号码或用户名已被其他账号使用。")}) from None
    membership = Membership.objects.create(user=user, role=role, **{kind: place})
    record_event(
        actor=actor,
        action="accounts.user.create",
        target=user,
        after={**_grant_facts(membership, court_id), "username": username,
               "id_number_given": bool(id_number)},
    )  # fmt: skip
    return user, password


@transaction.atomic
def add_grant(*, actor: User, user: User, role: str, place: Place | None) -> Membership:
    """Grant `role` at `place` (in the administrator's court) to `user`. A grant ended before is
    restored rather than duplicated; one already held is refused."""
    user = selectors.user_for(actor, user.pk, "change")
    kind, court_id = _check_grant(actor, role, place)
    membership = Membership.objects.filter(
        user=user, role=role, **{k: None for k in rules.PLACE_KINDS if k != kind}, **{kind: place}
    ).first()
    if membership is not None and membership.active:
        raise FieldError({"role": _("该用户在此处已拥有该身份。")})
    if membership is None:
        membership = Membership.objects.create(user=user, role=role, **{kind: place})
    else:
        membership.active = True
        membership.save(update_fields=["active", "updated_at"])
    record_event(
        actor=actor,
        action="accounts.grant.add",
        target=user,
        after=_grant_facts(membership, court_id),
    )
    return membership


def _refuse_last_admin(membership: Membership, court_id: int | None) -> None:
    """A court keeps at least one active court administrator."""
    if membership.role != Role.COURT_ADMIN or not membership.active or court_id is None:
        return
    others = selectors.court_admins(court_id).exclude(pk=membership.user_id)
    if not others.exists():
        raise NotPermitted(_("本院至少要保留一名法院管理员，不能结束最后一名管理员的身份。"))


@transaction.atomic
def end_grant(*, actor: User, grant: Membership, reason: str) -> Membership:
    """End one grant at a place in the administrator's court, with the reason; the holder's
    sessions and API tokens end with it (what they may see has changed)."""
    grant = selectors.grant_for(actor, grant.pk)
    reason = (reason or "").strip()
    if not reason:
        raise FieldError({"reason": _("请填写结束身份的原因。")})
    if len(reason) > 200:
        raise FieldError({"reason": _("原因不能超过 200 个字。")})
    if not grant.active:
        raise FieldError({"grant": _("该身份已经结束。")})
    court_id = selectors.membership_court_id(grant)
    _refuse_last_admin(grant, court_id)
    grant.active = False
    grant.save(update_fields=["active", "updated_at"])
    user = User.objects.select_for_update().get(pk=grant.user_id)
    revoked = _end_sessions(user)
    record_event(
        actor=actor,
        action="accounts.grant.end",
        target=user,
        before={"active": True},
        after={**_grant_facts(grant, court_id), "active": False, "note": reason,
               "tokens_revoked": revoked},
    )  # fmt: skip
    return grant


def _court_of_event(actor: User) -> list[int] | None:
    courts = selectors.managed_courts(actor)
    return sorted(courts) if courts is not None else None


@transaction.atomic
def deactivate_user(*, actor: User, user: User, reason: str) -> User:
    """Stop an account from signing in: its sessions and tokens end, its grants stay (so it can
    be reactivated as it was). Only for someone working in no court the administrator does not
    manage — otherwise end this court's grants instead."""
    user = selectors.user_for(actor, user.pk, "deactivate")
    reason = (reason or "").strip()
    if not reason:
        raise FieldError({"reason": _("请填写停用账号的原因。")})
    if len(reason) > 200:
        raise FieldError({"reason": _("原因不能超过 200 个字。")})
    if user.pk == actor.pk:
        raise NotPermitted(_("不能停用自己的账号。"))
    if not user.is_active:
        raise FieldError({"user": _("该账号已经停用。")})
    for grant in user.memberships.filter(role=Role.COURT_ADMIN, active=True):
        _refuse_last_admin(grant, grant.court_id)
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = False
    user.save(update_fields=["is_active"])
    revoked = _end_sessions(user)
    record_event(
        actor=actor,
        action="accounts.user.deactivate",
        target=user,
        before={"is_active": True},
        after={"is_active": False, "note": reason, "tokens_revoked": revoked,
               "court": _court_of_event(actor)},
    )  # fmt: skip
    return user


@transaction.atomic
def reactivate_user(*, actor: User, user: User) -> User:
    """Let a deactivated account sign in again, with the grants it still holds."""
    user = selectors.user_for(actor, user.pk, "deactivate")
    if user.is_active:
        raise FieldError({"user": _("该账号未停用。")})
    user.is_active = True
    user.save(update_fields=["is_active"])
    record_event(
        actor=actor,
        action="accounts.user.reactivate",
        target=user,
        before={"is_active": False},
        after={"is_active": True, "court": _court_of_event(actor)},
    )
    return user


@transaction.atomic
def issue_temporary_password(*, actor: User, user: User) -> str:
    """Replace the password with a random temporary one, shown once to the administrator; the
    holder must change it at the next sign-in. Sessions end (the password hash changed) and
    every API token is revoked; a sign-in lock on the account is lifted."""
    user = selectors.user_for(actor, user.pk, "change")
    if not user.is_active:
        raise FieldError({"user": _("账号已停用，请先恢复账号。")})
    password = rules.temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    revoked = services.revoke_all_tokens(user)
    record_event(
        actor=actor,
        action="accounts.password.temporary",
        target=user,
        after={"tokens_revoked": revoked, "by": "administrator",
               "court": _court_of_event(actor)},
    )  # fmt: skip
    transaction.on_commit(lambda: AxesProxyHandler.reset_attempts(username=user.get_username()))
    return password


@transaction.atomic
def send_password_reset_code(*, actor: User, user: User) -> None:
    """Send the holder the SMS code of the self-service reset (accounts.services), so they set a
    new password themselves at /password/reset/; the password is unchanged until they do."""
    user = selectors.user_for(actor, user.pk, "change")
    if not user.is_active:
        raise FieldError({"user": _("账号已停用，请先恢复账号。")})
    if not user.mobile:
        raise FieldError({"mobile": _("该用户没有登记手机号码，请改用临时密码。")})
    if services.over_reset_limit(user.mobile):
        raise services.TooManyRequests(_("获取验证码过于频繁，请一小时后再试。"))
    services.send_reset_code(user=user, mobile=user.mobile)
    record_event(
        actor=actor,
        action="accounts.password.reset_code",
        target=user,
        after={"by": "administrator", "court": _court_of_event(actor)},
    )
