"""(d) The governance officer opens the dashboard, exports it and opens a warning; (e) the court administrator's
pages, each reached from the home page by its tile."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.browser.journeys.conftest import Person

pytestmark = [pytest.mark.browser]


def test_governance_officer_opens_the_dashboard_and_a_warning(
    person: Callable[..., Person],
) -> None:
    officer = person("governance")
    officer.tile("一屏尽览")
    assert "/analytics/" in officer.page.url
    with officer.page.expect_download() as download:
        officer.press(officer.page.get_by_role("link", name="导出 Excel"))
    assert download.value.suggested_filename.endswith(".xlsx")
    officer.home()
    officer.tile("预警")
    # The demo's burst of property-management complaints raised a warning.
    warning = officer.page.locator("main a[href^='/warnings/']").filter(has_text=re.compile(r"\S"))
    officer.follow(warning.first, re.compile(r".*/warnings/\d+/$"))
    assert officer.page.locator("h1").inner_text().strip()


ADMIN_TILES = ["一屏尽览", "预警联动", "纠纷与调解", "诉前调解统计", "法庭网络地图", "法庭网络维护",
               "服务点", "联络员名录", "调解组织", "调解员名录", "期间计算器", "节假日安排"]  # fmt: skip


def test_court_admin_reaches_every_page_of_the_home_page(person: Callable[..., Person]) -> None:
    admin = person("admin")
    for title in ADMIN_TILES:
        admin.tile(title)
        assert admin.page.locator("h1").count() >= 1, title
        admin.home()
    assert len(admin.checked) == 2 + 2 * len(ADMIN_TILES)
