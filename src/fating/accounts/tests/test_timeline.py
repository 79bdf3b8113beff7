"""Timeline rows: who did it in words a person reads — name and role, never a username — and
the service's note (accounts.timeline; issue 13: thin apps' tests)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fating.accounts.timeline import actor_text, timeline_rows
from fating.core.audit import events_for, record_event
from fating.testing import Network, UserFactory

pytestmark = pytest.mark.django_db


def test_a_task_is_the_system() -> None:
    assert actor_text(None) == "系统"


def test_a_person_is_their_name_and_role(network: Network) -> None:
    judge = network.users["judge"]
    assert actor_text(judge) == f"{judge.full_name}（法官）"
    outsider = network.users["outsider"]
    assert actor_text(outsider) == outsider.full_name
    nameless = UserFactory(username="wang", full_name="")
    assert actor_text(nameless) == "wang"


def test_each_actors_role_is_looked_up_once_per_timeline(network: Network) -> None:
    judge = network.users["judge"]
    roles: dict[int, str] = {}
    actor_text(judge, roles)
    fresh = type(judge).objects.get(pk=judge.pk)  # no cached scope on this object
    with CaptureQueriesContext(connection) as queries:
        assert actor_text(fresh, roles) == f"{judge.full_name}（法官）"
    assert len(queries) == 0


def test_rows_carry_label_and_note(network: Network) -> None:
    point, admin = network.point, network.users["court_admin"]
    record_event(actor=admin, action="network.service_point.update", target=point,
                 after={"note": "迁址", "name": "新名"})  # fmt: skip
    record_event(actor=None, action="network.service_point.update", target=point, after=None)
    rows = timeline_rows(events_for(point).order_by("seq"))
    assert [r["actor"] for r in rows] == [f"{admin.full_name}（法院管理员）", "系统"]
    assert [r["note"] for r in rows] == ["迁址", ""]
    assert all(r["action"] == "network.service_point.update" and r["label"] for r in rows)


def test_rows_tolerate_an_event_whose_after_is_not_an_object() -> None:
    event = SimpleNamespace(created_at=None, actor=None, action="x.y", after=["a"])
    assert timeline_rows([event])[0]["note"] == ""
