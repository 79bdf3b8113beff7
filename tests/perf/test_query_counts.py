"""The queries of every list endpoint and list page do not grow with the rows it shows (issue 13).

Every GET route without a path parameter is either a list measured here (`LISTS`) or named in
`NOT_LISTS` with why; `test_every_route_is_classified` fails on a new route until it is put in one
of them, so a new list cannot slip past the check.

The world is built once per module (inside a transaction rolled back at the end, so the rest of
the suite never sees it): the shared network and dispute personas, then `grow(n)` adds n rows of
each kind a list shows (disputes with a chat room and a message, accepted cases with their filing,
room and message, network places, causes, typical cases, questions, warnings). Each route is
requested by its persona after growing to N rows and again after growing to 3N; the query count
must be the same both times (a list that runs a query per row shows the difference at once) and
stay under `CEILING`. For API lists the row count must have grown too, so the check is not
vacuous.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fating.testing import (
    AreaFactory,
    CourtFactory,
    LiaisonFactory,
    MediatorFactory,
    OrganisationFactory,
    ServicePointFactory,
    TribunalFactory,
    build_network,
    generic_route,
    routes_under,
)

# Marked so pytest-django sets the test database up (it does only for sessions that ask for
# one); the rows themselves live in the module fixture's transaction.
pytestmark = pytest.mark.django_db

N = 2
CEILING = 40  # the most queries any list may run, whatever its size (the busiest runs ~25)


@dataclass(frozen=True)
class Lst:
    """A list route, the persona it is requested as, and whether its rows grow with `grow`
    (False: the route's rows come from data `grow` does not make yet; only the ceiling and the
    stability of its count between the two requests are checked)."""

    persona: str
    grows: bool = True


LISTS: dict[str, Lst] = {
    # pages
    "/": Lst("judge", grows=False),  # the home page: counts and recent items
    "/network/points/": Lst("judge"),
    "/network/liaisons/": Lst("judge"),
    "/network/mediators/": Lst("judge"),
    "/network/organisations/": Lst("judge"),
    "/disputes/": Lst("judge"),
    "/disputes/queue/": Lst("judge", grows=False),
    "/disputes/departments/": Lst("police"),
    "/cases/": Lst("judge"),
    "/cases/review/": Lst("clerk", grows=False),
    "/cases/docket/": Lst("judge"),
    "/cases/divorce/": Lst("judge"),  # the cooling-off queue
    "/knowledge/cases/": Lst("judge"),
    "/knowledge/cases/review/": Lst("judge", grows=False),
    "/knowledge/qa/": Lst("judge"),
    "/knowledge/qa/manage/": Lst("judge"),
    "/knowledge/orders/": Lst("judge", grows=False),
    "/knowledge/rules/": Lst("judge", grows=False),
    "/knowledge/": Lst("judge", grows=False),
    "/conversations/": Lst("judge"),
    "/delivery/": Lst("clerk", grows=False),
    "/delivery/inbox/": Lst("applicant", grows=False),
    "/enforcement/": Lst("court_admin", grows=False),
    # the 执行事务中心 queue and the reconciliation (their growth: enforcement/tests/test_notices.py)
    "/enforcement/centre/": Lst("court_admin", grows=False),
    "/enforcement/reconciliation/": Lst("court_admin", grows=False),
    "/enforcement/objections/": Lst("court_admin", grows=False),
    # Public; its growth is measured in enforcement/tests/test_measures.py.
    "/enforcement/public/dishonest/": Lst("judge", grows=False),
    "/warnings/": Lst("judge"),
    "/users/": Lst("court_admin", grows=False),
    "/elements/litigations/": Lst("judge", grows=False),
    "/preservation/": Lst("judge", grows=False),
    "/evaluation/": Lst("judge", grows=False),
    "/inbox/": Lst("judge", grows=False),
    "/contact/meetings/": Lst("judge"),
    "/contact/calls/": Lst("clerk"),
    "/people/representations/court/": Lst("clerk", grows=False),
    # API
    "/api/v1/network/areas/": Lst("judge"),
    "/api/v1/network/courts/": Lst("party"),
    "/api/v1/network/tribunals/": Lst("judge"),
    "/api/v1/network/service-points/": Lst("judge"),
    "/api/v1/network/liaisons/": Lst("judge"),
    "/api/v1/network/organisations/": Lst("judge"),
    "/api/v1/network/mediators/": Lst("judge"),
    "/api/v1/disputes/": Lst("judge"),
    "/api/v1/disputes/queue/": Lst("judge", grows=False),
    "/api/v1/disputes/departments/": Lst("police"),
    "/api/v1/cases/causes/": Lst("judge"),
    "/api/v1/cases/filings/": Lst("judge"),
    "/api/v1/cases/filings/review-queue/": Lst("clerk", grows=False),
    "/api/v1/cases/cases/": Lst("judge"),
    "/api/v1/cases/cases/docket/": Lst("judge"),
    "/api/v1/cases/entrustments/": Lst("judge", grows=False),
    "/api/v1/cases/divorce-prefilings/": Lst("judge"),
    "/api/v1/cases/speedy-teams/": Lst("court_admin", grows=False),
    "/api/v1/cases/wage-figures/": Lst("court_admin", grows=False),
    "/api/v1/judgments/adjudications/": Lst("judge", grows=False),
    "/api/v1/judgments/drafts/": Lst("judge", grows=False),
    "/api/v1/knowledge/laws/": Lst("judge", grows=False),
    "/api/v1/knowledge/articles/": Lst("judge", grows=False),
    "/api/v1/knowledge/cases/": Lst("judge"),
    "/api/v1/knowledge/qa/": Lst("judge"),
    "/api/v1/knowledge/qa/manage/": Lst("judge"),
    "/api/v1/knowledge/orders/": Lst("judge", grows=False),
    "/api/v1/knowledge/rules/": Lst("judge", grows=False),
    "/api/v1/conversations/rooms/": Lst("judge"),
    "/api/v1/delivery/services/": Lst("clerk", grows=False),
    "/api/v1/delivery/inbox/": Lst("applicant", grows=False),
    "/api/v1/enforcement/cases/": Lst("court_admin", grows=False),
    "/api/v1/enforcement/tasks/": Lst("court_admin", grows=False),
    "/api/v1/enforcement/reconciliation/": Lst("court_admin", grows=False),
    "/api/v1/enforcement/objections/": Lst("court_admin", grows=False),
    "/api/v1/warnings/": Lst("judge"),
    "/api/v1/warnings/rules/": Lst("judge", grows=False),
    "/api/v1/calendar/holiday-years/": Lst("judge", grows=False),
    "/api/v1/documents/kinds/": Lst("judge", grows=False),
    "/api/v1/accounts/users/": Lst("court_admin", grows=False),
    "/api/v1/elements/litigations/": Lst("judge", grows=False),
    "/api/v1/preservation/applications/": Lst("judge", grows=False),
    "/api/v1/evaluation/appraisals/": Lst("judge", grows=False),
    "/api/v1/evaluation/neutral/": Lst("judge", grows=False),
    "/trials/": Lst("judge", grows=False),
    "/trials/broadcasts/": Lst("judge", grows=False),
    "/api/v1/trials/rooms/": Lst("judge", grows=False),
    "/api/v1/inbox/": Lst("judge", grows=False),
    "/liaison/log/": Lst("judge"),
    "/liaison/ratings/": Lst("applicant", grows=False),
    "/liaison/points/": Lst("judge"),
    "/liaison/villages/": Lst("judge", grows=False),
    "/api/v1/liaison/entries/": Lst("judge"),
    "/api/v1/liaison/ratings/": Lst("applicant", grows=False),
    "/api/v1/liaison/villages/": Lst("judge", grows=False),
    "/api/v1/contact/meetings/": Lst("judge"),
    "/api/v1/contact/calls/": Lst("clerk"),
    "/api/v1/people/representations/": Lst("judge", grows=False),
}

NOT_LISTS: dict[str, str] = {
    "/login/": "form",
    "/logout/": "action",
    "/password/change/": "form",
    "/api/v1/judgments/drafts/parallel/": "POST only: drafts for a model litigation's parallel cases",
    "/password/forgot/": "form",
    "/password/reset/": "form",
    "/network/map/": "map page (its data: /api/v1/network/map/, aggregated)",
    "/network/admin/": "hub: one count per kind of the network (fixed)",
    "/network/admin/import/": "form (upload of the network workbook)",
    "/network/admin/import/template.xlsx": "empty workbook template (fixed)",
    "/disputes/report/": "form",
    "/disputes/suggest/": "search-as-you-type fragment (bounded by its own limit)",
    "/disputes/statistics/": "aggregates",
    "/cases/causes/": "form options fragment (bounded by its own limit)",
    "/cases/filings/new/": "form",
    "/cases/risk/": "calculator",
    "/cases/risk/pdf/": "calculator output",
    "/cases/time-limits/": "aggregates",
    "/cases/triage-admin/": "settings form",
    "/knowledge/search/": "search (bounded top-k)",
    "/knowledge/cases/publish/": "form",
    "/knowledge/orders/new/": "form",
    "/analytics/": "dashboard (roll-up tables; bench/dashboard_bench.py)",
    "/analytics/export.xlsx": "export of the dashboard",
    "/analytics/indicators/": "every indicator (roll-up tables and fixed counting queries)",
    "/analytics/reports/": "the monthly report's request form and job status",
    "/calendar/period/": "calculator",
    "/calendar/holidays/": "years list page, fixed data",
    "/api/v1/me/": "one object",
    "/api/v1/auth/token/": "POST only",
    "/api/v1/network/map/": "aggregated map data",
    "/api/v1/network/import/": "POST only",
    "/api/v1/disputes/suggest-causes/": "bounded suggestions",
    "/api/v1/disputes/statistics/": "aggregates",
    "/api/v1/cases/time-limits/rates/": "aggregates",
    "/api/v1/cases/divorce-prefilings/stats/": "aggregates",
    "/api/v1/cases/risk-assessment/": "calculator (POST)",
    "/api/v1/documents/documents/": "POST only",
    "/api/v1/knowledge/push/": "bounded top-k",
    "/api/v1/knowledge/search/": "bounded top-k",
    "/api/v1/conversations/rooms/open/": "POST only",
    "/api/v1/delivery/consents/": "POST only",
    "/enforcement/command/": "aggregates (the 执行指挥中心, a fixed number of queries)",
    "/api/v1/warnings/incidents/": "POST only",
    "/api/v1/analytics/dashboard/": "dashboard (roll-up tables)",
    "/api/v1/analytics/map/": "dashboard map (roll-up tables)",
    "/api/v1/analytics/charts/": "dashboard charts (roll-up tables)",
    "/api/v1/analytics/indicators/": "every indicator (roll-up tables and fixed counting queries)",
    "/users/new/": "form",
    "/preservation/new/": "form",
    "/people/signup/": "form",
    "/people/signup/code/": "form",
    "/people/verify/": "search by an exact mobile or ID number (one person at most)",
    "/people/representations/": "a person's own representations (a handful) and the form",
    "/inbox/read-all/": "action (POST only)",
    "/inbox/preferences/": "settings form, one row per kind of notice (fixed)",
    "/api/v1/inbox/read-all/": "POST only",
    "/api/v1/inbox/preferences/": "settings, one row per kind of notice (fixed)",
    "/api/v1/calendar/period/": "calculator",
    "/liaison/log/new/": "form",
    "/liaison/points/export.xlsx": "export of the points' evaluation (fixed counting queries)",
    "/api/v1/liaison/points/": "aggregates (fixed counting queries per month, whatever the points)",
    "/api/v1/liaison/villages/evaluate/": "POST only",
    "/api/v1/liaison/villages/criteria/": "POST only",
    "/contact/meetings/new/": "form",
    "/contact/calls/new/": "form",
    "/contact/calls/figures/": "aggregates (twelve months, one counting query each)",
    "/api/v1/contact/calls/figures/": "aggregates (one month)",
    "/people/assisted/": "form",
    "/people/assisted/code/": "form",
    "/api/v1/people/signup/": "POST only",
    "/api/v1/people/signup/complete/": "POST only",
    "/api/v1/people/assisted-signups/": "POST only",
    "/api/v1/people/assisted-signups/complete/": "POST only",
    "/api/schema/": "the OpenAPI document",
    "/api/docs/": "Swagger UI",
    "/healthz": "health check",
}


def parameterless_routes() -> list[str]:
    """Every route of the project without a path parameter, except the admin and i18n."""
    out = set()
    for route in routes_under("/"):
        if "*" in generic_route(route) or route.startswith(("/admin/", "/i18n/")):
            continue
        out.add(route)
    return sorted(out)


def test_every_route_is_classified() -> None:
    routes = set(parameterless_routes())
    missing = sorted(routes - set(LISTS) - set(NOT_LISTS))
    assert not missing, (
        "routes neither measured in LISTS nor explained in NOT_LISTS (a new list endpoint or "
        f"page needs a query-count check here): {missing}"
    )
    stale = sorted((set(LISTS) | set(NOT_LISTS)) - routes)
    assert not stale, f"routes named here that no longer exist: {stale}"


# --- the world -----------------------------------------------------------------------------------


class World:
    """The shared network and dispute personas, and the growth of every list's rows."""

    def __init__(self, tmp: Any) -> None:
        from fating.disputes.tests.factories import CAUSES_USED, _load_causes
        from fating.disputes.tests.factories import World as DisputeWorld

        self.net = build_network()
        _load_causes(CAUSES_USED, tmp)
        from fating.accounts.models import Membership, Role
        from fating.testing import UserFactory

        applicant = UserFactory(username="zhangsan", mobile="13700001111", full_name="张三")
        Membership.objects.create(user=applicant, role=Role.PARTY)
        respondent = UserFactory(username="lisi", mobile="13700002222", full_name="李四")
        Membership.objects.create(user=respondent, role=Role.PARTY)
        self.disputes = DisputeWorld(self.net, self.net.users["mediator"], applicant, respondent)
        from fating.network.models import Department

        # a 派出所 and its officer: every grown dispute is handed to it (the department's queue)
        self.department = Department.objects.create(
            court=self.net.court, name="甲镇派出所", kind="police_station"
        )
        police = UserFactory(username="police")
        Membership.objects.create(
            user=police, role=Role.DEPARTMENT_OFFICER, department=self.department
        )
        self.users = {**self.net.users, "applicant": applicant, "police": police}
        self._seq = itertools.count(1)

    def grow(self, n: int) -> None:
        for _ in range(n):
            self._one()

    def _one(self) -> None:
        from fating.cases.models import DivorcePreFiling
        from fating.cases.tests.factories import accepted_case, cause
        from fating.conversations import services as chat
        from fating.disputes.models import DepartmentReferral
        from fating.disputes.tests.factories import reported
        from fating.knowledge.models import Question, TypicalCase
        from fating.knowledge.tests.factories import court_case, question
        from fating.liaison.models import LogEntry
        from fating.warnings.models import EarlyWarning

        i = next(self._seq)
        net = self.net
        dispute = reported(self.disputes)
        DepartmentReferral.objects.create(
            dispute=dispute, department=self.department, handed_by=net.users["liaison"],
            handed_from="reported", request=f"请协助{i}", accept_by=timezone.localdate(),
        )  # fmt: skip
        room = chat.open_room(actor=self.users["applicant"], matter=dispute)
        chat.post_message(actor=self.users["applicant"], room=room, text=f"消息{i}")
        case = accepted_case(net)
        room = chat.open_room(actor=self.users["party"], matter=case)
        chat.post_message(actor=self.users["party"], room=room, text=f"消息{i}")
        point = ServicePointFactory(tribunal=net.tribunal)
        LiaisonFactory(service_point=point)
        org = OrganisationFactory(court=net.court)
        MediatorFactory(organisation=org)
        TribunalFactory(court=net.court)
        CourtFactory()
        AreaFactory(parent=net.court.area, level="township")
        cause(name=f"测试案由{i}", code=f"Q{i}")
        court_case(net, status=TypicalCase.Status.PUBLISHED, title=f"典型案例{i}")
        question(net, status=Question.Status.PUBLISHED, title=f"问题{i}")
        today = timezone.localdate()
        DivorcePreFiling.objects.create(
            court=net.court, applicant=net.users["party"], applicant_name=f"申请人{i}",
            applicant_id_number="11010519491231002X", applicant_address="甲村",
            respondent_name=f"对方{i}", respondent_address="乙村", facts="感情不和",
            prefiled_on=today, status="cooling", cooling_from=today, cooling_until=today,
        )  # fmt: skip
        LogEntry.objects.create(
            liaison=net.liaison, service_point=net.point, kind="visit", occurred_on=today,
            notes=f"走访{i}", created_by=net.users["liaison"],
        )  # fmt: skip
        from fating.contact.tests import factories as contact

        contact.meeting(net, topic=f"约见{i}")
        contact.call(net, topic=f"来电{i}")
        EarlyWarning.objects.create(
            court=net.court, kind="incident", subject_key=f"incident:{i}", title=f"突发事件{i}",
            window_start=timezone.localdate(), window_end=timezone.localdate(), observed=1,
            explanation="x", tribunal=net.tribunal, service_point=net.point,
        )  # fmt: skip


@dataclass
class Measure:
    queries: int
    rows: int | None
    statements: list[str]


def _shape(sql: str) -> str:
    return re.sub(r"\d+", "?", sql)[:300]


def _grown(small: Measure, large: Measure) -> str:
    """The statement run more often with more rows: where to look."""
    more = Counter(map(_shape, large.statements)) - Counter(map(_shape, small.statements))
    return "\n".join(f"{n}x more: {sql}" for sql, n in more.most_common(3))


def _rows(response: Any) -> int | None:
    if not response.get("Content-Type", "").startswith("application/json"):
        return None
    data = response.json()
    if isinstance(data, dict):
        data = data.get("results")
    return len(data) if isinstance(data, list) else None


def _measure(client: Client, route: str) -> Measure:
    client.get(route)  # warm: per-process caches (content types, cause tree) are not per-row
    with CaptureQueriesContext(connection) as captured:
        response = client.get(route, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, f"{route}: {response.status_code}"
    statements = [q["sql"] for q in captured.captured_queries]
    return Measure(len(statements), _rows(response), statements)


@pytest.fixture(scope="module")
def measured(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, tuple[Measure, Measure]]]:
    tmp = tmp_path_factory.mktemp("querycounts")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(tmp / "media")),
        transaction.atomic(),
    ):
        from django.core.cache import cache

        cache.clear()
        world = World(tmp)
        clients: dict[str, Client] = {}
        for persona in {lst.persona for lst in LISTS.values()}:
            clients[persona] = Client()
            clients[persona].force_login(world.users[persona])
        world.grow(N)
        first = {route: _measure(clients[lst.persona], route) for route, lst in LISTS.items()}
        world.grow(2 * N)
        second = {route: _measure(clients[lst.persona], route) for route, lst in LISTS.items()}
        transaction.set_rollback(True)
        yield {route: (first[route], second[route]) for route in LISTS}


@pytest.mark.parametrize("route", sorted(LISTS))
def test_query_count_does_not_grow_with_rows(
    route: str, measured: dict[str, tuple[Measure, Measure]]
) -> None:
    small, large = measured[route]
    assert large.queries == small.queries, (
        f"{route}: {small.queries} queries at {N} rows, {large.queries} at {3 * N}: "
        "a query per row (prefetch or annotate in the selector):\n" + _grown(small, large)
    )
    assert large.queries <= CEILING, f"{route}: {large.queries} queries, ceiling {CEILING}"
    if LISTS[route].grows and small.rows is not None:
        assert large.rows is not None and large.rows > small.rows, (
            f"{route}: the rows did not grow ({small.rows} → {large.rows}); the check is vacuous"
        )
