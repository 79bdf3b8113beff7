"""A person's scope is a set of grants — (role, place) — never roles beside places (DESIGN.md §5).
The questions every access rule asks of it, at their edges (issue 13: thin apps' tests)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fating.accounts.models import COURT_ROLES, Membership, Role
from fating.accounts.selectors import (
    Grant,
    Scope,
    grant_labels,
    grants_of,
    holders,
    primary_role,
    scope_of,
    sees_technical_detail,
)
from fating.testing import Network, UserFactory, member

pytestmark = pytest.mark.django_db

A_COURT, B_COURT, A_TRIBUNAL, A_POINT, A_ORG = 1, 2, 10, 100, 1000


def _scope(*grants: Grant, superuser: bool = False) -> Scope:
    return Scope(grants=frozenset(grants), superuser=superuser)


# -- Scope on its own (no database) --------------------------------------------------------------


def test_a_place_is_only_ever_paired_with_the_role_held_there() -> None:
    scope = _scope(
        Grant(Role.CLERK, court_id=B_COURT),
        Grant(Role.LIAISON, court_id=A_COURT, service_point_id=A_POINT),
    )
    assert scope.courts(Role.CLERK) == {B_COURT}
    assert scope.courts(Role.LIAISON) == {A_COURT}
    assert scope.courts() == {A_COURT, B_COURT}
    assert not scope.holds_at(Role.CLERK, court=A_COURT)
    assert scope.holds_at(Role.LIAISON, court=A_COURT)
    assert scope.holds_at(Role.LIAISON, point=A_POINT)
    assert not scope.holds_at(Role.LIAISON, point=A_POINT + 1)


def test_holds_takes_roles_and_collections_of_roles() -> None:
    scope = _scope(Grant(Role.JUDGE, court_id=A_COURT, tribunal_id=A_TRIBUNAL))
    assert scope.holds()  # anything at all
    assert scope.holds(Role.JUDGE) and scope.has(Role.JUDGE)
    assert scope.holds(COURT_ROLES)
    assert scope.holds(Role.PARTY, [Role.CLERK, Role.JUDGE])
    assert not scope.holds(Role.PARTY, Role.MEDIATOR)
    assert not _scope().holds()


def test_court_level_grants_exclude_places_inside_the_court() -> None:
    scope = _scope(
        Grant(Role.COURT_ADMIN, court_id=A_COURT),
        Grant(Role.JUDGE, court_id=B_COURT, tribunal_id=A_TRIBUNAL),
    )
    assert scope.court_level(COURT_ROLES) == {A_COURT}
    assert scope.courts(COURT_ROLES) == {A_COURT, B_COURT}
    assert scope.tribunals(Role.JUDGE) == {A_TRIBUNAL}
    assert scope.tribunals(Role.COURT_ADMIN) == frozenset()


def test_a_narrower_place_must_match_exactly() -> None:
    scope = _scope(
        Grant(Role.MEDIATOR, court_id=A_COURT, organisation_id=A_ORG),
        Grant(Role.JUDGE, court_id=A_COURT, tribunal_id=A_TRIBUNAL),
    )
    assert scope.organisations(Role.MEDIATOR) == {A_ORG}
    assert scope.holds_at(Role.MEDIATOR, court=A_COURT, organisation=A_ORG)
    assert not scope.holds_at(Role.MEDIATOR, tribunal=A_TRIBUNAL)
    assert scope.holds_at(Role.JUDGE, court=A_COURT, tribunal=A_TRIBUNAL)
    assert not scope.holds_at(Role.JUDGE, court=B_COURT, tribunal=A_TRIBUNAL)
    assert scope.points() == frozenset()


def test_staff_and_court_personnel() -> None:
    party = _scope(Grant(Role.PARTY))
    assert not party.is_staff_member and not party.is_court_personnel
    governance = _scope(Grant(Role.GOVERNANCE, court_id=A_COURT))
    assert governance.is_staff_member and not governance.is_court_personnel
    assert governance.staff_courts == {A_COURT}
    root = _scope(superuser=True)
    assert root.is_staff_member and root.is_court_personnel
    assert root.roles == frozenset()


# -- grants from memberships ------------------------------------------------------------------


def test_every_grant_is_tied_to_the_court_its_place_lies_in(network: Network) -> None:
    grants = grants_of(
        Membership.objects.filter(user__in=[network.users[p] for p in
                                            ("judge", "liaison", "mediator", "court_admin", "party")])
        .select_related("tribunal", "service_point__tribunal", "organisation")
    )  # fmt: skip
    by_role = {g.role: g for g in grants}
    court = network.court.pk
    assert by_role[Role.JUDGE] == Grant(Role.JUDGE, court, tribunal_id=network.tribunal.pk)
    assert by_role[Role.LIAISON].court_id == court
    assert by_role[Role.LIAISON].service_point_id == network.point.pk
    assert by_role[Role.MEDIATOR].court_id == court
    assert by_role[Role.COURT_ADMIN] == Grant(Role.COURT_ADMIN, court)
    assert by_role[Role.PARTY] == Grant(Role.PARTY)


def test_scope_of_an_anonymous_visitor_is_empty() -> None:
    assert scope_of(AnonymousUser()) == Scope()


def test_scope_of_skips_inactive_grants_and_is_read_once_per_user_object(
    network: Network,
) -> None:
    cross = network.users["cross"]
    Membership.objects.filter(user=cross, role=Role.CLERK).update(active=False)
    cross = type(cross).objects.get(pk=cross.pk)
    with CaptureQueriesContext(connection) as queries:
        first = scope_of(cross)
        second = scope_of(cross)
    assert first is second and len(queries) == 1
    assert first.roles == {Role.LIAISON}


# -- holders ----------------------------------------------------------------------------------


def test_holders_of_a_court_include_every_place_inside_it(network: Network) -> None:
    staff = set(holders(COURT_ROLES, court=network.court.pk))
    assert staff == {network.users[p] for p in ("court_admin", "judge", "clerk")}
    # The cross persona is a clerk only at the other court.
    assert network.users["cross"] in holders(Role.CLERK, court=network.other_court.pk)
    assert network.users["cross"] not in holders(Role.CLERK, court=network.court.pk)
    assert list(holders(Role.LIAISON, point=network.point.pk)).count(network.users["cross"]) == 1


def test_holders_skip_inactive_people_and_grants(network: Network) -> None:
    judge = network.users["judge"]
    judge.is_active = False
    judge.save(update_fields=["is_active"])
    assert not holders(Role.JUDGE, tribunal=network.tribunal.pk).exists()
    clerk = network.users["clerk"]
    Membership.objects.filter(user=clerk).update(active=False)
    assert not holders(Role.CLERK, tribunal=network.tribunal.pk).exists()


def test_holders_of_an_organisation(network: Network) -> None:
    mediators = holders(Role.MEDIATOR, organisation=network.organisation.pk)
    assert list(mediators) == [network.users["mediator"]]
    assert not holders(Role.MEDIATOR, organisation=network.invited_organisation.pk).exists()


# -- labels, home role, technical detail ------------------------------------------------------


def test_grant_labels_name_the_place(network: Network) -> None:
    assert grant_labels(network.users["cross"]) == ["法官助理/书记员（乙镇人民法庭）",
                                                     "便民联络员（甲村服务点）"]  # fmt: skip
    assert grant_labels(network.users["party"]) == ["当事人"]
    assert grant_labels(network.users["outsider"]) == []


def test_primary_role_follows_the_priority_not_the_order_granted(network: Network) -> None:
    user = member(Role.PARTY)
    Membership.objects.create(user=user, role=Role.JUDGE, tribunal=network.tribunal)
    user = type(user).objects.get(pk=user.pk)
    assert primary_role(user) == Role.JUDGE
    assert primary_role(network.users["outsider"]) is None
    assert primary_role(UserFactory(username="root", is_superuser=True)) == Role.COURT_ADMIN


def test_technical_detail_is_for_court_personnel_of_that_court(network: Network) -> None:
    court, other = network.court.pk, network.other_court.pk
    assert sees_technical_detail(network.users["judge"], court)
    assert not sees_technical_detail(network.users["judge"], other)
    assert sees_technical_detail(network.users["cross"], other)  # clerk there
    assert not sees_technical_detail(network.users["cross"], court)  # only a liaison here
    assert not sees_technical_detail(network.users["governance"], court)
    assert not sees_technical_detail(network.users["judge"], None)
    assert not sees_technical_detail(AnonymousUser(), court)
    assert sees_technical_detail(UserFactory(username="root", is_superuser=True), other)


def test_scope_of_reads_the_same_grants_as_grants_of_for_every_user(network: Network) -> None:
    # scope_of reads plain values for speed; grants_of reads model rows. Both must agree on the
    # court each grant lies in, for every kind of place a grant can be held at.
    for user in network.users.values():
        user = type(user).objects.get(pk=user.pk)
        memberships = Membership.objects.filter(user=user, active=True).select_related(
            "tribunal", "service_point__tribunal", "organisation", "department"
        )
        assert scope_of(user).grants == grants_of(memberships), user.username
