"""A meeting and a call at court A, made through the services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from fating.contact import services
from fating.contact.models import HotlineCall, Meeting
from fating.testing import Network


def meeting(network: Network, **kw: Any) -> Meeting:
    args: dict[str, Any] = {"service_point": network.point, "mode": "at_point",
                            "topic": "宅基地边界纠纷想当面问问法官", "preferred_times": "工作日下午"}  # fmt: skip
    args.update(kw)
    return services.request_meeting(actor=kw.pop("actor", network.users["party"]),
                                    **{k: v for k, v in args.items() if k != "actor"})  # fmt: skip


def call(
    network: Network, *, hours_ago: int = 1, category: str = "consult", **kw: Any
) -> HotlineCall:
    args: dict[str, Any] = {
        "court": network.court, "caller_name": "王女士", "caller_number": "0710-1234567",
        "topic": "询问离婚诉讼要带什么材料", "category": category,
        "received_at": timezone.now() - timedelta(hours=hours_ago),
        "assignee": network.users["judge"],
    }  # fmt: skip
    args.update(kw)
    return services.log_call(actor=kw.pop("actor", network.users["clerk"]),
                             **{k: v for k, v in args.items() if k != "actor"})  # fmt: skip
