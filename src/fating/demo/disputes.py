"""Demo disputes for the synthetic county, created through the services so that every record,
audit event and document is what real use would produce: one dispute resolved by a confirmed
agreement (with its 民特 ruling), one referred to filing, one whose 委派 mediation expired and
returned, a few still open at each tier, and the 部门联动 departments' own queues (the `police`
and `sfs` logins) with hand-overs in every state."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.accounts.models import Membership, Role, User
from fating.accounts.selectors import holders
from fating.cases import selectors as cases_selectors
from fating.cases.services.causes import load_causes
from fating.conversations import services as chat
from fating.conversations.services import draft_agreement_from_proposal
from fating.delivery import services as delivery
from fating.delivery.rules import IN_APP
from fating.demo.plan import NEIGHBOUR_COURT_CODE
from fating.disputes import services
from fating.disputes.models import Dispute
from fating.documents.models import Document
from fating.network.models import MediationOrganisation, Mediator

PAPER = b"%PDF-1.4\n% demo: scanned signature page\n"


def _paper(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PAPER, "application/pdf")


def _report(liaison: User, title: str, description: str, cause: str, applicant: tuple[str, str],
            respondent: str, amount: str | None = None, respondent_mobile: str = "") -> Dispute:  # fmt: skip
    dispute = services.report_dispute(
        actor=liaison,
        data=services.DisputeInput(
            title=title, description=description, cause_code=cause, amount=amount,
            parties=[
                services.PartyInput(role="applicant", kind="person", name=applicant[0], mobile=applicant[1]),
                services.PartyInput(role="respondent", kind="person", name=respondent, mobile=respondent_mobile),
            ],
        ),
    )  # fmt: skip
    for party in dispute.parties.filter(role="applicant"):
        services.record_paper_consent(actor=liaison, party=party, paper=_paper("同意书.pdf"))
    return dispute


def _chat(
    dispute: Dispute, mediator: User, judge: User, applicant: User, respondent: User
) -> tuple[Any, Any]:
    """The first dispute's group chat, all through the conversations services: a few messages
    from each side, the IOU submitted as evidence with the other side's 质证意见, the tribunal
    judge's word in the room, and confidential blind bidding — two rounds of offers neither
    side sees, the second within the gap, so the system proposes settlement at the midpoint
    (30000) and both sides accept it. Returns the room and the accepted settlement proposal."""
    room = chat.open_room(actor=mediator, matter=dispute)
    lines = [
        (mediator, "两位好，我是本案调解员。请大家在群里沟通，材料可以直接上传。"),
        (applicant, "借条原件在我这里，我先把照片传上来。"),
        (respondent, "钱我认，就是现在手头紧，能不能分期还？"),
        (mediator, "可以商量分期。请申请人考虑一下能否放弃利息，下周一到服务点当面谈。"),
    ]
    for author, text in lines:
        chat.post_message(actor=author, room=room, text=text)
    item = chat.submit_evidence(
        actor=applicant, room=room, title="借条", purpose="证明借款三万元及约定的还款期限",
        upload=SimpleUploadedFile("借条.pdf", PAPER + b"% IOU 30000\n", "application/pdf"),
    )  # fmt: skip
    chat.record_opinion(actor=respondent, room=room, evidence=item, values={
        "authenticity": "admitted", "legality": "admitted", "relevance": "disputed",
        "relevance_reason": "借条只能证明借款，不能证明约定过利息。",
    })  # fmt: skip
    # The judge belongs to the room through the dispute's tribunal (selectors._dispute_member).
    chat.post_message(actor=judge, room=room, text=(
        "我是人民法庭的指导法官。借条真实，借款事实清楚。借条未约定利息，借期内利息不予支持；"
        "逾期还款的，出借人可以主张按一年期贷款市场报价利率计算的逾期利息。"
        "双方如能达成协议，可以共同申请司法确认。"))  # fmt: skip
    chat.open_bidding(actor=mediator, room=room, gap="2000")
    # Round one is 7000 apart (nothing is revealed); in round two the ask and the offer are
    # 2000 apart, within the gap: the midpoint of 31000 and 29000 is proposed.
    for author, amount in ((applicant, "33000"), (respondent, "26000"),
                           (applicant, "31000"), (respondent, "29000")):  # fmt: skip
        chat.submit_offer(actor=author, room=room, amount=amount)
    settlement = room.biddings.get().settlement
    for author in (applicant, respondent):
        chat.respond_to_proposal(actor=author, room=room, proposal=settlement, decision="accept")
    chat.mark_read(actor=applicant, room=room, message_id=room.messages.order_by("-pk")[0].pk)
    settlement.refresh_from_db()
    return room, settlement


def _serve_agreement(dispute: Dispute, mediator: User, applicant: User) -> None:
    """Serve the generated 调解协议书 on the applicant in-app, who opens it and replies 收悉."""
    document = Document.objects.filter(
        matter_type__app_label="disputes",
        matter_type__model="dispute",
        matter_id=dispute.pk,
        kind="mediation_agreement",
    ).latest("pk")
    key = f"disputes.disputeparty:{dispute.parties.get(user=applicant).pk}"
    delivery.record_consent(actor=applicant, matter=dispute, party_key=key, channel=IN_APP,
                            basis="express", method="online")  # fmt: skip
    service = delivery.serve_document(actor=mediator, document=document, party_key=key,
                                      channels=[IN_APP])  # fmt: skip
    # Sending normally runs after commit on the worker; dispatch is idempotent, so running it
    # here makes the demo complete even inside an outer transaction (tests).
    for attempt in service.attempts.all():
        delivery.dispatch(attempt.pk)
    service.refresh_from_db()  # a stale (unserved) copy would announce the service twice
    delivery.open_served_document(actor=applicant, service=service)
    delivery.acknowledge(actor=applicant, service=service)


def seed_disputes() -> int:
    """Create the demo disputes; returns how many. Requires the demo county."""
    if not cases_selectors.causes().exists():
        # Demo disputes carry real cause codes; `seed_demo` may run without `load_causes`.
        load_causes()
    liaison = User.objects.get(username="liaison")
    party = User.objects.get(username="party")
    # The respondent of the first dispute holds the second party login (linked by mobile), so
    # the demo group chat has both sides present.
    debtor = User.objects.get(username="party2")
    mediator_user = User.objects.get(username="mediator")
    mediator = Mediator.objects.get(user=mediator_user)
    organisation = mediator.organisation
    point = Membership.objects.get(user=liaison, role=Role.LIAISON).service_point
    tribunal = point.tribunal
    judge = holders(Role.JUDGE, tribunal=tribunal.pk).order_by("pk").first()
    invited = (
        MediationOrganisation.objects.filter(court=tribunal.court, is_court_invited=True)
        .exclude(pk=organisation.pk)
        .first()
        or organisation
    )
    today = timezone.localdate()

    # 1. Village mediation → joint → agreement → judicial confirmation (the demo party is applicant).
    d1 = _report(liaison, f"{party.full_name}与{debtor.full_name}民间借贷纠纷",
                 f"{debtor.full_name}向申请人借款三万元用于购买农机，写有借条，约定年底归还，至今未还。",
                 "108.3", (party.full_name, party.mobile), debtor.full_name, "30000",
                 respondent_mobile=debtor.mobile)  # fmt: skip
    d1 = services.start_mediation(
        actor=liaison, dispute=d1, tier="village", organisation=organisation, mediator=mediator
    )
    d1 = services.escalate(
        actor=mediator_user, dispute=d1, reason="村调委会两次调解未果，请镇综治中心联动"
    )
    services.add_guidance(actor=judge, dispute=d1, text="借条真实，可释明逾期利息按 LPR 计算的规定，促成分期还款。",
                          suggested_cases=["民间借贷纠纷典型案例：借条与转账记录的审查"])  # fmt: skip
    services.record_session(actor=mediator_user, dispute=d1, mode="in_person", held_at=timezone.now(),
                            place=f"{point.name}", attendees=[f"{party.full_name}（申请人）", f"{debtor.full_name}（被申请人）", f"{mediator.name}（调解员）"],
                            minutes=f"双方对借款三万元无异议。{debtor.full_name}表示收入有限，愿分两期归还，申请人同意放弃利息。",
                            outcome="agreed")  # fmt: skip
    room, settlement = _chat(d1, mediator_user, judge, party, debtor)
    applicant, respondent = d1.parties.get(role="applicant"), d1.parties.get(role="respondent")
    agreement = draft_agreement_from_proposal(
        actor=mediator_user, room=room, proposal=settlement,
        facts=f"{debtor.full_name}向申请人借款三万元，到期未还；双方对借款事实无争议。",
        additional_terms=f"{debtor.full_name}分两期归还申请人借款三万元。\n申请人放弃利息主张。\n双方就本纠纷再无其他争议。",
        performance="通过银行转账支付至申请人账户", deadline=today + timedelta(days=60),
        instalments=[services.InstalmentInput(respondent.pk, today + timedelta(days=30), "15000"),
                     services.InstalmentInput(respondent.pk, today + timedelta(days=60), "15000")],
    )  # fmt: skip
    services.sign_agreement(actor=party, agreement=agreement, party=applicant)
    services.sign_agreement(actor=debtor, agreement=agreement, party=respondent)
    services.mediator_sign(actor=mediator_user, agreement=agreement)
    confirmation = services.apply_for_confirmation(
        actor=mediator_user, agreement=agreement, joint_paper=_paper("共同申请书.pdf")
    )
    confirmation = services.accept_confirmation(actor=judge, confirmation=confirmation)
    services.decide_confirmation(actor=judge, confirmation=confirmation, confirm=True)
    _serve_agreement(d1, mediator_user, party)

    # 2. Village mediation fails → referred to filing.
    d2 = _report(liaison, "李某与赵某劳务合同纠纷", "赵某承包砌墙工程，拖欠李某等三人工钱一万二千元，多次催要未果。",
                 "144", ("李某", "13688880001"), "赵某", "12000")  # fmt: skip
    d2 = services.start_mediation(
        actor=liaison, dispute=d2, tier="village", organisation=organisation, mediator=mediator
    )
    services.refer_to_filing(actor=liaison, dispute=d2, reason="赵某拒绝到场调解，申请人要求起诉")

    # 3. Delegated to an invited organisation, accepted, and returned when the 30 days ran out.
    d3 = _report(liaison, "孙某与物业公司物业服务合同纠纷", "小区物业公司以欠缴物业费为由停止供水，孙某认为物业服务不达标。",
                 "126", ("孙某", "13688880002"), "某物业服务有限公司")  # fmt: skip
    delegation = services.delegate(actor=judge, dispute=d3, organisation=invited)
    accepter = holders(Role.MEDIATOR, organisation=invited.pk).order_by("pk").first()
    services.respond_to_delegation(actor=accepter, delegation=delegation, accept=True)
    delegation.refresh_from_db()
    services.expire_delegations(now=delegation.due_at + timedelta(minutes=1))

    # 4–6. Open work at each tier for the demo logins to pick up.
    _report(liaison, "周某与吴某相邻通行纠纷", "吴某在两家之间的通道上砌墙，周某的农用车无法通行。",
            "55.2", ("周某", "13688880003"), "吴某")  # fmt: skip
    d5 = _report(liaison, "郑某与冯某宅基地使用权纠纷", "冯某翻建房屋时占用郑某宅基地约一米，双方争执。",
                 "68", ("郑某", "13688880004"), "冯某")  # fmt: skip
    services.start_mediation(
        actor=liaison, dispute=d5, tier="village", organisation=organisation, mediator=mediator
    )
    d6 = _report(liaison, "陈某与何某饲养动物损害责任纠纷", "何某饲养的狗咬伤陈某之子，花去医药费两千余元。",
                 "419", ("陈某", "13688880005"), "何某", "2300")  # fmt: skip
    services.delegate(actor=judge, dispute=d6, organisation=organisation)
    _seed_departments(liaison, judge, organisation, mediator, today)
    return Dispute.objects.count()


def _seed_departments(liaison: User, judge: User, organisation: MediationOrganisation,
                      mediator: Mediator, today: Any) -> None:  # fmt: skip
    """部门联动 with the departments as actors: the `police` login's 派出所 has hand-overs waiting,
    in hand (with its records), resolved with an agreement and returned unresolved; the `sfs`
    login's 司法所 one waiting and one it declined (back to village mediation)."""
    police = User.objects.get(username="police")
    sfs = User.objects.get(username="sfs")
    station = Membership.objects.get(user=police, role=Role.DEPARTMENT_OFFICER).department
    office = Membership.objects.get(user=sfs, role=Role.DEPARTMENT_OFFICER).department

    def hand(title: str, description: str, cause: str, applicant: tuple[str, str],
             respondent: str, department: Any, request: str, *, village: bool = False) -> Any:  # fmt: skip
        dispute = _report(liaison, title, description, cause, applicant, respondent)
        if village:
            dispute = services.start_mediation(actor=liaison, dispute=dispute, tier="village",
                                               organisation=organisation, mediator=mediator)  # fmt: skip
        return services.hand_to_department(actor=liaison, dispute=dispute, department=department,
                                           request=request)  # fmt: skip

    # waiting for the 派出所
    hand("褚某与卫某生命权、身体权、健康权纠纷", "两家因地界争吵，卫某推搡褚某致其摔伤，花去医药费一千八百元。",
         "1", ("褚某", "13688880011"), "卫某", station, "双方曾有肢体冲突，请派出所协助约谈并调处。")  # fmt: skip
    # in hand: contacted both sides, met at the station
    working = hand("蒋某与沈某机动车交通事故责任纠纷", "沈某驾驶电动三轮车与蒋某的摩托车相撞，蒋某车辆受损。",
                   "411", ("蒋某", "13688880012"), "沈某", station, "请派出所调取事故现场情况并组织调处。",
                   village=True)  # fmt: skip
    services.respond_to_referral(actor=police, referral=working, accept=True)
    now = timezone.now()
    services.record_department_work(actor=police, referral=working, kind="contact",
                                    happened_at=now - timedelta(hours=5), people="蒋某、沈某",
                                    text="电话联系双方，约定次日上午到所调处。")  # fmt: skip
    services.record_department_work(actor=police, referral=working, kind="meeting",
                                    happened_at=now - timedelta(hours=1), people="蒋某、沈某、民警",
                                    text="到所调处，双方对事故经过无争议，对修车费金额分歧较大，约定三日内提供维修报价。",
                                    upload=_paper("调处笔录.pdf"), title="调处笔录")  # fmt: skip
    # resolved at the 派出所 with a written agreement: agreed at 部门联动 (counted there)
    resolved = hand("韩某与杨某财产损害赔偿纠纷", "杨某家的羊群啃食韩某种植的小麦约半亩，韩某要求赔偿。",
                    "44", ("韩某", "13688880013"), "杨某", station, "请派出所协助核实损失并调处。")  # fmt: skip
    services.respond_to_referral(actor=police, referral=resolved, accept=True)
    services.record_department_work(actor=police, referral=resolved, kind="meeting",
                                    happened_at=now - timedelta(hours=3), people="韩某、杨某",
                                    text="现场查看损失，双方同意按亩产折价赔偿。")  # fmt: skip
    services.return_referral(
        actor=police, referral=resolved, resolved=True, outcome="双方达成赔偿协议，杨某当场支付一半。",
        terms="杨某赔偿韩某小麦损失八百元，当场支付四百元，余款十日内付清。", performance="现金或转账",
        deadline=today + timedelta(days=10), total_amount="800", signed=_paper("调解协议书.pdf"),
    )  # fmt: skip
    # returned unresolved: the court takes the next tier
    failed = hand("朱某与秦某排除妨害纠纷", "秦某在朱某承包地边堆放建筑垃圾，影响耕种。",
                  "40", ("朱某", "13688880014"), "秦某", station, "请派出所协助劝说秦某清理。")  # fmt: skip
    services.respond_to_referral(actor=police, referral=failed, accept=True)
    services.return_referral(actor=police, referral=failed, resolved=False,
                             outcome="秦某拒绝清理，认为堆放处属其宅基地范围，建议法院委派调解或诉讼。")  # fmt: skip
    # the 司法所: one waiting, one declined back to village mediation
    hand("尤某与许某赡养纠纷", "尤某年逾七十，三个子女对赡养费分担有争议，许某（次子）拒绝承担。",
         "24", ("尤某", "13688880015"), "许某", office, "请司法所组织家庭调解。")  # fmt: skip
    declined = hand("何某与吕某相邻用水、排水纠纷", "吕某改建排水沟，雨水流入何某院内。",
                    "55.1", ("何某", "13688880016"), "吕某", office, "请司法所协助调解。", village=True)  # fmt: skip
    services.respond_to_referral(actor=sfs, referral=declined, accept=False,
                                 reason="属村内相邻关系，请村调委会先行调解，必要时再移交。")  # fmt: skip


def seed_neighbour_disputes() -> int:
    """Two disputes at the second court (柳川县): one reported and waiting, one in village
    mediation. Returns how many disputes the second court has. Requires `seed_neighbour`."""
    liaison = User.objects.get(username="lc_liaison")
    mediator = Mediator.objects.select_related("organisation").get(user__username="lc_mediator")
    _report(liaison, "卫某与蒋某土地承包经营权纠纷", "蒋某耕种卫某承包的两亩责任田，卫某要求返还，双方协商不成。",
            "65", ("卫某", "16600001001"), "蒋某")  # fmt: skip
    d2 = _report(liaison, "沈某与韩某劳务合同纠纷", "沈某为韩某装修房屋二十天，韩某尚欠工钱六千元未付。",
                 "144", ("沈某", "16600001002"), "韩某", "6000")  # fmt: skip
    services.start_mediation(actor=liaison, dispute=d2, tier="village",
                             organisation=mediator.organisation, mediator=mediator)  # fmt: skip
    return Dispute.objects.filter(court__code=NEIGHBOUR_COURT_CODE).count()
