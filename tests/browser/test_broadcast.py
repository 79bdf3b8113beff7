"""庭审直播 in a real browser: an anonymous viewer (no login) opens the public broadcast page of
the demo, whose heard case was broadcast and packaged into HLS, and plays it with the vendored
hls.js: the video's currentTime advances. Needs ffmpeg where the demo was seeded (the demo has
no stream without it) and a Chromium that decodes H.264."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from fating.trials import hls

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not hls.available(), reason="ffmpeg is not installed: the demo has no stream"
    ),
]

PLAYER = "video[data-hls-src]"


def test_an_anonymous_viewer_plays_a_broadcast(asgi_demo: str, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        response = page.goto(f"{asgi_demo}/trials/broadcasts/")
        assert response is not None and response.status == 200
        assert "/login/" not in page.url
        expect(page.locator(PLAYER)).to_have_count(1)
        video = page.locator(PLAYER).first
        # hls.js attached a MediaSource (a blob: URL) to the element.
        page.wait_for_function(
            "sel => (document.querySelector(sel).currentSrc || '').startsWith('blob:')",
            arg=PLAYER, timeout=15000,
        )  # fmt: skip
        video.evaluate("v => { v.muted = true; return v.play(); }")
        page.wait_for_function(
            "sel => document.querySelector(sel).currentTime > 1.5", arg=PLAYER, timeout=30000
        )
        first = video.evaluate("v => v.currentTime")
        page.wait_for_timeout(1200)
        assert video.evaluate("v => v.currentTime") > first, "the broadcast does not play"
        assert video.evaluate("v => v.duration") == pytest.approx(20, abs=1)
        assert errors == []
    finally:
        context.close()
