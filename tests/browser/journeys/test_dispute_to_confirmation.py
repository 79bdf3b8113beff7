"""(a) A dispute from the village to a judicial confirmation, through the pages only.

The liaison reports it on a phone with the applicant's written consent and starts village
mediation with the mediator's organisation; the mediator finds it under 我的调解 and drafts the
agreement; both parties sign on their phones and the mediator signs; the applicant applies for
judicial confirmation on her phone and the respondent joins; the judge accepts and confirms; the
applicant sees the ruling on her phone."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from fating.demo.plan import build_county
from tests.browser.journeys.conftest import Person

pytestmark = [pytest.mark.browser]

# A signed paper the pages store with its SHA-256 (the smallest file a PDF reader opens).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _demo_people() -> dict[str, object]:
    """Names and numbers of the demo logins, from the seeded plan (pure Python, no database)."""
    plan = build_county()
    people = {p.key: p for p in plan.people}
    mediator = next(m for m in plan.mediators if m.person == "mediator")
    organisation = next(o for o in plan.orgs if o.key == mediator.org)
    return {"party": people["party"], "party2": people["party2"], "organisation": organisation}


def _act(who: Person, label: str, fill: Callable[[object], None] | None = None) -> None:
    """Open the action called `label` under 可办理事项, fill it and submit it."""
    action = who.page.locator("details.action").filter(
        has=who.page.locator("summary", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )
    who.press(action.locator("summary"))
    form = action.locator("form")
    if fill is not None:
        fill(form)
    who.follow(form.get_by_role("button", name=label, exact=True))


def _open_dispute(who: Person, tile: str, title: str) -> None:
    """From the home page: the tile, the search box, the dispute."""
    who.home()
    who.tile(tile)
    who.page.get_by_role("searchbox", name="搜索").fill(title)
    link = who.page.locator("#results a", has_text=title)
    link.wait_for()
    who.follow(link, re.compile(r".*/disputes/\d+/$"))


def _messages(who: Person) -> str:
    return who.page.locator(".messages").inner_text()


def test_liaison_reports_and_the_party_sees_the_confirmation(
    person: Callable[..., Person],
) -> None:
    demo = _demo_people()
    applicant, respondent = demo["party"], demo["party2"]
    title = f"{applicant.full_name}与{respondent.full_name}借款纠纷 {secrets.token_hex(3)}"

    # The liaison, on a phone: report, consent on paper, start village mediation.
    liaison = person("liaison", phone=True)
    liaison.tile("上报纠纷")
    page = liaison.page
    page.fill("#id_title", title)
    page.fill("#id_description", "对方去年向申请人借了两万元，写有借条，到期一直不还。")
    chip = page.locator(".suggestions .chip", has_text="民间借贷纠纷").first
    chip.wait_for()
    chip.tap()
    page.fill("#id_a_name", applicant.full_name)
    page.fill("#id_a_mobile", applicant.mobile)
    page.fill("#id_r_name", respondent.full_name)
    page.fill("#id_r_mobile", respondent.mobile)
    page.fill("#id_amount", "20000")
    liaison.follow(page.get_by_role("button", name="提交上报"), re.compile(r".*/disputes/\d+/$"))
    assert "已上报" in page.locator("h1").inner_text()
    assert "待确认" in page.locator("table").inner_text()

    def paper_consent(form) -> None:
        form.get_by_label("当事人").select_option(label=f"申请人 {applicant.full_name}")
        form.get_by_label("方式").select_option(label="上传书面同意书")
        form.get_by_label("书面同意书").set_input_files(
            files=[{"name": "同意书.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )

    _act(liaison, "当事人同意", paper_consent)
    assert "已登记当事人的书面同意书。" in _messages(liaison)

    def village(form) -> None:
        form.get_by_label("调解层级").select_option(label="村居先调")
        # the organisation picker: search by name (it lists at most 20), then choose
        name = demo["organisation"].name
        form.locator("input[type=search][name$='organisation_q']").fill(name)
        picked = form.get_by_label("调解组织", exact=True)
        option = picked.locator("option", has_text=name).first
        option.wait_for(state="attached")
        picked.select_option(value=option.get_attribute("value"))

    _act(liaison, "启动调解", village)
    assert "已启动调解。" in _messages(liaison)
    assert "村居先调" in page.locator("h1").inner_text()

    # The mediator, at a desk: finds it under 我的调解 and drafts the agreement.
    mediator = person("mediator")
    _open_dispute(mediator, "我的调解", title)

    def agreement(form) -> None:
        form.get_by_label("主要事实与争议事项").fill("被申请人向申请人借款两万元未还，双方无异议。")
        form.get_by_label("协议条款（每行一条）").fill("被申请人于三十日内归还借款两万元。")
        form.get_by_label("履行方式").fill("银行转账")
        form.get_by_label("履行期限").fill((date.today() + timedelta(days=30)).isoformat())

    _act(mediator, "起草调解协议", agreement)
    assert "已起草调解协议，请各方签署。" in _messages(mediator)

    # Both parties sign on their phones, each for themselves.
    party = person("party", phone=True)
    _open_dispute(party, "我的纠纷", title)
    _act(party, "签署调解协议", lambda form: form.get_by_label("当事人").select_option(
        label=f"申请人 {applicant.full_name}"))  # fmt: skip
    assert "已签署调解协议。" in _messages(party)
    debtor = person("party2", phone=True)
    _open_dispute(debtor, "我的纠纷", title)
    _act(debtor, "签署调解协议", lambda form: form.get_by_label("当事人").select_option(
        label=f"被申请人 {respondent.full_name}"))  # fmt: skip
    assert "已签署调解协议。" in _messages(debtor)

    mediator.page.reload()
    mediator.check()
    _act(mediator, "调解员签署")
    assert "已达成协议" in mediator.page.locator("h1").inner_text()

    # The applicant applies for judicial confirmation on her phone; the respondent joins.
    party.page.reload()
    party.check()
    _act(party, "申请司法确认")
    assert "已提交司法确认申请" in _messages(party)
    debtor.page.reload()
    debtor.check()
    _act(debtor, "申请司法确认")

    # The judge finds it in 待我处理, accepts it and confirms the agreement.
    judge = person("judge")
    judge.tile("纠纷指导与确认")
    judge.follow(judge.page.get_by_role("link", name=f"司法确认待受理：{title}"))
    _act(judge, "受理司法确认")
    assert "已受理司法确认申请。" in _messages(judge)
    _act(judge, "司法确认裁定", lambda form: form.get_by_label("裁定").select_option(
        label="确认调解协议有效"))  # fmt: skip
    assert "已裁定确认调解协议有效。" in _messages(judge)

    # The applicant, on her phone, sees the ruling on her dispute.
    party.page.reload()
    party.check()
    agreement_card = party.page.locator(
        "section.card", has=party.page.locator("h2", has_text="调解协议")
    )
    assert "司法确认：裁定确认有效" in agreement_card.inner_text()
