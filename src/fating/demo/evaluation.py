"""Demo: appraisal and neutral evaluation.

- The 租赁合同 case (stage "scheduled"): `party` applied for appraisal of the repair cost of the
  damaged shopfront; the judge granted it, the fee was advanced, the appraiser chosen by the
  parties' agreement was commissioned 28 days ago and its report came in 3 days ago, filed into
  the e-dossier. The 25 days between are out of the case's 审限 (解释 第243条), shown on its
  审限 tab; the parties may object until the date set.
- The 宅基地 dispute in village mediation: the mediator appointed a retired judge on the invited
  roster as neutral evaluator with both parties' consent; the evaluator's non-binding opinion is
  issued and waits for the parties' acknowledgement.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.accounts.models import User
from fating.analytics import rollup
from fating.cases.models import Case
from fating.cases.services.due_dates import recompute_due
from fating.disputes.models import Dispute
from fating.evaluation import services
from fating.network.models import Mediator

REPORT = b"%PDF-1.4\n% demo: appraisal report\n"
APPRAISER = "青禾县正信司法鉴定所"


def seed_evaluation(cases: dict[str, Case]) -> int:
    party = User.objects.get(username="party")
    judge = User.objects.get(username="judge")
    clerk = User.objects.get(username="clerk")
    today = timezone.localdate()
    case = cases["scheduled"]
    # Filed and accepted six weeks ago, so the appraisal sits inside its 审限.
    Case.objects.filter(pk=case.pk).update(accepted_on=today - timedelta(days=45))
    rollup.sync("case", case.pk)  # the roll-ups count the case on its new 立案 date
    case.refresh_from_db()
    recompute_due(case)
    a = services.apply(actor=party, case=case,
                       matters="租赁门面墙体及卷帘门损坏的修复费用\n损坏是否系正常使用所致",
                       purpose="确定被告应赔偿的修复费用")  # fmt: skip
    a = services.decide(actor=judge, appraisal=a, grant=True, fee="2500")
    a = services.record_fee(actor=clerk, appraisal=a, paid_on=today - timedelta(days=30))
    a = services.commission(actor=judge, appraisal=a, institution=APPRAISER,
                            chosen_by="agreement", report_days=30,
                            on=today - timedelta(days=28))  # fmt: skip
    services.receive_report(actor=clerk, appraisal=a,
                            upload=SimpleUploadedFile("鉴定意见书.pdf", REPORT, "application/pdf"),
                            received_on=today - timedelta(days=3), objection_days=15,
                            summary="修复费用为6,380元；损坏非正常使用所致")  # fmt: skip

    dispute = Dispute.objects.get(title="郑某与冯某宅基地使用权纠纷")
    runner = User.objects.get(username="mediator")
    evaluator = (
        Mediator.objects.filter(kind=Mediator.Kind.INVITED, user__isnull=False, active=True,
                                organisation__court_id=dispute.court_id)
        .exclude(user=runner).order_by("pk").first()
    )  # fmt: skip
    if evaluator is None:
        return 1
    Mediator.objects.filter(pk=evaluator.pk).update(is_retired_judge=True)
    e = services.appoint(
        actor=runner, dispute=dispute, evaluator=evaluator.pk,
        questions="冯某翻建房屋是否占用郑某宅基地\n占用部分应如何处理",
        party_ids=list(dispute.parties.values_list("pk", flat=True)),
        consent_note="调解时双方当面同意由退休法官中立评估，已记入调解笔录",
    )  # fmt: skip
    services.issue(
        actor=evaluator.user, evaluation=e,
        opinion="依据宅基地使用权证及四至界线，冯某新建房屋东墙越界约一米的可能性较大；"
        "如诉至法院，须以测绘结论为准。",
        likely_outcome="法院较可能判令冯某拆除越界部分或给予相应补偿",
    )  # fmt: skip
    return 2
