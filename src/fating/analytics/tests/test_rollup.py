"""The roll-up always equals a full recomputation, whatever happens to the records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fating.analytics import rollup
from fating.analytics.models import DailyCell
from fating.cases.models import Case, Filing
from fating.disputes.models import Dispute
from fating.testing import build_network
from fating.warnings.tests.factories import at, dispute, places

STATUSES = [
    "reported",
    "village",
    "joint",
    "delegated",
    "agreed",
    "resolved",
    "referred",
    "withdrawn",
]
CAUSES = ["物业服务合同纠纷", "民间借贷纠纷", "离婚纠纷"]

op = st.one_of(
    st.tuples(st.just("report"), st.integers(0, 2), st.integers(0, 40), st.integers(1, 9)),
    st.tuples(
        st.just("status"),
        st.integers(0, 50),
        st.sampled_from(STATUSES),
        st.sampled_from(["", "village", "joint"]),
    ),
    st.tuples(st.just("move"), st.integers(0, 50), st.integers(0, 2), st.integers(0, 40)),
    st.tuples(st.just("file"), st.integers(0, 50), st.integers(0, 40), st.booleans()),
    st.tuples(
        st.just("close"),
        st.integers(0, 50),
        st.sampled_from(["judgment", "mediation", "withdrawal"]),
        st.booleans(),
    ),
    st.tuples(st.just("delete"), st.integers(0, 50), st.just(0), st.just(0)),
)


@pytest.mark.django_db(transaction=False)
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(ops=st.lists(op, min_size=1, max_size=25))
def test_rollup_equals_recomputation(ops) -> None:
    from django.db import transaction

    with transaction.atomic():
        network = build_network()
        where = places(network)
        areas = [where.village, where.other_village, None]
        from fating.cases.tests.factories import cause

        c = cause()
        start = date(2026, 3, 2)
        disputes: list[Dispute] = []
        filings: list[Filing] = []
        for kind, a, b, d in ops:
            if kind == "report":
                x = dispute(
                    network, area=areas[a], cause=CAUSES[a], day=start + timedelta(days=b), people=d
                )
                disputes.append(x)
                rollup.sync("dispute", x.pk)
            elif kind == "status" and disputes:
                x = disputes[a % len(disputes)]
                Dispute.objects.filter(pk=x.pk).update(
                    status=b, agreed_at_tier=d if b in ("agreed", "resolved") else ""
                )
                rollup.sync("dispute", x.pk)
            elif kind == "move" and disputes:
                x = disputes[a % len(disputes)]
                Dispute.objects.filter(pk=x.pk).update(
                    area=areas[b], created_at=at(start + timedelta(days=d))
                )
                rollup.sync("dispute", x.pk)
            elif kind == "file":
                f = Filing.objects.create(
                    filer=network.users["party"],
                    filer_capacity="party",
                    court=network.court,
                    tribunal=network.tribunal,
                    received_by=network.court,
                    cause=c,
                    submitted_at=at(start + timedelta(days=b)),
                    status="submitted",
                    source_dispute_id=disputes[a % len(disputes)].pk if disputes and d else None,
                )
                filings.append(f)
                rollup.sync("filing", f.pk)
                if d:
                    case = Case.objects.create(
                        filing=f,
                        court=network.court,
                        tribunal=network.tribunal,
                        number=f"（2026）鲁9999民初{f.pk}号",
                        year=2026,
                        type_code="民初",
                        seq=f.pk,
                        accepted_on=start + timedelta(days=b),
                        procedure="simple",
                        due_on=start + timedelta(days=b + 90),
                        fee_amount=50,
                        fee_due=50,
                    )
                    rollup.sync("case", case.pk)
            elif kind == "close" and filings:
                f = filings[a % len(filings)]
                case = Case.objects.filter(filing=f).first()
                if case:
                    Case.objects.filter(pk=case.pk).update(
                        status="closed",
                        closure=b,
                        closed_on=case.accepted_on + timedelta(days=30),
                        closed_in_time=d,
                    )
                    rollup.sync("case", case.pk)
            elif kind == "delete" and disputes:
                x = disputes.pop(a % len(disputes))
                if not Filing.objects.filter(source_dispute_id=x.pk).exists():
                    pk = x.pk
                    x.delete()
                    rollup.sync("dispute", pk)
                else:
                    disputes.insert(0, x)
        fresh = rollup.recompute()
        assert rollup.stored() == fresh
        assert rollup.stored_totals() == rollup.totals(fresh)
        transaction.set_rollback(True)


def test_status_change_moves_one_unit_between_cells(network) -> None:
    where = places(network)
    d = dispute(network, area=where.village)
    rollup.sync("dispute", d.pk)
    Dispute.objects.filter(pk=d.pk).update(status="village")
    rollup.sync("dispute", d.pk)
    cells = {c.state: c.count for c in DailyCell.objects.filter(measure="dispute")}
    assert cells == {"reported": 0, "village": 1}


def test_sync_is_idempotent(network) -> None:
    d = dispute(network, area=None)
    assert rollup.sync("dispute", d.pk) is True
    assert rollup.sync("dispute", d.pk) is False


def test_rebuild_restores_the_recomputation(network) -> None:
    where = places(network)
    for _ in range(3):
        dispute(network, area=where.village)
    rollup.rebuild()
    assert rollup.consistent() and sum(v[0] for v in rollup.stored().values()) == 3
    days, months = rollup.stored_totals()
    assert sum(v[0] for k, v in days.items() if k[0] == "place") == 3
    assert sum(v[0] for k, v in months.items() if k[0] == "township") == 3


def test_service_event_keeps_rollup_current_after_commit(
    world, django_capture_on_commit_callbacks
) -> None:
    # Each service's audit event syncs its record after commit (analytics.subscribers); every
    # such service is walked in cases/tests/test_rollup_events.py.
    from fating.disputes import services
    from fating.disputes.tests.factories import reported, with_consent

    with django_capture_on_commit_callbacks(execute=True):
        d = reported(world)
    with_consent(world, d)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_mediation(actor=world.net.users["liaison"], dispute=d, tier="village",
                                 organisation=world.net.organisation, mediator=world.net.mediator)  # fmt: skip
    assert rollup.consistent()
    assert DailyCell.objects.get(measure="dispute", state="village").count == 1


def test_a_dispute_withdrawn_after_a_tier_stays_mediated(
    world, django_capture_on_commit_callbacks
) -> None:
    # 诉前调解 counts disputes that entered a tier, even when they end in withdrawal; the tier
    # shows only in the audit trail then (rollup.TIER_ACTIONS).
    from fating.disputes import services
    from fating.disputes.tests.factories import reported, with_consent

    liaison = world.net.users["liaison"]
    with django_capture_on_commit_callbacks(execute=True):
        straight, tiered = reported(world), reported(world)
    with_consent(world, tiered)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_mediation(actor=liaison, dispute=tiered, tier="village",
                                 organisation=world.net.organisation, mediator=world.net.mediator)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        for d in (straight, tiered):
            services.withdraw(actor=liaison, dispute=Dispute.objects.get(pk=d.pk), reason="和解")
    assert rollup.consistent()
    flags = dict(DailyCell.objects.filter(measure="dispute", state="withdrawn")
                 .values_list("flag", "count"))  # fmt: skip
    assert flags == {"": 1, rollup.TIERED: 1}


def test_a_closed_case_counts_again_on_its_closing_date(network) -> None:
    where = places(network)
    d = dispute(network, area=where.village)
    f = Filing.objects.create(
        filer=network.users["party"], filer_capacity="party", court=network.court,
        tribunal=network.tribunal, received_by=network.court, submitted_at=at(date(2025, 12, 1)),
        status="accepted", source_dispute_id=d.pk,
    )  # fmt: skip
    c = Case.objects.create(
        filing=f, court=network.court, tribunal=network.tribunal, number="（2025）鲁0001民初9号",
        year=2025, type_code="民初", seq=9, accepted_on=date(2025, 12, 1), procedure="simple",
        due_on=date(2026, 3, 1), fee_amount=50, fee_due=50,
    )  # fmt: skip
    rollup.sync("dispute", d.pk)  # brings its filing and case along
    assert not DailyCell.objects.filter(measure="closure").exists()
    Case.objects.filter(pk=c.pk).update(status="closed", closure="judgment",
                                        closed_on=date(2026, 2, 1), closed_in_time=True)  # fmt: skip
    rollup.sync("case", c.pk)
    cell = DailyCell.objects.get(measure="closure")
    assert (cell.day, cell.state, cell.flag, cell.days) == (date(2026, 2, 1), "judgment", "1", 62)
    assert DailyCell.objects.get(measure="case", count=1).day == date(2025, 12, 1)
    assert rollup.consistent()


def test_raw_save_is_not_an_event(network, django_capture_on_commit_callbacks) -> None:
    # Only services change counted records; a write around them is invisible until
    # `analytics_rebuild` (there is no hidden post_save wiring).
    with django_capture_on_commit_callbacks(execute=True):
        d = dispute(network, area=None)
        d.status = "village"
        d.save()
    assert not DailyCell.objects.exists()
