"""The `fating` command.

Pure subcommands (`fee`, `period`, `effective`, `similar`) run without Django or a database. `demo` seeds and serves the
embedded demo. Everything else is a Django management command (`fating migrate`, `fating audit
verify`, `fating help` for the full list).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

USAGE = """\
usage: fating <command> [options]

Fating E+ (法庭E+) — a people's court linked with village and enterprise service points.

Commands:
  demo [--seed N] [--scale N] [--port P] [--no-serve]
                       seed the synthetic demo county (if empty) and serve it
  serve [--host H] [--port P]
                       serve the application (ASGI, uvicorn)
  audit verify         check the keyed audit chain and its checkpoints; non-zero exit names
                       the first bad event or checkpoint line
  audit checkpoint     append the signed chain head to FATING_AUDIT_CHECKPOINT_FILE
  audit rotate-key     record the hand-over to the key now first in FATING_AUDIT_KEYS
  fee JSON             compute a litigation fee (诉讼费用交纳办法); prints one JSON object
  period JSON          last day of a legal period (期间, CPL 第85条; 民法典 第202条), e.g.
                       '{"start": "2025-09-01", "days": 30}' (or months / working_days);
                       shipped holiday years only; prints one JSON object
  effective JSON       appeal deadlines and the day a judgment, ruling or 调解书 takes effect
                       (生效, CPL 第100、158、171条), e.g. '{"document": "judgment",
                       "served": ["2025-09-26", "2025-09-30"]}'; prints one JSON object
  calendar import FILE.json [--verified] [--user NAME] | calendar list
                       load a year's State Council holiday notice into the court calendar
  indicators --json [--court CODE] [--area CODE] [--since DATE] [--until DATE]
                       every governance indicator with its one definition, last year's
                       value and the change; prints a JSON list (bad dates exit 2)
  similar rank ...     rank similar cases: --corpus C.jsonl --queries Q.jsonl [--top K]
  network_import FILE --court CODE [--user NAME] [--dry-run]
                       import a court's network (areas, tribunals, points, organisations,
                       mediators, liaisons) from an xlsx workbook, all rows or none
  seed_demo            seed the demo county without serving
  help                 list every Django management command (migrate, createsuperuser, …)

Environment: SECRET_KEY, FATING_AUDIT_KEYS, DATABASE_URL, REDIS_URL, ALLOWED_HOSTS, DEBUG
(see docs/deploy.md).
"""


def _pure_commands() -> dict[str, Callable[[list[str]], int]]:
    def fee(argv: list[str]) -> int:
        from fating.cases.fee_cli import main

        return main(argv)

    def period(argv: list[str]) -> int:
        from fating.core.period_cli import main

        return main(argv)

    def effective(argv: list[str]) -> int:
        from fating.judgments.effect_cli import main

        return main(argv)

    def similar(argv: list[str]) -> int:
        from fating.knowledge.similar_cli import main

        return main(argv)

    return {"fee": fee, "period": period, "effective": effective, "similar": similar}


def _django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fating.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["fating", *argv])
    except ImproperlyConfigured as exc:
        print(f"fating: configuration error: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(USAGE)
        return 0
    command, rest = argv[0], argv[1:]
    pure = _pure_commands()
    if command in pure:
        return pure[command](rest)
    if command == "demo":
        os.environ["FATING_DEMO"] = "1"
        return _django(["demo", *rest])
    return _django(argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
