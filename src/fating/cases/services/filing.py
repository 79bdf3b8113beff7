"""Online filing 网上立案 and its review under 立案登记制 (登记立案规定 第2–9条).

State machine: see the docstring of cases.models.Filing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.accounts.models import Role, User
from fating.accounts.selectors import scope_of
from fating.cases import legal, selectors
from fating.cases.models import (
    CauseOfAction,
    Claim,
    Evidence,
    Filing,
    FilingParty,
    FilingReview,
)
from fating.cases.rules import workflow
from fating.cases.rules.case_numbers import TYPE_CODES
from fating.cases.rules.fee_tables import FeeKind
from fating.core import uploads
from fating.core.audit import record_event, snapshot
from fating.core.columns import length_errors
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.identifiers import (
    IdentifierError,
    validate_id_number,
    validate_mobile,
    validate_uscc,
)
from fating.core.money import parse_money
from fating.core.uploads import check_upload
from fating.network.models import Court, Tribunal

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
FILING_FIELDS = ("court", "tribunal", "received_by", "cause", "facts", "fee_kind", "consent_note")
FILING_SNAPSHOT = [
    "status", "court_id", "tribunal_id", "received_by_id", "cause_id", "fee_kind", "type_code",
]  # fmt: skip


def _today() -> date:
    return timezone.localdate()


def _require_edit(actor: User, filing: Filing) -> Filing:
    if not selectors.can_edit_filing(actor, filing):
        raise NotPermitted(_("只有提交人可以修改该立案申请。"))
    filing = Filing.objects.select_for_update().get(pk=filing.pk)
    refusal = _("立案申请处于“%(status)s”状态，不能修改（只有草稿或待补正时可以修改）。") % {
        "status": filing.get_status_display()
    }
    workflow.FILING.target(filing.status, "edit", refusal=refusal)
    return filing


def _refusal(filing: Filing, verb: str) -> str:
    return _("立案申请处于“%(status)s”状态，不能%(verb)s。") % {
        "status": filing.get_status_display(),
        "verb": verb,
    }


def _transition(filing: Filing, name: str, verb: str) -> str:
    """Move `filing` along transition `name` of the filing machine; the state before."""
    before = filing.status
    filing.status = workflow.FILING.target(filing.status, name, refusal=_refusal(filing, verb))
    return before


def _check_cause(cause: CauseOfAction | None, on: date) -> None:
    if cause is None:
        return
    if not cause.selectable:
        raise FieldError({"cause": _("请选择具体案由（第三级或第四级案由）。")})
    in_force = cause.valid_from <= on and (cause.valid_to is None or cause.valid_to >= on)
    if not in_force:
        raise FieldError(
            {
                "cause": _(
                    "案由“%(cause)s”属于%(revision)s年版案由规定，%(date)s不适用，"
                    "请按现行案由重新选择。"
                )
                % {
                    "cause": cause.name,
                    "revision": cause.revision,
                    # Translators: strftime format of the date in "…%(date)s不适用…".
                    "date": on.strftime(_("%Y年%m月%d日")),
                }
            }
        )


def _clean_filing_fields(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    court = values.get("court")
    tribunal = values.get("tribunal")
    if "court" in values and not isinstance(court, Court):
        errors["court"] = _("请选择管辖法院。")
    if tribunal is not None and isinstance(court, Court) and tribunal.court_id != court.pk:
        errors["tribunal"] = _("人民法庭不属于所选的管辖法院。")
    if "received_by" in values and not isinstance(values["received_by"], Court):
        errors["received_by"] = _("请选择收件法院。")
    if "fee_kind" in values and values["fee_kind"] not in FeeKind.__members__.values():
        errors["fee_kind"] = _("收费类别无效。")
    if "facts" in values:
        values["facts"] = (values["facts"] or "").strip()
    if errors:
        raise FieldError(errors)
    return values


@transaction.atomic
def create_filing(
    *,
    actor: User,
    court: Court,
    filer_capacity: str,
    received_by: Court | None = None,
    tribunal: Tribunal | None = None,
    cause: CauseOfAction | None = None,
    facts: str = "",
    fee_kind: str = FeeKind.PROPERTY.value,
    type_code: str = "民初",
    consent_note: str = "",
    source_dispute_id: int | None = None,
) -> Filing:
    """Start a draft. Parties file for themselves, agents for their principal, liaisons for a
    party who consented (the consent is recorded before submission)."""
    scope = scope_of(actor)
    needed = {"party": Role.PARTY, "agent": Role.AGENT, "liaison": Role.LIAISON}
    if filer_capacity not in needed:
        raise FieldError({"filer_capacity": _("提交身份无效，应为当事人、代理人或联络员。")})
    role = needed[filer_capacity]
    if not (scope.superuser or scope.holds(role)):
        raise NotPermitted(
            _("只有当事人、代理人或联络员可以网上立案，且提交身份须与账号角色一致。")
        )
    # Parties and agents act for themselves at any court; a liaison files only with the court
    # of a point where they hold the liaison grant, not wherever they hold some other role.
    liaison_elsewhere = court is not None and court.pk not in scope.courts(role)
    if role == Role.LIAISON and not scope.superuser and liaison_elsewhere:
        raise NotPermitted(_("联络员只能向其服务点所属的法院代为立案。"))
    if type_code not in TYPE_CODES:
        raise FieldError({"type_code": _("未知的类型代字“%(code)s”。") % {"code": type_code}})
    values = _clean_filing_fields(
        {
            "court": court,
            "tribunal": tribunal,
            "received_by": received_by or court,
            "fee_kind": fee_kind,
            "facts": facts,
        }
    )
    _check_cause(cause, _today())
    filing = Filing.objects.create(
        filer=actor,
        filer_capacity=filer_capacity,
        assisted_by=actor if filer_capacity == "liaison" else None,
        cause=cause,
        type_code=type_code,
        consent_note=consent_note.strip(),
        source_dispute_id=source_dispute_id,
        **values,
    )
    record_event(
        actor=actor,
        action="cases.filing.create",
        target=filing,
        after=snapshot(filing, FILING_SNAPSHOT),
    )
    return filing


@transaction.atomic
def update_filing(*, actor: User, filing: Filing, changes: dict[str, Any]) -> Filing:
    """Change the court, tribunal, cause, facts, fee kind or consent of a draft (or while
    correcting)."""
    filing = _require_edit(actor, filing)
    unknown = set(changes) - set(FILING_FIELDS)
    if unknown:
        raise FieldError({name: _("该字段不可修改。") for name in sorted(unknown)})
    merged = {"court": filing.court, "tribunal": filing.tribunal, **changes}
    _clean_filing_fields(merged)
    if "cause" in changes:
        _check_cause(changes["cause"], _today())
    before = snapshot(filing, FILING_SNAPSHOT)
    for name in changes:
        setattr(filing, name, merged[name])
    filing.save()
    record_event(
        actor=actor,
        action="cases.filing.update",
        target=filing,
        before=before,
        after=snapshot(filing, FILING_SNAPSHOT),
    )
    return filing


def _validate_party(role: str, kind: str, data: dict[str, str]) -> dict[str, str]:
    """Identifiers: validated whenever given; required for plaintiffs, whom the court must be
    able to identify and reach (登记立案规定 第4条、第6条)."""
    errors: dict[str, str] = {}
    out = {k: (v or "").strip() for k, v in data.items()}
    if role not in FilingParty.Role.values:
        errors["role"] = _("诉讼地位无效，应为原告、被告或第三人。")
    if kind not in FilingParty.Kind.values:
        errors["kind"] = _("当事人类型无效，应为自然人或组织。")
    if not out["name"]:
        errors["name"] = _("姓名或名称不能为空。")
    plaintiff = role == FilingParty.Role.PLAINTIFF
    if kind == FilingParty.Kind.NATURAL:
        out["uscc"] = ""
        if out["id_number"]:
            try:
                out["id_number"] = validate_id_number(out["id_number"])
            except IdentifierError as exc:
                errors["id_number"] = exc.message
        elif plaintiff:
            errors["id_number"] = _("原告为自然人的，公民身份号码不能为空。")
    elif kind == FilingParty.Kind.ORGANISATION:
        out["id_number"] = ""
        if out["uscc"]:
            try:
                out["uscc"] = validate_uscc(out["uscc"])
            except IdentifierError as exc:
                errors["uscc"] = exc.message
        elif plaintiff:
            errors["uscc"] = _("原告为组织的，统一社会信用代码不能为空。")
        if plaintiff and not out["representative"]:
            errors["representative"] = _("原告为组织的，法定代表人或主要负责人不能为空。")
    if out["mobile"]:
        try:
            out["mobile"] = validate_mobile(out["mobile"])
        except IdentifierError as exc:
            errors["mobile"] = exc.message
    elif plaintiff:
        errors["mobile"] = _("原告的手机号码不能为空。")
    if not plaintiff and not out["address"] and not out["id_number"] and not out["uscc"]:
        errors["address"] = _("被告、第三人的住所不能为空（足以与他人相区别）。")
    for name, message in length_errors(FilingParty, out).items():
        errors.setdefault(name, message)
    if errors:
        raise FieldError(errors)
    return out


_SAME_PARTY = {
    "id_number": gettext_noop("公民身份号码与已列明的当事人「%(name)s」（%(role)s）相同"),
    "uscc": gettext_noop("统一社会信用代码与已列明的当事人「%(name)s」（%(role)s）相同"),
    "user": gettext_noop("与已列明的当事人「%(name)s」（%(role)s）是同一账号"),
}


def same_party_errors(
    existing: list[FilingParty],
    *,
    role: str,
    id_number: str,
    uscc: str,
    user_id: int | None,
    field_for_user: str = "mobile",
) -> dict[str, str]:
    """A person already listed may not be listed again: not twice on one side (a retried
    submission), and not on both sides, since nobody sues themselves (民事诉讼法 第122条 needs a
    defendant distinct from the plaintiff). Same person = same ID number, same credit code, or
    the same linked account."""
    keys = [("id_number", "id_number", id_number), ("uscc", "uscc", uscc)]
    if user_id is not None:
        keys.append(("user", field_for_user, user_id))
    for kind, field, value in keys:
        if not value:
            continue
        for other in existing:
            if getattr(other, "user_id" if kind == "user" else kind) != value:
                continue
            message = _(_SAME_PARTY[kind]) % {"name": other.name, "role": other.get_role_display()}
            if other.role != role:
                message += _("，同一人不能既是原告又是被告或第三人。")
            else:
                message += _("，请勿重复列明同一当事人。")
            return {field: message}
    return {}


@transaction.atomic
def add_party(
    *,
    actor: User,
    filing: Filing,
    role: str,
    kind: str,
    name: str,
    id_number: str = "",
    uscc: str = "",
    mobile: str = "",
    address: str = "",
    representative: str = "",
    is_filer: bool = False,
) -> FilingParty:
    """Name a party. `is_filer` links the party to the filer's account (a party filing for
    themselves); otherwise a party is linked to an account with the same mobile, if any."""
    filing = _require_edit(actor, filing)
    values = _validate_party(
        role,
        kind,
        {
            "name": name,
            "id_number": id_number,
            "uscc": uscc,
            "mobile": mobile,
            "address": address,
            "representative": representative,
        },
    )
    if is_filer and filing.filer_capacity != Filing.FilerCapacity.PARTY:
        raise FieldError({"is_filer": _("只有当事人本人提交时，才能把当事人关联到提交人账号。")})
    user = actor if is_filer else None
    if user is None and values["mobile"]:
        user = User.objects.filter(mobile=values["mobile"]).exclude(pk=actor.pk).first()
    duplicate = same_party_errors(
        list(filing.parties.all()), role=role, id_number=values["id_number"],
        uscc=values["uscc"], user_id=user.pk if user else None, field_for_user="is_filer" if is_filer else "mobile",
    )  # fmt: skip
    if duplicate:
        raise FieldError(duplicate)
    party = FilingParty.objects.create(filing=filing, role=role, kind=kind, user=user, **values)
    record_event(
        actor=actor,
        action="cases.filing.party.add",
        target=filing,
        after={"party": party.pk, "role": role, "kind": kind, "name": party.name},
    )
    return party


@transaction.atomic
def remove_party(*, actor: User, party: FilingParty) -> None:
    filing = _require_edit(actor, party.filing)
    record_event(
        actor=actor,
        action="cases.filing.party.remove",
        target=filing,
        before={"party": party.pk, "role": party.role, "name": party.name},
    )
    party.delete()


def _amount(value: Any) -> Decimal | None:
    return parse_money(value, field="amount", label="请求金额", grouping=True)


@transaction.atomic
def add_claim(*, actor: User, filing: Filing, text: str, amount: Any = None) -> Claim:
    """Add a 诉讼请求; property claims carry an amount in yuan (exact decimal)."""
    filing = _require_edit(actor, filing)
    text = (text or "").strip()
    if not text:
        raise FieldError({"text": _("诉讼请求内容不能为空。")})
    claim = Claim.objects.create(filing=filing, text=text, amount=_amount(amount))
    record_event(
        actor=actor,
        action="cases.filing.claim.add",
        target=filing,
        after={"claim": claim.pk, "text": text, "amount": claim.amount},
    )
    return claim


@transaction.atomic
def remove_claim(*, actor: User, claim: Claim) -> None:
    filing = _require_edit(actor, claim.filing)
    record_event(
        actor=actor,
        action="cases.filing.claim.remove",
        target=filing,
        before={"claim": claim.pk, "text": claim.text, "amount": claim.amount},
    )
    claim.delete()


@transaction.atomic
def upload_evidence(
    *,
    actor: User,
    filing: Filing,
    kind: str,
    title: str,
    file: UploadedFile,
    source: str = "",
    purpose: str = "",
) -> Evidence:
    """Store an uploaded file with its SHA-256, computed from the bytes actually stored."""
    filing = _require_edit(actor, filing)
    errors: dict[str, str] = {}
    if kind not in Evidence.Kind.values:
        errors["kind"] = _("材料类型无效。")
    if not (title or "").strip():
        errors["title"] = _("材料名称不能为空。")
    errors.update(
        length_errors(Evidence, {"title": (title or "").strip(), "source": (source or "").strip(),
                                 "purpose": (purpose or "").strip()})
    )  # fmt: skip
    try:
        checked = check_upload(
            file, field="file", allowed=uploads.EVIDENCE, label="证据材料",
            max_bytes=MAX_UPLOAD_BYTES,
        )  # fmt: skip
    except FieldError as exc:
        errors.update({k: v[0] for k, v in exc.fields.items()})
    if errors:
        raise FieldError(errors)
    digest, size = checked.sha256, checked.size
    evidence = Evidence(
        filing=filing,
        kind=kind,
        title=title.strip(),
        source=(source or "").strip(),
        purpose=(purpose or "").strip(),
        original_name=(getattr(file, "name", "") or "")[-200:],
        size=size,
        sha256=digest,
        uploaded_by=actor,
    )
    evidence.file.save(getattr(file, "name", "upload.bin") or "upload.bin", file, save=False)
    evidence.save()
    record_event(
        actor=actor,
        action="cases.filing.evidence.upload",
        target=filing,
        after={"evidence": evidence.pk, "kind": kind, "title": evidence.title, "sha256": digest},
    )
    return evidence


def _completeness_errors(filing: Filing) -> dict[str, str]:
    """What a complaint must contain before the court can review it (登记立案规定 第4、6条)."""
    errors: dict[str, str] = {}
    roles = set(filing.parties.values_list("role", flat=True))
    if FilingParty.Role.PLAINTIFF not in roles:
        errors["parties"] = _("至少需要一名原告。")
    elif FilingParty.Role.DEFENDANT not in roles:
        errors["parties"] = _("至少需要一名被告。")
    listed: list[FilingParty] = []
    for party in filing.parties.order_by("pk"):
        duplicate = same_party_errors(
            listed, role=party.role, id_number=party.id_number, uscc=party.uscc,
            user_id=party.user_id,
        )  # fmt: skip
        if duplicate:
            errors["parties"] = _("当事人「%(name)s」：%(reason)s") % {
                "name": party.name, "reason": next(iter(duplicate.values())),
            }  # fmt: skip
            break
        listed.append(party)
    if not filing.claims.exists():
        errors["claims"] = _("至少需要一项诉讼请求。")
    if not filing.facts:
        errors["facts"] = _("事实与理由不能为空。")
    if filing.cause is None:
        errors["cause"] = _("请选择案由。")
    else:
        try:
            _check_cause(filing.cause, _today())
        except FieldError as exc:
            errors["cause"] = exc.fields["cause"][0]
    kinds = set(filing.evidence.values_list("kind", flat=True))
    if (
        filing.filer_capacity == Filing.FilerCapacity.AGENT
        and Evidence.Kind.POWER_OF_ATTORNEY not in kinds
    ):
        errors["power_of_attorney"] = _(
            "委托代理人提交的，须上传授权委托书（登记立案规定 第6条）。"
        )
    if filing.filer_capacity == Filing.FilerCapacity.LIAISON and not filing.consent_note:
        errors["consent_note"] = _("联络员代为提交的，须记录当事人同意。")
    return errors


def _open_round(filing: Filing, received_on: date) -> FilingReview:
    due = legal.review_due_on(
        received_on,
        type_code=filing.type_code,
        cause_name=filing.cause.name if filing.cause else "",
    )
    return FilingReview.objects.create(filing=filing, received_on=received_on, due_on=due)


def _close_round(filing: Filing, decision: str, actor: User) -> FilingReview | None:
    review = filing.reviews.filter(decision="").order_by("-pk").first()
    if review is None:
        return None
    now = timezone.now()
    review.decision = decision
    review.decided_at = now
    review.decided_by = actor
    review.in_time = timezone.localdate(now) <= review.due_on
    review.save()
    return review


@transaction.atomic
def submit_filing(*, actor: User, filing: Filing) -> Filing:
    """draft → submitted. The court has received the complaint (第2条): the review clock starts."""
    if not selectors.can_edit_filing(actor, filing):
        raise NotPermitted(_("只有提交人可以提交该立案申请。"))
    filing = Filing.objects.select_for_update().get(pk=filing.pk)
    before = _transition(filing, "submit", _("提交"))
    errors = _completeness_errors(filing)
    if errors:
        raise FieldError(
            errors, _("立案申请材料不完整：%(errors)s") % {"errors": "；".join(errors.values())}
        )
    filing.submitted_at = timezone.now()
    filing.save()
    review = _open_round(filing, _today())
    record_event(
        actor=actor,
        action="cases.filing.submit",
        target=filing,
        before={"status": before},
        after={"status": filing.status, "review_due_on": review.due_on},
    )
    return filing


@transaction.atomic
def withdraw_filing(*, actor: User, filing: Filing) -> Filing:
    """The filer withdraws the complaint before a decision."""
    if not selectors.can_edit_filing(actor, filing):
        raise NotPermitted(_("只有提交人可以撤回该立案申请。"))
    filing = Filing.objects.select_for_update().get(pk=filing.pk)
    before = _transition(filing, "withdraw", _("撤回"))
    filing.save()
    _close_round(filing, FilingReview.Decision.WITHDRAWN, actor)
    record_event(
        actor=actor,
        action="cases.filing.withdraw",
        target=filing,
        before={"status": before},
        after={"status": filing.status},
    )
    return filing


@transaction.atomic
def forward_filing(*, actor: User, filing: Filing) -> Filing:
    """跨域立案: the receiving court passes the complaint to the competent court."""
    if not selectors.can_forward(actor, filing):
        raise NotPermitted(_("只有收件法院的立案人员可以转交立案申请。"))
    filing = Filing.objects.select_for_update().get(pk=filing.pk)
    if not filing.is_cross_region:
        raise InvalidTransition(_("收件法院即管辖法院，无需转交。"))
    if filing.forwarded_at is not None:
        raise InvalidTransition(_("该立案申请已经转交。"))
    workflow.FILING.target(filing.status, "forward", refusal=_refusal(filing, _("转交")))
    filing.forwarded_at = timezone.now()
    filing.save()
    record_event(
        actor=actor,
        action="cases.filing.forward",
        target=filing,
        after={"from_court": filing.received_by_id, "to_court": filing.court_id},
    )
    return filing


def require_reviewable(actor: User, filing: Filing, verb: str, *, transition: str) -> Filing:
    """Lock a filing for a review decision (`transition` of the filing machine) by the
    competent court."""
    if not selectors.can_review(actor, filing):
        raise NotPermitted(_("只有管辖法院的立案人员（法官、法官助理）可以审查立案申请。"))
    filing = Filing.objects.select_for_update().get(pk=filing.pk)
    workflow.FILING.target(filing.status, transition, refusal=_refusal(filing, verb))
    if filing.is_cross_region and filing.forwarded_at is None:
        raise InvalidTransition(_("跨域立案申请尚未由收件法院转交，不能审查。"))
    return filing


@transaction.atomic
def request_correction(*, actor: User, filing: Filing, items: list[str], due_on: date) -> Filing:
    """Tell the filer once, in writing, everything to correct and by when (登记立案规定 第7条).

    第7条 allows one notice only: it must list everything, and a filing that still falls short
    after correction is refused (第7条第4款), so a second notice is refused with that advice."""
    filing = require_reviewable(actor, filing, _("通知补正"), transition="request_correction")
    if filing.reviews.filter(decision=FilingReview.Decision.CORRECTION).exists():
        raise InvalidTransition(
            _(
                "已一次性书面告知补正，不能再次通知补正；经补正仍不符合要求的，"
                "应当裁定或者决定不予受理、不予立案（登记立案规定 第7条）。"
            )
        )
    cleaned = [str(i).strip() for i in items or [] if str(i).strip()]
    errors: dict[str, str] = {}
    if not cleaned:
        errors["items"] = _("请列明需要补正的材料。")
    if not isinstance(due_on, date) or due_on <= _today():
        errors["due_on"] = _("补正期限必须晚于今天。")
    if errors:
        raise FieldError(errors)
    before = _transition(filing, "request_correction", _("通知补正"))
    filing.correction_items = cleaned
    filing.correction_due_on = due_on
    filing.save()
    _close_round(filing, FilingReview.Decision.CORRECTION, actor)
    record_event(
        actor=actor,
        action="cases.filing.request_correction",
        target=filing,
        before={"status": before},
        after={"status": filing.status, "items": cleaned, "due_on": due_on},
    )
    return filing


@transaction.atomic
def resubmit_filing(*, actor: User, filing: Filing) -> Filing:
    """correction_requested → resubmitted; the review period restarts from receipt (第7条)."""
    if not selectors.can_edit_filing(actor, filing):
        raise NotPermitted(_("只有提交人可以提交补正材料。"))
    filing = Filing.objects.select_for_update().get(pk=filing.pk)
    before = _transition(filing, "resubmit", _("提交补正"))
    if filing.correction_due_on and _today() > filing.correction_due_on:
        raise InvalidTransition(_("补正期限已过，不能再提交补正材料（登记立案规定 第7条）。"))
    errors = _completeness_errors(filing)
    if errors:
        raise FieldError(
            errors, _("立案申请材料不完整：%(errors)s") % {"errors": "；".join(errors.values())}
        )
    filing.save()
    review = _open_round(filing, _today())
    record_event(
        actor=actor,
        action="cases.filing.resubmit",
        target=filing,
        before={"status": before},
        after={"status": filing.status, "review_due_on": review.due_on},
    )
    return filing


@transaction.atomic
def refuse_filing(*, actor: User, filing: Filing, reasons: str) -> Filing:
    """不予受理, with the reasons in writing (第9条)."""
    filing = require_reviewable(actor, filing, _("不予受理"), transition="refuse")
    reasons = (reasons or "").strip()
    if not reasons:
        raise FieldError({"reasons": _("不予受理须写明理由（登记立案规定 第9条）。")})
    before = _transition(filing, "refuse", _("不予受理"))
    filing.refusal_reasons = reasons
    filing.decided_at = timezone.now()
    filing.save()
    _close_round(filing, FilingReview.Decision.REFUSED, actor)
    record_event(
        actor=actor,
        action="cases.filing.refuse",
        target=filing,
        before={"status": before},
        after={"status": filing.status, "reasons": reasons},
    )
    return filing


__all__ = [
    "add_claim",
    "add_party",
    "create_filing",
    "forward_filing",
    "refuse_filing",
    "remove_claim",
    "remove_party",
    "request_correction",
    "require_reviewable",
    "resubmit_filing",
    "submit_filing",
    "update_filing",
    "upload_evidence",
    "withdraw_filing",
]
