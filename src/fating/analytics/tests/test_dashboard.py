"""Indicators from the roll-up, their definitions, drill-down, last year, suppression, exports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fating.analytics import rollup
from fating.disputes.models import Dispute
from fating.testing import client_for
from fating.warnings.tests.factories import dispute, places

DAY = date(2026, 3, 10)
URL = "/api/v1/analytics/dashboard/?since=2026-01-01&until=2026-06-30"


def test_indicators_with_definitions(network, county) -> None:
    data = client_for(network.users["judge"]).get(URL).json()
    ind = data["indicators"]
    # The referred and the merely reported dispute never entered a tier: not 诉前调解.
    assert (ind["reported"], ind["mediated"], ind["first_instance"]) == (7, 4, 3)
    assert ind["success_rate"] == 1.0  # 3 agreed ÷ (3 + 0 referred after a tier)
    assert ind["mediation_share"] == round(4 / 3, 4)
    assert ind["closure_rate"] == round(2 / 3, 4) and ind["average_days"] == 25.0
    assert ind["mediation_withdrawal_rate"] == 0.5 and ind["in_time_rate"] == 0.5
    assert ind["by_tier"]["村居先调"] == {"count": 3, "share": 1.0}
    assert "万人成讼率" in data["definitions"]["litigation_rate"]


def test_same_period_last_year(network, county) -> None:
    data = client_for(network.users["judge"]).get(URL).json()
    assert data["last_year"]["reported"] == 1 and data["last_year"]["since"] == "2025-01-01"


def test_litigation_rate_per_township_uses_its_population(network, county) -> None:
    data = client_for(network.users["judge"]).get(URL).json()
    row = next(b for b in data["breakdown"] if b["name"] == "甲镇")
    assert row["population"] == 42000 and row["population_year"] == 2025
    assert row["litigation_rate"] == round(3 / 42000 * 10000, 2)


def test_drill_down_to_villages_and_points(network, county) -> None:
    client = client_for(network.users["judge"])
    township = client.get(URL + f"&area={county.township.pk}").json()
    assert township["breakdown_level"] == "village" and township["indicators"]["reported"] == 6
    village = client.get(URL + f"&area={county.village.pk}").json()
    assert village["breakdown"][0]["name"] == network.point.name
    point = client.get(URL + f"&point={network.point.pk}").json()
    assert point["indicators"]["reported"] == 7 and point["breakdown"] == []


def test_governance_sees_small_cells_suppressed(network, county) -> None:
    data = client_for(network.users["governance"]).get(URL).json()
    other = next(b for b in data["breakdown"] if b["name"] == "丙镇")
    assert other["reported"] == "<5" and other["success_rate"] is None
    assert data["indicators"]["reported"] == 7 and data["suppressed"] is True


def test_court_staff_see_small_cells(network, county) -> None:
    data = client_for(network.users["judge"]).get(URL).json()
    assert next(b for b in data["breakdown"] if b["name"] == "丙镇")["reported"] == 1


def test_area_of_another_county_is_404(network, county) -> None:
    other_area = network.other_court.area_id
    response = client_for(network.users["judge"]).get(URL + f"&area={other_area}")
    assert response.status_code == 404 and response.json()["error"]["message"] == "区域不存在。"


def test_bad_date_is_400_with_field(network, county) -> None:
    response = client_for(network.users["judge"]).get(
        "/api/v1/analytics/dashboard/?since=2026-13-01"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"since": ["日期格式应为 YYYY-MM-DD。"]}


def test_dashboard_page_draws_map_data_and_definitions(network, county) -> None:
    response = client_for(network.users["court_admin"]).get(
        "/analytics/?since=2026-01-01&until=2026-06-30"
    )
    text = response.content.decode()
    assert response.status_code == 200 and 'id="dashboard-map-data"' in text and "调撤率" in text


def test_excel_export(network, county) -> None:
    import io

    from openpyxl import load_workbook

    response = client_for(network.users["judge"]).get(
        "/analytics/export.xlsx?since=2026-01-01&until=2026-06-30"
    )
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["指标", "下级区域", "服务点活跃度"]
    assert wb["指标"]["A3"].value == "纠纷上报数" and wb["指标"]["B3"].value == 7


def test_monthly_pdf_report(network, county, django_capture_on_commit_callbacks) -> None:
    import io

    from pypdf import PdfReader

    client = client_for(network.users["judge"])
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post("/analytics/reports/", {"month": "2026-03"})
    assert queued.status_code == 303
    status = client.get(queued["Location"])
    assert status.status_code == 200 and "/download/" in status.content.decode()
    response = client.get(queued["Location"] + "download/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert "治理分析月报" in text and "万人成讼率" in text


def test_dashboard_query_count_does_not_grow_with_records(
    network, county, django_assert_max_num_queries
) -> None:
    client = client_for(network.users["judge"])
    client.get(URL)
    for i in range(20):
        d = dispute(network, area=county.village, day=DAY + timedelta(days=i))
        rollup.sync("dispute", d.pk)
    with django_assert_max_num_queries(20):
        client.get(URL)
    assert Dispute.objects.count() == 28


@pytest.mark.parametrize(
    ("since", "until", "days", "months"),
    [
        (date(2026, 1, 1), date(2026, 6, 30), [], (date(2026, 1, 1), date(2026, 6, 1))),
        (date(2026, 1, 15), date(2026, 3, 10), [(date(2026, 1, 15), date(2026, 1, 31)),
                                                (date(2026, 3, 1), date(2026, 3, 10))],
         (date(2026, 2, 1), date(2026, 2, 1))),
        (date(2026, 3, 5), date(2026, 3, 9), [(date(2026, 3, 5), date(2026, 3, 9))], None),
        (date(2026, 2, 1), date(2026, 2, 28), [], (date(2026, 2, 1), date(2026, 2, 1))),
        (date(2026, 2, 2), date(2026, 3, 31), [(date(2026, 2, 2), date(2026, 2, 28))],
         (date(2026, 3, 1), date(2026, 3, 1))),
        (date(2025, 12, 31), date(2026, 1, 1), [(date(2025, 12, 31), date(2026, 1, 1))], None),
    ],
)  # fmt: skip
def test_period_is_cut_into_whole_months_and_edge_days(since, until, days, months) -> None:
    from fating.analytics.indicators import split_period

    assert split_period(since, until) == (days, months)


def test_edges_and_whole_months_count_every_day_once(network) -> None:
    """Every window over a month boundary counts exactly the disputes reported inside it."""
    from fating.analytics import indicators
    from fating.analytics.selectors import viewpoint_for

    where = places(network)
    start = date(2026, 1, 25)
    for i in range(70):  # one dispute a day, 25 January to 4 April
        dispute(network, area=where.village, day=start + timedelta(days=i), people=1)
    rollup.rebuild()
    vp = viewpoint_for(network.users["judge"])
    for since, until in [
        (date(2026, 1, 25), date(2026, 4, 4)),
        (date(2026, 2, 1), date(2026, 3, 31)),
        (date(2026, 1, 31), date(2026, 3, 1)),
        (date(2026, 2, 10), date(2026, 2, 11)),
    ]:
        rows = indicators.period_rows(vp, since, until)
        counted = sum(r["n"] for r in rows if r["measure"] == "dispute")
        assert counted == (until - since).days + 1, (since, until)


def test_every_grain_gives_the_same_county_figures(network, county) -> None:
    """The county view reads the township grain; the place grain must agree with it."""
    from fating.analytics import indicators
    from fating.analytics.selectors import viewpoint_for

    vp = viewpoint_for(network.users["judge"])
    since, until = date(2026, 1, 1), date(2026, 6, 30)
    fine = indicators.figures(
        indicators.Cells(indicators.period_rows(vp, since, until, "place")),
        suppress=False, population=1000,
    )  # fmt: skip
    coarse = indicators.figures(
        indicators.Cells(indicators.period_rows(vp, since, until)), suppress=False, population=1000
    )
    assert fine == coarse and coarse["reported"] == 7
    points = indicators.point_usage(vp, since, until)
    assert sum(p["reports"] for p in points) == sum(
        r["n"] for r in indicators.period_rows(vp, since, until, "place")
        if r["measure"] == "dispute" and r["service_point_id"]
    )  # fmt: skip
