"""Pure rules: schemas, Chinese formatting, the chain walk. No database."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from fating.documents.kinds import get_kind
from fating.documents.rules import (
    GENESIS_HASH,
    ChainLink,
    amount_in_words,
    cn_number,
    date_chinese,
    datetime_figures,
    entry_hash,
    first_break,
    validate_context,
)
from fating.documents.tests.factories import context_for


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("50000", "人民币伍万元整"),
        ("1005.5", "人民币壹仟零伍元伍角"),
        ("100000000", "人民币壹亿元整"),
        ("10010", "人民币壹万零壹拾元整"),
        ("0.05", "人民币伍分"),
        ("1200.05", "人民币壹仟贰佰元零伍分"),
        ("0", "人民币零元整"),
    ],
)
def test_amount_in_words(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


def test_dates_in_chinese() -> None:
    assert date_chinese(date(2026, 3, 12)) == "二〇二六年三月十二日"
    assert date_chinese(date(2030, 10, 20)) == "二〇三〇年十月二十日"
    assert datetime_figures(datetime(2026, 4, 10, 14, 30)) == "2026年4月10日下午2时30分"
    assert cn_number(21) == "二十一"


def test_missing_required_field_is_named_in_chinese() -> None:
    spec = get_kind("mediation_agreement")
    context = context_for("mediation_agreement")
    del context["mediator"]
    _, errors = validate_context(spec.fields, context)
    assert errors == {"mediator": "调解员不能为空。"}


def test_nested_party_errors_name_the_item() -> None:
    spec = get_kind("confirmation_ruling")
    context = context_for("confirmation_ruling")
    context["parties"][1]["name"] = " "
    context["accepted_on"] = "2026-13-40"
    _, errors = validate_context(spec.fields, context)
    assert errors == {
        "parties.1.name": "申请人第2项的姓名或名称不能为空。",
        "accepted_on": "立案日期不是有效日期，格式应为“2026-03-01”。",
    }


def test_unknown_field_is_refused() -> None:
    spec = get_kind("summons")
    _, errors = validate_context(spec.fields, context_for("summons", judeg="刘明"))
    assert errors == {"judeg": "该文书模板没有此字段。"}


def test_money_and_choice_errors() -> None:
    spec = get_kind("confirmation_ruling")
    _, errors = validate_context(spec.fields, context_for("confirmation_ruling", outcome="maybe"))
    assert errors == {"outcome": "审查结果应为以下之一：确认调解协议有效、驳回申请。"}
    spec = get_kind("acceptance_notice")
    _, errors = validate_context(spec.fields, context_for("acceptance_notice", fee_amount="1.005"))
    assert errors == {"fee_amount": "案件受理费应为金额（元），最多两位小数，如“5000”或“5000.50”。"}


def test_instalments_must_add_up() -> None:
    spec = get_kind("mediation_agreement")
    context = context_for("mediation_agreement", total_amount="60000")
    clean, errors = validate_context(spec.fields, context)
    assert not errors
    assert spec.check(clean) == {"instalments": "分期金额之和应等于协议总金额。"}


def test_rejection_needs_a_ground() -> None:
    spec = get_kind("confirmation_ruling")
    clean, _ = validate_context(spec.fields, context_for("confirmation_ruling", outcome="rejected"))
    assert spec.check(clean) == {"rejection_ground": "驳回申请时必须写明驳回理由。"}


def _chain(n: int) -> list[ChainLink]:
    links, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        content = {"seq": seq, "title": f"材料{seq}", "sha256": "a" * 64}
        digest = entry_hash(content, prev)
        links.append(ChainLink(seq=seq, content=content, prev_hash=prev, hash=digest))
        prev = digest
    return links


def test_intact_chain_has_no_break() -> None:
    links = _chain(3)
    assert first_break(links, head_hash=links[-1].hash, count=3) is None


def test_truncated_chain_is_detected_at_the_end() -> None:
    links = _chain(3)
    problem = first_break(links[:2], head_hash=links[-1].hash, count=3)
    assert problem is not None and problem.seq is None
    assert str(problem) == "卷宗末尾：卷宗登记有3项，实际链条有2项（末尾材料被删除）"
