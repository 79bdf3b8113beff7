"""Search-as-you-type pickers (issue 12): the options come through the access rule, at most 20,
searched over name, organisation and area, escaped, and namesakes told apart by area and
court."""

from __future__ import annotations

import pytest

from fating.network.models import Mediator
from fating.network.pickers import PICK_LIMIT, pick_options
from fating.testing import AreaFactory, MediatorFactory, Network, OrganisationFactory, client_for

pytestmark = pytest.mark.django_db


def _pick(network: Network, persona: str, kind: str, query: str = "") -> tuple[int, str]:
    user = network.users[persona] if persona != "anonymous" else None
    response = client_for(user).get(f"/network/pick/{kind}/{query}")
    return response.status_code, response.content.decode()


def test_organisations_are_limited_to_twenty(network: Network) -> None:
    for n in range(30):
        OrganisationFactory(court=network.court, name=f"青禾调解组织{n:02d}")
    status, html = _pick(network, "clerk", "organisation", "?q=青禾")
    assert status == 200 and html.count("<option") == PICK_LIMIT


def test_the_picker_searches_name_organisation_and_area(network: Network) -> None:
    area = AreaFactory(name="东关村")
    org = OrganisationFactory(court=network.court, name="第一调委会", area=area)
    MediatorFactory(organisation=org, name="赵明")
    assert "赵明" in _pick(network, "clerk", "mediator", "?q=东关")[1]
    assert "赵明" in _pick(network, "clerk", "mediator", "?q=第一调委会")[1]
    assert "赵明" not in _pick(network, "clerk", "mediator", "?q=西岭")[1]


def test_namesakes_are_told_apart_by_area_and_court(network: Network) -> None:
    east, west = AreaFactory(name="东镇"), AreaFactory(name="西镇")
    OrganisationFactory(court=network.court, name="同名调委会", area=east)
    OrganisationFactory(court=network.court, name="同名调委会", area=west)
    options = [str(o) for o in pick_options(network.users["clerk"], "organisation", "同名")]
    assert len(options) == 2 and len(set(options)) == 2
    assert f"同名调委会（东镇 · {network.court.name}）" in options


def test_options_follow_the_access_rule(network: Network) -> None:
    OrganisationFactory(court=network.other_court, name="乙县调委会")
    assert "乙县调委会" not in _pick(network, "clerk", "organisation", "?q=调委会")[1]
    assert "乙县调委会" in _pick(network, "other_admin", "organisation", "?q=调委会")[1]
    # Parties see the public directory: invited organisations only.
    party = _pick(network, "party", "organisation")[1]
    assert network.invited_organisation.name in party and network.organisation.name not in party
    assert "<option" not in _pick(network, "outsider", "organisation")[1].replace(
        '<option value="">', ""
    )
    assert _pick(network, "anonymous", "organisation")[0] == 302


def test_court_and_invited_filters(network: Network) -> None:
    court = network.court.pk
    html = _pick(network, "clerk", "mediator", f"?court={court}&invited=1")[1]
    assert "李特邀" in html and "王调解" not in html
    assert _pick(network, "clerk", "mediator", "?court=abc")[0] == 400


def test_names_are_escaped(network: Network) -> None:
    MediatorFactory(organisation=network.organisation, name="<b>坏</b>", kind=Mediator.Kind.PEOPLES)
    html = _pick(network, "clerk", "mediator", "?q=坏")[1]
    assert "&lt;b&gt;坏&lt;/b&gt;" in html and "<b>" not in html


def test_unknown_kind_is_404(network: Network) -> None:
    assert _pick(network, "clerk", "judge")[0] == 404


def test_the_field_search_text_is_read_too(network: Network) -> None:
    html = _pick(network, "clerk", "organisation", "?field=organisation&organisation_q=律师")[1]
    assert network.invited_organisation.name in html and network.organisation.name not in html
