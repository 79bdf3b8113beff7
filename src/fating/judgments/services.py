"""Writes of the judgments app: issue, service, effect, appeal and the 生效证明.

Each function is keyword-only, runs in one transaction, checks permission first, names bad fields
in Chinese (FieldError) and records one audit event. Dates come from `judgments.rules` on the
court calendar (`court_calendar()`), so the pages, the API, the task and `fating effective` agree.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.cases import selectors as cases_selectors
from fating.cases.models import Case
from fating.cases.rules.fee_tables import FeeKind
from fating.cases.rules.fees import FeeRequest, calculate_fee
from fating.core.audit import record_event, snapshot
from fating.core.calendar import RuleInputError
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.money import MoneyError
from fating.core.money import parse_money as core_parse_money
from fating.judgments import rules, selectors
from fating.judgments.models import Adjudication, AdjudicationDraft, AdjudicationParty, Appeal

MAX_TEXT = 4000
DEFAULT_TITLES = {"judgment": "民事判决书", "ruling": "民事裁定书", "mediation": "民事调解书"}


def _generate(**kwargs: Any) -> Any:
    from fating.documents.services import generate_document

    return generate_document(**kwargs)


def _closing(document: rules.Document, kind: str) -> str:
    """The notice at the foot: the right to appeal (第171条) or that the document is final."""
    word = "判决" if kind == "judgment" else "裁定"
    days = rules.appeal_days(document)
    if days is not None:
        count = "十五" if days == rules.JUDGMENT_APPEAL_DAYS else "十"
        return (
            f"如不服本{word}，可以在{word}书送达之日起{count}日内，向本院递交上诉状，"
            f"并按对方当事人的人数提出副本，上诉于上一级人民法院。"
        )
    if document is rules.Document.SMALL_CLAIMS_JUDGMENT:
        return "本判决为终审判决。"
    if document is rules.Document.MEDIATION_STATEMENT:
        return "本调解书经双方当事人签收后，即具有法律效力。"
    return f"本{word}送达后即发生法律效力。"


@transaction.atomic
def issue_adjudication(
    *,
    actor: Any,
    case: Case,
    kind: str,
    subkind: str = "",
    title: str = "",
    main_text: list[str] | str,
    foreign_parties: list[int] | None = None,
    draft_context: dict[str, Any] | None = None,
) -> Adjudication:
    """The case's judge signs and issues a judgment, ruling or 调解书: the document is generated
    (documents kind `adjudication`), filed in the dossier, and one row per party waits for
    service. Serve it through the case's 送达 tab (delivery). From a draft (`issue_draft`), the
    document is the draft in full (documents kind `drafted_adjudication`)."""
    case = cases_selectors.case_for(actor, case.pk)
    if not selectors.can_issue(actor, case):
        raise NotPermitted(_(selectors.REFUSALS["issue"]))
    errors: dict[str, str] = {}
    if kind not in Adjudication.Kind.values:
        errors["kind"] = _("文书种类应为判决书、裁定书或民事调解书。")
    subkind = subkind or ""
    if kind == "ruling" and subkind not in rules.RULING_SUBKINDS:
        errors["subkind"] = _("请选择裁定类型：不予受理、驳回起诉、管辖权异议或准许撤诉。")
    elif kind != "ruling" and subkind:
        errors["subkind"] = _("只有裁定书有裁定类型。")
    items = [main_text] if isinstance(main_text, str) else list(main_text or [])
    items = [str(x).strip() for x in items if str(x).strip()]
    if not items:
        errors["main_text"] = _("裁判主文不能为空。")
    elif sum(len(x) for x in items) > MAX_TEXT:
        errors["main_text"] = _("裁判主文不能超过4000字。")
    title = (title or DEFAULT_TITLES.get(kind, "")).strip()
    if len(title) > 60:
        errors["title"] = _("文书标题不能超过60字。")
    parties = list(case.filing.parties.order_by("pk"))
    foreign = set(foreign_parties or [])
    if foreign - {p.pk for p in parties}:
        errors["foreign_parties"] = _("境内无住所的当事人须是本案当事人。")
    if errors:
        raise FieldError(errors)
    small_claims = case.procedure == Case.Procedure.SMALL_CLAIMS
    document_type = rules.document_for(kind, subkind=subkind, small_claims=small_claims)
    today = timezone.localdate()
    context = {
        "court": case.court.name, "case_number": case.number, "kind": kind, "title": title,
        "cause": case.filing.cause.name if case.filing.cause else "纠纷",
        "parties": [{"role": p.get_role_display(), "name": p.name} for p in parties],
        "main_text": items, "closing": _closing(document_type, kind),
        "judge": actor.display_name, "issued_on": today,
    }  # fmt: skip
    if draft_context is not None:
        context = {**draft_context, **{k: context[k] for k in
                   ("court", "case_number", "cause", "title", "main_text", "closing", "judge", "issued_on")}}  # fmt: skip
        context.pop("kind", None)
    document = _generate(
        actor=actor, matter=case, kind="drafted_adjudication" if draft_context else "adjudication",
        context=context,
    )  # fmt: skip
    adjudication = Adjudication.objects.create(
        case=case, kind=kind, subkind=subkind, small_claims=small_claims,
        document_type=document_type.value, title=title, main_text="\n".join(items),
        document=document, issued_by=actor, issued_on=today,
    )  # fmt: skip
    AdjudicationParty.objects.bulk_create(
        AdjudicationParty(
            adjudication=adjudication,
            party=p,
            party_key=f"cases.filingparty:{p.pk}",
            name=p.name,
            role=p.get_role_display(),
            foreign_domicile=p.pk in foreign,
        )
        for p in parties
    )
    record_event(actor=actor, action="judgments.adjudication.issue", target=adjudication,
                 after={"case": case.pk, "kind": kind, "subkind": subkind,
                        "document_type": document_type.value, "document": document.pk,
                        "parties": len(parties)})  # fmt: skip
    return adjudication


def _answer(adjudication: Adjudication) -> rules.EffectAnswer:
    rows = list(adjudication.parties.order_by("pk"))
    return rules.effect(
        rules.Document(adjudication.document_type),
        [rules.PartyService(r.served_on, r.foreign_domicile) for r in rows],
        appealed=adjudication.status == Adjudication.Status.APPEALED,
        calendar=court_calendar(),
    )


def answer_for(adjudication: Adjudication) -> rules.EffectAnswer:
    """The effect engine's answer for the adjudication as it stands (for pages and the API)."""
    if adjudication.status in (Adjudication.Status.EFFECTIVE, Adjudication.Status.SET_ASIDE):
        rows = list(adjudication.parties.all())
        return rules.effect(
            rules.Document(adjudication.document_type),
            [rules.PartyService(r.served_on, r.foreign_domicile) for r in rows],
            calendar=court_calendar(),
        )
    return _answer(adjudication)


@transaction.atomic
def record_service(*, document_id: int, party_key: str, served_at: dt.datetime) -> list[int]:
    """Delivery served the adjudication on a party (its `delivery.service.served` event): the
    party's service date and appeal deadline, and the adjudication's effective date once every
    party is served. A system write (no actor); returns the adjudication ids touched."""
    touched = []
    served_on = timezone.localtime(served_at).date()
    for row in selectors.party_rows_for_service(document_id, party_key).select_for_update():
        adjudication = row.adjudication
        # Served after another party appealed: the date still counts (its own period runs).
        if not rules.ADJUDICATION.allows(adjudication.status, "serve"):
            continue
        if row.served_on is not None and row.served_on <= served_on:
            continue
        before = snapshot(row, ("served_on", "appeal_deadline"))
        row.served_on = served_on
        row.appeal_deadline = rules.appeal_deadline(
            rules.Document(adjudication.document_type), served_on,
            foreign_domicile=row.foreign_domicile, calendar=court_calendar(),
        )  # fmt: skip
        row.save(update_fields=["served_on", "appeal_deadline", "updated_at"])
        adjudication.effective_on = _answer(adjudication).effective_on
        adjudication.save(update_fields=["effective_on", "updated_at"])
        record_event(actor=None, action="judgments.party.served", target=row, before=before,
                     after={**snapshot(row, ("served_on", "appeal_deadline")),
                            "adjudication": adjudication.pk,
                            "effective_on": adjudication.effective_on})  # fmt: skip
        touched.append(adjudication.pk)
    return touched


@transaction.atomic
def take_effect(*, adjudication_id: int, today: dt.date | None = None) -> bool:
    """Mark an adjudication effective once its effective date has come without appeal
    (民事诉讼法 第158条; 第165条; 第100条). A system write, idempotent; True when it changed."""
    today = today or timezone.localdate()
    adjudication = Adjudication.objects.select_for_update().filter(pk=adjudication_id).first()
    if (
        adjudication is None
        or adjudication.status != Adjudication.Status.ISSUED
        or adjudication.effective_on is None
        or adjudication.effective_on > today
    ):
        return False
    adjudication.status = rules.ADJUDICATION.target(adjudication.status, "take_effect")
    adjudication.save(update_fields=["status", "updated_at"])
    record_event(actor=None, action="judgments.adjudication.effective", target=adjudication,
                 after={"case": adjudication.case_id, "effective_on": adjudication.effective_on,
                        "document_type": adjudication.document_type})  # fmt: skip
    return True


def mark_effective(today: dt.date | None = None) -> int:
    """Every issued adjudication whose effective date has come (the daily beat task)."""
    today = today or timezone.localdate()
    ids = list(selectors.due_to_take_effect(today).values_list("pk", flat=True)[:5000])
    return sum(take_effect(adjudication_id=pk, today=today) for pk in ids)


def appeal_fee(
    adjudication: Adjudication, amount: Decimal | None
) -> tuple[Decimal, dict[str, Any]]:
    """上诉案件受理费: none for an appeal against a ruling (诉讼费用交纳办法 第8条第3项); for a
    property case the fee on the appealed amount (第17条), else the case's own kind's fee."""
    if adjudication.kind != Adjudication.Kind.JUDGMENT:
        return Decimal("0.00"), {"articles": ["诉讼费用交纳办法 第8条第3项"]}
    case = adjudication.case
    kind = FeeKind(case.filing.fee_kind)
    if kind is FeeKind.PROPERTY:
        base = amount if amount is not None else case.filing.claimed_amount
        result = calculate_fee(FeeRequest(kind=kind, amount=base))
    else:
        result = calculate_fee(FeeRequest(kind=kind, amount=amount))
    breakdown = result.as_dict()
    breakdown["articles"] = ["诉讼费用交纳办法 第17条", *breakdown["articles"]]  # type: ignore[list-item]
    return result.fee, breakdown


@transaction.atomic
def file_appeal(
    *,
    actor: Any,
    adjudication: Adjudication,
    party_id: int | None = None,
    grounds: str,
    filed_on: dt.date | None = None,
    appealed_amount: Any = None,
) -> Appeal:
    """A 上诉状 filed at this court (民事诉讼法 第171–173条) by a party for themself, or recorded
    from paper by the court's staff (`filed_on` then the day it was filed or posted, 第85条第4款)."""
    adjudication = selectors.adjudication_for(actor, adjudication.pk, action="appeal")
    adjudication = Adjudication.objects.select_for_update().get(pk=adjudication.pk)
    manages = selectors.can(actor, adjudication, "manage")
    own = {p.pk: p for p in selectors.own_parties(actor, adjudication)}
    rows = {p.pk: p for p in adjudication.parties.select_related("party")}
    errors: dict[str, str] = {}
    if party_id is None and len(own) == 1:
        party_id = next(iter(own))
    row = rows.get(party_id) if party_id is not None else None
    if row is None or (not manages and row.pk not in own):
        errors["party_id"] = _("请选择上诉人（本案当事人）。")
    today = timezone.localdate()
    if filed_on is None or not manages:
        filed_on = today  # a party files online today; only staff record an earlier paper filing
    if filed_on > today:
        errors["filed_on"] = _("递交日期不能晚于今天。")
    grounds = (grounds or "").strip()
    if not grounds:
        errors["grounds"] = _("请填写上诉请求和理由（民事诉讼法 第172条）。")
    elif len(grounds) > MAX_TEXT:
        errors["grounds"] = _("上诉请求和理由不能超过4000字。")
    amount: Decimal | None = None
    if appealed_amount not in (None, ""):
        try:
            amount = core_parse_money(
                appealed_amount, field="appealed_amount", label="上诉请求数额", allow_zero=False
            )
        except (MoneyError, TypeError, ValueError):
            errors["appealed_amount"] = _("上诉请求数额应为不超过两位小数的正数。")
    if not rules.is_appealable(rules.Document(adjudication.document_type)):
        errors["adjudication"] = _("该文书依法不准上诉（民事诉讼法 第157、158、165条）。")
    elif row is not None and row.appeal_deadline is not None and filed_on > row.appeal_deadline:
        errors["filed_on"] = _("已超过上诉期（届满日 %(day)s，民事诉讼法 第171条）。") % {
            "day": row.appeal_deadline.isoformat()
        }
    if errors:
        raise FieldError(errors)
    assert row is not None  # noqa: S101  (errors raised above otherwise)
    adjudication.status = rules.ADJUDICATION.target(adjudication.status, "appeal")
    adjudication.effective_on = None
    adjudication.save(update_fields=["status", "effective_on", "updated_at"])
    fee, breakdown = appeal_fee(adjudication, amount)
    appeal = Appeal.objects.create(
        adjudication=adjudication, appellant=row, filed_on=filed_on, grounds=grounds,
        appealed_amount=amount, fee=fee, fee_breakdown=breakdown, filed_by=actor,
    )  # fmt: skip
    record_event(actor=actor, action="judgments.appeal.file", target=appeal,
                 after={"adjudication": adjudication.pk, "case": adjudication.case_id,
                        "appellant": row.name, "filed_on": filed_on, "fee": str(fee)})  # fmt: skip
    return appeal


@transaction.atomic
def transfer_appeal(
    *, actor: Any, appeal: Appeal, higher_court: str, transferred_on: dt.date | None = None
) -> Appeal:
    """The appeal goes up with the whole dossier and evidence (民事诉讼法 第174条)."""
    appeal = selectors.appeal_for(actor, appeal.pk, action="manage")
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    errors: dict[str, str] = {}
    higher_court = (higher_court or "").strip()
    if not higher_court:
        errors["higher_court"] = _("请填写上级法院。")
    elif len(higher_court) > 100:
        errors["higher_court"] = _("上级法院名称不能超过100字。")
    today = timezone.localdate()
    transferred_on = transferred_on or today
    if transferred_on > today or transferred_on < appeal.filed_on:
        errors["transferred_on"] = _("移送日期应在递交日期与今天之间。")
    if errors:
        raise FieldError(errors)
    appeal.status = rules.APPEAL.target(appeal.status, "transfer")
    appeal.higher_court, appeal.transferred_on = higher_court, transferred_on
    appeal.save(update_fields=["status", "higher_court", "transferred_on", "updated_at"])
    record_event(actor=actor, action="judgments.appeal.transfer", target=appeal,
                 after={"higher_court": higher_court, "transferred_on": transferred_on})  # fmt: skip
    return appeal


@transaction.atomic
def record_appeal_result(
    *,
    actor: Any,
    appeal: Appeal,
    result: str,
    result_on: dt.date | None = None,
    higher_case_number: str = "",
) -> Appeal:
    """The intermediate court's result (民事诉讼法 第177条; 第180条 withdrawal). 维持 or 撤回上诉:
    once every appeal is decided so, the first-instance document takes effect on the result's
    date; 改判 or 发回重审: it is set aside. The 民终 number is the higher court's, recorded here."""
    appeal = selectors.appeal_for(actor, appeal.pk, action="manage")
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    errors: dict[str, str] = {}
    if result not in rules.APPEAL_RESULTS:
        errors["result"] = _("二审结果应为维持原判、改判、发回重审或撤回上诉。")
    today = timezone.localdate()
    result_on = result_on or today
    if result_on > today or (appeal.transferred_on and result_on < appeal.transferred_on):
        errors["result_on"] = _("二审裁判日期应在移送日期与今天之间。")
    higher_case_number = (higher_case_number or "").strip()
    if higher_case_number and (
        len(higher_case_number) > 60 or not rules.is_second_instance_number(higher_case_number)
    ):
        errors["higher_case_number"] = _(
            "二审案号应为上级法院的民终案号，如（2025）鲁03民终123号。"
        )
    if errors:
        raise FieldError(errors)
    appeal.status = rules.APPEAL.target(appeal.status, "decide")
    appeal.result, appeal.result_on = result, result_on
    appeal.higher_case_number = higher_case_number
    appeal.save(update_fields=["status", "result", "result_on", "higher_case_number", "updated_at"])
    adjudication = Adjudication.objects.select_for_update().get(pk=appeal.adjudication_id)
    others = adjudication.appeals.exclude(pk=appeal.pk)
    if result not in rules.STANDING_RESULTS:
        if adjudication.status == Adjudication.Status.APPEALED:
            adjudication.status = rules.ADJUDICATION.target(adjudication.status, "set_aside")
    elif (
        not others.exclude(status=Appeal.Status.DECIDED).exists()
        and not others.exclude(result__in=rules.STANDING_RESULTS).exists()
    ):
        adjudication.status = rules.ADJUDICATION.target(adjudication.status, "upheld")
        adjudication.effective_on = result_on
    adjudication.save(update_fields=["status", "effective_on", "updated_at"])
    record_event(actor=actor, action="judgments.appeal.result", target=appeal,
                 after={"adjudication": adjudication.pk, "case": adjudication.case_id,
                        "result": result, "result_on": result_on,
                        "higher_case_number": higher_case_number,
                        "adjudication_status": adjudication.status})  # fmt: skip
    return appeal


@transaction.atomic
def issue_certificate(*, actor: Any, adjudication: Adjudication) -> Any:
    """The 生效证明书 of an effective adjudication (documents kind `effect_certificate`), issued by
    the court's staff — for themselves or on a party's request."""
    adjudication = selectors.adjudication_for(actor, adjudication.pk, action="manage")
    adjudication = Adjudication.objects.select_for_update().get(pk=adjudication.pk)
    rules.ADJUDICATION.target(adjudication.status, "certify",
                              refusal=_("文书尚未生效，不能出具生效证明。"))  # fmt: skip
    case = adjudication.case
    document = _generate(
        actor=actor, matter=case, kind="effect_certificate",
        context={
            "court": case.court.name, "case_number": case.number,
            "cause": case.filing.cause.name if case.filing.cause else "纠纷",
            "parties": [{"role": r.role, "name": r.name} for r in adjudication.parties.all()],
            "document_title": adjudication.title, "judgment_date": adjudication.issued_on,
            "effective_on": adjudication.effective_on, "issued_on": timezone.localdate(),
        },
    )  # fmt: skip
    adjudication.certificate = document
    adjudication.certificate_requested = False
    adjudication.save(update_fields=["certificate", "certificate_requested", "updated_at"])
    record_event(actor=actor, action="judgments.certificate.issue", target=adjudication,
                 after={"document": document.pk})  # fmt: skip
    return document


@transaction.atomic
def request_certificate(*, actor: Any, adjudication: Adjudication) -> Adjudication:
    """A party asks the court for the 生效证明; the court's staff see the request on the tab."""
    adjudication = selectors.adjudication_for(actor, adjudication.pk, action="request_certificate")
    adjudication = Adjudication.objects.select_for_update().get(pk=adjudication.pk)
    rules.ADJUDICATION.target(adjudication.status, "certify",
                              refusal=_("文书尚未生效，不能申请生效证明。"))  # fmt: skip
    adjudication.certificate_requested = True
    adjudication.save(update_fields=["certificate_requested", "updated_at"])
    record_event(actor=actor, action="judgments.certificate.request", target=adjudication)
    return adjudication


# --------------------------------------------------------------------------------------------
# Drafting in one step (文书一键生成, 表格式文书): the draft is generated from the case — parties
# with their agents, claims, the element table and findings (elements), the articles applied,
# a main text to edit and the fee burden from the fee engine — then edited side by side with
# the dossier (左看右写), signed and issued through `issue_adjudication`.

NO_DISPUTE = "双方一致"


def _agents(case: Case) -> dict[int, str]:
    from fating.people.models import Representation

    out: dict[int, list[str]] = {}
    rows = Representation.objects.filter(
        filing=case.filing, status=Representation.Status.CONFIRMED
    ).select_related("agent")
    for r in rows:
        out.setdefault(r.party_id, []).append(r.agent.display_name)
    return {k: "、".join(v) for k, v in out.items()}


def _names(parties: list[dict[str, Any]], role: str) -> str:
    return "、".join(p["name"] for p in parties if p["role"] == role)


def _dates(text: str) -> str:
    """ISO dates in an element answer as the court writes them (2025年4月2日)."""
    return re.sub(r"(\d{4})-(\d{2})-(\d{2})",
                  lambda m: f"{m[1]}年{int(m[2])}月{int(m[3])}日", text or "")  # fmt: skip


def _element_rows(case: Case, court_findings: dict[str, str]) -> list[dict[str, str]]:
    from fating.elements import selectors as element_selectors
    from fating.elements.models import ElementFinding

    sheet = element_selectors.sheet(case)
    notes = dict(ElementFinding.objects.filter(case=case).values_list("element", "note"))
    out = []
    for row in sheet.rows:
        if not (row.plaintiff or row.defendant or row.finding):
            continue
        finding = {"agreed": "无争议", "disputed": "有争议"}.get(str(row.finding or ""), "未认定")
        default = ""
        plaintiff, defendant = _dates(row.plaintiff), _dates(row.defendant)
        if str(row.finding) == "agreed":
            default = f"{NO_DISPUTE}：{plaintiff or defendant}"
        elif str(row.finding) == "disputed":
            default = notes.get(row.element.key, "")
        out.append({
            "key": row.element.key, "element": row.element.label, "plaintiff": plaintiff,
            "defendant": defendant, "finding": finding,
            "court_finding": court_findings.get(row.element.key, default),
            "basis": row.element.basis,
        })  # fmt: skip
    return out


def _articles(form: rules.DraftForm, case: Case, elements: list[dict[str, str]]) -> list[str]:
    """The element tables' legal basis of the elements tried, then the form's procedural
    articles (and 第165条 for a small-claims judgment)."""
    out: list[str] = []
    if form in (rules.DraftForm.JUDGMENT, rules.DraftForm.TABLE_JUDGMENT):
        for e in elements:
            for part in e["basis"].split("；"):
                part = part.split("（")[0].strip()
                if part and part not in out:
                    out.append(part)
    out += [a for a in rules.FORMS[form].articles if a not in out]
    if case.procedure == Case.Procedure.SMALL_CLAIMS and rules.FORMS[form].kind == "judgment":
        out.append("《中华人民共和国民事诉讼法》第一百六十五条")
    return out


def _default_main_text(
    form: rules.DraftForm, case: Case, parties: list[dict[str, Any]]
) -> list[str]:
    plaintiffs, defendants = _names(parties, "原告"), _names(parties, "被告")
    fixed = {
        rules.DraftForm.NOT_ACCEPTED: [f"对原告{plaintiffs}的起诉，本院不予受理"],
        rules.DraftForm.DISMISSED: [f"驳回原告{plaintiffs}的起诉"],
        rules.DraftForm.WITHDRAWAL: [f"准许原告{plaintiffs}撤回起诉"],
        rules.DraftForm.JURISDICTION: [f"驳回被告{defendants}对本案管辖权提出的异议"],
    }
    if form in fixed:
        return fixed[form]
    when = "于本判决生效之日起十日内" if form is not rules.DraftForm.MEDIATION else ""
    out = []
    for claim in case.filing.claims.order_by("pk"):
        text = re.sub(r"^(请求|要求)?(依法)?(判令|判决|确认)?", "", claim.text.strip())
        if text.startswith("被告"):
            text = f"被告{defendants}{when}" + text[2:].replace("原告", f"原告{plaintiffs}", 1)
        out.append(text.rstrip("。"))
    return out or ["（请填写裁判主文）"]


def _fee(case: Case, form: rules.DraftForm, granted: Decimal | None) -> rules.FeeBurden | None:
    from fating.cases import legal
    from fating.cases.rules.fee_tables import FeeInputError
    from fating.cases.services import fees

    paid = cases_selectors.paid_total(case)
    final, halved = Decimal("0.00"), False
    if form not in (rules.DraftForm.NOT_ACCEPTED, rules.DraftForm.DISMISSED,
                    rules.DraftForm.JURISDICTION):  # fmt: skip
        closure = {rules.DraftForm.MEDIATION: "mediation", rules.DraftForm.WITHDRAWAL: "withdrawal"}
        try:
            result = legal.case_fee(
                court=case.court, fee_kind=case.filing.fee_kind,
                amount=fees.fee_basis_amount(case), procedure=case.procedure,
                closure=closure.get(form), on=case.accepted_on,
            )  # fmt: skip
        except FeeInputError as exc:
            raise FieldError({"granted_amount": exc.reason}) from None
        final, halved = result.fee, result.halved
    try:
        return rules.fee_burden(form, final_fee=final, paid=paid, halved=halved,
                                claimed=fees.current_amount(case), granted=granted)  # fmt: skip
    except RuleInputError as exc:
        raise FieldError({exc.field: _(exc.reason)}) from None


def _composed(draft: AdjudicationDraft) -> dict[str, Any]:
    """The draft's sections with the computed ones refreshed from the case: parties and
    agents, the element rows (keeping the judge's own findings), the fee and the closing."""
    case = draft.case
    form = rules.DraftForm(draft.form)
    spec = rules.FORMS[form]
    s = dict(draft.sections)
    agents = _agents(case)
    parties = [{"role": p.get_role_display(), "name": p.name, "agents": agents.get(p.pk, "")}
               for p in case.filing.parties.order_by("pk")]  # fmt: skip
    s["parties"] = parties
    s["title"] = spec.title
    s["elements"] = (
        _element_rows(case, s.get("court_findings") or {})
        if form is rules.DraftForm.TABLE_JUDGMENT or form is rules.DraftForm.JUDGMENT
        else []
    )
    burden = _fee(case, form, draft.granted_amount)
    draft.fee = burden.as_dict() if burden else {}
    s["fee"] = rules.fee_sentence(
        burden, plaintiffs=_names(parties, "原告"), defendants=_names(parties, "被告"),
        kind=spec.kind,
    )  # fmt: skip
    small = case.procedure == Case.Procedure.SMALL_CLAIMS
    s["closing"] = _closing(rules.document_for(spec.kind, subkind=spec.subkind, small_claims=small),
                            spec.kind)  # fmt: skip
    return s


def _initial_sections(case: Case, form: rules.DraftForm, lead: Case | None) -> dict[str, Any]:
    parties = [{"role": p.get_role_display(), "name": p.name}
               for p in case.filing.parties.order_by("pk")]  # fmt: skip
    elements = (
        _element_rows(case, {})
        if form in (rules.DraftForm.JUDGMENT, rules.DraftForm.TABLE_JUDGMENT) else []
    )  # fmt: skip
    facts = case.filing.facts.strip()
    if form is rules.DraftForm.JUDGMENT and elements:
        found = "；".join(
            f"{e['element']}：{e['court_finding']}" for e in elements if e["court_finding"]
        )
        facts = f"{facts}\n经审理查明：{found}。" if found else facts
    elif form is rules.DraftForm.TABLE_JUDGMENT and elements:
        facts = f"{facts}\n本案适用要素式审理，双方陈述及本院认定见下表。"
    reasoning = ""
    if form in (rules.DraftForm.JUDGMENT, rules.DraftForm.TABLE_JUDGMENT):
        disputed = [e for e in elements if e["finding"] == "有争议"]
        reasoning = "本院认为，" + (
            "".join(f"关于{e['element']}，{e['court_finding'] or '（请写明认定理由）'}。" for e in disputed)
            if disputed else "双方对案件要素均无争议，本院予以确认。"
        )  # fmt: skip
        if lead is not None:
            lead_draft = AdjudicationDraft.objects.filter(case=lead).exclude(
                status=AdjudicationDraft.Status.DRAFTING).order_by("-pk").first()  # fmt: skip
            lead_reasoning = (lead_draft.sections.get("reasoning") or "") if lead_draft else ""
            reasoning = f"本案系{lead.number}示范案件的平行案件，参照示范案件的认定。" + (
                lead_reasoning.removeprefix("本院认为，") if lead_reasoning else reasoning
            )
    return {
        "claims": [c.text for c in case.filing.claims.order_by("pk")],
        "facts": facts,
        "reasoning": reasoning,
        "articles": _articles(form, case, elements),
        "main_text": _default_main_text(form, case, parties),
        "court_findings": {},
    }


def _draft_event(actor: Any, draft: AdjudicationDraft, what: str, **after: Any) -> None:
    record_event(actor=actor, action=f"judgments.draft.{what}", target=draft,
                 after={"case": draft.case_id, "form": draft.form, "status": draft.status,
                        **after})  # fmt: skip


@transaction.atomic
def create_draft(
    *, actor: Any, case: Case, form: str, lead_case: Case | None = None
) -> AdjudicationDraft:
    """The case's judge generates a draft in one step (文书一键生成)."""
    case = cases_selectors.case_for(actor, case.pk)
    if not selectors.can_draft(actor, case):
        raise NotPermitted(_(selectors.REFUSALS["issue"]))
    if form not in AdjudicationDraft.Form.values:
        raise FieldError(
            {"form": _("请选择文书样式：判决书（普通式或表格式）、民事调解书或裁定书。")}
        )
    chosen = rules.DraftForm(form)
    if chosen is rules.DraftForm.TABLE_JUDGMENT:
        from fating.elements import selectors as element_selectors

        if element_selectors.table_of(case) is None:
            raise FieldError({"form": _("本案案由没有要素表，不能生成表格式判决书。")})
    draft = AdjudicationDraft(case=case, form=form, created_by=actor, lead_case=lead_case,
                              sections=_initial_sections(case, chosen, lead_case))  # fmt: skip
    draft.sections = _composed(draft)
    draft.save()
    _draft_event(actor, draft, "create", lead_case=lead_case.pk if lead_case else None)
    return draft


@transaction.atomic
def update_draft(
    *, actor: Any, draft: AdjudicationDraft, changes: dict[str, Any]
) -> AdjudicationDraft:
    """The judge (or the court's clerk) edits sections; each field checked, errors named in
    Chinese, nothing written unless all are right."""
    draft = selectors.draft_for(actor, draft.pk, action="edit")
    draft = AdjudicationDraft.objects.select_for_update().select_related("case").get(pk=draft.pk)
    rules.DRAFT.target(draft.status, "edit")
    if not isinstance(changes, dict) or not changes:
        raise FieldError({"sections": _("请提交要修改的部分。")})
    clean, errors = rules.clean_sections(changes)
    if errors:
        raise FieldError({k: _(v) for k, v in errors.items()})
    sections = dict(draft.sections)
    before = {k: sections.get(k) for k in clean if k != "granted_amount"}
    if "granted_amount" in clean:
        draft.granted_amount = clean.pop("granted_amount")  # type: ignore[assignment]
    if "court_findings" in clean:
        keys = {e["key"] for e in sections.get("elements", [])}
        unknown = set(clean["court_findings"]) - keys  # type: ignore[arg-type]
        if unknown:
            raise FieldError(
                {
                    "court_findings": _("本案要素表中没有要素“%(k)s”。")
                    % {"k": "、".join(sorted(unknown))}
                }
            )
        clean["court_findings"] = {
            **(sections.get("court_findings") or {}),
            **clean["court_findings"],
        }  # type: ignore[dict-item]
    sections.update(clean)
    draft.sections = sections
    draft.sections = _composed(draft)
    draft.save(update_fields=["sections", "granted_amount", "fee", "updated_at"])
    record_event(actor=actor, action="judgments.draft.edit", target=draft,
                 before={"sections": before},
                 after={"sections": sorted(clean), "granted_amount": draft.granted_amount})  # fmt: skip
    return draft


@transaction.atomic
def sign_draft(*, actor: Any, draft: AdjudicationDraft) -> AdjudicationDraft:
    """The case's judge signs the draft: its content is fixed (fee recomputed one last time)."""
    draft = selectors.draft_for(actor, draft.pk, action="sign")
    draft = AdjudicationDraft.objects.select_for_update().select_related("case").get(pk=draft.pk)
    rules.DRAFT.target(draft.status, "sign")
    draft.sections = _composed(draft)
    errors = rules.signing_errors(rules.DraftForm(draft.form), draft.sections.get("main_text") or [],
                                  draft.sections.get("elements") or [])  # fmt: skip
    if errors:
        raise FieldError({k: _(v) for k, v in errors.items()})
    draft.status = rules.DRAFT.target(draft.status, "sign")
    draft.signed_by, draft.signed_at = actor, timezone.now()
    draft.save()
    _draft_event(actor, draft, "sign", fee=draft.fee)
    return draft


@transaction.atomic
def reopen_draft(*, actor: Any, draft: AdjudicationDraft) -> AdjudicationDraft:
    """The judge takes a signed draft back for changes before it is issued."""
    draft = selectors.draft_for(actor, draft.pk, action="sign")
    draft = AdjudicationDraft.objects.select_for_update().get(pk=draft.pk)
    draft.status = rules.DRAFT.target(draft.status, "reopen")
    draft.signed_by, draft.signed_at = None, None
    draft.save(update_fields=["status", "signed_by", "signed_at", "updated_at"])
    _draft_event(actor, draft, "reopen")
    return draft


@transaction.atomic
def issue_draft(*, actor: Any, draft: AdjudicationDraft) -> Adjudication:
    """The judge issues the signed draft: `issue_adjudication` makes the Adjudication (service,
    appeal periods and effect follow as for any adjudication)."""
    draft = selectors.draft_for(actor, draft.pk, action="issue")
    draft = AdjudicationDraft.objects.select_for_update().select_related("case").get(pk=draft.pk)
    rules.DRAFT.target(draft.status, "issue")
    spec = rules.FORMS[rules.DraftForm(draft.form)]
    s = draft.sections
    context = {
        "form": draft.form, "parties": s["parties"], "claims": s.get("claims") or [],
        "facts": s.get("facts") or "", "reasoning": s.get("reasoning") or "",
        "elements": [{k: e.get(k, "") for k in ("element", "plaintiff", "defendant", "finding",
                                                 "court_finding", "basis")}
                     for e in s.get("elements") or []] if draft.form == "table_judgment" else [],
        "articles": s.get("articles") or [], "fee": s.get("fee") or "",
    }  # fmt: skip
    adjudication = issue_adjudication(
        actor=actor, case=draft.case, kind=spec.kind, subkind=spec.subkind, title=spec.title,
        main_text=s.get("main_text") or [], draft_context=context,
    )  # fmt: skip
    draft.status = rules.DRAFT.target(draft.status, "issue")
    draft.adjudication = adjudication
    draft.save(update_fields=["status", "adjudication", "updated_at"])
    _draft_event(actor, draft, "issue", adjudication=adjudication.pk)
    return adjudication


@transaction.atomic
def draft_parallel_cases(*, actor: Any, litigation_id: Any) -> list[AdjudicationDraft]:
    """示范诉讼: once the lead case is decided, a 表格式 judgment draft for each parallel case the
    judge has confirmed (its findings carried from the lead), reasoning from the lead's draft;
    the judge then signs (confirms) and issues each one by one. Cases already drafted are left."""
    from fating.elements import selectors as element_selectors
    from fating.elements.models import ParallelCase

    litigation = element_selectors.litigation_for(actor, litigation_id)
    if not selectors.can_draft(actor, litigation.lead):
        raise NotPermitted(_(selectors.REFUSALS["issue"]))
    if selectors.lead_decided(litigation.lead) is None:
        raise FieldError({"litigation": _("示范案件尚未判决，不能据以起草平行案件的文书。")})
    made = []
    rows = litigation.parallel_cases.filter(status=ParallelCase.Status.CONFIRMED).select_related(
        "case"
    )
    for row in rows:
        case = row.case
        if AdjudicationDraft.objects.filter(case=case).exclude(
            status=AdjudicationDraft.Status.ISSUED
        ).exists() or not selectors.can_draft(actor, case):
            continue  # fmt: skip
        form = "table_judgment" if element_selectors.table_of(case) else "judgment"
        made.append(create_draft(actor=actor, case=case, form=form, lead_case=litigation.lead))
    return made
