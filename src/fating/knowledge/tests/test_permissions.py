"""The permission matrix: every persona against every knowledge page and endpoint.

Public library pages answer everyone, signed in or not. Work pages send anonymous visitors to the
login page; the API answers them 401. Outsiders to an object get 404; people who may see it but
not act get 403. A POST that is allowed but incomplete redirects back (302) with the message.

The objects live in court A. "other_admin" and "other_clerk" work only at court B (the "other
court" columns); "cross" is a clerk at court B and a liaison at court A's point: on court A's
objects it answers as a liaison who did not place the order, and where a page lists "my courts'"
rows it gets court B's as a clerk there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from fating.accounts.models import Role
from fating.knowledge.models import (
    Article,
    Law,
    OutreachOrder,
    Question,
    TypicalCase,
    VillageRules,
    VillageRulesVersion,
)
from fating.knowledge.services.library import bump_library_stamp
from fating.testing import Network, client_for, generic_route, member, routes_under

COURT = ["court_admin", "judge", "clerk"]
PERSONAS = [*COURT, "liaison", "mediator", "governance", "party", "agent", "other_admin", "other_clerk", "cross", "outsider", "anonymous"]  # fmt: skip
EVERYONE = {p: 200 for p in PERSONAS}


def expect(default: int, anonymous: int, **overrides: int) -> dict[str, int]:
    table = {p: default for p in PERSONAS}
    table["anonymous"] = anonymous
    for group, code in overrides.items():
        for persona in {"court": COURT, "public": ["party", "agent"]}.get(group, [group]):
            table[persona] = code
    return table


NETWORK_LISTS = expect(200, 302, mediator=403, public=403, outsider=403)
NETWORK_ITEM = expect(200, 302, mediator=403, public=403, outsider=403, other_admin=404)
NETWORK_LISTS_API = expect(200, 401, mediator=403, public=403, outsider=403)
NETWORK_ITEM_API = expect(200, 401, mediator=403, public=403, outsider=403, other_admin=404)

#: Request bodies; a value "{name}" becomes the id of that fixture object.
ASK = {"court": "{court}", "title": "借条丢了怎么办", "text": "借条丢了还能起诉要回借款吗？"}
ORDER = {"service_point": "{point}", "kind": "training", "topic": "土地承包经营权流转",
         "requester_kind": "village", "requester_name": "甲村"}  # fmt: skip
RULES = {"service_point": "{point}", "title": "甲村村规民约（修订）",
         "text": "村民应当遵守法律法规，尊老爱幼，邻里和睦，移风易俗。"}  # fmt: skip

MATRIX = [
    ("library", "get", "/knowledge/", None, EVERYONE),
    ("search page", "get", "/knowledge/search/?q=借款", None, EVERYONE),
    ("law page", "get", "/knowledge/laws/{law}/", None, EVERYONE),
    ("article page", "get", "/knowledge/articles/{article}/", None, EVERYONE),
    ("cases page", "get", "/knowledge/cases/", None, EVERYONE),
    ("published case", "get", "/knowledge/cases/{case}/", None, EVERYONE),
    ("pending court case", "get", "/knowledge/cases/{pending}/", None, expect(404, 404, court=200)),
    ("publish form", "get", "/knowledge/cases/publish/", None, expect(403, 302, court=200, other_admin=200)),
    ("review list", "get", "/knowledge/cases/review/", None, expect(403, 302, court=200, other_admin=200)),
    ("case review", "post", "/knowledge/cases/{pending}/review/", {"decision": "reject"},
     expect(404, 302, court=403, judge=302)),
    ("questions page", "get", "/knowledge/qa/", None, EVERYONE),
    ("questions manage", "get", "/knowledge/qa/manage/", None, expect(403, 302, court=200, other_admin=200)),
    ("unpublished question", "get", "/knowledge/qa/{question}/", None, expect(404, 404, court=200)),
    ("published question", "get", "/knowledge/qa/{published_question}/", None, EVERYONE),
    ("answer", "post", "/knowledge/qa/{question}/answer/", {"answer": "短"}, expect(404, 302, court=403, judge=302)),
    ("question review", "post", "/knowledge/qa/{question}/review/", {}, expect(404, 302, court=403, judge=302)),
    ("orders page", "get", "/knowledge/orders/", None, {**NETWORK_LISTS, "party": 200}),
    ("order form", "get", "/knowledge/orders/new/", None, {**NETWORK_LISTS, "party": 200}),
    ("order page", "get", "/knowledge/orders/{order}/", None, {**NETWORK_ITEM, "party": 404}),
    ("order schedule", "post", "/knowledge/orders/{order}/schedule/", {},
     {**NETWORK_ITEM, "party": 404, "liaison": 403, "governance": 403, **dict.fromkeys(COURT, 302)}),
    ("order deliver", "post", "/knowledge/orders/{order}/deliver/", {},
     {**NETWORK_ITEM, "party": 404, "liaison": 403, "governance": 403, **dict.fromkeys(COURT, 302)}),
    ("order cancel", "post", "/knowledge/orders/{order}/cancel/", {},
     {**NETWORK_ITEM, "party": 404, "liaison": 302, "governance": 403, **dict.fromkeys(COURT, 302)}),
    ("village rules", "get", "/knowledge/rules/", None, NETWORK_LISTS),
    ("village rules item", "get", "/knowledge/rules/{rules}/", None, NETWORK_ITEM),
    ("village rules review", "post", "/knowledge/rules/{rules}/review/", {},
     {**NETWORK_ITEM, "liaison": 403, "governance": 403, **dict.fromkeys(COURT, 302)}),
    ("village rules revise", "post", "/knowledge/rules/{rules}/revise/", {},
     {**NETWORK_ITEM, "liaison": 302, "governance": 403, **dict.fromkeys(COURT, 403)}),
    ("push api", "post", "/api/v1/knowledge/push/", {"text": "被告向原告借款五万元，出具借条，未还款。"},
     expect(403, 401, court=200, liaison=200, mediator=200, other_admin=200)),
    ("search api", "get", "/api/v1/knowledge/search/?q=借款", None, expect(200, 401)),
    ("laws api", "get", "/api/v1/knowledge/laws/", None, expect(200, 401)),
    ("law api", "get", "/api/v1/knowledge/laws/{law}/", None, expect(200, 401)),
    ("articles api", "get", "/api/v1/knowledge/articles/", None, expect(200, 401)),
    ("article api", "get", "/api/v1/knowledge/articles/{article}/", None, expect(200, 401)),
    ("cases api", "get", "/api/v1/knowledge/cases/", None, expect(200, 401)),
    ("case api", "get", "/api/v1/knowledge/cases/{case}/", None, expect(200, 401)),
    ("pending case api", "get", "/api/v1/knowledge/cases/{pending}/", None, expect(404, 401)),
    # 普法 in the REST API: the same people as the pages; anonymous callers get 401 except for the
    # public Q&A. Allowed but incomplete writes answer 400 with the services' field messages.
    ("questions api", "get", "/api/v1/knowledge/qa/", None, EVERYONE),
    ("ask api", "post", "/api/v1/knowledge/qa/", ASK, {p: 201 for p in PERSONAS}),
    ("questions manage api", "get", "/api/v1/knowledge/qa/manage/", None,
     expect(403, 401, court=200, other_admin=200)),
    ("unpublished question api", "get", "/api/v1/knowledge/qa/{question}/", None, expect(404, 404, court=200)),
    ("published question api", "get", "/api/v1/knowledge/qa/{published_question}/", None, EVERYONE),
    ("answer api", "post", "/api/v1/knowledge/qa/{question}/answer/", {"answer": "短"},
     expect(404, 401, court=403, judge=400)),
    ("question review api", "post", "/api/v1/knowledge/qa/{question}/review/", {},
     expect(404, 401, court=403, judge=400)),
    ("orders api", "get", "/api/v1/knowledge/orders/", None, {**NETWORK_LISTS_API, "party": 200}),
    ("order create api", "post", "/api/v1/knowledge/orders/", ORDER,
     expect(403, 401, liaison=201, governance=201)),
    ("consultation create api", "post", "/api/v1/knowledge/orders/", {**ORDER, "kind": "consultation"},
     expect(403, 401, liaison=201, governance=201, party=201)),
    ("order api", "get", "/api/v1/knowledge/orders/{order}/", None, {**NETWORK_ITEM_API, "party": 404}),
    ("order schedule api", "post", "/api/v1/knowledge/orders/{order}/schedule/", {},
     {**NETWORK_ITEM_API, "party": 404, "liaison": 403, "governance": 403, **dict.fromkeys(COURT, 400)}),
    ("order deliver api", "post", "/api/v1/knowledge/orders/{order}/deliver/", {},
     {**NETWORK_ITEM_API, "party": 404, "liaison": 403, "governance": 403, **dict.fromkeys(COURT, 400)}),
    ("order cancel api", "post", "/api/v1/knowledge/orders/{order}/cancel/", {},
     {**NETWORK_ITEM_API, "party": 404, "liaison": 400, "governance": 403, **dict.fromkeys(COURT, 400)}),
    ("village rules api", "get", "/api/v1/knowledge/rules/", None, NETWORK_LISTS_API),
    ("village rules submit api", "post", "/api/v1/knowledge/rules/", RULES, expect(403, 401, liaison=201)),
    ("village rules item api", "get", "/api/v1/knowledge/rules/{rules}/", None, NETWORK_ITEM_API),
    ("village rules review api", "post", "/api/v1/knowledge/rules/{rules}/review/", {},
     {**NETWORK_ITEM_API, "liaison": 403, "governance": 403, **dict.fromkeys(COURT, 400)}),
    ("village rules revise api", "post", "/api/v1/knowledge/rules/{rules}/revise/", {},
     {**NETWORK_ITEM_API, "liaison": 400, "governance": 403, **dict.fromkeys(COURT, 403)}),
]  # fmt: skip

# Court-B personas: "other_clerk" answers as "other_admin" does (staff of another court), and
# "cross" as court A's liaison, except on the lists of "my courts'" rows (court B's, as a clerk
# there) and where the liaison answers as the one who placed the order.
CROSS_AS_COURT_B_STAFF = {"publish form", "review list", "questions manage", "questions manage api"}
CROSS_NOT_REQUESTER = {"order cancel": 403, "order cancel api": 403}
MATRIX = [(*row[:4], dict(row[4])) for row in MATRIX]
for name, _method, _url, _body, table in MATRIX:
    table["other_clerk"] = table["other_admin"]
    table["cross"] = table["other_admin" if name in CROSS_AS_COURT_B_STAFF else "liaison"]
    table["cross"] = CROSS_NOT_REQUESTER.get(name, table["cross"])

CASES = [
    pytest.param(name, method, url, body, persona, table[persona], id=f"{name}-{persona}")
    for name, method, url, body, table in MATRIX
    for persona in PERSONAS
]


@dataclass
class Objects:
    ids: dict[str, int]


@pytest.fixture
def objects(network: Network) -> Objects:
    network.users["other_clerk"] = member(Role.CLERK, tribunal=network.other_tribunal)
    law = Law.objects.create(
        title="中华人民共和国民法典",
        subtitle="合同编",
        category="民法典",
        source_path="民法典/合同编.md",
        checksum="x",
    )
    article = Article.objects.create(
        law=law,
        position=1,
        number=667,
        label="第六百六十七条",
        chapter="第十二章 借款合同",
        text="借款合同是借款人向贷款人借款，到期返还借款并支付利息的合同。",
    )
    case = TypicalCase.objects.create(
        origin="library",
        title="甲诉乙民间借贷纠纷案",
        facts="乙向甲借款五万元，出具借条。",
        topic="lending",
    )
    pending = TypicalCase.objects.create(
        origin="court",
        status="pending",
        court=network.court,
        title="张某诉李某民间借贷纠纷案",
        facts="李某借款未还。",
        created_by=network.users["clerk"],
    )
    asked = Question.objects.create(
        court=network.court, title="借条丢了怎么办", text="借条丢了还能起诉吗？"
    )
    published = Question.objects.create(
        court=network.court,
        title="彩礼要退吗",
        text="没结婚彩礼能退吗？",
        status="published",
        answer="可以请求返还。",
    )
    order = OutreachOrder.objects.create(
        court=network.court,
        service_point=network.point,
        requester_kind="village",
        requester_name="甲村",
        kind="training",
        topic="法治讲堂",
        requested_by=network.users["liaison"],
    )
    rules = VillageRules.objects.create(service_point=network.point, title="甲村村规民约")
    VillageRulesVersion.objects.create(
        rules=rules, number=1, text="村民应当遵守法律法规。", submitted_by=network.users["liaison"]
    )
    bump_library_stamp()
    return Objects({"law": law.pk, "article": article.pk, "case": case.pk, "pending": pending.pk, "question": asked.pk, "published_question": published.pk, "order": order.pk, "rules": rules.pk, "court": network.court.pk, "point": network.point.pk})  # fmt: skip


def _fill(url: str, objects: Objects) -> str:
    for key, pk in objects.ids.items():
        url = url.replace("{" + key + "}", str(pk))
    return url


def _fill_body(body: dict, objects: Objects) -> dict:
    placeholders = {"{" + key + "}": pk for key, pk in objects.ids.items()}
    return {k: placeholders.get(v, v) if isinstance(v, str) else v for k, v in body.items()}


@pytest.mark.parametrize(("name", "method", "url", "body", "persona", "status"), CASES)
def test_permission_matrix(
    network: Network, objects: Objects, name: str, method: str, url: str, body: dict | None,
    persona: str, status: int,
) -> None:  # fmt: skip
    user = None if persona == "anonymous" else network.users[persona]
    client = client_for(user)
    is_api = url.startswith("/api/v1/")
    kwargs: dict = {}
    if body is not None:
        body = _fill_body(body, objects)
        kwargs = {"data": body, "content_type": "application/json"} if is_api else {"data": body}
    response = getattr(client, method)(_fill(url, objects), **kwargs)
    assert response.status_code == status, (name, persona, response.content[:300])
    if status == 302 and persona == "anonymous":
        assert response["Location"].startswith("/login/")
    if is_api and status >= 400:
        assert response.json()["error"]["status"] == status


def test_every_knowledge_route_is_in_the_matrix() -> None:
    """A new knowledge page or endpoint must be added to the matrix before it ships."""

    covered = {re.sub(r"\{\w+\}", "*", url.split("?")[0]) for _, _, url, _, _ in MATRIX}
    owned = ("/knowledge/", "/api/v1/knowledge/")
    routes = routes_under(*owned)
    missing = [r for r in routes if generic_route(r) not in covered]
    assert routes and not missing, missing
