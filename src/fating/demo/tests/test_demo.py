"""The demo county: realistic sizes, deterministic for a seed, bulk-written."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fating.accounts.models import Role, User
from fating.core.audit import verify_chain
from fating.demo.county import fingerprint, seed_county
from fating.demo.plan import DEMO_LOGINS, DEMO_PASSWORD, build_county
from fating.network.models import Area, ServicePoint


def _plan_digest(seed: int, scale: int = 1) -> list:
    plan = build_county(seed=seed, scale=scale)
    return [
        [(a.code, a.name, a.population) for a in plan.areas],
        [(p.key, p.full_name, p.mobile) for p in plan.people],
        [(p.name, p.lng, p.lat) for p in plan.points],
    ]


def test_plan_is_deterministic_for_a_seed() -> None:
    assert _plan_digest(7) == _plan_digest(7)
    assert _plan_digest(7) != _plan_digest(8)


def test_plan_has_the_promised_sizes() -> None:
    plan = build_county()
    levels = Counter(a.level for a in plan.areas)
    assert levels["township"] >= 12 and levels["village"] >= 200
    assert len(plan.tribunals) >= 3
    assert len(plan.points) >= 12
    assert 200 <= len(plan.liaisons) <= 250
    assert 35 <= len(plan.orgs) <= 45
    assert len(plan.mediators) == 600
    assert {p.role for p in plan.people} == set(Role.values)
    villages = [a for a in plan.areas if a.level == "village"]
    assert all(a.population and a.population > 0 for a in villages)
    county = plan.areas[0]
    assert county.population == sum(a.population for a in plan.areas if a.level == "township")


def test_scale_multiplies_volume() -> None:
    small, large = build_county(scale=1), build_county(scale=3)
    assert len([a for a in large.areas if a.level == "village"]) == 600
    assert len(large.mediators) > 2.5 * len(small.mediators)
    assert len({a.code for a in large.areas}) == len(large.areas)


@pytest.mark.django_db
def test_seeding_writes_the_plan_with_bulk_inserts() -> None:
    plan = build_county(seed=11)
    with CaptureQueriesContext(connection) as ctx:
        counts = seed_county(plan)
    assert counts["users"] == len(plan.people)
    # Bulk writes: a few dozen statements, not one per row.
    assert len(ctx.captured_queries) < 120
    assert Area.objects.filter(level="village").count() == 200
    assert ServicePoint.objects.exclude(paired_officer=None).count() == len(plan.points)
    for login in DEMO_LOGINS:
        assert User.objects.get(username=login).check_password(DEMO_PASSWORD)
    assert verify_chain() is None


@pytest.mark.django_db(transaction=True)
def test_database_content_is_deterministic_for_a_seed() -> None:
    seed_county(build_county(seed=5))
    first = fingerprint()
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    seed_county(build_county(seed=5))
    assert fingerprint() == first
    call_command("flush", interactive=False, verbosity=0)
    seed_county(build_county(seed=6))
    assert fingerprint() != first


def test_neighbour_plan_is_deterministic_and_small() -> None:
    from fating.demo.plan import NEIGHBOUR_COURT_CODE, build_neighbour

    first, again = build_neighbour(7), build_neighbour(7)
    assert [(p.key, p.full_name, p.mobile) for p in first.people] == [
        (p.key, p.full_name, p.mobile) for p in again.people
    ]
    assert [a.name for a in first.areas] != [a.name for a in build_neighbour(8).areas]
    assert first.court_code == NEIGHBOUR_COURT_CODE and len(first.tribunals) == 1
    levels = Counter(a.level for a in first.areas)
    assert levels["county"] == 1 and levels["township"] == 3 and levels["village"] == 18
    assert 4 <= len(first.points) <= 8
    assert {"court_admin", "judge", "clerk", "liaison", "mediator", "governance"} <= {
        p.role for p in first.people
    }
    # Nothing clashes with the first county: codes, usernames and mobile numbers.
    main = build_county()
    assert not {a.code for a in main.areas} & {a.code for a in first.areas}
    assert not {p.key for p in main.people} & {p.key for p in first.people}
    assert not {p.mobile for p in main.people} & {p.mobile for p in first.people}


@pytest.mark.django_db
def test_second_court_and_the_cross_court_login() -> None:
    from fating.accounts.selectors import scope_of
    from fating.demo.county import seed_neighbour
    from fating.demo.plan import CROSS_LOGIN, NEIGHBOUR_COURT_CODE, NEIGHBOUR_LOGINS
    from fating.network.models import Court

    seed_county(build_county(seed=11))
    counts = seed_neighbour(11)
    assert counts["tribunals"] == 1
    qinghe, liuchuan = (
        Court.objects.get(code="鲁0399"),
        Court.objects.get(code=NEIGHBOUR_COURT_CODE),
    )
    for login in NEIGHBOUR_LOGINS:
        assert User.objects.get(username=login).check_password(DEMO_PASSWORD)
    cross = User.objects.get(username=CROSS_LOGIN)
    scope = scope_of(cross)
    assert scope.courts(Role.CLERK) == {liuchuan.pk}
    assert scope.courts(Role.LIAISON) == {qinghe.pk}
    liaison_point = User.objects.get(username="liaison").memberships.get().service_point_id
    assert scope.points(Role.LIAISON) == {liaison_point}
    assert verify_chain() is None
