"""(c) The party acknowledges a served document on her phone; (f) the judge opens the case's
group chat from the case page and posts, and the party sees the message on her phone."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

import pytest

from tests.browser.journeys.conftest import Person

pytestmark = [pytest.mark.browser]


def test_party_acknowledges_a_served_document_on_a_phone(person: Callable[..., Person]) -> None:
    party = person("party", phone=True)
    party.tile("我的文书")
    # The demo served her the 受理通知书 of her cases and a 传票 in the app.
    items = party.page.locator("main li a[href^='/delivery/inbox/']")
    assert items.count() >= 1
    for i in range(items.count()):
        party.follow(items.nth(i), re.compile(r".*/delivery/inbox/\d+/$"))
        acknowledge = party.page.get_by_role("button", name="确认收悉")
        if acknowledge.count():
            title = party.page.locator("h1").inner_text()
            party.follow(acknowledge)
            break
        party.page.go_back()
    else:
        pytest.fail("nothing left to acknowledge in the party's inbox")
    assert party.page.locator("h1").inner_text() == title
    assert "您已确认收悉。" in party.page.locator("main").inner_text()
    party.page.reload()
    party.check()
    assert party.page.get_by_role("button", name="确认收悉").count() == 0


def test_judge_posts_in_the_case_room_and_the_party_reads_it(
    person: Callable[..., Person],
) -> None:
    judge = person("judge")
    judge.follow(judge.page.get_by_role("link", name="立案与案件").first)
    cases = judge.page.locator("section", has=judge.page.locator("h2", has_text="案件"))
    # The demo's first court case (民初1号) is `party`'s own; later ones are other people's.
    judge.follow(cases.get_by_role("link", name=re.compile("民初1号")).first,
                 re.compile(r".*/cases/\d+/$"))  # fmt: skip
    number = judge.page.locator("h1").inner_text().split()[0]
    judge.follow(judge.page.get_by_role("button", name="进入一案一群聊"),
                 re.compile(r".*/conversations/\d+/$"))  # fmt: skip
    text = f"请双方于开庭前三日提交证据原件。（{secrets.token_hex(2)}）"
    judge.page.get_by_label("消息").fill(text)
    judge.press(judge.page.locator("#composer").get_by_role("button", name="发送"))
    judge.page.locator("#timeline li.msg.mine", has_text=text).wait_for()
    judge.check()

    party = person("party", phone=True)
    party.tile("群聊")
    party.follow(party.page.locator(".room-list a", has_text=number).first,
                 re.compile(r".*/conversations/\d+/$"))  # fmt: skip
    party.page.locator("#timeline li.msg", has_text=text).wait_for()
