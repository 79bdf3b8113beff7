"""What this app hears (`fating.core.events`, registered in JudgmentsConfig.ready): delivery's
served event fills the party's service date and deadline; an adjudication whose effective date
has already come (small claims, 调解书, a late-recorded service) takes effect at once. The daily
task `mark_effective` catches the rest as their periods run out."""

from __future__ import annotations

from fating.core.events import DomainEvent

SUBSCRIPTIONS: tuple[tuple[str, str], ...] = (
    ("delivery.service.served", "fating.judgments.subscribers.document_served"),
)


def document_served(event: DomainEvent) -> None:
    if event.target_type != "delivery.service" or event.target_pk is None:
        return
    from fating.delivery.models import Service
    from fating.judgments import services

    service = Service.objects.filter(pk=event.target_pk, paper_copy_of__isnull=True).first()
    if service is None or service.served_at is None:
        return
    for pk in services.record_service(
        document_id=service.document_id, party_key=service.party_key, served_at=service.served_at
    ):
        services.take_effect(adjudication_id=pk)
