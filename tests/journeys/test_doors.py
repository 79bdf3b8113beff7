"""The doors of issue 12, one by one: shown exactly to those it opens for, and leading to a page
that says what happened (never a bare refusal or raw JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fating.disputes import actions
from fating.disputes import services as dispute_services
from fating.disputes.models import Agreement
from fating.disputes.tests.factories import World
from fating.testing import client_for
from tests.journeys.test_crawl import seed

pytestmark = pytest.mark.django_db

BARE_REFUSAL = "您没有权限访问此页面"


@pytest.fixture
def seeded(world: World, settings: Any, tmp_path: Path) -> tuple[World, dict[str, Any]]:
    settings.MEDIA_ROOT = tmp_path / "media"
    return world, seed(world)


def page(world: World, persona: str, url: str) -> str:
    response = client_for(world.user(persona)).get(url)
    assert response.status_code == 200, (persona, url, response.status_code)
    return response.content.decode()


def href(url: str) -> str:
    return f'href="{url}"'


# --- doors hidden from those they do not open for ---------------------------------------------


@pytest.mark.parametrize(
    ("persona", "orders", "village_rules"),
    [("liaison", True, True), ("governance", True, True), ("judge", True, True),
     ("party", True, False), ("mediator", False, False), ("agent", False, False),
     ("outsider", False, False)],
)  # fmt: skip
def test_education_doors_follow_the_list_rule(
    seeded: tuple[World, dict[str, Any]], persona: str, orders: bool, village_rules: bool
) -> None:
    world, _ = seeded
    html = page(world, persona, "/knowledge/")
    assert (href("/knowledge/orders/") in html) is orders
    assert (href("/knowledge/rules/") in html) is village_rules
    client = client_for(world.user(persona))
    assert (client.get("/knowledge/orders/").status_code == 200) is orders
    assert (client.get("/knowledge/rules/").status_code == 200) is village_rules


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("liaison", True), ("party", True), ("judge", True), ("mediator", False),
     ("invited_mediator", False)],
)  # fmt: skip
def test_report_door_only_for_who_may_report(
    seeded: tuple[World, dict[str, Any]], persona: str, shown: bool
) -> None:
    world, _ = seeded
    assert (href("/disputes/report/") in page(world, persona, "/disputes/")) is shown
    status = client_for(world.user(persona)).get("/disputes/report/").status_code
    assert (status == 200) is shown


@pytest.mark.parametrize(
    ("persona", "review", "docket"),
    [("clerk", True, False), ("judge", True, True), ("court_admin", False, False),
     ("party", False, False)],
)  # fmt: skip
def test_review_and_docket_doors(
    seeded: tuple[World, dict[str, Any]], persona: str, review: bool, docket: bool
) -> None:
    world, _ = seeded
    html = page(world, persona, "/cases/")
    assert (href("/cases/review/") in html) is review
    assert (href("/cases/docket/") in html) is docket


# --- missing doors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "tile"),
    [("party", "/cases/filings/new/"), ("agent", "/cases/filings/new/"),
     ("clerk", "/cases/review/")],
)  # fmt: skip
def test_home_tiles(seeded: tuple[World, dict[str, Any]], persona: str, tile: str) -> None:
    world, _ = seeded
    html = page(world, persona, "/")
    assert f'class="tile" href="{tile}"' in html
    assert client_for(world.user(persona)).get(tile).status_code == 200


def test_case_page_opens_its_group_chat(seeded: tuple[World, dict[str, Any]]) -> None:
    world, data = seeded
    case = data["case"]
    door = f'action="/conversations/open/cases.case/{case.pk}/"'
    for persona in ("judge", "clerk", "party"):
        assert door in page(world, persona, f"/cases/{case.pk}/"), persona
    response = client_for(world.user("judge")).post(f"/conversations/open/cases.case/{case.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/conversations/")
    room = client_for(world.user("judge")).get(response["Location"])
    assert room.status_code == 200 and room["Content-Type"].startswith("text/html")


def test_case_page_hides_the_chat_from_who_is_not_in_it(
    seeded: tuple[World, dict[str, Any]],
) -> None:
    from fating.conversations.selectors import member_of_matter

    world, data = seeded
    case = data["case"]
    for persona in ("court_admin", "clerk", "judge", "party"):
        response = client_for(world.user(persona)).get(f"/cases/{case.pk}/")
        if response.status_code != 200:
            continue
        shown = f"/conversations/open/cases.case/{case.pk}/" in response.content.decode()
        assert shown is (member_of_matter(world.user(persona), case) is not None), persona


# --- 确认收悉 lands on a page -----------------------------------------------------------------------


def test_acknowledge_lands_on_a_page_with_a_chinese_message(
    seeded: tuple[World, dict[str, Any]],
) -> None:
    world, data = seeded
    service = data["service"]
    url = f"/delivery/inbox/{service.pk}/"
    html = page(world, "respondent", url)
    assert f'action="/delivery/inbox/{service.pk}/acknowledge/"' in html
    assert "/api/v1/delivery/inbox/" not in html.split("确认收悉")[0].rsplit("<form", 1)[-1]
    client = client_for(world.user("respondent"))
    response = client.post(f"/delivery/inbox/{service.pk}/acknowledge/", follow=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "您已确认收到《" in text and "您已确认收悉" in text
    assert f"/delivery/inbox/{service.pk}/acknowledge/" not in text  # not offered twice
    assert service.attempts.filter(receipts__kind="replied").exists()


# --- a refusal shows the service's reason next to the action --------------------------------------


def test_signing_for_a_party_without_paper_shows_the_reason(
    seeded: tuple[World, dict[str, Any]],
) -> None:
    world, data = seeded
    dispute = data["drafted"]
    respondent = dispute.parties.get(role="respondent")
    response = client_for(world.user("mediator")).post(
        f"/disputes/{dispute.pk}/act/sign/", {"party": respondent.pk}
    )
    text = response.content.decode()
    assert response.status_code == 403
    assert "线上确认须由当事人本人登录操作。" in text and BARE_REFUSAL not in text
    assert 'open id="action-sign"' in text  # next to the action, opened


def test_mediator_applying_without_the_paper_sees_the_reason(
    seeded: tuple[World, dict[str, Any]],
) -> None:
    world, data = seeded
    dispute = data["agreed"]
    response = client_for(world.user("mediator")).post(
        f"/disputes/{dispute.pk}/act/apply_confirmation/", {}
    )
    text = response.content.decode()
    assert response.status_code == 403
    assert "线上申请须由当事人本人提出。" in text and BARE_REFUSAL not in text
    assert 'open id="action-apply_confirmation"' in text


# --- 申请司法确认 only while it can be applied for -------------------------------------------------


def _offers_apply(world: World, persona: str, dispute: Any) -> bool:
    dispute.refresh_from_db()
    return "apply_confirmation" in {a.name for a in actions.offered(world.user(persona), dispute)}


def test_apply_for_confirmation_not_offered_after_applying(
    seeded: tuple[World, dict[str, Any]],
) -> None:
    world, data = seeded
    dispute = data["agreed"]  # the applicant applied in the seed; the respondent has not
    assert not _offers_apply(world, "applicant", dispute)
    assert _offers_apply(world, "respondent", dispute)
    assert _offers_apply(world, "mediator", dispute)  # may still upload the joint paper
    html = page(world, "applicant", f"/disputes/{dispute.pk}/")
    assert f"/disputes/{dispute.pk}/act/apply_confirmation/" not in html

    agreement = Agreement.objects.get(pk=data["agreement"].pk)
    dispute_services.apply_for_confirmation(actor=world.user("respondent"), agreement=agreement)
    for persona in ("applicant", "respondent", "mediator"):
        assert not _offers_apply(world, persona, dispute), persona


def test_mediator_paper_application_closes_the_offer(
    seeded: tuple[World, dict[str, Any]],
) -> None:
    world, data = seeded
    agreement = Agreement.objects.get(pk=data["agreement"].pk)
    paper = SimpleUploadedFile("共同申请书.pdf", b"%PDF-1.4 joint", "application/pdf")
    dispute_services.apply_for_confirmation(
        actor=world.user("mediator"), agreement=agreement, joint_paper=paper
    )
    for persona in ("applicant", "respondent", "mediator"):
        assert not _offers_apply(world, persona, data["agreed"]), persona
