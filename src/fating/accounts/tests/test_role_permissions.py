"""Permissions carried by role grants (accounts.backends.RoleGrantBackend): how lower apps such
as core ask about a role without importing accounts (issue 13: no app import circle)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from fating.accounts.backends import ROLE_PERMISSIONS, RoleGrantBackend
from fating.accounts.models import Membership, Role
from fating.core.court_calendar import MANAGE_CALENDAR, can_manage_calendar
from fating.testing import Network, UserFactory

pytestmark = pytest.mark.django_db


def test_the_calendar_permission_is_a_court_administrators(network: Network) -> None:
    assert ROLE_PERMISSIONS[MANAGE_CALENDAR] == Role.COURT_ADMIN
    assert network.users["court_admin"].has_perm(MANAGE_CALENDAR)
    assert network.users["other_admin"].has_perm(MANAGE_CALENDAR)  # national data
    for persona in ("judge", "clerk", "liaison", "governance", "party", "cross", "outsider"):
        assert not network.users[persona].has_perm(MANAGE_CALENDAR), persona
        assert not can_manage_calendar(network.users[persona]), persona
    assert can_manage_calendar(network.users["court_admin"])


def test_an_inactive_grant_or_account_carries_no_permission(network: Network) -> None:
    admin = network.users["court_admin"]
    Membership.objects.filter(user=admin).update(active=False)
    admin = type(admin).objects.get(pk=admin.pk)
    assert not admin.has_perm(MANAGE_CALENDAR)
    other = network.users["other_admin"]
    other.is_active = False
    assert not other.has_perm(MANAGE_CALENDAR)
    assert not can_manage_calendar(other)


def test_superusers_and_strangers(network: Network) -> None:
    assert UserFactory(username="root", is_superuser=True).has_perm(MANAGE_CALENDAR)
    assert not AnonymousUser().has_perm(MANAGE_CALENDAR)
    assert not can_manage_calendar(AnonymousUser())


def test_the_backend_answers_only_its_own_permissions(network: Network) -> None:
    backend = RoleGrantBackend()
    admin = network.users["court_admin"]
    assert backend.has_perm(admin, MANAGE_CALENDAR)
    assert not backend.has_perm(admin, "core.delete_auditevent")
    assert not admin.has_perm("core.delete_auditevent")
    # It never signs anyone in.
    assert backend.authenticate(None, username=admin.username, password="x") is None
