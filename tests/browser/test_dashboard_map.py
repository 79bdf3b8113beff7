"""The dashboard in a real browser: the ECharts map is drawn (browser screenshot test), in the
suite's one Chromium (tests/browser/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fating.analytics import rollup
from fating.demo.county import seed_county
from fating.demo.plan import DEMO_PASSWORD, build_county

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _dashboard(live_server, browser, *, width: int, height: int):
    """The demo county's dashboard as the governance officer, its map drawn."""
    seed_county(build_county())
    rollup.rebuild()
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    page.goto(f"{live_server.url}/login/?next=/analytics/")
    page.fill("#id_username", "governance")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/analytics/")
    page.wait_for_selector("#dashboard-map[data-ready=true] canvas", timeout=15000)
    return page


def test_governance_officer_sees_the_dashboard_map_drawn(
    live_server, browser, tmp_path: Path
) -> None:
    page = _dashboard(live_server, browser, width=1280, height=900)
    try:
        assert "一屏尽览" in page.locator("h1").inner_text()
        assert "万人成讼率" in page.locator("#indicators").inner_text()
        painted = page.evaluate(
            """() => {
                const c = document.querySelector('#dashboard-map canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }
                return n;
            }"""
        )
        assert painted > 1000
        page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        assert (tmp_path / "dashboard.png").stat().st_size > 10000
    finally:
        page.close()


def test_dashboard_fits_one_screen_at_1920_by_1080_with_charts_drawn(
    live_server, browser, tmp_path: Path
) -> None:
    page = _dashboard(live_server, browser, width=1920, height=1080)
    try:
        for chart in ("trend", "funnel", "causes", "points"):
            page.wait_for_selector(f"#chart-{chart}[data-ready=true] canvas", timeout=15000)
        # The charts replaced their no-JavaScript tables.
        assert page.locator(".chart-fallback:visible").count() == 0
        box = page.evaluate(
            """() => {
                const r = document.getElementById('dashboard-main').getBoundingClientRect();
                const sizes = [...document.querySelectorAll('#dashboard-main *')]
                    .filter(e => e.offsetParent !== null && e.childElementCount === 0
                                 && e.textContent.trim())
                    .map(e => parseFloat(getComputedStyle(e).fontSize));
                return {top: r.top + window.scrollY, bottom: r.bottom + window.scrollY,
                        width: document.documentElement.scrollWidth,
                        smallest: Math.min(...sizes)};
            }"""
        )
        assert box["bottom"] <= 1080 + 8, box  # the main view needs no vertical scroll
        assert box["width"] <= 1920, box  # nor a horizontal one
        assert box["smallest"] >= 14, box
        page.screenshot(path=str(tmp_path / "one-screen.png"))
    finally:
        page.close()
