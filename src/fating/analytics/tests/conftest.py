"""The small factory county the dashboard tests share: seven disputes, three cases (four
litigants), rolled up."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fating.analytics import rollup
from fating.cases.models import Case, Filing
from fating.disputes.tests.factories import world  # noqa: F401  (fixture)
from fating.warnings.tests.factories import at, dispute, places

DAY = date(2026, 3, 10)


@pytest.fixture
def county(network):
    where = places(network)
    from fating.cases.tests.factories import cause

    c = cause()
    for i, status in enumerate(["agreed", "agreed", "referred", "village", "reported", "resolved"]):
        d = dispute(
            network,
            area=where.village,
            day=DAY + timedelta(days=i),
            people=3,
            status=status,
            agreed_at_tier="village" if status in ("agreed", "resolved") else "",
        )
    dispute(network, area=where.other_village, day=DAY, people=2)
    dispute(network, area=where.village, day=DAY - timedelta(days=365), people=40)  # last year
    for i, (closure, in_time) in enumerate([("mediation", True), ("judgment", False), ("", None)]):
        f = Filing.objects.create(
            filer=network.users["party"],
            filer_capacity="party",
            court=network.court,
            tribunal=network.tribunal,
            received_by=network.court,
            cause=c,
            submitted_at=at(DAY),
            status="accepted",
            source_dispute_id=d.pk,
        )
        # 诉讼主体 by residence: each case's plaintiff lives in 甲村; the first case's defendant
        # in 丙村 (万人成讼率 counts them where they live, not where the dispute happened).
        f.parties.create(role="plaintiff", kind="natural", name=f"原告{i}",
                         address=f"甲镇甲村{i + 1}号")  # fmt: skip
        if i == 0:
            f.parties.create(role="defendant", kind="natural", name="被告", address="丙镇丙村8号")
        Case.objects.create(
            filing=f,
            court=network.court,
            tribunal=network.tribunal,
            number=f"（2026）鲁0001民初{i}号",
            year=2026,
            type_code="民初",
            seq=i + 1,
            accepted_on=DAY,
            procedure="simple",
            due_on=DAY + timedelta(days=90),
            fee_amount=50,
            fee_due=50,
            status="closed" if closure else "open",
            closure=closure,
            closed_on=DAY + timedelta(days=20 + 10 * i) if closure else None,
            closed_in_time=in_time,
        )
    rollup.rebuild()
    return where
