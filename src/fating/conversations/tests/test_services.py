"""Rooms, messages, evidence and cross-examination, proposals and blind bidding."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from fating.conversations import selectors, services
from fating.conversations.models import Message, Proposal
from fating.conversations.tests.factories import Chat, upload
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.disputes.models import Agreement
from fating.documents.exceptions import IntegrityFailure

ADMIT = {"authenticity": "admitted", "legality": "admitted", "relevance": "admitted"}


def test_members_come_from_the_dispute(chat: Chat) -> None:
    roles = {p: selectors.member_of(chat.user(p), chat.room) for p in
             ("applicant", "respondent", "mediator", "judge", "clerk", "liaison", "court_admin",
              "outsider", "other_admin", "party", "governance")}  # fmt: skip
    assert {p: (m.role, m.side) if m else None for p, m in roles.items()} == {
        "applicant": ("party", "applicant"), "respondent": ("party", "respondent"),
        "mediator": ("mediator", ""), "judge": ("judge", ""), "clerk": ("clerk", ""),
        "liaison": ("liaison", ""), "court_admin": ("observer", ""), "outsider": None,
        "other_admin": None, "party": None, "governance": None,
    }  # fmt: skip


def test_outsider_cannot_read_the_room(chat: Chat) -> None:
    with pytest.raises(NotVisible, match="群聊不存在。"):
        selectors.room_for(chat.user("outsider"), chat.room.pk)


def test_observer_cannot_post(chat: Chat) -> None:
    with pytest.raises(NotPermitted, match="您只能查看本群聊，不能发言。"):
        services.post_message(actor=chat.user("court_admin"), room=chat.room, text="你好")


def test_a_party_unlinked_from_the_dispute_loses_the_room(chat: Chat) -> None:
    chat.dispute.parties.filter(user=chat.user("respondent")).update(user=None)
    with pytest.raises(NotVisible):
        selectors.room_for(chat.user("respondent"), chat.room.pk)


def test_text_message_is_stored_with_the_authors_role(chat: Chat) -> None:
    m = services.post_message(actor=chat.user("applicant"), room=chat.room, text="请按时还款")
    assert (m.author_role, m.author_side, m.body) == ("party", "applicant", "请按时还款")


def test_empty_message_is_refused(chat: Chat) -> None:
    with pytest.raises(FieldError) as exc:
        services.post_message(actor=chat.user("applicant"), room=chat.room, text="  ")
    assert exc.value.fields == {"text": ["消息内容不能为空。"]}


def test_retrying_with_the_same_client_token_stores_once(chat: Chat) -> None:
    a = services.post_message(
        actor=chat.user("applicant"), room=chat.room, text="一", client_token="t1"
    )
    b = services.post_message(
        actor=chat.user("applicant"), room=chat.room, text="一", client_token="t1"
    )
    assert a.pk == b.pk and Message.objects.filter(room=chat.room, kind="text").count() == 1


def test_reply_must_be_in_the_same_room(chat: Chat) -> None:
    with pytest.raises(FieldError) as exc:
        services.post_message(
            actor=chat.user("applicant"), room=chat.room, text="x", reply_to=999999
        )
    assert exc.value.fields == {"reply_to": ["回复的消息不存在。"]}


def test_attachment_is_hashed_and_verified_when_read(chat: Chat) -> None:
    m = services.post_message(actor=chat.user("applicant"), room=chat.room, upload=upload())
    assert (
        services.open_file_verified(actor=chat.user("respondent"), message=m)
        == b"%PDF-1.4 IOU 50000"
    )
    with default_storage.open(m.file.name, "wb") as fh:
        fh.write(b"forged")
    with pytest.raises(IntegrityFailure, match="附件文件与上传时的哈希值不一致"):
        services.open_file_verified(actor=chat.user("respondent"), message=m)


def test_unread_counts_and_read_receipts(chat: Chat) -> None:
    m1 = services.post_message(actor=chat.user("applicant"), room=chat.room, text="一")
    services.post_message(actor=chat.user("applicant"), room=chat.room, text="二")
    assert selectors.unread_count(chat.user("respondent"), chat.room) == 2
    assert selectors.unread_count(chat.user("applicant"), chat.room) == 0
    services.mark_read(actor=chat.user("respondent"), room=chat.room, message_id=m1.pk)
    assert selectors.unread_count(chat.user("respondent"), chat.room) == 1
    receipts = selectors.read_receipts(chat.room)
    assert [(r["user"], r["last_read_id"]) for r in receipts] == [
        (chat.user("respondent").pk, m1.pk)
    ]


def test_system_event_appears_in_the_timeline(chat: Chat) -> None:
    services.post_system_event(chat.room, "已安排调解：明天上午九时", "session_scheduled")
    last = Message.objects.filter(room=chat.room).last()
    assert (last.kind, last.system_kind, last.author) == ("system", "session_scheduled", None)


# Evidence and cross-examination ---------------------------------------------------------------


def test_evidence_is_numbered_and_hashed(chat: Chat) -> None:
    item = services.submit_evidence(actor=chat.user("applicant"), room=chat.room, title="借条",
                                    upload=upload())  # fmt: skip
    import hashlib

    assert (item.seq, item.side, item.sha256) == (
        1,
        "applicant",
        hashlib.sha256(b"%PDF-1.4 IOU 50000").hexdigest(),
    )


def test_only_sides_submit_evidence(chat: Chat) -> None:
    with pytest.raises(NotPermitted, match="只有当事人及其代理人可以提交证据。"):
        services.submit_evidence(
            actor=chat.user("mediator"), room=chat.room, title="x", upload=upload()
        )


def test_tampered_evidence_is_refused_on_download(chat: Chat) -> None:
    item = services.submit_evidence(actor=chat.user("applicant"), room=chat.room, title="借条",
                                    upload=upload())  # fmt: skip
    with default_storage.open(item.file.name, "wb") as fh:
        fh.write(b"changed")
    with pytest.raises(IntegrityFailure, match="证据文件与上传时的哈希值不一致"):
        services.open_evidence_verified(actor=chat.user("judge"), room=chat.room, evidence=item)


def test_submitter_cannot_cross_examine_own_evidence(chat: Chat) -> None:
    item = services.submit_evidence(
        actor=chat.user("applicant"), room=chat.room, title="借条", upload=upload()
    )
    with pytest.raises(NotPermitted, match="不能对本方提交的证据发表质证意见。"):
        services.record_opinion(
            actor=chat.user("applicant"), room=chat.room, evidence=item, values=ADMIT
        )


def test_cross_examination_table(chat: Chat) -> None:
    item = services.submit_evidence(actor=chat.user("applicant"), room=chat.room, title="借条",
                                    upload=upload(), purpose="证明借款事实")  # fmt: skip
    services.submit_evidence(actor=chat.user("respondent"), room=chat.room, title="转账记录",
                             upload=upload("转账.pdf", b"%PDF-1.4 bank"))  # fmt: skip
    services.record_opinion(actor=chat.user("respondent"), room=chat.room, evidence=item, values={
        "authenticity": "admitted", "legality": "admitted", "relevance": "disputed",
        "relevance_reason": "借款已部分归还"})  # fmt: skip
    table = selectors.cross_examination_table(chat.room)
    assert [(r["seq"], r["title"], r["side"]) for r in table] == [
        (1, "借条", "applicant"),
        (2, "转账记录", "respondent"),
    ]
    assert table[0]["opinions"]["respondent"]["relevance"] == {
        "opinion": "disputed",
        "reason": "借款已部分归还",
        "label": "有异议",
        "property": "关联性",
    }
    assert table[1]["opinions"] == {"applicant": None}


def test_a_side_gives_its_opinion_once(chat: Chat) -> None:
    item = services.submit_evidence(
        actor=chat.user("applicant"), room=chat.room, title="借条", upload=upload()
    )
    services.record_opinion(
        actor=chat.user("respondent"), room=chat.room, evidence=item, values=ADMIT
    )
    with pytest.raises(InvalidTransition, match="本方已对该证据发表质证意见。"):
        services.record_opinion(
            actor=chat.user("respondent"), room=chat.room, evidence=item, values=ADMIT
        )


def test_mediator_exports_the_table_into_the_dossier(chat: Chat) -> None:
    from fating.documents.selectors import dossier_of, entries_of

    item = services.submit_evidence(
        actor=chat.user("applicant"), room=chat.room, title="借条", upload=upload()
    )
    services.record_opinion(
        actor=chat.user("respondent"), room=chat.room, evidence=item, values=ADMIT
    )
    entry = services.export_cross_examination(actor=chat.user("mediator"), room=chat.room)
    assert entry.title == "质证意见表" and entry.category == "evidence"
    assert list(entries_of(dossier_of(chat.dispute)))[-1].pk == entry.pk
    content = default_storage.open(entry.file.name).read().decode("utf-8-sig")
    assert "借条" in content and "认可" in content


def test_parties_cannot_export_the_table(chat: Chat) -> None:
    with pytest.raises(NotPermitted, match="只有法官、法官助理或调解员可以将质证意见表归入卷宗。"):
        services.export_cross_examination(actor=chat.user("applicant"), room=chat.room)


# Proposals ------------------------------------------------------------------------------------


def test_accepted_proposal_becomes_the_draft_agreement(chat: Chat) -> None:
    p = services.propose(actor=chat.user("respondent"), room=chat.room, amount="45000",
                         schedule="分三期", terms="李四向张三支付45000元")  # fmt: skip
    services.respond_to_proposal(
        actor=chat.user("applicant"), room=chat.room, proposal=p, decision="accept"
    )
    agreement = services.draft_agreement_from_proposal(
        actor=chat.user("mediator"), room=chat.room, proposal=p,
        facts="李四向张三借款五万元，到期未还。", performance="银行转账",
        deadline=timezone.localdate() + timedelta(days=90),
    )  # fmt: skip
    assert agreement.status == Agreement.Status.DRAFT
    assert "45000.00" in agreement.terms and "分三期" in agreement.terms
    p.refresh_from_db()
    assert p.agreement_id == agreement.pk


def test_counter_creates_a_new_proposal(chat: Chat) -> None:
    p = services.propose(
        actor=chat.user("respondent"), room=chat.room, amount="40000", terms="一次付清"
    )
    c = services.respond_to_proposal(actor=chat.user("applicant"), room=chat.room, proposal=p,
                                     decision="counter", amount="48000", terms="一次付清")  # fmt: skip
    p.refresh_from_db()
    assert (p.status, c.counter_of_id, c.side, c.amount) == (
        "countered",
        p.pk,
        "applicant",
        Decimal("48000"),
    )


def test_proposer_cannot_accept_own_proposal(chat: Chat) -> None:
    p = services.propose(
        actor=chat.user("respondent"), room=chat.room, amount="40000", terms="一次付清"
    )
    with pytest.raises(NotPermitted, match="不能回应本方提出的方案。"):
        services.respond_to_proposal(
            actor=chat.user("respondent"), room=chat.room, proposal=p, decision="accept"
        )


def test_an_answered_proposal_cannot_be_answered_again(chat: Chat) -> None:
    p = services.propose(
        actor=chat.user("respondent"), room=chat.room, amount="40000", terms="一次付清"
    )
    services.respond_to_proposal(
        actor=chat.user("applicant"), room=chat.room, proposal=p, decision="reject"
    )
    with pytest.raises(InvalidTransition, match="该方案已有回应。"):
        services.respond_to_proposal(
            actor=chat.user("applicant"), room=chat.room, proposal=p, decision="accept"
        )


def test_draft_needs_an_accepted_proposal(chat: Chat) -> None:
    p = services.propose(
        actor=chat.user("respondent"), room=chat.room, amount="40000", terms="一次付清"
    )
    with pytest.raises(InvalidTransition, match="只有已接受的方案可以起草调解协议。"):
        services.draft_agreement_from_proposal(actor=chat.user("mediator"), room=chat.room, proposal=p,
                                               facts="x" * 12, performance="转账",
                                               deadline=timezone.localdate())  # fmt: skip


# Blind bidding --------------------------------------------------------------------------------


def _visible_text(chat: Chat) -> str:
    return "\n".join(Message.objects.filter(room=chat.room).values_list("body", flat=True))


def test_blind_offers_reveal_nothing_until_settlement(chat: Chat) -> None:
    services.open_bidding(actor=chat.user("mediator"), room=chat.room, gap="2000")
    services.submit_offer(actor=chat.user("applicant"), room=chat.room, amount="50000")
    services.submit_offer(actor=chat.user("respondent"), room=chat.room, amount="30000")
    text = _visible_text(chat)
    assert "50000" not in text and "30000" not in text
    respondent_view = selectors.bidding_view(
        chat.room, selectors.member_of(chat.user("respondent"), chat.room)
    )
    assert [o["amount"] for o in respondent_view["own_offers"]] == ["30000.00"]
    assert "50000" not in str(respondent_view)
    mediator_view = selectors.bidding_view(
        chat.room, selectors.member_of(chat.user("mediator"), chat.room)
    )
    assert "50000" not in str(mediator_view) and "30000" not in str(mediator_view)
    assert not Proposal.objects.filter(room=chat.room).exists()


def test_blind_bidding_settles_at_the_midpoint(chat: Chat) -> None:
    services.open_bidding(actor=chat.user("mediator"), room=chat.room, gap="2000")
    services.submit_offer(actor=chat.user("applicant"), room=chat.room, amount="50000")
    services.submit_offer(actor=chat.user("respondent"), room=chat.room, amount="30000")
    services.submit_offer(actor=chat.user("applicant"), room=chat.room, amount="45000")
    services.submit_offer(actor=chat.user("respondent"), room=chat.room, amount="43500")
    settlement = Proposal.objects.get(room=chat.room)
    assert (settlement.amount, settlement.side) == (Decimal("44250.00"), "")
    # The earlier figures stay secret even after settlement.
    assert "50000" not in _visible_text(chat) and "30000" not in _visible_text(chat)


def test_midpoint_proposal_binds_when_both_sides_accept(chat: Chat) -> None:
    services.open_bidding(actor=chat.user("mediator"), room=chat.room, gap="1000")
    services.submit_offer(actor=chat.user("applicant"), room=chat.room, amount="45000")
    services.submit_offer(actor=chat.user("respondent"), room=chat.room, amount="44000")
    p = Proposal.objects.get(room=chat.room)
    services.respond_to_proposal(
        actor=chat.user("applicant"), room=chat.room, proposal=p, decision="accept"
    )
    p.refresh_from_db()
    assert (p.status, p.accepted_sides) == ("open", ["applicant"])
    services.respond_to_proposal(
        actor=chat.user("respondent"), room=chat.room, proposal=p, decision="accept"
    )
    p.refresh_from_db()
    assert (p.status, p.accepted_sides) == ("accepted", ["applicant", "respondent"])


def test_only_the_mediator_opens_bidding(chat: Chat) -> None:
    with pytest.raises(NotPermitted, match="只有调解员、法官或法官助理可以发起背对背报价。"):
        services.open_bidding(actor=chat.user("applicant"), room=chat.room, gap="1000")


def test_offer_without_open_bidding_is_refused(chat: Chat) -> None:
    with pytest.raises(InvalidTransition, match="当前没有进行中的背对背报价。"):
        services.submit_offer(actor=chat.user("applicant"), room=chat.room, amount="1")
