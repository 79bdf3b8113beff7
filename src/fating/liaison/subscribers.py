"""Diary entries for the acts the system already knows (issue 17): a dispute a liaison
reported, a filing a liaison submitted for a party, a document a liaison served in person.
Registered in LiaisonConfig.ready for the services' audit events; each source event writes
at most one entry (services.record_act is keyed by it)."""

from __future__ import annotations

from django.utils import timezone

from fating.cases.models import Filing
from fating.core.events import DomainEvent
from fating.delivery.models import Receipt
from fating.disputes.models import Dispute
from fating.liaison import rules, services
from fating.network.models import Liaison


def _liaison(user_id: int | None) -> Liaison | None:
    if not user_id:
        return None
    return Liaison.objects.filter(user_id=user_id, active=True).first()


def on_event(event: DomainEvent) -> None:
    handler = {
        "disputes.dispute.report": _reported,
        "cases.filing.submit": _filed,
        "delivery.attempt.outcome": _served,
    }.get(event.name)
    if handler is not None and event.target_pk is not None:
        handler(event, event.target_pk)


def _reported(event: DomainEvent, pk: int) -> None:
    dispute = Dispute.objects.select_related("area").filter(pk=pk).first()
    if dispute is None or dispute.reporter_kind != Dispute.ReporterKind.LIAISON:
        return
    liaison = _liaison(dispute.reporter_id)
    if liaison is None:
        return
    names = "、".join(dispute.parties.values_list("name", flat=True)[:6])
    services.record_act(
        liaison=liaison, kind=rules.REPORT, source_key=f"{event.name}:{pk}",
        occurred_on=timezone.localdate(dispute.created_at), place=dispute.area,
        people_met=names, notes=f"{dispute.reference} {dispute.title}", dispute=dispute,
    )  # fmt: skip


def _filed(event: DomainEvent, pk: int) -> None:
    filing = Filing.objects.filter(pk=pk).first()
    if filing is None or filing.filer_capacity != Filing.FilerCapacity.LIAISON:
        return
    liaison = _liaison(filing.assisted_by_id or filing.filer_id)
    if liaison is None:
        return
    names = "、".join(filing.parties.values_list("name", flat=True)[:6])
    services.record_act(
        liaison=liaison, kind=rules.FILING, source_key=f"{event.name}:{pk}",
        occurred_on=timezone.localdate(filing.submitted_at or timezone.now()),
        people_met=names, notes=f"代为提交网上立案申请（{filing}）", filing=filing,
    )  # fmt: skip


def _served(event: DomainEvent, pk: int) -> None:
    receipt = Receipt.objects.select_related("attempt__service").filter(pk=pk).first()
    if receipt is None or receipt.attempt.channel != "in_person":
        return
    liaison = _liaison(receipt.recorded_by_id)
    if liaison is None:
        return
    service = receipt.attempt.service
    services.record_act(
        liaison=liaison, kind=rules.SERVICE, source_key=f"{event.name}:{pk}",
        occurred_on=timezone.localdate(receipt.occurred_at), people_met=service.recipient_name,
        notes=f"直接送达（{receipt.get_kind_display()}）", service=service,
    )  # fmt: skip
