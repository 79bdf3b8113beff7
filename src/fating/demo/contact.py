"""The demo's 约见法官 and 12368 calls, and a letter of authority awaiting the court:

- `party` asks to meet `judge` at a 法官工作室 (or the tribunal's first point) of the judge's
  tribunal: pending in the judge's queue; a second, online, request accepted with a time and a link;
- `clerk` logs four 12368 calls: a 咨询 answered in time, a 查询案件 routed to `judge` and open, an
  投诉建议 to the tribunal that is overdue (received six days ago, 120 hours allowed), a 约见 routed
  to `judge` and answered;
- `agent` submits a 授权委托书 for `party` in the accepted case: it waits on the court's page.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.accounts.models import Membership, Role, User
from fating.cases.models import Case
from fating.contact import services
from fating.network.models import ServicePoint
from fating.people import services as people


def seed_contact(cases: dict[str, Case]) -> dict[str, int]:
    party = User.objects.get(username="party")
    agent = User.objects.get(username="agent")
    judge = User.objects.get(username="judge")
    clerk = User.objects.get(username="clerk")
    tribunal = Membership.objects.get(user=judge, role=Role.JUDGE, active=True).tribunal
    assert tribunal is not None  # noqa: S101  (the plan gives the demo judge a tribunal)
    points = ServicePoint.objects.filter(tribunal=tribunal, active=True).order_by("pk")
    point = points.filter(kind=ServicePoint.Kind.JUDGE_STUDIO).first() or points.first()
    if point is None:
        return {"meetings": 0, "calls": 0}

    def routed(meeting):  # type: ignore[no-untyped-def]
        return meeting if meeting.judge_id == judge.pk else services.route_meeting(
            actor=clerk, meeting=meeting, judge=judge)  # fmt: skip

    routed(services.request_meeting(
        actor=party, service_point=point, mode="at_point", preferred_times="下周工作日上午",
        topic="与邻居的宅基地边界纠纷，村里调解过一次没谈拢，想当面问问法官起诉前要准备什么。",
    ))  # fmt: skip
    online = routed(services.request_meeting(
        actor=party, service_point=point, mode="online", preferred_times="本周四或周五下午",
        topic="在外地打工，想线上问问欠条案件开庭时需要带哪些原件。",
    ))  # fmt: skip
    at = (timezone.localtime() + timedelta(days=2)).replace(
        hour=15, minute=0, second=0, microsecond=0
    )
    services.accept_meeting(actor=judge, meeting=online, scheduled_at=at,
                            meeting_link="https://meeting.example.cn/j/20261208")  # fmt: skip

    now = timezone.now()
    calls = [
        ("张女士", "13905390001", "consult", "询问离婚诉讼需要准备哪些材料", 3, {"assignee": clerk},
         "告知起诉状、身份证明、结婚证及财产线索，可在网上立案或到服务点由联络员协助。"),
        ("李先生", "0539-7012345", "case_query", "查询本人欠款案件何时开庭", 5, {"assignee": judge}, ""),
        ("王先生", "13905390003", "complaint", "反映执行案件长时间无进展", 6 * 24,
         {"tribunal": tribunal}, ""),
        ("赵大爷", "13905390004", "meeting", "想约法官当面反映土地承包纠纷", 20, {"assignee": judge},
         "已请其通过联络员提交约见申请，法官将在法官工作室接待。"),
    ]  # fmt: skip
    for name, number, category, topic, hours_ago, target, answer in calls:
        call = services.log_call(actor=clerk, court=tribunal.court, caller_name=name,
                                 caller_number=number, topic=topic, category=category,
                                 received_at=now - timedelta(hours=hours_ago), **target)  # fmt: skip
        if answer:
            services.answer_call(actor=target.get("assignee") or judge, call=call, answer=answer)

    case = cases["accepted"]
    plaintiff = case.filing.parties.filter(role="plaintiff").first()
    if plaintiff is not None:
        letter = SimpleUploadedFile("授权委托书.pdf", b"%PDF-1.4 demo power of attorney (general)",
                                    "application/pdf")  # fmt: skip
        people.propose_representation(actor=agent, case_number=case.number,
                                      party_name=plaintiff.name, scope="general",
                                      power_of_attorney=letter)  # fmt: skip
    return {"meetings": 2, "calls": len(calls)}
