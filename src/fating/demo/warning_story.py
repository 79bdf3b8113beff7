"""The demo's early-warning story: a burst of property-management disputes from one housing
estate raises an explained mass-dispute warning (grouped by the estate, since the complaints name
different respondents); the officers assess it and a judge issues a judicial suggestion."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from fating.accounts.models import Membership, Role, User
from fating.accounts.selectors import holders
from fating.disputes import services as disputes
from fating.warnings import services
from fating.warnings.models import EarlyWarning

COMPANY = "青禾锦绣物业服务有限公司"
DEVELOPER = "青禾锦绣置业有限公司"
HEATING = "青禾县热力有限公司"
ESTATE = "锦绣花园小区"
# Five complaints from one estate within a week, against three different respondents, with the
# estate's name written the way people write it: with and without “小区”, with a full-width
# space, with brackets. No respondent reaches five; the estate does, and the warning says so.
COMPLAINTS = [
    ("孙某", "13688881001", HEATING, "锦绣花园小区", "101", "供用热力合同纠纷",
     "热力公司以物业欠费为由停止向小区供暖，家中老人受冻。"),
    ("钱某", "13688881002", COMPANY, "锦绣花园", "126", "物业服务合同纠纷",
     "物业费上涨百分之四十，未经业主大会同意。"),
    ("周某", "13688881003", COMPANY, "锦绣花园　小区", "126", "物业服务合同纠纷",
     "电梯停运两周无人维修，物业仍照常收费。"),
    ("吴某", "13688881004", DEVELOPER, "锦绣花园(小区)", "96.3", "商品房销售合同纠纷",
     "开发商交房时承诺的小区绿地被改建为收费停车场。"),
    ("郑某", "13688881005", COMPANY, "锦绣花园小区", "126", "物业服务合同纠纷",
     "物业以未交物业费为由锁闭单元门禁。"),
]  # fmt: skip


def seed_warning_story() -> EarlyWarning | None:
    """Report the burst through the dispute services (detection runs on each report), then
    assess the warning and issue a judicial suggestion. Returns the warning."""
    from fating.warnings import detection

    liaison = User.objects.get(username="liaison")
    for name, mobile, respondent, estate, cause, cause_name, what in COMPLAINTS:
        dispute = disputes.report_dispute(
            actor=liaison,
            data=disputes.DisputeInput(
                title=f"{name}与{respondent}{cause_name}", description=what, cause_code=cause,
                people_involved=2, housing_estate=estate,
                parties=[
                    disputes.PartyInput(role="applicant", kind="person", name=name, mobile=mobile),
                    disputes.PartyInput(role="respondent", kind="organisation", name=respondent),
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
    judge = holders(Role.JUDGE, tribunal=tribunal_id).order_by("pk").first()
    services.record_assessment(
        actor=admin, warning=warning,
        participants=[{"name": judge.display_name, "unit": "court"}, {"name": "镇综治中心主任", "unit": "township"},
                      {"name": "派出所副所长", "unit": "police"}, {"name": "司法所所长", "unit": "justice_office"}],
        notes=f"{ESTATE}一周内五起投诉，分别针对物业公司、热力公司和开发商，涉及停暖、涨价、电梯、"
              "绿地改停车场与门禁，存在群体性风险。",
        decisions="由镇综治中心牵头联动调解；法院向住建部门发出司法建议。",
    )  # fmt: skip
    services.issue_judicial_suggestion(
        actor=judge, warning=warning,
        data=services.SuggestionInput(
            department="青禾县住房和城乡建设局",
            findings=f"{ESTATE}业主在一周内因停止供暖、擅自涨价、设施失修、绿地被改建为停车场等"
                     f"集中投诉{COMPANY}、{HEATING}和{DEVELOPER}。",
            suggestions=["督促该物业公司依约提供服务、公开收费标准", "指导小区成立业主委员会，建立协商机制"],
            reply_due_on=timezone.localdate() + timedelta(days=60),
        ),
    )  # fmt: skip
    warning.refresh_from_db()
    return warning
