"""普法 through the REST API: 你问我答, 点单 lifecycle with statistics, village rules versions."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from fating.knowledge.models import OutreachOrder, Question
from fating.knowledge.views_education import QUESTION_LIMIT
from fating.testing import Network, client_for

from .factories import second_judge

API = "/api/v1/knowledge"
RULES_TEXT = "村民应当遵守法律法规，尊老爱幼，邻里和睦，移风易俗。"


def post(client: Client, url: str, data: dict) -> object:
    return client.post(f"{API}{url}", data, content_type="application/json")


def ask_body(network: Network, **fields: object) -> dict:
    return {
        "court": network.court.pk,
        "title": "彩礼要退吗？",
        "text": "订婚后没有结婚，彩礼能要回来吗？",
        "asker_name": "王大妈",
        "contact": "13800000000",
        **fields,
    }


def test_asked_answered_reviewed_question_is_in_the_public_list(network: Network) -> None:
    asked = post(client_for(None), "/qa/", ask_body(network))
    assert asked.status_code == 201
    pk = asked.json()["id"]
    assert "contact" not in asked.json()
    answer = "未办理结婚登记的，可以请求返还按照习俗给付的彩礼。"
    answered = post(client_for(network.users["judge"]), f"/qa/{pk}/answer/", {"answer": answer})
    assert answered.status_code == 200
    assert answered.json()["status"] == "answered"
    assert client_for(None).get(f"{API}/qa/").json()["count"] == 0
    reviewed = post(client_for(second_judge(network)), f"/qa/{pk}/review/", {"publish": True})
    assert reviewed.status_code == 200
    listing = client_for(None).get(f"{API}/qa/").json()
    assert [(q["id"], q["answer"]) for q in listing["results"]] == [(pk, answer)]
    assert "contact" not in listing["results"][0]
    assert "asker_name" not in listing["results"][0]


def test_court_personnel_see_the_askers_contact(network: Network) -> None:
    pk = post(client_for(None), "/qa/", ask_body(network)).json()["id"]
    data = client_for(network.users["clerk"]).get(f"{API}/qa/{pk}/").json()
    assert data["contact"] == "13800000000"
    assert client_for(None).get(f"{API}/qa/{pk}/").status_code == 404


def test_manage_queue_filters_by_status(network: Network) -> None:
    post(client_for(None), "/qa/", ask_body(network))
    client = client_for(network.users["clerk"])
    assert client.get(f"{API}/qa/manage/?status=asked").json()["count"] == 1
    assert client.get(f"{API}/qa/manage/?status=published").json()["count"] == 0


def test_asking_needs_a_court(network: Network) -> None:
    response = post(client_for(None), "/qa/", ask_body(network, court=None))
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"court": ["请选择法院。"]}


def test_question_details_come_from_the_service(network: Network) -> None:
    response = post(client_for(None), "/qa/", ask_body(network, title="", text="短"))
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "title": ["请填写问题。"],
        "text": ["问题详情不能少于 10 个字。"],
    }


def test_asking_is_rate_limited_with_the_standard_error_shape(network: Network) -> None:
    client = client_for(None)
    for _ in range(QUESTION_LIMIT):
        assert post(client, "/qa/", ask_body(network)).status_code == 201
    response = post(client, "/qa/", ask_body(network))
    assert response.status_code == 429
    assert response.json() == {
        "error": {
            "status": 429,
            "code": "throttled",
            "message": "提问过于频繁，请一小时后再试。",
            "fields": {},
        }
    }
    assert Question.objects.count() == QUESTION_LIMIT


def test_page_and_api_share_the_address_limit(network: Network) -> None:
    client = client_for(None)
    form = {"court": network.court.pk, "title": "问题", "text": "这是一个足够长的问题详情。"}
    for _ in range(QUESTION_LIMIT):
        assert client.post("/knowledge/qa/", form).status_code == 302
    assert post(client, "/qa/", ask_body(network)).status_code == 429


def test_answerer_cannot_review_own_answer(network: Network) -> None:
    pk = post(client_for(None), "/qa/", ask_body(network)).json()["id"]
    judge = client_for(network.users["judge"])
    post(judge, f"/qa/{pk}/answer/", {"answer": "十个字以上的回答内容。"})
    response = post(judge, f"/qa/{pk}/review/", {"publish": True})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "回答人不能审核自己的回答。"


# --- 点单 -------------------------------------------------------------------------------------


def order_body(network: Network, **fields: object) -> dict:
    return {
        "service_point": network.point.pk,
        "kind": "training",
        "topic": "土地承包经营权流转",
        "requester_kind": "village",
        "requester_name": "甲村",
        "expected_attendance": 40,
        **fields,
    }


def test_order_lifecycle_and_statistics(network: Network) -> None:
    created = post(client_for(network.users["liaison"]), "/orders/", order_body(network))
    assert created.status_code == 201
    pk = created.json()["id"]
    clerk = client_for(network.users["clerk"])
    when = (timezone.now() + timedelta(days=3)).isoformat()
    scheduled = post(clerk, f"/orders/{pk}/schedule/", {"scheduled_at": when, "place": "村委会"})
    assert scheduled.status_code == 200
    assert scheduled.json()["status"] == "scheduled"
    assert scheduled.json()["speaker"] == network.users["clerk"].pk
    delivered = post(
        clerk, f"/orders/{pk}/deliver/", {"attendance": 35, "satisfaction": 5, "feedback": "好"}
    )
    assert delivered.status_code == 200
    assert delivered.json()["status"] == "delivered"
    stats = client_for(network.users["governance"]).get(f"{API}/orders/").json()["statistics"]
    assert stats["total"] == 1
    assert stats["delivered"] == 1
    assert stats["attendance"] == 35
    assert {"label": "法治讲堂", "count": 1} in stats["by_kind"]


def test_delivered_order_cannot_be_cancelled(network: Network) -> None:
    order = OutreachOrder.objects.create(
        court=network.court,
        service_point=network.point,
        requester_kind="village",
        requester_name="甲村",
        kind="training",
        topic="法治讲堂",
        status="delivered",
        requested_by=network.users["liaison"],
    )
    response = post(
        client_for(network.users["liaison"]), f"/orders/{order.pk}/cancel/", {"reason": "改期"}
    )
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "已完成或已取消的点单不能取消。"


def test_villager_books_a_consultation_and_cancels_it(network: Network) -> None:
    party = client_for(network.users["party"])
    refused = post(party, "/orders/", order_body(network))
    assert refused.status_code == 403
    created = post(party, "/orders/", order_body(network, kind="consultation"))
    assert created.status_code == 201
    pk = created.json()["id"]
    assert party.get(f"{API}/orders/").json()["count"] == 1
    cancelled = post(party, f"/orders/{pk}/cancel/", {"reason": "问题已解决"})
    assert cancelled.status_code == 200
    assert cancelled.json()["cancel_reason"] == "问题已解决"


def test_order_needs_an_active_point(network: Network) -> None:
    response = post(
        client_for(network.users["liaison"]),
        "/orders/",
        order_body(network, service_point=network.inactive_point.pk),
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"service_point": ["请选择服务点。"]}


def test_unknown_speaker_is_refused(network: Network) -> None:
    pk = post(client_for(network.users["liaison"]), "/orders/", order_body(network)).json()["id"]
    when = (timezone.now() + timedelta(days=3)).isoformat()
    response = post(
        client_for(network.users["clerk"]),
        f"/orders/{pk}/schedule/",
        {"scheduled_at": when, "place": "村委会", "speaker": 999999},
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"speaker": ["主讲人必须是本院法官或法官助理。"]}


# --- 乡规民约 ---------------------------------------------------------------------------------


def test_rules_submit_review_revise_keeps_versions(network: Network) -> None:
    liaison = client_for(network.users["liaison"])
    created = post(
        liaison,
        "/rules/",
        {"service_point": network.point.pk, "title": "甲村村规民约", "text": RULES_TEXT},
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    clerk = client_for(network.users["clerk"])
    comment = "第三条关于外嫁女土地权益的规定与法律不符，请修改。"
    reviewed = post(clerk, f"/rules/{pk}/review/", {"comment": comment})
    assert reviewed.json()["status"] == "reviewed"
    revised_text = RULES_TEXT + "外嫁女依法享有土地承包权益。"
    revised = post(liaison, f"/rules/{pk}/revise/", {"text": revised_text, "note": "修改第三条"})
    assert revised.status_code == 200
    filed = post(clerk, f"/rules/{pk}/review/", {"approve": True})
    assert filed.json()["status"] == "filed"
    detail = liaison.get(f"{API}/rules/{pk}/").json()
    assert detail["current_version"] == 2
    assert [(v["number"], v["text"], v["review_comment"]) for v in detail["versions"]] == [
        (1, RULES_TEXT, comment),
        (2, revised_text, ""),
    ]
    assert detail["versions"][1]["note"] == "修改第三条"


def test_rules_cannot_be_revised_before_review(network: Network) -> None:
    liaison = client_for(network.users["liaison"])
    pk = post(
        liaison,
        "/rules/",
        {"service_point": network.point.pk, "title": "甲村村规民约", "text": RULES_TEXT},
    ).json()["id"]
    response = post(liaison, f"/rules/{pk}/revise/", {"text": RULES_TEXT + "补充。"})
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "只有提出审查意见后才能提交修改稿。"


def test_rules_for_another_point_are_refused(network: Network) -> None:
    response = post(
        client_for(network.users["liaison"]),
        "/rules/",
        {"service_point": network.other_point.pk, "title": "乙村村规民约", "text": RULES_TEXT},
    )
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "只有本服务点的联络员可以提交乡规民约。"
