"""Journeys through the pages only, in headless Chromium against the real ASGI server seeded
with the demo county (`asgi_demo`, shared with the other browser tests of the same worker).

A journey never takes a shortcut: no API call, no hand-made POST, no database write. Each person
logs in through the login page in a context of their own (their own cookies), on a phone for the
liaison and the parties, on a desktop for court staff, and every page they reach is checked by
`tests.browser.a11y.check_page` (axe; on a phone also text size and sideways overflow)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from fating.demo.plan import DEMO_PASSWORD
from tests.browser.a11y import check_page

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@dataclass
class Person:
    """One logged-in person in their own browser context."""

    page: Any
    base: str
    phone: bool
    checked: list[str] = field(default_factory=list)

    def check(self) -> None:
        check_page(self.page, phone=self.phone)
        self.checked.append(self.page.url.removeprefix(self.base))

    def press(self, locator: Any) -> None:
        """Tap on a phone, click on a desktop."""
        if self.phone:
            locator.tap()
        else:
            locator.click()

    def follow(self, locator: Any, url: str | re.Pattern[str] | None = None) -> None:
        """Follow a link or submit a form by its visible control, wait for the next page and
        check it."""
        with self.page.expect_navigation():
            self.press(locator)
        if url is not None:
            self.page.wait_for_url(url)
        self.check()

    def tile(self, title: str) -> None:
        """From the home page, open the tile with this title."""
        self.follow(self.page.get_by_role("link", name=re.compile(rf"^{re.escape(title)}")).first)

    def home(self) -> None:
        self.follow(self.page.get_by_role("link", name="法庭E+", exact=True))


@pytest.fixture
def person(browser: Any, asgi_demo: str) -> Iterator[Callable[..., Person]]:
    contexts: list[Any] = []

    def login(username: str, *, phone: bool = False) -> Person:
        context = browser.new_context(locale="zh-CN", **(PHONE if phone else DESKTOP))
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(f"{asgi_demo}/login/")
        who = Person(page, asgi_demo, phone)
        who.check()
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        who.follow(page.get_by_role("button", name="登录"), f"{asgi_demo}/")
        return who

    yield login
    for context in contexts:
        context.close()
