"""(b) A case from the party's phone to the hearing notice, through the pages only.

The party files with the filing wizard on a phone; the clerk reviews it under 立案审查 and
registers the case (立案登记); the party pays the fee on her phone through the sandbox gateway
(the fee is due only once the case is registered, 诉讼费用交纳办法 第22条); the judge opens the
case from 立案与案件 and schedules the hearing; the party sees the hearing on her case
page."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from fating.demo.plan import build_county
from tests.browser.journeys.conftest import Person
from tests.browser.journeys.test_dispute_to_confirmation import PDF

pytestmark = [pytest.mark.browser]

PLAINTIFF_ID = "11010519491231002X"  # LEGAL-RULES F test vector
COURT, TRIBUNAL = "青禾县人民法院", "青禾县人民法院 · "


def _judge_login(name: str) -> str:
    """The demo login of the judge called `name`, from the seeded plan (no database)."""
    return next(p.key for p in build_county().people if p.role == "judge" and p.full_name == name)


def _file_on_a_phone(party: Person, defendant: str) -> str:
    """The five steps of the wizard; returns the filing page's path."""
    party.tile("网上立案")
    page = party.page
    page.fill("#id_facts", f"被告{defendant}于2025年3月向原告借款五万元，写有借条，到期未还。")
    page.select_option("#id_court", label=COURT)
    tribunal = page.locator("#id_tribunal option", has_text=TRIBUNAL).nth(0)
    page.select_option("#id_tribunal", label=tribunal.inner_text().strip())
    page.fill("#id_cause_q", "民间借贷")
    page.wait_for_selector("#id_cause option:text-is('民间借贷纠纷（2025版）')", state="attached")
    page.select_option("#id_cause", label="民间借贷纠纷（2025版）")
    party.follow(page.locator("button.primary"), re.compile(r".*/cases/filings/\d+/$"))

    def add(action: str, fields: Callable[[object], None], shown: str) -> None:
        form = page.locator(f"form:has(input[name=action][value={action}])")
        fields(form)
        party.press(form.locator("button[type=submit]"))
        page.locator("#filing-sections li", has_text=shown).first.wait_for()

    def plaintiff(form) -> None:
        form.locator("select[name=role]").select_option("plaintiff")
        form.locator("input[name=name]").fill("张秀兰")
        form.locator("input[name=id_number]").fill(PLAINTIFF_ID)
        form.locator("input[name=mobile]").fill("13812345678")
        form.locator("input[name=is_filer]").check()

    def defendant_of(form) -> None:
        form.locator("select[name=role]").select_option("defendant")
        form.locator("input[name=name]").fill(defendant)
        form.locator("input[name=address]").fill("青禾县青禾镇东关村12号")

    def claim(form) -> None:
        form.locator("input[name=text]").fill("判令被告偿还借款本金50000元")
        form.locator("input[name=amount]").fill("50000")

    def evidence(form) -> None:
        form.locator("input[name=title]").fill("借条")
        form.locator("input[name=purpose]").fill("证明借款事实")
        form.locator("input[type=file]").set_input_files(
            files=[{"name": "借条.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )

    add("party", plaintiff, "原告 · 张秀兰")
    add("party", defendant_of, f"被告 · {defendant}")
    add("claim", claim, "50000.00 元")
    add("evidence", evidence, "借条")
    party.check()
    party.follow(page.locator("button[name=action][value=submit]"))
    assert "已提交立案申请" in page.locator(".messages").inner_text()
    return page.url.removeprefix(party.base)


def test_party_files_pays_and_sees_the_hearing_the_judge_scheduled(
    person: Callable[..., Person],
) -> None:
    defendant = f"李建国{secrets.token_hex(2)}"
    party = person("party", phone=True)
    filing_path = _file_on_a_phone(party, defendant)

    # The clerk reviews it and registers the case.
    clerk = person("clerk")
    clerk.tile("立案审查")
    clerk.follow(clerk.page.locator(f"a[href='{filing_path}']"))
    assert defendant in clerk.page.locator("#filing-sections").inner_text()
    clerk.follow(clerk.page.get_by_role("button", name="登记立案"))
    assert "已受理立案" in clerk.page.locator(".messages").inner_text()
    number = clerk.page.locator("#filing-sections a", has_text="民初").first.inner_text().strip()
    assert re.fullmatch(rf"（{timezone.localdate().year}）鲁0399民初\d+号", number)

    # The party sees the case number on her filing and pays the fee in the sandbox.
    party.page.reload()
    party.check()
    party.follow(party.page.get_by_role("link", name=number), re.compile(r".*/cases/\d+/$"))
    case_path = party.page.url.removeprefix(party.base)
    judge_name = party.page.get_by_text(re.compile("^承办法官：")).inner_text().split("：")[1]
    tabs = party.page.get_by_role("navigation", name="案件页面")
    party.follow(tabs.get_by_role("link", name="费用"), f"{party.base}{case_path}fees/")
    party.follow(party.page.get_by_role("button", name="在线交费"),
                 re.compile(r".*/cases/pay/sandbox/FT\w+/$"))  # fmt: skip
    party.follow(party.page.get_by_role("button", name="确认支付"), f"{party.base}{case_path}fees/")
    assert "支付成功，已开具收据。" in party.page.locator(".messages").inner_text()

    # The judge the case was assigned to (by the tribunal's rules, whoever it is) opens it from
    # 立案与案件 and schedules the hearing.
    judge = person(_judge_login(judge_name.strip()))
    judge.follow(judge.page.get_by_role("link", name="立案与案件").first)
    judge.follow(judge.page.get_by_role("link", name=number))
    judge_tabs = judge.page.get_by_role("navigation", name="案件页面")
    judge.follow(
        judge_tabs.get_by_role("link", name="开庭"), re.compile(r".*/cases/\d+/hearings/$")
    )
    starts = (timezone.localtime() + timedelta(days=9)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    schedule = judge.page.locator("form:has(input[name=action][value=schedule])")
    schedule.get_by_label("开庭方式").select_option(label="在线开庭")
    schedule.get_by_label("开始时间").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    schedule.get_by_label("结束时间").fill((starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    judge.follow(schedule.get_by_role("button", name="安排开庭"))
    assert "已安排开庭" in judge.page.locator(".messages").inner_text()

    # The party, on her phone, sees the hearing on her case page.
    party.page.goto(f"{party.base}{case_path}")
    party.check()
    tabs = party.page.get_by_role("navigation", name="案件页面")
    party.follow(tabs.get_by_role("link", name="开庭"), f"{party.base}{case_path}hearings/")
    hearings = party.page.locator("section", has=party.page.locator("h2", has_text="开庭"))
    assert f"在线开庭 · {starts:%Y-%m-%d %H:%M}" in hearings.first.inner_text()
