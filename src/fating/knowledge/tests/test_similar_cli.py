"""The contract of ``fating similar rank``: output format, ordering, --top and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fating.knowledge.similar_cli import main

CORPUS = [
    {
        "id": "借贷-担保",
        "text": "被告向原告借款5万元，出具借条，担保人承担连带保证责任，现金交付，至今未还。",
    },
    {
        "id": "借贷-抵押",
        "text": "被告以房屋抵押向原告借款100万元，签订借款合同，银行转账交付，支付利息后停止还款。",
    },
    {
        "id": "交通",
        "text": "被告驾驶轿车撞伤原告，交警认定被告负全部责任，原告构成十级伤残，请求赔偿医疗费。",
    },
    {"id": "劳动", "text": "原告在被告公司工作，被告拖欠工资和加班费，未签订书面劳动合同。"},
]
QUERIES = [
    {
        "id": "q1",
        "text": "某甲向某乙借款3万元写了借条，由某丙担保承担连带责任，现金给付，一直没还。",
    },
    {"id": "q2", "text": "货车撞伤行人，构成九级伤残，要求赔偿医疗费和误工费。"},
]


def write_jsonl(path: Path, rows: list[dict[str, object]] | list[str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write_jsonl(tmp_path / "corpus.jsonl", CORPUS), write_jsonl(
        tmp_path / "queries.jsonl", QUERIES
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_one_json_line_per_query_best_first(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, queries = files
    code, out, err = run(capsys, "rank", "--corpus", str(corpus), "--queries", str(queries))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    results = [json.loads(line) for line in lines]
    assert [r["query_id"] for r in results] == ["q1", "q2"]
    for r in results:
        assert set(r) == {"query_id", "ranked"}
        assert len(r["ranked"]) == len(CORPUS)  # default K=30 exceeds the corpus
        scores = [item["score"] for item in r["ranked"]]
        assert scores == sorted(scores, reverse=True)
        assert all(set(item) == {"id", "score"} for item in r["ranked"])
    assert results[0]["ranked"][0]["id"] == "借贷-担保"
    assert results[1]["ranked"][0]["id"] == "交通"
    assert "借贷-担保" in lines[0]  # ensure_ascii=False: Chinese ids stay readable
    assert err == ""


def test_top_limits_results(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    corpus, queries = files
    code, out, _ = run(
        capsys, "rank", "--corpus", str(corpus), "--queries", str(queries), "--top", "2"
    )
    assert code == 0
    assert all(len(json.loads(line)["ranked"]) == 2 for line in out.splitlines())


@pytest.mark.parametrize("top", ["0", "-3", "abc"])
def test_top_must_be_positive(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], top: str
) -> None:
    corpus, queries = files
    code, out, err = run(
        capsys, "rank", "--corpus", str(corpus), "--queries", str(queries), "--top", top
    )
    assert code == 2
    assert out == ""
    assert "--top 须为正整数" in err


def test_missing_file(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, queries = files
    missing = tmp_path / "nope.jsonl"
    code, out, err = run(capsys, "rank", "--corpus", str(missing), "--queries", str(queries))
    assert code == 2
    assert out == ""
    assert f"案例库文件不存在：{missing}" in err


def test_invalid_json_names_file_and_line(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, _ = files
    bad = write_jsonl(tmp_path / "bad.jsonl", [json.dumps(QUERIES[0], ensure_ascii=False), "{oops"])
    code, out, err = run(capsys, "rank", "--corpus", str(corpus), "--queries", str(bad))
    assert code == 2
    assert out == ""
    assert f"{bad} 第 2 行不是合法的 JSON" in err


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"text": "借款"}, "第 1 行缺少 id"),
        ({"id": "", "text": "借款"}, "第 1 行缺少 id"),
        ({"id": "x"}, "第 1 行缺少 text"),
        ({"id": "x", "text": 5}, "第 1 行缺少 text"),
        (["x", "借款"], "第 1 行应为 JSON 对象"),
    ],
)
def test_missing_fields(
    files: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    row: object,
    message: str,
) -> None:
    _, queries = files
    bad = tmp_path / "corpus.jsonl"
    bad.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "rank", "--corpus", str(bad), "--queries", str(queries))
    assert code == 2
    assert out == ""
    assert message in err


def test_duplicate_ids(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, queries = files
    dup = write_jsonl(tmp_path / "dup.jsonl", [CORPUS[0], CORPUS[1], CORPUS[0]])
    code, out, err = run(capsys, "rank", "--corpus", str(dup), "--queries", str(queries))
    assert code == 2
    assert out == ""
    assert "第 3 行的 id “借贷-担保”与第 1 行重复" in err


def test_blank_lines_are_skipped_and_empty_corpus_rejected(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, queries = files
    spaced = tmp_path / "spaced.jsonl"
    spaced.write_text("\n" + json.dumps(CORPUS[0], ensure_ascii=False) + "\n\n", encoding="utf-8")
    code, out, _ = run(capsys, "rank", "--corpus", str(spaced), "--queries", str(queries))
    assert code == 0 and len(out.splitlines()) == 2
    empty = write_jsonl(tmp_path / "empty.jsonl", [""])
    code, out, err = run(capsys, "rank", "--corpus", str(empty), "--queries", str(queries))
    assert code == 2 and out == "" and "案例库为空" in err


def test_help_and_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rank", "--help")
    assert code == 0
    assert "--corpus" in out and "--top" in out
    code, _, err = run(capsys)
    assert code == 2
    assert "参数错误" in err
    code, _, err = run(capsys, "rank", "--corpus", "x.jsonl")
    assert code == 2
    assert "--queries" in err
