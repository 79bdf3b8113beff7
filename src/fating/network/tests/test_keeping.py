"""Keeping the network: create, edit and close each kind; only that court's administrator;
errors name fields in Chinese; one audit event each; closing keeps the row."""

from __future__ import annotations

from datetime import date

import pytest

from fating.accounts.models import Role
from fating.core.audit import events_for
from fating.core.exceptions import FieldError, NotPermitted
from fating.network import services
from fating.network.models import Area, AreaPopulation, Court, Mediator, Tribunal
from fating.network.rules import basic_court_code_error, parse_yes_no, split_codes
from fating.testing import Network, UserFactory, member

pytestmark = pytest.mark.django_db


def test_court_code_rule_agrees_with_the_case_number_rule() -> None:
    from fating.cases.rules.case_numbers import CaseNumberError, validate_court_code

    for code in ["鲁0321", "内0102", "兵0101", "鲁0000", "Lu0321", "鲁321", "鲁03", "X0321", ""]:
        try:
            validate_court_code(code)
            basic_ok = len(code) == 5
        except CaseNumberError:
            basic_ok = False
        assert (basic_court_code_error(code) == "") == basic_ok, code
    assert parse_yes_no("是") is True and parse_yes_no("否") is False
    assert parse_yes_no("也许") is None
    assert split_codes("1， 2、3") == ["1", "2", "3"]


def test_only_a_superuser_opens_a_court_and_the_code_is_checked() -> None:
    root = UserFactory(is_superuser=True)
    with pytest.raises(FieldError) as caught:
        services.create_court(actor=root, name="丙县人民法院", code="丙0321",
                              area_code="370321", area_name="丙县")  # fmt: skip
    assert "省级简称" in caught.value.fields["code"][0]
    court = services.create_court(actor=root, name="丙县人民法院", code="鲁0321",
                                  area_code="370321", area_name="丙县")  # fmt: skip
    assert court.province == "鲁" and court.area.level == Area.Level.COUNTY
    admin = member(Role.COURT_ADMIN, court=court)
    with pytest.raises(NotPermitted):
        services.create_court(actor=admin, name="丁县人民法院", code="鲁0322",
                              area_code="370322", area_name="丁县")  # fmt: skip
    services.update_court(actor=admin, court=court, changes={"name": "丙县法院"})
    assert [e.action for e in events_for(court)] == ["network.court.create", "network.court.update"]


def test_admin_builds_and_closes_each_kind(network: Network) -> None:
    admin = network.users["court_admin"]
    court = network.court
    town = services.create_area(actor=admin, court=court, code="370000100", name="新镇",
                                level="township", parent=court.area)  # fmt: skip
    services.set_area_population(actor=admin, area=town, year=2024, population=30000)
    services.set_area_population(actor=admin, area=town, year=2023, population=29000)
    town.refresh_from_db()
    assert (town.population, town.population_year) == (30000, 2024)
    assert AreaPopulation.objects.filter(area=town).count() == 2
    tribunal = services.create_tribunal(actor=admin, court=court, name="新镇人民法庭",
                                        kind="circuit", areas=[town])  # fmt: skip
    point = services.create_service_point(
        actor=admin, tribunal=tribunal, name="新镇法官工作室", kind="judge_studio",
        longitude="117.1", latitude="36.6", opened_on=date(2024, 1, 1), areas=[town],
    )  # fmt: skip
    org = services.create_organisation(actor=admin, court=court, name="新镇调委会",
                                       kind="township_committee", area=town)  # fmt: skip
    mediator = services.create_mediator(actor=admin, organisation=org, name="老法官",
                                        kind="invited", is_retired_judge=True, is_gold=True)  # fmt: skip
    liaison = services.register_liaison(actor=admin, service_point=point, name="新联络员",
                                        kind="grid_worker", appointed_on=date(2024, 2, 1),
                                        paired_officer=network.users["judge"])  # fmt: skip
    services.record_liaison_training(actor=admin, liaison=liaison, held_on=date(2024, 3, 1),
                                     topic="诉前调解流程", hours="2")  # fmt: skip
    assert liaison.trainings.get().hours == 2
    # Closing needs the dependants closed first; rows stay.
    with pytest.raises(FieldError) as caught:
        services.close_tribunal(actor=admin, tribunal=tribunal)
    assert "active" in caught.value.fields
    with pytest.raises(FieldError):
        services.close_organisation(actor=admin, organisation=org)
    police = services.create_department(actor=admin, court=court, name="新镇派出所",
                                        kind="police_station", area=town)  # fmt: skip
    services.update_department(actor=admin, department=police, changes={"phone": "110"})
    services.close_department(actor=admin, department=police)
    assert [e.action for e in events_for(police)] == [
        "network.department.create", "network.department.update", "network.department.close"
    ]  # fmt: skip
    with pytest.raises(NotPermitted):
        services.create_department(actor=network.users["other_admin"], court=court,
                                   name="越权派出所", kind="police_station")  # fmt: skip
    services.close_liaison(actor=admin, liaison=liaison)
    services.close_mediator(actor=admin, mediator=mediator)
    services.close_organisation(actor=admin, organisation=org)
    services.close_service_point(actor=admin, point=point)
    services.close_tribunal(actor=admin, tribunal=tribunal)
    assert Tribunal.objects.get(pk=tribunal.pk).active is False
    assert Mediator.objects.filter(pk=mediator.pk, active=False, is_gold=True).exists()
    with pytest.raises(FieldError):
        services.close_tribunal(actor=admin, tribunal=tribunal)
    assert [e.action for e in events_for(tribunal)] == [
        "network.tribunal.create", "network.tribunal.close"
    ]  # fmt: skip


def test_errors_name_each_field_in_chinese_and_write_nothing(network: Network) -> None:
    admin = network.users["court_admin"]
    before = Tribunal.objects.count()
    with pytest.raises(FieldError) as caught:
        services.create_tribunal(actor=admin, court=network.court, name=" ", kind="mountain",
                                 phone="x" * 30)  # fmt: skip
    fields = caught.value.fields
    assert set(fields) == {"name", "kind", "phone"}
    assert "名称" in fields["name"][0] and "农村法庭" in fields["kind"][0]
    with pytest.raises(FieldError) as caught:
        services.create_service_point(
            actor=admin, tribunal=network.tribunal, name="越界点", kind="village",
            longitude="200", latitude="36", opened_on=date(2024, 1, 1),
            paired_officer=network.users["other_admin"],
        )  # fmt: skip
    assert set(caught.value.fields) == {"longitude", "paired_officer"}
    assert Tribunal.objects.count() == before
    with pytest.raises(FieldError) as caught:
        services.create_area(actor=admin, court=network.court, code="1", name="村",
                             level="village", parent=network.court.area)  # fmt: skip
    assert "parent" in caught.value.fields
    with pytest.raises(FieldError) as caught:
        services.set_area_population(actor=admin, area=network.court.area, year=1800,
                                     population=-1)  # fmt: skip
    assert set(caught.value.fields) == {"year", "population"}


def test_only_that_courts_admin_changes_its_network(network: Network) -> None:
    other = network.users["other_admin"]
    for persona in ("judge", "clerk", "liaison", "governance", "cross"):
        with pytest.raises(NotPermitted):
            services.create_tribunal(actor=network.users[persona], court=network.court,
                                     name="甲二法庭", kind="rural")  # fmt: skip
    with pytest.raises(NotPermitted):
        services.close_service_point(actor=other, point=network.point)
    with pytest.raises(NotPermitted):
        services.update_court(actor=other, court=network.court, changes={"name": "x"})
    with pytest.raises(NotPermitted):
        services.set_area_population(actor=other, area=network.court.area, year=2024,
                                     population=1)  # fmt: skip
    # A mediator cannot be put in another court's organisation through an edit.
    other_org = services.create_organisation(actor=other, court=network.other_court,
                                             name="乙调委会", kind="other")  # fmt: skip
    with pytest.raises(FieldError) as caught:
        services.update_mediator(actor=network.users["court_admin"], mediator=network.mediator,
                                 changes={"organisation": other_org})  # fmt: skip
    assert "本院" in caught.value.fields["organisation"][0]
    assert Court.objects.filter(active=True).count() == 2
