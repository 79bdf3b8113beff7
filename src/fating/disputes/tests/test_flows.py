"""The three journeys of the issue, through the services: village → joint → confirmed agreement
with its ruling; a referral to filing; a 委派 delegation that times out and returns."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.core.audit import verify_chain
from fating.core.calendar import days, period_end
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.models import OutboxMessage
from fating.disputes import services
from fating.disputes.models import Agreement, Delegation, Dispute, JudicialConfirmation
from fating.disputes.tests.factories import World, in_village, reported, with_consent
from fating.documents.models import Document

pytestmark = pytest.mark.django_db


def _agree(world: World, dispute: Dispute, *, instalments: bool = True) -> Agreement:
    mediator = world.net.users["mediator"]
    today = timezone.localdate()
    applicant, respondent = (
        dispute.parties.get(role="applicant"),
        dispute.parties.get(role="respondent"),
    )
    plan = [
        services.InstalmentInput(respondent.pk, today + timedelta(days=10), "20000"),
        services.InstalmentInput(respondent.pk, today + timedelta(days=40), "30000"),
    ] if instalments else []  # fmt: skip
    agreement = services.draft_agreement(
        actor=mediator, dispute=dispute, facts="李四向张三借款五万元未还，双方对借款事实无异议。",
        terms="李四分两期归还张三借款五万元。\n张三放弃利息主张。", performance="银行转账至张三账户",
        deadline=today + timedelta(days=40), instalments=plan,
    )  # fmt: skip
    services.sign_agreement(actor=world.applicant_user, agreement=agreement, party=applicant)
    services.sign_agreement(
        actor=mediator, agreement=agreement, party=respondent,
        paper=SimpleUploadedFile("签字.pdf", b"%PDF-1.4 signed", "application/pdf"),
    )  # fmt: skip
    services.mediator_sign(actor=mediator, agreement=agreement)
    agreement.refresh_from_db()
    return agreement


def _assert_agreement_fields(document: Document, agreement: Agreement) -> None:
    """The 人民调解协议书 read back: each party with its role, amounts and dates as written."""
    import io

    from docx import Document as Docx

    from fating.documents.rules import date_chinese, date_figures, yuan

    doc = Docx(io.BytesIO(document.docx.read()))
    lines = [p.text for p in doc.paragraphs]
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert [
        p.split("，")[0].rstrip("。")
        for p in lines
        if "：" in p and p.startswith(("申请人", "被申请人"))
    ][:2] == [
        "申请人：张三",
        "被申请人：李四",
    ]
    assert "上述款项合计50,000.00元（大写：人民币伍万元整）。" in lines
    first, second = agreement.instalments.order_by("due_on")
    assert rows[1:] == [
        ["第一期", date_figures(first.due_on), yuan(first.amount), "由李四履行"],
        ["第二期", date_figures(second.due_on), yuan(second.amount), "由李四履行"],
    ]
    deadline = f"全部义务于{date_figures(agreement.deadline)}前履行完毕。"
    assert any(deadline in line for line in lines)
    signed = timezone.localtime(agreement.effective_at).date()
    assert date_chinese(signed) in lines
    assert "申请人（签名、盖章或按指印）：张三" in lines
    assert "被申请人（签名、盖章或按指印）：李四" in lines


def test_village_to_joint_to_confirmed_agreement(world: World) -> None:
    net = world.net
    dispute = in_village(world)
    assert dispute.status == Dispute.Status.VILLAGE
    dispute = services.escalate(
        actor=net.users["mediator"], dispute=dispute, reason="村调未果，需派出所参与"
    )
    assert dispute.status == Dispute.Status.JOINT
    services.add_guidance(actor=net.users["judge"], dispute=dispute, text="可参照民间借贷规定第25条释明利息问题。",
                          suggested_cases=["某某民间借贷纠纷案"])  # fmt: skip
    services.record_session(
        actor=net.users["mediator"], dispute=dispute, mode="in_person", held_at=timezone.now(),
        place="甲村村委会", attendees=["张三（申请人）", "李四（被申请人）", "王调解（调解员）"],
        minutes="双方到场，确认借款五万元，李四同意分两期归还。", outcome="agreed",
    )  # fmt: skip
    agreement = _agree(world, dispute)
    assert agreement.status == Agreement.Status.EFFECTIVE
    dispute.refresh_from_db()
    assert dispute.status == Dispute.Status.AGREED
    pdf = Document.objects.get(kind="mediation_agreement")
    assert pdf.title.startswith("人民调解协议书")
    _assert_agreement_fields(pdf, agreement)

    applicant = world.applicant_user
    confirmation = services.apply_for_confirmation(actor=applicant, agreement=agreement)
    assert not confirmation.filed
    with pytest.raises(InvalidTransition, match="尚未由双方共同提交"):
        services.accept_confirmation(actor=net.users["judge"], confirmation=confirmation)
    confirmation = services.apply_for_confirmation(actor=world.respondent_user, agreement=agreement)
    assert confirmation.filed
    confirmation = services.accept_confirmation(actor=net.users["judge"], confirmation=confirmation)
    year = timezone.localdate().year
    assert confirmation.case_number == f"（{year}）{net.court.code}民特1号"
    # 15 days from acceptance on the court calendar (司法确认规定 第5条; 民事诉讼法 第85条).
    assert confirmation.decision_due == period_end(timezone.localdate(), days(15)).end
    confirmation = services.decide_confirmation(
        actor=net.users["judge"], confirmation=confirmation, confirm=True
    )
    assert confirmation.status == JudicialConfirmation.Status.CONFIRMED
    dispute.refresh_from_db()
    assert dispute.status == Dispute.Status.RESOLVED
    ruling = Document.objects.get(kind="confirmation_ruling")
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(ruling.pdf.read())).pages[0].extract_text()
    assert "张三" in text and "李四" in text and confirmation.case_number in text
    # Both parties apply jointly (人民调解法 第33条; 民事诉讼法 第205条): the ruling names each
    # of them 申请人, in its header as in its body; nobody is a 被申请人.
    from docx import Document as Docx

    paragraphs = [p.text for p in Docx(io.BytesIO(ruling.docx.read())).paragraphs]
    assert [
        p.split("，")[0].rstrip("。")
        for p in paragraphs
        if p.startswith(("申请人：", "被申请人："))
    ] == [
        "申请人：张三",
        "申请人：李四",
    ]
    assert not any("被申请人" in p for p in paragraphs)
    assert "申请人张三、李四" in "".join(paragraphs)
    assert verify_chain() is None


def test_performance_resolves_the_dispute(world: World) -> None:
    dispute = in_village(world)
    agreement = _agree(world, dispute)
    first, second = agreement.instalments.order_by("due_on")
    with pytest.raises(FieldError, match="超过本期应履行金额"):
        services.record_payment(
            actor=world.applicant_user,
            instalment=first,
            amount="25000",
            paid_on=timezone.localdate(),
        )
    with pytest.raises(NotPermitted):  # the debtor cannot certify their own payment
        services.record_payment(
            actor=world.respondent_user,
            instalment=first,
            amount="20000",
            paid_on=timezone.localdate(),
        )
    services.record_payment(
        actor=world.applicant_user, instalment=first, amount="20000", paid_on=timezone.localdate()
    )
    services.record_payment(
        actor=world.net.users["mediator"],
        instalment=second,
        amount="30000",
        paid_on=timezone.localdate(),
    )
    dispute.refresh_from_db()
    assert dispute.status == Dispute.Status.RESOLVED
    assert Agreement.objects.get().status == Agreement.Status.PERFORMED


def test_default_is_detected_and_the_creditor_told(world: World) -> None:
    dispute = in_village(world)
    _agree(world, dispute)
    assert services.check_defaults(today=timezone.localdate() + timedelta(days=11)) == 1
    assert Agreement.objects.get().status == Agreement.Status.DEFAULTED
    assert OutboxMessage.objects.filter(
        recipient=world.applicant_user, subject="对方未按期履行调解协议"
    ).exists()
    assert services.check_defaults(today=timezone.localdate() + timedelta(days=12)) == 0


def test_rejection_needs_a_358_ground(world: World) -> None:
    dispute = in_village(world)
    agreement = _agree(world, dispute)
    services.apply_for_confirmation(actor=world.applicant_user, agreement=agreement)
    c = services.apply_for_confirmation(actor=world.respondent_user, agreement=agreement)
    c = services.accept_confirmation(actor=world.net.users["judge"], confirmation=c)
    with pytest.raises(FieldError) as caught:
        services.decide_confirmation(actor=world.net.users["judge"], confirmation=c, confirm=False)
    assert caught.value.fields == {"ground": ["请选择驳回理由（民诉法解释 第358条）。"]}
    c = services.decide_confirmation(actor=world.net.users["judge"], confirmation=c, confirm=False,
                                     ground="unclear", reasons="给付期限约定不明")  # fmt: skip
    assert c.status == JudicialConfirmation.Status.REJECTED
    assert Dispute.objects.get().status == Dispute.Status.AGREED


def test_referral_to_filing(world: World) -> None:
    dispute = in_village(world)
    with pytest.raises(FieldError, match="请说明转入诉讼的原因"):
        services.refer_to_filing(actor=world.applicant_user, dispute=dispute, reason=" ")
    with pytest.raises(NotPermitted):
        services.refer_to_filing(actor=world.respondent_user, dispute=dispute, reason="不想调了")
    dispute = services.refer_to_filing(
        actor=world.applicant_user, dispute=dispute, reason="对方拒绝调解"
    )
    assert dispute.status == Dispute.Status.REFERRED and dispute.closed_at is not None
    with pytest.raises(InvalidTransition, match="不能执行“撤回”"):
        services.withdraw(actor=world.applicant_user, dispute=dispute, reason="算了")


def test_delegation_times_out_and_returns(world: World) -> None:
    net = world.net
    dispute = with_consent(world, reported(world))
    with pytest.raises(FieldError, match="只能委派给特邀调解组织"):
        services.delegate(actor=net.users["judge"], dispute=dispute, organisation=net.organisation)
    with pytest.raises(NotPermitted):
        services.delegate(
            actor=net.users["liaison"], dispute=dispute, organisation=net.invited_organisation
        )
    delegation = services.delegate(
        actor=net.users["judge"], dispute=dispute, organisation=net.invited_organisation
    )
    assert Dispute.objects.get().status == Dispute.Status.DELEGATED
    delegation = services.respond_to_delegation(
        actor=world.invited_mediator, delegation=delegation, accept=True
    )
    assert delegation.due_at.date() == timezone.localdate() + timedelta(days=30)
    with pytest.raises(FieldError, match="须经各方当事人同意"):
        services.extend_delegation(
            actor=net.users["judge"], delegation=delegation, days=10, all_parties_agree=False
        )
    counts = services.expire_delegations(now=delegation.due_at - timedelta(days=2))
    assert counts["reminded"] == 1 and counts["expired"] == 0
    counts = services.expire_delegations(now=delegation.due_at + timedelta(minutes=1))
    assert counts["expired"] == 1
    delegation.refresh_from_db()
    assert delegation.status == Delegation.Status.EXPIRED
    dispute.refresh_from_db()
    assert dispute.status == Dispute.Status.JOINT
    assert "期满" in dispute.outcome_note


def test_unanswered_delegation_is_declined_after_three_working_days(world: World) -> None:
    dispute = with_consent(world, reported(world))
    delegation = services.delegate(
        actor=world.net.users["judge"], dispute=dispute, organisation=world.net.invited_organisation
    )
    later = timezone.now() + timedelta(days=8)
    assert services.expire_delegations(now=later)["unanswered"] == 1
    delegation.refresh_from_db()
    assert delegation.status == Delegation.Status.DECLINED


def test_judge_booking_conflicts(world: World) -> None:
    net = world.net
    dispute = services.escalate(
        actor=net.users["mediator"], dispute=in_village(world), reason="升级"
    )
    start = timezone.now() + timedelta(days=1)
    booking = services.request_booking(actor=net.users["mediator"], dispute=dispute, judge=net.users["judge"],
                                       starts_at=start, ends_at=start + timedelta(hours=2), place="甲村")  # fmt: skip
    services.respond_to_booking(actor=net.users["judge"], booking=booking, accept=True)
    with pytest.raises(FieldError, match="法官该时段已有安排"):
        services.request_booking(actor=net.users["mediator"], dispute=dispute, judge=net.users["judge"],
                                 starts_at=start + timedelta(hours=1), ends_at=start + timedelta(hours=3), place="乙村")  # fmt: skip
    with pytest.raises(FieldError) as caught:
        services.request_booking(actor=net.users["mediator"], dispute=dispute, judge=net.users["clerk"],
                                 starts_at=start, ends_at=start, place="")  # fmt: skip
    assert caught.value.fields == {"judge": ["请选择本庭的法官。"]}


def test_inadmissible_confirmation_is_refused(world: World) -> None:
    dispute = in_village(world)
    Dispute.objects.filter(pk=dispute.pk).update(cause_name="离婚纠纷")
    agreement = _agree(world, Dispute.objects.get(pk=dispute.pk), instalments=False)
    with pytest.raises(InvalidTransition, match="涉及婚姻关系的效力或者解除"):
        services.apply_for_confirmation(actor=world.applicant_user, agreement=agreement)


def test_amount_total_is_sum_of_instalments(world: World) -> None:
    agreement = _agree(world, in_village(world))
    assert agreement.total_amount == Decimal("50000.00")


def test_judge_sees_what_waits_for_them(world: World) -> None:
    from fating.testing import client_for

    agreement = _agree(world, in_village(world))
    judge = client_for(world.net.users["judge"])
    assert "暂无待办。" in judge.get("/disputes/").content.decode()
    services.apply_for_confirmation(actor=world.applicant_user, agreement=agreement)
    services.apply_for_confirmation(actor=world.respondent_user, agreement=agreement)
    page = judge.get("/disputes/").content.decode()
    assert "司法确认待受理" in page
    assert "待我处理" not in client_for(world.net.users["clerk"]).get("/disputes/").content.decode()


def test_judge_calendar_spans_bookings_and_hearings(world: World) -> None:
    """A booked on-site mediation blocks a hearing at the same time, and the other way round."""
    from fating.cases.services.hearings import schedule_hearing
    from fating.cases.tests.factories import accepted_case

    net = world.net
    judge = net.users["judge"]
    dispute = services.escalate(
        actor=net.users["mediator"], dispute=in_village(world), reason="升级"
    )
    start = timezone.now() + timedelta(days=2)
    booking = services.request_booking(actor=net.users["mediator"], dispute=dispute, judge=judge,
                                       starts_at=start, ends_at=start + timedelta(hours=2), place="甲村")  # fmt: skip
    services.respond_to_booking(actor=judge, booking=booking, accept=True)
    case = accepted_case(net)
    with pytest.raises(FieldError, match="已预约到场参加联动调解"):
        schedule_hearing(actor=net.users["clerk"], case=case, mode="courtroom", courtroom="第一法庭",
                         starts_at=start + timedelta(hours=1), ends_at=start + timedelta(hours=3), judge=judge)  # fmt: skip
    later = start + timedelta(days=1)
    schedule_hearing(actor=net.users["clerk"], case=case, mode="courtroom", courtroom="第一法庭",
                     starts_at=later, ends_at=later + timedelta(hours=2), judge=judge)  # fmt: skip
    with pytest.raises(FieldError, match="法官该时段已排定开庭"):
        services.request_booking(actor=net.users["mediator"], dispute=dispute, judge=judge,
                                 starts_at=later, ends_at=later + timedelta(hours=1), place="乙村")  # fmt: skip
