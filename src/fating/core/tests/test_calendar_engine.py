"""The one calendar engine (fating.core.calendar) and `fating period`: the exact probes of the
issue, the CLI's errors, and disputes' deadlines equal to the engine's on every day of 2024–2026.

Expected dates are worked out by hand from the State Council notices, not from the data files."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fating.core.calendar import (
    UNCOVERED_WARNING,
    compute_period,
    days,
    default_calendar,
    is_working_day,
    parse_period_request,
    period_end,
)
from fating.core.period_cli import main
from fating.disputes import rules as dispute_rules

D = dt.date


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def period(query: dict[str, object]) -> dict[str, Any]:
    code, out, err = run(json.dumps(query))
    assert code == 0, err
    answer: dict[str, Any] = json.loads(out)
    return answer


def test_thirty_days_from_1_september_2025_end_after_national_day() -> None:
    # 2025-09-01 + 30 = 2025-10-01 (国庆节、中秋节 10月1–8日) → Thursday 2025-10-09 (CPL 第85条).
    answer = period({"start": "2025-09-01", "days": 30})
    assert answer["last_day"] == "2025-10-09"
    assert answer["moved_from"] == "2025-10-01"
    assert answer["calendar_verified"] is True
    assert answer["legal_basis"] == ["民事诉讼法 第85条"]


def test_one_month_from_31_august_is_30_september() -> None:
    # 民法典 第202条: no 31 September, so the month's last day; a Tuesday, not moved.
    answer = period({"start": "2025-08-31", "months": 1})
    assert answer["last_day"] == "2025-09-30"
    assert answer["moved_from"] is None
    assert "民法典 第202条" in answer["legal_basis"]


def test_working_days_across_national_day_count_the_make_up_saturday() -> None:
    # 10月1–8日 off; 9 (Thu), 10 (Fri), 11 (Saturday, 调休上班) are the 1st–3rd working days.
    assert period({"start": "2025-09-30", "working_days": 3})["last_day"] == "2025-10-11"
    # 2024: 9月29日 (Sunday) is a make-up working day before 国庆 10月1–7日.
    assert period({"start": "2024-09-27", "working_days": 2})["last_day"] == "2024-09-30"


def test_2024_is_shipped_from_the_2023_notice() -> None:
    cal = default_calendar()
    assert cal.is_verified(D(2024, 6, 1))
    assert not is_working_day(D(2024, 2, 16))  # Friday inside 春节 2月10–17日
    assert is_working_day(D(2024, 2, 4))  # Sunday, 春节调休上班
    assert is_working_day(D(2024, 5, 11))  # Saturday, 劳动节调休上班
    assert not is_working_day(D(2024, 6, 10))  # 端午节 Monday
    assert period_end(D(2024, 9, 1), days(30)).end == D(2024, 10, 8)  # 10月1日 → after 国庆


def test_uncovered_year_says_so() -> None:
    answer = compute_period(parse_period_request({"start": "2027-03-01", "days": 10}))
    assert answer.calendar_verified is False
    assert answer.warning == UNCOVERED_WARNING
    years = answer.as_dict()["years"]
    assert isinstance(years, list)
    assert years[0] == {
        "year": 2027, "covered": False, "verified": False, "confidence": None, "source": None
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"start": "2025-02-30", "days": 3}', "start"),
        ('{"start": "2025/09/01", "days": 3}', "start"),
        ('{"days": 3}', "start"),
        ('{"start": "2025-09-01", "days": -1}', "days"),
        ('{"start": "2025-09-01", "days": 0}', "days"),
        ('{"start": "2025-09-01", "days": 1.5}', "days"),
        ('{"start": "2025-09-01", "days": "30"}', "days"),
        ('{"start": "2025-09-01", "days": true}', "days"),
        ('{"start": "2025-09-01", "months": 99999}', "months"),
        ('{"start": "2025-09-01", "days": 3, "months": 1}', "months"),
        ('{"start": "2025-09-01"}', "days"),
        ('{"start": "2025-09-01", "weeks": 2}', "weeks"),
        ('{"start": "2025-09-01", "days": 3, "days": 4}', "days"),
        ("[]", "json"),
        ("not json", "json"),
        ('{"start": "2025-09-01", "days": NaN}', "json"),
    ],
)
def test_bad_input_exits_non_zero_naming_the_field(text: str, field: str) -> None:
    code, out, err = run(text)
    assert code == 2
    assert out == ""
    assert err.startswith(f"错误：{field}: ")


def test_argument_count_and_stdin() -> None:
    assert run()[0] == 2
    assert run("{}", "{}")[0] == 2
    code, out, _ = run("-", stdin='{"start": "2025-09-01", "days": 30}')
    assert code == 0 and json.loads(out)["last_day"] == "2025-10-09"
    code, out, _ = run("--help")
    assert code == 0 and "working_days" in out


def test_the_installed_command_needs_neither_django_nor_a_database() -> None:
    script = (
        "import sys; from fating.cli import main; rc = main(['period', sys.argv[1]]); "
        "assert not [m for m in sys.modules if m.startswith('django')]; sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, '{"start": "2025-09-01", "days": 30}'],
        capture_output=True, text=True, env={"PYTHONPATH": sys.path[0], "PATH": ""},
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["last_day"] == "2025-10-09"


# Disputes' deadlines are the engine's, on every day of 2024–2026 -----------------------------

_days_2024_2026 = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31))


@given(_days_2024_2026)
def test_confirmation_window_is_the_engines_30_days(day: dt.date) -> None:
    assert dispute_rules.confirmation_window_ends(day) == period_end(day, days(30)).end


@given(_days_2024_2026, st.booleans())
def test_confirmation_decision_due_is_the_engines(day: dt.date, extended: bool) -> None:
    expected = period_end(day, days(25 if extended else 15)).end
    assert dispute_rules.confirmation_decision_due(day, extended=extended) == expected


def test_every_day_of_2024_to_2026_agrees_with_the_engine() -> None:
    cal = default_calendar()
    day = D(2024, 1, 1)
    while day <= D(2026, 12, 31):
        assert dispute_rules.confirmation_window_ends(day) == period_end(day, days(30)).end
        assert dispute_rules.confirmation_decision_due(day) == period_end(day, days(15)).end
        accepted = dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)
        due = dispute_rules.delegation_due(accepted, dispute_rules.DelegationKind.PRE_FILING)
        assert due.date() == period_end(day, days(30)).end
        assert cal.is_working_day(dispute_rules.acceptance_due(day))
        day += dt.timedelta(days=1)


def test_the_issue_probe_agreement_effective_on_1_september_2025() -> None:
    assert dispute_rules.confirmation_window_ends(D(2025, 9, 1)) == D(2025, 10, 9)
    # 3 working days to accept a delegation made on 30 September 2025 end on the 调休 Saturday.
    assert dispute_rules.acceptance_due(D(2025, 9, 30)) == D(2025, 10, 11)
