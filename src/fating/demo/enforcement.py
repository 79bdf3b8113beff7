"""Demo enforcement for the demo court, through the services: the 执行法官 `ejudge` and 执行员
`executor` logins, three teams, and three cases —

1. from the demo's confirmed agreement once it is in default: the creditor (`party`) applies in
   one step, the executor finds the debtor's deposit through the sandbox gateway, freezes and
   deducts it, verifies the creditor's account and pays out once: 执行完毕;
2. a judgment against a respondent with nothing to take: notice, 限制消费令, the five 终本
   conditions with evidence, the applicant interviewed: 终结本次执行 (its respondent under a
   限高 order);
3. a judgment secured on a house: seized, a failed first auction and a sold second one (price
   rules checked), the proceeds in the ledger, still 处置中;
4. a respondent who hid property: on the public 失信 list (2 + 1 years), his 执行异议 rejected;
and the 终本 case (2) has had its first 6-monthly re-search, which found a deposit (恢复执行 offered).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fating.accounts.models import User
from fating.demo.enforcement_notices import serve_notices
from fating.demo.plan import COURT_CODE
from fating.disputes.models import Agreement, JudicialConfirmation
from fating.disputes.services import check_defaults
from fating.enforcement import services, services_disposal, services_measures
from fating.enforcement.gateways import FoundAsset, SandboxGateway
from fating.enforcement.models import EnforcementCase, EnforcementTeam, LedgerEntry
from fating.enforcement.rules.measures import (
    min_next_start_price,
    min_start_price,
)
from fating.network.models import Court


def _login(key: str) -> User:
    return User.objects.get(username=key)  # the plan's people (demo.plan.build_county)


def _pay(case: EnforcementCase, executor: User) -> None:
    services.verify_account(actor=executor, case=case)
    for entry in services.pay_out(actor=executor, case=case):
        if entry.kind == LedgerEntry.Kind.PAYOUT:
            services.send_payout(entry_id=entry.pk)  # the worker's half; idempotent after commit


@transaction.atomic
def seed_enforcement() -> int:
    court = Court.objects.get(code=COURT_CODE)
    ejudge, executor = _login("ejudge"), _login("executor")
    for name, speedy in (("速执一组", True), ("实施一组", False), ("实施二组", False)):
        EnforcementTeam.objects.create(court=court, name=name, speedy=speedy)
    today = timezone.localdate()
    made = 0

    # 1. The demo's confirmed agreement, in default after its first instalment fell due.
    agreement = (
        Agreement.objects.filter(
            dispute__court=court, confirmations__status=JudicialConfirmation.Status.CONFIRMED
        )
        .order_by("pk")
        .first()
    )
    if agreement is not None:
        first_due = (
            agreement.instalments.order_by("due_on").values_list("due_on", flat=True).first()
        )
        check_defaults(today=(first_due or today) + timedelta(days=1))
        agreement.refresh_from_db()
    if agreement is not None and agreement.status == "defaulted":
        creditor = agreement.dispute.parties.get(role="applicant").user
        debtor = agreement.dispute.parties.get(role="respondent")
        SandboxGateway.register(debtor.id_number or debtor.name, (
            FoundAsset("deposit", "中国农业银行", "6228480000123456", Decimal("36800")),))  # fmt: skip
        case = services.apply_from_agreement(actor=creditor, agreement=agreement,
                                             bank_account="6222020000112233")  # fmt: skip
        services.triage_case(actor=executor, case=case)
        serve_notices(case, executor, days_ago=0)
        services.search_property(actor=executor, case=case)
        deposit = case.assets.get(kind="deposit")
        owed = case.amount + case.fee
        services.control_asset(actor=executor, asset=deposit, action="freeze", amount=owed)
        services.control_asset(actor=executor, asset=deposit, action="deduct", amount=owed)
        _pay(case, executor)
        made += 1

    # 2. 终本: nothing to take, every condition recorded with its evidence.
    SandboxGateway.register("370399198805050031", ())
    filed = today - timedelta(days=300)
    poor = services.file_case(
        actor=executor, court=court, source_kind="judgment", source_reference=f"（{filed.year - 1}）鲁0399民初812号",
        amount=Decimal("46000"), effective_on=filed - timedelta(days=60), applied_on=filed,
        parties=[services.PartyInput("applicant", "青禾县农机销售有限公司", bank_account="6222020000445566"),
                 services.PartyInput("respondent", "马某", id_number="370399198805050031")],
    )  # fmt: skip
    services.triage_case(actor=executor, case=poor)
    services.search_property(actor=executor, case=poor)
    serve_notices(poor, executor, days_ago=100)
    services_measures.decide_measure(
        actor=ejudge, case=poor, kind="consumption_ban",
        facts="执行通知书已送达，被执行人马某未按执行通知书指定的期间履行给付义务",
    )  # fmt: skip
    evidence = {
        "notice_and_report_order": "执行通知书、报告财产令已于立案后送达；被执行人未申报",
        "consumption_ban": "已发出限制消费令；不符合纳入失信名单的条件",
        "search_exhausted": "网络查控两次（银行、不动产、车辆）及走访住所地，未发现可供执行财产",
        "three_months": f"{filed.isoformat()}立案，已超过三个月",
        "respondent_located": "被执行人下落明确，无妨害执行行为",
    }
    services.record_zhongben_evidence(
        actor=executor, case=poor, evidence=evidence, interviewed=True
    )
    services.close_case(actor=ejudge, case=poor, action="conclude",
                        note="已约谈申请执行人并告知；此后每六个月网络查控一次，发现财产可申请恢复执行")  # fmt: skip
    made += 1

    # 3. 网络司法拍卖: a failed first auction, a sold second one.
    SandboxGateway.register("370399197603030052", (
        FoundAsset("real_estate", "青禾县不动产登记中心", "鲁（2021）青禾县不动产权第0012345号", Decimal("420000")),))  # fmt: skip
    house_case = services.file_case(
        actor=executor, court=court, source_kind="judgment", source_reference=f"（{today.year - 1}）鲁0399民初1033号",
        amount=Decimal("280000"), effective_on=today - timedelta(days=90), applied_on=today - timedelta(days=75),
        parties=[services.PartyInput("applicant", "青禾农村商业银行股份有限公司", bank_account="6222020000778899"),
                 services.PartyInput("respondent", "杨某", id_number="370399197603030052")],
    )  # fmt: skip
    services.triage_case(actor=executor, case=house_case)
    serve_notices(house_case, executor, days_ago=60)
    services.search_property(actor=executor, case=house_case)
    house = house_case.assets.get(kind="real_estate")
    services.control_asset(actor=executor, asset=house, action="seize", amount=house_case.amount)
    valuation = Decimal("420000")
    first_start = min_start_price(valuation)
    appraisal = services_disposal.record_valuation(actor=executor, asset=house, method="appraisal", price=valuation,
                                          valued_on=today - timedelta(days=70),
                                          reference=f"青禾价评字〔{today.year}〕第18号")  # fmt: skip
    first = services_disposal.record_auction(actor=executor, asset=house, appraisal=appraisal, start_price=first_start,
                                    deposit=Decimal("30000"), platform_link="https://sf.taobao.com/demo-1",
                                    announced_on=today - timedelta(days=69),
                                    starts_on=today - timedelta(days=39))  # fmt: skip
    services_disposal.auction_result(actor=executor, auction=first, sold=False)
    second_start = min_next_start_price(first_start)
    second = services_disposal.record_auction(actor=executor, asset=house, appraisal=appraisal, start_price=second_start,
                                     deposit=Decimal("25000"), platform_link="https://sf.taobao.com/demo-2",
                                     announced_on=today - timedelta(days=37),
                                     starts_on=today - timedelta(days=7))  # fmt: skip
    services_disposal.auction_result(
        actor=executor, auction=second, sold=True, price=Decimal("268000")
    )
    made += 1

    # 4. 失信: a respondent who hid property, on the public list; his 执行异议 decided.
    SandboxGateway.register("370399198212120073", ())
    hidden_filed = today - timedelta(days=50)
    hidden = services.file_case(
        actor=executor, court=court, source_kind="judgment", source_reference=f"（{hidden_filed.year - 1}）鲁0399民初905号",
        amount=Decimal("85000"), effective_on=hidden_filed - timedelta(days=40), applied_on=hidden_filed,
        parties=[services.PartyInput("applicant", "青禾县建材有限公司", bank_account="6222020000991122"),
                 services.PartyInput("respondent", "赵某", id_number="370399198212120073")],
    )  # fmt: skip
    services.triage_case(actor=executor, case=hidden)
    services.search_property(actor=executor, case=hidden)
    serve_notices(hidden, executor, days_ago=30)
    services_measures.decide_measure(
        actor=ejudge, case=hidden, kind="blacklist", grounds=["evades", "breaks_report_duty"],
        extra_years=1, facts="被执行人赵某在执行通知送达后将名下车辆转让他人，且未按报告财产令申报财产",
    )  # fmt: skip
    objection = services_measures.file_objection(
        actor=executor, case=hidden, kind="act", objector_name="赵某",
        target="将被执行人纳入失信被执行人名单", reasons="车辆系正常出售，请求撤销失信决定",
        received_on=today - timedelta(days=5),
    )  # fmt: skip
    services_measures.decide_objection(
        actor=ejudge, objection=objection, uphold=False,
        ruling_text="车辆转让发生在执行通知送达之后，且被执行人未申报财产，异议理由不能成立。",
    )  # fmt: skip
    made += 1

    # 5. The 终本 case of (2) has had its first 6-monthly re-search: a new deposit turned up.
    # The demo dates the 终本 back to 100 days after filing, so that its first search is due.
    EnforcementCase.objects.filter(pk=poor.pk).update(closed_on=poor.filed_on + timedelta(days=100))
    SandboxGateway.register("370399198805050031", (
        FoundAsset("deposit", "青禾农村商业银行", "6231000000556677", Decimal("12000")),))  # fmt: skip
    services_measures.research_concluded(today=today)
    return made
