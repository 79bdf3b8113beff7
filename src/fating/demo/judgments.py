"""The demo's judgments (issue 15): on the 民间借贷 case that was heard, the judge's judgment served
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
    """The heard 民间借贷 case: a judgment served on both sides, periods running."""
    judge, clerk = case.judge, User.objects.get(username="clerk")
    party = User.objects.get(username="party")
    adjudication = judgments.issue_adjudication(
        actor=judge, case=case, kind="judgment",
        main_text=[
            f"被告{case.filing.parties.get(role='defendant').name}于本判决生效之日起十日内偿还原告"
            f"{party.full_name}借款26000元",
            "案件受理费减半收取，由被告负担",
        ],
    )  # fmt: skip
    _by_post(clerk, adjudication, days_ago=3)
    _in_app(clerk, adjudication, case, party)
    return adjudication


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
