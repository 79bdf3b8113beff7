"""The evidence table and blind bidding speak Chinese to the page (issue 12): sides, opinions and
the bidding status come with their labels; the file hash is for court staff only."""

from __future__ import annotations

from fating.conversations import selectors, services
from fating.conversations.tests.factories import Chat, upload
from fating.testing import client_for


def test_evidence_table_rows_carry_chinese_labels(chat: Chat) -> None:
    item = services.submit_evidence(actor=chat.user("applicant"), room=chat.room, title="借条",
                                    upload=upload())  # fmt: skip
    services.record_opinion(actor=chat.user("respondent"), room=chat.room, evidence=item, values={
        "authenticity": "admitted", "legality": "admitted", "relevance": "disputed",
        "relevance_reason": "借款已部分归还"})  # fmt: skip
    row = selectors.cross_examination_table(chat.room)[0]
    assert row["side_label"] == "申请人"
    assert row["opinion_sides"] == {"respondent": "被申请人"}
    opinion = row["opinions"]["respondent"]
    assert [
        (opinion[k]["property"], opinion[k]["label"]) for k in ("authenticity", "relevance")
    ] == [
        ("真实性", "认可"),
        ("关联性", "有异议"),
    ]


def test_bidding_view_has_a_status_label(chat: Chat) -> None:
    services.open_bidding(actor=chat.user("mediator"), room=chat.room, gap="2000")
    _room, member = selectors.room_for(chat.user("applicant"), chat.room.pk)
    view = selectors.bidding_view(chat.room, member)
    assert view is not None and view["status"] == "open" and view["status_label"] == "报价中"
    services.submit_offer(actor=chat.user("applicant"), room=chat.room, amount="45000")
    services.submit_offer(actor=chat.user("respondent"), room=chat.room, amount="44000")
    view = selectors.bidding_view(chat.room, member)
    assert view is not None and "settled" not in view["status_label"]


def test_room_page_shows_hashes_only_to_court_staff(chat: Chat) -> None:
    party = client_for(chat.user("applicant")).get(f"/conversations/{chat.room.pk}/")
    judge = client_for(chat.user("judge")).get(f"/conversations/{chat.room.pk}/")
    assert party.status_code == 200 and judge.status_code == 200
    assert 'data-detail="0"' in party.content.decode()
    assert 'data-detail="1"' in judge.content.decode()
    assert "已核验" in party.content.decode()  # the word the script shows beside each file
