"""Every indicator of the catalogue against hand-counted records; `fating indicators`, the page
and the API print the same; the dashboard shows the same numbers; one definition each."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.html import escape

from fating.analytics import catalogue as cat
from fating.analytics import indicators, rollup
from fating.analytics.selectors import Viewpoint
from fating.cases.models import Case, CauseOfAction, Filing, Hearing, SpeedyTrialTeam
from fating.delivery.models import Service
from fating.disputes.models import Dispute, Guidance, MediationSession
from fating.documents.models import Document
from fating.knowledge.models import VillageRules, VillageRulesVersion
from fating.testing import client_for
from fating.warnings.models import Action, EarlyWarning
from fating.warnings.tests.factories import at

DAY = date(2026, 3, 10)
SINCE, UNTIL = date(2026, 1, 1), date(2026, 6, 30)
QUERY = "since=2026-01-01&until=2026-06-30"


def _case(network, filing_cause, i, *, accepted, closed_on=None, closure="", in_time=None):
    f = Filing.objects.create(
        filer=network.users["party"], filer_capacity="party", court=network.court,
        tribunal=network.tribunal, received_by=network.court, cause=filing_cause,
        submitted_at=at(accepted), status="accepted",
    )  # fmt: skip
    return Case.objects.create(
        filing=f, court=network.court, tribunal=network.tribunal, number=f"（2025）鲁0001民初{i}号",
        year=2025, type_code="民初", seq=100 + i, accepted_on=accepted, procedure="simple",
        due_on=accepted + timedelta(days=90), fee_amount=50, fee_due=50,
        status="closed" if closed_on else "open", closure=closure, closed_on=closed_on,
        closed_in_time=in_time,
    )  # fmt: skip


@pytest.fixture
def world(network, county):
    """The dashboard's county (7 disputes, 3 cases of 2026-03-10: one mediated in 20 days and in
    time, one judged in 30 days late, one open; 3 plaintiffs in 甲村, a defendant in 丙村) and:"""
    judge = network.users["judge"]
    cases = list(Case.objects.order_by("seq"))
    filing_cause = cases[0].filing.cause
    # 旧存: two cases of 2025 open on 1 January; one closes (withdrawn, in time) on 1 February.
    _case(network, filing_cause, 1, accepted=date(2025, 11, 1))
    _case(network, filing_cause, 2, accepted=date(2025, 10, 1), closed_on=date(2026, 2, 1),
          closure="withdrawal", in_time=False)  # fmt: skip
    # The third case's filing was made with a liaison's help.
    Filing.objects.filter(pk=cases[2].filing_id).update(assisted_by=network.users["liaison"])
    # 家事: the first two cases are 离婚纠纷 (part two of the causes).
    family = CauseOfAction.objects.create(
        revision="2025", code="T9", name="离婚纠纷", level=3, number=9, path="P2/G5/T9",
        valid_from=date(2026, 1, 1),
    )  # fmt: skip
    Filing.objects.filter(case__in=cases[:2]).update(cause=family)
    # 速裁: the first case's judge is in the court's speedy team.
    SpeedyTrialTeam.objects.create(court=network.court, name="速裁一队").members.add(judge)
    Case.objects.filter(pk=cases[0].pk).update(judge=judge)
    d = Dispute.objects.filter(status="village").get()
    # Two online mediation sessions and one in person this year; one online last year.
    for mode, day in (("online", DAY), ("online", DAY), ("in_person", DAY),
                      ("online", DAY - timedelta(days=365))):  # fmt: skip
        MediationSession.objects.create(
            dispute=d, tier="village", mode=mode, held_at=at(day), place="甲村调解室",
            minutes="笔录", outcome="adjourned", recorded_by=judge,
        )  # fmt: skip
    g = Guidance.objects.create(dispute=d, judge=judge, text="参照类案调解。")
    Guidance.objects.filter(pk=g.pk).update(created_at=at(DAY))
    rules = VillageRules.objects.create(service_point=network.point, title="甲村村规民约")
    for number, reviewed in ((1, at(DAY)), (2, None)):
        VillageRulesVersion.objects.create(
            rules=rules, number=number, text="……", submitted_by=network.users["liaison"],
            submitted_at=at(DAY), reviewed_by=judge if reviewed else None, reviewed_at=reviewed,
        )  # fmt: skip
    warning = EarlyWarning.objects.create(
        court=network.court, kind="hotspot", subject_key="k", title="物业纠纷集中",
        area=county.village, window_start=DAY, window_end=DAY, observed=6, explanation="……",
    )  # fmt: skip
    for replied in (DAY + timedelta(days=9), None):
        a = Action.objects.create(
            warning=warning, kind="judicial_suggestion", description="规范物业收费",
            department="住建局", replied_on=replied, recorded_by=judge,
        )  # fmt: skip
        Action.objects.filter(pk=a.pk).update(created_at=at(DAY))
    # Hearings: held online, held in a courtroom, one online still scheduled.
    for mode, status in (("online", "held"), ("courtroom", "held"), ("online", "scheduled")):
        Hearing.objects.create(case=cases[1], mode=mode, starts_at=at(DAY), ends_at=at(DAY),
                               judge=judge, status=status)  # fmt: skip
    # Services: served in the app, served by post, one still in progress.
    doc = Document.objects.create(
        matter_type=ContentType.objects.get_for_model(Case), matter_id=cases[0].pk,
        kind="summons", template_version=1, title="传票", context={}, docx="x.docx",
        docx_sha256="0" * 64, docx_size=1, pdf="x.pdf", pdf_sha256="0" * 64, pdf_size=1,
        generated_by=judge,
    )  # fmt: skip
    for i, (channel, status) in enumerate((("in_app", "served"), ("post", "served"),
                                           ("", "in_progress"))):  # fmt: skip
        Service.objects.create(
            matter_type=doc.matter_type, matter_id=cases[0].pk, document=doc, party_key=f"p{i}",
            recipient_name="原告", status=status, served_at=at(DAY) if channel else None,
            created_by=judge,
            served_channel=channel,
        )  # fmt: skip
    rollup.rebuild()
    return county


def expected(network) -> dict[str, object]:
    population = network.court.area.population
    return {
        "reported": 7,
        "mediated": 4,  # agreed ×2, resolved, village; not the referred nor the reported one
        "by_tier.village": 3, "by_tier.joint": 0, "by_tier.delegated": 0,
        "success_rate": 1.0,  # 3 agreed ÷ (3 + 0 referred after a tier)
        "first_instance": 3,
        "mediation_share": round(4 / 3, 4),
        "cases": 3,
        "carried_over": 2,
        "closed": 3,  # two of 2026 and the one of October 2025
        "closure_rate": round(3 / (2 + 3), 4),
        "in_time_rate": round(1 / 3, 4),
        "average_days": round((20 + 30 + 123) / 3, 1),
        "mediation_withdrawal_rate": round(2 / 3, 4),
        "litigation_rate": round(4 / population * 10000, 2),  # 3 plaintiffs + 1 defendant
        "confirmations": 0, "confirmed": 0,
        "online_filings": 2, "online_filing_rate": round(2 / 3, 4), "assisted_filings": 1,
        "online_mediations": 2,
        "guided_mediations": 1,
        "village_rules_reviews": 1,
        "suggestions_issued": 2, "suggestions_replied": 1, "suggestion_reply_rate": 0.5,
        "appeal_acceptance_rate": None, "reversal_rate": None,  # nothing judged in the fixture
        "speedy_share": round(1 / 3, 4),
        "family_mediation_withdrawal_rate": 0.5,
        "cases_per_judge": 3.0,
        "online_hearings": 1, "online_hearing_rate": 0.5,
        "trial_broadcasts": 0,  # no online courtroom in the fixture (trials' own tests count it)
        "electronic_service": 1, "electronic_service_rate": 0.5,
    }  # fmt: skip


def court_view(network, area=None) -> Viewpoint:
    return Viewpoint(network.court, area, None, suppress=False)


def test_every_indicator_against_hand_counts(network, world) -> None:
    entries = cat.catalogue(court_view(network), since=SINCE, until=UNTIL)
    got = {e["key"]: e["value"] for e in entries}
    assert got == expected(network)


def test_last_year_and_change(network, world) -> None:
    entries = {e["key"]: e for e in cat.catalogue(court_view(network), since=SINCE, until=UNTIL)}
    assert entries["reported"]["last_year"] == 1 and entries["reported"]["change"] == 6
    assert entries["online_mediations"]["last_year"] == 1
    assert entries["online_mediations"]["change"] == 1
    assert entries["success_rate"]["last_year"] is None
    assert entries["success_rate"]["change"] is None


def test_an_area_narrows_what_has_a_place(network, world) -> None:
    got = cat.values(court_view(network, world.other_township), SINCE, UNTIL)
    assert (got["reported"], got["mediated"], got["online_mediations"]) == (1, 0, 0)
    assert got["litigation_rate"] == round(1 / 30000 * 10000, 2)  # the defendant of 丙村
    assert got["suggestions_issued"] == 0
    village = cat.values(court_view(network, world.village), SINCE, UNTIL)
    assert village["suggestions_issued"] == 2 and village["online_mediations"] == 2


def test_one_definition_per_indicator() -> None:
    defs = indicators.definitions()
    assert set(cat.NAMES) <= set(defs)
    texts = [defs[k] for k in cat.NAMES]
    assert all(texts) and len(set(texts)) == len(texts)
    names = [str(n) for n in cat.NAMES.values()]
    assert len(set(names)) == len(names)


def test_in_time_rate_has_the_cases_definition(network) -> None:
    # One 审限内结案率: the 审限 page and API publish the very text the indicators do.
    from fating.cases.legal import IN_TIME_DEFINITION

    assert indicators.definitions()["in_time_rate"] == str(IN_TIME_DEFINITION)
    client = client_for(network.users["judge"])
    api = client.get("/api/v1/cases/time-limits/rates/").json()
    assert api["definition"] == str(IN_TIME_DEFINITION)
    assert escape(str(IN_TIME_DEFINITION)) in client.get("/cases/time-limits/").content.decode()


def _command(*args: str) -> list[dict[str, object]]:
    out = StringIO()
    call_command("indicators", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_command_prints_every_indicator_with_its_definition(network, world) -> None:
    printed = _command("--since", "2026-01-01", "--until", "2026-06-30")
    assert [e["key"] for e in printed] == list(cat.NAMES)
    assert {e["key"]: e["value"] for e in printed} == expected(network)
    assert all({"key", "name", "definition", "value", "last_year", "change"} <= set(e)
               for e in printed)  # fmt: skip
    area = _command("--area", world.other_township.code, "--since", "2026-01-01",
                    "--until", "2026-06-30")  # fmt: skip
    assert {e["key"]: e["value"] for e in area}["reported"] == 1


@pytest.mark.parametrize("args", [("--since", "2026-13-01"), ("--until", "yesterday"),
                                  ("--since", "2026-05-01", "--until", "2026-04-01"),
                                  ("--area", "nowhere")])  # fmt: skip
def test_command_bad_input_exits_2(network, args) -> None:
    with pytest.raises(CommandError) as exc:
        _command(*args)
    assert exc.value.returncode == 2 and str(exc.value)


def test_page_and_api_equal_the_command(network, world) -> None:
    printed = _command("--since", "2026-01-01", "--until", "2026-06-30")
    client = client_for(network.users["judge"])
    api = client.get(f"/api/v1/analytics/indicators/?{QUERY}")
    assert api.status_code == 200 and api.json() == printed
    page = client.get(f"/analytics/indicators/?{QUERY}").content.decode()
    for e in printed:
        row = re.search(rf'<tr id="ind-{re.escape(e["key"])}" data-indicator="[\w.]+"><td>(.*?)</td>'
                        r'<td class="value">(.*?)</td>.*?<td class="muted">(.*?)</td></tr>', page,
                        flags=re.S)  # fmt: skip
        assert row, e["key"]
        shown = "—" if e["value"] is None else str(e["value"])
        assert (row[1], row[2], row[3]) == (escape(e["name"]), shown, escape(e["definition"]))


def test_dashboard_shows_the_same_numbers(network, world) -> None:
    values = {
        e["key"]: e["value"] for e in _command("--since", "2026-01-01", "--until", "2026-06-30")
    }
    client = client_for(network.users["judge"])
    page = client.get(f"/analytics/?{QUERY}").content.decode()
    assert "/analytics/indicators/?" in page  # linked
    tiles = dict(re.findall(r'data-indicator="([\w.]+)"><span class="kpi-label">.*?</span>'
                            r"<strong>(.*?)</strong>", page, flags=re.S))  # fmt: skip
    assert tiles and {"closure_rate", "litigation_rate", "carried_over"} <= set(tiles)
    for key, shown in tiles.items():
        if key in values and not key.startswith("by_tier."):
            assert shown == ("—" if values[key] is None else str(values[key])), key


def test_governance_reads_the_list_with_small_counts_hidden(network, world) -> None:
    data = client_for(network.users["governance"]).get(f"/api/v1/analytics/indicators/?{QUERY}")
    got = {e["key"]: e["value"] for e in data.json()}
    assert got["reported"] == 7 and got["online_mediations"] == "<5"
    assert got["suggestion_reply_rate"] is None
