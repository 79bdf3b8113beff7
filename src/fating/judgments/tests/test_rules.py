"""The effect engine against hand-computed dates (2025: 国庆节、中秋节 10-01..10-08 off, 09-28 and
10-11 working Saturdays/Sunday) and the `fating effective` command. Pure: no database."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from fating.cli import main as fating_main
from fating.core.calendar import RuleInputError
from fating.judgments import effect_cli
from fating.judgments.rules import (
    Document,
    PartyService,
    appeal_deadline,
    compute_effect,
    document_for,
    effect,
)

D = dt.date.fromisoformat


def run(payload: object) -> tuple[int, dict[str, object] | None, str]:
    out, err = io.StringIO(), io.StringIO()
    text = payload if isinstance(payload, str) else json.dumps(payload)
    code = effect_cli.main([text], stdout=out, stderr=err)
    return code, (json.loads(out.getvalue()) if out.getvalue() else None), err.getvalue()


def test_issue_example_through_the_fating_command(capsys: pytest.CaptureFixture[str]) -> None:
    code = fating_main(
        ["effective", '{"document": "judgment", "served": ["2025-09-26", "2025-09-30"]}']
    )
    answer = json.loads(capsys.readouterr().out)
    assert code == 0
    # 09-26 + 15 = 10-11, a 调休 working Saturday: not moved. 09-30 + 15 = 10-15 (Wednesday).
    assert answer["appeal_deadlines"] == ["2025-10-11", "2025-10-15"]
    assert answer["effective_on"] == "2025-10-16"
    assert answer["calendar_verified"] is True
    assert "民事诉讼法 第171条" in answer["legal_basis"]


@pytest.mark.parametrize(
    ("document", "served", "foreign", "expected"),
    [
        # 09-20 + 15 = 10-05, inside the National Day holiday: moved to Thursday 10-09.
        (Document.JUDGMENT, "2025-09-20", False, "2025-10-09"),
        # 09-22 + 10 = 10-02 (holiday) -> 10-09; a ruling has 10 days (第171条第2款).
        (Document.RULING, "2025-09-22", False, "2025-10-09"),
        # 11-07 (Friday) + 15 = 11-22, a Saturday -> Monday 11-24.
        (Document.JUDGMENT, "2025-11-07", False, "2025-11-24"),
        # 09-13 + 15 = 09-28, a 调休 working Sunday: stays.
        (Document.JUDGMENT, "2025-09-13", False, "2025-09-28"),
        # No domicile in China: 30 days (第286条); 09-01 + 30 = 10-01 -> 10-09.
        (Document.JUDGMENT, "2025-09-01", True, "2025-10-09"),
        (Document.RULING, "2025-11-01", True, "2025-12-01"),
    ],
)
def test_appeal_deadlines(document: Document, served: str, foreign: bool, expected: str) -> None:
    assert appeal_deadline(document, D(served), foreign_domicile=foreign) == D(expected)


def test_appealable_takes_effect_the_day_after_the_last_deadline() -> None:
    answer = effect(
        Document.JUDGMENT,
        [PartyService(D("2025-09-20")), PartyService(D("2025-09-01"), foreign_domicile=True)],
    )
    assert answer.appeal_deadlines == (D("2025-10-09"), D("2025-10-09"))
    assert answer.effective_on == D("2025-10-10")
    assert "民事诉讼法 第286条" in answer.legal_basis


def test_unserved_party_or_appeal_leaves_effect_open() -> None:
    pending = effect(Document.JUDGMENT, [PartyService(D("2025-09-26")), PartyService(None)])
    assert pending.effective_on is None and not pending.all_served
    assert pending.appeal_deadlines == (D("2025-10-11"), None)
    appealed = effect(Document.JUDGMENT, [PartyService(D("2025-09-26"))], appealed=True)
    assert appealed.effective_on is None and "上诉" in appealed.explanation()


@pytest.mark.parametrize(
    "document",
    [Document.SMALL_CLAIMS_JUDGMENT, Document.MEDIATION_STATEMENT, Document.FINAL_RULING],
)
def test_final_documents_take_effect_on_the_last_service(document: Document) -> None:
    answer = compute_effect({"document": document.value, "served": ["2025-09-30", "2025-09-26"]})
    assert answer["effective_on"] == "2025-09-30"
    assert answer["appeal_deadlines"] == [None, None]
    assert answer["appealable"] is False


def test_mediation_needs_every_signature() -> None:
    answer = compute_effect({"document": "mediation_statement", "served": ["2025-09-26", None]})
    assert answer["effective_on"] is None
    assert "民事诉讼法 第100条" in answer["legal_basis"]


def test_document_for_adjudications() -> None:
    assert document_for("judgment") is Document.JUDGMENT
    assert document_for("judgment", small_claims=True) is Document.SMALL_CLAIMS_JUDGMENT
    assert document_for("ruling", subkind="dismissed") is Document.RULING
    assert document_for("ruling", subkind="withdrawal") is Document.FINAL_RULING
    assert document_for("mediation") is Document.MEDIATION_STATEMENT
    with pytest.raises(RuleInputError):
        document_for("ruling", subkind="nonsense")


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        ("{", "json"),
        ("[]", "json"),
        ({"served": ["2025-09-26"]}, "document"),
        ({"document": "verdict", "served": ["2025-09-26"]}, "document"),
        ({"document": "judgment"}, "served"),
        ({"document": "judgment", "served": []}, "served"),
        ({"document": "judgment", "served": "2025-09-26"}, "served"),
        ({"document": "judgment", "served": ["2025-02-30"]}, "served[0]"),
        ({"document": "judgment", "served": ["2025-09-26", 7]}, "served[1]"),
        ({"document": "judgment", "served": [{"date": "2025-09-26", "x": 1}]}, "served[0].x"),
        ({"document": "judgment", "served": [{"date": "2025-09-26", "foreign_domicile": "y"}]},
         "served[0].foreign_domicile"),
        ({"document": "judgment", "served": ["2025-09-26"], "when": 1}, "when"),
        ({"document": "small_claims_judgment", "served": ["2025-09-26"], "appealed": True}, "appealed"),
        ({"document": "judgment", "served": ["99999-01-01"]}, "served[0]"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_naming_the_key(payload: object, key: str) -> None:
    code, answer, err = run(payload)
    assert code == 2 and answer is None
    assert err.startswith(f"错误：{key}: ")


def test_help_and_argument_count() -> None:
    out = io.StringIO()
    assert effect_cli.main(["--help"], stdout=out) == 0 and "第171条" in out.getvalue()
    assert effect_cli.main([], stderr=io.StringIO()) == 2
