"""诉讼风险评估: limitation (民法典 第188–196条, 第201–203条), fee, duration, checklists."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from fating.cases.rules.calendar import RuleInputError
from fating.cases.rules.fee_tables import Procedure
from fating.cases.rules.risk import (
    EVIDENCE_CHECKLISTS,
    ClaimKind,
    LimitationState,
    Obstacle,
    assess_limitation,
    assess_risk,
    estimate_fee,
    evidence_checklist,
    expected_duration,
)
from fating.cases.tests.test_triage import SIMPLE, WAGES

D = dt.date


def test_three_years_from_knowledge_rolls_past_labour_day() -> None:
    # 2022-05-01 + 3 years = 2025-05-01, inside 5月1–5日 → 5月6日.
    result = assess_limitation(as_of=D(2024, 1, 1), knew_on=D(2022, 5, 1))
    assert result.expires_on == D(2025, 5, 6)
    assert result.state is LimitationState.RUNNING


def test_interruption_restarts_three_years() -> None:
    result = assess_limitation(
        as_of=D(2024, 1, 1), knew_on=D(2022, 5, 1), interruptions=[D(2022, 9, 20)]
    )
    assert result.expires_on == D(2025, 9, 22)  # 9月20日 is an ordinary Saturday
    assert "2022-09-20时效中断，重新计算三年（民法典 第195条）" in result.hints


def test_interruption_after_expiry_does_not_revive() -> None:
    result = assess_limitation(
        as_of=D(2025, 8, 1), knew_on=D(2022, 5, 1), interruptions=[D(2025, 6, 1)]
    )
    assert result.expires_on == D(2025, 5, 6)
    assert result.state is LimitationState.EXPIRED
    assert any("第192条" in h for h in result.hints)


def test_obstacle_in_last_six_months_suspends() -> None:
    obstacle = Obstacle(D(2025, 3, 1), D(2025, 4, 10), "不可抗力")
    result = assess_limitation(as_of=D(2025, 5, 1), knew_on=D(2022, 5, 1), obstacles=[obstacle])
    assert result.expires_on == D(2025, 10, 10)


def test_obstacle_before_last_six_months_does_not_suspend() -> None:
    obstacle = Obstacle(D(2024, 3, 1), D(2024, 4, 10))
    assert assess_limitation(
        as_of=D(2025, 1, 1), knew_on=D(2022, 5, 1), obstacles=[obstacle]
    ).expires_on == D(2025, 5, 6)


def test_twenty_year_long_stop() -> None:
    result = assess_limitation(as_of=D(2025, 1, 1), knew_on=D(2024, 6, 1), harmed_on=D(2005, 3, 1))
    assert result.expires_on == D(2025, 3, 3)  # 3月1日 Saturday → Monday
    assert result.state is LimitationState.EXPIRING_SOON


def test_instalments_run_from_the_last_due_date() -> None:
    result = assess_limitation(
        as_of=D(2024, 1, 1), knew_on=D(2021, 1, 1), last_instalment_due=D(2022, 9, 20)
    )
    assert result.expires_on == D(2025, 9, 22)


def test_claims_outside_limitation() -> None:
    result = assess_limitation(as_of=D(2025, 1, 1), claim_kind=ClaimKind.SUPPORT_PAYMENTS)
    assert result.state is LimitationState.NOT_APPLICABLE
    assert result.hints == ("该请求权不适用诉讼时效（民法典 第196条）",)


def test_knowledge_date_required() -> None:
    with pytest.raises(RuleInputError) as info:
        assess_limitation(as_of=D(2025, 1, 1))
    assert info.value.reason == "请填写知道或者应当知道权利受到损害以及义务人的日期"


def test_fee_estimate_is_halved_for_small_claims() -> None:
    # 50 + (60,862 − 10,000) × 2.5% = 1,321.55; halved 660.775 → 660.78.
    assert estimate_fee(Decimal("60862"), procedure=Procedure.SMALL_CLAIMS).fee == Decimal("660.78")


def test_fee_estimate_ordinary_not_halved() -> None:
    assert estimate_fee(Decimal("20000"), procedure=Procedure.ORDINARY).fee == Decimal("300.00")


def test_expected_duration_quantiles() -> None:
    history = {"simple": list(range(20, 0, -1))}
    result = expected_duration(Procedure.SIMPLE, history)
    assert (result.median_days, result.p25_days, result.p75_days, result.p90_days) == (
        10,
        5,
        15,
        18,
    )
    assert result.sample_size == 20


def test_too_little_history_gives_only_the_statutory_limit() -> None:
    result = expected_duration(Procedure.SMALL_CLAIMS, {"small_claims": [10, 20]})
    assert result.median_days is None
    assert result.statutory_limit == "立案之日起两个月（民事诉讼法 第168条）"


def test_checklists_cover_the_grassroots_causes() -> None:
    assert set(EVIDENCE_CHECKLISTS) == {
        "民间借贷纠纷",
        "离婚纠纷",
        "相邻关系纠纷",
        "土地承包经营权纠纷",
        "劳务合同纠纷",
        "物业服务合同纠纷",
        "机动车交通事故责任纠纷",
    }
    loan = evidence_checklist("民间借贷纠纷")
    assert loan is not None
    assert [i.name for i in loan.items if i.essential] == [
        "借条、欠条、收据等债权凭证",
        "银行转账、微信/支付宝转账记录",
    ]
    assert evidence_checklist("不存在的案由") is None


def test_assess_risk_puts_it_together() -> None:
    facts = dataclasses.replace(SIMPLE, claim_amount=Decimal("30000"))
    result = assess_risk(
        facts=facts, cause="民间借贷纠纷", as_of=D(2025, 3, 1), knew_on=D(2023, 1, 1), wages=WAGES
    )
    assert result.triage.procedure is Procedure.SMALL_CLAIMS
    assert result.fee is not None and result.fee.fee == Decimal("275.00")
    assert result.limitation.state is LimitationState.RUNNING
    assert result.checklist is not None
