"""The permission matrix: every persona against every cases page and endpoint.

A party or agent sees their own filings and cases; clerks and the court administrator their
court's; judges their tribunal's; a liaison what they assisted; everyone else 404. Review actions
only for clerks and judges of the competent court (403 for others who can see).

The objects live in court A. "other_admin" and "other_clerk" work only at court B (the "other
court" columns); "cross" is a clerk at court B and a liaison at court A, so on court A's objects
it must answer exactly as the liaison does — never as a clerk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.accounts.models import Role
from fating.cases.models import Case, Overpayment, Payment, Refund
from fating.cases.services import documents as case_documents
from fating.cases.services import fees, hearings, mediation, payments, time_limits, triage_admin
from fating.cases.tests.factories import accepted_case, draft_filing, submitted_filing
from fating.cases.tests.test_procedures_permissions import MATRIX as PROCEDURES
from fating.cases.tests.test_procedures_permissions import PERSONAS as PROCEDURE_PERSONAS
from fating.network.models import MediationOrganisation
from fating.testing import Network, client_for, generic_route, member, routes_under

STAFF_A = ["court_admin", "judge", "clerk", "liaison", "mediator", "governance"]
PERSONAS = [
    *STAFF_A,
    "party",
    "agent",
    "other_admin",
    "other_clerk",
    "cross",
    "outsider",
    "anonymous",
]
SEES = ["court_admin", "judge", "clerk", "party"]  # who sees the party's submitted filing and case
REVIEWERS = ["judge", "clerk"]


def expect(default: int, anonymous: int, **overrides: int | list[str]) -> dict[str, int]:
    table = {p: default for p in PERSONAS}
    table["anonymous"] = anonymous
    for persona, code in overrides.items():
        table[persona] = code  # type: ignore[assignment]
    return table


def seen(
    ok: int, anonymous: int, *, writers: list[str], others_who_see: int = 403
) -> dict[str, int]:
    """`writers` get `ok`, the rest of SEES get `others_who_see`, everyone else 404."""
    table = expect(404, anonymous)
    for persona in SEES:
        table[persona] = ok if persona in writers else others_who_see
    return table


VIEW_PAGE = seen(200, 302, writers=SEES)
VIEW_API = seen(200, 401, writers=SEES)
FILERS_ONLY = expect(403, 302, party=200, agent=200, liaison=200, cross=200)
# Staff of any court read their own court's rates (court B's, for the court-B personas).
RATE_READERS = {"court_admin": 200, "judge": 200, "clerk": 200, "other_admin": 200,
                "other_clerk": 200, "cross": 200}  # fmt: skip
FUTURE = "{future}"

# (name, method, url, body, kind, expectations); kind: "json", "form" or "multipart".
MATRIX = [
    ("index", "get", "/cases/", None, "form", expect(200, 302)),
    ("cause options", "get", "/cases/causes/?q=借贷", None, "form", expect(200, 302)),
    ("filing wizard", "get", "/cases/filings/new/", None, "form", FILERS_ONLY),
    ("filing page", "get", "/cases/filings/{filing}/", None, "form", VIEW_PAGE),
    ("filing act", "post", "/cases/filings/{filing}/act/", {"action": "refuse", "reasons": "重复起诉"},
     "form", seen(302, 302, writers=REVIEWERS)),
    ("evidence download", "get", "/cases/filings/{filing}/evidence/{evidence}/", None, "form", VIEW_PAGE),
    # Lists answer like their API: rows the user may act on, empty for everyone else.
    ("review queue", "get", "/cases/review/", None, "form", expect(200, 302)),
    ("docket", "get", "/cases/docket/", None, "form", expect(200, 302)),
    ("case page", "get", "/cases/{case}/", None, "form", VIEW_PAGE),
    *[(f"case tab {tab}", "get", f"/cases/{{case}}/{tab}/", None, "form", VIEW_PAGE)
      for tab in ("hearings", "fees", "amendments", "limits", "mediation", "chat", "documents", "effect")],
    # Serving documents is for who manages the case as a matter (delivery's rule).
    ("case service tab", "get", "/cases/{case}/service/", None, "form",
     seen(200, 302, writers=REVIEWERS)),
    ("case act", "post", "/cases/{case}/act/", {"action": "close", "closure": "dismissal", "plaintiff_share": "0"},
     "form", seen(302, 302, writers=REVIEWERS)),
    ("sandbox page", "get", "/cases/pay/sandbox/{order}/", None, "form", VIEW_PAGE),
    ("join link", "get", "/cases/join/{token}/", None, "form",
     seen(200, 302, writers=["party", "judge", "clerk"], others_who_see=404)),
    ("causes", "get", "/api/v1/cases/causes/", None, "json", expect(200, 401)),
    ("filings", "get", "/api/v1/cases/filings/", None, "json", expect(200, 401)),
    ("filing create", "post", "/api/v1/cases/filings/", {"court": "{court}", "filer_capacity": "party"},
     "json", expect(403, 401, party=201)),
    ("review queue api", "get", "/api/v1/cases/filings/review-queue/", None, "json", expect(200, 401)),
    ("filing", "get", "/api/v1/cases/filings/{filing}/", None, "json", VIEW_API),
    ("filing update", "patch", "/api/v1/cases/filings/{draft}/", {"facts": "补充事实"}, "json",
     expect(404, 401, party=200)),
    ("add party", "post", "/api/v1/cases/filings/{draft}/parties/",
     {"role": "defendant", "kind": "natural", "name": "王五", "address": "丙村"}, "json",
     expect(404, 401, party=201)),
    ("remove party", "delete", "/api/v1/cases/filings/{draft}/parties/{draft_party}/", None, "json",
     expect(404, 401, party=204)),
    ("add claim", "post", "/api/v1/cases/filings/{draft}/claims/", {"text": "利息", "amount": "100"},
     "json", expect(404, 401, party=201)),
    ("remove claim", "delete", "/api/v1/cases/filings/{draft}/claims/{draft_claim}/", None, "json",
     expect(404, 401, party=204)),
    ("upload evidence", "post", "/api/v1/cases/filings/{draft}/evidence/",
     {"kind": "evidence", "title": "转账记录"}, "multipart", expect(404, 401, party=201)),
    ("evidence file", "get", "/api/v1/cases/filings/{filing}/evidence/{evidence}/", None, "json", VIEW_API),
    ("submit", "post", "/api/v1/cases/filings/{draft}/submit/", None, "json", expect(404, 401, party=200)),
    ("withdraw", "post", "/api/v1/cases/filings/{filing}/withdraw/", None, "json",
     seen(200, 401, writers=["party"])),
    ("resubmit", "post", "/api/v1/cases/filings/{filing}/resubmit/", None, "json",
     seen(409, 401, writers=["party"])),
    ("forward", "post", "/api/v1/cases/filings/{filing}/forward/", None, "json",
     seen(409, 401, writers=REVIEWERS)),
    ("request correction", "post", "/api/v1/cases/filings/{filing}/request-correction/",
     {"items": ["身份证明"], "due_on": FUTURE}, "json", seen(200, 401, writers=REVIEWERS)),
    ("refuse", "post", "/api/v1/cases/filings/{filing}/refuse/", {"reasons": "重复起诉"}, "json",
     seen(200, 401, writers=REVIEWERS)),
    ("accept", "post", "/api/v1/cases/filings/{filing}/accept/", {}, "json",
     seen(201, 401, writers=REVIEWERS)),
    ("fee relief", "post", "/api/v1/cases/filings/{draft}/fee-relief/", {"kind": "defer", "grounds": "工伤"},
     "json", expect(404, 401, party=201)),
    ("decide relief", "post", "/api/v1/cases/fee-reliefs/{relief}/decide/", {"approve": True}, "json",
     seen(200, 401, writers=["judge", "court_admin"])),
    ("payment callback", "post", "/api/v1/cases/payments/callback/{gateway}/",
     {"order_id": "{order}", "amount": "1", "status": "paid", "nonce": "n"}, "json", expect(400, 400)),
    ("cases", "get", "/api/v1/cases/cases/", None, "json", expect(200, 401)),
    ("docket api", "get", "/api/v1/cases/cases/docket/", None, "json", expect(200, 401)),
    ("case", "get", "/api/v1/cases/cases/{case}/", None, "json", VIEW_API),
    # The world already opened the fee's order: asking again returns that open order (200).
    ("pay", "post", "/api/v1/cases/cases/{case}/payments/", None, "json", seen(200, 401, writers=["party"])),
    ("schedule hearing", "post", "/api/v1/cases/cases/{case}/hearings/",
     {"mode": "online", "starts_at": "{start}", "ends_at": "{end}"}, "json", seen(201, 401, writers=REVIEWERS)),
    ("close", "post", "/api/v1/cases/cases/{case}/close/", {"closure": "dismissal", "plaintiff_share": "0"},
     "json", seen(200, 401, writers=REVIEWERS)),
    ("acceptance notice", "post", "/api/v1/cases/cases/{case}/acceptance-notice/", None, "json",
     seen(201, 401, writers=REVIEWERS)),
    ("hearing", "get", "/api/v1/cases/hearings/{hearing}/", None, "json", VIEW_API),
    ("record hearing", "post", "/api/v1/cases/hearings/{hearing}/record/", {"record": "到庭"}, "json",
     seen(200, 401, writers=REVIEWERS)),
    ("cancel hearing", "post", "/api/v1/cases/hearings/{hearing}/cancel/", {"reason": "法官回避"}, "json",
     seen(200, 401, writers=REVIEWERS)),
    ("summons", "post", "/api/v1/cases/hearings/{hearing}/summons/", None, "json",
     seen(201, 401, writers=REVIEWERS)),
    # 审限
    ("closure rates", "get", "/cases/time-limits/", None, "form",
     expect(403, 302, **RATE_READERS)),
    ("time-limit act", "post", "/cases/{case}/time-limit/",
     {"action": "exclude", "kind": "appraisal", "start": "{accepted}"}, "form", seen(302, 302, writers=REVIEWERS)),
    ("time limit", "get", "/api/v1/cases/cases/{case}/time-limit/", None, "json", VIEW_API),
    ("request extension", "post", "/api/v1/cases/cases/{case2}/extensions/", {"reasons": "案情复杂"}, "json",
     seen(201, 401, writers=["judge"])),
    ("decide extension", "post", "/api/v1/cases/extensions/{extension}/decide/", {"approve": True}, "json",
     seen(200, 401, writers=["court_admin"])),
    ("exclude period", "post", "/api/v1/cases/cases/{case}/excluded-periods/",
     {"kind": "appraisal", "start": "{accepted}"}, "json", seen(201, 401, writers=REVIEWERS)),
    ("end period", "post", "/api/v1/cases/excluded-periods/{period}/end/", {"end": FUTURE}, "json",
     seen(200, 401, writers=REVIEWERS)),
    ("change procedure", "post", "/api/v1/cases/cases/{case}/procedure-changes/",
     {"to": "simple", "reasons": "双方同意", "before_first_hearing": True}, "json", seen(201, 401, writers=REVIEWERS)),
    ("closure rates api", "get", "/api/v1/cases/time-limits/rates/", None, "json",
     expect(403, 401, **RATE_READERS)),
    # 诉讼风险评估
    ("risk page", "get", "/cases/risk/?assess=1&court={court}&cause=民间借贷纠纷&amount=20000&knew_on={accepted}",
     None, "form", expect(200, 302)),
    ("risk pdf", "get", "/cases/risk/pdf/?assess=1&court={court}&cause=民间借贷纠纷&amount=20000&knew_on={accepted}",
     None, "form", expect(200, 302)),
    ("risk api", "post", "/api/v1/cases/risk-assessment/",
     {"court": "{court}", "cause": "民间借贷纠纷", "amount": "20000", "knew_on": "{accepted}"}, "json",
     expect(200, 401)),
    # 委托调解
    ("entrust page", "post", "/cases/{case2}/entrust/", {"organisation": "{invited}"}, "form",
     seen(302, 302, writers=REVIEWERS)),
    ("entrustment page", "get", "/cases/entrustments/{entrustment}/", None, "form",
     {**VIEW_PAGE, "mediator": 200}),
    ("entrustment act", "post", "/cases/entrustments/{entrustment}/act/", {"action": "accept"}, "form",
     {**seen(302, 302, writers=[]), "mediator": 302}),
    ("entrust", "post", "/api/v1/cases/cases/{case2}/entrust/", {"organisation": "{invited}"}, "json",
     seen(201, 401, writers=REVIEWERS)),
    ("entrustments", "get", "/api/v1/cases/entrustments/", None, "json", expect(200, 401)),
    ("entrustment", "get", "/api/v1/cases/entrustments/{entrustment}/", None, "json", {**VIEW_API, "mediator": 200}),
    ("accept entrustment", "post", "/api/v1/cases/entrustments/{entrustment}/accept/", None, "json",
     {**seen(200, 401, writers=[]), "mediator": 200}),
    ("decline entrustment", "post", "/api/v1/cases/entrustments/{entrustment}/decline/", {"reasons": "超出范围"},
     "json", {**seen(200, 401, writers=[]), "mediator": 200}),
    ("extend entrustment", "post", "/api/v1/cases/entrustments/{mediating}/extend/",
     {"days": 5, "party_ids": ["{m_p1}", "{m_p2}"], "consent_note": "电话确认"}, "json",
     {**seen(200, 401, writers=REVIEWERS), "mediator": 200}),
    ("conclude entrustment", "post", "/api/v1/cases/entrustments/{mediating}/conclude/",
     {"succeeded": False, "note": "差距较大"}, "json", {**seen(200, 401, writers=REVIEWERS), "mediator": 200}),
    # Changes after acceptance; triage administration
    ("changes act", "post", "/cases/{case}/changes/",
     {"action": "claim_change", "new_amount": "30000", "reasons": "增加利息"}, "form",
     seen(302, 302, writers=["party", *REVIEWERS])),
    ("triage admin", "get", "/cases/triage-admin/", None, "form",
     expect(403, 302, court_admin=200, other_admin=200)),
    ("claim change", "post", "/api/v1/cases/cases/{case}/claim-changes/",
     {"new_amount": "30000", "reasons": "增加利息"}, "json", seen(201, 401, writers=["party", *REVIEWERS])),
    ("counterclaim", "post", "/api/v1/cases/cases/{case}/counterclaims/",
     {"counterclaimant": "李四", "claims": "返还押金", "amount": "5000"}, "json",
     seen(201, 401, writers=REVIEWERS)),
    # The defendant side (here the agent persona's account is linked to the defendant) pays.
    ("counterclaim pay page", "post", "/cases/counterclaims/{counterclaim}/pay/", None, "form",
     {**seen(403, 302, writers=[]), "agent": 302}),
    ("counterclaim payment", "post", "/api/v1/cases/counterclaims/{counterclaim}/payments/", None,
     "json", {**seen(403, 401, writers=[]), "agent": 201}),
    ("refund pay-out", "post", "/api/v1/cases/refunds/{refund}/pay-out/", {"reference": "TK001"}, "json",
     seen(200, 401, writers=["court_admin", "clerk"])),
    ("overpayment refund", "post", "/api/v1/cases/overpayments/{overpayment}/refund/", {"reference": "TK001"},
     "json", seen(200, 401, writers=["court_admin", "clerk"])),
    ("adjourn", "post", "/api/v1/cases/hearings/{hearing}/adjourn/",
     {"ground": "absence", "reasons": "被告生病", "next_starts_at": "{start}", "next_ends_at": "{end}"},
     "json", seen(201, 401, writers=REVIEWERS)),
    ("speedy teams", "get", "/api/v1/cases/speedy-teams/", None, "json",
     expect(403, 401, court_admin=200, other_admin=200)),
    ("speedy team update", "post", "/api/v1/cases/speedy-teams/{team}/", {"active": False}, "json",
     expect(404, 401, court_admin=200, other_admin=404)),
    ("wage figures", "get", "/api/v1/cases/wage-figures/", None, "json",
     expect(403, 401, court_admin=200, other_admin=200)),
]  # fmt: skip

assert PROCEDURE_PERSONAS == PERSONAS  # the two matrices ask the same people

CASES = [
    pytest.param(name, method, url, body, kind, persona, table[persona], id=f"{name}-{persona}")
    for name, method, url, body, kind, table in MATRIX
    for persona in PERSONAS
]


@dataclass
class World:
    ids: dict[str, str]


@pytest.fixture
def world(network: Network, monkeypatch: pytest.MonkeyPatch) -> World:
    network.users["other_clerk"] = member(Role.CLERK, tribunal=network.other_tribunal)
    # Document rendering (PDF, fonts) belongs to the documents app's tests; here only who may ask.
    monkeypatch.setattr(case_documents, "_generate", lambda **kw: SimpleNamespace(pk=1))
    party = network.users["party"]
    filing = submitted_filing(network)
    draft = draft_filing(network)
    case = accepted_case(network)
    payment = payments.create_payment(actor=party, case=case)
    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    hearing = hearings.schedule_hearing(
        actor=network.users["clerk"],
        case=case,
        mode="online",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    relief = payments.apply_fee_relief(actor=party, filing=filing, kind="defer", grounds="工伤")
    later = start + timedelta(days=1)
    # 审限 and 委托调解: the mediator persona's organisation joins the court's invited roster.
    Case.objects.filter(pk=case.pk).update(procedure="ordinary")
    case.refresh_from_db()
    clerk, judge = network.users["clerk"], network.users["judge"]
    extension = time_limits.request_extension(actor=judge, case=case, reasons="鉴定")
    period = time_limits.record_excluded_period(
        actor=clerk, case=case, kind="jurisdiction", start=case.accepted_on
    )
    MediationOrganisation.objects.filter(pk=network.organisation.pk).update(is_court_invited=True)
    network.organisation.refresh_from_db()
    entrustment = mediation.entrust(actor=clerk, case=case, organisation=network.organisation)
    case2, case3 = accepted_case(network), accepted_case(network)
    mediating = mediation.accept(
        actor=network.users["mediator"],
        entrustment=mediation.entrust(actor=clerk, case=case3, organisation=network.organisation),
    )
    refund = Refund.objects.create(
        case=case2, amount="25.00", reason="撤诉减半", due_on=timezone.localdate()
    )
    paid = Payment.objects.create(
        case=case2, order_id="FTPAID2", gateway="sandbox", amount="25.00", status="paid",
        created_by=party,
    )  # fmt: skip
    overpayment = Overpayment.objects.create(
        case=case2, payment=paid, amount="25.00", reason="order_paid", received_at=timezone.now()
    )
    team = triage_admin.create_team(
        actor=network.users["court_admin"], court=network.court, name="速裁一组",
        members=[judge.pk],
    )  # fmt: skip
    p1, p2 = case3.filing.parties.order_by("pk").values_list("pk", flat=True)
    case4 = accepted_case(network)
    case4.filing.parties.filter(role="defendant").update(user=network.users["agent"])
    counterclaim = fees.record_counterclaim(
        actor=clerk, case=case4, counterclaimant="李四", claims="返还押金", amount="5000"
    )
    ids = {
        "court": network.court.pk, "gateway": "sandbox", "filing": filing.pk, "evidence": filing.evidence.first().pk,
        "draft": draft.pk, "draft_party": draft.parties.first().pk, "draft_claim": draft.claims.first().pk,
        "case": case.pk, "order": payment.order_id, "hearing": hearing.pk, "relief": relief.pk,
        "token": hearing.participants.get(party__user=party).join_token,
        "start": later.isoformat(), "end": (later + timedelta(hours=1)).isoformat(),
        "future": (timezone.localdate() + timedelta(days=10)).isoformat(),
        "accepted": case.accepted_on.isoformat(), "extension": extension.pk, "period": period.pk,
        "entrustment": entrustment.pk, "mediating": mediating.pk, "case2": case2.pk,
        "invited": network.organisation.pk, "m_p1": p1, "m_p2": p2, "refund": refund.pk,
        "team": team.pk, "counterclaim": counterclaim.pk, "overpayment": overpayment.pk,
    }  # fmt: skip
    return World({k: str(v) for k, v in ids.items()})


def _fill(value: object, world: World) -> object:
    if isinstance(value, str):
        for key, text in world.ids.items():
            if value == "{" + key + "}" and text.isdigit():
                return int(text)
            value = value.replace("{" + key + "}", text)
        return value
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, world) for v in value]
    return value


@pytest.mark.parametrize(("name", "method", "url", "body", "kind", "persona", "status"), CASES)
def test_permission_matrix(
    network: Network, world: World, name: str, method: str, url: str, body: dict | None,
    kind: str, persona: str, status: int,
) -> None:  # fmt: skip
    user = None if persona == "anonymous" else network.users[persona]
    client = client_for(user)
    data = _fill(body, world) if body is not None else None
    if kind == "json":
        kwargs = {"data": data or {}, "content_type": "application/json"} if method != "get" else {}
    elif kind == "multipart":
        kwargs = {
            "data": {
                **(data or {}),
                "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", "application/pdf"),
            }
        }
    else:
        kwargs = {"data": data} if data else {}
    response = getattr(client, method)(_fill(url, world), **kwargs)
    assert response.status_code == status, (name, persona, response.content[:300])
    if status == 302 and persona == "anonymous":
        assert response["Location"].startswith("/login/")
    if url.startswith("/api/v1/") and status >= 400:
        assert response.json()["error"]["status"] == status


def test_every_cases_route_is_in_the_matrix() -> None:
    """A new cases page or endpoint must be added to the matrix before it ships."""

    rows = [*MATRIX, *PROCEDURES]  # the special procedures' compact matrix lives in its module
    covered = {re.sub(r"\{\w+\}", "*", url.split("?")[0]) for _, _, url, _, _, _ in rows}
    owned = ("/cases/", "/api/v1/cases/")
    routes = routes_under(*owned)
    missing = [r for r in routes if generic_route(r) not in covered]
    assert routes and not missing, missing
