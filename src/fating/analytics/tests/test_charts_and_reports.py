"""The one-screen dashboard per role, its charts API against the roll-up tables, one definition
per indicator, and the monthly PDF generated in the background."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db.models import Sum
from django.utils.html import escape

from fating.analytics import exports, indicators
from fating.analytics.models import DailyCell, MonthlyReport, MonthTotal
from fating.analytics.selectors import viewpoint_for
from fating.testing import client_for

CHARTS = "/api/v1/analytics/charts/?since=2026-01-01&until=2026-06-30"
PAGE = "/analytics/?since=2026-01-01&until=2026-06-30"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# -- the page, per role -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["governance", "court_admin", "judge"])
def test_dashboard_page_for_readers(network, county, persona) -> None:
    response = client_for(network.users[persona]).get(PAGE)
    text = response.content.decode()
    assert response.status_code == 200
    for chart in ("trend", "funnel", "causes", "points"):
        assert f'id="chart-{chart}"' in text
    assert 'data-charts-url="/api/v1/analytics/charts/?' in text
    assert "<script>" not in text  # chart code lives in static files (CSP)
    assert 'id="kpis"' in text and 'id="indicators"' in text


def test_governance_page_tables_hide_small_cells(network, county) -> None:
    text = client_for(network.users["governance"]).get(PAGE).content.decode()
    assert "综治干部查看时" in text


@pytest.mark.parametrize("persona", ["outsider", "liaison", "party"])
def test_dashboard_refuses_non_readers(network, county, persona) -> None:
    assert client_for(network.users[persona]).get(PAGE).status_code == 403
    response = client_for(network.users[persona]).get(CHARTS)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "治理分析仅向法院干警和综治干部开放。"


def test_other_courts_area_is_not_found_on_the_charts_api(network, county) -> None:
    other_area = network.other_court.area_id
    response = client_for(network.users["judge"]).get(CHARTS + f"&area={other_area}")
    assert response.status_code == 404


# -- one definition per indicator ---------------------------------------------------------------


def test_every_indicator_shown_has_its_own_definition(network, county) -> None:
    text = client_for(network.users["judge"]).get(PAGE).content.decode()
    shown = re.findall(r'<tr id="def-([\w.]+)" data-indicator="\1"><td>.*?</td>.*?'
                       r'<td class="muted">(.*?)</td></tr>', text, flags=re.S)  # fmt: skip
    keys = [k for k, _ in shown]
    tiles = re.findall(r'<li class="kpi"><a href="#def-([\w.]+)"', text)
    assert tiles and set(tiles) <= set(keys)
    assert "cases" in keys and "confirmed" in keys
    for key, definition in shown:
        assert definition.strip() == escape(indicators.definitions()[key]), key
    texts = [d.strip() for _, d in shown]
    assert all(texts) and len(set(texts)) == len(texts), "two indicators share a definition"


def test_cases_row_reads_its_own_definition_not_the_litigation_rate() -> None:
    data = {"indicators": {k: 0 for k in exports.LABELS}, "last_year": {k: 0 for k in exports.LABELS},
            "definitions": indicators.definitions()}  # fmt: skip
    data["indicators"]["by_tier"] = data["last_year"]["by_tier"] = {}
    rows = {r.key: r for r in exports.rows(data)}
    assert rows["cases"].definition.startswith("立案数")
    assert rows["confirmed"].definition.startswith("确认有效数")
    texts = [r.definition for r in rows.values()]
    assert len(set(texts)) == len(texts)
    assert set(rows) <= set(indicators.DEFINITIONS)


def test_definitions_are_all_distinct() -> None:
    texts = list(indicators.definitions().values())
    assert len(set(texts)) == len(texts)


# -- the charts API equals the roll-up tables ---------------------------------------------------


def test_trend_equals_month_totals(network, county) -> None:
    data = client_for(network.users["judge"]).get(CHARTS).json()
    trend = data["trend"]
    assert trend["months"][0] == "2025-07" and trend["months"][-1] == "2026-06"
    march = trend["months"].index("2026-03")
    totals = MonthTotal.objects.filter(court_id=network.court.pk, grain="township",
                                       month=date(2026, 3, 1))  # fmt: skip
    assert (
        trend["reported"][march]
        == totals.filter(measure="dispute").aggregate(n=Sum("count"))["n"]
        == 7
    )
    resolved = totals.filter(measure="dispute", state__in=("agreed", "resolved"))
    assert trend["resolved"][march] == resolved.aggregate(n=Sum("count"))["n"] == 3
    assert (
        trend["filed"][march] == totals.filter(measure="case").aggregate(n=Sum("count"))["n"] == 3
    )
    assert sum(trend["reported"]) == 7  # last year's dispute is outside the 12 months


def test_funnel_counts_each_tier_from_the_rollup(network, county) -> None:
    funnel = {
        s["key"]: s["value"]
        for s in client_for(network.users["judge"]).get(CHARTS).json()["funnel"]
    }
    # 7 reported; village: 1 mediating there + 3 agreed there; 1 referred; no confirmations.
    assert funnel == {"reported": 7, "village": 4, "joint": 0, "delegated": 0,
                      "confirmations": 0, "referred": 1}  # fmt: skip


def test_causes_equal_daily_cells(network, county) -> None:
    causes = client_for(network.users["judge"]).get(CHARTS).json()["causes"]
    cells = (
        DailyCell.objects.filter(court_id=network.court.pk, measure="dispute",
                                 day__gte=date(2026, 1, 1), day__lte=date(2026, 6, 30))
        .values("category").annotate(n=Sum("count")).order_by("-n")
    )  # fmt: skip
    assert causes == [{"name": c["category"], "value": c["n"]} for c in cells]
    assert causes == [{"name": "物业服务合同纠纷", "value": 7}]


def test_points_equal_point_usage(network, county) -> None:
    points = client_for(network.users["judge"]).get(CHARTS).json()["points"]
    vp = viewpoint_for(network.users["judge"])
    usage = indicators.point_usage(vp, date(2026, 1, 1), date(2026, 6, 30))
    top = next(p for p in usage if p["id"] == network.point.pk)
    assert points[0]["id"] == network.point.pk and points[0]["reports"] == top["reports"] == 7


def test_governance_charts_hide_small_cells(network, county) -> None:
    data = client_for(network.users["governance"]).get(CHARTS).json()
    funnel = {s["key"]: s["value"] for s in data["funnel"]}
    # The one referred dispute involves 3 people: under 5, so not shown.
    assert data["suppressed"] is True and funnel["referred"] is None and funnel["reported"] == 7


def test_charts_api_query_count_is_bounded(network, county, django_assert_max_num_queries) -> None:
    client = client_for(network.users["judge"])
    client.get(CHARTS)
    with django_assert_max_num_queries(16):
        client.get(CHARTS)


# -- the monthly report: queued, polled, downloaded, reused, guarded ----------------------------


def _queue(client, **extra):
    return client.post("/analytics/reports/", {"month": "2026-03", **extra}, HTTP_HX_REQUEST="true")


def test_report_is_queued_then_polled_until_ready(
    network, county, django_capture_on_commit_callbacks
) -> None:
    client = client_for(network.users["judge"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queued = _queue(client)
    report = MonthlyReport.objects.get()
    text = queued.content.decode()
    assert queued.status_code == 200 and "正在生成…" in text and 'hx-trigger="every 2s"' in text
    assert report.status == "pending" and len(callbacks) == 1
    polled = client.get(f"/analytics/reports/{report.pk}/", HTTP_HX_REQUEST="true")
    assert "正在生成…" in polled.content.decode()
    callbacks[0]()  # the worker runs the task
    report.refresh_from_db()
    assert report.status == "ready" and report.render_seconds is not None
    polled = client.get(f"/analytics/reports/{report.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "正在生成" not in polled and f"/analytics/reports/{report.pk}/download/" in polled
    assert "every 2s" not in polled
    download = client.get(f"/analytics/reports/{report.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_repeated_requests_reuse_one_job(
    network, county, django_capture_on_commit_callbacks
) -> None:
    client = client_for(network.users["judge"])
    with django_capture_on_commit_callbacks(execute=False) as first:
        _queue(client)
    with django_capture_on_commit_callbacks(execute=False) as second:
        _queue(client)
        _queue(client_for(network.users["court_admin"]))  # same court, same unsuppressed figures
    assert MonthlyReport.objects.count() == 1 and len(first) == 1 and second == []
    with django_capture_on_commit_callbacks(execute=False) as third:
        _queue(client, area=county.township.pk)  # another scope is another job
    assert MonthlyReport.objects.count() == 2 and len(third) == 1


def test_report_rendered_before_the_month_ended_is_rendered_again(
    network, county, django_capture_on_commit_callbacks
) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    client = client_for(network.users["judge"])
    month = {"month": f"{today:%Y-%m}"}
    with django_capture_on_commit_callbacks(execute=True):
        _queue(client, **month)
    report = MonthlyReport.objects.get()
    assert report.status == "ready"
    with django_capture_on_commit_callbacks(execute=False) as again:
        _queue(client, **month)
    report.refresh_from_db()
    assert report.status == "pending" and len(again) == 1 and MonthlyReport.objects.count() == 1


def test_task_is_sent_by_name_to_a_worker(monkeypatch) -> None:
    from types import SimpleNamespace

    from fating.analytics import services, tasks

    sent = []
    worker = SimpleNamespace(conf=SimpleNamespace(task_always_eager=False),
                             send_task=lambda name, args: sent.append((name, args)))  # fmt: skip
    monkeypatch.setattr(services, "current_app", worker)
    services._schedule(41)
    assert sent == [("fating.analytics.tasks.render_monthly_report", (41,))]
    assert tasks.render_monthly_report.name == services.RENDER_TASK


def test_rendering_twice_keeps_the_ready_file(
    network, county, django_capture_on_commit_callbacks
) -> None:
    from fating.analytics import services

    with django_capture_on_commit_callbacks(execute=True):
        _queue(client_for(network.users["judge"]))
    report = MonthlyReport.objects.get()
    name = report.file.name
    services.render_monthly_report(report_id=report.pk)
    report.refresh_from_db()
    assert report.file.name == name and report.status == "ready"


@pytest.mark.parametrize(("persona", "status"), [
    ("judge", 200), ("clerk", 200), ("governance", 404), ("other_admin", 404),
    ("outsider", 404), ("liaison", 404),
])  # fmt: skip
def test_only_readers_whose_scope_covers_the_report_download_it(
    network, county, django_capture_on_commit_callbacks, persona, status
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _queue(client_for(network.users["judge"]))
    report = MonthlyReport.objects.get()
    assert report.suppressed is False and report.status == "ready", report.error
    response = client_for(network.users[persona]).get(f"/analytics/reports/{report.pk}/download/")
    assert response.status_code == status


def test_governance_gets_its_own_suppressed_report(
    network, county, django_capture_on_commit_callbacks
) -> None:
    gov = client_for(network.users["governance"])
    with django_capture_on_commit_callbacks(execute=True):
        _queue(client_for(network.users["judge"]))
        _queue(gov)
    own = MonthlyReport.objects.get(suppressed=True)
    assert MonthlyReport.objects.count() == 2
    assert gov.get(f"/analytics/reports/{own.pk}/download/").status_code == 200


def test_non_readers_cannot_queue_a_report(network, county) -> None:
    assert _queue(client_for(network.users["outsider"])).status_code == 403
    assert MonthlyReport.objects.count() == 0


def test_bad_month_is_refused(network, county) -> None:
    response = client_for(network.users["judge"]).post("/analytics/reports/", {"month": "2026-13"})
    assert response.status_code == 400 and MonthlyReport.objects.count() == 0
    assert "月份：月份格式应为 YYYY-MM。" in response.content.decode()
