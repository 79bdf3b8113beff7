"""Evidence and cross-examination (质证): submit an item (hashed), record each opposing side's
opinions, and export the table into the matter's dossier."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.conversations import live, rules
from fating.conversations.models import EvidenceItem, EvidenceOpinion, Message, Room
from fating.conversations.selectors import cross_examination_table, room_for, sides_of
from fating.conversations.services.messages import check_upload, read_verified
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible

ONLY_SIDES = gettext_noop("只有当事人及其代理人可以提交证据。")


@transaction.atomic
def submit_evidence(
    *, actor: Any, room: Room, title: str, upload: Any, purpose: str = ""
) -> EvidenceItem:
    """A party or agent submits an evidence item: stored with its SHA-256, numbered, listed in
    the timeline, and open to the other sides' opinions (在线诉讼规则 第14条)."""
    room, member = room_for(actor, room.pk, write=True)
    if not rules.acts_for_side(member.role, member.side):
        raise NotPermitted(_(ONLY_SIDES))
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("请填写证据名称。")
    elif len(title) > 200:
        errors["title"] = _("证据名称不能超过200个字。")
    sha256, size = ("", 0)
    if upload is None:
        errors["file"] = _("请上传证据文件。")
    else:
        sha256, size = check_upload(upload, "file", errors)
    if errors:
        raise FieldError(errors)
    Room.objects.select_for_update().filter(pk=room.pk).first()  # serialise numbering
    seq = (room.evidence.aggregate(m=Max("seq"))["m"] or 0) + 1
    label = rules.SIDE_LABELS.get(member.side, member.side)
    message = Message.objects.create(
        room=room, kind=Message.Kind.EVIDENCE, author=actor, author_role=member.role,
        author_side=member.side, body=f"{label}提交证据{seq}：{title}",
    )  # fmt: skip
    name = (getattr(upload, "name", "") or "evidence.bin")[-200:]
    item = EvidenceItem(room=room, message=message, seq=seq, title=title,
                        purpose=(purpose or "").strip(), side=member.side, submitted_by=actor,
                        file_name=name, file_size=size, sha256=sha256)  # fmt: skip
    item.file.save(name, upload, save=False)
    item.save()
    record_event(actor=actor, action="conversations.evidence.submit", target=item,
                 after={"room": room.pk, "seq": seq, "side": member.side, "sha256": sha256})  # fmt: skip
    live.push_message(message.pk, room.pk)
    return item


@transaction.atomic
def record_opinion(
    *, actor: Any, room: Room, evidence: EvidenceItem, values: dict[str, str]
) -> EvidenceOpinion:
    """An opposing side's 质证意见 on 真实性/合法性/关联性 (解释 第104条). One per side; the first
    recorded stands (it is part of the record)."""
    room, member = room_for(actor, room.pk, write=True)
    if evidence.room_id != room.pk:
        raise NotVisible(_("证据不存在。"))
    if not rules.acts_for_side(member.role, member.side):
        raise NotPermitted(_("只有当事人及其代理人可以发表质证意见。"))
    if member.side == evidence.side:
        raise NotPermitted(_("不能对本方提交的证据发表质证意见。"))
    if member.side not in rules.opposing_sides(sides_of(room), evidence.side):
        raise NotPermitted(_("只有对方当事人可以发表质证意见。"))
    errors = rules.opinion_errors(values)
    if errors:
        raise FieldError(errors)
    if EvidenceOpinion.objects.filter(evidence=evidence, side=member.side).exists():
        raise InvalidTransition(_("本方已对该证据发表质证意见。"))
    fields = {}
    for key, _label in rules.PROPERTIES:
        fields[key] = values[key]
        fields[f"{key}_reason"] = (values.get(f"{key}_reason") or "").strip()
    opinion = EvidenceOpinion.objects.create(evidence=evidence, side=member.side, author=actor,
                                             **fields)  # fmt: skip
    label = rules.SIDE_LABELS.get(member.side, member.side)
    summary = "，".join(
        f"{name}{'认可' if values[key] == rules.ADMITTED else '有异议'}"
        for key, name in rules.PROPERTIES
    )
    message = Message.objects.create(
        room=room, kind=Message.Kind.TEXT, author=actor, author_role=member.role,
        author_side=member.side, body=f"{label}对证据{evidence.seq}（{evidence.title}）的质证意见：{summary}",
        reply_to=evidence.message,
    )  # fmt: skip
    record_event(actor=actor, action="conversations.evidence.opinion", target=opinion,
                 after={"evidence": evidence.pk, "side": member.side, **fields})  # fmt: skip
    live.push_message(message.pk, room.pk)
    return opinion


def table_csv(room: Room) -> bytes:
    """The cross-examination table as CSV (UTF-8 with BOM, so spreadsheet programs read it)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["序号", "证据名称", "证明目的", "提交方", "SHA-256", "质证方",
                     "真实性", "真实性理由", "合法性", "合法性理由", "关联性", "关联性理由"])  # fmt: skip
    words = {rules.ADMITTED: "认可", rules.DISPUTED: "有异议"}
    for row in cross_examination_table(room):
        submitter = rules.SIDE_LABELS.get(row["side"], row["side"])
        for side, opinion in row["opinions"].items() or [("", None)]:
            cells = [row["seq"], row["title"], row["purpose"], submitter, row["sha256"],
                     rules.SIDE_LABELS.get(side, side)]  # fmt: skip
            for key, _label in rules.PROPERTIES:
                if opinion is None:
                    cells += ["未发表", ""]
                else:
                    cells += [words[opinion[key]["opinion"]], opinion[key]["reason"]]
            writer.writerow(cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@transaction.atomic
def export_cross_examination(*, actor: Any, room: Room) -> Any:
    """The judge or mediator files the cross-examination table into the matter's dossier
    (documents.add_to_dossier, which hashes and chains it)."""
    from fating.documents.services import add_to_dossier

    room, member = room_for(actor, room.pk, write=True)
    if not rules.can_manage(member.role):
        raise NotPermitted(_("只有法官、法官助理或调解员可以将质证意见表归入卷宗。"))
    if not room.evidence.exists():
        raise InvalidTransition(_("尚无证据，无需导出质证意见表。"))
    upload = ContentFile(table_csv(room), name="质证意见表.csv")
    entry = add_to_dossier(actor=actor, matter=room.matter, title="质证意见表",
                           category="evidence", upload=upload, generated=True)  # fmt: skip
    record_event(actor=actor, action="conversations.evidence.export", target=room,
                 after={"dossier_entry": entry.pk, "items": room.evidence.count()})  # fmt: skip
    return entry


def open_evidence_verified(*, actor: Any, room: Room, evidence: EvidenceItem) -> bytes:
    room_for(actor, room.pk)
    if evidence.room_id != room.pk:
        raise NotVisible(_("证据不存在。"))
    return read_verified(evidence.file.name, evidence.sha256, what=_("证据"))
