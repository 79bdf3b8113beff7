"""Test data for warnings and analytics: an area tree under network A and raw records written
straight through the ORM (tests may seed other apps' rows; app code never writes them)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from fating.disputes.models import Dispute, DisputeParty
from fating.network.models import Area
from fating.testing import AreaFactory, Network

_ref = itertools.count(1)


@dataclass
class Places:
    township: Area
    village: Area
    other_township: Area
    other_village: Area


def places(network: Network) -> Places:
    county = network.court.area
    township = AreaFactory(name="甲镇", level=Area.Level.TOWNSHIP, parent=county, population=42000)
    village = AreaFactory(name="甲村", level=Area.Level.VILLAGE, parent=township, population=1800)
    other = AreaFactory(name="丙镇", level=Area.Level.TOWNSHIP, parent=county, population=30000)
    other_village = AreaFactory(name="丙村", level=Area.Level.VILLAGE, parent=other, population=900)
    network.tribunal.areas.add(township, other)
    network.point.areas.add(village)
    return Places(township, village, other, other_village)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def dispute(
    network: Network, *, area: Area | None, cause: str = "物业服务合同纠纷", day: date | None = None,
    respondent: str = "", credit_code: str = "", people: int = 2, status: str = "reported",
    **extra: Any,
) -> Dispute:  # fmt: skip
    d = Dispute.objects.create(
        reference=f"JFT-{next(_ref):06d}", title="测试纠纷", description="测试",
        reporter=network.users["liaison"], reporter_kind="liaison", court=network.court,
        tribunal=network.tribunal, service_point=extra.pop("service_point", network.point),
        area=area, cause_name=cause, people_involved=people, status=status, **extra,
    )  # fmt: skip
    if respondent:
        DisputeParty.objects.create(dispute=d, role="respondent", kind="organisation",
                                    name=respondent, credit_code=credit_code)  # fmt: skip
    if day is not None:
        Dispute.objects.filter(pk=d.pk).update(created_at=at(day))
        d.refresh_from_db()
    return d
