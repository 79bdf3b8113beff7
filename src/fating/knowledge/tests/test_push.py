"""类案及法条推送: push_for_text, the panel fragment, and the API."""

from __future__ import annotations

from django.template.loader import render_to_string

from fating.knowledge.push import PushResult, push_for_text
from fating.knowledge.services.library import ImportReport
from fating.testing import Network, client_for

from .factories import court_case

LENDING = (
    "申请人张某称，2023年3月被申请人李某向其借款5万元，约定月利率2%，出具借条一张，"
    "由王某提供连带保证，款项通过银行转账交付。借款到期后李某未还款，张某多次催要未果。"
)


def test_lending_dispute_gets_lending_statutes_with_reasons(library: ImportReport) -> None:
    result = push_for_text(LENDING, k_articles=5)
    assert result.cause == "民间借贷纠纷"
    laws = [a.law for a in result.articles]
    assert "最高人民法院关于审理民间借贷案件适用法律若干问题的规定" in laws
    boosted = [a for a in result.articles if a.reason]
    assert boosted and boosted[0].reason == "民间借贷纠纷适用民法典借款合同章及《民间借贷规定》"
    assert all(a.terms for a in result.articles)
    assert result.articles[0].url.startswith("/knowledge/articles/")


def test_similar_cases_come_with_shared_elements(library: ImportReport, network: Network) -> None:
    published = court_case(network, status="published", facts=LENDING.replace("张某", "赵某"))
    result = push_for_text(LENDING, k_cases=3)
    assert result.cases[0].id == published.pk
    assert result.cases[0].elements  # e.g. 担保方式：保证
    assert result.cases[0].url == f"/knowledge/cases/{published.pk}/"


def test_unpublished_court_cases_are_never_pushed(library: ImportReport, network: Network) -> None:
    pending = court_case(network, facts=LENDING)
    assert pending.pk not in [c.id for c in push_for_text(LENDING, k_cases=10).cases]


def test_explicit_cause_overrides_detection(library: ImportReport) -> None:
    result = push_for_text("双方因费用发生争议，多次协商未果。", cause="物业服务合同纠纷")
    assert result.cause == "物业服务合同纠纷"


def test_empty_text_pushes_nothing(db: None) -> None:
    assert push_for_text("  ") == PushResult(cause="")


def test_panel_fragment_renders_reasons(library: ImportReport) -> None:
    html = render_to_string("knowledge/_push_panel.html", {"push": push_for_text(LENDING)})
    assert "类案及法条推送" in html and "民间借贷纠纷" in html
    assert "推送理由" in html


def test_push_api_returns_cases_and_articles(library: ImportReport, network: Network) -> None:
    response = client_for(network.users["judge"]).post(
        "/api/v1/knowledge/push/",
        {"text": LENDING, "k_articles": 2},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["cause"] == "民间借贷纠纷"
    assert len(body["articles"]) == 2
    assert set(body["articles"][0]) == {
        "id",
        "law",
        "label",
        "text",
        "url",
        "score",
        "terms",
        "reason",
    }


def test_push_api_requires_text(network: Network) -> None:
    response = client_for(network.users["mediator"]).post(
        "/api/v1/knowledge/push/", {}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"text": ["请提供纠纷或案件的事实描述。"]}


def test_push_api_refuses_parties(network: Network) -> None:
    response = client_for(network.users["party"]).post(
        "/api/v1/knowledge/push/", {"text": LENDING}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "类案推送仅向法院工作人员、调解员和联络员开放。"


def test_shared_absences_are_not_shown_as_reasons() -> None:
    from fating.knowledge.push import _shown_elements

    shown = _shown_elements(
        [
            {"element": "担保方式", "value": "保证"},
            {"element": "担保方式", "value": "无担保"},
            {"element": "夫妻共同债务", "value": "否"},
            {"element": "借款凭证", "value": "借条"},
        ]
    )
    assert [e["value"] for e in shown] == ["保证", "借条"]
