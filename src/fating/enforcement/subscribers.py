"""What this app hears (`fating.core.events`, registered in EnforcementConfig.ready): delivery's
served event records a notice's service on the case (services_notices.record_notice_service); a
filed case gives the 执行事务中心 its 查控 and 送达 tasks."""

from __future__ import annotations

from fating.core.events import DomainEvent

SUBSCRIPTIONS: tuple[tuple[str, str], ...] = (
    ("delivery.service.served", "fating.enforcement.subscribers.notice_served"),
    ("enforcement.case.file", "fating.enforcement.subscribers.case_filed"),
)


def notice_served(event: DomainEvent) -> None:
    if event.target_type != "delivery.service" or event.target_pk is None:
        return
    from fating.enforcement.services_notices import record_notice_service

    record_notice_service(service_id=event.target_pk)


def case_filed(event: DomainEvent) -> None:
    if event.target_type != "enforcement.enforcementcase" or event.target_pk is None:
        return
    from fating.enforcement.services_notices import open_filing_tasks

    open_filing_tasks(case_id=event.target_pk)
