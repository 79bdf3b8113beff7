"""The demo journey of issue 4 in a browser: a party files online from a phone, the clerk
registers the case, the party pays in the sandbox, a hearing is scheduled and the case closes by
mediation with its fee settled (halved)."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.accounts.models import User
from fating.cases.models import Case, CauseOfAction, Filing, Payment
from fating.cases.services import acceptance
from fating.cases.services import filing as filing_services
from fating.cases.services.causes import load_causes
from fating.demo.county import seed_county
from fating.demo.plan import DEMO_PASSWORD, TRIBUNALS, build_county
from fating.network.models import Court, Tribunal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PLAINTIFF_ID = "11010519491231002X"  # LEGAL-RULES F test vector
# The smallest file a PDF reader opens; the wizard only stores the bytes and their SHA-256.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def county(settings, tmp_path: Path) -> Court:
    """The demo county with the cause catalogue; uploads go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_county(build_county())
    load_causes()
    return Court.objects.get(code="鲁0399")


def _page(browser, *, phone: bool = False):
    # Each new_page is a fresh context: its own cookies, so personas never share a session.
    return browser.new_page(locale="zh-CN", **(PHONE if phone else {}))


def _login(page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}{next_path}")


def _number_pattern() -> re.Pattern[str]:
    return re.compile(rf"（{timezone.localdate().year}）鲁0399民初\d+号")


def test_party_files_on_a_phone_and_the_clerk_registers_the_case(
    live_server, browser, county: Court
) -> None:
    base = live_server.url
    tribunal = Tribunal.objects.get(court=county, name=next(iter(TRIBUNALS)))
    page = _page(browser, phone=True)
    try:
        _login(page, base, "party", "/cases/filings/new/")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

        # Step 1 without a court: the error names the field in Chinese and nothing is created.
        page.fill("#id_facts", "被告于2025年3月向原告借款五万元，写有借条，到期未还。")
        page.click("button.primary")
        assert "管辖法院：请选择。" in page.locator("[role=alert]").inner_text()
        assert not Filing.objects.exists()
        page.select_option("#id_court", label=county.name)
        page.select_option("#id_tribunal", label=f"{county.name} · {tribunal.name}")
        page.fill("#id_cause_q", "民间借贷")  # htmx narrows the causes in force today
        page.wait_for_selector(
            "#id_cause option:text-is('民间借贷纠纷（2025版）')", state="attached"
        )
        page.select_option("#id_cause", label="民间借贷纠纷（2025版）")
        page.click("button.primary")
        page.wait_for_url(re.compile(r".*/cases/filings/\d+/$"))
        filing = Filing.objects.get()
        assert filing.cause.name == "民间借贷纠纷" and filing.status == Filing.Status.DRAFT

        # Step 2: the plaintiff is the party herself; a defendant without an address is refused.
        party_form = page.locator("form:has(input[name=action][value=party])")
        party_form.locator("select[name=role]").select_option("plaintiff")
        party_form.locator("input[name=name]").fill("张秀兰")
        party_form.locator("input[name=id_number]").fill(PLAINTIFF_ID)
        party_form.locator("input[name=mobile]").fill("13812345678")
        party_form.locator("input[name=is_filer]").check()
        party_form.locator("button[type=submit]").tap()
        page.wait_for_selector("#filing-sections li:has-text('原告 · 张秀兰')")
        party_form = page.locator("form:has(input[name=action][value=party])")
        party_form.locator("select[name=role]").select_option("defendant")
        party_form.locator("input[name=name]").fill("李建国")
        party_form.locator("button[type=submit]").tap()
        alert = page.locator("#filing-sections [role=alert]")
        alert.wait_for()
        assert "住所：被告、第三人的住所不能为空（足以与他人相区别）。" in alert.inner_text()
        party_form = page.locator("form:has(input[name=action][value=party])")
        party_form.locator("select[name=role]").select_option("defendant")
        party_form.locator("input[name=name]").fill("李建国")
        party_form.locator("input[name=address]").fill("青禾县青禾镇东关村12号")
        party_form.locator("button[type=submit]").tap()
        page.wait_for_selector("#filing-sections li:has-text('被告 · 李建国')")
        assert page.locator("#filing-sections [role=alert]").count() == 0
        plaintiff = filing.parties.get(role="plaintiff")
        assert plaintiff.user == User.objects.get(username="party")
        assert plaintiff.id_number == PLAINTIFF_ID

        # Step 3: a claim with an amount.
        claim_form = page.locator("form:has(input[name=action][value=claim])")
        claim_form.locator("input[name=text]").fill("判令被告偿还借款本金50000元")
        claim_form.locator("input[name=amount]").fill("50000")
        claim_form.locator("button[type=submit]").tap()
        page.wait_for_selector("#filing-sections li:has-text('50000.00 元')")

        # Step 4: the IOU, photographed or scanned as a PDF.
        evidence_form = page.locator("form:has(input[name=action][value=evidence])")
        evidence_form.locator("input[name=title]").fill("借条")
        evidence_form.locator("input[name=purpose]").fill("证明借款事实")
        evidence_form.locator("input[type=file]").set_input_files(
            files=[{"name": "借条.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        evidence_form.locator("button[type=submit]").tap()
        page.wait_for_selector("#filing-sections li a:text-is('借条')")
        evidence = filing.evidence.get()
        assert evidence.size == len(PDF) and evidence.original_name == "借条.pdf"

        # Step 5: submit.
        page.locator("button[name=action][value=submit]").tap()
        page.wait_for_selector(".messages li:has-text('已提交立案申请')")
        assert "已提交，待审查" in page.locator("#filing-sections").inner_text()
        filing.refresh_from_db()
        assert filing.status == Filing.Status.SUBMITTED
    finally:
        page.close()

    page = _page(browser)
    try:
        _login(page, base, "clerk", "/cases/review/")
        page.click(f"a[href='/cases/filings/{filing.pk}/']")
        page.wait_for_url(f"{base}/cases/filings/{filing.pk}/")
        page.click("button:has-text('登记立案')")
        page.wait_for_selector(".messages li:has-text('已受理立案')")
        case = Case.objects.get()
        assert _number_pattern().fullmatch(case.number)
        number_link = page.locator("#filing-sections a", has_text=case.number)
        assert number_link.inner_text() == case.number
        number_link.click()
        page.wait_for_url(f"{base}/cases/{case.pk}/")
        assert case.number in page.locator("h1").inner_text()
        # No finding that the case is simple: the triage rules give the ordinary procedure.
        assert "审理程序：普通程序" in page.content()
        assert case.procedure == Case.Procedure.ORDINARY and case.judge is not None
    finally:
        page.close()


def _accepted_case(court: Court) -> Case:
    """An accepted case built through the services: the wizard itself is covered by the test
    above, this one starts where it ends."""
    party = User.objects.get(username="party")
    filing = filing_services.create_filing(
        actor=party,
        court=court,
        tribunal=Tribunal.objects.get(court=court, name=next(iter(TRIBUNALS))),
        filer_capacity="party",
        cause=CauseOfAction.objects.get(revision="2025", name="民间借贷纠纷"),
        facts="被告于2025年3月向原告借款五万元，到期未还。",
    )
    filing_services.add_party(
        actor=party, filing=filing, role="plaintiff", kind="natural", name="张秀兰",
        id_number=PLAINTIFF_ID, mobile="13812345678", is_filer=True,
    )  # fmt: skip
    filing_services.add_party(
        actor=party, filing=filing, role="defendant", kind="natural", name="李建国",
        address="青禾县青禾镇东关村12号",
    )  # fmt: skip
    filing_services.add_claim(actor=party, filing=filing, text="偿还借款本金", amount="50000")
    filing_services.upload_evidence(
        actor=party, filing=filing, kind="other", title="借条",
        file=SimpleUploadedFile("借条.pdf", PDF, content_type="application/pdf"),
    )  # fmt: skip
    filing_services.submit_filing(actor=party, filing=filing)
    return acceptance.accept_filing(actor=User.objects.get(username="clerk"), filing=filing)


def test_party_pays_in_the_sandbox_and_the_case_closes_by_mediation(
    live_server, browser, county: Court
) -> None:
    base = live_server.url
    case = _accepted_case(county)
    fee = case.fee_amount  # 50000 yuan, property case: 50 + 40000 × 2.5% = 1050 (办法 第13条)
    assert fee == Decimal("1050.00")
    page = _page(browser, phone=True)
    try:
        _login(page, base, "party", f"/cases/{case.pk}/fees/")
        assert "待交费" in page.content()
        page.locator("button[name=action][value=pay]").tap()
        page.wait_for_url(re.compile(r".*/cases/pay/sandbox/FT\w+/$"))
        assert f"{fee}" in page.locator("strong").inner_text()
        page.locator("button:has-text('确认支付')").tap()
        page.wait_for_url(f"{base}/cases/{case.pk}/fees/")
        assert "支付成功，已开具收据。" in page.locator(".messages").inner_text()
        payment = Payment.objects.get(case=case)
        assert payment.status == Payment.Status.PAID
        assert f"{payment.order_id} · {fee} · 已支付 · 收据 {payment.receipt.number}" in (
            page.content()
        )
        assert "已交费" in page.content()
        assert page.locator("button[name=action][value=pay]").count() == 0
    finally:
        page.close()

    # The case page's 开庭 tab has the court's forms, so scheduling and closing go through pages.
    page = _page(browser)
    try:
        _login(page, base, "clerk", f"/cases/{case.pk}/hearings/")
        starts = (timezone.localtime() + timedelta(days=7)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        schedule = page.locator("form:has(input[name=action][value=schedule])")
        schedule.locator("select[name=mode]").select_option("online")
        schedule.locator("input[name=starts_at]").fill(starts.strftime("%Y-%m-%dT%H:%M"))
        schedule.locator("input[name=ends_at]").fill(
            (starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        )
        schedule.locator("button[type=submit]").click()
        page.wait_for_selector(".messages li:has-text('已安排开庭')")
        hearing = case.hearings.get()
        assert f"在线开庭 · {starts:%Y-%m-%d %H:%M}–10:00 · {hearing.room_code} · 已排期" in (
            page.locator("section:has(h2:text-is('开庭'))").inner_text()
        )

        # Mediation halves the fee once (办法 第15条): 525, of which the plaintiff bears 200;
        # she prepaid 1050, so 850 is refunded and the defendant owes 325.
        close = page.locator("form:has(input[name=action][value=close])")
        close.locator("select[name=closure]").select_option("mediation")
        close.locator("input[name=plaintiff_share]").fill("200.00")
        close.locator("button[type=submit]").click()
        page.wait_for_selector(".messages li:has-text('已登记结案')")
        assert "已结案" in page.locator("h1").inner_text()
        text = page.inner_text("body")
        today = timezone.localdate()
        assert f"结案：调解 · {today.year}年{today.month}月{today.day}日 · 审限内" in text
        assert "结案负担：案件受理费 525.00 元 · 原告 200.00 / 被告 325.00 · 退费 850.00" in text
        case.refresh_from_db()
        assert case.final_fee == fee / 2 == Decimal("525.00")
        assert case.status == Case.Status.CLOSED and case.refunds.get().amount == Decimal("850")
    finally:
        page.close()
