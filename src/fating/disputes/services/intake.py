"""Reporting a dispute, parties' consent, attachments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import Role, User
from fating.accounts.selectors import scope_of
from fating.core import otp
from fating.core.audit import record_event, snapshot
from fating.core.columns import length_errors
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.identifiers import (
    IdentifierError,
    validate_id_number,
    validate_mobile,
    validate_uscc,
)
from fating.core.money import MoneyError, parse_money
from fating.core.uploads import EVIDENCE
from fating.disputes import catalogue, rules
from fating.disputes.models import Attachment, Consent, Dispute, DisputeParty, ReferenceSequence
from fating.disputes.selectors import can_manage_mediation, is_point_liaison, require
from fating.disputes.services.common import hash_upload, tell
from fating.network.models import Area, ServicePoint, Tribunal


@dataclass
class PartyInput:
    role: str
    kind: str
    name: str
    id_number: str = ""
    credit_code: str = ""
    mobile: str = ""
    address: str = ""
    is_reporter: bool = False


@dataclass
class DisputeInput:
    title: str
    description: str
    parties: list[PartyInput]
    area_id: int | None = None
    service_point_id: int | None = None
    cause_code: str = ""
    cause_free_text: str = ""
    amount: str | None = None
    people_involved: int = 2
    urgency: str = Dispute.Urgency.NORMAL
    department: str = ""
    project_name: str = ""
    employer_name: str = ""
    housing_estate: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _validate_party(index: int, data: PartyInput, errors: dict[str, str]) -> PartyInput:
    prefix = f"parties.{index}."
    if data.role not in DisputeParty.Role.values:
        errors[prefix + "role"] = _("请选择当事人地位（申请人或被申请人）。")
    if data.kind not in DisputeParty.Kind.values:
        errors[prefix + "kind"] = _("请选择当事人类型（自然人或组织）。")
    data.name = (data.name or "").strip()
    if not data.name:
        errors[prefix + "name"] = _("请填写当事人姓名或名称。")
    checks = [
        ("id_number", validate_id_number),
        ("credit_code", validate_uscc),
        ("mobile", validate_mobile),
    ]
    for name, validator in checks:
        value = (getattr(data, name) or "").strip()
        if not value:
            continue
        try:
            setattr(data, name, validator(value))
        except IdentifierError as exc:
            errors[prefix + name] = exc.message
    data.address = (data.address or "").strip()
    lengths = {"name": data.name, "address": data.address}
    for name, message in length_errors(DisputeParty, lengths, prefix=prefix).items():
        errors.setdefault(name, message)
    if data.kind == DisputeParty.Kind.PERSON and data.credit_code:
        errors[prefix + "credit_code"] = _("自然人不填写统一社会信用代码。")
    if data.kind == DisputeParty.Kind.ORGANISATION and data.id_number:
        errors[prefix + "id_number"] = _("组织请填写统一社会信用代码，而不是公民身份号码。")
    return data


def _people_involved(value: object) -> int | str:
    """The number of people involved, or the message refusing it (1 to PEOPLE_INVOLVED_MAX)."""
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip():
        return _("请填写涉及人数（整数）。")
    text = str(value).strip()
    if not text.isascii() or not text.isdigit():
        return _("涉及人数必须是整数。")
    if len(text) > 7 or not 1 <= int(text) <= rules.PEOPLE_INVOLVED_MAX:
        return _("涉及人数应在 1 至 %(max)s 之间。") % {"max": f"{rules.PEOPLE_INVOLVED_MAX:,}"}
    return int(text)


def _duplicate_party_errors(parties: list[PartyInput]) -> dict[str, str]:
    """One person listed twice (same ID number or credit code, or the same registered user
    behind the mobile number), on the same side or on both sides, is refused by field."""
    errors: dict[str, str] = {}
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    users = {
        u.mobile: u.pk
        for u in User.objects.filter(mobile__in=[p.mobile for p in parties if p.mobile])
    }
    for index, party in enumerate(parties):
        keys = [("id_number", party.id_number), ("credit_code", party.credit_code)]
        if party.mobile in users:
            keys.append(("mobile", str(users[party.mobile])))
        for name, value in keys:
            if not value:
                continue
            if (name, value) in seen:
                first, role = seen[(name, value)]
                both_sides = role != party.role
                errors[f"parties.{index}.{name}"] = (
                    _("同一人不能既是申请人又是被申请人（与第 %(n)d 位当事人相同）。")
                    if both_sides
                    else _("与第 %(n)d 位当事人是同一人，请勿重复填写。")
                ) % {"n": first + 1}
                break
            seen[(name, value)] = (index, party.role)
    return errors


def _place(
    actor: User, data: DisputeInput, errors: dict[str, str]
) -> tuple[ServicePoint | None, Tribunal | None, Area | None]:
    scope = scope_of(actor)
    point = None
    if data.service_point_id:
        point = (
            ServicePoint.objects.select_related("tribunal").filter(pk=data.service_point_id).first()
        )
        own = scope.points(Role.LIAISON)
        if point is None or (own and point.pk not in own and not scope.superuser):
            errors["service_point"] = _("只能通过本人所在的服务点上报。")
            point = None
    elif scope.points(Role.LIAISON):
        point = ServicePoint.objects.select_related("tribunal").get(
            pk=min(scope.points(Role.LIAISON))
        )
    area = Area.objects.filter(pk=data.area_id).first() if data.area_id else None
    if data.area_id and area is None:
        errors["area"] = _("发生地不存在。")
    tribunal = point.tribunal if point else None
    if tribunal is None and area is not None:
        township = area
        while township is not None and township.level not in (
            Area.Level.TOWNSHIP,
            Area.Level.COUNTY,
        ):
            township = township.parent
        tribunal = Tribunal.objects.filter(areas=township).first() if township else None
        if tribunal is None:
            errors["area"] = _("无法根据发生地确定负责的人民法庭，请选择镇街或村居。")
    if tribunal is None and "area" not in errors and "service_point" not in errors:
        errors["area"] = _("请选择纠纷发生地。")
    return point, tribunal, area


GROUPING_FIELDS = ("project_name", "employer_name", "housing_estate")


def _grouping_names(data: DisputeInput, errors: dict[str, str]) -> dict[str, str]:
    """The optional project / employer / housing-estate names, spaces collapsed; mass-dispute
    detection groups reports by them, so a name must contain at least one letter or digit."""
    clean = {}
    for name in GROUPING_FIELDS:
        value = " ".join(str(getattr(data, name) or "").split())
        label = Dispute._meta.get_field(name).verbose_name
        if len(value) > 100:
            errors[name] = _("%(label)s不能超过 100 字。") % {"label": label}
        elif value and not any(ch.isalnum() for ch in value):
            errors[name] = _("请填写有效的%(label)s，或留空。") % {"label": label}
        clean[name] = value
    return clean


def _next_reference() -> str:
    year = timezone.localdate().year
    ReferenceSequence.objects.get_or_create(year=year)
    seq = ReferenceSequence.objects.select_for_update().get(year=year)
    seq.last += 1
    seq.save(update_fields=["last"])
    return f"JF{year}-{seq.last:06d}"


@transaction.atomic
def report_dispute(*, actor: User, data: DisputeInput) -> Dispute:
    """Record a reported dispute with its parties. Everything is validated before anything is
    written; every problem is reported at once, each under its field."""
    scope = scope_of(actor)
    if scope.holds(Role.LIAISON):
        kind = Dispute.ReporterKind.LIAISON
    elif scope.is_court_personnel:
        kind = (
            Dispute.ReporterKind.DEPARTMENT
            if data.department.strip()
            else Dispute.ReporterKind.COURT
        )
    elif scope.holds(Role.PARTY, Role.AGENT):
        kind = Dispute.ReporterKind.PARTY
    else:
        raise NotPermitted(_("您的身份不能上报纠纷。"))

    errors: dict[str, str] = {}
    title, description = (data.title or "").strip(), (data.description or "").strip()
    if not title:
        errors["title"] = _("请填写纠纷概要。")
    elif len(title) > 100:
        errors["title"] = _("纠纷概要不能超过 100 字。")
    if len(description) < 10:
        errors["description"] = _("请用至少 10 个字描述事情经过与诉求。")
    parties = [_validate_party(i, p, errors) for i, p in enumerate(data.parties)]
    roles = {p.role for p in parties}
    if DisputeParty.Role.APPLICANT not in roles or DisputeParty.Role.RESPONDENT not in roles:
        errors["parties"] = _("至少需要一名申请人和一名被申请人。")
    amount = None
    try:
        amount = parse_money(data.amount, field="amount", label="争议金额")
    except MoneyError as exc:
        errors["amount"] = exc.reason
    people = _people_involved(data.people_involved)
    if isinstance(people, str):
        errors["people_involved"] = people
    errors.update(_duplicate_party_errors(parties))
    errors.update(
        length_errors(Dispute, {"department": data.department.strip(),
                                "cause_free_text": (data.cause_free_text or "").strip()})
    )  # fmt: skip
    if data.urgency not in Dispute.Urgency.values:
        errors["urgency"] = _("紧急程度无效。")
    grouping = _grouping_names(data, errors)
    revision = catalogue.revision_on(timezone.localdate())
    cause = None
    if data.cause_code:
        cause = catalogue.lookup(revision, data.cause_code)
        if cause is None or cause.level < 2:
            errors["cause_code"] = _("案由代码在 %(revision)s 年版案由规定中不存在。") % {
                "revision": revision
            }
    elif not (data.cause_free_text or "").strip():
        errors["cause_code"] = _("请选择案由，或用几个字描述纠纷类型。")
    if kind == Dispute.ReporterKind.PARTY and parties and not any(p.is_reporter for p in parties):
        parties[0].is_reporter = True  # a party reporting is the first party unless marked
    point, tribunal, area = _place(actor, data, errors)
    if errors or tribunal is None:
        raise FieldError(errors or {"area": _("请选择纠纷发生地。")})

    dispute = Dispute.objects.create(
        reference=_next_reference(),
        title=title,
        description=description,
        reporter=actor,
        reporter_kind=kind,
        department=data.department.strip(),
        court=tribunal.court,
        tribunal=tribunal,
        service_point=point,
        area=area,
        cause_revision=revision if cause else "",
        cause_code=cause.code if cause else "",
        cause_name=cause.name if cause else "",
        cause_free_text=(data.cause_free_text or "").strip(),
        amount=amount,
        people_involved=max(int(people), len(parties)),
        urgency=data.urgency,
        **grouping,
    )
    for p in parties:
        linked = actor if (p.is_reporter and kind == Dispute.ReporterKind.PARTY) else None
        if linked is None and p.mobile:
            linked = User.objects.filter(mobile=p.mobile).first()
        DisputeParty.objects.create(
            dispute=dispute, role=p.role, kind=p.kind, name=p.name, id_number=p.id_number,
            credit_code=p.credit_code, mobile=p.mobile, address=p.address.strip(), user=linked,
            consent_given_at=timezone.now() if linked == actor else None,
        )  # fmt: skip
    record_event(
        actor=actor,
        action="disputes.dispute.report",
        target=dispute,
        after={**snapshot(dispute, ["reference", "title", "status", "reporter_kind", "tribunal_id",
                                    "service_point_id", "cause_code", "amount", "urgency",
                                    *GROUPING_FIELDS]),
               "parties": len(parties)},
    )  # fmt: skip
    officer = point.paired_officer if point else None
    tell(
        key=f"dispute:{dispute.pk}:reported",
        users=[officer],
        subject=f"新纠纷：{dispute.title}",
        body=f"{dispute.reference} {dispute.title}（{dispute.get_urgency_display()}）已上报，请关注指导。",
        link=f"/disputes/{dispute.pk}/",
    )
    return dispute


def consent_pending(dispute: Dispute) -> list[DisputeParty]:
    """Applicants whose consent is still missing when a liaison reported for them."""
    if dispute.reporter_kind != Dispute.ReporterKind.LIAISON:
        return []
    return [
        p for p in dispute.parties.all()  # prefetched on the detail page
        if p.role == DisputeParty.Role.APPLICANT and p.consent_given_at is None
    ]  # fmt: skip


def _check_consent_actor(actor: User, party: DisputeParty) -> None:
    require(
        is_point_liaison(actor, party.dispute) or can_manage_mediation(actor, party.dispute),
        _("只有上报的联络员或调解工作人员可以办理当事人同意。"),
    )


@transaction.atomic
def send_consent_code(*, actor: User, party: DisputeParty) -> None:
    """Text the party a one-time code; they read it back to confirm the report is theirs."""
    _check_consent_actor(actor, party)
    if not party.mobile:
        raise FieldError({"mobile": _("该当事人没有手机号码，请改用书面同意书。")})
    if party.consent_given_at:
        raise FieldError({"party": _("该当事人已确认同意。")})
    otp.send_code(
        purpose="dispute.consent",
        obj=party,
        mobile=party.mobile,
        text=f"【法庭E+】{party.dispute.title}：联络员代您上报纠纷。如同意，请将验证码{{code}}告知联络员，10分钟内有效。",
    )
    record_event(actor=actor, action="disputes.consent.code_sent", target=party)


def confirm_consent_by_code(*, actor: User, party: DisputeParty, code: str) -> Consent:
    """The party's code proves consent. The code check commits on its own (wrong tries count)."""
    _check_consent_actor(actor, party)
    otp.check_code(purpose="dispute.consent", obj=party, code=code)
    return _record_consent(actor=actor, party=party, method=Consent.Method.SMS_CODE)


@transaction.atomic
def record_paper_consent(*, actor: User, party: DisputeParty, paper: UploadedFile) -> Consent:
    _check_consent_actor(actor, party)
    digest, _size = hash_upload(paper, "paper", label="书面同意书")
    return _record_consent(
        actor=actor, party=party, method=Consent.Method.PAPER, paper=paper, paper_sha256=digest
    )


@transaction.atomic
def _record_consent(*, actor: User, party: DisputeParty, method: str, **extra: Any) -> Consent:
    party = DisputeParty.objects.select_for_update().get(pk=party.pk)
    now = timezone.now()
    consent = Consent.objects.create(
        party=party, method=method, recorded_by=actor, given_at=now, mobile=party.mobile, **extra
    )
    party.consent_given_at = now
    party.save(update_fields=["consent_given_at", "updated_at"])
    record_event(
        actor=actor, action="disputes.consent.record", target=party,
        after={"method": method, "given_at": now, "paper_sha256": extra.get("paper_sha256", "")},
    )  # fmt: skip
    return consent


@transaction.atomic
def add_attachment(*, actor: User, dispute: Dispute, title: str, file: UploadedFile) -> Attachment:
    from fating.disputes.selectors import party_of

    require(
        can_manage_mediation(actor, dispute) or party_of(actor, dispute) is not None
        or dispute.reporter_id == actor.pk,
        _("您不能为该纠纷上传材料。"),
    )  # fmt: skip
    title = (title or "").strip() or (file.name or "附件")
    digest, size = hash_upload(file, "file", allowed=EVIDENCE, label="材料")
    attachment = Attachment.objects.create(
        dispute=dispute, title=title[:100], file=file, sha256=digest, size=size, uploaded_by=actor
    )
    record_event(
        actor=actor, action="disputes.attachment.add", target=dispute,
        after={"attachment": attachment.pk, "title": attachment.title, "sha256": digest, "size": size},
    )  # fmt: skip
    return attachment
