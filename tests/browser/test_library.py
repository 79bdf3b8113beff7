"""A villager searches the legal library, reads a typical land-contract case, and (signed in as a
party) orders a legal consultation at a service point."""

from __future__ import annotations

from pathlib import Path

import pytest

from fating.demo.county import seed_county
from fating.demo.plan import DEMO_PASSWORD, build_county
from fating.knowledge.models import OutreachOrder
from fating.knowledge.services.library import import_library
from fating.knowledge.tests.factories import copy_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_villager_finds_a_land_case_and_orders_a_consultation(
    live_server, browser, tmp_path: Path
) -> None:
    seed_county(build_county())
    import_library(path=copy_sample(tmp_path / "laws"))
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    try:
        page.goto(f"{live_server.url}/knowledge/search/")
        page.fill("input[name=q]", "土地承包")
        page.wait_for_selector("#results mark", timeout=15000)
        marks = page.locator("#results mark").all_inner_texts()
        assert {"土地", "承包"} & set(marks) or "土地承包" in marks, marks
        page.locator("#results a", has_text="高某诉某农业有限公司农村土地承包合同案").first.click()
        page.wait_for_selector("h1")
        assert "农村土地承包合同案" in page.locator("h1").inner_text()

        page.goto(f"{live_server.url}/login/?next=/knowledge/orders/new/")
        page.fill("#id_username", "party")
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/knowledge/orders/new/")
        page.select_option("select[name=kind]", "consultation")
        page.fill("input[name=requester_name]", "李家庄村")
        page.fill("input[name=topic]", "承包地被占用怎么维权")
        page.click("button.primary")
        page.wait_for_selector("h1")
        order = OutreachOrder.objects.get()
        assert (order.kind, order.topic) == ("consultation", "承包地被占用怎么维权")
        assert f"/knowledge/orders/{order.pk}/" in page.url
    finally:
        page.close()
