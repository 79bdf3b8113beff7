"""Detection from records as they arrive: planted clusters are found and explained."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from fating.core.models import OutboxMessage
from fating.testing import Network
from fating.warnings import detection
from fating.warnings.models import EarlyWarning, Kind, ScanMark, WarningRule
from fating.warnings.tests.factories import dispute, places

MONDAY = date(2026, 5, 11)


@pytest.fixture
def where(network: Network):
    network.point.paired_officer = network.users["judge"]
    network.point.save()
    return places(network)


def test_report_is_scanned_after_commit_through_the_hook(
    network, where, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        d = dispute(network, area=where.village)
    assert ScanMark.objects.filter(source="dispute", source_id=d.pk).exists()


def test_same_respondent_five_times_in_a_week_raises_an_explained_mass_warning(
    network, where
) -> None:
    for i in range(5):
        d = dispute(
            network,
            area=where.village,
            respondent="青禾物业有限公司",
            day=MONDAY + timedelta(days=i),
        )
        detection.scan_dispute(d.pk)
    w = EarlyWarning.objects.get(kind=Kind.MASS_DISPUTE)
    assert w.observed == 5 and len(w.evidence) == 5
    assert "青禾物业有限公司" in w.explanation and "7 日" in w.explanation


def test_four_reports_against_one_respondent_raise_nothing(network, where) -> None:
    for i in range(4):
        detection.scan_dispute(
            dispute(
                network, area=where.village, respondent="某公司", day=MONDAY + timedelta(days=i)
            ).pk
        )
    assert not EarlyWarning.objects.filter(kind=Kind.MASS_DISPUTE).exists()


def test_one_report_of_many_people_raises_a_mass_warning(network, where) -> None:
    d = dispute(network, area=where.village, people=45, cause="追索劳动报酬纠纷")
    detection.scan_dispute(d.pk)
    assert EarlyWarning.objects.get(kind=Kind.MASS_DISPUTE).observed == 45


def test_scanning_twice_counts_once(network, where) -> None:
    d = dispute(network, area=where.village, people=45)
    detection.scan_dispute(d.pk)
    assert detection.scan_dispute(d.pk) == []
    assert EarlyWarning.objects.count() == 1


def _background(network, where, weeks: int = 40) -> None:
    for w in range(weeks, 0, -1):
        day = MONDAY - timedelta(weeks=w)
        detection.scan_dispute(dispute(network, area=where.village, day=day).pk)


def test_planted_burst_in_one_township_is_a_hotspot_with_observed_and_expected(
    network, where
) -> None:
    _background(network, where)
    for i in range(8):
        detection.scan_dispute(
            dispute(network, area=where.village, day=MONDAY + timedelta(days=i % 5)).pk
        )
    w = EarlyWarning.objects.get(kind=Kind.HOTSPOT)
    assert w.area == where.township and w.observed == 8
    assert w.expected is not None and w.expected < 2 and w.p_value < 0.01
    assert "甲镇" in w.explanation and "p < 0.01" in w.explanation


def test_usual_week_is_not_a_hotspot(network, where) -> None:
    _background(network, where)
    detection.scan_dispute(dispute(network, area=where.village, day=MONDAY).pk)
    assert not EarlyWarning.objects.filter(kind=Kind.HOTSPOT).exists()


def test_new_warning_notifies_paired_officer_and_governance(network, where) -> None:
    detection.scan_dispute(dispute(network, area=where.village, people=45).pk)
    recipients = set(
        OutboxMessage.objects.filter(channel="in_app").values_list("recipient__username", flat=True)
    )
    assert recipients == {network.users["judge"].username, network.users["governance"].username}


def test_tuned_rule_is_used(network, where) -> None:
    detection.active_rules(network.court.pk)
    WarningRule.objects.filter(kind=Kind.MASS_DISPUTE).update(min_people=100)
    detection.scan_dispute(dispute(network, area=where.village, people=45).pk)
    assert not EarlyWarning.objects.exists()


def test_backfill_command_scans_in_order(network, where) -> None:
    for i in range(5):
        dispute(network, area=where.village, respondent="乙公司", day=MONDAY + timedelta(days=i))
    call_command("warnings_scan", since="2026-05-01")
    assert EarlyWarning.objects.get(kind=Kind.MASS_DISPUTE).observed == 5


def test_filing_whistle_for_a_mass_category(network, where) -> None:
    from fating.cases.models import Filing
    from fating.cases.tests.factories import cause
    from fating.warnings.tests.factories import at

    c = cause("商品房销售合同纠纷", code="T9")
    network.tribunal.areas.remove(where.other_township)  # the tribunal's only township: 甲镇

    def filing(day: date) -> Filing:
        f = Filing.objects.create(filer=network.users["party"], filer_capacity="party", court=network.court,
                                  tribunal=network.tribunal, received_by=network.court, cause=c,
                                  submitted_at=at(day), status="submitted")  # fmt: skip
        return f

    for w in range(30, 0, -1):
        detection.scan_filing(filing(MONDAY - timedelta(weeks=w)).pk)
    for i in range(9):
        detection.scan_filing(filing(MONDAY + timedelta(days=i % 5)).pk)
    w = EarlyWarning.objects.get(kind=Kind.FILING_WHISTLE)
    assert w.area == where.township and w.observed >= 9 and "倍" in w.explanation
