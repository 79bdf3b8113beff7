"""The journeys of the issue driven entirely through the REST API and the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.disputes import services
from fating.disputes.models import Delegation, Dispute
from fating.disputes.tests.factories import APPLICANT_MOBILE, RESPONDENT_MOBILE, World
from fating.testing import client_for

pytestmark = pytest.mark.django_db

REPORT = {
    "title": "张三与李四民间借贷纠纷",
    "description": "李四向张三借款五万元，写有借条，到期未还。",
    "cause_code": "108.3",
    "amount": "50000",
    "parties": [
        {"role": "applicant", "kind": "person", "name": "张三", "mobile": APPLICANT_MOBILE},
        {"role": "respondent", "kind": "person", "name": "李四", "mobile": RESPONDENT_MOBILE},
    ],
}


def _post(client, url: str, data: dict, status: int = 200) -> dict:
    response = client.post(url, data=data, content_type="application/json")
    assert response.status_code == status, response.content.decode()[:500]
    return response.json()


def test_report_to_confirmed_agreement_through_the_api(world: World) -> None:
    net = world.net
    liaison, mediator, judge = (client_for(net.users[p]) for p in ("liaison", "mediator", "judge"))
    dispute = _post(liaison, "/api/v1/disputes/", REPORT, 201)
    base = f"/api/v1/disputes/{dispute['id']}/"
    detail = liaison.get(base).json()
    applicant = next(p for p in detail["parties"] if p["role"] == "applicant")
    respondent = next(p for p in detail["parties"] if p["role"] == "respondent")
    refused = liaison.post(base + "actions/start/", {"tier": "village", "organisation": net.organisation.pk},
                           content_type="application/json")  # fmt: skip
    assert refused.status_code == 409
    assert "须先取得申请人（张三）的同意" in refused.json()["error"]["message"]
    paper = SimpleUploadedFile("同意书.pdf", b"%PDF-1.4 consent", "application/pdf")
    response = liaison.post(
        base + "actions/consent/", {"party": applicant["id"], "method": "paper", "paper": paper}
    )
    assert response.status_code == 200, response.content
    _post(liaison, base + "actions/start/", {"tier": "village", "organisation": net.organisation.pk,
                                             "mediator": net.mediator.pk})  # fmt: skip
    _post(mediator, base + "actions/escalate/", {"reason": "村调未果"})
    deadline = (timezone.localdate() + timedelta(days=30)).isoformat()
    _post(mediator, base + "actions/agreement/", {
        "facts": "李四向张三借款五万元未还。", "terms": "李四于三十日内归还张三五万元。",
        "performance": "银行转账", "deadline": deadline,
        "instalments": f"{respondent['id']},{deadline},50000",
    })  # fmt: skip
    _post(client_for(world.applicant_user), base + "actions/sign/", {"party": applicant["id"]})
    _post(client_for(world.respondent_user), base + "actions/sign/", {"party": respondent["id"]})
    state = _post(mediator, base + "actions/mediator_sign/", {})
    assert state["status"] == "agreed"
    _post(client_for(world.applicant_user), base + "actions/apply_confirmation/", {})
    _post(client_for(world.respondent_user), base + "actions/apply_confirmation/", {})
    confirmation = liaison.get(base).json()["agreements"][0]["confirmations"][0]
    assert confirmation["filed"] is True
    _post(judge, base + "actions/accept_confirmation/", {"confirmation": confirmation["id"]})
    bad = judge.post(base + "actions/decide_confirmation/", {"confirmation": confirmation["id"], "confirm": False},
                     content_type="application/json")  # fmt: skip
    assert bad.json()["error"]["fields"] == {"ground": ["请选择驳回理由（民诉法解释 第358条）。"]}
    state = _post(
        judge,
        base + "actions/decide_confirmation/",
        {"confirmation": confirmation["id"], "confirm": True},
    )
    assert state["status"] == "resolved"
    labels = [e["label"] for e in liaison.get(base + "timeline/").json()]
    assert labels[:3] == ["上报纠纷", "当事人确认同意", "启动村居调解"]
    assert labels[-2:] == ["裁定确认调解协议有效", "纠纷化解完毕"]
    mine = client_for(world.applicant_user).get("/api/v1/disputes/").json()["results"]
    assert [d["reference"] for d in mine] == [dispute["reference"]]
    masked = client_for(world.respondent_user).get(base).json()["parties"]
    assert next(p for p in masked if p["role"] == "applicant")["mobile"] == "137****1111"


def test_delegation_times_out_through_the_api(world: World) -> None:
    net = world.net
    liaison, judge = client_for(net.users["liaison"]), client_for(net.users["judge"])
    dispute = _post(liaison, "/api/v1/disputes/", REPORT, 201)
    base = f"/api/v1/disputes/{dispute['id']}/"
    applicant = next(p for p in liaison.get(base).json()["parties"] if p["role"] == "applicant")
    paper = SimpleUploadedFile("同意书.pdf", b"%PDF-1.4 consent", "application/pdf")
    liaison.post(
        base + "actions/consent/", {"party": applicant["id"], "method": "paper", "paper": paper}
    )
    _post(judge, base + "actions/delegate/", {"organisation": net.invited_organisation.pk})
    delegation = Delegation.objects.get()
    queue = client_for(world.invited_mediator).get("/api/v1/disputes/queue/").json()
    assert [q["delegation"] for q in queue] == [delegation.pk]
    _post(client_for(world.invited_mediator), base + "actions/respond_delegation/",
          {"delegation": delegation.pk, "accept": True})  # fmt: skip
    delegation.refresh_from_db()
    services.expire_delegations(now=delegation.due_at + timedelta(seconds=1))
    assert judge.get(base).json()["status"] == "joint"
    assert Delegation.objects.get().status == "expired"


def test_referral_through_the_pages(world: World) -> None:
    liaison = client_for(world.net.users["liaison"])
    form = {
        "title": "王五与赵六劳务纠纷", "description": "赵六拖欠王五三个月工钱共一万二千元。",
        "cause_code": "", "cause_free_text": "欠工钱", "people_involved": "2", "urgency": "normal",
        "a_kind": "person", "a_name": "王五", "a_mobile": "13600001111", "a_id_number": "",
        "a_address": "", "r_kind": "person", "r_name": "赵六", "r_mobile": "", "r_id_number": "",
        "r_address": "",
    }  # fmt: skip
    response = liaison.post("/disputes/report/", form)
    assert response.status_code == 302
    dispute = Dispute.objects.get()
    page = liaison.get(response["Location"]).content.decode()
    assert "王五与赵六劳务纠纷" in page and "转入诉讼" in page
    bad = liaison.post(f"/disputes/{dispute.pk}/act/refer/", {"reason": ""})
    assert bad.status_code == 400 and "该字段是必填项。" in bad.content.decode()
    assert (
        liaison.post(f"/disputes/{dispute.pk}/act/refer/", {"reason": "对方拒绝调解"}).status_code
        == 302
    )
    dispute.refresh_from_db()
    assert dispute.status == Dispute.Status.REFERRED
    assert "已转立案" in liaison.get(f"/disputes/{dispute.pk}/").content.decode()


def test_report_to_confirmed_agreement_through_the_pages(world: World) -> None:
    net = world.net
    liaison, mediator, judge = (client_for(net.users[p]) for p in ("liaison", "mediator", "judge"))
    applicant_c, respondent_c = client_for(world.applicant_user), client_for(world.respondent_user)
    form = {
        "title": "张三与李四民间借贷纠纷", "description": "李四向张三借款五万元，写有借条，到期未还。",
        "cause_code": "108.3", "cause_free_text": "", "amount": "50000", "people_involved": "2",
        "urgency": "normal", "a_kind": "person", "a_name": "张三", "a_mobile": APPLICANT_MOBILE,
        "a_id_number": "", "a_address": "", "r_kind": "person", "r_name": "李四",
        "r_mobile": RESPONDENT_MOBILE, "r_id_number": "", "r_address": "",
    }  # fmt: skip
    assert liaison.post("/disputes/report/", form).status_code == 302
    dispute = Dispute.objects.get()
    base = f"/disputes/{dispute.pk}/act/"
    applicant = dispute.parties.get(role="applicant")
    respondent = dispute.parties.get(role="respondent")

    def act(client, name: str, data: dict, files: dict | None = None) -> None:
        response = client.post(base + name + "/", {**data, **(files or {})})
        assert response.status_code == 302, (name, response.content.decode()[:800])

    paper = SimpleUploadedFile("同意书.pdf", b"%PDF-1.4 consent", "application/pdf")
    act(liaison, "consent", {"party": applicant.pk, "method": "paper"}, {"paper": paper})
    act(
        liaison,
        "start",
        {"tier": "village", "organisation": net.organisation.pk, "mediator": net.mediator.pk},
    )
    act(mediator, "escalate", {"reason": "村调未果"})
    deadline = (timezone.localdate() + timedelta(days=30)).isoformat()
    act(mediator, "agreement", {"facts": "李四向张三借款五万元未还。", "terms": "李四于三十日内归还五万元。",
                                "performance": "银行转账", "deadline": deadline,
                                "instalments": f"{respondent.pk},{deadline},50000"})  # fmt: skip
    act(applicant_c, "sign", {"party": applicant.pk})
    act(respondent_c, "sign", {"party": respondent.pk})
    act(mediator, "mediator_sign", {})
    act(applicant_c, "apply_confirmation", {})
    act(respondent_c, "apply_confirmation", {})
    confirmation = dispute.agreements.get().confirmations.get()
    act(judge, "accept_confirmation", {"confirmation": confirmation.pk})
    act(judge, "decide_confirmation", {"confirmation": confirmation.pk, "confirm": "1"})
    dispute.refresh_from_db()
    assert dispute.status == Dispute.Status.RESOLVED
    page = applicant_c.get(f"/disputes/{dispute.pk}/").content.decode()
    assert "裁定确认有效" in page and "民特1号" in page and "民事裁定书" in page
