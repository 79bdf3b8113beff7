"""A statistical warning in plain words for governance officers and the SMS (异常增多); the
baseline, p-value and threshold only for court staff, one tap away (issue 12)."""

from __future__ import annotations

from datetime import date

import pytest

from fating.core.models import OutboxMessage
from fating.testing import Network, client_for
from fating.warnings import notifications, rules
from fating.warnings.models import EarlyWarning, Kind
from fating.warnings.tests.factories import places

EXPLANATION = (
    "计数：甲镇2026-05-11 起一周内上报的“物业服务合同纠纷”纠纷。本周观察 8 件，期望 0.40 件；"
    "泊松分布下至少出现 8 件的概率 p = 0.0018（阈值 p < 0.01，且不少于 3 件）。"
)


@pytest.fixture
def hotspot(network: Network) -> EarlyWarning:
    where = places(network)
    return EarlyWarning.objects.create(
        court=network.court, kind=Kind.HOTSPOT, subject_key="hotspot:test", area=where.township,
        title="热点预警：甲镇“物业服务合同纠纷”本周 8 件", category="物业服务合同纠纷",
        window_start=date(2026, 5, 11), window_end=date(2026, 5, 17), observed=8,
        expected=0.4, p_value=0.0018, explanation=EXPLANATION,
    )  # fmt: skip


def test_plain_summary_has_no_statistics() -> None:
    text = rules.plain_summary("hotspot", observed=8, expected=0.4, category="物业服务合同纠纷",
                               area="甲镇", explanation=EXPLANATION)  # fmt: skip
    assert (
        text
        == "甲镇“物业服务合同纠纷”纠纷异常增多：本期 8 件，通常不到 1 件。请关注并及时会商研判。"
    )
    assert rules.usual_level(3.4) == "约 3 件"
    # warnings that explain themselves in words are left as they are
    assert rules.plain_summary("incident", observed=1, expected=None, category="", area="",
                               explanation="突发事件") == "突发事件"  # fmt: skip


def test_governance_reads_plain_words(network: Network, hotspot: EarlyWarning) -> None:
    page = client_for(network.users["governance"]).get(f"/warnings/{hotspot.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and "异常增多" in text
    assert "泊松" not in text and "p = 0.0018" not in text and "0.0018" not in text
    listing = client_for(network.users["governance"]).get("/warnings/").content.decode()
    assert "泊松" not in listing and "异常增多" in listing


def test_judge_reads_the_statistics_one_tap_away(network: Network, hotspot: EarlyWarning) -> None:
    text = client_for(network.users["judge"]).get(f"/warnings/{hotspot.pk}/").content.decode()
    assert "异常增多" in text and "<details" in text and "p = 0.0018" in text


def test_sms_carries_plain_words(network: Network, hotspot: EarlyWarning) -> None:
    notifications.announce(hotspot)
    bodies = set(OutboxMessage.objects.values_list("body", flat=True))
    assert bodies and all("异常增多" in b and "泊松" not in b and "p =" not in b for b in bodies)
