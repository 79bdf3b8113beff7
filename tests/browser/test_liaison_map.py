"""A liaison signs in on a phone-sized screen and sees the network map."""

from __future__ import annotations

import pytest

from fating.demo.county import seed_county
from fating.demo.plan import DEMO_PASSWORD, build_county

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_liaison_logs_in_and_sees_the_map(live_server, browser) -> None:
    seed_county(build_county())
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")  # a phone
    try:
        page.goto(f"{live_server.url}/network/map/")
        assert "/login/" in page.url
        page.fill("#id_username", "liaison")
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/network/map/")
        page.wait_for_selector("#network-map[data-ready=true] canvas", timeout=15000)
        assert page.locator("h1").inner_text() == "法庭网络地图"
        assert "个运行中的服务点" in page.content()
        # ECharts drew the county: the canvas has non-blank pixels.
        painted = page.evaluate(
            """() => {
                const c = document.querySelector('#network-map canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }
                return n;
            }"""
        )
        assert painted > 1000
    finally:
        page.close()


def test_wrong_password_shows_chinese_error(live_server, browser) -> None:
    seed_county(build_county())
    page = browser.new_page(locale="zh-CN")
    try:
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", "liaison")
        page.fill("#id_password", "not-the-password")
        page.click("button[type=submit]")
        assert (
            page.locator("[role=alert]").inner_text().strip()
            == "用户名（或手机号码）或密码不正确。"
        )
    finally:
        page.close()
