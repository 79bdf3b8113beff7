"""Writes of sign-up and real-name verification. Each is keyword-only, one transaction (the
code check runs in its own, so a wrong code is counted), permission first, one audit event."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import Membership, Role, User
from fating.accounts.selectors import scope_of
from fating.accounts.services import TooManyRequests
from fating.cases.models import Case
from fating.core import otp, uploads
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, NotPermitted, NotVisible
from fating.core.identifiers import IdentifierError, validate_id_number, validate_mobile
from fating.core.uploads import check_upload
from fating.network.models import ServicePoint
from fating.people import rules, selectors
from fating.people.models import RealName, Representation, SignUp

CODE_PURPOSE = "people.signup"


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _over_limit(key: str, limit: int) -> bool:
    window = int(rules.CODE_WINDOW.total_seconds())
    if cache.add(key, 1, timeout=window):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def _clean_identity(full_name: str, mobile: str, id_number: str) -> tuple[str, str, str]:
    errors: dict[str, list[str]] = {}
    full_name = (full_name or "").strip()
    if not full_name or len(full_name) > 60:
        errors["full_name"] = [_("请填写姓名（不超过 60 个字）。")]
    try:
        mobile = validate_mobile(mobile or "")
    except IdentifierError as exc:
        errors["mobile"] = [str(exc)]
    try:
        # GB 11643-1999 checksum and birth date (python-stdnum cn.ric, via core.identifiers).
        id_number = validate_id_number(id_number or "")
    except IdentifierError as exc:
        errors["id_number"] = [str(exc)]
    if errors:
        raise FieldError(errors)
    return full_name, mobile, id_number


def start_signup(
    *,
    full_name: str,
    mobile: str,
    id_number: str,
    address: str,
    liaison: Any = None,
    service_point: ServicePoint | None = None,
) -> SignUp:
    """Check the person's details and send an SMS code to the mobile; throttled per number and
    per client address. With `liaison` and `service_point`: a liaison starts the sign-up for a
    villager at their point, having compared the ID card with the person (现场核验)."""
    if liaison is not None:
        if service_point is None or service_point.pk not in {p.pk for p in liaison_points(liaison)}:
            raise NotPermitted(_("只有本服务点的联络员可以代为注册。"))
    full_name, mobile, id_number = _clean_identity(full_name, mobile, id_number)
    limited = _over_limit(f"signup:addr:{_digest(address)}", rules.CODES_PER_ADDRESS)
    limited = _over_limit(f"signup:mobile:{_digest(mobile)}", rules.CODES_PER_MOBILE) or limited
    if limited:
        raise TooManyRequests(_("获取验证码过于频繁，请一小时后再试。"))
    if User.objects.filter(mobile=mobile).exists():
        raise FieldError({"mobile": _("该手机号码已注册，请直接登录；忘记密码可用短信找回。")})
    with transaction.atomic():
        signup = SignUp.objects.create(
            full_name=full_name, mobile=mobile, id_number=id_number,
            started_by=liaison, service_point=service_point if liaison is not None else None,
        )  # fmt: skip
        otp.send_code(
            purpose=CODE_PURPOSE,
            obj=signup,
            mobile=mobile,
            text=_(
                "【法庭E+】您正在注册法庭E+，验证码 {code}，10 分钟内有效。如非本人操作，请忽略。"
            ),
        )
        masked = {"mobile": f"{mobile[:3]}****{mobile[-4:]}"}
        if liaison is None:
            record_event(actor=None, action="people.signup.start", target=signup, after=masked)
        else:
            record_event(actor=liaison, action="people.signup.assist", target=signup,
                         after={**masked, "service_point": service_point.pk if service_point else None})  # fmt: skip
    return signup


def complete_signup(
    *, signup: SignUp, code: str, password1: str, password2: str, actor: Any = None
) -> User:
    """The SMS code proves the phone: the account is created as a party, its real-name status
    短信核验 — or 现场核验 when a liaison started the sign-up at their point (only that liaison, as
    `actor`, completes it, with the villager entering the code and their password)."""
    if signup.completed_at is not None:
        raise NotVisible(_("注册申请不存在或已完成。"))
    assisted = signup.started_by_id is not None
    if assisted and getattr(actor, "pk", None) != signup.started_by_id:
        raise NotVisible(_("注册申请不存在或已完成。"))
    if not (code or "").strip():
        raise FieldError({"code": _("请输入验证码。")})
    if not password1:
        raise FieldError({"password1": _("请设置登录密码。")})
    if password1 != password2:
        raise FieldError({"password2": _("两次输入的密码不一致。")})
    try:
        password_validation.validate_password(password1)
    except ValidationError as exc:
        raise FieldError({"password1": list(exc.messages)}) from None
    otp.check_code(purpose=CODE_PURPOSE, obj=signup, code=code)  # its own transaction
    with transaction.atomic():
        signup = SignUp.objects.select_for_update().get(pk=signup.pk)
        if signup.completed_at is not None or User.objects.filter(mobile=signup.mobile).exists():
            raise FieldError({"code": _("该手机号码已注册，请直接登录。")})
        user = User(username=f"m{signup.mobile}", mobile=signup.mobile,
                    id_number=signup.id_number, full_name=signup.full_name)  # fmt: skip
        user.set_password(password1)
        user.save()
        Membership.objects.create(user=user, role=Role.PARTY)
        now = timezone.now()
        status = rules.IN_PERSON if assisted else rules.SMS
        RealName.objects.create(user=user, status=status, verified_at=now,
                                verified_by=actor if assisted else None,
                                service_point_id=signup.service_point_id if assisted else None)  # fmt: skip
        signup.completed_at, signup.user = now, user
        signup.save(update_fields=["completed_at", "user"])
        if assisted:
            record_event(actor=actor, action="people.signup.complete_assisted", target=user,
                         after={"signup": signup.pk, "real_name": status,
                                "service_point": signup.service_point_id})  # fmt: skip
        else:
            record_event(actor=user, action="people.signup.complete", target=user,
                         after={"signup": signup.pk, "real_name": status})  # fmt: skip
    return user


def liaison_points(actor: Any) -> list[ServicePoint]:
    """The active service points where `actor` is a liaison (where they may verify in person)."""
    ids = scope_of(actor).points(Role.LIAISON)
    return list(ServicePoint.objects.filter(pk__in=ids, active=True).order_by("name"))


@transaction.atomic
def verify_in_person(
    *, actor: Any, person: User, service_point: ServicePoint, id_number: str
) -> RealName:
    """A liaison compared the ID card with the person at their service point: 现场核验."""
    if service_point.pk not in {p.pk for p in liaison_points(actor)}:
        raise NotPermitted(_("只有本服务点的联络员可以现场核验身份。"))
    try:
        id_number = validate_id_number(id_number or "")
    except IdentifierError as exc:
        raise FieldError({"id_number": str(exc)}) from None
    if not person.id_number or id_number != person.id_number.upper():
        raise FieldError({"id_number": _("身份证号码与账号登记的不一致，不能核验。")})
    real, _created = RealName.objects.select_for_update().get_or_create(user=person)
    before = real.status
    real.status = rules.raised(real.status, rules.IN_PERSON)
    real.verified_at, real.verified_by, real.service_point = timezone.now(), actor, service_point
    real.save()
    record_event(actor=actor, action="people.realname.verify", target=real,
                 before={"status": before},
                 after={"status": real.status, "service_point": service_point.pk})  # fmt: skip
    return real


# --- representation (民事诉讼法 第61–62条) ----------------------------------------------------


def _record_decision(actor: Any, rep: Representation, name: str, action: str) -> Representation:
    before = rep.status
    rep.status = rules.REPRESENTATION.target(rep.status, name)
    rep.decided_by, rep.decided_at = actor, timezone.now()
    rep.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    record_event(actor=actor, action=action, target=rep, before={"status": before},
                 after={"status": rep.status, "scope": rep.scope, "party": rep.party_id})  # fmt: skip
    return rep


@transaction.atomic
def propose_representation(
    *, actor: Any, case_number: str, party_name: str, scope: str, power_of_attorney: Any
) -> Representation:
    """An agent submits the 授权委托书 of one party of a case (by its number and the party's
    name as filed); it counts once the party or the court confirms it."""
    if not scope_of(actor).holds(Role.AGENT):
        raise NotPermitted(_("只有代理人可以提交授权委托书。"))
    errors: dict[str, list[str]] = {}
    if scope not in rules.SCOPE_LABELS:
        errors["scope"] = [_("请选择一般授权或特别授权。")]
    case = Case.objects.select_related("filing").filter(number=(case_number or "").strip()).first()
    party = case.filing.parties.filter(name=(party_name or "").strip()).first() if case else None
    if case is None:
        errors["case_number"] = [_("没有这个案号的案件。")]
    elif party is None:
        errors["party_name"] = [_("该案没有这个名字的当事人，请按起诉状上的姓名或名称填写。")]
    if power_of_attorney is None:
        errors["power_of_attorney"] = [_("请上传授权委托书。")]
    if errors:
        raise FieldError(errors)
    assert case is not None and party is not None  # noqa: S101  (narrowed by the errors above)
    checked = check_upload(power_of_attorney, field="power_of_attorney", allowed=uploads.DOCUMENTS,
                           label=_("授权委托书"))  # fmt: skip
    live = (rules.RepresentationStatus.PENDING, rules.RepresentationStatus.CONFIRMED)
    if Representation.objects.filter(agent=actor, party=party, status__in=live).exists():
        raise FieldError({"party_name": _("您已提交过该当事人的委托，请等待确认或先解除。")})
    rep = Representation(filing=case.filing, party=party, agent=actor, scope=scope,
                         sha256=checked.sha256)  # fmt: skip
    rep.power_of_attorney.save(getattr(power_of_attorney, "name", "poa.pdf"), power_of_attorney,
                               save=False)  # fmt: skip
    rep.save()
    record_event(actor=actor, action="people.representation.propose", target=rep,
                 after={"case": case.pk, "party": party.pk, "scope": scope,
                        "sha256": checked.sha256})  # fmt: skip
    return rep


@transaction.atomic
def decide_representation(
    *, actor: Any, representation: Representation, confirm: bool
) -> Representation:
    """The represented party (their account) or the court confirms the letter, or refuses it."""
    rep = selectors.representation_for(actor, representation.pk, "decide")
    name = "confirm" if confirm else "refuse"
    action = "people.representation.confirm" if confirm else "people.representation.refuse"
    return _record_decision(actor, rep, name, action)


@transaction.atomic
def revoke_representation(*, actor: Any, representation: Representation) -> Representation:
    """The party, the agent or the court ends the representation (民事诉讼法 第63条: the court is
    told in writing and tells the other side)."""
    rep = selectors.representation_for(actor, representation.pk, "revoke")
    return _record_decision(actor, rep, "revoke", "people.representation.revoke")
