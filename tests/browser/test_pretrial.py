"""The pre-trial meeting (庭前会议, 民诉法解释 第224–226条) through the pages only: the clerk opens
the demo's meeting room and sees the case room's evidence with its 质证 table, records the three
sections (诉讼请求和答辩意见, 证据交换, 争议焦点) on the meeting record page; the judge ends the
meeting; judge and clerk sign; the clerk files the record, which the dossier lists as
庭前会议笔录 with its hash checked.

Runs against the real ASGI server (`fating demo`, the session's `asgi_demo`), whose demo holds a
pre-trial meeting of the accepted 买卖合同 case, opened by `judge` with `clerk`, the plaintiff's
delivery note in the case's room.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from fating.demo.plan import DEMO_PASSWORD

pytestmark = [pytest.mark.browser]

SECTIONS = [
    ("claims", "明确诉讼请求和答辩意见",
     "原告请求被告支付货款18600元；被告称货物有质量问题，只同意支付部分货款。"),
    ("evidence", "证据交换",
     "原告提交送货单一份，被告对真实性无异议，对证明目的有异议。"),
    ("issues", "争议焦点", "一、货物是否存在质量问题；二、被告应支付的货款数额。"),
]  # fmt: skip


def _login(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/?next=/trials/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/trials/")


def _meeting(page: Page) -> None:
    page.locator("tr", has_text="庭前会议").locator("a[data-room-link]").first.click()
    page.wait_for_url("**/trials/rooms/*/")
    expect(page.locator("h1")).to_contain_text("庭前会议")


def test_the_clerk_keeps_signs_and_files_the_pretrial_meeting_record(
    asgi_demo: str, browser
) -> None:  # type: ignore[no-untyped-def]
    base = asgi_demo
    clerk_ctx = browser.new_context(locale="zh-CN")
    judge_ctx = browser.new_context(locale="zh-CN")
    try:
        clerk, judge = clerk_ctx.new_page(), judge_ctx.new_page()
        _login(clerk, base, "clerk")
        _meeting(clerk)
        # The case room's evidence and its 质证 table are on the meeting's screen.
        evidence = clerk.locator("#evidence")
        expect(evidence).to_contain_text("证据与质证")
        row = evidence.locator("tbody tr", has_text="送货单")
        expect(row).to_contain_text("证明原告已交付货物")
        expect(row).to_contain_text("尚未质证")
        # The clerk keeps the record by section.
        clerk.click("a:has-text('庭前会议笔录')")
        clerk.wait_for_url("**/transcript/")
        for code, label, text in SECTIONS:
            clerk.select_option("#section", code)
            clerk.fill("#note-text", text)
            clerk.click("button:has-text('记入会议笔录')")
            expect(clerk.locator(".messages")).to_contain_text("已记入庭前会议笔录")
            expect(clerk.locator(f"ol[data-section={code}]")).to_contain_text(text)
            expect(clerk.locator("#meeting-record")).to_contain_text(label)
        # The judge ends the meeting and signs; the clerk signs and files.
        _login(judge, base, "judge")
        _meeting(judge)
        judge.click("button:has-text('闭庭')")
        expect(judge.locator("body")).to_contain_text("已闭庭")
        judge.click("a:has-text('庭前会议笔录')")
        judge.click("#sign")
        expect(judge.locator("body")).to_contain_text("已签署笔录")
        clerk.reload()
        clerk.click("#sign")
        expect(clerk.locator("body")).to_contain_text("已签署笔录")
        clerk.click("#file-transcript")
        expect(clerk.locator("body")).to_contain_text("笔录已归入电子卷宗")
        expect(clerk.locator("#meeting-record form")).to_have_count(0)  # no more entries
        clerk.click("a#dossier-link")
        expect(clerk.locator(".badge.ok")).to_contain_text("校验通过")
        filed = clerk.locator("tr", has_text="庭前会议笔录")
        expect(filed).to_have_count(1)
        expect(filed).to_contain_text("已核验")
    finally:
        clerk_ctx.close()
        judge_ctx.close()
