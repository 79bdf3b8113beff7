"""Detection from records as they arrive: planted clusters are found and explained."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from fating.core.models import OutboxMessage
from fating.testing import Network
from fating.warnings import detection, services
from fating.warnings.models import EarlyWarning, Kind, ScanMark, WarningRule
from fating.warnings.tests.factories import dispute, places

MONDAY = date(2026, 5, 11)


@pytest.fixture
def where(network: Network):
    network.point.paired_officer = network.users["judge"]
    network.point.save()
    return places(network)


def test_report_is_scanned_after_commit_through_its_event(
    world, django_capture_on_commit_callbacks
) -> None:
    from fating.disputes.tests.factories import reported

    with django_capture_on_commit_callbacks(execute=True):
        d = reported(world)
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
    services.ensure_default_rules(court_id=network.court.pk)
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


GROUPING = [
    ("project", "project_name", ["青禾锦绣城二期", "青禾锦绣城 二期", "青禾锦绣城（二期）",
                                 "青禾锦绣城二期", "青禾锦绣城二期"], "同一项目"),
    ("employer", "employer_name", ["青禾建工集团有限公司", "青禾建工集团 有限公司",
                                   "青禾建工集团有限公司", "青禾建工集团有限公司　", "青禾建工集团有限公司"], "同一用工单位"),
    ("estate", "housing_estate", ["锦绣花园小区", "锦绣花园", "锦绣花园 小区", "锦绣花园(小区)",
                                  "锦绣花园小区"], "同一小区"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "field", "names", "phrase"), GROUPING, ids=[g[0] for g in GROUPING]
)
def test_planted_cluster_by_each_key_is_found_and_named(
    network, where, key, field, names, phrase
) -> None:
    # Five respondents, one shared name written five ways: only the grouping key can see it.
    for i, name in enumerate(names):
        d = dispute(network, area=where.village, respondent=f"包工头{i}",
                    day=MONDAY + timedelta(days=i), **{field: name})  # fmt: skip
        detection.scan_dispute(d.pk)
    w = EarlyWarning.objects.get(kind=Kind.MASS_DISPUTE)
    assert w.subject_key.startswith(f"mass:{key}:") and w.observed == 5 and len(w.evidence) == 5
    assert f"分组依据：{phrase}" in w.explanation and names[-1] in w.explanation
    assert phrase in w.title and "7 日" in w.explanation and "至少 5 件" in w.explanation


@pytest.mark.parametrize(
    ("key", "field", "names", "phrase"), GROUPING, ids=[g[0] for g in GROUPING]
)
def test_one_below_the_count_raises_nothing(network, where, key, field, names, phrase) -> None:
    for i, name in enumerate(names[:4]):
        d = dispute(network, area=where.village, respondent=f"包工头{i}",
                    day=MONDAY + timedelta(days=i), **{field: name})  # fmt: skip
        detection.scan_dispute(d.pk)
    assert not EarlyWarning.objects.filter(kind=Kind.MASS_DISPUTE).exists()


def test_cluster_outside_the_window_or_across_estates_raises_nothing(network, where) -> None:
    for i in range(3):  # three in week one, two a fortnight later: never five within 7 days
        detection.scan_dispute(dispute(network, area=where.village, housing_estate="锦绣花园",
                                       day=MONDAY + timedelta(days=i)).pk)  # fmt: skip
    for i in range(2):
        detection.scan_dispute(dispute(network, area=where.village, housing_estate="锦绣花园",
                                       day=MONDAY + timedelta(days=14 + i)).pk)  # fmt: skip
    for i in range(3):
        detection.scan_dispute(dispute(network, area=where.village, housing_estate="锦绣家园",
                                       day=MONDAY + timedelta(days=14 + i)).pk)  # fmt: skip
    assert not EarlyWarning.objects.filter(kind=Kind.MASS_DISPUTE).exists()


def test_rule_groups_only_by_the_configured_keys(network, where) -> None:
    services.ensure_default_rules(court_id=network.court.pk)
    WarningRule.objects.filter(kind=Kind.MASS_DISPUTE).update(group_by=["respondent", "project"])
    for i in range(5):
        detection.scan_dispute(dispute(network, area=where.village, housing_estate="锦绣花园",
                                       day=MONDAY + timedelta(days=i)).pk)  # fmt: skip
    assert not EarlyWarning.objects.filter(kind=Kind.MASS_DISPUTE).exists()


def test_keys_collecting_the_same_records_raise_one_warning_naming_both(network, where) -> None:
    for i in range(5):
        detection.scan_dispute(dispute(network, area=where.village, respondent="青禾物业有限公司",
                                       housing_estate="锦绣花园", day=MONDAY + timedelta(days=i)).pk)  # fmt: skip
    w = EarlyWarning.objects.get(kind=Kind.MASS_DISPUTE)
    assert w.subject_key == "mass:name:青禾物业有限公司"
    assert "分组依据：同一被申请人" in w.explanation
    assert "这些记录同时属于同一小区“锦绣花园”" in w.explanation


def test_estate_warning_merges_later_reports_while_open(network, where) -> None:
    for i in range(6):
        detection.scan_dispute(dispute(network, area=where.village, housing_estate="锦绣花园",
                                       day=MONDAY + timedelta(days=min(i, 4))).pk)  # fmt: skip
    w = EarlyWarning.objects.get(kind=Kind.MASS_DISPUTE)
    assert w.observed == 6 and len(w.evidence) == 6
