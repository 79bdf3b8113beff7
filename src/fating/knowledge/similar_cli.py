"""``fating similar rank``: batch similar-case ranking over JSON Lines files.

    fating similar rank --corpus CORPUS.jsonl --queries QUERIES.jsonl [--top K]

CORPUS and QUERIES hold one JSON object per line, ``{"id": "...", "text": "..."}``. For every query,
one line is printed, best match first and at most K entries:
``{"query_id": "...", "ranked": [{"id": "...", "score": 1.23}, ...]}``. Ranking uses only the
texts given. Bad input exits with status 2 and a Chinese message on stderr; nothing is printed
on stdout in that case, so a caller never reads half a result.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from .similarity import SimilarityIndex

EXIT_OK = 0
EXIT_USAGE = 2


class InputError(Exception):
    """A problem with the user's files or options, reported in Chinese with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse's own messages are English; keep them but lead with a Chinese summary.
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"参数错误：{message}\n")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--top 须为正整数，收到：{value}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"--top 须为正整数（≥1），收到：{value}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fating similar",
        description="类案推送：按案情相似度对案例库排序。",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    rank = sub.add_parser(
        "rank",
        help="为每个查询案件在案例库中排出最相似的案例",
        description=(
            '读取案例库与查询（JSON Lines，每行 {"id": ..., "text": ...}），'
            '每个查询输出一行 JSON：{"query_id": ..., "ranked": [{"id": ..., "score": ...}]}，'
            "按相似度从高到低，至多 K 条。"
        ),
    )
    rank.add_argument("--corpus", required=True, type=Path, help="案例库文件（JSON Lines）")
    rank.add_argument("--queries", required=True, type=Path, help="查询文件（JSON Lines）")
    rank.add_argument(
        "--top",
        type=_positive_int,
        default=30,
        metavar="K",
        help="每个查询最多输出的条数（默认 30）",
    )
    return parser


def read_jsonl(path: Path, *, what: str) -> list[tuple[str, str]]:
    """(id, text) pairs from a JSON Lines file; raises InputError naming file and line."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{what}文件不存在：{path}") from None
    except IsADirectoryError:
        raise InputError(f"{what}路径是目录而不是文件：{path}") from None
    except UnicodeDecodeError:
        raise InputError(f"{what}文件不是 UTF-8 编码：{path}") from None
    except OSError as exc:
        raise InputError(f"无法读取{what}文件 {path}：{exc.strerror}") from None
    pairs: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue  # blank lines (a trailing newline, a separator) carry no record
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path} 第 {lineno} 行不是合法的 JSON：{exc.msg}") from None
        if not isinstance(obj, dict):
            raise InputError(f"{path} 第 {lineno} 行应为 JSON 对象")
        doc_id, text = obj.get("id"), obj.get("text")
        if isinstance(doc_id, int) and not isinstance(doc_id, bool):
            doc_id = str(doc_id)
        if not isinstance(doc_id, str) or not doc_id:
            raise InputError(f"{path} 第 {lineno} 行缺少 id（须为非空字符串）")
        if not isinstance(text, str):
            raise InputError(f"{path} 第 {lineno} 行缺少 text（须为字符串）")
        if doc_id in seen:
            raise InputError(f"{path} 第 {lineno} 行的 id “{doc_id}”与第 {seen[doc_id]} 行重复")
        seen[doc_id] = lineno
        pairs.append((doc_id, text))
    return pairs


def rank(corpus: list[tuple[str, str]], queries: list[tuple[str, str]], top: int) -> list[str]:
    """Output lines, one per query, in query order."""
    index = SimilarityIndex().build(corpus)
    lines = []
    for query_id, text in queries:
        hits = index.search(text, k=top) if len(index) else []
        ranked = [{"id": h.id, "score": round(h.score, 6)} for h in hits]
        lines.append(json.dumps({"query_id": query_id, "ranked": ranked}, ensure_ascii=False))
    return lines


def main(argv: list[str]) -> int:
    """Entry point for ``fating similar ...``; ``argv`` excludes the program and group names."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2)
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        corpus = read_jsonl(args.corpus, what="案例库")
        queries = read_jsonl(args.queries, what="查询")
    except InputError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    if not corpus:
        print(f"错误：案例库为空：{args.corpus}", file=sys.stderr)
        return EXIT_USAGE
    for line in rank(corpus, queries, args.top):
        print(line)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
