"""The shape shared by the pure JSON commands (`fating fee`, `fating period`): one JSON argument
(or `-` for standard input), one JSON object out, and on bad input exit 2 with
"错误：field: reason" on stderr. Pure: no Django, no database."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Protocol, TextIO

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class InputError(Protocol):
    field: str
    reason: str


def run(
    argv: list[str],
    *,
    name: str,
    help_text: str,
    load: Callable[[str], object],
    compute: Callable[[object], dict[str, object]],
    errors: tuple[type[Exception], ...],
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run `fating <name>` on `argv` (the arguments after the name)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if any(arg in ("-h", "--help") for arg in argv):
        stdout.write(help_text)
        return EXIT_OK
    if len(argv) != 1:
        stderr.write(
            "错误：需要且只需要一个 JSON 参数（用 - 表示从标准输入读取）。"
            f"详见 fating {name} --help\n"
        )
        return EXIT_BAD_INPUT
    text = stdin.read() if argv[0] == "-" else argv[0]
    try:
        output = compute(load(text))
    except errors as exc:
        stderr.write(f"错误：{exc.field}: {exc.reason}\n")  # type: ignore[attr-defined]
        return EXIT_BAD_INPUT
    stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    return EXIT_OK
