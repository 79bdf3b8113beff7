"""Enforcement in a browser, from the creditor's application to the payout (issue 16): the
creditor of a defaulted, judicially confirmed agreement applies in one step on its phone; the
executor issues the 执行通知书 and 报告财产令, sees the case's tasks in the 执行事务中心, searches
through the sandbox gateway, freezes and deducts the deposit, verifies the creditor's account and
pays out; the payout is made once (a second click finds nothing to pay) and the case closes
执行完毕. On the way, the auction of a house the search also found is recorded as failed on the
auction's own page (its result form refuses a missing choice by naming the field)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from fating.accounts.models import Role
from fating.disputes import services as disputes
from fating.disputes.tests.factories import World, world  # noqa: F401 (fixture)
from fating.enforcement import services_disposal
from fating.enforcement.gateways import FoundAsset, SandboxGateway
from fating.enforcement.models import CentreTask, EnforcementCase, EnforcementTeam, LedgerEntry
from fating.enforcement.tests.test_from_agreement import _confirmed_agreement
from fating.testing import PASSWORD, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DEPOSIT = FoundAsset("deposit", "中国农业银行", "6228480000123456", Decimal("80000"))
HOUSE = FoundAsset("real_estate", "青禾县不动产登记中心", "鲁（2021）青禾县不动产权第0000007号",
                   Decimal("400000"))  # fmt: skip


def _login(page: Page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}{next_path}")


def _post(page: Page, action: str) -> None:
    """Submit the form whose action ends with `action` and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(f"form[action$='{action}'] button").first.click()


def test_from_application_to_payout(browser, live_server, world: World) -> None:  # noqa: F811
    SandboxGateway.reset()
    agreement = _confirmed_agreement(world)
    disputes.check_defaults(today=timezone.localdate() + timedelta(days=11))
    court = world.net.court
    EnforcementTeam.objects.create(court=court, name="速执一组", speedy=True)
    EnforcementTeam.objects.create(court=court, name="实施一组")
    executor = member(Role.EXECUTOR, court=court)
    respondent = agreement.dispute.parties.get(role="respondent")
    SandboxGateway.register(respondent.id_number or respondent.name, (DEPOSIT, HOUSE))
    base = live_server.url

    # 1. The creditor applies in one step, on a phone.
    creditor = browser.new_page(locale="zh-CN", **PHONE)
    _login(creditor, base, world.applicant_user.username, "/enforcement/")
    creditor.get_by_role("link", name="申请强制执行").first.click()
    creditor.wait_for_url("**/enforcement/apply/*/")
    creditor.fill("#bank_account", "6222000000000001")
    with creditor.expect_navigation():
        creditor.get_by_role("button", name="提交执行申请").click()
    expect(creditor.locator("h1")).to_contain_text("执")
    case = EnforcementCase.objects.get()
    assert case.amount == Decimal("50000")
    owed = case.amount + case.fee

    # 2. The executor: notices, the centre's tasks, search, freeze, deduct, verify, pay out.
    page = browser.new_page(locale="zh-CN")
    _login(page, base, executor.username, "/")
    page.get_by_role("link", name="执行事务中心").first.click()
    page.wait_for_url("**/enforcement/centre/")
    expect(page.get_by_text(case.case_number).first).to_be_visible()
    assert set(CentreTask.objects.filter(case=case).values_list("kind", flat=True)) == {
        "inquiry",
        "service",
    }
    page.goto(f"{base}/enforcement/{case.pk}/")
    page.get_by_role("link", name="执行通知与财产报告").click()
    page.wait_for_url(f"**/enforcement/{case.pk}/notices/")
    _post(page, "/notices/issue/")
    expect(page.get_by_text("执行通知书").first).to_be_visible()
    expect(page.get_by_role("link", name="送达执行通知书和报告财产令")).to_be_visible()

    page.goto(f"{base}/enforcement/{case.pk}/")
    _post(page, "/do/triage/")
    _post(page, "/do/search/")
    expect(page.get_by_text("中国农业银行").first).to_be_visible()
    for action in ("freeze", "deduct"):
        page.select_option("#action", action)
        page.fill("#amount", str(owed))
        _post(page, "/do/control/")

    # The house's first round (recorded through the service), its result on the auction page.
    house = case.assets.get(kind="real_estate")
    auction = services_disposal.record_auction(
        actor=executor, asset=house, valuation=Decimal("400000"), start_price=Decimal("280000"),
        deposit=Decimal("28000"),
    )  # fmt: skip
    page.reload()
    page.get_by_role("link", name="第1次拍卖").first.click()
    page.wait_for_url(f"**/enforcement/auctions/{auction.pk}/")
    _post(page, "/result/")
    expect(page.locator("#result-error")).to_contain_text("请选择拍卖结果")
    page.check("#result-failed")
    _post(page, "/result/")
    expect(page.get_by_text("流拍").first).to_be_visible()
    auction.refresh_from_db()
    assert auction.result == "failed"
    page.goto(f"{base}/enforcement/{case.pk}/")
    page.fill("#bank_account", "6222000000000001")
    _post(page, "/do/verify/")
    _post(page, "/do/payout/")
    expect(page.get_by_text("执行完毕").first).to_be_visible()

    case.refresh_from_db()
    assert case.status == "completed"
    payouts = LedgerEntry.objects.filter(case=case, kind="payout")
    assert [(p.amount, p.status) for p in payouts] == [(case.amount, "paid")]
    # A closed case offers no payout button: paying again is not on the page at all.
    assert page.locator("form[action$='/do/payout/']").count() == 0
    # The bank was asked to pay the creditor's key once, with the whole debt.
    assert SandboxGateway.bank.payouts == {payouts[0].key: case.amount}
