"""部门联动 with the departments as actors: hand-over, answer, work, return; who sees what; the
notices; the deadlines; the API with Idempotency-Key; hostile input writes nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.accounts.models import Membership, Role, User
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.core.models import AuditEvent, OutboxMessage
from fating.disputes import rules, selectors, services
from fating.disputes.models import (
    Agreement,
    DepartmentReferral,
    DepartmentWork,
    Dispute,
)
from fating.disputes.tests.factories import World, in_village, reported, with_consent
from fating.network.models import Department
from fating.testing import UserFactory, client_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 signed agreement"


@dataclass
class Departments:
    police: Department
    sfs: Department
    other_court: Department
    officer: User  # 派出所
    sfs_officer: User  # 司法所
    other_officer: User  # the other court's 派出所


@pytest.fixture
def deps(world: World) -> Departments:
    net = world.net
    police = Department.objects.create(court=net.court, name="甲镇派出所", kind="police_station")
    sfs = Department.objects.create(court=net.court, name="甲镇司法所", kind="justice_office")
    other = Department.objects.create(
        court=net.other_court, name="乙镇派出所", kind="police_station"
    )
    users = []
    for name, dep in (("police", police), ("sfs", sfs), ("other-police", other)):
        user = UserFactory(username=name, full_name=f"{dep.name}民警")
        Membership.objects.create(user=user, role=Role.DEPARTMENT_OFFICER, department=dep)
        users.append(user)
    return Departments(police, sfs, other, *users)


def _handed(world: World, deps: Departments, *, village: bool = False) -> DepartmentReferral:
    dispute = in_village(world) if village else with_consent(world, reported(world))
    return services.hand_to_department(
        actor=world.net.users["liaison"],
        dispute=dispute,
        department=deps.police,
        request="请派出所协助约谈被申请人",
    )


def _accepted(world: World, deps: Departments, **kw: bool) -> DepartmentReferral:
    referral = _handed(world, deps, **kw)
    return services.respond_to_referral(actor=deps.officer, referral=referral, accept=True)


# --- the flow ----------------------------------------------------------------------------------


def test_hand_over_from_reported_starts_joint_mediation_and_tells_the_department(
    world: World, deps: Departments, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        referral = _handed(world, deps)
    referral.dispute.refresh_from_db()
    assert referral.dispute.status == Dispute.Status.JOINT
    assert referral.status == DepartmentReferral.Status.PENDING
    assert referral.handed_from == Dispute.Status.REPORTED
    assert referral.accept_by == rules.department_accept_by(timezone.localdate())
    assert AuditEvent.objects.filter(action="disputes.referral.hand_over").count() == 1
    notice = OutboxMessage.objects.filter(channel="in_app", recipient=deps.officer)
    assert notice.count() == 1 and "甲镇派出所" in notice.get().body
    assert not OutboxMessage.objects.filter(channel="in_app", recipient=deps.sfs_officer).exists()


def test_accept_record_and_return_resolved_counts_at_the_joint_tier(
    world: World, deps: Departments, django_capture_on_commit_callbacks: object
) -> None:
    referral = _accepted(world, deps)
    assert referral.status == DepartmentReferral.Status.ACCEPTED
    assert referral.due_on == rules.department_due(timezone.localdate())
    work = services.record_department_work(
        actor=deps.officer, referral=referral, kind="meeting",
        happened_at=timezone.now() - timedelta(hours=1), text="约谈双方，释法明理",
        people="张三、李四", upload=SimpleUploadedFile("note.pdf", b"%PDF-1.4 notes", "application/pdf"),
        title="约谈笔录",
    )  # fmt: skip
    assert work.attachment is not None and len(work.attachment.sha256) == 64
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.return_referral(
            actor=deps.officer, referral=referral, resolved=True, outcome="双方达成还款协议",
            terms="李四分两期归还张三五万元", performance="银行转账",
            deadline=timezone.localdate() + timedelta(days=60), total_amount="50000",
            signed=SimpleUploadedFile("agreement.pdf", PDF, "application/pdf"),
        )  # fmt: skip
    referral.refresh_from_db()
    dispute = Dispute.objects.get(pk=referral.dispute_id)
    assert referral.status == DepartmentReferral.Status.RESOLVED
    assert (dispute.status, dispute.agreed_at_tier) == (Dispute.Status.AGREED, "joint")
    agreement = Agreement.objects.get(dispute=dispute)
    assert agreement.status == Agreement.Status.EFFECTIVE
    assert agreement.organisation_name == "甲镇派出所"
    assert agreement.signatures.count() == dispute.parties.count()
    # the handing liaison is told
    assert OutboxMessage.objects.filter(
        channel="in_app", recipient=world.net.users["liaison"], subject__contains="已化解"
    ).exists()
    from fating.disputes import stats

    data = stats.statistics(court_ids=None)
    assert data["by_tier"]["部门联动"]["count"] == 1
    assert data["department_resolved"] == 1 and data["departments"] == {"已化解": 1}


def test_decline_returns_to_the_handing_tier(world: World, deps: Departments) -> None:
    referral = _handed(world, deps, village=True)
    with pytest.raises(FieldError) as caught:
        services.respond_to_referral(actor=deps.officer, referral=referral, accept=False)
    assert "reason" in caught.value.fields
    services.respond_to_referral(
        actor=deps.officer, referral=referral, accept=False, reason="不属于本所管辖范围"
    )
    referral.refresh_from_db()
    assert referral.status == DepartmentReferral.Status.DECLINED
    assert Dispute.objects.get(pk=referral.dispute_id).status == Dispute.Status.VILLAGE
    with pytest.raises(InvalidTransition):
        services.respond_to_referral(actor=deps.officer, referral=referral, accept=True)


def test_decline_from_reported_goes_back_to_reported(world: World, deps: Departments) -> None:
    referral = _handed(world, deps)
    services.respond_to_referral(actor=deps.officer, referral=referral, accept=False,
                                 reason="请先由村调委会调解")  # fmt: skip
    assert Dispute.objects.get(pk=referral.dispute_id).status == Dispute.Status.REPORTED


def test_return_unresolved_leaves_the_next_tier_to_the_court(
    world: World, deps: Departments
) -> None:
    referral = _accepted(world, deps)
    services.return_referral(actor=deps.officer, referral=referral, resolved=False,
                             outcome="被申请人拒绝调解")  # fmt: skip
    dispute = Dispute.objects.get(pk=referral.dispute_id)
    assert dispute.status == Dispute.Status.JOINT
    assert rules.DISPUTE.allows(dispute.status, "delegate")
    assert rules.DISPUTE.allows(dispute.status, "refer")


def test_withdrawing_the_dispute_ends_the_referral(world: World, deps: Departments) -> None:
    referral = _accepted(world, deps)
    services.withdraw(
        actor=world.net.users["judge"], dispute=referral.dispute, reason="当事人自行和解"
    )
    referral.refresh_from_db()
    assert referral.status == DepartmentReferral.Status.WITHDRAWN


def test_resolved_without_the_signed_scan_writes_nothing(world: World, deps: Departments) -> None:
    referral = _accepted(world, deps)
    before = AuditEvent.objects.count()
    with pytest.raises(FieldError) as caught:
        services.return_referral(actor=deps.officer, referral=referral, resolved=True,
                                 outcome="达成协议", terms="", performance="", deadline=None)  # fmt: skip
    assert {"terms", "performance", "deadline", "signed"} <= set(caught.value.fields)
    referral.refresh_from_db()
    assert referral.status == DepartmentReferral.Status.ACCEPTED
    assert not Agreement.objects.exists() and AuditEvent.objects.count() == before


def test_hand_over_checks_the_department_and_the_text(world: World, deps: Departments) -> None:
    dispute = with_consent(world, reported(world))
    liaison = world.net.users["liaison"]
    with pytest.raises(FieldError):
        services.hand_to_department(actor=liaison, dispute=dispute, department=deps.other_court,
                                    request="请协助")  # fmt: skip
    with pytest.raises(FieldError):
        services.hand_to_department(actor=liaison, dispute=dispute, department=deps.police,
                                    request=" ")  # fmt: skip
    with pytest.raises(NotPermitted):
        services.hand_to_department(actor=world.net.users["mediator"], dispute=dispute,
                                    department=deps.police, request="请协助约谈")  # fmt: skip
    assert not DepartmentReferral.objects.exists()
    assert Dispute.objects.get(pk=dispute.pk).status == Dispute.Status.REPORTED


def test_deadline_reminders_reach_the_department_once(world: World, deps: Departments) -> None:
    from fating.inbox import deadlines

    referral = _handed(world, deps)
    first = deadlines.remind(referral.accept_by)
    again = deadlines.remind(referral.accept_by)
    assert first >= 1 and again >= 1
    sent = OutboxMessage.objects.filter(
        channel="in_app", recipient=deps.officer, subject__startswith="期限临近"
    )
    assert sent.count() == 1


# --- who sees what -----------------------------------------------------------------------------


def test_officers_see_only_their_own_departments_hand_overs(
    world: World, deps: Departments
) -> None:
    referral = _handed(world, deps)
    dispute = referral.dispute
    assert list(selectors.department_queue(deps.officer)) == [referral]
    assert list(selectors.department_queue(deps.sfs_officer)) == []
    assert selectors.can_view_dispute(deps.officer, dispute)
    assert not selectors.can_view_dispute(deps.sfs_officer, dispute)
    assert not selectors.can_view_dispute(deps.other_officer, dispute)
    # a second department on the same dispute: each sees its own hand-over only
    second = services.hand_to_department(actor=world.net.users["judge"], dispute=dispute,
                                         department=deps.sfs, request="请司法所协助调解")  # fmt: skip
    assert set(selectors.restrict(DepartmentReferral.objects.all(), deps.sfs_officer)) == {second}
    assert set(
        selectors.restrict(DepartmentReferral.objects.all(), world.net.users["liaison"])
    ) == {referral, second}
    with pytest.raises(NotVisible):
        selectors.referral_for(deps.sfs_officer, referral.pk)
    with pytest.raises(NotPermitted):
        selectors.referral_for(world.net.users["liaison"], referral.pk, "work")
    with pytest.raises(NotVisible):
        services.respond_to_referral(actor=deps.other_officer, referral=referral, accept=True)


PAGE = "/disputes/departments/{pk}/"
MATRIX = {
    # persona: (queue page, referral page, dispute page, answer POST)
    "police": (200, 200, 200, 302),
    "sfs": (200, 404, 404, 404),
    "other_police": (200, 404, 404, 404),
    "liaison": (200, 200, 200, 403),
    "judge": (200, 200, 200, 403),
    "court_admin": (200, 200, 200, 403),
    "mediator": (200, 200, 200, 403),  # the village mediator: on the handing side
    "other_admin": (200, 404, 404, 404),
    "outsider": (200, 404, 404, 404),
    "anonymous": (302, 302, 302, 302),
}


@pytest.mark.parametrize("persona", list(MATRIX))
def test_page_permission_matrix(world: World, deps: Departments, persona: str) -> None:
    referral = _handed(world, deps, village=True)
    users = {"police": deps.officer, "sfs": deps.sfs_officer, "other_police": deps.other_officer,
             "anonymous": None}  # fmt: skip
    user = users[persona] if persona in users else world.net.users[persona]
    client = client_for(user)
    queue, page, dispute_page, answer = MATRIX[persona]
    assert client.get("/disputes/departments/").status_code == queue
    assert client.get(PAGE.format(pk=referral.pk)).status_code == page
    assert client.get(f"/disputes/{referral.dispute_id}/").status_code == dispute_page
    response = client.post(PAGE.format(pk=referral.pk) + "answer/", {"accept": "1"})
    assert response.status_code == answer
    referral.refresh_from_db()
    expected = "accepted" if persona == "police" else "pending"
    assert referral.status == expected


def test_the_officer_page_offers_only_what_the_machine_allows(
    world: World, deps: Departments
) -> None:
    referral = _handed(world, deps)
    client = client_for(deps.officer)
    html = client.get(PAGE.format(pk=referral.pk)).content.decode()
    assert "answer/" in html and "record/" not in html and "return/" not in html
    home = client.get("/").content.decode()
    assert "/disputes/departments/" in home
    dispute_html = client.get(f"/disputes/{referral.dispute_id}/").content.decode()
    assert "/act/" not in dispute_html  # no dispute action is offered to the department
    assert "进入一案一群聊" not in dispute_html


def test_the_handing_side_sees_status_and_the_departments_record(
    world: World, deps: Departments
) -> None:
    referral = _accepted(world, deps)
    services.record_department_work(actor=deps.officer, referral=referral, kind="contact",
                                    happened_at=timezone.now(), text="电话联系申请人张三")  # fmt: skip
    liaison = client_for(world.net.users["liaison"])
    html = liaison.get(f"/disputes/{referral.dispute_id}/").content.decode()
    assert "甲镇派出所" in html and "办理中" in html
    page = liaison.get(PAGE.format(pk=referral.pk)).content.decode()
    assert "电话联系申请人张三" in page and "answer/" not in page


def test_the_dispute_page_hands_over_to_a_department_of_its_court(
    world: World, deps: Departments
) -> None:
    dispute = with_consent(world, reported(world))
    liaison = client_for(world.net.users["liaison"])
    html = liaison.get(f"/disputes/{dispute.pk}/").content.decode()
    assert "甲镇派出所" in html and "乙镇派出所" not in html
    response = liaison.post(f"/disputes/{dispute.pk}/act/hand_over/",
                            {"department": deps.police.pk, "request": "请派出所协助调处"})  # fmt: skip
    assert response.status_code == 302
    assert DepartmentReferral.objects.filter(dispute=dispute, department=deps.police).exists()


def test_hostile_page_input_writes_nothing(world: World, deps: Departments) -> None:
    referral = _accepted(world, deps)
    client = client_for(deps.officer)
    response = client.post(PAGE.format(pk=referral.pk) + "record/",
                           {"kind": "bogus", "happened_at": "not a time", "text": "<script>"})  # fmt: skip
    assert response.status_code == 400
    assert not DepartmentWork.objects.exists()
    response = client.post(PAGE.format(pk=referral.pk) + "nothing/", {})
    assert response.status_code == 400


# --- API ---------------------------------------------------------------------------------------


def test_api_queue_and_actions_with_idempotency_key(world: World, deps: Departments) -> None:
    referral = _handed(world, deps)
    api = client_for(deps.officer)
    listed = api.get("/api/v1/disputes/departments/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["id"] for r in rows] == [referral.pk]
    url = f"/api/v1/disputes/departments/{referral.pk}/actions/answer/"
    first = api.post(url, data=json.dumps({"accept": True}), content_type="application/json",
                     HTTP_IDEMPOTENCY_KEY="answer-1")  # fmt: skip
    again = api.post(url, data=json.dumps({"accept": True}), content_type="application/json",
                     HTTP_IDEMPOTENCY_KEY="answer-1")  # fmt: skip
    assert first.status_code == again.status_code == 200
    assert first.json()["status"] == "accepted"
    assert AuditEvent.objects.filter(action="disputes.referral.accept").count() == 1
    record = f"/api/v1/disputes/departments/{referral.pk}/actions/record/"
    body = {"kind": "note", "happened_at": timezone.now().isoformat(), "text": "走访了解情况"}
    for _i in range(2):
        response = api.post(record, data=json.dumps(body), content_type="application/json",
                            HTTP_IDEMPOTENCY_KEY="record-1")  # fmt: skip
        assert response.status_code == 200, response.content.decode()
    assert DepartmentWork.objects.count() == 1
    bad = api.post(record, data=json.dumps({"kind": "note", "text": ""}),
                   content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and DepartmentWork.objects.count() == 1
    detail = api.get(f"/api/v1/disputes/departments/{referral.pk}/").json()
    assert detail["actions"] == ["record", "return"] and len(detail["work"]) == 1


@pytest.mark.parametrize(
    ("persona", "read", "act"),
    [("sfs", 404, 404), ("other_police", 404, 404), ("liaison", 200, 403),
     ("other_admin", 404, 404), ("anonymous", 403, 403)],
)  # fmt: skip
def test_api_permission_matrix(
    world: World, deps: Departments, persona: str, read: int, act: int
) -> None:
    referral = _handed(world, deps)
    users = {"sfs": deps.sfs_officer, "other_police": deps.other_officer, "anonymous": None}
    api = client_for(users[persona] if persona in users else world.net.users[persona])
    got = api.get(f"/api/v1/disputes/departments/{referral.pk}/")
    assert got.status_code in ((read,) if read != 403 else (401, 403))
    post = api.post(f"/api/v1/disputes/departments/{referral.pk}/actions/answer/",
                    data=json.dumps({"accept": True}), content_type="application/json")  # fmt: skip
    assert post.status_code in ((act,) if act != 403 or persona != "anonymous" else (401, 403))
    referral.refresh_from_db()
    assert referral.status == DepartmentReferral.Status.PENDING


# --- appointment through the user administration -----------------------------------------------


def test_the_court_admin_appoints_a_department_officer(world: World, deps: Departments) -> None:
    from fating.accounts import services_users
    from fating.accounts.selectors import scope_of

    admin = world.net.users["court_admin"]
    person, _password = services_users.create_user(
        actor=admin, full_name="甲镇司法所干部", mobile="13900001234",
        role=Role.DEPARTMENT_OFFICER, place=deps.sfs,
    )  # fmt: skip
    grant = person.memberships.get()
    assert grant.department == deps.sfs and grant.place_name == "甲镇司法所"
    assert scope_of(User.objects.get(pk=person.pk)).departments(Role.DEPARTMENT_OFFICER) == {
        deps.sfs.pk
    }
    with pytest.raises(FieldError):  # the other court's department
        services_users.add_grant(
            actor=admin, user=person, role=Role.DEPARTMENT_OFFICER, place=deps.other_court
        )
    with pytest.raises(FieldError):  # a department officer is held at a department only
        services_users.add_grant(
            actor=admin, user=person, role=Role.DEPARTMENT_OFFICER, place=world.net.tribunal
        )
    page = client_for(admin).get(f"/users/{person.pk}/").content.decode()
    assert (
        f"department:{deps.police.pk}" in page and f"department:{deps.other_court.pk}" not in page
    )


def test_an_agreement_reached_at_the_table_ends_the_hand_over(
    world: World, deps: Departments
) -> None:
    referral = _accepted(world, deps, village=True)
    dispute = referral.dispute
    mediator = world.net.users["mediator"]
    agreement = services.draft_agreement(
        actor=mediator, dispute=dispute, facts="李四向张三借款五万元未还，双方无异议。",
        terms="李四归还张三五万元。", performance="银行转账",
        deadline=timezone.localdate() + timedelta(days=30), instalments=[],
    )  # fmt: skip
    for party in dispute.parties.all():
        services.sign_agreement(actor=mediator, agreement=agreement, party=party,
                                paper=SimpleUploadedFile("s.pdf", PDF, "application/pdf"))  # fmt: skip
    services.mediator_sign(actor=mediator, agreement=agreement)
    referral.refresh_from_db()
    assert Dispute.objects.get(pk=dispute.pk).status == Dispute.Status.AGREED
    assert referral.status == DepartmentReferral.Status.WITHDRAWN
    assert referral.outcome == "纠纷已达成调解协议"
