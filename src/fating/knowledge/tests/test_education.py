"""普法: 你问我答, 点单 orders with statistics, village rules with versions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.knowledge import services
from fating.knowledge.models import OutreachOrder, Question
from fating.knowledge.selectors import education_statistics, orders_for
from fating.knowledge.views_education import QUESTION_LIMIT
from fating.testing import Network, client_for

from .factories import question, second_judge


def test_resident_asks_without_an_account(network: Network) -> None:
    response = client_for(None).post(
        "/knowledge/qa/",
        {
            "court": network.court.pk,
            "title": "彩礼要退吗？",
            "text": "订婚后没有结婚，彩礼能要回来吗？",
        },
    )
    assert response.status_code == 302
    assert Question.objects.get().status == "asked"


def test_asking_is_rate_limited(network: Network) -> None:
    client = client_for(None)
    data = {"court": network.court.pk, "title": "问题", "text": "这是一个足够长的问题详情。"}
    for _ in range(QUESTION_LIMIT):
        assert client.post("/knowledge/qa/", data).status_code == 302
    response = client.post("/knowledge/qa/", data)
    assert response.status_code == 429
    assert "提问过于频繁，请一小时后再试。" in response.content.decode()


def test_question_needs_details(network: Network) -> None:
    with pytest.raises(FieldError) as exc:
        services.ask_question(court=network.court, title="", text="短")
    assert exc.value.fields == {"title": ["请填写问题。"], "text": ["问题详情不能少于 10 个字。"]}


def test_answer_then_review_publishes(network: Network) -> None:
    q = services.answer_question(
        actor=network.users["judge"],
        question=question(network),
        answer="流转合同应当采用书面形式。",
    )
    assert client_for(None).get(f"/knowledge/qa/{q.pk}/").status_code == 404
    q = services.review_question(actor=second_judge(network), question=q, publish=True)
    assert q.status == "published"
    page = client_for(None).get(f"/knowledge/qa/{q.pk}/").content.decode()
    assert "流转合同应当采用书面形式。" in page


def test_only_judges_answer(network: Network) -> None:
    with pytest.raises(NotPermitted, match="只有本院法官可以回答群众提问。"):
        services.answer_question(
            actor=network.users["clerk"],
            question=question(network),
            answer="十个字以上的回答内容。",
        )


def test_answerer_does_not_review_own_answer(network: Network) -> None:
    q = services.answer_question(
        actor=network.users["judge"], question=question(network), answer="十个字以上的回答内容。"
    )
    with pytest.raises(NotPermitted, match="回答人不能审核自己的回答。"):
        services.review_question(actor=network.users["judge"], question=q, publish=True)


def test_sent_back_answer_can_be_answered_again(network: Network) -> None:
    q = services.answer_question(
        actor=network.users["judge"], question=question(network), answer="十个字以上的回答内容。"
    )
    q = services.review_question(
        actor=second_judge(network), question=q, publish=False, note="请补充法条。"
    )
    assert q.status == "asked"
    assert (
        services.answer_question(
            actor=network.users["judge"], question=q, answer="依据农村土地承包法第三十六条。"
        ).status
        == "answered"
    )


def _order(network: Network) -> OutreachOrder:
    return services.request_order(
        actor=network.users["liaison"],
        service_point=network.point,
        kind="consultation",
        topic="土地承包经营权流转",
        requester_kind="village",
        requester_name="甲村",
    )


def test_order_requested_scheduled_delivered_counts(network: Network) -> None:
    order = _order(network)
    order = services.schedule_order(
        actor=network.users["clerk"],
        order=order,
        scheduled_at=timezone.now() + timedelta(days=3),
        place="甲村村委会",
    )
    assert (order.status, order.speaker) == ("scheduled", network.users["clerk"])
    order = services.deliver_order(
        actor=network.users["judge"],
        order=order,
        attendance=42,
        feedback="讲得清楚",
        satisfaction=5,
    )
    stats = education_statistics(orders_for(network.users["governance"]))
    assert (stats["total"], stats["delivered"], stats["attendance"]) == (1, 1, 42)
    assert ("法律咨询", 1) in stats["by_kind"]


def test_liaison_orders_only_for_own_point(network: Network) -> None:
    with pytest.raises(
        NotPermitted, match="只有本服务点的联络员或本院综治干部可以点单；群众可以预约法律咨询。"
    ):
        services.request_order(
            actor=network.users["liaison"], service_point=network.other_point, kind="training",
            topic="法治讲堂", requester_kind="village", requester_name="乙村",
        )  # fmt: skip


def test_liaison_cannot_schedule(network: Network) -> None:
    with pytest.raises(NotPermitted, match="只有法院工作人员可以安排点单。"):
        services.schedule_order(
            actor=network.users["liaison"],
            order=_order(network),
            scheduled_at=timezone.now() + timedelta(days=1),
            place="村委会",
        )


def test_delivery_needs_scheduling_first(network: Network) -> None:
    with pytest.raises(InvalidTransition, match="只有已排期的点单可以登记完成。"):
        services.deliver_order(actor=network.users["judge"], order=_order(network), attendance=10)


def test_order_form_validation(network: Network) -> None:
    with pytest.raises(FieldError) as exc:
        services.request_order(
            actor=network.users["governance"], service_point=network.point, kind="x", topic="",
            requester_kind="village", requester_name="甲村",
        )  # fmt: skip
    assert exc.value.fields == {"kind": ["服务类型无效。"], "topic": ["请填写主题。"]}


def test_village_rules_review_and_revision_keep_versions(network: Network) -> None:
    item = services.submit_village_rules(
        actor=network.users["liaison"], service_point=network.point, title="甲村村规民约",
        text="一、村民应当遵守法律法规。二、违反本约者罚款五百元。",
    )  # fmt: skip
    item = services.review_village_rules(
        actor=network.users["judge"],
        rules_item=item,
        comment="罚款条款无法律依据，请删除。",
        approve=False,
    )
    assert item.status == "reviewed"
    item = services.revise_village_rules(
        actor=network.users["liaison"],
        rules_item=item,
        text="一、村民应当遵守法律法规。二、发生纠纷先行调解。",
        note="删除罚款",
    )
    assert (item.status, item.current_version) == ("submitted", 2)
    item = services.review_village_rules(
        actor=network.users["clerk"], rules_item=item, comment="", approve=True
    )
    assert item.status == "filed"
    versions = list(item.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].review_comment == "罚款条款无法律依据，请删除。"
    assert "罚款五百元" in versions[0].text


def test_only_the_points_liaison_submits_rules(network: Network) -> None:
    with pytest.raises(NotPermitted, match="只有本服务点的联络员可以提交乡规民约。"):
        services.submit_village_rules(
            actor=network.users["judge"],
            service_point=network.point,
            title="甲村村规民约",
            text="一二三四五六七八九十一二三四五六七八九十",
        )


def test_a_villager_orders_a_consultation_and_sees_only_their_own(network) -> None:
    from fating.core.exceptions import NotPermitted
    from fating.knowledge import selectors, services
    from fating.knowledge.models import OutreachOrder

    party = network.users["party"]
    order = services.request_order(
        actor=party, service_point=network.point, kind="consultation", topic="承包地被占怎么办",
        requester_kind="village", requester_name="甲村",
    )  # fmt: skip
    assert order.court_id == network.court.pk
    assert list(selectors.orders_for(party)) == [order]
    with pytest.raises(NotPermitted):
        services.request_order(actor=party, service_point=network.point, kind="training",
                               topic="法治讲堂", requester_kind="village", requester_name="甲村")  # fmt: skip
    assert OutreachOrder.objects.count() == 1
    with pytest.raises(NotPermitted):  # agents (lawyers) do not place villagers' orders
        selectors.orders_for(network.users["agent"])
