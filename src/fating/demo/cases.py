"""Demo court cases for the synthetic county, one at each stage of a case's life, created through
the cases, conversations, documents and delivery services so that every number comes from the
case-number sequence, every fee from the fee engine, and every change is in the audit chain.

All are filed online by the demo party against the second party login, accepted by the demo
clerk, and tried by the demo judge (the tribunal's 速裁团队, which the court administrator
forms first, takes the simple-procedure cases):

1. awaiting payment of the acceptance fee (受理通知书 served in the app);
2. fee paid, accepted, waiting for a hearing date (受理通知书 served in the app);
3. a hearing scheduled (online), with its 传票 served on the plaintiff;
4. in 委托调解 with the demo mediator, who accepted it;
5. heard (the hearing recorded);
6. closed by mediation after the hearing.

Each case has its group chat with a few words from the court and the parties."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.accounts.models import Membership, Role, User
from fating.cases.gateways import SandboxGateway, sign
from fating.cases.models import Case, Filing, Hearing
from fating.cases.services import acceptance, hearings, mediation, payments, triage_admin
from fating.cases.services import documents as case_documents
from fating.cases.services import filing as filings
from fating.cases.services.causes import causes_in_force
from fating.conversations import services as chat
from fating.core.identifiers import id_check_digit
from fating.delivery import services as delivery
from fating.delivery.rules import IN_APP
from fating.network.models import Mediator

PAPER = b"%PDF-1.4\n% demo: evidence scan\n"
# The stages, in the order the cases are filed; tests and the README name them by these keys.
STAGES = ("awaiting_payment", "accepted", "scheduled", "entrusted", "heard", "closed")
# Each generated document renders a PDF (about a second each): the 受理通知书 is generated and
# served on the two newest cases only, the 传票 on the scheduled one, to keep `fating demo` quick.
NOTICED = ("awaiting_payment", "accepted")


@dataclass(frozen=True)
class CasePlan:
    stage: str
    cause: str
    amount: str
    defendant: str
    facts: str
    claim: str


PLANS = (
    CasePlan("awaiting_payment", "民间借贷纠纷", "50000", "王某",
             "被告于2025年5月向原告借款五万元用于养殖，约定半年归还，到期后经多次催要未还。",
             "判令被告偿还借款50000元"),
    CasePlan("accepted", "买卖合同纠纷", "18600", "刘某",
             "原告向被告供应化肥，被告收货后出具欠条，尚欠货款18600元未付。",
             "判令被告支付货款18600元"),
    CasePlan("scheduled", "租赁合同纠纷", "9600", "杨某",
             "被告租用原告的沿街门面经营超市，拖欠2025年下半年租金9600元。",
             "判令被告支付租金9600元"),
    CasePlan("entrusted", "劳务合同纠纷", "7200", "黄某",
             "原告为被告的大棚干活三个月，被告尚欠劳务报酬7200元未付。",
             "判令被告支付劳务报酬7200元"),
    CasePlan("heard", "民间借贷纠纷", "26000", "赵某",
             "被告以盖房为由向原告借款两万六千元，有借条和转账记录，至今未还。",
             "判令被告偿还借款26000元"),
    CasePlan("closed", "买卖合同纠纷", "12800", "孙某",
             "原告向被告出售玉米种子，被告尚欠货款12800元，经催要未付。",
             "判令被告支付货款12800元"),
)  # fmt: skip


def resident_id(birth: str, serial: int) -> str:
    """A synthetic 公民身份号码 of the demo county (address code 370399) with its check digit
    (GB 11643-1999)."""
    body = f"370399{birth}{serial:03d}"
    return body + id_check_digit(body)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PAPER + name.encode() + b"\n", "application/pdf")


def _file(plan: CasePlan, party: User, opponent: User, tribunal) -> Filing:
    """The demo party files online for themself against the second party login's namesake."""
    cause = causes_in_force(timezone.localdate()).filter(name=plan.cause).order_by("pk").first()
    filing = filings.create_filing(
        actor=party, court=tribunal.court, tribunal=tribunal, filer_capacity="party",
        cause=cause, facts=plan.facts,
    )  # fmt: skip
    filings.add_party(actor=party, filing=filing, role="plaintiff", kind="natural",
                      name=party.full_name, mobile=party.mobile, address="青禾县",
                      id_number=resident_id("19800415", 21), is_filer=True)  # fmt: skip
    # The first case's defendant holds the second party login (linked by mobile), so both sides
    # of that case are present in its room; the others are villagers without an account.
    mobile = opponent.mobile if plan.stage == STAGES[0] else ""
    name = opponent.full_name if plan.stage == STAGES[0] else plan.defendant
    filings.add_party(actor=party, filing=filing, role="defendant", kind="natural", name=name,
                      mobile=mobile, address="青禾县")  # fmt: skip
    filings.add_claim(actor=party, filing=filing, text=plan.claim, amount=plan.amount)
    filings.upload_evidence(actor=party, filing=filing, kind="evidence", title="借条或欠条",
                            file=_pdf("欠条.pdf"))  # fmt: skip
    return filings.submit_filing(actor=party, filing=filing)


def _serve(actor: User, document, case: Case, recipient: User) -> None:
    """Serve `document` in the app on the party who holds `recipient`'s account, who opens it."""
    party = case.filing.parties.get(user=recipient)
    key = f"cases.filingparty:{party.pk}"
    delivery.record_consent(actor=recipient, matter=case, party_key=key, channel=IN_APP,
                            basis="express", method="online")  # fmt: skip
    service = delivery.serve_document(actor=actor, document=document, party_key=key,
                                      channels=[IN_APP])  # fmt: skip
    # Sending normally runs after commit on the worker; dispatch is idempotent.
    for attempt in service.attempts.all():
        delivery.dispatch(attempt.pk)
    service.refresh_from_db()
    delivery.open_served_document(actor=recipient, service=service)


def sandbox_available() -> bool:
    """Whether the sandbox payment gateway may sign here: under `fating demo` and the tests, or
    with FATING_PAYMENT_SANDBOX_SECRET set. A bare `fating seed_demo` on a production
    configuration has no sandbox, and its cases stay awaiting the fee."""
    try:
        sign(b"")
    except ImproperlyConfigured:
        return False
    return True


def _pay(party: User, case: Case) -> Case:
    """The plaintiff pays through the sandbox gateway, which answers with a signed callback."""
    if not sandbox_available():
        return case
    order = payments.create_payment(actor=party, case=case)
    body, headers = SandboxGateway().signed_callback(order_id=order.order_id, amount=order.amount)
    payments.handle_callback(gateway_name="sandbox", body=body, headers=headers)
    case.refresh_from_db()
    return case


def _room(case: Case, lines: list[tuple[User, str]]) -> None:
    room = chat.open_room(actor=lines[0][0], matter=case)
    for author, text in lines:
        chat.post_message(actor=author, room=room, text=text)


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed_cases() -> dict[str, Case]:
    """Create the demo cases; returns them by stage. Requires the demo county and disputes."""
    party = User.objects.get(username="party")
    opponent = User.objects.get(username="party2")
    clerk = User.objects.get(username="clerk")
    judge = User.objects.get(username="judge")
    admin = User.objects.get(username="admin")
    mediator_user = User.objects.get(username="mediator")
    mediator = Mediator.objects.select_related("organisation").get(user=mediator_user)
    tribunal = Membership.objects.get(user=clerk, role=Role.CLERK).tribunal
    # 繁简分流: the tribunal's 速裁团队 tries the simple cases; the demo judge is its member.
    triage_admin.create_team(actor=admin, court=tribunal.court, tribunal=tribunal,
                             name=f"{tribunal.name}速裁团队", members=[judge.pk])  # fmt: skip

    out: dict[str, Case] = {}
    for plan in PLANS:
        filing = _file(plan, party, opponent, tribunal)
        case = acceptance.accept_filing(actor=clerk, filing=filing, procedure="simple")
        if plan.stage in NOTICED:
            notice = case_documents.acceptance_notice(actor=clerk, case=case)
            _serve(clerk, notice, case, party)
        out[plan.stage] = case
    lines = {
        "awaiting_payment": [
            (clerk, "本案已立案，请原告在交费期限内交纳案件受理费，逾期未交按撤诉处理。"),
            (party, "收到，我这两天就在网上交。"),
            (opponent, "钱我会还，希望能分期，可以先调解吗？"),
        ],
        "accepted": [
            (clerk, "受理费已交纳，本案适用简易程序，开庭时间另行通知。"),
            (party, "好的，欠条原件我会带到法庭。"),
        ],
        "scheduled": [
            (clerk, "本案定于三日后上午九时在线开庭，传票已送达，请提前十分钟进入在线庭审室。"),
            (party, "收到传票，会准时参加。"),
        ],
        "entrusted": [
            (judge, "经双方同意，本案委托特邀调解员调解，调解期间不计入审限。"),
            (clerk, "特邀调解员已接受委托，将约双方到服务点面谈，请保持电话畅通。"),
            (party, "好的，我同意调解。"),
        ],
        "heard": [
            (judge, "今天庭审已结束，双方对借款事实无异议，本院将尽快作出裁判。"),
            (party, "谢谢法官。"),
        ],
        "closed": [
            (judge, "双方当庭达成调解协议，本案以调解方式结案，调解书送达后生效。"),
            (party, "已收到，谢谢法院。"),
        ],
    }
    for stage in STAGES[1:]:
        out[stage] = _pay(party, out[stage])
    scheduled = hearings.schedule_hearing(
        actor=clerk, case=out["scheduled"], mode=Hearing.Mode.ONLINE,
        starts_at=_at(3, 9), ends_at=_at(3, 10),
    )  # fmt: skip
    for summons in case_documents.summonses(actor=clerk, hearing=scheduled):
        # The plaintiff's 传票 is served in the app; the defendant has no account to serve on.
        if summons.context.get("summoned_person") == party.full_name:
            _serve(clerk, summons, out["scheduled"], party)
    entrustment = mediation.entrust(actor=judge, case=out["entrusted"],
                                    organisation=mediator.organisation, mediator=mediator)  # fmt: skip
    mediation.accept(actor=mediator_user, entrustment=entrustment)
    for stage in ("heard", "closed"):
        # Scheduled to start in a minute, then recorded as held: the demo's hearings of today.
        now = timezone.now().replace(second=0, microsecond=0)
        hearing = hearings.schedule_hearing(
            actor=clerk, case=out[stage], mode=Hearing.Mode.ONLINE,
            starts_at=now + timedelta(minutes=1), ends_at=now + timedelta(minutes=61),
        )  # fmt: skip
        if stage == "heard":
            _broadcast(hearing, judge=judge, clerk=clerk)
        hearings.record_hearing(
            actor=judge, hearing=hearing,
            record="原告陈述诉讼请求及事实理由，被告对借款（货款）事实无异议，双方同意调解。",
        )  # fmt: skip
    # Issue 15: the closed case's 调解书 is signed for by both sides before it closes (effective);
    # the heard 民间借贷 case is judged after its element table is seeded (seed_demo, judgments).
    from fating.demo.judgments import seed_mediation_statement

    seed_mediation_statement(out["closed"])
    # By the mediation the defendant bears the (halved) fee; the plaintiff's prepayment is refunded.
    hearings.close_case(actor=judge, case=out["closed"], closure=Case.Closure.MEDIATION,
                        plaintiff_share=Decimal("0.00"))  # fmt: skip
    for stage in STAGES:
        _room(out[stage], lines[stage])
        out[stage].refresh_from_db()
    # The pre-trial meeting first, so the hearing's room is the newest (listed first).
    _pretrial(out["accepted"], judge=judge, clerk=clerk, party=party)
    _courtroom(scheduled, judge=judge, clerk=clerk, party=party)
    return out


def _pretrial(case: Case, *, judge: User, clerk: User, party: User) -> None:
    """The accepted 买卖合同 case's 庭前会议 (民诉法解释 第224–226条), online in two days, its room
    opened by the judge with the clerk: the delivery note the plaintiff submitted in the case's
    room is on its screen with the 质证 table (the defendant has no account: not yet examined),
    and the clerk records the claims, the evidence exchanged and the points in dispute there."""
    from django.contrib.contenttypes.models import ContentType

    from fating.conversations.models import Room
    from fating.trials import rules
    from fating.trials import services as trials

    hearing = hearings.schedule_hearing(
        actor=clerk, case=case, mode=Hearing.Mode.ONLINE, starts_at=_at(2, 14), ends_at=_at(2, 15),
    )  # fmt: skip
    room = Room.objects.get(matter_type=ContentType.objects.get_for_model(Case), matter_id=case.pk)
    chat.submit_evidence(
        actor=party, room=room, title="送货单", purpose="证明原告已交付货物，被告尚欠货款18600元",
        upload=SimpleUploadedFile("送货单.pdf", PAPER + b"% delivery note 18600\n", "application/pdf"),
    )  # fmt: skip
    trials.open_room(actor=judge, hearing=hearing, clerk=clerk, kind=rules.KIND_PRETRIAL)


def _broadcast(hearing: Hearing, *, judge: User, clerk: User) -> None:
    """The heard 民间借贷 case was heard online and broadcast (庭审直播): the judge marked it,
    the clerk's browser recorded it (here a 20-second clip ffmpeg makes from its test sources,
    uploaded in 5 slices as the browser does), the room closed; the recording is in the dossier
    and, packaged into HLS, on the public page for 点单 viewing. Without ffmpeg the hearing is
    still broadcast-marked and the page says no stream is available."""
    import tempfile
    from pathlib import Path

    from fating.trials import hls, services_recording
    from fating.trials import services as trials

    room = trials.open_room(actor=judge, hearing=hearing, clerk=clerk)
    room = trials.set_broadcast(actor=judge, room=room, broadcast=True)
    if hls.available():
        with tempfile.TemporaryDirectory() as tmp:
            clip = hls.make_test_clip(Path(tmp) / "hearing.webm", seconds=20).read_bytes()
        recording = services_recording.start_recording(actor=clerk, room=room)
        size = -(-len(clip) // 5)
        for start in range(0, len(clip), size):
            services_recording.append_chunk(
                actor=clerk, recording=recording, data=clip[start : start + size]
            )
        services_recording.finish_recording(actor=clerk, recording=recording)
    trials.close_room(actor=judge, room=room)


def _courtroom(hearing: Hearing, *, judge: User, clerk: User, party: User) -> None:
    """The online courtroom of the scheduled hearing, opened by the judge with the clerk; the
    plaintiff's identity was checked by the liaison at the service point, so `party` enters
    after the discipline notice and the device test."""
    from fating.trials import services as trials

    room = trials.open_room(actor=judge, hearing=hearing, clerk=clerk)
    liaison = User.objects.get(username="liaison")
    seat = room.attendees.get(user=party)
    trials.verify_at_service_point(actor=liaison, room=room, attendee=seat)
