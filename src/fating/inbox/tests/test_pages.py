"""What a person sees: the unread badge on the home page and in the header, opening a message
marks it read, mark all read, the preferences form with its legal channels locked."""

from __future__ import annotations

import pytest

from fating.core.notify import notify
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db


def test_badge_open_and_mark_all(network: Network) -> None:
    party = network.users["party"]
    first, *_ = notify(dedupe_key="p:1", subject="立案通知：（2026）鲁0321民初1号", body="已立案",
                       user=party, link="/cases/1/")  # fmt: skip
    notify(dedupe_key="p:2", subject="开庭通知", body="定于…开庭", user=party)
    client = client_for(party)
    home = client.get("/").content.decode()
    assert 'href="/inbox/"' in home and "2 条未读" in home
    page = client.get("/inbox/").content.decode()
    assert "立案通知" in page and "全部标为已读" in page
    opened = client.get(f"/inbox/{first.pk}/").content.decode()
    assert "已立案" in opened and 'href="/cases/1/"' in opened
    first.refresh_from_db()
    assert first.read_at is not None
    assert "1 条未读" in client.get("/").content.decode()
    assert client.post("/inbox/read-all/").status_code == 302
    assert "条未读" not in client.get("/inbox/").content.decode()


def test_preferences_page_locks_legal_channels(network: Network) -> None:
    client = client_for(network.users["party"])
    page = client.get("/inbox/preferences/").content.decode()
    assert "开庭通知" in page and "法定" in page and "民事诉讼法 第139条" in page
    refused = client.post("/inbox/preferences/", {"kind": "hearing.scheduled", "in_app": "on"})
    assert refused.status_code == 400 and "不能关闭" in refused.content.decode()


def test_api_lists_and_reads(network: Network) -> None:
    party = network.users["party"]
    message, *_ = notify(dedupe_key="a:1", subject="补正通知", body="请补正", user=party)
    client = client_for(party)
    data = client.get("/api/v1/inbox/?unread=1").json()
    assert data["unread"] == 1 and data["results"][0]["subject"] == "补正通知"
    assert client.post(f"/api/v1/inbox/{message.pk}/read/").json()["read_at"]
    assert client.get("/api/v1/inbox/?unread=1").json()["count"] == 0
