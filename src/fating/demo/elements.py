"""Demo: element tables (要素式庭审) for two of the demo cases. The heard 民间借贷 case has both
sides' answers (the defendant's recorded by the clerk at the hearing: he has no account) and the
judge's findings, with the delivered amount disputed; the accepted 买卖合同 case has only the
plaintiff's answers so far, waiting for the defendant and the judge. A property-fee batch (物业费系列案) is decided through a lead case (示范诉讼)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.accounts.models import Membership, Role, User
from fating.cases.models import Case
from fating.cases.services import acceptance
from fating.cases.services import filing as filings
from fating.cases.services.causes import causes_in_force
from fating.core.identifiers import uscc_check_digit
from fating.elements import services
from fating.elements.models import ModelLitigation


def seed_elements(cases: dict[str, Case]) -> int:
    party = User.objects.get(username="party")
    clerk = User.objects.get(username="clerk")
    judge = User.objects.get(username="judge")
    heard = cases["heard"]
    services.fill_elements(actor=party, case=heard, side="plaintiff", answers={
        "agreement": "借条一张（2025年4月2日），微信聊天记录", "principal": "26000",
        "delivered_on": "2025-04-02", "delivery_method": "银行转账", "due_on": "2025-10-01",
        "interest_rate": "0", "repaid": "0",
    })  # fmt: skip
    services.fill_elements(actor=clerk, case=heard, side="defendant", answers={
        "agreement": "认可借条真实", "principal": "20000", "delivered_on": "2025-04-02",
        "delivery_method": "银行转账", "due_on": "2025-10-01", "interest_rate": "0",
        "repaid": "6000",
    })  # fmt: skip
    for element, finding, note in (
        ("agreement", "agreed", ""),
        ("principal", "disputed", "被告称实际到账两万元，另六千元为现金归还"),
        ("delivered_on", "agreed", ""),
        ("due_on", "agreed", ""),
        ("repaid", "disputed", "被告主张已现金归还六千元，无收条"),
    ):
        services.mark_element(actor=judge, case=heard, element=element, finding=finding, note=note)
    services.fill_elements(actor=party, case=cases["accepted"], side="plaintiff", answers={
        "contract": "口头约定，送货单三张", "goods": "复合肥 60袋", "price": "18600",
        "delivered": "2025年4月分三次送货到被告农资店", "paid": "0",
    })  # fmt: skip
    return 2 + (3 if seed_model_litigation() else 0)


# The property-fee batch (物业费系列案): one property company sues three owners of one estate for
# the same years' fees; the first case leads, the second answers exactly as the lead and is
# confirmed by the judge, the third (a different defence) waits for the judge.
COMPANY = "青禾县安居物业服务有限公司"
OWNERS = (
    ("周某", "2160.00", "物业未按约定维修电梯，拒绝缴纳"),
    ("吴某", "1980.00", "物业未按约定维修电梯，拒绝缴纳"),
    ("郑某", "2340.00", "房屋空置，未接受物业服务"),
)


def _property_case(agent: User, clerk: User, tribunal, owner: str, arrears: str) -> Case:
    cause = causes_in_force(timezone.localdate()).filter(name="物业服务合同纠纷").first()
    filing = filings.create_filing(
        actor=agent, court=tribunal.court, tribunal=tribunal, filer_capacity="agent",
        cause=cause, facts=f"被告系幸福家园小区业主，欠缴2024—2025年度物业费{arrears}元，经书面催告仍未缴纳。",
    )  # fmt: skip
    body = "91370399MA3C7QJ2X"
    filings.add_party(actor=agent, filing=filing, role="plaintiff", kind="organisation",
                      name=COMPANY, uscc=body + uscc_check_digit(body), address="青禾县幸福家园",
                      representative="陈经理", mobile="13905390123")  # fmt: skip
    filings.add_party(actor=agent, filing=filing, role="defendant", kind="natural", name=owner,
                      address="青禾县幸福家园")  # fmt: skip
    filings.add_claim(
        actor=agent, filing=filing, text=f"判令被告支付物业费{arrears}元", amount=arrears
    )
    for kind, title in (("power_of_attorney", "授权委托书"), ("evidence", "物业服务合同")):
        filings.upload_evidence(actor=agent, filing=filing, kind=kind, title=title,
                                file=SimpleUploadedFile(f"{title}.pdf", b"%PDF-1.4 demo\n",
                                                        "application/pdf"))  # fmt: skip
    filing = filings.submit_filing(actor=agent, filing=filing)
    return acceptance.accept_filing(actor=clerk, filing=filing, procedure="simple")


def seed_model_litigation() -> ModelLitigation | None:
    agent = User.objects.get(username="agent")
    clerk = User.objects.get(username="clerk")
    judge = User.objects.get(username="judge")
    tribunal = Membership.objects.get(user=clerk, role=Role.CLERK).tribunal
    if not causes_in_force(timezone.localdate()).filter(name="物业服务合同纠纷").exists():
        return None
    cases = [_property_case(agent, clerk, tribunal, name, arrears) for name, arrears, _ in OWNERS]
    for case, (_, arrears, defence) in zip(cases, OWNERS, strict=True):
        services.fill_elements(actor=agent, case=case, side="plaintiff", answers={
            "contract": "前期物业服务合同，业主大会已确认", "fee_standard": "1.2",
            "period": "2024年1月至2025年12月", "arrears": arrears, "demand": "2025年12月书面催告",
        })  # fmt: skip
        services.fill_elements(actor=clerk, case=case, side="defendant", answers={
            "contract": "前期物业服务合同，业主大会已确认", "fee_standard": "1.2",
            "period": "2024年1月至2025年12月", "arrears": arrears, "service_defect": defence,
        })  # fmt: skip
    lead = cases[0]
    for element, finding, note in (
        ("contract", "agreed", ""),
        ("fee_standard", "agreed", ""),
        ("arrears", "agreed", ""),
        ("service_defect", "disputed",
         "电梯维修属物业服务瑕疵，可酌减但不足以拒付全部物业费（民法典第944条第1款）"),
    ):  # fmt: skip
        services.mark_element(actor=judge, case=lead, element=element, finding=finding, note=note)
    group = services.create_litigation(
        actor=judge, lead=lead, cases=cases[1:], name="幸福家园小区物业费系列案"
    )
    first = group.parallel_cases.get(case=cases[1])
    services.confirm_parallel(actor=judge, parallel=first)
    return group
