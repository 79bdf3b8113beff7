"""Workflow: consultation → actions (joint mediation, 司法建议 with reply) → closed; incidents."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fating.core.models import AuditEvent, OutboxMessage
from fating.testing import client_for
from fating.warnings import detection
from fating.warnings.models import Action, EarlyWarning
from fating.warnings.tests.factories import dispute, places

PEOPLE = [{"name": "王法官", "unit": "court"}, {"name": "李镇长", "unit": "township"},
          {"name": "赵所长", "unit": "police"}, {"name": "孙所长", "unit": "justice_office"}]  # fmt: skip


@pytest.fixture
def warning(network) -> EarlyWarning:
    where = places(network)
    detection.scan_dispute(dispute(network, area=where.village, people=60).pk)
    return EarlyWarning.objects.get()


def _post(network, who, url, body):
    return client_for(network.users[who]).post(url, body, content_type="application/json")


def test_assessment_moves_new_to_assessing(network, warning) -> None:
    r = _post(
        network,
        "governance",
        f"/api/v1/warnings/{warning.pk}/assess/",
        {"participants": PEOPLE, "notes": "物业欠费集中，需联动住建", "decisions": "联合调解"},
    )
    warning.refresh_from_db()
    assert r.status_code == 201 and warning.status == "assessing"
    assert AuditEvent.objects.filter(action="warnings.warning.assess").count() == 1


def test_assessment_needs_participants_with_units(network, warning) -> None:
    r = _post(
        network,
        "judge",
        f"/api/v1/warnings/{warning.pk}/assess/",
        {"participants": [{"name": "某人", "unit": "x"}], "notes": "n"},
    )
    assert r.status_code == 400
    assert r.json()["error"]["fields"]["participants.0.unit"] == [
        "请选择参加人员所属单位（法院、镇街、派出所、司法所或其他）。"
    ]


def test_action_on_a_new_warning_is_refused(network, warning) -> None:
    r = _post(
        network,
        "judge",
        f"/api/v1/warnings/{warning.pk}/act/",
        {"kind": "joint_mediation", "description": "x"},
    )
    assert r.status_code == 409
    assert r.json()["error"]["message"] == "预警当前为“新预警”，不能采取处置措施。"


def test_governance_may_not_issue_actions(network, warning) -> None:
    _post(
        network,
        "judge",
        f"/api/v1/warnings/{warning.pk}/assess/",
        {"participants": PEOPLE, "notes": "n"},
    )
    r = _post(
        network,
        "governance",
        f"/api/v1/warnings/{warning.pk}/act/",
        {"kind": "joint_mediation", "description": "x"},
    )
    assert r.status_code == 403 and r.json()["error"]["message"] == "只有本院干警可以处置预警。"


def test_judicial_suggestion_is_a_document_and_its_reply_is_tracked(network, warning) -> None:
    from fating.documents.models import Document

    _post(
        network,
        "judge",
        f"/api/v1/warnings/{warning.pk}/assess/",
        {"participants": PEOPLE, "notes": "n"},
    )
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    r = _post(
        network,
        "judge",
        f"/api/v1/warnings/{warning.pk}/suggest/",
        {
            "department": "甲县住房和城乡建设局",
            "findings": "甲镇物业服务纠纷集中。",
            "suggestions": ["督促物业公司公示收费", "建立业主议事机制"],
            "reply_due_on": due,
        },
    )
    assert r.status_code == 201, r.content
    action = Action.objects.get()
    assert (
        action.status == "awaiting_reply"
        and Document.objects.get(pk=action.document_id).kind == "judicial_suggestion"
    )
    # The 司法建议书 read back: court, 文号, addressee, numbered suggestions, reply date in figures.
    import io

    from docx import Document as Docx

    from fating.documents.rules import date_chinese, date_figures

    document = Document.objects.get(pk=action.document_id)
    lines = [p.text for p in Docx(io.BytesIO(document.docx.read())).paragraphs]
    today = timezone.localdate()
    number = f"（{today.year}）{network.court.code}司建1号"
    assert [network.court.name, "司 法 建 议 书", number] == lines[:3]
    assert "甲县住房和城乡建设局：" in lines
    assert ["一、督促物业公司公示收费", "二、建立业主议事机制"] == [
        line for line in lines if line.startswith(("一、", "二、"))
    ]
    reply_by = date_figures(timezone.localdate() + timedelta(days=30))
    assert f"请于{reply_by}前将采纳和落实情况书面回复本院。" in lines
    assert date_chinese(today) in lines
    r = _post(
        network,
        "clerk",
        f"/api/v1/warnings/{warning.pk}/actions/{action.pk}/reply/",
        {"reply": "已整改"},
    )
    action.refresh_from_db()
    assert r.status_code == 200 and action.status == "replied" and action.reply == "已整改"


def test_suggestion_needs_a_future_reply_date(network, warning) -> None:
    _post(
        network,
        "judge",
        f"/api/v1/warnings/{warning.pk}/assess/",
        {"participants": PEOPLE, "notes": "n"},
    )
    r = _post(
        network,
        "judge",
        f"/api/v1/warnings/{warning.pk}/suggest/",
        {
            "department": "住建局",
            "findings": "f",
            "suggestions": ["s"],
            "reply_due_on": "2020-01-01",
        },
    )
    assert r.status_code == 400 and r.json()["error"]["fields"]["reply_due_on"] == [
        "回复期限应在今天之后。"
    ]


def test_close_needs_a_note_then_closes(network, warning) -> None:
    r = _post(network, "judge", f"/api/v1/warnings/{warning.pk}/close/", {"note": ""})
    assert r.status_code == 400 and r.json()["error"]["fields"]["note"] == [
        "请填写关闭说明（处置结果或排除理由）。"
    ]
    r = _post(
        network,
        "judge",
        f"/api/v1/warnings/{warning.pk}/close/",
        {"note": "经核实为同一事件重复上报"},
    )
    warning.refresh_from_db()
    assert r.status_code == 200 and warning.status == "closed"


def test_new_report_after_closing_opens_a_new_warning(network, warning) -> None:
    village = warning.area.children.first()
    for _ in range(5):
        detection.scan_dispute(dispute(network, area=village, respondent="同一公司").pk)
    first = EarlyWarning.objects.get(subject_key__startswith="mass:name:")
    _post(network, "judge", f"/api/v1/warnings/{first.pk}/close/", {"note": "已处置"})
    detection.scan_dispute(dispute(network, area=village, respondent="同一公司").pk)
    again = EarlyWarning.objects.filter(subject_key=first.subject_key).order_by("pk")
    assert [w.status for w in again] == ["closed", "new"] and again[1].observed == 6


def test_liaison_flags_incident_and_tribunal_is_told_at_once(network) -> None:
    places(network)
    network.point.paired_officer = network.users["judge"]
    network.point.save()
    r = _post(
        network,
        "liaison",
        "/api/v1/warnings/incidents/",
        {"title": "数十名工人聚集讨薪", "description": "在甲村工地门口", "people_involved": 40},
    )
    assert r.status_code == 201
    told = set(
        OutboxMessage.objects.filter(channel="in_app").values_list("recipient__username", flat=True)
    )
    assert {
        network.users["judge"].username,
        network.users["clerk"].username,
        network.users["governance"].username,
    } <= told


def test_incident_needs_title_and_description(network) -> None:
    r = _post(network, "liaison", "/api/v1/warnings/incidents/", {"title": "", "description": ""})
    assert r.status_code == 400 and r.json()["error"]["fields"]["title"] == ["请填写事件概要。"]


def test_liaison_sees_own_incident_but_not_detected_warnings(network, warning) -> None:
    _post(network, "liaison", "/api/v1/warnings/incidents/", {"title": "聚集", "description": "d"})
    titles = [
        w["title"] for w in client_for(network.users["liaison"]).get("/api/v1/warnings/").json()
    ]
    assert titles == ["突发事件：聚集"]


def test_governance_does_not_see_counted_records(network, warning) -> None:
    data = client_for(network.users["governance"]).get(f"/api/v1/warnings/{warning.pk}/").json()
    assert data["evidence"] == [] and "60" in data["explanation"]
    judge = client_for(network.users["judge"]).get(f"/api/v1/warnings/{warning.pk}/").json()
    assert len(judge["evidence"]) == 1


def test_admin_tunes_rule_with_validation(network, warning) -> None:
    rule = warning.rule
    r = client_for(network.users["court_admin"]).patch(
        f"/api/v1/warnings/rules/{rule.pk}/", {"p_threshold": 0.5}, content_type="application/json"
    )
    assert r.status_code == 400 and r.json()["error"]["fields"]["p_threshold"] == [
        "显著性阈值应大于 0 且不超过 0.1。"
    ]
    r = client_for(network.users["court_admin"]).patch(
        f"/api/v1/warnings/rules/{rule.pk}/", {"min_people": 80}, content_type="application/json"
    )
    rule.refresh_from_db()
    assert r.status_code == 200 and rule.min_people == 80


def test_detail_page_shows_explanation(network, warning) -> None:
    r = client_for(network.users["judge"]).get(f"/warnings/{warning.pk}/")
    assert (
        r.status_code == 200
        and "预警说明" in r.content.decode()
        and warning.explanation in r.content.decode()
    )


def test_page_form_records_assessment(network, warning) -> None:
    r = client_for(network.users["judge"]).post(
        f"/warnings/{warning.pk}/",
        {"op": "assess", "name": ["王法官"], "unit": ["court"], "notes": "研判"},
    )
    warning.refresh_from_db()
    assert r.status_code == 302 and warning.status == "assessing"


def _assessed(network, warning) -> None:
    _post(network, "judge", f"/api/v1/warnings/{warning.pk}/assess/",
          {"participants": PEOPLE, "notes": "物业纠纷集中"})  # fmt: skip


def _suggestion_form(**overrides: str) -> dict[str, str]:
    due = (timezone.localdate() + timedelta(days=60)).isoformat()
    return {"department": "甲县住房和城乡建设局", "findings": "锦绣花园小区物业服务纠纷集中。",
            "suggestions": "督促物业公司公示收费\n\n指导成立业主委员会", "reply_due_on": due,
            **overrides}  # fmt: skip


def test_judge_issues_a_judicial_suggestion_from_the_warning_page(network, warning) -> None:
    from fating.documents.models import Document

    _assessed(network, warning)
    judge = client_for(network.users["judge"])
    page = judge.get(f"/warnings/{warning.pk}/").content.decode()
    assert "发出司法建议" in page and "受文单位" in page and "建议事项（每行一条）" in page
    r = judge.post(f"/warnings/{warning.pk}/suggest/", _suggestion_form())
    assert r.status_code == 302 and r["Location"] == f"/warnings/{warning.pk}/"
    action = Action.objects.get()
    assert action.kind == "judicial_suggestion" and action.status == "awaiting_reply"
    assert action.department == "甲县住房和城乡建设局"
    assert action.description.endswith("督促物业公司公示收费；指导成立业主委员会")
    assert Document.objects.get(pk=action.document_id).kind == "judicial_suggestion"
    warning.refresh_from_db()
    assert warning.status == "acting"
    assert AuditEvent.objects.filter(action="warnings.suggestion.issue").count() == 1
    page = judge.get(f"/warnings/{warning.pk}/").content.decode()
    assert "待回复" in page and f"/documents/{action.document_id}/" in page and "登记回复" in page


def test_suggestion_page_form_names_each_missing_field_and_keeps_the_input(
    network, warning
) -> None:
    _assessed(network, warning)
    r = client_for(network.users["judge"]).post(
        f"/warnings/{warning.pk}/suggest/",
        _suggestion_form(department="", suggestions=" \n ", reply_due_on="2020-01-01"),
    )
    body = r.content.decode()
    assert r.status_code == 400 and not Action.objects.exists()
    for message in ("请填写受文单位。", "请至少填写一条建议。", "回复期限应在今天之后。"):
        assert message in body
    assert "锦绣花园小区物业服务纠纷集中。" in body  # what was typed is not lost


def test_suggestion_before_consultation_is_refused_on_the_page(network, warning) -> None:
    judge = client_for(network.users["judge"])
    assert (
        "请先会商研判，再发出司法建议。" in judge.get(f"/warnings/{warning.pk}/").content.decode()
    )
    r = judge.post(f"/warnings/{warning.pk}/suggest/", _suggestion_form())
    assert r.status_code == 409 and "预警当前为“新预警”，不能采取处置措施。" in r.content.decode()


@pytest.mark.parametrize("persona", ["clerk", "court_admin", "governance"])
def test_only_judges_issue_suggestions(network, warning, persona) -> None:
    _assessed(network, warning)
    user = client_for(network.users[persona])
    assert "发出司法建议" not in user.get(f"/warnings/{warning.pk}/").content.decode()
    assert user.post(f"/warnings/{warning.pk}/suggest/", _suggestion_form()).status_code == 403
    due = (timezone.localdate() + timedelta(days=60)).isoformat()
    r = _post(network, persona, f"/api/v1/warnings/{warning.pk}/suggest/",
              {"department": "住建局", "findings": "f", "suggestions": ["s"], "reply_due_on": due})  # fmt: skip
    assert r.status_code == 403
    assert r.json()["error"]["message"] == "只有本院法官可以发出司法建议。"
    assert not Action.objects.exists()


def test_clerk_records_the_reply_on_the_page_and_governance_reads_it(network, warning) -> None:
    _assessed(network, warning)
    client_for(network.users["judge"]).post(f"/warnings/{warning.pk}/suggest/", _suggestion_form())
    action = Action.objects.get()
    clerk = client_for(network.users["clerk"])
    url = f"/warnings/{warning.pk}/actions/{action.pk}/reply/"
    bad = clerk.post(url, {"reply": " "})
    assert bad.status_code == 400 and "请填写回复内容。" in bad.content.decode()
    r = clerk.post(url, {"reply": "已约谈物业公司并责令整改", "replied_on": "2026-05-20"})
    action.refresh_from_db()
    assert r.status_code == 302 and action.status == "replied"
    assert action.replied_on.isoformat() == "2026-05-20"
    again = clerk.post(url, {"reply": "再次回复"})
    assert (
        again.status_code == 409 and "只有待回复的司法建议可以登记回复。" in again.content.decode()
    )
    governance = client_for(network.users["governance"])
    page = governance.get(f"/warnings/{warning.pk}/").content.decode()
    assert "已约谈物业公司并责令整改" in page and "登记回复" not in page
    assert governance.post(url, {"reply": "x"}).status_code == 403


def test_reply_to_an_action_of_another_warning_is_not_found(network, warning) -> None:
    _assessed(network, warning)
    client_for(network.users["judge"]).post(f"/warnings/{warning.pk}/suggest/", _suggestion_form())
    action = Action.objects.get()
    other = EarlyWarning.objects.create(
        court=network.court, kind="incident", subject_key="incident:x", title="突发事件：x",
        window_start=timezone.localdate(), window_end=timezone.localdate(), observed=1,
        explanation="x",
    )  # fmt: skip
    r = client_for(network.users["clerk"]).post(
        f"/warnings/{other.pk}/actions/{action.pk}/reply/", {"reply": "已整改"}
    )
    assert r.status_code == 404


def test_admin_tunes_the_grouping_keys(network, warning) -> None:
    admin = client_for(network.users["court_admin"])
    url = f"/api/v1/warnings/rules/{warning.rule_id}/"
    assert admin.get(url).json()["group_by"] == ["respondent", "project", "employer", "estate"]
    r = admin.patch(url, {"group_by": ["estate", "street"]}, content_type="application/json")
    assert r.status_code == 400 and "分组依据只能从" in r.json()["error"]["fields"]["group_by"][0]
    r = admin.patch(url, {"group_by": ["estate", "respondent"]}, content_type="application/json")
    assert r.status_code == 200 and r.json()["group_by"] == ["respondent", "estate"]
