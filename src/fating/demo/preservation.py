"""Demo: property preservation. `party` asks, urgently, to freeze the defendant's deposit in the
accepted 买卖合同 case (waiting in the judge's queue with its 48-hour deadline); a pre-suit
application by `agent` was granted after the security was given (its 30 days to sue running)."""

from __future__ import annotations

from fating.accounts.models import User
from fating.cases.models import Case
from fating.preservation import services


def seed_preservation(cases: dict[str, Case]) -> int:
    party = User.objects.get(username="party")
    agent = User.objects.get(username="agent")
    judge = User.objects.get(username="judge")
    clerk = User.objects.get(username="clerk")
    accepted = cases["accepted"]
    services.apply(actor=party, kind="in_suit", case=accepted, respondent_name="刘某",
                   amount="18600", urgent=True,
                   property_description="被告在青禾农商银行的存款；被告农资店内库存化肥")  # fmt: skip
    pre = services.apply(actor=agent, kind="pre_suit", court=accepted.court,
                         applicant_name="青禾县安居物业服务有限公司", respondent_name="某建材商行",
                         amount="56000", property_description="被申请人在青禾县建设银行的账户存款")  # fmt: skip
    services.order_security(actor=judge, application=pre, amount="56000")
    services.record_security(actor=clerk, application=pre)
    services.decide(actor=judge, application=pre, grant=True, note="申请人已提供等额担保，情况紧急")
    return 2
