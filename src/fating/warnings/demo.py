"""The demo's early-warning story: a burst of property-management disputes against one company
raises an explained mass-dispute warning; the officers assess it and issue a judicial suggestion."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from fating.accounts.models import Membership, Role, User
from fating.disputes import services as disputes
from fating.warnings import services
from fating.warnings.models import EarlyWarning

COMPANY = "青禾锦绣物业服务有限公司"
COMPLAINTS = [
    ("孙某", "13688881001", "物业公司以欠费为由停止供暖，家中老人受冻。"),
    ("钱某", "13688881002", "物业费上涨百分之四十，未经业主大会同意。"),
    ("周某", "13688881003", "电梯停运两周无人维修，物业仍照常收费。"),
    ("吴某", "13688881004", "物业擅自占用公共绿地收取停车费。"),
    ("郑某", "13688881005", "物业以未交物业费为由锁闭单元门禁。"),
]


def seed_warning_story() -> EarlyWarning | None:
    """Report the burst through the dispute services (detection runs on each report), then
    assess the warning and issue a judicial suggestion. Returns the warning."""
    from fating.warnings import detection

    liaison = User.objects.get(username="liaison")
    for name, mobile, what in COMPLAINTS:
        dispute = disputes.report_dispute(
            actor=liaison,
            data=disputes.DisputeInput(
                title=f"{name}与{COMPANY}物业服务合同纠纷", description=what, cause_code="126",
                people_involved=2,
                parties=[
                    disputes.PartyInput(role="applicant", kind="person", name=name, mobile=mobile),
                    disputes.PartyInput(role="respondent", kind="organisation", name=COMPANY),
                ],
            ),
        )  # fmt: skip
        # Detection normally runs after commit; run it now so the story holds inside a transaction
        # too (it is idempotent, so the after-commit run changes nothing).
        detection.scan_dispute(dispute.pk)
    warning = EarlyWarning.objects.filter(status="new", kind="mass_dispute").order_by("-pk").first()
    if warning is None:
        return None
    admin = User.objects.get(username="admin")
    tribunal_id = (
        Membership.objects.filter(user=liaison, role=Role.LIAISON)
        .values_list("service_point__tribunal_id", flat=True)
        .first()
    )
    judge = (
        Membership.objects.filter(tribunal_id=tribunal_id, role=Role.JUDGE)
        .order_by("user_id")
        .first()
        .user
    )
    services.record_assessment(
        actor=admin, warning=warning,
        participants=[{"name": judge.display_name, "unit": "court"}, {"name": "镇综治中心主任", "unit": "township"},
                      {"name": "派出所副所长", "unit": "police"}, {"name": "司法所所长", "unit": "justice_office"}],
        notes="同一物业公司一周内被投诉五起，涉及停暖、涨价、电梯、停车与门禁，存在群体性风险。",
        decisions="由镇综治中心牵头联动调解；法院向住建部门发出司法建议。",
    )  # fmt: skip
    services.issue_judicial_suggestion(
        actor=judge, warning=warning,
        data=services.SuggestionInput(
            department="青禾县住房和城乡建设局",
            findings=f"{COMPANY}在一周内因停止供暖、擅自涨价、设施失修等被业主集中投诉。",
            suggestions=["督促该物业公司依约提供服务、公开收费标准", "指导小区成立业主委员会，建立协商机制"],
            reply_due_on=timezone.localdate() + timedelta(days=60),
        ),
    )  # fmt: skip
    warning.refresh_from_db()
    return warning
