"""The court calendar as data: a year loaded by a court administrator (command, page or API)
replaces the shipped one, is audited once, and moves deadlines; only court administrators (or
superusers) may load; the calculator page and API answer every signed-in user; a deadline on a
year not loaded says so on the page."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from fating.accounts.models import User
from fating.core.calendar import UNCOVERED_WARNING, days, period_end
from fating.core.court_calendar import court_calendar, import_year
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.models import AuditEvent, HolidayYear
from fating.testing import Network

D = dt.date
# A made-up arrangement for a year the code does not ship, so nothing real is invented.
YEAR_2031 = {
    "year": 2031,
    "source": "测试用文件（非真实通知）",
    "confidence": "low",
    "holidays": [{"name": "测试假日", "start": "2031-03-03", "end": "2031-03-07"}],
    "workdays": [{"name": "测试调休", "date": "2031-03-08"}],
}


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_command_imports_a_year_with_one_audit_event(db: None, tmp_path: Path) -> None:
    path = tmp_path / "holidays-2031.json"
    path.write_text(json.dumps(YEAR_2031, ensure_ascii=False), encoding="utf-8")
    before = period_end(D(2031, 2, 1), days(30), calendar=court_calendar()).end
    assert before == D(2031, 3, 3)  # a Monday when 2031 is not loaded
    call_command("calendar", "import", str(path), "--verified")
    row = HolidayYear.objects.get(year=2031)
    assert row.verified and row.source == "测试用文件（非真实通知）"
    assert AuditEvent.objects.filter(action="core.holiday_year.import").count() == 1
    # 2031-03-03 is now inside the loaded holiday; the 8th is a make-up working Saturday.
    assert period_end(D(2031, 2, 1), days(30), calendar=court_calendar()).end == D(2031, 3, 8)


def test_a_loaded_year_replaces_the_shipped_one(db: None) -> None:
    doc = {"year": 2025, "source": "更正测试", "holidays": [{"start": "2025-03-03"}]}
    import_year(actor=None, document=doc)
    cal = court_calendar()
    assert cal.is_working_day(D(2025, 10, 1))  # the shipped 国庆 span is gone with the old 2025
    assert not cal.is_working_day(D(2025, 3, 3))


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({**YEAR_2031, "source": ""}, "source"),
        ({**YEAR_2031, "year": "twenty"}, "year"),
        ({**YEAR_2031, "workdays": [{"date": "2030-12-31"}]}, "year"),
        ({**YEAR_2031, "workdays": [{"date": "2031-03-04"}]}, "workdays"),
        ({**YEAR_2031, "confidence": "certain"}, "confidence"),
        ({**YEAR_2031, "extra": 1}, "extra"),
    ],
)
def test_import_refuses_bad_documents(db: None, document: dict[str, object], field: str) -> None:
    with pytest.raises(FieldError) as info:
        import_year(actor=None, document=document)
    assert field in info.value.fields
    assert not HolidayYear.objects.exists()


def test_command_reports_errors(db: None, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(CommandError, match="document"):
        call_command("calendar", "import", str(path))


def test_only_court_administrators_load_years(network: Network) -> None:
    for name in ("judge", "clerk", "party", "agent"):
        with pytest.raises(NotPermitted):
            import_year(actor=network.users[name], document=YEAR_2031)
        page = client_for(network.users[name]).get(reverse("core:holiday-years"))
        assert page.status_code == 403
        api = client_for(network.users[name]).post(
            "/api/v1/calendar/holiday-years/", YEAR_2031, content_type="application/json"
        )
        assert api.status_code == 403
    admin = client_for(network.users["court_admin"])
    response = admin.post(
        reverse("core:holiday-years"),
        {"document": json.dumps(YEAR_2031, ensure_ascii=False), "verified": "on"},
    )
    assert response.status_code == 302
    row = HolidayYear.objects.get(year=2031)
    assert row.loaded_by == network.users["court_admin"] and row.verified
    listing = admin.get(reverse("core:holiday-years"))
    assert "测试用文件" in listing.content.decode() and "国办发明电〔2023〕7号" in (
        listing.content.decode()
    )


def test_admin_page_shows_errors(network: Network) -> None:
    admin = client_for(network.users["court_admin"])
    response = admin.post(reverse("core:holiday-years"), {"document": "{not json"})
    assert response.status_code == 400
    assert "JSON" in response.content.decode()


def test_calculator_page_and_api_for_any_signed_in_user(network: Network) -> None:
    for name in ("clerk", "agent", "party"):
        client = client_for(network.users[name])
        page = client.get(
            reverse("core:period-calculator"),
            {"start": "2025-09-01", "count": "30", "unit": "days"},
        )
        assert page.status_code == 200 and "2025-10-09" in page.content.decode()
        api = client.post(
            "/api/v1/calendar/period/", {"start": "2025-09-01", "days": 30},
            content_type="application/json",
        )  # fmt: skip
        assert api.status_code == 200 and api.json()["last_day"] == "2025-10-09"
    anonymous = Client().post(
        "/api/v1/calendar/period/", {"start": "2025-09-01", "days": 30},
        content_type="application/json",
    )  # fmt: skip
    assert anonymous.status_code in (401, 403)


def test_calculator_errors_and_unverified_flag(network: Network) -> None:
    client = client_for(network.users["clerk"])
    bad = client.post(
        "/api/v1/calendar/period/", {"start": "2025-09-01", "days": 3, "months": 1},
        content_type="application/json",
    )  # fmt: skip
    assert bad.status_code == 400 and "months" in json.dumps(bad.json(), ensure_ascii=False)
    assert client.get("/api/v1/calendar/period/?start=2025-13-01&days=3").status_code == 400
    page = client.get(
        reverse("core:period-calculator"), {"start": "2031-01-10", "count": "10", "unit": "days"}
    )
    assert UNCOVERED_WARNING in page.content.decode()


def test_home_pages_link_the_calculator(network: Network) -> None:
    for name in ("clerk", "judge", "agent", "court_admin"):
        home = client_for(network.users[name]).get(reverse("accounts:home"))
        assert reverse("core:period-calculator") in home.content.decode()


def test_page_tags_flag_uncovered_years_and_compute_the_confirmation_window(db: None) -> None:
    from django.template import Context, Template

    template = Template(
        "{% load court_calendar %}{% period_last_day start 30 as last %}"
        "{{ last|date:'Y-m-d' }}{% calendar_flag last %}"
    )
    assert template.render(Context({"start": D(2025, 9, 1)})) == "2025-10-09"
    shown = template.render(Context({"start": D(2031, 1, 1)}))
    assert shown.startswith("2031-01-31") and UNCOVERED_WARNING in shown
