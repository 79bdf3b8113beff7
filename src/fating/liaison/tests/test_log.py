"""The liaison's diary: writing it, auto-entries from the acts the system knows, the paired
officer's feedback, the parties' ratings; the permission matrix and hostile input."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from fating.cases.tests.factories import submitted_filing
from fating.core.audit import AuditEvent
from fating.core.events import DomainEvent
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.disputes.tests.factories import World, reported
from fating.liaison import selectors, services, subscribers
from fating.liaison.models import Feedback, LogEntry, Rating
from fating.testing import AreaFactory, Network, client_for

pytestmark = pytest.mark.django_db


def _write(net: Network, **kw: Any) -> LogEntry:
    data = {"kind": "visit", "occurred_on": timezone.localdate().isoformat(),
            "people_met": "王大爷", "notes": "走访了解土地流转纠纷苗头。", **kw}  # fmt: skip
    return services.log_entry(actor=net.users["liaison"], **data)


def test_a_liaison_writes_a_visit_at_a_village_of_the_point(network: Network) -> None:
    village = AreaFactory(name="甲村", level="village")
    network.point.areas.add(village)
    entry = _write(network, place=village.pk)
    assert entry.liaison == network.liaison and entry.place == village
    assert entry.service_point == network.point and entry.source == "manual"
    assert AuditEvent.objects.filter(action="liaison.entry.create").count() == 1


@pytest.mark.parametrize(("field", "data"), [
    ("kind", {"kind": "party"}),
    ("occurred_on", {"occurred_on": "2099-01-01"}),
    ("occurred_on", {"occurred_on": "yesterday"}),
    ("occurred_on", {"occurred_on": (timezone.localdate() - timedelta(days=90)).isoformat()}),
    ("notes", {"notes": "长" * 2001}),
    ("notes", {"notes": "", "people_met": ""}),
    ("people_met", {"people_met": "x\x00"}),
    ("place", {"place": 999999}),
    ("place", {"place": "1 OR 1=1"}),
    ("dispute", {"kind": "visit", "dispute": 1}),
    ("dispute", {"kind": "report", "dispute": 424242}),
    ("filing", {"kind": "filing", "filing": 424242}),
    ("service", {"kind": "service", "service": 424242}),
])  # fmt: skip
def test_hostile_input_names_the_field_and_writes_nothing(
    network: Network, field: str, data: dict[str, Any]
) -> None:
    with pytest.raises(FieldError) as caught:
        _write(network, **data)
    assert field in caught.value.fields
    assert not LogEntry.objects.exists() and not AuditEvent.objects.filter(
        action__startswith="liaison.").exists()  # fmt: skip


def test_only_a_liaison_with_a_record_writes_a_diary(network: Network) -> None:
    for persona in ("judge", "party", "cross", "governance"):
        with pytest.raises(NotPermitted):
            services.log_entry(actor=network.users[persona], kind="visit",
                               occurred_on=timezone.localdate(), notes="x")  # fmt: skip


def test_a_reported_dispute_is_written_once_into_the_reporters_diary(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        dispute = reported(world)
    (entry,) = LogEntry.objects.all()
    assert entry.kind == "report" and entry.dispute == dispute and entry.source == "auto"
    assert entry.liaison == world.net.liaison and "张三" in entry.people_met
    event = AuditEvent.objects.get(action="disputes.dispute.report")
    subscribers.on_event(DomainEvent(name=event.action, target_type=event.object_type,
                                     target_id=event.object_id, after=event.after))  # fmt: skip
    assert LogEntry.objects.count() == 1  # a retried delivery writes nothing


def test_an_assisted_filing_is_written_into_the_diary(
    network: Network, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        filing = submitted_filing(network, filer=network.users["liaison"], capacity="liaison")
    (entry,) = LogEntry.objects.all()
    assert entry.kind == "filing" and entry.filing == filing and "李四" in entry.people_met
    with django_capture_on_commit_callbacks(execute=True):
        submitted_filing(network)  # the party's own filing is no act of the liaison
    assert LogEntry.objects.count() == 1


def _entry_with_dispute(world: World, capture: Any) -> LogEntry:
    with capture(execute=True):
        reported(world)
    return LogEntry.objects.get()


VIEW = {"liaison": True, "judge": True, "clerk": True, "court_admin": True, "governance": False,
        "mediator": False, "party": False, "agent": False, "other_admin": False,
        "outsider": False, "cross": False}  # fmt: skip
FEEDBACK = {"judge", "officer"}


@pytest.mark.parametrize("persona", [*VIEW, "officer"])
def test_permission_matrix(world: World, django_capture_on_commit_callbacks: Any,
                           persona: str) -> None:  # fmt: skip
    net = world.net
    officer = net.users["clerk"] if persona == "officer" else None
    if officer is not None:  # the clerk as the liaison's paired officer (feedback allowed)
        net.liaison.paired_officer = officer
        net.liaison.save()
    user = officer or net.users[persona]
    entry = _entry_with_dispute(world, django_capture_on_commit_callbacks)
    client = client_for(user)
    sees = VIEW.get(persona, True)
    page = client.get(f"/liaison/log/{entry.pk}/")
    api = client.get(f"/api/v1/liaison/entries/{entry.pk}/")
    assert page.status_code == (200 if sees else 404), persona
    assert api.status_code == (200 if sees else 404), persona
    listing = client.get("/api/v1/liaison/entries/")
    if listing.status_code == 200:
        assert [e["id"] for e in listing.json()["results"]] == ([entry.pk] if sees else [])
    post = client.post(f"/api/v1/liaison/entries/{entry.pk}/feedback/", {"text": "做得好"},
                       content_type="application/json")  # fmt: skip
    expected = 201 if persona in FEEDBACK else (403 if sees else 404)
    assert post.status_code == expected, (persona, post.content[:200])
    assert Feedback.objects.count() == (1 if persona in FEEDBACK else 0)


def test_feedback_reaches_the_liaison(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    net = world.net
    net.liaison.paired_officer = net.users["clerk"]
    net.liaison.save()
    entry = _entry_with_dispute(world, django_capture_on_commit_callbacks)
    officer = client_for(net.users["clerk"])
    link = f'href="/liaison/log/{entry.pk}/"'
    assert link in officer.get("/liaison/log/?pending=1").content.decode()
    page = officer.post(f"/liaison/log/{entry.pk}/", {"text": "请跟进调解"})
    assert page.status_code == 302
    assert link not in officer.get("/liaison/log/?pending=1").content.decode()
    assert link in officer.get("/liaison/log/").content.decode()
    mine = client_for(net.users["liaison"]).get(f"/liaison/log/{entry.pk}/")
    assert "请跟进调解" in mine.content.decode() and "提交反馈" not in mine.content.decode()
    from fating.core.models import OutboxMessage

    assert OutboxMessage.objects.filter(recipient=net.users["liaison"],
                                        link=f"/liaison/log/{entry.pk}/").exists()  # fmt: skip
    with pytest.raises(FieldError):
        services.give_feedback(actor=net.users["clerk"], entry=entry, text="  ")


def test_a_party_rates_an_assisted_act_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    entry = _entry_with_dispute(world, django_capture_on_commit_callbacks)
    applicant = world.applicant_user
    client = client_for(applicant)
    assert "服务评价" in client.get("/liaison/ratings/").content.decode()
    url = f"/api/v1/liaison/entries/{entry.pk}/rating/"
    for bad in (
        {"stars": 0},
        {"stars": 6},
        {"stars": "5; drop"},
        {"stars": 3, "comment": "x" * 301},
    ):
        assert client.post(url, bad, content_type="application/json").status_code == 400
    headers = {"HTTP_IDEMPOTENCY_KEY": "rate-1"}
    first = client.post(url, {"stars": 5}, content_type="application/json", **headers)
    again = client.post(url, {"stars": 5}, content_type="application/json", **headers)
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert Rating.objects.count() == 1
    assert client.post(url, {"stars": 4}, content_type="application/json").status_code == 409
    for persona in ("party", "liaison", "judge"):  # not helped by this act: not there at all
        other = client_for(world.net.users[persona])
        assert other.post(url, {"stars": 1}, content_type="application/json").status_code == 404
    assert Rating.objects.get().stars == 5
    with pytest.raises(InvalidTransition):
        services.rate(actor=applicant, entry=entry, stars=1)


def test_a_retried_create_writes_one_entry(network: Network) -> None:
    client = client_for(network.users["liaison"])
    body = {"kind": "education", "occurred_on": timezone.localdate().isoformat(),
            "notes": "村民法治讲堂：民间借贷"}  # fmt: skip
    for _ in range(2):
        r = client.post("/api/v1/liaison/entries/", body, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="entry-1")  # fmt: skip
        assert r.status_code == 201
    assert LogEntry.objects.count() == 1
    assert client.post("/api/v1/liaison/entries/", {**body, "kind": "x"},
                       content_type="application/json").status_code == 400  # fmt: skip
    assert LogEntry.objects.count() == 1


def test_pages_of_the_liaison(network: Network) -> None:
    client = client_for(network.users["liaison"])
    home = client.get("/").content.decode()
    assert "/liaison/log/" in home
    assert client.get("/liaison/log/").status_code == 200
    assert client.get("/liaison/log/new/").status_code == 200
    r = client.post("/liaison/log/new/", {"kind": "visit", "occurred_on": "bad", "notes": "x"})
    assert r.status_code == 400 and "日期" in r.content.decode()
    r = client.post("/liaison/log/new/", {"kind": "visit", "notes": "走访",
                    "occurred_on": timezone.localdate().isoformat()})  # fmt: skip
    assert r.status_code == 302
    for persona in ("party", "mediator", "governance", "other_admin"):
        assert client_for(network.users[persona]).get("/liaison/log/new/").status_code == 404
    assert client_for(network.users["party"]).get("/liaison/log/").status_code == 404
    assert selectors.entries_for(network.users["other_admin"]).count() == 0
