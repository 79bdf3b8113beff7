"""Every action a person can take on a dispute, shared by the pages and the API.

An action is a form (input parsing and Chinese messages per field), a test of whether to offer it
to this user on this dispute (the services decide again and refuse with 403 if not), and a
handler calling exactly one service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fating.accounts.models import User
from fating.core.exceptions import FieldError, NotVisible
from fating.disputes import forms as f
from fating.disputes import rules, selectors, services
from fating.disputes.models import (
    Agreement,
    Delegation,
    Dispute,
    Instalment,
    JudgeBooking,
    JudicialConfirmation,
)


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    form: type[forms.Form]
    offer: Callable[[User, Dispute], bool]
    run: Callable[[User, Dispute, dict[str, Any]], Any]


def _child(model: type, dispute: Dispute, pk: Any, path: str) -> Any:
    obj = model.objects.filter(pk=pk, **{path: dispute}).first() if str(pk).isdigit() else None
    if obj is None:
        raise NotVisible("记录不存在。")
    return obj


def _party(dispute: Dispute, pk: Any) -> Any:
    party = dispute.parties.filter(pk=pk).first() if str(pk).isdigit() else None
    if party is None:
        raise FieldError({"party": "当事人不存在。"})
    return party


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _instalments(text: str) -> list[services.InstalmentInput]:
    rows = []
    for i, line in enumerate(_lines(text)):
        try:
            obligor, due, amount = (part.strip() for part in line.replace("，", ",").split(","))
            rows.append(services.InstalmentInput(int(obligor), date.fromisoformat(due), amount))
        except ValueError:
            raise FieldError(
                {"instalments": f"第 {i + 1} 行格式应为：义务人编号,日期(YYYY-MM-DD),金额"}
            ) from None
    return rows


def _consent(user: User, dispute: Dispute, d: dict[str, Any]) -> Any:
    party = _party(dispute, d["party"])
    if d["method"] == "send_code":
        return services.send_consent_code(actor=user, party=party)
    if d["method"] == "code":
        return services.confirm_consent_by_code(actor=user, party=party, code=d.get("code") or "")
    if not d.get("paper"):
        raise FieldError({"paper": "请上传当事人签字的书面同意书。"})
    return services.record_paper_consent(actor=user, party=party, paper=d["paper"])


def _is_party(user: User, dispute: Dispute) -> bool:
    return selectors.party_of(user, dispute) is not None


def _status(*statuses: str) -> Callable[[Dispute], bool]:
    return lambda dispute: dispute.status in statuses


def _manage_in(*statuses: str) -> Callable[[User, Dispute], bool]:
    return lambda u, d: d.status in statuses and selectors.can_manage_mediation(u, d)


MEDIATING = tuple(rules.MEDIATING)

ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action("consent", "当事人同意", f.ConsentForm,
               lambda u, d: d.status == "reported" and bool(services.consent_pending(d))
               and (selectors.is_point_liaison(u, d) or selectors.can_manage_mediation(u, d)),
               _consent),
        Action("attach", "上传材料", f.AttachmentForm,
               lambda u, d: d.status not in rules.FINAL,
               lambda u, d, x: services.add_attachment(actor=u, dispute=d, title=x.get("title") or "", file=x["file"])),
        Action("start", "启动调解", f.StartForm, _manage_in("reported"),
               lambda u, d, x: services.start_mediation(actor=u, dispute=d, tier=x["tier"], organisation=x.get("organisation"), mediator=x.get("mediator"))),
        Action("escalate", "升级为部门联动", f.EscalateForm, _manage_in("village"),
               lambda u, d, x: services.escalate(actor=u, dispute=d, reason=x["reason"], organisation=x.get("organisation"), mediator=x.get("mediator"))),
        Action("delegate", "委派调解", f.DelegateForm,
               lambda u, d: d.status in ("reported", "village", "joint") and selectors.is_court_staff(u, d),
               lambda u, d, x: services.delegate(actor=u, dispute=d, organisation=x["organisation"], mediator=x.get("mediator"))),
        Action("guidance", "法官指导", f.GuidanceForm,
               lambda u, d: d.status not in rules.FINAL and selectors.is_judge(u, d),
               lambda u, d, x: services.add_guidance(actor=u, dispute=d, text=x["text"], suggested_cases=_lines(x.get("suggested_cases", "")), session_at=x.get("session_at"))),
        Action("booking", "预约法官到场", f.BookingForm, _manage_in("joint"),
               lambda u, d, x: services.request_booking(actor=u, dispute=d, judge=User.objects.filter(pk=x["judge"]).first() or _no_judge(), starts_at=x["starts_at"], ends_at=x["ends_at"], place=x["place"])),
        Action("session", "记录调解", f.SessionForm, _manage_in(*MEDIATING),
               lambda u, d, x: services.record_session(actor=u, dispute=d, mode=x["mode"], held_at=x["held_at"], place=x["place"], attendees=_lines(x["attendees"]), minutes=x["minutes"], outcome=x["outcome"])),
        Action("agreement", "起草调解协议", f.AgreementForm, _manage_in(*MEDIATING),
               lambda u, d, x: services.draft_agreement(actor=u, dispute=d, facts=x["facts"], terms=x["terms"], performance=x["performance"], deadline=x["deadline"], instalments=_instalments(x.get("instalments", "")))),
        Action("sign", "签署调解协议", f.SignForm,
               lambda u, d: d.agreements.filter(status="draft").exists() and (_is_party(u, d) or selectors.can_manage_mediation(u, d)),
               lambda u, d, x: services.sign_agreement(actor=u, agreement=_draft(d), party=_party(d, x["party"]), paper=x.get("paper"))),
        Action("mediator_sign", "调解员签署", forms.Form,
               lambda u, d: d.agreements.filter(status="draft", mediator_signed_at=None).exists() and selectors.can_manage_mediation(u, d),
               lambda u, d, x: services.mediator_sign(actor=u, agreement=_draft(d))),
        Action("payment", "登记履行", f.PaymentForm,
               lambda u, d: d.agreements.filter(status__in=["effective", "defaulted"]).exists() and (_is_party(u, d) or selectors.can_manage_mediation(u, d)),
               lambda u, d, x: services.record_payment(actor=u, instalment=_child(Instalment, d, x.get("instalment"), "agreement__dispute"), amount=str(x["amount"]), paid_on=x["paid_on"])),
        Action("apply_confirmation", "申请司法确认", f.ConfirmationApplyForm,
               lambda u, d: d.status == "agreed" and _may_apply_for_confirmation(u, d),
               lambda u, d, x: services.apply_for_confirmation(actor=u, agreement=_effective(d), joint_paper=x.get("joint_paper"))),
        Action("accept_confirmation", "受理司法确认", forms.Form,
               lambda u, d: selectors.is_judge(u, d) and JudicialConfirmation.objects.filter(agreement__dispute=d, status="applied", filed=True).exists(),
               lambda u, d, x: services.accept_confirmation(actor=u, confirmation=_child(JudicialConfirmation, d, x.get("confirmation"), "agreement__dispute"))),
        Action("decide_confirmation", "司法确认裁定", f.DecideForm,
               lambda u, d: JudicialConfirmation.objects.filter(agreement__dispute=d, status="accepted", judge=u).exists(),
               lambda u, d, x: services.decide_confirmation(actor=u, confirmation=_child(JudicialConfirmation, d, x.get("confirmation"), "agreement__dispute"), confirm=x["confirm"], ground=x.get("ground") or "", reasons=x.get("reasons") or "")),
        Action("respond_delegation", "答复委派", f.RespondForm,
               lambda u, d: d.delegations.filter(status="pending").exists() and selectors.is_assigned_mediator(u, d),
               lambda u, d, x: services.respond_to_delegation(actor=u, delegation=_child(Delegation, d, x.get("delegation"), "dispute"), accept=x["accept"], reason=x.get("reason") or "")),
        Action("extend_delegation", "延长委派期限", f.ExtendForm,
               lambda u, d: d.delegations.filter(status="accepted").exists() and (selectors.is_court_staff(u, d) or selectors.is_assigned_mediator(u, d)),
               lambda u, d, x: services.extend_delegation(actor=u, delegation=_child(Delegation, d, x.get("delegation"), "dispute"), days=x["days"], all_parties_agree=x["all_parties_agree"])),
        Action("fail_delegation", "委派调解不成", f.ReasonForm,
               lambda u, d: d.delegations.filter(status="accepted").exists() and (selectors.is_court_staff(u, d) or selectors.is_assigned_mediator(u, d)),
               lambda u, d, x: services.fail_delegation(actor=u, delegation=_child(Delegation, d, x.get("delegation"), "dispute"), reason=x["reason"])),
        Action("respond_booking", "答复预约", f.RespondForm,
               lambda u, d: d.bookings.filter(status="requested", judge=u).exists(),
               lambda u, d, x: services.respond_to_booking(actor=u, booking=_child(JudgeBooking, d, x.get("booking"), "dispute"), accept=x["accept"], note=x.get("reason") or "")),
        Action("refer", "转入诉讼", f.ReasonForm,
               lambda u, d: d.status in ("reported", "village", "joint", "agreed") and (selectors.is_court_staff(u, d) or selectors.is_point_liaison(u, d) or _is_applicant(u, d)),
               lambda u, d, x: services.refer_to_filing(actor=u, dispute=d, reason=x["reason"])),
        Action("withdraw", "撤回", f.ReasonForm,
               lambda u, d: d.status not in rules.FINAL and (d.reporter_id == u.pk or selectors.is_court_staff(u, d) or _is_applicant(u, d)),
               lambda u, d, x: services.withdraw(actor=u, dispute=d, reason=x["reason"])),
    ]
}  # fmt: skip


def _is_applicant(user: User, dispute: Dispute) -> bool:
    party = selectors.party_of(user, dispute)
    return party is not None and party.role == party.Role.APPLICANT


def _may_apply_for_confirmation(user: User, dispute: Dispute) -> bool:
    """Offered to a party or the mediation staff while an application can still be made or
    joined by them (rules.confirmation_open), never again once it was applied for."""
    party = selectors.party_of(user, dispute)
    manages = selectors.can_manage_mediation(user, dispute)
    if party is None and not manages:
        return False
    agreement = _effective_or_none(dispute)
    if agreement is None:
        return False
    existing = agreement.confirmations.exclude(status__in=["withdrawn", "not_accepted"]).first()
    return rules.confirmation_open(
        status=existing.status if existing else None,
        filed=bool(existing and existing.filed),
        joined=existing.co_applicants if existing else [],
        party=party.pk if party else None,
        uploads_paper=manages,
    )


def _no_judge() -> User:
    raise FieldError({"judge": "请选择本庭的法官。"})


def _draft(dispute: Dispute) -> Agreement:
    agreement = dispute.agreements.filter(status=Agreement.Status.DRAFT).first()
    if agreement is None:
        raise FieldError({"agreement": "没有待签署的调解协议。"})
    return agreement


def _effective_or_none(dispute: Dispute) -> Agreement | None:
    return dispute.agreements.filter(status__in=["effective", "defaulted"]).first()


def _effective(dispute: Dispute) -> Agreement:
    agreement = _effective_or_none(dispute)
    if agreement is None:
        raise FieldError({"agreement": "没有已生效的调解协议。"})
    return agreement


def offered(user: User, dispute: Dispute) -> list[Action]:
    return [a for a in ACTIONS.values() if a.offer(user, dispute)]


def run_action(name: str, user: User, dispute: Dispute, data: Any, files: Any = None) -> Any:
    """Parse the input with the action's form and run it. Refusals raise DomainError subclasses;
    form errors become FieldError naming each field."""
    action = ACTIONS.get(name)
    if action is None:
        raise NotVisible("没有这个操作。")
    data = {
        k: ("1" if v is True else "0" if v is False else v) for k, v in dict(data.items()).items()
    }
    form = action.form(data, files)
    if not form.is_valid():
        raise FieldError({k: [str(m) for m in v] for k, v in form.errors.items()})
    cleaned = dict(form.cleaned_data)
    for key in ("instalment", "confirmation", "delegation", "booking"):
        if key in data:
            cleaned[key] = data.get(key)
    return action.run(user, dispute, cleaned)


# What each action says when it succeeded: the page names what happened, never "操作成功".
DONE: dict[str, Any] = {
    "attach": _("已上传材料。"),
    "start": _("已启动调解。"),
    "escalate": _("已升级为部门联动调解。"),
    "delegate": _("已委派调解，等待受委派方接受。"),
    "guidance": _("已记录法官指导意见。"),
    "booking": _("已预约法官到场，等待法官答复。"),
    "session": _("已记录本次调解。"),
    "agreement": _("已起草调解协议，请各方签署。"),
    "sign": _("已签署调解协议。"),
    "mediator_sign": _("调解员已签署调解协议。"),
    "payment": _("已登记履行情况。"),
    "apply_confirmation": _("已提交司法确认申请，法院将在三日内决定是否受理。"),
    "accept_confirmation": _("已受理司法确认申请。"),
    "extend_delegation": _("已延长委派调解期限。"),
    "fail_delegation": _("已登记委派调解不成，纠纷退回。"),
    "refer": _("已转入诉讼，立案草稿已生成。"),
    "withdraw": _("已撤回纠纷。"),
}
# Actions whose sentence depends on the choice made in the form: (field, {value: sentence}).
DONE_BY_CHOICE: dict[str, tuple[str, dict[str, Any]]] = {
    "consent": ("method", {"send_code": _("已向当事人发送同意验证码。"),
                           "code": _("当事人已确认同意。"),
                           "paper": _("已登记当事人的书面同意书。")}),
    "respond_delegation": ("accept", {"1": _("已接受委派调解。"), "0": _("已不予接受委派调解。")}),
    "respond_booking": ("accept", {"1": _("已接受预约，将按时到场。"), "0": _("已拒绝预约。")}),
    "decide_confirmation": ("confirm", {"1": _("已裁定确认调解协议有效。"),
                                        "0": _("已裁定驳回司法确认申请。")}),
}  # fmt: skip


def done_message(name: str, data: Any = None) -> str:
    """The success sentence of action `name`, given the submitted form data."""
    if name in DONE_BY_CHOICE:
        field, sentences = DONE_BY_CHOICE[name]
        raw = str((data or {}).get(field, ""))
        value = {"true": "1", "True": "1", "false": "0", "False": "0"}.get(raw, raw)
        if value in sentences:
            return str(sentences[value])
    text = DONE.get(name)
    if text is not None:
        return str(text)
    action = ACTIONS.get(name)
    return gettext("已完成：%(label)s。") % {"label": action.label if action else gettext("操作")}
