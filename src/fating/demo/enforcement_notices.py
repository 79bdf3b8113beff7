"""Demo notices, property report and 执行事务中心 queue, through the services:

- every demo enforcement case gets its 执行通知书 and 报告财产令, served by post on the respondent
  with the postal receipt recorded (delivery decides the service date; the case records it);
- the auction case's respondent (杨某) reports a bank account but not the house the search found:
  the omission is flagged for sanction (漏报, a fine proposed; a 失信 ground), nothing imposed;
- the queue holds the filing tasks (查控, 送达) of each case, a 网拍公告 task asked for the auction
  case, and one task claimed by the executor.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fating.accounts.models import User
from fating.delivery import services as delivery
from fating.enforcement import services_notices
from fating.enforcement.models import CentreTask, EnforcementCase


def serve_notices(case: EnforcementCase, executor: Any, days_ago: int = 1) -> None:
    """Issue both notices and serve each on the respondent by post, the receipt signed
    `days_ago` days back (at 10:00)."""
    when = min(
        timezone.make_aware(
            datetime.combine(timezone.localdate() - timedelta(days=days_ago), time(10))
        ),
        timezone.now() - timedelta(minutes=1),
    )
    for n, document in enumerate(services_notices.issue_notices(actor=executor, case=case), 1):
        party = case.parties.get(role="respondent", name=document.context["respondent"])
        service = delivery.serve_document(
            actor=executor, document=document, channels=["post"],
            party_key=f"enforcement.enforcementparty:{party.pk}",
            tracking_number=f"EMS{case.pk:04d}{n:02d}",
        )  # fmt: skip
        attempt = service.attempts.order_by("pk").first()
        delivery.record_outcome(actor=executor, attempt=attempt, kind="postal_signed",
                                occurred_at=when)  # fmt: skip
        # The subscriber does the same after commit; inside one seeding transaction the case
        # must know at once (a 限制消费令 follows on the 终本 case).
        service.refresh_from_db()
        services_notices.record_notice_service(service_id=service.pk)


def seed_enforcement_notices() -> int:
    executor = User.objects.get(username="executor")
    house_case = EnforcementCase.objects.filter(
        parties__name="杨某", parties__role="respondent"
    ).first()
    flags = 0
    if house_case is not None:
        respondent = house_case.parties.get(role="respondent")
        report = services_notices.submit_report(
            actor=executor, case=house_case, party=respondent,
            items=[{"kind": "deposit", "holder": "青禾农村商业银行", "reference": "6230000000001111",
                    "value": Decimal("1200.00"), "note": "工资卡"},
                   {"kind": "income", "holder": "个体经营", "reference": "",
                    "value": Decimal("3000.00"), "note": "每月收入约3000元"}],
        )  # fmt: skip
        flags = report.flags.count()
        services_notices.request_task(actor=executor, case=house_case, kind="auction_notice",
                                      note="二拍成交后的拍卖公告与成交确认书送达")  # fmt: skip
    first_open = CentreTask.objects.filter(status="open").order_by("pk").first()
    if first_open is not None:
        services_notices.move_task(actor=executor, task=first_open, name="claim")
    return flags
