"""The JSON shape of a message, the same over the REST API, the WebSocket and polling."""

from __future__ import annotations

from typing import Any

from fating.conversations import rules
from fating.conversations.models import Message


def message_json(message: Message) -> dict[str, Any]:
    author = message.author
    side = rules.SIDE_LABELS.get(message.author_side, "")
    role = rules.ROLE_LABELS.get(message.author_role, "")
    data: dict[str, Any] = {
        "id": message.pk,
        "room": message.room_id,
        "kind": message.kind,
        "author": None if author is None else {"id": author.pk, "name": author.display_name},
        "author_label": f"{side}{role}" if side else role,
        "author_side": message.author_side,
        "text": message.body,
        "reply_to": None,
        "system_kind": message.system_kind,
        "created_at": message.created_at.isoformat(),
    }
    if message.reply_to_id:
        parent = message.reply_to
        data["reply_to"] = {"id": message.reply_to_id,
                            "excerpt": (parent.body if parent else "")[:60]}  # fmt: skip
    if message.file:
        data["file"] = {
            "name": message.file_name, "size": message.file_size, "sha256": message.file_sha256,
            "url": f"/api/v1/conversations/rooms/{message.room_id}/messages/{message.pk}/file/",
        }  # fmt: skip
    if message.kind == Message.Kind.EVIDENCE and hasattr(message, "evidence"):
        item = message.evidence
        data["evidence"] = {
            "id": item.pk, "seq": item.seq, "title": item.title, "sha256": item.sha256,
            "file_name": item.file_name, "size": item.file_size,
            "url": f"/api/v1/conversations/rooms/{message.room_id}/evidence/{item.pk}/file/",
        }  # fmt: skip
    if message.kind == Message.Kind.PROPOSAL and hasattr(message, "proposal"):
        data["proposal"] = proposal_json(message.proposal)
    return data


def proposal_json(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk, "side": p.side, "amount": None if p.amount is None else str(p.amount),
        "schedule": p.schedule, "terms": p.terms, "status": p.status,
        "status_label": p.get_status_display(), "counter_of": p.counter_of_id,
        "agreement": p.agreement_id,
    }  # fmt: skip
