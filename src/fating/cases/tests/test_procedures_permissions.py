"""The permission matrix of the special procedures (离婚预立案、冷静期; 律师调查令): every persona
against every page and endpoint, in a compact form — one world per route, each persona's request
in its own savepoint that is rolled back, so every persona meets the same state.

Objects live in court A: a divorce pre-filed by the party (`dv`), one in cooling-off (`dv2`), a
case filed by the agent for a party (`acase`) with an order applied for (`applied`) and one
issued (`issued`). "cross" is a clerk at court B and a liaison at court A: at A it answers as the
liaison does (404), and it reads court B's counts.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from fating.accounts.models import Role
from fating.cases.services import divorce, investigation
from fating.cases.tests.factories import VALID_ID, accepted_case, cause
from fating.testing import Network, client_for, member

# The personas of the cases matrix (test_permissions imports this module, not the reverse).
PERSONAS = [
    "court_admin", "judge", "clerk", "liaison", "mediator", "governance", "party", "agent",
    "other_admin", "other_clerk", "cross", "outsider", "anonymous",
]  # fmt: skip


def expect(default: int, anonymous: int, **overrides: int) -> dict[str, int]:
    table = {p: default for p in PERSONAS}
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


DIVORCE_SEES = ["court_admin", "judge", "clerk", "party"]
CASE_SEES = ["court_admin", "judge", "clerk", "agent"]
STAT_READERS = ["court_admin", "judge", "clerk", "other_admin", "other_clerk", "cross"]


def among(sees: list[str], anonymous: int, writers: dict[str, int], others: int = 403) -> dict:
    """Who sees gets `others` unless a writer (with its own code); everyone else 404."""
    table = expect(404, anonymous)
    for persona in sees:
        table[persona] = others
    table.update(writers)
    return table


PREFILE = {
    "court": "{court}", "applicant_name": "王芳", "applicant_id_number": VALID_ID,
    "applicant_address": "甲村", "respondent_name": "李强", "respondent_address": "乙村",
    "facts": "感情不和",
}  # fmt: skip
MANAGERS = {"judge": 200, "clerk": 200}

# (name, method, url, body, kind, expectations); kind "json" or "form".
MATRIX = [
    ("divorce page", "get", "/cases/divorce/", None, "form", expect(200, 302)),
    ("divorce prefile page", "post", "/cases/divorce/", PREFILE, "form",
     expect(403, 302, party=302)),
    ("divorce detail", "get", "/cases/divorce/{dv}/", None, "form",
     among(DIVORCE_SEES, 302, {}, others=200)),
    ("divorce act", "post", "/cases/divorce/{dv}/act/", {"action": "mediate", "note": "调解"},
     "form", among(DIVORCE_SEES, 302, {"judge": 302, "clerk": 302})),
    ("investigation tab", "get", "/cases/{acase}/investigation/", None, "form",
     among(CASE_SEES, 302, {}, others=200)),
    ("investigation apply page", "post", "/cases/{acase}/investigation/act/",
     {"action": "apply_order", "holder": "甲银行", "items": "流水", "reasons": "隐私"}, "form",
     among(CASE_SEES, 302, {"agent": 302})),
    ("investigation issue page", "post", "/cases/{acase}/investigation/act/",
     {"action": "issue_order", "order": "{applied}", "validity_days": "15"}, "form",
     among(CASE_SEES, 302, {"judge": 302})),
    ("investigation answer page", "post", "/cases/{acase}/investigation/act/",
     {"action": "answer_order", "order": "{issued}", "answer": "refused", "note": "拒绝"}, "form",
     among(CASE_SEES, 302, {"agent": 302})),
    ("divorce list api", "get", "/api/v1/cases/divorce-prefilings/", None, "json", expect(200, 401)),
    ("divorce prefile api", "post", "/api/v1/cases/divorce-prefilings/", PREFILE, "json",
     expect(403, 401, party=201)),
    ("procedure stats", "get", "/api/v1/cases/divorce-prefilings/stats/", None, "json",
     expect(403, 401, **{p: 200 for p in STAT_READERS})),
    ("divorce api", "get", "/api/v1/cases/divorce-prefilings/{dv}/", None, "json",
     among(DIVORCE_SEES, 401, {}, others=200)),
    ("divorce cool", "post", "/api/v1/cases/divorce-prefilings/{dv}/cool/",
     {"months": 2, "applicant_consents": True, "respondent_consents": True}, "json",
     among(DIVORCE_SEES, 401, MANAGERS)),
    ("divorce mediate", "post", "/api/v1/cases/divorce-prefilings/{dv}/mediate/", {"note": "调解"},
     "json", among(DIVORCE_SEES, 401, MANAGERS)),
    ("divorce visit", "post", "/api/v1/cases/divorce-prefilings/{dv2}/visit/", {"note": "回访"},
     "json", among(DIVORCE_SEES, 401, MANAGERS)),
    ("divorce reconcile", "post", "/api/v1/cases/divorce-prefilings/{dv2}/reconcile/", {},
     "json", among(DIVORCE_SEES, 401, MANAGERS)),
    ("divorce withdraw", "post", "/api/v1/cases/divorce-prefilings/{dv}/withdraw/", {}, "json",
     among(DIVORCE_SEES, 401, {**MANAGERS, "party": 200})),
    ("divorce file", "post", "/api/v1/cases/divorce-prefilings/{dv}/file/",
     {"procedure": "simple"}, "json", among(DIVORCE_SEES, 401, {"judge": 201, "clerk": 201})),
    ("case orders", "get", "/api/v1/cases/cases/{acase}/investigation-orders/", None, "json",
     among(CASE_SEES, 401, {}, others=200)),
    ("apply order", "post", "/api/v1/cases/cases/{acase}/investigation-orders/",
     {"holder": "甲银行", "items": "流水", "reasons": "隐私"}, "json",
     among(CASE_SEES, 401, {"agent": 201})),
    ("order", "get", "/api/v1/cases/investigation-orders/{applied}/", None, "json",
     among(CASE_SEES, 401, {}, others=200)),
    ("issue order", "post", "/api/v1/cases/investigation-orders/{applied}/issue/",
     {"validity_days": 10}, "json", among(CASE_SEES, 401, {"judge": 200})),
    ("refuse order", "post", "/api/v1/cases/investigation-orders/{applied}/refuse/",
     {"reason": "无关"}, "json", among(CASE_SEES, 401, {"judge": 200})),
    ("answer order", "post", "/api/v1/cases/investigation-orders/{issued}/answer/",
     {"answer": "refused", "note": "拒绝"}, "json", among(CASE_SEES, 401, {"agent": 200})),
]  # fmt: skip


def _world(network: Network) -> dict[str, str]:
    users = network.users
    users["other_clerk"] = member(Role.CLERK, tribunal=network.other_tribunal)
    cause(name="离婚纠纷", code="T14", revision="2025")
    cause(name="离婚纠纷", code="T14", revision="2020")
    values = {key: PREFILE[key] for key in PREFILE if key != "court"}
    dv = divorce.prefile(actor=users["party"], court=network.court, **values)
    dv2 = divorce.prefile(actor=users["party"], court=network.court, **values)
    divorce.set_cooling_off(actor=users["clerk"], prefiling=dv2, months=1,
                            applicant_consents=True, respondent_consents=True)  # fmt: skip
    acase = accepted_case(network, filer=users["agent"], capacity="agent")
    order = dict(actor=users["agent"], case=acase, holder="甲银行", items="流水", reasons="隐私")
    applied = investigation.apply(**order)  # type: ignore[arg-type]
    issued = investigation.issue(actor=users["judge"], order=investigation.apply(**order))  # type: ignore[arg-type]
    ids = {"court": network.court.pk, "dv": dv.pk, "dv2": dv2.pk, "acase": acase.pk,
           "applied": applied.pk, "issued": issued.pk}  # fmt: skip
    return {k: str(v) for k, v in ids.items()}


def _fill(value: object, ids: dict[str, str]) -> object:
    if isinstance(value, str):
        for key, text in ids.items():
            if value == "{" + key + "}":
                return int(text)
            value = value.replace("{" + key + "}", text)
        return value
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("name", "method", "url", "body", "kind", "table"), MATRIX,
                         ids=[row[0] for row in MATRIX])  # fmt: skip
def test_procedure_permission_matrix(
    network: Network, name: str, method: str, url: str, body: dict | None, kind: str,
    table: dict[str, int],
) -> None:  # fmt: skip
    ids = _world(network)
    path = str(_fill(url, ids))
    data = _fill(body, ids) if body is not None else None
    got = {}
    for persona in PERSONAS:
        with transaction.atomic():
            client = client_for(None if persona == "anonymous" else network.users[persona])
            if method == "get":
                response = client.get(path)
            elif kind == "json":
                response = client.post(path, data=data or {}, content_type="application/json")
            else:
                form = {k: str(v) for k, v in (data or {}).items()}
                response = client.post(path, data=form)
            got[persona] = response.status_code
            if path.startswith("/api/v1/") and response.status_code >= 400:
                assert response.json()["error"]["status"] == response.status_code
            transaction.set_rollback(True)
    wrong = {p: (got[p], table[p]) for p in PERSONAS if got[p] != table[p]}
    assert not wrong, f"{name}: persona → (got, expected) {wrong}"
