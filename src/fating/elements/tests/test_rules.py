"""The element tables as data and the pure rules that read answers and findings."""

from __future__ import annotations

import re

import pytest

from fating.elements import rules

SIX = {
    "民间借贷纠纷",
    "买卖合同纠纷",
    "物业服务合同纠纷",
    "追索劳动报酬纠纷",
    "机动车交通事故责任纠纷",
    "离婚纠纷",
}
ARTICLE = re.compile(r"第\d+条")


def test_the_six_causes_of_the_issue_have_tables() -> None:
    assert set(rules.tables()) == SIX


@pytest.mark.parametrize("cause", sorted(SIX))
def test_every_element_cites_its_legal_basis(cause: str) -> None:
    table = rules.tables()[cause]
    keys = [e.key for e in table.elements]
    assert len(keys) == len(set(keys)) >= 5
    for e in table.elements:
        assert ARTICLE.search(e.basis), (cause, e.key)
        assert e.label and len(e.key) <= 40
        assert (e.kind is rules.Kind.CHOICE) == bool(e.choices)


LOAN = rules.tables()["民间借贷纠纷"]


@pytest.mark.parametrize(
    ("key", "given", "stored"),
    [
        ("principal", " 100,000 ", "100000.00"),
        ("principal", "0.5", "0.50"),
        ("interest_rate", "14.8", "14.8"),
        ("interest_rate", "100", "100"),
        ("interest_rate", "0.00", "0"),
        ("delivered_on", "2025-03-01", "2025-03-01"),
        ("delivery_method", "银行转账", "银行转账"),
        ("agreement", "  借条一张  ", "借条一张"),
        ("principal", "", ""),
    ],
)
def test_answers_are_stored_in_one_form(key: str, given: str, stored: str) -> None:
    element = LOAN.element(key)
    assert element is not None
    assert rules.normalise(element, given) == stored


@pytest.mark.parametrize(
    ("key", "given", "says"),
    [
        ("principal", "十万", "应填写数字"),
        ("principal", "-1", "不小于0"),
        ("principal", "NaN", "不小于0"),
        ("principal", "1.001", "小数位数"),
        ("principal", "1e30", "数额过大"),
        ("interest_rate", "101", "0到100"),
        ("delivered_on", "2025-02-30", "应为日期"),
        ("delivery_method", "以物抵债", "选择"),
        ("agreement", "字" * 2001, "2000"),
    ],
)
def test_a_bad_answer_names_its_element(key: str, given: str, says: str) -> None:
    element = LOAN.element(key)
    assert element is not None
    with pytest.raises(rules.InvalidAnswer) as refusal:
        rules.normalise(element, given)
    assert refusal.value.key == key
    assert says in refusal.value.message
    assert element.label in refusal.value.message


def test_a_yes_no_element_takes_only_yes_or_no() -> None:
    iou = rules.tables()["追索劳动报酬纠纷"].element("iou")
    assert iou is not None
    assert rules.normalise(iou, "是") == "是"
    with pytest.raises(rules.InvalidAnswer):
        rules.normalise(iou, "true")


def test_the_suggestion_needs_both_sides() -> None:
    assert rules.suggested_finding("1", "1") is rules.Finding.AGREED
    assert rules.suggested_finding("1", "2") is rules.Finding.DISPUTED
    assert rules.suggested_finding("1", "") is None
    assert rules.suggested_finding("", "") is None


def test_the_focus_is_what_the_judge_found_disputed_not_what_was_suggested() -> None:
    answers = {
        (rules.Side.PLAINTIFF, "principal"): "100000.00",
        (rules.Side.DEFENDANT, "principal"): "80000.00",
        (rules.Side.PLAINTIFF, "due_on"): "2025-06-01",
        (rules.Side.DEFENDANT, "due_on"): "2025-06-01",
        (rules.Side.PLAINTIFF, "repaid"): "0.00",
        (rules.Side.DEFENDANT, "repaid"): "20000.00",
    }
    rows = rules.rows(LOAN, answers, {"principal": "disputed", "due_on": "agreed"})
    by_key = {r.element.key: r for r in rows}
    assert by_key["principal"].suggested is rules.Finding.DISPUTED
    assert by_key["due_on"].finding is rules.Finding.AGREED
    # "repaid" differs but is not yet marked: it is not the focus until the judge says so.
    assert [r.element.key for r in rules.focus(rows)] == ["principal"]
    assert [r.element.key for r in rows] == [e.key for e in LOAN.elements]


def _row(key: str, p: str, d: str, finding: str | None = None) -> rules.Row:
    element = LOAN.element(key)
    assert element is not None
    f = rules.Finding(finding) if finding else None
    return rules.Row(element, p, d, f, rules.suggested_finding(p, d))


def test_the_lead_s_findings_carry_only_where_the_answers_match() -> None:
    lead = [
        _row("agreement", "借条", "借条", "agreed"),
        _row("principal", "100.00", "80.00", "disputed"),
        _row("repaid", "0.00", "20.00", "disputed"),
        _row("due_on", "2025-06-01", "2025-07-01", "agreed"),
        _row("guarantee", "", "", None),
    ]
    parallel = [
        _row("agreement", "借条", "借条"),  # both sides agree
        _row("principal", "100.00", "80.00"),  # the same dispute as the lead's
        _row("repaid", "0.00", "5.00"),  # a different dispute
        _row("due_on", "", ""),  # not answered
        _row("guarantee", "无", "无"),  # the lead has no finding: nothing proposed
    ]
    got = {
        p.element.key: p
        for p in rules.carry_over(
            lead, parallel, {"principal": "实际交付80元"}, "（2026）鲁0321民初1号"
        )
    }
    assert set(got) == {"agreement", "principal", "repaid", "due_on"}
    assert got["agreement"].finding is rules.Finding.AGREED
    assert got["principal"].finding is rules.Finding.DISPUTED
    assert got["principal"].note == "参照示范案件（2026）鲁0321民初1号认定：实际交付80元"
    assert got["repaid"].finding is None and "不同" in got["repaid"].reason
    assert got["due_on"].finding is None and "未填写" in got["due_on"].reason


def test_a_parallel_case_keeps_its_own_findings() -> None:
    lead = [_row("agreement", "借条", "借条", "agreed")]
    parallel = [_row("agreement", "借条", "否认", "disputed")]
    (only,) = rules.carry_over(lead, parallel, {}, "X")
    assert only.finding is None and "保留本案认定" in only.reason


def test_an_agreed_element_carries_when_the_answers_equal_the_lead_s_even_if_sides_differ() -> None:
    lead = [_row("due_on", "2025-06-01", "2025-07-01", "agreed")]
    parallel = [_row("due_on", "2025-06-01", "2025-07-01")]
    (only,) = rules.carry_over(lead, parallel, {}, "X")
    assert only.finding is rules.Finding.AGREED
