"""The crawl's phone half: the liaison and the party open every tile of their home page on a
phone (390×844), and each page passes the page check — axe's rules, no text under 14 px, nothing
overflowing sideways. (tests/journeys/test_crawl.py crawls every door with the test client,
which cannot see sizes; this is the part only a browser can measure.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fating.accounts.models import Role
from fating.accounts.views import HOME_LINKS
from tests.browser.journeys.conftest import Person

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize(("username", "role"), [("liaison", Role.LIAISON), ("party", Role.PARTY)])
def test_every_home_tile_reads_well_on_a_phone(
    person: Callable[..., Person], username: str, role: str
) -> None:
    who = person(username, phone=True)
    titles = [str(title) for title, _name, _desc in HOME_LINKS[role]]
    assert len(titles) >= 6
    for title in titles:
        who.tile(title)
        who.home()
    assert len(who.checked) == 2 + 2 * len(titles)
