"""`fating fee`: one JSON object out, exit 2 with a Chinese message naming the field on bad input."""

from __future__ import annotations

import ast
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from fating.cases.fee_cli import main

CASES_DIR = Path(__file__).resolve().parents[1]


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_example_from_the_brief() -> None:
    code, out, err = run(
        '{"kind": "property", "amount": "150000", "procedure": "ordinary", "closure": "withdrawal"}'
    )
    assert (code, err) == (0, "")
    assert out.count("\n") == 1  # exactly one JSON object on one line
    data = json.loads(out)
    assert data["fee"] == "1650.00"
    assert data["halved"] is True
    assert data["halving_reason"] == "申请撤诉"
    assert data["articles"] == ["诉讼费用交纳办法 第13条(一)", "诉讼费用交纳办法 第15条"]
    assert [line["amount"] for line in data["breakdown"]] == ["50", "2250", "1000"]
    assert data["breakdown"][1] == {
        "from": "10000",
        "to": "100000",
        "rate": "0.025",
        "amount": "2250",
        "label": "超过1万元至10万元的部分 × 2.5%",
    }


def test_output_keeps_chinese_unescaped() -> None:
    _, out, _ = run('{"kind": "labor"}')
    assert "劳动争议" in out
    assert "\\u" not in out


def test_json_number_amount_is_exact() -> None:
    # 50 + 0.10 × 2.5% = 50.0025 — a float detour would not matter here, but the text must
    # reach Decimal unchanged.
    _, out, _ = run('{"kind": "property", "amount": 10000.10}')
    assert json.loads(out)["exact_fee"] == "50.0025"


def test_fee_always_has_two_places() -> None:
    _, out, _ = run('{"kind": "payment_order", "amount": "8000", "rounding": "yuan"}')
    data = json.loads(out)
    assert (data["fee"], data["exact_fee"], data["rounding"]) == ("17.00", "50/3", "yuan")


def test_base_and_province() -> None:
    _, out, _ = run('{"kind": "divorce", "amount": "800000", "base": "200", "province": "鲁"}')
    data = json.loads(out)
    assert data["fee"] == "3200.00"
    assert data["base"] == "200"
    assert data["schedule"]["province"] == "全国"  # no 鲁 schedule bundled yet


def test_simple_and_mediation_halve_once() -> None:
    _, out, _ = run(
        '{"kind": "property", "amount": "80000", "procedure": "simple", "closure": "mediation"}'
    )
    data = json.loads(out)
    assert data["fee"] == "900.00"
    assert data["halving_reasons"] == ["适用简易程序", "以调解方式结案"]


def test_reads_stdin_with_dash() -> None:
    code, out, _ = run("-", stdin='{"kind": "arbitration"}')
    assert code == 0
    assert json.loads(out)["fee"] == "400.00"


@pytest.mark.parametrize(
    ("arg", "field"),
    [
        ("{not json", "json"),
        ('["property"]', "json"),
        ('{"kind": "lawsuit"}', "kind"),
        ('{"amount": "1000"}', "kind"),
        ('{"kind": "property", "amout": "1000"}', "amout"),
        ('{"kind": "property", "amount": "-1"}', "amount"),
        ('{"kind": "property", "amount": -1}', "amount"),
        ('{"kind": "property", "amount": "12万"}', "amount"),
        ('{"kind": "property", "amount": true}', "amount"),
        ('{"kind": "property", "amount": NaN}', "json"),
        ('{"kind": "property"}', "amount"),
        ('{"kind": "property", "amount": null}', "amount"),
        ('{"kind": "property", "amount": "1", "amount": "2"}', "amount"),
        ('{"kind": "divorce", "base": "1000"}', "base"),
        ('{"kind": "property", "amount": "1", "procedure": "fast"}', "procedure"),
        ('{"kind": "property", "amount": "1", "counterclaim": 1}', "counterclaim"),
        ('{"kind": "enforcement", "closure": "mediation"}', "closure"),
        ('{"kind": "property", "amount": "1", "rounding": "jiao"}', "rounding"),
        ('{"kind": "property", "amount": "1", "province": "山东"}', "province"),
        ('{"kind": "property", "amount": "1", "date": "2026/01/01"}', "date"),
    ],
)
def test_bad_input_exits_2_naming_the_field(arg: str, field: str) -> None:
    code, out, err = run(arg)
    assert code == 2
    assert out == ""
    assert err.startswith(f"错误：{field}: ")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.split(": ", 1)[1])


def test_negative_amount_message() -> None:
    assert run('{"kind": "property", "amount": "-1"}')[2] == "错误：amount: 金额不能为负数\n"


@pytest.mark.parametrize("argv", [(), ('{"kind": "labor"}', "extra")])
def test_needs_exactly_one_argument(argv: tuple[str, ...]) -> None:
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert "JSON" in err


def test_help_explains_the_fields() -> None:
    code, out, err = run("--help")
    assert (code, err) == (0, "")
    for word in (
        "kind",
        "amount",
        "base",
        "procedure",
        "closure",
        "counterclaim",
        "subkind",
        "province",
        "rounding",
        "small_claims",
        "jurisdiction_objection",
        "payment_order",
        "bankruptcy",
    ):
        assert word in out


def test_modules_do_not_import_django() -> None:
    for path in [CASES_DIR / "fee_cli.py", *sorted((CASES_DIR / "rules").glob("*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] in {"django", "rest_framework"} for n in names), path


def test_importing_the_command_loads_no_django() -> None:
    code = "import sys, fating.cases.fee_cli; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_labour_dispute_accepts_an_amount() -> None:
    # 诉讼费用交纳办法 第13条(四): 10 per case whatever the claim; halved for simple procedure.
    code, out, err = run('{"kind": "labor", "amount": "50000"}')
    assert code == 0, err
    assert json.loads(out)["fee"] == "10.00"
    code, out, _ = run('{"kind": "labor", "amount": "50000", "procedure": "simple"}')
    assert json.loads(out)["fee"] == "5.00"
