"""Every action a person can take on a dispute, shared by the pages and the API.

An action is offered when two things hold: the workflow allows it now (the dispute's machine, or
the machine of the delegation, agreement or confirmation it acts on — `rules.DISPUTE`,
`DELEGATION`, `AGREEMENT`, `CONFIRMATION`), and the access rule lets this person take it (the
same selectors the service asks; the service decides again and refuses with 403 or 409). Each
action also names its form (input parsing and Chinese messages per field) and its handler,
which calls exactly one service.
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

Allows = Callable[[Dispute], bool]
Who = Callable[[User, Dispute], bool]
Run = Callable[[User, Dispute, dict[str, Any]], Any]


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    form: type[forms.Form]
    allows: Allows  # the workflow: may this happen to the dispute in its present state?
    who: Who  # the access rule: may this person do it?
    run: Run

    def offer(self, user: User, dispute: Dispute) -> bool:
        return self.allows(dispute) and self.who(user, dispute)


# --- the workflow side: what the machines allow now --------------------------------------------


def dispute_may(*names: str) -> Allows:
    """The dispute's machine allows one of `names` from its present state."""

    def allows(dispute: Dispute) -> bool:
        return any(rules.DISPUTE.allows(dispute.status, name) for name in names)

    return allows


def _open(dispute: Dispute) -> bool:
    return dispute.status not in rules.FINAL


def _in(*states: rules.Status) -> Allows:
    return lambda dispute: dispute.status in states


def _delegation_may(name: str) -> Allows:
    """Some delegation of the dispute may take transition `name` of rules.DELEGATION."""

    sources = rules.DELEGATION.sources(name)

    def allows(dispute: Dispute) -> bool:
        # .all(): the detail page prefetched the dispute's records; elsewhere one query
        return any(d.status in sources for d in dispute.delegations.all())

    return allows


def _agreement_may(name: str, **extra: Any) -> Allows:
    sources = rules.AGREEMENT.sources(name)

    def allows(dispute: Dispute) -> bool:
        return any(
            a.status in sources and all(getattr(a, k) == v for k, v in extra.items())
            for a in dispute.agreements.all()
        )

    return allows


def _confirmations(dispute: Dispute, name: str) -> list[JudicialConfirmation]:
    """The dispute's confirmations that transition `name` of rules.CONFIRMATION may leave."""
    sources = rules.CONFIRMATION.sources(name)
    if selectors.prefetched(dispute, "agreements"):
        return [c for a in dispute.agreements.all() for c in a.confirmations.all()
                if c.status in sources]  # fmt: skip
    return list(JudicialConfirmation.objects.filter(agreement__dispute=dispute, status__in=sources))


def _confirmation_acceptable(dispute: Dispute) -> bool:
    # the machine's guard: only an application every party has joined (filed) is accepted
    return any(
        rules.CONFIRMATION.allows(c.status, "accept", c) for c in _confirmations(dispute, "accept")
    )


def _confirmation_decidable(dispute: Dispute) -> bool:
    return bool(_confirmations(dispute, "confirm"))


def _consent_pending(dispute: Dispute) -> bool:
    # consent comes before any mediation starts (人民调解法 第17条)
    return dispute_may("start_village", "start_joint")(dispute) and bool(
        services.consent_pending(dispute)
    )


def _booking_pending(dispute: Dispute) -> bool:
    return any(b.status == JudgeBooking.Status.REQUESTED for b in dispute.bookings.all())


# --- the access side: who may ------------------------------------------------------------------


def _is_party(user: User, dispute: Dispute) -> bool:
    return selectors.party_of(user, dispute) is not None


def _is_applicant(user: User, dispute: Dispute) -> bool:
    party = selectors.party_of(user, dispute)
    return party is not None and party.role == party.Role.APPLICANT


def anyone(*tests: Who) -> Who:
    return lambda user, dispute: any(test(user, dispute) for test in tests)


def _is_reporter(user: User, dispute: Dispute) -> bool:
    return dispute.reporter_id == user.pk


def _judge_of_confirmation(user: User, dispute: Dispute) -> bool:
    return any(c.judge_id == user.pk for c in _confirmations(dispute, "confirm"))


def _judge_of_booking(user: User, dispute: Dispute) -> bool:
    return any(
        b.status == JudgeBooking.Status.REQUESTED and b.judge_id == user.pk
        for b in dispute.bookings.all()
    )


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
    existing = agreement.confirmations.exclude(status__in=rules.CONFIRMATION_CLOSED).first()
    return rules.confirmation_open(
        status=existing.status if existing else None,
        filed=bool(existing and existing.filed),
        joined=existing.co_applicants if existing else [],
        party=party.pk if party else None,
        uploads_paper=manages,
    )


manages = selectors.can_manage_mediation
court_staff = selectors.is_court_staff
judge = selectors.is_judge
assigned = selectors.is_assigned_mediator
liaison = selectors.is_point_liaison


# --- the handlers: one service each ------------------------------------------------------------


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


def _no_judge() -> User:
    raise FieldError({"judge": "请选择本庭的法官。"})


def _draft(dispute: Dispute) -> Agreement:
    agreement = dispute.agreements.filter(status=Agreement.Status.DRAFT).first()
    if agreement is None:
        raise FieldError({"agreement": "没有待签署的调解协议。"})
    return agreement


def _effective_or_none(dispute: Dispute) -> Agreement | None:
    return dispute.agreements.filter(status__in=rules.AGREEMENT_IN_FORCE).first()


def _effective(dispute: Dispute) -> Agreement:
    agreement = _effective_or_none(dispute)
    if agreement is None:
        raise FieldError({"agreement": "没有已生效的调解协议。"})
    return agreement


def _consent(user: User, dispute: Dispute, d: dict[str, Any]) -> Any:
    party = _party(dispute, d["party"])
    if d["method"] == "send_code":
        return services.send_consent_code(actor=user, party=party)
    if d["method"] == "code":
        return services.confirm_consent_by_code(actor=user, party=party, code=d.get("code") or "")
    if not d.get("paper"):
        raise FieldError({"paper": "请上传当事人签字的书面同意书。"})
    return services.record_paper_consent(actor=user, party=party, paper=d["paper"])


def _attach(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.add_attachment(actor=u, dispute=d, title=x.get("title") or "", file=x["file"])


def _start(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.start_mediation(
        actor=u, dispute=d, tier=x["tier"], organisation=x.get("organisation"),
        mediator=x.get("mediator"),
    )  # fmt: skip


def _escalate(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.escalate(
        actor=u, dispute=d, reason=x["reason"], organisation=x.get("organisation"),
        mediator=x.get("mediator"),
    )  # fmt: skip


def _delegate(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.delegate(
        actor=u, dispute=d, organisation=x["organisation"], mediator=x.get("mediator")
    )


def _guidance(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.add_guidance(
        actor=u, dispute=d, text=x["text"], suggested_cases=_lines(x.get("suggested_cases", "")),
        session_at=x.get("session_at"),
    )  # fmt: skip


def _booking(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    chosen = User.objects.filter(pk=x["judge"]).first() or _no_judge()
    return services.request_booking(
        actor=u, dispute=d, judge=chosen, starts_at=x["starts_at"], ends_at=x["ends_at"],
        place=x["place"],
    )  # fmt: skip


def _session(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.record_session(
        actor=u, dispute=d, mode=x["mode"], held_at=x["held_at"], place=x["place"],
        attendees=_lines(x["attendees"]), minutes=x["minutes"], outcome=x["outcome"],
    )  # fmt: skip


def _agreement(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.draft_agreement(
        actor=u, dispute=d, facts=x["facts"], terms=x["terms"], performance=x["performance"],
        deadline=x["deadline"], instalments=_instalments(x.get("instalments", "")),
    )  # fmt: skip


def _sign(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.sign_agreement(
        actor=u, agreement=_draft(d), party=_party(d, x["party"]), paper=x.get("paper")
    )


def _mediator_sign(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.mediator_sign(actor=u, agreement=_draft(d))


def _payment(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    instalment = _child(Instalment, d, x.get("instalment"), "agreement__dispute")
    return services.record_payment(
        actor=u, instalment=instalment, amount=str(x["amount"]), paid_on=x["paid_on"]
    )


def _apply_confirmation(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.apply_for_confirmation(
        actor=u, agreement=_effective(d), joint_paper=x.get("joint_paper")
    )


def _confirmation(d: Dispute, x: dict[str, Any]) -> Any:
    return _child(JudicialConfirmation, d, x.get("confirmation"), "agreement__dispute")


def _accept_confirmation(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.accept_confirmation(actor=u, confirmation=_confirmation(d, x))


def _decide_confirmation(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.decide_confirmation(
        actor=u, confirmation=_confirmation(d, x), confirm=x["confirm"],
        ground=x.get("ground") or "", reasons=x.get("reasons") or "",
    )  # fmt: skip


def _delegation(d: Dispute, x: dict[str, Any]) -> Any:
    return _child(Delegation, d, x.get("delegation"), "dispute")


def _respond_delegation(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.respond_to_delegation(
        actor=u, delegation=_delegation(d, x), accept=x["accept"], reason=x.get("reason") or ""
    )


def _extend_delegation(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.extend_delegation(
        actor=u, delegation=_delegation(d, x), days=x["days"],
        all_parties_agree=x["all_parties_agree"],
    )  # fmt: skip


def _fail_delegation(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.fail_delegation(actor=u, delegation=_delegation(d, x), reason=x["reason"])


def _respond_booking(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    booking = _child(JudgeBooking, d, x.get("booking"), "dispute")
    return services.respond_to_booking(
        actor=u, booking=booking, accept=x["accept"], note=x.get("reason") or ""
    )


def _refer(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.refer_to_filing(actor=u, dispute=d, reason=x["reason"])


def _hand_over(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.hand_to_department(
        actor=u, dispute=d, department=x.get("department"), request=x.get("request") or ""
    )


def _may_hand_over_now(dispute: Dispute) -> bool:
    return dispute.status in rules.HAND_OVER_FROM


def _withdraw(u: User, d: Dispute, x: dict[str, Any]) -> Any:
    return services.withdraw(actor=u, dispute=d, reason=x["reason"])


MEDIATING = tuple(rules.MEDIATING)

# In the order the page lists them. Columns: name, label, form, workflow, access, handler.
ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action("consent", "当事人同意", f.ConsentForm, _consent_pending,
               anyone(liaison, manages), _consent),
        Action("attach", "上传材料", f.AttachmentForm, _open,
               anyone(manages, _is_party, _is_reporter), _attach),
        Action("hand_over", "移交联动部门", f.HandOverForm, _may_hand_over_now,
               selectors.may_hand_over, _hand_over),
        Action("start", "启动调解", f.StartForm, dispute_may("start_village", "start_joint"),
               manages, _start),
        Action("escalate", "升级为部门联动", f.EscalateForm, dispute_may("escalate"),
               manages, _escalate),
        Action("delegate", "委派调解", f.DelegateForm, dispute_may("delegate"),
               court_staff, _delegate),
        Action("guidance", "法官指导", f.GuidanceForm, _open, judge, _guidance),
        Action("booking", "预约法官到场", f.BookingForm, _in(rules.Status.JOINT),
               manages, _booking),
        Action("session", "记录调解", f.SessionForm, _in(*MEDIATING), manages, _session),
        Action("agreement", "起草调解协议", f.AgreementForm, dispute_may("agree"),
               manages, _agreement),
        Action("sign", "签署调解协议", f.SignForm, _agreement_may("take_effect"),
               anyone(_is_party, manages), _sign),
        Action("mediator_sign", "调解员签署", forms.Form,
               _agreement_may("take_effect", mediator_signed_at=None), manages,
               _mediator_sign),
        Action("payment", "登记履行", f.PaymentForm, _agreement_may("perform"),
               anyone(_is_party, manages), _payment),
        Action("apply_confirmation", "申请司法确认", f.ConfirmationApplyForm,
               dispute_may("resolve"), _may_apply_for_confirmation, _apply_confirmation),
        Action("accept_confirmation", "受理司法确认", forms.Form, _confirmation_acceptable,
               judge, _accept_confirmation),
        Action("decide_confirmation", "司法确认裁定", f.DecideForm, _confirmation_decidable,
               _judge_of_confirmation, _decide_confirmation),
        Action("respond_delegation", "答复委派", f.RespondForm, _delegation_may("accept"),
               assigned, _respond_delegation),
        Action("extend_delegation", "延长委派期限", f.ExtendForm, _delegation_may("extend"),
               anyone(court_staff, assigned), _extend_delegation),
        Action("fail_delegation", "委派调解不成", f.ReasonForm, _delegation_may("fail"),
               anyone(court_staff, assigned), _fail_delegation),
        Action("respond_booking", "答复预约", f.RespondForm, _booking_pending,
               _judge_of_booking, _respond_booking),
        Action("refer", "转入诉讼", f.ReasonForm, dispute_may("refer"),
               anyone(court_staff, liaison, _is_applicant), _refer),
        Action("withdraw", "撤回", f.ReasonForm, dispute_may("withdraw"),
               anyone(_is_reporter, court_staff, _is_applicant), _withdraw),
    ]
}  # fmt: skip


def offered(user: User, dispute: Dispute) -> list[Action]:
    with selectors.remembering():
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
    "hand_over": _("已移交联动部门，等待部门接收。"),
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
