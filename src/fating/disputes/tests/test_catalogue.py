"""The causes catalogue disputes read: the cases app's CauseOfAction table (LEGAL-RULES C)."""

from __future__ import annotations

from datetime import date

import pytest

from fating.cases.services.causes import load_causes
from fating.disputes import rules
from fating.disputes.catalogue import catalogue, lookup, revision_on
from fating.disputes.rules import CauseEntry


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("邻居借了我五万块钱，写了借条，到期不还", "民间借贷纠纷"),
        ("村里修路占了我家承包地，补偿款一直没给", "土地承包经营权纠纷"),
        ("隔壁家的狗把我孩子咬伤了", "饲养动物损害责任纠纷"),
        ("业主拒交物业费两年", "物业服务合同纠纷"),
    ],
)
def test_cause_suggestion_from_plain_words(causes_2025: None, text: str, expected: str) -> None:
    suggestions = rules.suggest_causes(text, catalogue("2025"))
    assert suggestions[0].name == expected
    assert suggestions[0].why.startswith("描述中")


@pytest.mark.django_db
def test_revision_in_force_and_codes_per_revision_from_the_loaded_table() -> None:
    load_causes()
    assert revision_on(date(2025, 12, 31)) == "2020"
    assert revision_on(date(2026, 1, 1)) == "2025"
    assert len(catalogue("2025")) == 1055 and len(catalogue("2020")) == 927
    # The same code names different causes in the two revisions.
    assert lookup("2020", "88") == CauseEntry("88", "探矿权转让合同纠纷", 3)
    assert lookup("2025", "88") == CauseEntry("88", "买卖合同纠纷", 3)
    assert lookup("2025", "9999") is None


@pytest.mark.django_db
def test_before_loading_the_revision_still_follows_the_statutory_dates() -> None:
    assert revision_on(date(2020, 6, 1)) == "2020"
    assert revision_on(date(2025, 12, 31)) == "2020"
    assert revision_on(date(2026, 1, 1)) == "2025"
    assert catalogue("2025") == () and lookup("2025", "108.3") is None
