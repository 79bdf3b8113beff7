"""The demo's 日常联络: the `liaison` login keeps a month of diary (and the month before, for the
trend) with the paired officer's feedback; every point's liaisons log some work so the points
rank; the acts the system already knows (reports, assisted filings and services) are in the
diaries; a few villages' 乡规民约 are reviewed and the year's 无讼村居 evaluation is computed, with
some villages titled by the court. Deterministic: counts follow the points' order."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from fating.accounts.models import Membership, Role, User
from fating.accounts.selectors import holders
from fating.core.audit import AuditEvent
from fating.core.events import DomainEvent
from fating.knowledge import services as knowledge
from fating.liaison import selectors, services, subscribers
from fating.liaison.models import LogEntry, VillageEvaluation
from fating.network.models import Court, Liaison, ServicePoint

NOTES = {
    "visit": ["走访农户，了解宅基地边界争议苗头，已做疏导。", "入户走访独居老人，了解赡养情况。",
              "走访村内企业，宣讲劳动合同签订要求。", "与村调委会碰头，梳理本月矛盾隐患。"],
    "education": ["在村文化广场开展民法典宣讲，约 40 人参加。", "以案释法：民间借贷要写清借条。",
                  "组织观看庭审直播，讲解诉讼流程。"],
    "report": ["发现邻里排水纠纷，当场调解未果，已登记上报。"],
    "filing": ["帮助村民在服务点网上立案，核对身份证与借条。"],
    "service": ["协助法庭将传票直接送达当事人，当事人签收。"],
}  # fmt: skip
PEOPLE = ["张大爷", "李家夫妇", "王某某", "村调委会刘主任", "赵某（企业人事）", "村民 40 余人"]
FEEDBACK = ["记录清楚，继续跟进。", "这起纠纷请尽快引导到村调委会先行调解。",
            "宣讲效果好，下次可结合典型案例。", "送达回证照片已收到，谢谢配合。",
            "请注意当事人隐私，不要在群里公开身份证号。"]  # fmt: skip
CYCLE = ["visit", "visit", "education", "visit", "report", "filing", "visit", "service"]


def _officer(liaison: Liaison) -> User | None:
    point = liaison.service_point
    return (
        liaison.paired_officer
        or point.paired_officer
        or holders(Role.JUDGE, tribunal=point.tribunal_id).order_by("pk").first()
    )


def _write(liaison: Liaison, days_ago: list[int], offset: int) -> list[LogEntry]:
    places = list(services.places_for(liaison)[:5])
    today = timezone.localdate()
    out = []
    for n, ago in enumerate(days_ago):
        kind = CYCLE[(n + offset) % len(CYCLE)]
        notes = NOTES[kind][(n + offset) % len(NOTES[kind])]
        out.append(services.log_entry(
            actor=liaison.user, kind=kind, occurred_on=today - timedelta(days=ago),
            place=places[n % len(places)].pk if places else None,
            people_met=PEOPLE[(n + offset) % len(PEOPLE)], notes=notes,
        ))  # fmt: skip
    return out


def _backfill_acts() -> int:
    """The acts already recorded (disputes reported, filings submitted, documents served in
    person) written into the liaisons' diaries, as the subscribers do after each commit."""
    before = LogEntry.objects.count()
    names = ("disputes.dispute.report", "cases.filing.submit", "delivery.attempt.outcome")
    for event in AuditEvent.objects.filter(action__in=names).order_by("seq"):
        subscribers.on_event(DomainEvent(name=event.action, target_type=event.object_type,
                                         target_id=event.object_id, after=event.after))  # fmt: skip
    return LogEntry.objects.count() - before


def _village_rules(court: Court, points: list[ServicePoint], judge: User) -> None:
    for point in points:
        liaison = (
            Liaison.objects.filter(service_point=point, active=True, user__isnull=False)
            .order_by("pk").first()
        )  # fmt: skip
        if liaison is None or not point.areas.exists():
            continue
        item = knowledge.submit_village_rules(
            actor=liaison.user, service_point=point, title=f"{point.name}村规民约",
            text="一、邻里和睦，互谅互让；二、红白喜事从简；三、宅基地按规划使用，不侵占公共道路；"
                 "四、矛盾纠纷先找村调委会调解，调解不成依法诉讼。",
        )  # fmt: skip
        knowledge.review_village_rules(actor=judge, rules_item=item, comment="", approve=True)


def seed_liaison() -> dict[str, int]:
    counts = {"diary": 0, "auto": _backfill_acts(), "feedback": 0, "ratings": 0, "titled": 0}
    court = Court.objects.order_by("pk").first()
    if court is None:
        return counts
    grant = Membership.objects.filter(user__username="liaison", role=Role.LIAISON).first()
    me = Liaison.objects.select_related("service_point", "user").filter(
        user__username="liaison").first()  # fmt: skip
    if me is not None and grant is not None:
        # a month of work, about every working day, and some of the month before (the trend)
        days = [d for d in range(0, 31) if d % 7 not in (5, 6)] + list(range(33, 58, 4))
        entries = _write(me, days, 0)
        counts["diary"] += len(entries)
        officer = _officer(me)
        if officer is not None:
            for n, entry in enumerate(entries[::3]):
                services.give_feedback(actor=officer, entry=entry, text=FEEDBACK[n % len(FEEDBACK)])
                counts["feedback"] += 1
    points = list(ServicePoint.objects.filter(tribunal__court=court, active=True).order_by("pk"))
    for i, point in enumerate(points):
        liaison = (
            Liaison.objects.filter(service_point=point, active=True, user__isnull=False)
            .exclude(user__username__in=["liaison", "crossclerk"])
            .select_related("service_point", "user").order_by("pk").first()
        )  # fmt: skip
        if liaison is None or selectors.liaison_of(liaison.user) != liaison:
            continue
        now = (i * 7) % 11  # this month: 0 to 10 entries, spread over the points
        before = (i * 5) % 7
        _write(liaison, [(3 * k) % 28 for k in range(now)] + [35 + 3 * k for k in range(before)], i)
        counts["diary"] += now + before
    for party in User.objects.filter(username__in=["party", "party2"]).order_by("pk"):
        for n, entry in enumerate(selectors.rateable_for(party)[:3]):
            if entry.ratings.filter(rated_by=party).exists():
                continue
            services.rate(actor=party, entry=entry, stars=5 - (n % 2), comment="联络员很耐心")
            counts["ratings"] += 1
    judge = User.objects.filter(username="judge").first()
    admin = User.objects.filter(username="admin").first()
    if judge is None or admin is None:
        return counts
    _village_rules(court, points[:: max(1, len(points) // 8)], judge)
    year = timezone.localdate().year
    evaluations = services.evaluate_villages(actor=admin, court=court, year=year)
    passed = [e for e in evaluations if e.passed]
    for ev in passed[:4]:
        services.decide(actor=judge, evaluation=ev, action="confirm")
        counts["titled"] += 1
    failed = [
        e for e in evaluations if not e.passed and e.status == VillageEvaluation.Status.EVALUATED
    ]
    if failed:
        services.decide(actor=judge, evaluation=failed[0], action="decline",
                        note="乡规民约尚未经法庭审查，明年再评。")  # fmt: skip
    counts["villages"] = len(evaluations)
    return counts
