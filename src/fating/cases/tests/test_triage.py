"""繁简分流 (CPL 第160、165–166条; 解释 第256–257、264、272条) and judge assignment. Limits in the
test table are chosen so the 50% boundary is exact: wage 100,000 → 50,000 and 200,000."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fating.cases.rules.calendar import RuleInputError
from fating.cases.rules.fee_tables import Procedure
from fating.cases.rules.triage import (
    CaseFacts,
    JudgeCandidate,
    WageRecord,
    WageTable,
    assign_judge,
    default_wage_table,
    triage,
)

D = Decimal
WAGES = WageTable(
    (
        WageRecord("鲁", 2023, D("100000"), dt.date(2024, 7, 1), "test", "high"),
        WageRecord("鲁", 2022, D("90000"), dt.date(2023, 7, 1), "test", "high"),
    )
)
SIMPLE = CaseFacts(
    province="鲁",
    filed_on=dt.date(2025, 3, 1),
    claim_amount=D("20000"),
    money_payment_only=True,
    statements_consistent=True,
    evidence_provided=True,
    needs_court_investigation=False,
    liability_clear=True,
    no_fundamental_dispute=True,
)


def route(**changes: object):
    return triage(dataclasses.replace(SIMPLE, **changes), wages=WAGES)  # type: ignore[arg-type]


def codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.code for r in result.reasons]


def test_exactly_half_the_wage_is_small_claims() -> None:
    result = route(claim_amount=D("50000"))
    assert result.procedure is Procedure.SMALL_CLAIMS
    assert result.one_instance_final
    assert result.small_claims_limit == D("50000")


def test_one_fen_over_half_is_simple() -> None:
    result = route(claim_amount=D("50000.01"))
    assert result.procedure is Procedure.SIMPLE
    assert "over_limit" in codes(result)
    assert (
        result.reasons[-1].text
        == "简单民事案件，标的额不超过平均工资二倍（200000元），应当适用简易程序"
    )


def test_parties_may_agree_up_to_twice_the_wage() -> None:
    assert (
        route(claim_amount=D("200000"), parties_agree_small_claims=True).procedure
        is Procedure.SMALL_CLAIMS
    )


def test_agreement_cannot_exceed_twice_the_wage() -> None:
    result = route(claim_amount=D("200000.01"), parties_agree_small_claims=True)
    assert result.procedure is Procedure.SIMPLE
    assert result.reasons[-1].article == "民事诉讼法 第160条第1款"


def test_previous_years_figure_applies_until_the_new_one_takes_effect() -> None:
    result = route(claim_amount=D("45000"), filed_on=dt.date(2024, 6, 30))
    assert result.wage is not None and result.wage.wage_year == 2022
    assert result.procedure is Procedure.SMALL_CLAIMS
    assert (
        route(claim_amount=D("45000.01"), filed_on=dt.date(2024, 6, 30)).procedure
        is Procedure.SIMPLE
    )


@pytest.mark.parametrize(
    ("flag", "text"),
    [
        ("counterclaim", "当事人提出反诉，不适用"),
        ("needs_appraisal", "需要评估、鉴定，不适用"),
        ("foreign_related", "涉外案件，不适用"),
        ("personal_status_or_ownership", "人身关系、财产确权案件，不适用"),
        ("disputes_pre_suit_appraisal", "对诉前评估、鉴定结果有异议，不适用"),
    ],
)
def test_small_claims_exclusions_fall_back_to_simple(flag: str, text: str) -> None:
    result = route(**{flag: True})
    assert result.procedure is Procedure.SIMPLE
    assert text in [r.text for r in result.reasons]


def test_missing_defendant_excludes_both() -> None:
    result = route(party_whereabouts_unknown=True)
    assert result.procedure is Procedure.ORDINARY
    assert "起诉时被告下落不明，不适用" in [r.text for r in result.reasons]


def test_remanded_case_cannot_agree_to_simple() -> None:
    assert route(remanded=True, parties_agree_simple=True).procedure is Procedure.ORDINARY


def test_non_money_claim_is_not_small_claims() -> None:
    result = route(money_payment_only=False)
    assert result.procedure is Procedure.SIMPLE
    assert "not_money" in codes(result)


def test_unknown_facts_are_not_simple() -> None:
    result = route(statements_consistent=None, liability_clear=None)
    assert result.procedure is Procedure.ORDINARY
    texts = [r.text for r in result.reasons]
    assert "事实清楚未确认：双方陈述是否基本一致" in texts
    assert "权利义务关系明确未确认" in texts


def test_parties_may_agree_to_simple() -> None:
    result = route(no_fundamental_dispute=False, parties_agree_simple=True)
    assert result.procedure is Procedure.SIMPLE
    assert codes(result)[-1] == "simple_agreed"


def test_not_a_basic_court() -> None:
    assert route(basic_court=False).procedure is Procedure.ORDINARY


def test_published_limit_is_used_as_published() -> None:
    facts = dataclasses.replace(SIMPLE, province="苏", filed_on=dt.date(2025, 3, 1))
    assert (
        triage(dataclasses.replace(facts, claim_amount=D("60862"))).procedure
        is Procedure.SMALL_CLAIMS
    )
    assert (
        triage(dataclasses.replace(facts, claim_amount=D("60862.01"))).procedure is Procedure.SIMPLE
    )


def test_bundled_shandong_figure_is_flagged_low_confidence() -> None:
    result = triage(dataclasses.replace(SIMPLE, filed_on=dt.date(2025, 3, 1)))
    assert result.warnings and "估计数" in result.warnings[0]
    # plain words for the public: no confidence label, no data source note
    assert "置信度" not in result.warnings[0] and "估算值：" not in result.warnings[0]


def test_no_wage_loaded_warns_and_skips_small_claims() -> None:
    result = triage(dataclasses.replace(SIMPLE, province="藏"), wages=WAGES)
    assert result.procedure is Procedure.SIMPLE
    assert result.warnings == ("未载入该省上年度就业人员年平均工资，无法判断小额诉讼标的限额",)


def test_unknown_province() -> None:
    with pytest.raises(RuleInputError) as info:
        route(province="山东")
    assert info.value.reason == "未知的省份「山东」，请用省级简称，如「鲁」"


def test_a_court_can_correct_a_figure() -> None:
    fixed = WageRecord("鲁", 2023, D("120000"), dt.date(2024, 7, 1), "court", "high")
    table = WAGES.extended([fixed])
    assert table.in_force("鲁", dt.date(2025, 1, 1)) == fixed
    assert len(table.records) == 2


def test_default_table_loads() -> None:
    assert default_wage_table().in_force("鲁", dt.date(2025, 1, 1)) is not None


@given(st.decimals(min_value=D("0.01"), max_value=D("50000"), places=2))
def test_every_amount_up_to_half_is_small_claims(amount: Decimal) -> None:
    assert route(claim_amount=amount).procedure is Procedure.SMALL_CLAIMS


# --- judge assignment


def judges() -> list[JudgeCandidate]:
    return [
        JudgeCandidate(1, "张法官", 12, frozenset({"民间借贷纠纷"})),
        JudgeCandidate(2, "李法官", 10),
        JudgeCandidate(3, "王法官", 20, frozenset({"离婚纠纷"})),
    ]


def test_lightest_load_wins() -> None:
    assert assign_judge(judges()).judge.judge_id == 2


def test_specialist_within_margin_wins() -> None:
    choice = assign_judge(judges(), cause="民间借贷纠纷")
    assert choice.judge.judge_id == 1
    assert (
        choice.reason
        == "分配给张法官：擅长「民间借贷纠纷」，在办案件12件，与最少在办数10件相差不超过3件"
    )


def test_overloaded_specialist_loses() -> None:
    choice = assign_judge(judges(), cause="离婚纠纷")
    assert choice.judge.judge_id == 2
    assert "擅长「离婚纠纷」的法官在办案件过多（20件）" in choice.reason


def test_recused_and_capped_judges_are_skipped() -> None:
    pool = [*judges()[:2], JudgeCandidate(4, "赵法官", 30)]
    pool[0] = dataclasses.replace(pool[0], max_load=12)
    assert assign_judge(pool, recused=[2]).judge.judge_id == 4


def test_ties_go_to_the_smaller_id() -> None:
    pool = [JudgeCandidate(9, "甲", 5), JudgeCandidate(3, "乙", 5)]
    assert assign_judge(pool).judge.judge_id == 3


def test_no_judge_available() -> None:
    with pytest.raises(RuleInputError) as info:
        assign_judge([JudgeCandidate(1, "甲", 5, available=False)])
    assert info.value.reason == "没有可分配的承办法官（均不可用、需回避或已达办案上限）"
