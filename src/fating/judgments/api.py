"""REST API of judgments and effect (mounted at /api/v1/judgments/). Thin: selectors decide who
sees what, services decide everything else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors as cases_selectors
from fating.core.exceptions import FieldError
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.schema import LIST_OF_OBJECTS
from fating.judgments import rules, selectors, services
from fating.judgments.models import Adjudication, AdjudicationDraft, Appeal


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def appeal_json(ap: Appeal) -> dict[str, Any]:
    return {
        "id": ap.pk, "adjudication": ap.adjudication_id, "appellant": ap.appellant.name,
        "filed_on": _day(ap.filed_on), "grounds": ap.grounds,
        "appealed_amount": str(ap.appealed_amount) if ap.appealed_amount is not None else None,
        "fee": str(ap.fee), "status": ap.status, "status_label": ap.get_status_display(),
        "higher_court": ap.higher_court, "transferred_on": _day(ap.transferred_on),
        "higher_case_number": ap.higher_case_number, "result": ap.result or None,
        "result_label": ap.get_result_display() if ap.result else None,
        "result_on": _day(ap.result_on),
    }  # fmt: skip


def adjudication_json(a: Adjudication, *, full: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": a.pk, "case": a.case_id, "case_number": a.case.number, "kind": a.kind,
        "kind_label": a.get_kind_display(), "subkind": a.subkind or None, "title": a.title,
        "document_type": a.document_type, "small_claims": a.small_claims,
        "issued_on": _day(a.issued_on), "status": a.status, "status_label": a.get_status_display(),
        "effective_on": _day(a.effective_on), "document": a.document_id,
        "certificate": a.certificate_id, "certificate_requested": a.certificate_requested,
    }  # fmt: skip
    if full:
        answer = services.answer_for(a)
        data["parties"] = [
            {"id": p.pk, "name": p.name, "role": p.role, "foreign_domicile": p.foreign_domicile,
             "served_on": _day(p.served_on), "appeal_deadline": _day(p.appeal_deadline)}
            for p in a.parties.all()
        ]  # fmt: skip
        data["appeals"] = [appeal_json(ap) for ap in a.appeals.select_related("appellant")]
        data["legal_basis"] = list(answer.legal_basis)
        data["explanation"] = answer.explanation()
        data["main_text"] = a.main_text
    return data


def _date(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]) if len(str(value)) == 10 else _bad(name)
    except ValueError:
        return _bad(name)


def _bad(name: str) -> dt.date:
    raise FieldError({name: _("日期格式应为 YYYY-MM-DD。")})


def _int(value: Any, name: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not str(value).isdigit() or len(str(value)) > 12:
        raise FieldError({name: _("应为编号。")})
    return int(value)


def _text(value: Any, name: str, limit: int = 4000) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldError({name: _("应为文字。")})
    if len(value) > limit:
        raise FieldError({name: _("不能超过%(n)d字。") % {"n": limit}})
    return value


def _lines(value: Any) -> list[str]:
    if isinstance(value, str):
        return [_text(value, "main_text")]
    if isinstance(value, list) and len(value) <= 100:
        return [_text(v, "main_text") for v in value]
    raise FieldError({"main_text": _("应为文字或文字列表。")})


@extend_schema(
    methods=["GET"], operation_id="v1_judgments_adjudications_list",
    responses={200: LIST_OF_OBJECTS},
)  # fmt: skip
@extend_schema(
    methods=["POST"], request=dict, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER]
)
@api_view(["GET", "POST"])
@idempotent
def adjudication_list(request: Request) -> Response:
    """GET: the adjudications the user may see (`?case=` one case's). POST: the case's judge
    issues one (kind judgment | ruling | mediation; subkind for a ruling)."""
    if request.method == "GET":
        qs = selectors.adjudications_for(request.user)
        case = request.query_params.get("case")
        if case:
            qs = qs.filter(case_id=_int(case, "case"))
        return Response([adjudication_json(a, full=False) for a in qs[:200]])
    d = request.data
    case = cases_selectors.case_for(request.user, _int(d.get("case"), "case") or 0)
    foreign = d.get("foreign_parties") or []
    if not isinstance(foreign, list) or len(foreign) > 100:
        raise FieldError({"foreign_parties": _("应为当事人编号列表。")})
    adjudication = services.issue_adjudication(
        actor=request.user, case=case, kind=_text(d.get("kind"), "kind", 20),
        subkind=_text(d.get("subkind"), "subkind", 20), title=_text(d.get("title"), "title", 60),
        main_text=_lines(d.get("main_text")),
        foreign_parties=[_int(x, "foreign_parties") or 0 for x in foreign],
    )  # fmt: skip
    return Response(adjudication_json(adjudication), status=201)


@extend_schema(request=None, responses=dict)
@api_view(["GET"])
def adjudication_detail(request: Request, pk: int) -> Response:
    return Response(adjudication_json(selectors.adjudication_for(request.user, pk)))


@extend_schema(request=dict, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def appeals(request: Request, pk: int) -> Response:
    """File a 上诉状 (a party for themself; staff may record a paper one with `filed_on`)."""
    adjudication = selectors.adjudication_for(request.user, pk, action="appeal")
    d = request.data
    appeal = services.file_appeal(
        actor=request.user, adjudication=adjudication, party_id=_int(d.get("party_id"), "party_id"),
        grounds=_text(d.get("grounds"), "grounds"), filed_on=_date(d.get("filed_on"), "filed_on"),
        appealed_amount=d.get("appealed_amount"),
    )  # fmt: skip
    return Response(appeal_json(appeal), status=201)


@extend_schema(request=None, responses=dict)
@api_view(["POST"])
def certificate_request(request: Request, pk: int) -> Response:
    adjudication = selectors.adjudication_for(request.user, pk, action="request_certificate")
    adjudication = services.request_certificate(actor=request.user, adjudication=adjudication)
    return Response(adjudication_json(adjudication, full=False))


@extend_schema(request=None, responses={201: dict})
@api_view(["POST"])
def certificate(request: Request, pk: int) -> Response:
    adjudication = selectors.adjudication_for(request.user, pk, action="manage")
    document = services.issue_certificate(actor=request.user, adjudication=adjudication)
    return Response({"adjudication": adjudication.pk, "document": document.pk}, status=201)


@extend_schema(request=dict, responses=dict)
@api_view(["POST"])
def transfer(request: Request, pk: int) -> Response:
    appeal = selectors.appeal_for(request.user, pk, action="manage")
    d = request.data
    appeal = services.transfer_appeal(
        actor=request.user, appeal=appeal, higher_court=_text(d.get("higher_court"), "higher_court", 100),
        transferred_on=_date(d.get("transferred_on"), "transferred_on"),
    )  # fmt: skip
    return Response(appeal_json(appeal))


@extend_schema(request=dict, responses=dict)
@api_view(["POST"])
def result(request: Request, pk: int) -> Response:
    appeal = selectors.appeal_for(request.user, pk, action="manage")
    d = request.data
    appeal = services.record_appeal_result(
        actor=request.user, appeal=appeal, result=_text(d.get("result"), "result", 20),
        result_on=_date(d.get("result_on"), "result_on"),
        higher_case_number=_text(d.get("higher_case_number"), "higher_case_number", 60),
    )  # fmt: skip
    return Response(appeal_json(appeal))


# --- Drafts (文书一键生成): court staff only; the parties never see a draft -----------------------


def draft_json(d: AdjudicationDraft) -> dict[str, Any]:
    return {
        "id": d.pk, "case": d.case_id, "case_number": d.case.number, "form": d.form,
        "form_label": d.get_form_display(), "status": d.status,
        "status_label": d.get_status_display(), "sections": d.sections,
        "granted_amount": str(d.granted_amount) if d.granted_amount is not None else None,
        "fee": d.fee, "lead_case": d.lead_case_id, "adjudication": d.adjudication_id,
        "allowed": [n for n in rules.DRAFT.allowed_names(d.status)],
    }  # fmt: skip


@extend_schema(
    methods=["GET"], operation_id="v1_judgments_drafts_list", responses={200: LIST_OF_OBJECTS},
)  # fmt: skip
@extend_schema(
    methods=["POST"], request=dict, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER]
)
@api_view(["GET", "POST"])
@idempotent
def draft_list(request: Request) -> Response:
    """GET: the drafts the user may see (`?case=` one case's). POST: the case's judge generates a
    draft in one step: `{"case": id, "form": "table_judgment" | "judgment" | "mediation" |
    "not_accepted" | "dismissed" | "withdrawal" | "jurisdiction"}`."""
    if request.method == "GET":
        qs = selectors.drafts_for(request.user)
        case = request.query_params.get("case")
        if case:
            qs = qs.filter(case_id=_int(case, "case"))
        return Response([draft_json(d) for d in qs[:200]])
    d = request.data
    case = cases_selectors.case_for(request.user, _int(d.get("case"), "case") or 0)
    draft = services.create_draft(
        actor=request.user, case=case, form=_text(d.get("form"), "form", 20)
    )
    return Response(draft_json(draft), status=201)


@extend_schema(methods=["GET"], request=None, responses=dict)
@extend_schema(
    methods=["PATCH"], request=dict, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER]
)
@api_view(["GET", "PATCH"])
@idempotent
def draft_detail(request: Request, pk: int) -> Response:
    """GET the draft; PATCH its sections (claims, facts, reasoning, articles, main_text,
    granted_amount, court_findings), each checked and named in Chinese when refused."""
    if request.method == "GET":
        return Response(draft_json(selectors.draft_for(request.user, pk)))
    draft = selectors.draft_for(request.user, pk, action="edit")
    if not isinstance(request.data, dict):
        raise FieldError({"sections": _("应为要修改的各部分。")})
    draft = services.update_draft(actor=request.user, draft=draft, changes=dict(request.data))
    return Response(draft_json(draft))


def _draft_step(request: Request, pk: int, action: str) -> AdjudicationDraft:
    return selectors.draft_for(request.user, pk, action=action)


@extend_schema(request=None, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def draft_sign(request: Request, pk: int) -> Response:
    """The case's judge signs the draft (drafting → signed)."""
    draft = services.sign_draft(actor=request.user, draft=_draft_step(request, pk, "sign"))
    return Response(draft_json(draft))


@extend_schema(request=None, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def draft_reopen(request: Request, pk: int) -> Response:
    """The case's judge takes a signed draft back for changes (signed → drafting)."""
    draft = services.reopen_draft(actor=request.user, draft=_draft_step(request, pk, "sign"))
    return Response(draft_json(draft))


@extend_schema(request=None, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def draft_issue(request: Request, pk: int) -> Response:
    """The case's judge issues the signed draft: the adjudication is created (service, appeal
    periods and effect follow)."""
    adjudication = services.issue_draft(actor=request.user, draft=_draft_step(request, pk, "issue"))
    return Response(adjudication_json(adjudication), status=201)


@extend_schema(
    request=dict, responses={201: LIST_OF_OBJECTS}, parameters=[IDEMPOTENCY_KEY_PARAMETER]
)
@api_view(["POST"])
@idempotent
def draft_parallel(request: Request) -> Response:
    """示范诉讼: `{"litigation": id}` — a draft for each confirmed parallel case once the lead case
    is decided; the judge signs and issues each one by one."""
    litigation = _int(request.data.get("litigation"), "litigation") or 0
    drafts = services.draft_parallel_cases(actor=request.user, litigation_id=litigation)
    return Response([draft_json(d) for d in drafts], status=201)
