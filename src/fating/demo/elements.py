"""Demo: element tables (要素式庭审) for two of the demo cases. The heard 民间借贷 case has both
sides' answers (the defendant's recorded by the clerk at the hearing: he has no account) and the
judge's findings, with the delivered amount disputed; the accepted 买卖合同 case has only the
plaintiff's answers so far, waiting for the defendant and the judge."""

from __future__ import annotations

from fating.accounts.models import User
from fating.cases.models import Case
from fating.elements import services


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
    return 2
