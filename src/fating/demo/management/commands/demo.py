from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from fating.accounts.models import Role
from fating.demo.plan import (
    CROSS_LOGIN,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    NEIGHBOUR_COURT_NAME,
    NEIGHBOUR_LOGINS,
)

ROLE_OF_LOGIN = {
    "admin": Role.COURT_ADMIN,
    "judge": Role.JUDGE,
    "clerk": Role.CLERK,
    "liaison": Role.LIAISON,
    "mediator": Role.MEDIATOR,
    "party": Role.PARTY,
    "party2": Role.PARTY,
    "agent": Role.AGENT,
    "governance": Role.GOVERNANCE,
    "ejudge": Role.ENFORCEMENT_JUDGE,
    "executor": Role.EXECUTOR,
    "police": Role.DEPARTMENT_OFFICER,
    "sfs": Role.DEPARTMENT_OFFICER,
    "lc_admin": Role.COURT_ADMIN,
    "lc_judge": Role.JUDGE,
    "lc_clerk": Role.CLERK,
    "lc_liaison": Role.LIAISON,
    "lc_mediator": Role.MEDIATOR,
}
# Logins with grants in both courts, described in full.
CROSS_NOTE = {
    CROSS_LOGIN: "柳川县人民法院河湾人民法庭书记员 + 青禾县服务点联络员（两院身份，各在其位）",
}


class Command(BaseCommand):
    help = "Migrate, seed the demo county if empty, print the demo logins and serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=20261125)
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument(
            "--history", type=int, default=0,
            help="synthetic past records to import for the dashboard at scale (e.g. 10000000)",
        )  # fmt: skip
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="seed and exit")

    def handle(self, *args: object, **opts: object) -> None:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_causes", verbosity=0)
        call_command(
            "seed_demo", seed=opts["seed"], scale=opts["scale"], history=opts["history"],
            stdout=self.stdout,
        )  # fmt: skip
        from fating.knowledge.services.library import default_laws_dir

        laws = default_laws_dir()
        if laws is not None:
            call_command("kb", "import", path=laws, verbosity=0, stdout=self.stdout)
        else:
            self.stdout.write("Legal library: no laws folder found (set FATING_LAWS_DIR); skipped.")
        url = f"http://{opts['host']}:{opts['port']}/"
        lines = [
            "",
            f"法庭E+ demo — 青禾县人民法院 (synthetic county) and its neighbour {NEIGHBOUR_COURT_NAME}",
            f"  URL:      {url}",
            f"  Password: {DEMO_PASSWORD}  (the same for every demo login)",
            "  Logins:",
        ]
        for login in [*DEMO_LOGINS, *NEIGHBOUR_LOGINS]:
            if login in CROSS_NOTE:
                lines.append(f"    {login:<11} {CROSS_NOTE[login]}")
                continue
            note = {"party2": "（对方当事人）", "police": "（派出所）", "sfs": "（司法所）"}.get(
                login, ""
            )
            if login.startswith("lc_"):
                note = f"（{NEIGHBOUR_COURT_NAME}）"
            lines.append(f"    {login:<11} {ROLE_OF_LOGIN[login].label}{note}")
        lines.append(f"  API docs: {url}api/docs/")
        from fating.trials.models import TrialRoom
        from fating.trials.rules import KIND_HEARING, KIND_PRETRIAL

        for kind, label in ((KIND_HEARING, "在线庭审"), (KIND_PRETRIAL, "庭前会议")):
            room = TrialRoom.objects.filter(status=TrialRoom.Status.OPEN, kind=kind).first()
            if room is not None:
                lines.append(f"{label}: {url}trials/rooms/{room.pk}/")
        if TrialRoom.objects.filter(broadcast=True).exists():
            lines.append(f"庭审直播: {url}trials/broadcasts/  (no login; a past hearing to watch)")
        self.stdout.write("\n".join(lines) + "\n")
        if not opts["no_serve"]:
            call_command("serve", host=opts["host"], port=opts["port"])
