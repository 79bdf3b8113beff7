"""A liaison reports a dispute from a phone: cause suggested while typing, errors in Chinese."""

from __future__ import annotations

import pytest

from fating.demo.county import seed_county
from fating.demo.plan import DEMO_PASSWORD, build_county
from fating.disputes.models import Dispute

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base: str) -> None:
    page.goto(f"{base}/login/?next=/disputes/report/")
    page.fill("#id_username", "liaison")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/disputes/report/")


def test_liaison_reports_a_dispute_on_a_phone(live_server, browser) -> None:
    from fating.cases.services.causes import load_causes

    seed_county(build_county())
    load_causes()  # the 案由 catalogue the cause suggestions read
    page = browser.new_page(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    try:
        _login(page, live_server.url)
        # Nothing overflows sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.fill("#id_title", "张某与李某借款纠纷")
        page.fill("#id_description", "李某去年向张某借了五万元，写了借条，到期一直不还。")
        page.wait_for_selector(".suggestions .chip", timeout=10000)
        page.locator(".suggestions .chip", has_text="民间借贷纠纷").first.tap()
        assert page.locator("#cause-chosen").inner_text() == "民间借贷纠纷"
        page.fill("#id_a_name", "张某")
        page.fill("#id_a_mobile", "1380000")  # too short: the form must say so, in Chinese
        page.fill("#id_r_name", "李某")
        page.click("button.primary")
        alert = page.locator("[role=alert]")
        assert "手机号码应为11位，实为7位" in alert.inner_text()
        page.fill("#id_a_mobile", "13800001234")
        page.click("button.primary")
        page.wait_for_selector("h1 .badge", timeout=10000)
        assert "已上报" in page.locator("h1").inner_text()
        dispute = Dispute.objects.get()
        assert dispute.cause_name == "民间借贷纠纷"
        assert dispute.reference in page.content()
    finally:
        page.close()
