"""The case page by task (issue 12): an overview and one page per tab, each a real URL reached
from the tab bar; who sees which tab and which action; outsiders get 404 through the access
rule; every input of a tab's forms has a visible label; a refused form comes back on its tab."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from fating.cases.case_tabs import TABS
from fating.cases.models import Case
from fating.cases.tests.factories import accepted_case
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db

PATHS = [t.path for t in TABS]
COURT = ("judge", "clerk")


@pytest.fixture
def case(network: Network) -> Case:
    return accepted_case(network)


def _get(network: Network, persona: str, case: Case, path: str = "") -> tuple[int, str]:
    response = client_for(network.users[persona]).get(f"/cases/{case.pk}/{path}")
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("persona", ["outsider", "other_admin", "cross", "liaison", "agent"])
def test_outsiders_get_404_on_every_tab(
    network: Network, case: Case, persona: str, path: str
) -> None:
    assert _get(network, persona, case, path)[0] == 404


@pytest.mark.parametrize("persona", COURT)
def test_court_staff_open_every_tab_from_the_tab_bar(
    network: Network, case: Case, persona: str
) -> None:
    status, html = _get(network, persona, case)
    assert status == 200
    for tab in TABS:
        href = f'href="/cases/{case.pk}/{tab.path}"'
        assert href in html, (persona, tab.slug)
        assert _get(network, persona, case, tab.path)[0] == 200, (persona, tab.slug)


@pytest.mark.parametrize("persona", ["party", "court_admin"])
def test_who_does_not_serve_has_no_service_tab_and_is_refused_it(
    network: Network, case: Case, persona: str
) -> None:
    status, html = _get(network, persona, case)
    assert status == 200
    assert f'href="/cases/{case.pk}/service/"' not in html
    for tab in TABS:
        if tab.slug != "service":
            assert _get(network, persona, case, tab.path)[0] == 200, tab.slug
    assert _get(network, persona, case, "service/")[0] == 403


def test_the_overview_shows_parties_claims_deadline_and_no_court_forms(
    network: Network, case: Case
) -> None:
    _, html = _get(network, "clerk", case)
    assert "张三" in html and "李四" in html and "判令被告偿还借款" in html
    assert "审限届满日" in html and "下次开庭" in html
    for action in ("schedule", "close", "claim_change", "counterclaim", "adjourn", "exclude"):
        assert f'value="{action}"' not in html, action


@pytest.mark.parametrize(
    ("path", "action"),
    [
        ("hearings/", "schedule"),
        ("hearings/", "close"),
        ("amendments/", "counterclaim"),
        ("amendments/", "change_procedure"),
        ("limits/", "exclude"),
    ],
)
def test_court_forms_are_on_their_tab_for_the_court_only(
    network: Network, case: Case, path: str, action: str
) -> None:
    assert f'value="{action}"' in _get(network, "clerk", case, path)[1]
    assert f'value="{action}"' not in _get(network, "party", case, path)[1]


def test_the_plaintiff_pays_and_changes_claims_on_their_tabs(network: Network, case: Case) -> None:
    assert 'value="pay"' in _get(network, "party", case, "fees/")[1]
    assert 'value="claim_change"' in _get(network, "party", case, "amendments/")[1]
    assert 'value="pay"' not in _get(network, "clerk", case, "fees/")[1]


def test_only_the_judge_in_charge_asks_for_an_extension(network: Network, case: Case) -> None:
    judge = _get(network, "judge", case, "limits/")[1]
    clerk = _get(network, "clerk", case, "limits/")[1]
    assert ('value="request_extension"' in judge) is (case.judge_id == network.users["judge"].pk)
    assert 'value="request_extension"' not in clerk


def test_a_closed_case_shows_no_court_actions(network: Network, case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    for path, action in (("hearings/", "schedule"), ("amendments/", "counterclaim")):
        assert f'value="{action}"' not in _get(network, "clerk", case, path)[1]
    assert "委托特邀调解" not in _get(network, "clerk", case, "mediation/")[1]


class _Inputs(HTMLParser):
    """Inputs of forms, and whether each sits in a <label> or is named by a <label for>."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.labelled: set[str] = set()
        self.fields: list[tuple[str, str, bool]] = []  # (name, id, inside a label)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "label":
            self.depth += 1
            if a.get("for"):
                self.labelled.add(a["for"])
        elif tag in ("input", "select", "textarea"):
            if a.get("type") in ("hidden", "submit", "button"):
                return
            self.fields.append((a.get("name", ""), a.get("id", ""), self.depth > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.depth -= 1


@pytest.mark.parametrize("persona", ["clerk", "judge", "party"])
def test_every_input_of_every_tab_has_a_visible_label(
    network: Network, case: Case, persona: str
) -> None:
    for path in PATHS:
        parser = _Inputs()
        parser.feed(_get(network, persona, case, path)[1])
        unlabelled = [
            n for n, i, inside in parser.fields if not inside and i not in parser.labelled
        ]
        # The footer's language switch is labelled for screen readers only (base.html).
        assert unlabelled in ([], ["language"]), (persona, path, unlabelled)


def test_a_refused_form_comes_back_on_its_tab_with_the_field_named(
    network: Network, case: Case
) -> None:
    client = client_for(network.users["clerk"])
    response = client.post(
        f"/cases/{case.pk}/act/",
        {"action": "schedule", "mode": "online", "starts_at": "明天", "ends_at": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "开始时间：" in html and 'aria-current="page">开庭<' in html
    assert 'value="schedule"' in html


def test_a_done_action_returns_to_its_tab(network: Network, case: Case) -> None:
    response = client_for(network.users["clerk"]).post(
        f"/cases/{case.pk}/changes/",
        {"action": "counterclaim", "counterclaimant": "李四", "claims": "返还货款",
         "amount": "1000", "tried_together": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/amendments/"


def test_the_mediation_tab_picks_from_the_invited_roster(network: Network, case: Case) -> None:
    html = _get(network, "clerk", case, "mediation/")[1]
    assert network.invited_organisation.name in html
    assert network.organisation.name not in html  # not on the invited roster
    assert 'name="organisation_q"' in html and "/network/pick/organisation/" in html
    found = _get(network, "clerk", case, "mediation/?organisation_q=没有这个组织")[1]
    assert "没有找到，请换个关键词" in found
