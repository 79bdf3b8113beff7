from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from fating.analytics.history import seed_history
from fating.demo.cases import seed_cases
from fating.demo.contact import seed_contact
from fating.demo.county import is_seeded, seed_county, seed_neighbour
from fating.demo.disputes import seed_disputes, seed_neighbour_disputes
from fating.demo.elements import seed_elements
from fating.demo.enforcement import seed_enforcement
from fating.demo.enforcement_notices import seed_enforcement_notices
from fating.demo.evaluation import seed_evaluation
from fating.demo.judgments import seed_judgment, seed_lead_judgment
from fating.demo.liaison import seed_liaison
from fating.demo.people import seed_people
from fating.demo.plan import build_county
from fating.demo.preservation import seed_preservation
from fating.demo.procedures import seed_procedures
from fating.demo.warning_story import seed_warning_story


class Command(BaseCommand):
    help = (
        "Seed the synthetic demo county and its neighbouring second court "
        "(deterministic for --seed; --scale multiplies the first county's volume)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=20261125)
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument(
            "--history", type=int, default=0,
            help="also import this many synthetic past records (disputes, filings, cases) "
            "over the last three years, for the dashboard at scale",
        )  # fmt: skip

    def handle(
        self, *args: object, seed: int, scale: int, history: int = 0, **options: object
    ) -> None:
        if is_seeded():
            self.stdout.write("Demo county already seeded; nothing to do.")
            return
        started = time.perf_counter()
        counts = seed_county(build_county(seed=seed, scale=scale))
        counts["disputes"] = seed_disputes()
        counts["warnings"] = 1 if seed_warning_story() else 0
        cases = seed_cases()
        counts["cases"] = len(cases)
        counts["element_tables"] = seed_elements(cases)
        # Issue 15: the heard case's 表格式 judgment from a one-step draft, served; the property
        # batch's lead judgment and the parallel case's draft (示范诉讼).
        seed_judgment(cases["heard"])
        counts["drafted_judgments"] = 1 + seed_lead_judgment()
        counts["preservations"] = seed_preservation(cases)
        counts["appraisals_and_evaluations"] = seed_evaluation(cases)
        counts["special_procedures"] = len(seed_procedures())
        counts["representations"] = seed_people(cases)
        counts.update(seed_contact(cases))
        counts["enforcement_cases"] = seed_enforcement()
        counts["report_flags"] = seed_enforcement_notices()
        # The second court, seeded after the first court's stories so those stay as they were.
        neighbour = seed_neighbour(seed)
        counts["second_court_users"] = neighbour["users"]
        counts["second_court_disputes"] = seed_neighbour_disputes()
        counts.update({f"liaison_{k}": v for k, v in seed_liaison().items()})
        if history > 0:
            imported = seed_history(history, seed=seed)
            counts["history"] = history
            self.stdout.write(
                f"Imported {history:,} synthetic past records: inserts {imported['raw_seconds']:.1f}s,"
                f" roll-up tables written {imported['rollup_seconds']:.1f}s ({imported['cells']:,} cells)."
            )
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{k}={v}" for k, v in counts.items())
        self.stdout.write(
            f"Seeded demo county (seed={seed}, scale={scale}) in {elapsed:.1f}s: {summary}"
        )
