"""The permission matrix: every persona against every judgments page, form and endpoint.

The case lives in court A; its judge is `judge`, the plaintiff `party`, the defendant `agent`.
"other_admin"/"other_clerk" work only at court B; "cross" is a clerk at B and a liaison at A and
must answer as the liaison does (404: it did not assist this filing). Each request runs in a
savepoint that is rolled back, so one world serves the whole matrix (fast)."""

from __future__ import annotations

import json
import re

import pytest
from django.db import transaction
from django.utils import timezone

from fating.accounts.models import Role
from fating.judgments import services
from fating.judgments.tests.factories import Judged
from fating.testing import client_for, generic_route, member, routes_under

PERSONAS = ["court_admin", "judge", "clerk", "liaison", "mediator", "governance", "party",
            "agent", "other_admin", "other_clerk", "cross", "outsider", "anonymous"]  # fmt: skip
VIEWERS = ["court_admin", "judge", "clerk", "party", "agent"]


def table(anonymous: int, **codes: int) -> dict[str, int]:
    """404 for everyone not named (they do not see the case); viewers not named get 403."""
    out = {p: 404 for p in PERSONAS}
    out.update({p: 403 for p in VIEWERS})
    out["anonymous"] = anonymous
    out.update(codes)
    return out


STAFF = {"judge": 0, "clerk": 0}
PARTIES = {"party": 0, "agent": 0}


def ok(code: int, anonymous: int, who: dict[str, int], **more: int) -> dict[str, int]:
    return table(anonymous, **{p: code for p in who}, **more)


VIEW_PAGE = ok(200, 302, dict.fromkeys(VIEWERS))
VIEW_API = ok(200, 401, dict.fromkeys(VIEWERS))
# Drafts: who manages the case (its court's judges and clerks) sees and edits; parties 404.
DRAFT_VIEW = {**{p: 404 for p in PERSONAS}, "anonymous": 302, "judge": 200, "clerk": 200}  # fmt: skip
DRAFT_EDIT = {**DRAFT_VIEW, "judge": 302, "clerk": 302}
DRAFT_JUDGE = {**DRAFT_VIEW, "judge": 302, "clerk": 403}
GROUP_VIEW = DRAFT_VIEW
DRAFT_API_VIEW = {**DRAFT_VIEW, "anonymous": 401}
DRAFT_API_JUDGE = {**DRAFT_API_VIEW, "judge": 200, "clerk": 403}
MATRIX = [
    ("tab", "get", "/cases/{case}/effect/", None, "form", VIEW_PAGE),
    ("issue", "post", "/judgments/cases/{case}/issue/", {"kind": "judgment", "main_text": "驳回原告的诉讼请求。"},
     "form", table(302, judge=302)),
    # Staff without a party of their own must name the appellant (400); the parties file (302).
    ("appeal", "post", "/judgments/{adj}/act/", {"action": "appeal", "grounds": "事实不清"}, "form",
     ok(302, 302, PARTIES, judge=400, clerk=400)),
    ("request certificate", "post", "/judgments/{eff}/act/", {"action": "request_certificate"}, "form",
     ok(302, 302, {**PARTIES, **STAFF})),
    ("issue certificate", "post", "/judgments/{eff}/act/", {"action": "issue_certificate"}, "form",
     ok(302, 302, STAFF)),
    ("transfer", "post", "/judgments/appeals/{filed}/act/", {"action": "transfer", "higher_court": "甲市中级人民法院"},
     "form", ok(302, 302, STAFF)),
    ("result", "post", "/judgments/appeals/{sent}/act/", {"action": "result", "result": "upheld"}, "form",
     ok(302, 302, STAFF)),
    # Drafts are court work: the court's judges and clerks see and edit them (parties: 404, as
    # for everyone who does not manage the case); only the case's judge drafts, signs and issues.
    ("draft new", "post", "/judgments/cases/{case}/drafts/", {"form": "judgment"}, "form",
     table(302, judge=302)),
    ("draft page", "get", "/judgments/drafts/{draft}/", None, "form", DRAFT_VIEW),
    ("draft edit", "post", "/judgments/drafts/{draft}/act/", {"action": "edit", "facts": "经审理查明"},
     "form", DRAFT_EDIT),
    ("draft sign", "post", "/judgments/drafts/{draft}/act/", {"action": "sign"}, "form",
     DRAFT_JUDGE),
    ("litigation drafts", "get", "/judgments/litigations/{group}/drafts/", None, "form", GROUP_VIEW),
    ("api drafts", "get", "/api/v1/judgments/drafts/", None, "json",
     {**{p: 200 for p in PERSONAS}, "anonymous": 401}),
    ("api draft new", "post", "/api/v1/judgments/drafts/", {"case": "{case}", "form": "judgment"},
     "json", table(401, judge=201)),
    ("api draft", "get", "/api/v1/judgments/drafts/{draft}/", None, "json", DRAFT_API_VIEW),
    ("api draft sign", "post", "/api/v1/judgments/drafts/{draft}/sign/", None, "json",
     DRAFT_API_JUDGE),
    ("api draft reopen", "post", "/api/v1/judgments/drafts/{signed}/reopen/", None, "json",
     DRAFT_API_JUDGE),
    ("api draft issue", "post", "/api/v1/judgments/drafts/{signed}/issue/", None, "json",
     {**DRAFT_API_JUDGE, "judge": 201}),
    ("api draft parallel", "post", "/api/v1/judgments/drafts/parallel/", {"litigation": "{group}"},
     "json", {**DRAFT_API_JUDGE, "judge": 201}),
    ("api list", "get", "/api/v1/judgments/adjudications/", None, "json",
     {**{p: 200 for p in PERSONAS}, "anonymous": 401}),
    ("api issue", "post", "/api/v1/judgments/adjudications/", {"case": "{case}", "kind": "judgment", "main_text": ["驳回"]},
     "json", table(401, judge=201)),
    ("api detail", "get", "/api/v1/judgments/adjudications/{adj}/", None, "json", VIEW_API),
    ("api appeal", "post", "/api/v1/judgments/adjudications/{adj}/appeals/", {"grounds": "事实不清"}, "json",
     ok(201, 401, PARTIES, judge=400, clerk=400)),
    ("api certificate request", "post", "/api/v1/judgments/adjudications/{eff}/certificate-request/", None, "json",
     ok(200, 401, {**PARTIES, **STAFF})),
    ("api certificate", "post", "/api/v1/judgments/adjudications/{eff}/certificate/", None, "json",
     ok(201, 401, STAFF)),
    ("api transfer", "post", "/api/v1/judgments/appeals/{filed}/transfer/", {"higher_court": "甲市中级人民法院"},
     "json", ok(200, 401, STAFF)),
    ("api result", "post", "/api/v1/judgments/appeals/{sent}/result/", {"result": "amended"}, "json",
     ok(200, 401, STAFF)),
]  # fmt: skip


def _world(judged: Judged) -> dict[str, str]:
    judged.network.users["other_clerk"] = member(Role.CLERK, tribunal=judged.network.other_tribunal)
    today = timezone.localdate().isoformat()
    clerk = judged.user("clerk")
    adj = judged.issue()
    judged.serve(adj, "plaintiff", today)
    judged.serve(adj, "defendant", today)
    rows = {p.party.role: p.pk for p in adj.parties.select_related("party")}
    filed = services.file_appeal(
        actor=clerk, adjudication=adj, party_id=rows["defendant"], grounds="一"
    )
    sent = services.file_appeal(
        actor=clerk, adjudication=adj, party_id=rows["plaintiff"], grounds="二"
    )
    services.transfer_appeal(actor=clerk, appeal=sent, higher_court="甲市中级人民法院")
    eff = judged.issue(kind="mediation", main_text=["被告偿还原告借款。"])
    judged.serve(eff, "plaintiff", "2025-09-26")
    judged.serve(eff, "defendant", "2025-09-26")
    services.take_effect(adjudication_id=eff.pk)
    judge = judged.user("judge")
    draft = services.create_draft(actor=judge, case=judged.case, form="judgment")
    signed = services.create_draft(actor=judge, case=judged.case, form="withdrawal")
    services.sign_draft(actor=judge, draft=signed)
    group = _group(judged)
    return {"case": str(judged.case.pk), "adj": str(adj.pk), "eff": str(eff.pk),
            "filed": str(filed.pk), "sent": str(sent.pk), "draft": str(draft.pk),
            "signed": str(signed.pk), "group": str(group.pk)}  # fmt: skip


def _group(judged: Judged) -> object:
    """A model litigation led by the judged case (already judged above), one parallel case
    confirmed."""
    from fating.cases.models import Case
    from fating.cases.tests.factories import accepted_case
    from fating.elements import services as elements

    judge = judged.user("judge")
    other = accepted_case(judged.network)
    Case.objects.filter(pk=other.pk).update(judge=judge)
    elements.fill_elements(
        actor=judge, case=judged.case, side="plaintiff", answers={"agreement": "借条"}
    )
    elements.mark_element(actor=judge, case=judged.case, element="agreement", finding="agreed")
    group = elements.create_litigation(actor=judge, lead=judged.case, cases=[other], name="系列案")
    elements.confirm_parallel(actor=judge, parallel=group.parallel_cases.get())
    return group


def _fill(value: object, ids: dict[str, str]) -> object:
    if isinstance(value, str):
        return re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], value)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


@pytest.mark.django_db
def test_matrix(judged: Judged) -> None:
    ids = _world(judged)
    wrong = []
    for name, method, url, body, kind, expected in MATRIX:
        for persona in PERSONAS:
            user = None if persona == "anonymous" else judged.user(persona)
            client = client_for(user)
            path = str(_fill(url, ids))
            data = _fill(body, ids) if body is not None else None
            with transaction.atomic():
                if method == "get":
                    response = client.get(path)
                elif kind == "json":
                    response = client.post(path, json.dumps(data or {}),
                                           content_type="application/json")  # fmt: skip
                else:
                    response = client.post(path, data or {})
                transaction.set_rollback(True)
            if response.status_code != expected[persona]:
                wrong.append((name, persona, response.status_code, expected[persona]))
    assert not wrong, "\n".join(map(str, wrong))


def test_every_route_is_in_the_matrix() -> None:
    covered = {re.sub(r"\{\w+\}", "*", url) for _, _, url, _, _, _ in MATRIX}
    routes = [*routes_under("/judgments/", "/api/v1/judgments/"), "/cases/<int:pk>/effect/"]
    missing = [r for r in routes if generic_route(r) not in covered]
    assert routes and not missing, missing
