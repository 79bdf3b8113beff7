"""Pure rules of the cause scope (data/cause_scope.json and the 案由 catalogue): no database."""

from __future__ import annotations

import pytest

from fating.knowledge import rules
from fating.knowledge.similarity.elements import LENDING_ELEMENTS, SPEC_BY_KEY

CIVIL_CODE = "中华人民共和国民法典"


def test_every_mapped_cause_is_in_the_catalogue() -> None:
    names = set(rules.cause_parents())
    mapped = [name for e in rules.CAUSE_STATUTES for name in (e.cause, *e.also)]
    assert [name for name in mapped if name not in names] == []


def test_every_statute_range_and_feature_is_well_formed() -> None:
    for entry in rules.CAUSE_STATUTES:
        assert entry.statutes and entry.reason, entry.cause
        assert entry.features <= set(SPEC_BY_KEY), entry.cause
        for s in entry.statutes:
            assert (s.first is None) == (s.last is None), entry.cause
            if s.first is not None:
                assert 1 <= s.first <= s.last <= 1260, entry.cause  # 民法典 has 1,260 articles
            assert s.cite, entry.cause


@pytest.mark.parametrize(
    "cause", ["相邻关系纠纷", "相邻通行纠纷", "相邻用水、排水纠纷", "相邻采光、日照纠纷"]
)
def test_neighbour_causes_map_to_civil_code_288_to_296(cause: str) -> None:
    entry = rules.statutes_for_cause(cause)
    assert entry is not None and entry.cause == "相邻关系纠纷"
    assert entry.covers(CIVIL_CODE, 288) and entry.covers(CIVIL_CODE, 296)
    assert not entry.covers(CIVIL_CODE, 287) and not entry.covers(CIVIL_CODE, 297)
    assert not entry.covers(CIVIL_CODE, 709)  # 租赁合同 (decoration of a leased house)
    assert not entry.covers("最高人民法院关于执行和解若干问题的规定", 1)
    assert not entry.covers(
        "最高人民法院关于审理城镇房屋租赁合同纠纷案件具体应用法律若干问题的解释", 7
    )


def test_neighbour_features_exclude_every_lending_feature() -> None:
    entry = rules.statutes_for_cause("相邻关系纠纷")
    assert entry is not None
    assert not entry.features & {spec.key for spec in LENDING_ELEMENTS}


def test_lending_keeps_its_statutes_and_features() -> None:
    entry = rules.statutes_for_cause("民间借贷纠纷")
    assert entry is not None
    assert entry.covers(CIVIL_CODE, 667) and entry.covers(CIVIL_CODE, 680)
    assert entry.covers("最高人民法院关于审理民间借贷案件适用法律若干问题的规定", 25)
    assert not entry.covers(CIVIL_CODE, 288)
    assert {"guarantee", "agreement", "interest", "multiple", "absent"} <= entry.features
    assert rules.statutes_for_cause("民间借贷") is entry


def test_civil_code_is_matched_by_exact_title_only() -> None:
    entry = rules.statutes_for_cause("相邻关系纠纷")
    assert entry is not None
    assert not entry.covers("最高人民法院关于适用《中华人民共和国民法典》物权编的解释（一）", 290)


def test_catalogue_lineage() -> None:
    assert rules.cause_lineage("相邻通行纠纷")[:2] == ["相邻通行纠纷", "相邻关系纠纷"]
    assert rules.statutes_for_cause("离婚纠纷").cause == "婚姻家庭纠纷"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("query", "case", "affinity"),
    [
        ("相邻关系纠纷", "相邻关系纠纷", 1.0),
        ("相邻采光、日照纠纷", "相邻通行纠纷", 1.0),  # same mapped cause
        ("民间借贷纠纷", "金融借款合同纠纷", 1.0),
        ("相邻关系纠纷", "民间借贷纠纷", 0.0),
        ("相邻关系纠纷", "网络服务合同纠纷", 0.0),  # the travel-app case of issue 12
        ("相邻关系纠纷", "房屋租赁合同纠纷", 0.0),
        ("劳务合同纠纷", "旅游合同纠纷", 0.0),  # siblings only under a numbered cause, not a group
        ("相邻关系纠纷", "", 0.0),
        ("", "民间借贷纠纷", 1.0),  # an unknown matter scopes nothing
    ],
)
def test_case_affinity(query: str, case: str, affinity: float) -> None:
    assert rules.case_affinity(query, case) == affinity


def test_siblings_under_a_numbered_cause_rank_lower() -> None:
    # 网络购物合同纠纷 and 信息网络买卖合同纠纷 … pick two level-4 causes of one unmapped parent.
    parents = rules.cause_parents()
    groups = rules.cause_groups()
    mapped = {e.cause for e in rules.CAUSE_STATUTES}
    by_parent: dict[str, list[str]] = {}
    for name, parent in parents.items():
        if parent not in groups and parent not in mapped and rules.statutes_for_cause(name) is None:
            by_parent.setdefault(parent, []).append(name)
    a, b = next(v for v in by_parent.values() if len(v) >= 2)[:2]
    assert rules.case_affinity(a, b) == rules.SIBLING_FACTOR


def test_a_lending_judgment_between_spouses_stays_a_lending_case() -> None:
    text = "被告夫妻二人向原告借款，出具借条。后二人离婚，离婚协议约定该借款由男方偿还。" * 2
    plausible = [e.cause for e in rules.plausible_causes(text)]
    assert "民间借贷纠纷" in plausible and "婚姻家庭纠纷" in plausible
    lending = rules.statutes_for_cause("民间借贷纠纷")
    assert lending is not None
    assert rules.text_affinity((lending,), text) == 1.0


def test_a_wall_dispute_supports_only_the_neighbour_cause() -> None:
    wall = "刘某与王某系邻居，刘某砌筑围墙堵塞通行，王某要求拆除围墙、恢复通行。"
    assert [e.cause for e in rules.plausible_causes(wall)] == ["相邻关系纠纷"]
    lending = rules.statutes_for_cause("民间借贷纠纷")
    assert lending is not None
    neighbour = rules.plausible_causes(wall)
    assert rules.text_affinity(neighbour, "张某向李某借款5万元，出具借条，邻居王某作证。") == 0.0
    assert rules.text_affinity((lending,), wall) == 0.0
    assert rules.text_affinity((), wall) == 1.0  # an unknown matter scopes nothing


def test_a_group_is_not_a_parent_cause() -> None:
    assert rules.case_affinity("旅游合同纠纷", "合同纠纷") == 0.0
    assert rules.case_affinity("相邻通行纠纷", "相邻关系纠纷") == 1.0
