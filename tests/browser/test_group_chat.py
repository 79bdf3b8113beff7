"""The group chat in two real browsers: the mediator writes, the party sees it appear without
reloading — through polling when WebSockets are unavailable (pytest-django's WSGI live_server)
and through the WebSocket on the real ASGI server (`fating demo`)."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from fating.accounts.models import User
from fating.conversations.models import Message, ReadMark, Room
from fating.conversations.selectors import unread_count
from fating.demo.county import seed_county
from fating.demo.disputes import seed_disputes
from fating.demo.plan import DEMO_PASSWORD, build_county

pytestmark = [pytest.mark.browser]

ONLINE, POLLING = "实时", "轮询中"


def _login(page, base: str, username: str, next_url: str) -> None:
    page.goto(f"{base}/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}{next_url}")


def _wait_for(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _send(page, text: str) -> None:
    page.fill("#text", text)
    page.click("#composer button[type=submit]")
    page.locator("#timeline li.msg.mine", has_text=text).wait_for(timeout=10000)


@pytest.mark.django_db(transaction=True)
def test_party_sees_the_mediators_message_by_polling(live_server, browser, settings,
                                                     tmp_path) -> None:  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_county(build_county())
    seed_disputes()
    room = Room.objects.get()
    party = User.objects.get(username="party")
    base, path = live_server.url, f"/conversations/{room.pk}/"
    mediator_ctx = browser.new_context(locale="zh-CN")
    party_ctx = browser.new_context(locale="zh-CN")
    try:
        party_page, mediator_page = party_ctx.new_page(), mediator_ctx.new_page()
        _login(party_page, base, "party", path)
        _login(mediator_page, base, "mediator", path)
        # The demo's own conversation is there; the WSGI server refuses the WebSocket.
        assert party_page.locator("#timeline li.msg", has_text="借条原件在我这里").count() == 1
        # A locator assertion, not wait_for_function: evaluating a string in the page is eval,
        # which the Content-Security-Policy forbids.
        expect(party_page.locator("#status")).to_have_text(POLLING, timeout=10000)
        text = "请双方明天上午九点到服务点，带上身份证。"
        _send(mediator_page, text)
        sent = Message.objects.get(room=room, body=text)
        # The party's page picks it up by polling (every 3 s), without a reload.
        party_page.locator("#timeline li.msg", has_text=text).wait_for(timeout=10000)
        assert party_page.locator("#timeline li.msg", has_text=text).get_attribute(
            "data-id"
        ) == str(sent.pk)
        # Seeing it marks it read: the party's receipt moves to it, nothing is unread.
        assert _wait_for(
            lambda: ReadMark.objects.filter(room=room, user=party, last_read_id=sent.pk).exists()
        )
        assert unread_count(party, room) == 0
        # A message the party has not opened yet shows as unread in the room list.
        party_page.goto(f"{base}/conversations/")
        assert party_page.locator(".room-list .badge").count() == 0
        _send(mediator_page, "协议草稿已经拟好，请查看。")
        party_page.reload()
        badge = party_page.locator(".room-list .badge")
        assert badge.get_attribute("data-unread") == "1"
        assert badge.inner_text() == "1 条未读"
    finally:
        mediator_ctx.close()
        party_ctx.close()


def test_websocket_delivers_live_on_the_asgi_server(asgi_demo, browser) -> None:
    base = asgi_demo
    mediator_ctx = browser.new_context(locale="zh-CN")
    party_ctx = browser.new_context(locale="zh-CN")
    try:
        party_page, mediator_page = party_ctx.new_page(), mediator_ctx.new_page()
        _login(party_page, base, "party", "/conversations/")
        # The dispute's room, which the mediator shares; the demo's court cases (案号 …民初…) have
        # rooms of their own that the mediator is not in.
        party_page.locator(".room-list a").filter(has_not_text="民初").first.click()
        party_page.wait_for_selector("#room")
        path = party_page.url.removeprefix(base)
        _login(mediator_page, base, "mediator", path)
        for page in (party_page, mediator_page):
            expect(page.locator("#status")).to_have_text(ONLINE, timeout=10000)
        text = "（实时）调解员：协议已送达，请在站内查收。"
        _send(mediator_page, text)
        # Well under the 3 s polling interval: the message came over the WebSocket.
        party_page.locator("#timeline li.msg", has_text=text).wait_for(timeout=2500)
        assert party_page.locator("#status").inner_text() == ONLINE
        party_text = "收到，谢谢。"
        _send(party_page, party_text)
        mediator_page.locator("#timeline li.msg", has_text=party_text).wait_for(timeout=2500)
    finally:
        mediator_ctx.close()
        party_ctx.close()
