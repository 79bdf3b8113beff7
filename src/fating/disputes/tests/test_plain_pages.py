"""Plain language on the dispute pages (issue 12): no event codes, usernames, English indicator
keys or hashes for villagers; specific success messages; detail one tap away for court staff."""

from __future__ import annotations

import re

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from fating.disputes import actions, services
from fating.disputes.tests.factories import World, in_village, reported
from fating.testing import client_for

RAW_STATISTICS_KEYS = ("reported", "mediated", "agreements", "success_rate", "by_tier")


def _visible_text(html: str) -> str:
    """The page's text without tags, attributes, scripts and styles."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", "", html)
    return re.sub(r"(?s)<[^>]+>", " ", html)


def test_statistics_page_names_indicators_in_chinese(world: World) -> None:
    in_village(world)
    r = client_for(world.net.users["judge"]).get(
        "/disputes/statistics/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert r.status_code == 200
    text = _visible_text(r.content.decode())
    for key in RAW_STATISTICS_KEYS:
        assert not re.search(rf"\b{key}\b", text), key
    assert "调解成功率" in text and "各层级化解占比" in text and "村居先调" in text


def test_timeline_shows_labels_and_names_not_codes_or_usernames(world: World) -> None:
    dispute = in_village(world)
    r = client_for(world.net.users["judge"]).get(f"/disputes/{dispute.pk}/")
    assert r.status_code == 200
    text = _visible_text(r.content.decode())
    assert "disputes." not in text  # no event code such as disputes.dispute.report
    liaison = world.net.users["liaison"]
    assert liaison.username not in text or liaison.username == liaison.display_name
    assert "上报纠纷" in text and "启动村居调解" in text
    assert f"{liaison.display_name}（便民联络员）" in text


def test_party_sees_verified_not_hash_judge_sees_hash(world: World) -> None:
    dispute = reported(world)
    attachment = services.add_attachment(
        actor=world.net.users["liaison"], dispute=dispute, title="借条",
        file=SimpleUploadedFile("iou.pdf", b"%PDF-1.4 iou", "application/pdf"),
    )  # fmt: skip
    sha = attachment.sha256
    party = client_for(world.applicant_user).get(f"/disputes/{dispute.pk}/").content.decode()
    assert "已核验" in party and sha[:12] not in party and "SHA-256" not in party
    judge = client_for(world.net.users["judge"]).get(f"/disputes/{dispute.pk}/").content.decode()
    assert "已核验" in judge and sha in judge and "<details" in judge


def test_action_success_message_says_what_happened(world: World) -> None:
    dispute = in_village(world)
    client = client_for(world.net.users["mediator"])
    r = client.post(
        f"/disputes/{dispute.pk}/act/session/",
        {"mode": "in_person", "held_at": "2026-03-02T09:00", "place": "村委会",
         "attendees": "张三\n李四", "minutes": "双方陈述各自意见，约定下周再调。", "outcome": "adjourned"},
    )  # fmt: skip
    messages = [str(m) for m in get_messages(r.wsgi_request)]
    assert r.status_code == 302, messages
    assert messages == ["已记录本次调解。"]


def test_done_message_follows_the_choice() -> None:
    assert actions.done_message("consent", {"method": "send_code"}) == "已向当事人发送同意验证码。"
    assert actions.done_message("respond_delegation", {"accept": "0"}) == "已不予接受委派调解。"
    assert (
        actions.done_message("decide_confirmation", {"confirm": "true"})
        == "已裁定确认调解协议有效。"
    )
    # every action offered on the page has its own sentence, none is generic
    for name in actions.ACTIONS:
        text = actions.done_message(name, {})
        assert text and "操作成功" not in text and name not in text
