"""Pages run under the Content-Security-Policy: no violation is reported and scripts still work.

A blocked script fails silently, so the browser's own `securitypolicyviolation` events and console
errors are collected on the pages whose scripts changed for the policy (the language switch and
print button in static/fating/app.js, htmx search, ECharts maps, the cause picker)."""

from __future__ import annotations

import pytest

from fating.analytics import rollup
from fating.demo.county import seed_county
from fating.demo.plan import DEMO_PASSWORD, build_county

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Installed by Playwright before any page script, and not subject to the page's policy.
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def _page(browser, errors: list[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.add_init_script(WATCH)
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" or "Content Security Policy" in msg.text
            else None
        ),
    )
    return page


def _sign_in(page, base: str, username: str, next_url: str) -> None:
    page.goto(f"{base}/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}{next_url}")


def test_pages_report_no_violation(live_server, browser) -> None:
    seed_county(build_county())
    rollup.rebuild()
    errors: list[str] = []
    violations: list[str] = []
    page = _page(browser, errors)
    base = live_server.url
    try:
        _sign_in(page, base, "governance", "/analytics/")
        page.wait_for_selector("#dashboard-map[data-ready=true] canvas", timeout=15000)
        violations += page.evaluate("window.__csp")

        page.goto(f"{base}/network/map/")
        page.wait_for_selector("#network-map[data-ready=true] canvas", timeout=15000)
        violations += page.evaluate("window.__csp")

        # htmx search swaps in results as one types.
        page.goto(f"{base}/network/points/")
        page.fill("input[name=q]", "村")
        page.wait_for_timeout(1200)
        violations += page.evaluate("window.__csp")

        # The language switch submits itself (app.js, not an onchange attribute).
        with page.expect_navigation():
            page.select_option("#lang-select", "en")
        assert page.locator("html").get_attribute("lang") == "en"
        with page.expect_navigation():
            page.select_option("#lang-select", "zh-hans")
        assert page.locator("html").get_attribute("lang") == "zh-hans"
        violations += page.evaluate("window.__csp")

        page.goto(f"{base}/password/change/")
        assert page.locator("h1").inner_text() == "修改密码"
        violations += page.evaluate("window.__csp")
    finally:
        page.close()
    assert violations == []
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_risk_page_styles_and_print_button_run(live_server, browser) -> None:
    seed_county(build_county())
    errors: list[str] = []
    page = _page(browser, errors)
    base = live_server.url
    try:
        _sign_in(page, base, "liaison", "/cases/risk/")
        # The page's <style nonce> applied: the print rule exists in the document's sheets.
        rules = page.evaluate(
            "[...document.styleSheets].flatMap(s => { try { return [...s.cssRules].map(r => r.cssText) } catch (e) { return [] } }).join(' ')"
        )
        assert "tr.expected td" in rules
        assert page.evaluate("window.__csp") == []
    finally:
        page.close()
    assert [e for e in errors if "Content Security Policy" in e] == []
