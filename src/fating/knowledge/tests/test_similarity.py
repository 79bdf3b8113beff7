"""Tokenisation, fact extraction, legal elements and ranking of the similarity engine."""

from __future__ import annotations

import pytest

from fating.knowledge.similarity import (
    RankingConfig,
    SimilarityIndex,
    char_ngrams,
    element_similarity,
    extract_elements,
    fact_text,
    split_sections,
    tokenize,
)
from fating.knowledge.similarity.elements import amount_band, annual_rates, interest_band

JUDGMENT = (
    "原告：李某1，男，1972年11月10日出生，汉族，住湖南省湘阴县。委托诉讼代理人：蒋水光，"
    "湘阴县南湖法律服务所法律工作者。被告：夏某1，男，1980年3月2日出生，汉族，住湖南省湘阴县。\n\n"
    "原告李某1向本院提出诉讼请求：1、判令被告偿还借款本金70000元及利息；2、本案诉讼费由被告承担。"
    "事实与理由：2015年3月6日，被告因经营生意缺乏资金向原告借款70000元，约定月利率2%，"
    "由王某2提供连带责任保证，被告出具借条一张，原告通过银行转账交付。后经原告多次催要，被告至今分文未还。"
    "被告夏某1未到庭参加诉讼，亦未提交答辩意见，本院视为其放弃答辩、举证、质证的权利。"
    "经审理查明：2015年3月6日，被告向原告借款70000元，约定月利率2%，王某2在借条担保人处签字。"
    "借款到期后被告分文未还。以上事实，有借条、银行流水及庭审笔录在卷佐证。"
)


# --- tokenisation ---------------------------------------------------------------------------


def test_legal_terms_are_kept_whole() -> None:
    tokens = tokenize("双方约定由保证人承担连带保证责任，构成夫妻共同债务，属民间借贷纠纷")
    assert "连带保证责任" in tokens
    assert "夫妻共同债务" in tokens
    assert "民间借贷纠纷" in tokens or "民间借贷" in tokens


def test_names_numbers_and_stopwords_are_dropped() -> None:
    tokens = tokenize("原告李某1于2015年3月6日向被告借款70000元")
    assert not any("某" in t for t in tokens)
    assert not any(ch.isdigit() for t in tokens for ch in t)
    assert "原告" not in tokens and "被告" not in tokens
    assert "借款" in tokens


def test_full_width_text_is_normalised() -> None:
    assert tokenize("借条（欠条）") == tokenize("借条(欠条)")


def test_char_ngrams_stay_inside_chinese_runs() -> None:
    assert char_ngrams("借款7万元") == ["借款", "万元"]
    assert char_ngrams("借条", n=3) == []


# --- fact extraction ------------------------------------------------------------------------


def test_party_listing_goes_to_parties_not_facts() -> None:
    sections = split_sections(JUDGMENT)
    assert "出生" in sections.parties
    assert "出生" not in sections.facts
    assert "法律服务所" not in sections.facts


def test_findings_claims_and_formulae() -> None:
    sections = split_sections(JUDGMENT)
    assert "王某2在借条担保人处签字" not in sections.findings  # names are anonymised away
    assert "在借条担保人处签字" in sections.findings
    assert "诉讼请求" in sections.claims
    facts = fact_text(JUDGMENT)
    assert "放弃答辩" not in facts
    assert "在卷佐证" not in facts
    assert "多次催要" in facts


def test_text_without_structure_falls_back_to_itself() -> None:
    assert "借了李四五万元" in fact_text("张三借了李四五万元，一直没有还。")


# --- legal elements -------------------------------------------------------------------------


def test_lending_elements_of_a_guaranteed_iou() -> None:
    p = extract_elements(JUDGMENT)
    assert p["guarantee"] == {"保证"}
    assert "借条" in p["agreement"]
    assert p["delivery"] == {"银行转账"}
    assert p["repayment"] == {"未还款"}
    assert p["interest"] == {"年利率24%以内"}
    assert p["amount"] == {"5-10万元"}
    assert p["absent"] == {"缺席"}
    assert p["spouse"] == {"否"}
    assert p["penalty"] == {"无"}
    assert p["lender"] == {"自然人"} and p["borrower"] == {"自然人"}


def test_company_borrower_mortgage_and_partial_repayment() -> None:
    text = (
        "原告：张某1。被告：咸宁市海拓制冷设备有限公司，法定代表人陈某1。\n\n"
        "原告诉称，被告以其厂房作抵押向原告借款300万元，约定月息4分。被告已归还借款50万元，余款未还。"
    )
    p = extract_elements(text)
    assert p["borrower"] == {"法人及其他组织"}
    assert p["guarantee"] == {"抵押"}
    assert p["repayment"] == {"部分还款"}
    assert p["interest"] == {"年利率36%以上"}
    assert p["amount"] == {"100万元以上"}


def test_prayer_for_relief_is_not_a_repayment() -> None:
    text = "原告请求判令被告偿还借款本金30000元。被告借款后未归还。"
    assert extract_elements(text)["repayment"] == {"未还款"}


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("约定月利率2%", "年利率24%以内"),
        ("约定年利率30%", "年利率24%-36%"),
        ("约定月息3分", "年利率24%-36%"),
        ("约定月息1分二厘", "年利率24%以内"),
        ("约定日利率0.2%", "年利率36%以上"),
        ("双方未约定利息", "未约定利息"),
        ("按中国人民银行同期贷款利率计算利息", "按同期贷款利率"),
    ],
)
def test_interest_bands(text: str, band: str) -> None:
    assert interest_band(text) == band


def test_rates_and_amounts_parse_units() -> None:
    assert annual_rates("月利率1.5%") == [18.0]
    assert amount_band("借款20,987元") == "1-5万元"
    assert amount_band("借款3.5万元") == "1-5万元"
    assert amount_band("没有金额") is None


def test_element_similarity_prefers_matching_facts() -> None:
    base = extract_elements(
        "被告向原告借款5万元，出具借条，由担保人提供连带保证，现金交付，未还款。"
    )
    same = extract_elements(
        "被告向原告借款6万元，出具借条，保证人承担连带保证责任，现金交付，未归还。"
    )
    other = extract_elements("被告以房屋抵押向原告借款5万元，签订借款合同，银行转账，已归还2万元。")
    s_same, shared = element_similarity(base, same)
    s_other, _ = element_similarity(base, other)
    assert s_same > s_other
    assert ("担保方式", "保证") in shared
    assert 0.0 <= s_other <= s_same <= 1.0


# --- ranking --------------------------------------------------------------------------------

CASES = {
    "guaranteed-iou": (
        "被告因做生意向原告借款5万元，出具借条，由其朋友作为担保人承担连带保证责任，"
        "原告以现金方式交付。借款到期后被告分文未还，担保人亦未履行保证责任。"
    ),
    "mortgage-contract": (
        "被告以其名下房屋设定抵押，与原告签订借款合同，借款100万元，约定年利率24%，"
        "原告通过银行转账支付。被告支付利息至2017年后未再还款。"
    ),
    "marital-debt": (
        "被告张某在与妻子婚姻关系存续期间向原告借款8万元用于家庭购房，原告要求夫妻二人"
        "共同偿还，主张该债务系夫妻共同债务。"
    ),
    "traffic": (
        "被告驾驶小型轿车与原告驾驶的电动自行车相撞，交警认定被告负全部责任，原告经鉴定构成"
        "十级伤残，请求赔偿医疗费、误工费、护理费。"
    ),
    "wages": "原告在被告公司工作，双方未签订书面劳动合同，被告拖欠工资及加班费。",
}


@pytest.fixture(scope="module")
def index() -> SimilarityIndex:
    return SimilarityIndex().build(CASES)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "李某向王某借款3万元，写了借条，请刘某担保，承担连带责任，现金交付后一直未还。",
            "guaranteed-iou",
        ),
        (
            "某公司以厂房抵押借款200万元，签订借款合同，银行转账，付了一年利息后停止付息。",
            "mortgage-contract",
        ),
        ("丈夫在婚姻期间借款10万元买房，出借人起诉夫妻二人要求共同还款。", "marital-debt"),
        ("行人被货车撞伤，构成九级伤残，要求赔偿医疗费和误工费。", "traffic"),
        ("劳动者要求公司支付拖欠的工资和加班费。", "wages"),
    ],
)
def test_hand_made_relevance(index: SimilarityIndex, query: str, expected: str) -> None:
    assert index.search(query, k=5)[0].id == expected


def test_search_orders_scores_and_respects_k(index: SimilarityIndex) -> None:
    hits = index.search(CASES["traffic"], k=3)
    assert len(hits) == 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[0].id == "traffic"
    assert len(index.search("借款", k=100)) == len(CASES)


def test_explanation_names_shared_elements_and_terms(index: SimilarityIndex) -> None:
    hit = index.search(
        "被告向原告借款，出具借条，担保人承担连带保证责任，现金交付。", k=1, explain=True
    )[0]
    assert hit.explanation is not None
    assert ("担保方式", "保证") in hit.explanation.elements
    assert "借条" in hit.explanation.terms
    as_dict = hit.explanation.as_dict()
    assert {"element": "担保方式", "value": "保证"} in as_dict["elements"]


def test_score_ids_matches_search(index: SimilarityIndex) -> None:
    query = CASES["marital-debt"]
    searched = {h.id: h.score for h in index.search(query, k=5)}
    chosen = index.score_ids(query, ["traffic", "marital-debt"])
    assert [h.id for h in chosen] == ["marital-debt", "traffic"]
    assert all(searched[h.id] == pytest.approx(h.score) for h in chosen)
    with pytest.raises(KeyError):
        index.score_ids(query, ["missing"])


def test_build_rejects_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="重复"):
        SimilarityIndex().build([("a", "借款"), ("a", "借条")])


def test_empty_index_and_bad_k() -> None:
    empty = SimilarityIndex().build({})
    assert empty.search("借款") == []
    with pytest.raises(ValueError):
        empty.search("借款", k=0)


def test_view_weights_change_the_ranking_inputs() -> None:
    docs = {"a": "被告向原告借款，出具借条。", "b": "原告驾驶车辆发生交通事故。"}
    lexical_only = SimilarityIndex(RankingConfig(element_weight=0)).build(docs)
    hit = lexical_only.search("借条", k=1, explain=True)[0]
    assert hit.id == "a"
    assert hit.score == pytest.approx(hit.explanation.lexical_score)
