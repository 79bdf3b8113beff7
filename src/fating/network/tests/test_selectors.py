"""The network's one access rule, asked directly: restrict(queryset, user, action) and the
selectors built on it, for each kind of reader (issue 13: thin apps' tests)."""

from __future__ import annotations

import pytest

from fating.accounts.models import Membership, Role
from fating.core.exceptions import NotPermitted, NotVisible
from fating.network import selectors
from fating.network.models import (
    Area,
    Court,
    Liaison,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)
from fating.testing import Network, UserFactory

pytestmark = pytest.mark.django_db

MODELS = [Court, Tribunal, ServicePoint, Liaison, MediationOrganisation, Mediator]


def _names(qs) -> set[str]:
    return set(qs.values_list("name", flat=True))


def test_an_unknown_action_or_model_is_a_programming_error(network: Network) -> None:
    admin = network.users["court_admin"]
    with pytest.raises(ValueError, match="unknown action 'delete'"):
        selectors.restrict(ServicePoint.objects.all(), admin, "delete")
    with pytest.raises(ValueError, match="Membership"):
        selectors.restrict(Membership.objects.all(), admin)


@pytest.mark.parametrize("model", MODELS)
def test_someone_without_a_grant_sees_nothing(network: Network, model: type) -> None:
    # Signed in but holding no role: not the public directory (that is for parties and agents).
    assert not selectors.restrict(model.objects.all(), network.users["outsider"]).exists()


@pytest.mark.parametrize("model", MODELS)
def test_a_superuser_sees_and_changes_everything(network: Network, model: type) -> None:
    root = UserFactory(username="root", is_superuser=True)
    everything = model.objects.count()
    assert selectors.restrict(model.objects.all(), root).count() == everything
    assert selectors.restrict(model.objects.all(), root, "change").count() == everything


@pytest.mark.parametrize("model", MODELS)
def test_change_is_for_the_court_admin_of_that_court_only(network: Network, model: type) -> None:
    for persona in ("judge", "clerk", "liaison", "mediator", "governance", "party", "cross"):
        qs = selectors.restrict(model.objects.all(), network.users[persona], "change")
        assert not qs.exists(), persona
    mine = selectors.restrict(model.objects.all(), network.users["court_admin"], "change")
    theirs = selectors.restrict(model.objects.all(), network.users["other_admin"], "change")
    assert mine.exists() and not (set(mine) & set(theirs))


def test_areas_are_public_and_kept_by_the_administrator_of_their_court(network: Network) -> None:
    """Issue 17: a court administrator keeps the areas of their court's county (names and
    population); nobody else but a superuser changes an area."""
    from django.contrib.auth.models import AnonymousUser

    assert selectors.areas_for(network.users["party"]).count() == Area.objects.count() > 0
    assert not selectors.restrict(Area.objects.all(), AnonymousUser()).exists()
    mine = set(selectors.restrict(Area.objects.all(), network.users["court_admin"], "change"))
    theirs = set(selectors.restrict(Area.objects.all(), network.users["other_admin"], "change"))
    assert network.court.area in mine and not (mine & theirs)
    for persona in ("judge", "clerk", "liaison", "governance", "party", "cross"):
        assert not selectors.restrict(Area.objects.all(), network.users[persona], "change").exists()
    root = UserFactory(username="root", is_superuser=True)
    assert selectors.restrict(Area.objects.all(), root, "change").count() == Area.objects.count()


def test_an_inactive_grant_counts_for_nothing(network: Network) -> None:
    judge = network.users["judge"]
    Membership.objects.filter(user=judge).update(active=False)
    judge = type(judge).objects.get(pk=judge.pk)  # the scope is cached per user object
    assert not selectors.service_points_for(judge).exists()
    assert not selectors.can_see_contacts(judge)


def test_the_public_directory(network: Network) -> None:
    party = network.users["party"]
    assert _names(selectors.courts_for(party)) == {"甲县人民法院", "乙县人民法院"}
    assert "已撤销服务点" not in _names(selectors.service_points_for(party))
    assert _names(selectors.organisations_for(party)) == {"甲县律师调解工作室"}
    assert _names(selectors.mediators_for(party)) == {"李特邀"}
    # An invited mediator taken off the roll leaves the public directory.
    Mediator.objects.filter(name="李特邀").update(active=False)
    assert not selectors.mediators_for(party).exists()
    assert not selectors.can_see_contacts(party)


def test_a_party_who_also_works_in_the_network_reads_as_staff(network: Network) -> None:
    liaison = network.users["liaison"]
    Membership.objects.create(user=liaison, role=Role.PARTY)
    liaison = type(liaison).objects.get(pk=liaison.pk)
    assert "已撤销服务点" in _names(selectors.service_points_for(liaison))
    assert "王调解" in _names(selectors.mediators_for(liaison))
    assert selectors.can_see_contacts(liaison)


def test_the_liaison_directory_refuses_before_it_looks(network: Network) -> None:
    party = network.users["party"]
    assert not selectors.may_use_liaison_directory(party)
    with pytest.raises(NotPermitted, match="联络员通讯录"):
        selectors.liaisons_for(party)
    # 403, not 404, even for a liaison that does not exist at all.
    with pytest.raises(NotPermitted):
        selectors.liaison_for(party, 999999)


def test_one_liaison_is_missing_refused_or_given(network: Network) -> None:
    other = Liaison.objects.get(name="乙联络")
    with pytest.raises(NotVisible, match="联络员不存在"):
        selectors.liaison_for(network.users["judge"], other.pk)
    with pytest.raises(NotPermitted, match="只有本院管理员可以修改联络员"):
        selectors.liaison_for(network.users["judge"], network.liaison.pk, write=True)
    found = selectors.liaison_for(network.users["court_admin"], network.liaison.pk, write=True)
    assert found == network.liaison
    with pytest.raises(NotVisible):
        selectors.liaison_for(network.users["judge"], "abc")


def test_one_service_point_is_missing_refused_or_given(network: Network) -> None:
    party, judge = network.users["party"], network.users["judge"]
    with pytest.raises(NotVisible, match="服务点不存在"):
        selectors.service_point_for(party, network.inactive_point.pk)
    with pytest.raises(NotVisible):
        selectors.service_point_for(judge, network.other_point.pk)
    with pytest.raises(NotPermitted, match="只有本院管理员可以修改服务点"):
        selectors.service_point_for(judge, network.point.pk, write=True)
    assert selectors.service_point_for(judge, network.inactive_point.pk) == network.inactive_point


def test_organisations_and_mediators_one_by_one(network: Network) -> None:
    party = network.users["party"]
    with pytest.raises(NotVisible, match="调解组织不存在"):
        selectors.organisation_for(party, network.organisation.pk)
    assert selectors.organisation_for(party, network.invited_organisation.pk)
    with pytest.raises(NotVisible, match="调解员不存在"):
        selectors.mediator_for(party, network.mediator.pk)
    assert selectors.mediator_for(network.users["mediator"], network.mediator.pk)


def test_can_manage_court(network: Network) -> None:
    admin = network.users["court_admin"]
    assert selectors.can_manage_court(admin, network.court.pk)
    assert not selectors.can_manage_court(admin, network.other_court.pk)
    assert not selectors.can_manage_court(network.users["judge"], network.court.pk)


def test_search_matches_any_field_and_ignores_blank_text(network: Network) -> None:
    qs = ServicePoint.objects.all()
    assert selectors.search(qs, "   ", "name") is qs
    assert _names(selectors.search(qs, "乙村", "name")) == {"乙村服务点"}
    by_tribunal = selectors.search(qs, "甲镇", "name", "tribunal__name")
    assert _names(by_tribunal) == {"甲村服务点", "已撤销服务点"}
