"""The dispute page links its filing draft (诉讼兜底) only for whoever may open that filing: a
draft is its filer's until submitted, so court staff and the mediator see no door that 404s."""

from __future__ import annotations

import pytest

from fating.disputes import services as disputes
from fating.disputes.tests.factories import World, in_village
from fating.testing import client_for

pytestmark = pytest.mark.django_db


def test_the_draft_link_is_shown_only_to_who_may_open_it(world: World) -> None:
    dispute = in_village(world)
    disputes.refer_to_filing(actor=world.applicant_user, dispute=dispute, reason="对方拒绝调解")
    dispute.refresh_from_db()
    link = f'href="/cases/filings/{dispute.filing_id}/"'
    for persona in ("applicant", "judge", "clerk", "liaison"):
        client = client_for(world.user(persona))
        page = client.get(f"/disputes/{dispute.pk}/")
        if page.status_code != 200:
            continue
        shown = link in page.content.decode()
        opens = client.get(f"/cases/filings/{dispute.filing_id}/").status_code == 200
        assert shown == opens, persona
    assert link in client_for(world.applicant_user).get(f"/disputes/{dispute.pk}/").content.decode()
