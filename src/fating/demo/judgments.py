"""The demo's judgments (issue 15): on the 民间借贷 case that was heard, the judge's 表格式 judgment
(drafted in one step from the element table, signed and issued) served
on both sides — the plaintiff (`party`) in the app today, the defendant by post three days ago —
so the 文书与生效 tab shows each side's running appeal period; on the case closed by mediation,
its 民事调解书 signed for by both sides, already effective (民事诉讼法 第100条).

All through the services: judgments issues, delivery serves, and judgments hears delivery's served
event to fill the dates."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from fating.accounts.models import User
from fating.cases.models import Case
from fating.delivery import services as delivery
from fating.judgments import services as judgments
from fating.judgments.models import Adjudication


def _by_post(clerk: User, adjudication: Adjudication, days_ago: int) -> None:
    """Serve the defendant (no account) by post; the postal receipt is dated `days_ago`."""
    row = adjudication.parties.get(party__role="defendant")
    service = delivery.serve_document(
        actor=clerk, document=adjudication.document, party_key=row.party_key,
        channels=["post"], tracking_number=f"XA{adjudication.pk:08d}CN",
    )  # fmt: skip
    attempt = service.attempts.get()
    delivery.record_outcome(
        actor=clerk, attempt=attempt, kind="postal_signed",
        occurred_at=timezone.now() - timedelta(days=days_ago), note="邮件回执由被告本人签收",
    )  # fmt: skip


def _in_app(clerk: User, adjudication: Adjudication, case: Case, recipient: User) -> None:
    """Serve in the app on the party holding `recipient`'s account, who opens it (served)."""
    row = adjudication.parties.get(party__user=recipient)
    delivery.record_consent(actor=recipient, matter=case, party_key=row.party_key,
                            channel="in_app", basis="express", method="online")  # fmt: skip
    service = delivery.serve_document(actor=clerk, document=adjudication.document,
                                      party_key=row.party_key, channels=["in_app"])  # fmt: skip
    for attempt in service.attempts.all():  # sending normally runs on the worker; idempotent
        delivery.dispatch(attempt.pk)
    service.refresh_from_db()
    delivery.open_served_document(actor=recipient, service=service)


def seed_judgment(case: Case) -> Adjudication:
    """The heard 民间借贷 case, tried on its element table: its 表格式 judgment drafted in one step
    (文书一键生成), the disputed elements found by the judge, signed and issued, then served on
    both sides — appeal periods running; the daily task makes it effective when they run out."""
    judge, clerk = case.judge, User.objects.get(username="clerk")
    party = User.objects.get(username="party")
    draft = judgments.create_draft(actor=judge, case=case, form="table_judgment")
    defendant = case.filing.parties.get(role="defendant").name
    judgments.update_draft(actor=judge, draft=draft, changes={
        "court_findings": {
            "principal": "借条载明借款26000元，银行转账记录显示2025年4月2日转账26000元，本院认定出借本金26000元",
            "repaid": "被告主张已现金归还6000元，未提供收条或其他证据，原告不予认可，本院不予采信",
        },
        "reasoning": "本院认为，原、被告之间的借贷关系有借条及转账记录为证，合法有效。被告主张实际到账"
        "20000元、已现金归还6000元，均未提供证据证明，本院不予采信。被告到期未还款，应承担还款责任。",
        "main_text": [f"被告{defendant}于本判决生效之日起十日内偿还原告{party.full_name}借款26000元"],
    })  # fmt: skip
    judgments.sign_draft(actor=judge, draft=draft)
    adjudication = judgments.issue_draft(actor=judge, draft=draft)
    _by_post(clerk, adjudication, days_ago=3)
    _in_app(clerk, adjudication, case, party)
    return adjudication


def seed_lead_judgment() -> int:
    """The property-fee batch (示范诉讼): the lead case's 表格式 judgment issued from its draft, and
    a draft for the parallel case the judge confirmed, waiting for the judge to confirm it."""
    from fating.elements.models import ModelLitigation

    group = ModelLitigation.objects.select_related("lead").first()
    if group is None or group.lead.judge is None:
        return 0
    judge = group.lead.judge
    draft = judgments.create_draft(actor=judge, case=group.lead, form="table_judgment")
    judgments.sign_draft(actor=judge, draft=draft)
    judgments.issue_draft(actor=judge, draft=draft)
    return 1 + len(judgments.draft_parallel_cases(actor=judge, litigation_id=group.pk))


def seed_mediation_statement(case: Case) -> Adjudication:
    """The case closed by mediation: its 调解书, signed for by both sides, effective."""
    clerk, party = User.objects.get(username="clerk"), User.objects.get(username="party")
    adjudication = judgments.issue_adjudication(
        actor=case.judge, case=case, kind="mediation",
        main_text=["被告于2026年1月31日前一次性支付原告货款12800元", "双方就本案再无其他争议"],
    )  # fmt: skip
    _by_post(clerk, adjudication, days_ago=2)
    _in_app(clerk, adjudication, case, party)
    return adjudication
