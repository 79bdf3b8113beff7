"""类案及法条推送: push_for_text, the panel fragment, and the API."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from fating.knowledge.models import Article, TypicalCase
from fating.knowledge.push import PushResult, push_for_text
from fating.knowledge.services.library import ImportReport, import_library
from fating.knowledge.similarity.elements import LENDING_ELEMENTS
from fating.testing import Network, client_for

from .factories import court_case, source_dir

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


# --- scope by cause of action (issue 12: a neighbours' wall dispute was pushed lease-decoration and
# 执行和解 articles, a travel-app case and lending reasons) -----------------------------------------

WALL = (
    "申请人王某与被申请人刘某系邻居。刘某在两家之间砌筑围墙，围墙占用王某家门前通道，"
    "堵塞王某通行并使雨水无法排出，王某要求刘某拆除围墙、恢复通行和排水。"
)
#: Statutes a neighbours' dispute must never be pushed (what issue 12 saw).
FOREIGN_LAWS = (
    "城镇房屋租赁合同纠纷案件",
    "执行和解",
    "民间借贷",
    "执行工作",
)
LENDING_LABELS = {spec.label for spec in LENDING_ELEMENTS} | {"出借人类型", "借款人类型"}


@pytest.fixture
def wide_library(db: None, laws_dir: Path) -> ImportReport:
    """The sample pack plus the Civil Code's property book (相邻关系 第288–296条), the lease and
    执行和解 interpretations and the travel-app case, as in the demo county's library."""
    root = source_dir()
    for rel in (
        "民法典/物权编.md",
        "司法解释/最高人民法院关于审理城镇房屋租赁合同纠纷案件具体应用法律若干问题的解释(2020-12-29).md",
        "司法解释/最高人民法院关于执行和解若干问题的规定(2020-12-29).md",
        "案例/消费购物/邬某诉某旅游App经营公司网络服务合同纠纷案.md",
    ):
        dest = laws_dir / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, dest)
    return import_library(path=laws_dir)


def _publish(network: Network, title: str, cause: str, facts: str) -> TypicalCase:
    return court_case(network, status="published", title=title, cause=cause, facts=facts)


def test_neighbour_dispute_gets_only_neighbour_articles(wide_library: ImportReport) -> None:
    result = push_for_text(WALL, cause="相邻关系纠纷", k_articles=8)
    assert result.cause == "相邻关系纠纷"
    assert result.articles
    pushed = Article.objects.in_bulk([a.id for a in result.articles])
    for article in pushed.values():
        assert article.law.title == "中华人民共和国民法典"
        assert 288 <= article.number <= 296, article.label
    assert not [a for a in result.articles if any(name in a.law for name in FOREIGN_LAWS)]
    assert {a.reason for a in result.articles} == {
        "相邻关系纠纷适用民法典第二百八十八条至第二百九十六条（相邻关系）"
    }


def test_neighbour_dispute_detected_from_text_is_scoped_too(wide_library: ImportReport) -> None:
    result = push_for_text(WALL)
    assert result.cause == "相邻关系纠纷"
    numbers = Article.objects.filter(pk__in=[a.id for a in result.articles]).values_list(
        "number", flat=True
    )
    assert numbers and all(288 <= n <= 296 for n in numbers)


def test_fourth_level_neighbour_cause_uses_the_parent_mapping(wide_library: ImportReport) -> None:
    result = push_for_text(WALL, cause="相邻通行纠纷")
    numbers = Article.objects.filter(pk__in=[a.id for a in result.articles]).values_list(
        "number", flat=True
    )
    assert numbers and all(288 <= n <= 296 for n in numbers)


def test_neighbour_dispute_gets_neighbour_cases_without_lending_reasons(
    wide_library: ImportReport, network: Network
) -> None:
    neighbour = _publish(
        network,
        "赵某诉孙某相邻通行纠纷案",
        "相邻通行纠纷",
        "孙某与赵某系邻居，孙某在通道上砌墙，赵某无法通行，诉请拆除围墙。",
    )
    lending = _publish(network, "张某诉李某民间借贷纠纷案", "民间借贷纠纷", LENDING + WALL)
    travel = TypicalCase.objects.get(title__contains="旅游App")
    assert travel.status == TypicalCase.Status.PUBLISHED
    result = push_for_text(WALL, cause="相邻关系纠纷", k_cases=10)
    ids = [c.id for c in result.cases]
    assert ids == [neighbour.pk]
    assert lending.pk not in ids and travel.pk not in ids
    labels = {e["element"] for c in result.cases for e in c.elements}
    assert not labels & LENDING_LABELS
    html = render_to_string("knowledge/_push_panel.html", {"push": result})
    for word in ("多笔借款", "被告缺席", "担保方式", "执行和解", "租赁"):
        assert word not in html
    assert "案由 相邻通行纠纷" in html  # the case's cause is its first reason


def test_lending_dispute_keeps_lending_articles_cases_and_reasons(
    wide_library: ImportReport, network: Network
) -> None:
    lending = _publish(
        network, "赵某诉李某民间借贷纠纷案", "民间借贷纠纷", LENDING.replace("张某", "赵某")
    )
    _publish(
        network,
        "赵某诉孙某相邻通行纠纷案",
        "相邻通行纠纷",
        "孙某与赵某系邻居，孙某在通道上砌墙，赵某无法通行。",
    )
    result = push_for_text(LENDING, cause="民间借贷纠纷", k_articles=5)
    assert [c.id for c in result.cases] == [lending.pk]
    labels = {e["element"] for e in result.cases[0].elements}
    assert labels & LENDING_LABELS  # 担保方式：保证, 借贷凭证：借条, …
    for article in Article.objects.select_related("law").filter(
        pk__in=[a.id for a in result.articles]
    ):
        assert "民间借贷" in article.law.title or 667 <= article.number <= 702
    assert all(
        a.reason == "民间借贷纠纷适用民法典借款合同章及《民间借贷规定》" for a in result.articles
    )


def test_an_unmapped_cause_gets_no_reasons_from_another_cause(
    wide_library: ImportReport, network: Network
) -> None:
    lending = _publish(network, "张某诉李某民间借贷纠纷案", "民间借贷纠纷", LENDING)
    same = _publish(
        network, "钱某诉某旅行社旅游合同纠纷案", "旅游合同纠纷", "钱某报名旅游团，借款出游。"
    )
    # The travel-app case (网络服务合同纠纷) is a sibling under 服务合同纠纷: pushed, ranked lower.
    travel = TypicalCase.objects.get(title__contains="旅游App")
    result = push_for_text(LENDING, cause="旅游合同纠纷", k_cases=10)
    assert [c.id for c in result.cases] == [same.pk, travel.pk]
    assert lending.pk not in [c.id for c in result.cases]
    assert not {e["element"] for c in result.cases for e in c.elements} & LENDING_LABELS
