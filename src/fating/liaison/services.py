"""State changes of liaisons' daily work: each one transaction, permission first, one audit
event. Errors name the field in Chinese (FieldError) and write nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.cases.models import Filing
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.notify import notify
from fating.delivery.models import Service
from fating.disputes.models import Dispute
from fating.liaison import measures, rules, selectors
from fating.liaison.models import CriterionSetting, Feedback, LogEntry, Rating, VillageEvaluation
from fating.network.models import Area, Court, Liaison

PLACE_LEVELS = (Area.Level.VILLAGE, Area.Level.GRID)


def _text(value: object, field: str, limit: int, errors: dict[str, str]) -> str:
    text = str(value or "").strip() if isinstance(value, str | int) or value is None else None
    if text is None:
        errors[field] = _("格式不正确。")
        return ""
    if len(text) > limit:
        errors[field] = _("不能超过 %(n)s 字。") % {"n": limit}
    if "\x00" in text:
        errors[field] = _("含有不允许的字符。")
    return text


def _date(value: object, errors: dict[str, str]) -> date | None:
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value or ""))
        except ValueError:
            errors["occurred_on"] = _("请填写日期（年-月-日）。")
            return None
    problem = rules.entry_date_error(day, timezone.localdate())
    if problem:
        errors["occurred_on"] = _(problem)
        return None
    return day


def _pk(value: object) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not str(value).isdigit() or len(str(value)) > 12:
        return -1
    return int(str(value))


def places_for(liaison: Liaison) -> Any:
    """Villages and grids a liaison may name as the place: those the point covers (and their
    grids) and the liaison's own area."""
    covered = list(liaison.service_point.areas.values_list("pk", flat=True))
    return Area.objects.filter(
        Q(pk__in=covered) | Q(parent_id__in=covered) | Q(pk=liaison.area_id or 0),
        level__in=PLACE_LEVELS,
    ).order_by("name")


def _links(liaison: Liaison, actor: User, kind: str, data: dict[str, Any],
           errors: dict[str, str]) -> dict[str, Any]:  # fmt: skip
    """The matter an assisted entry links to, checked to be the liaison's own act."""
    found: dict[str, Any] = {"dispute": None, "filing": None, "service": None}
    for field in found:
        pk = _pk(data.get(field))
        if pk is None:
            continue
        if rules.LINK_OF.get(kind) != field:
            errors[field] = _("该类型的日志不关联此项。")
            continue
        if field == "dispute":
            found[field] = Dispute.objects.filter(
                pk=pk, service_point_id=liaison.service_point_id
            ).first()
        elif field == "filing":
            found[field] = Filing.objects.filter(pk=pk, assisted_by=actor).first()
        else:
            found[field] = Service.objects.filter(
                pk=pk, attempts__assignee=actor, attempts__channel="in_person"
            ).first()
        if found[field] is None:
            errors[field] = {
                "dispute": _("只能关联经本服务点上报的纠纷。"),
                "filing": _("只能关联本人协助提交的立案申请。"),
                "service": _("只能关联本人承办的直接送达。"),
            }[field]
    return found


@transaction.atomic
def log_entry(*, actor: User, kind: object, occurred_on: object, place: object = None,
              people_met: object = "", notes: object = "", dispute: object = None,
              filing: object = None, service: object = None) -> LogEntry:  # fmt: skip
    """A liaison writes a line of their diary (走访, 矛盾上报, 协助立案, 协助送达, 法治宣传)."""
    liaison = selectors.liaison_of(actor)
    if liaison is None:
        raise NotPermitted(_("只有在岗的便民联络员可以记录联络日志。"))
    errors: dict[str, str] = {}
    if kind not in rules.KIND_LABELS:
        errors["kind"] = _("请选择工作类型。")
    day = _date(occurred_on, errors)
    people = _text(people_met, "people_met", rules.PEOPLE_MAX, errors)
    text = _text(notes, "notes", rules.NOTES_MAX, errors)
    area = None
    place_pk = _pk(place)
    if place_pk is not None:
        area = places_for(liaison).filter(pk=place_pk).first()
        if area is None:
            errors["place"] = _("请选择本服务点覆盖的村（社区）或网格。")
    links = _links(liaison, actor, str(kind), {"dispute": dispute, "filing": filing,
                                               "service": service}, errors)  # fmt: skip
    if not text and not people and not errors.get("notes"):
        errors["notes"] = _("请写下接触人员或工作记录。")
    if errors:
        raise FieldError(errors)
    entry = LogEntry.objects.create(
        liaison=liaison, service_point=liaison.service_point, kind=kind, occurred_on=day,
        place=area, people_met=people, notes=text, created_by=actor, **links,
    )  # fmt: skip
    record_event(actor=actor, action="liaison.entry.create", target=entry, after={
        "kind": entry.kind, "occurred_on": day.isoformat() if day else None,
        "service_point": liaison.service_point_id, "place": area.pk if area else None,
        **{f: getattr(entry, f"{f}_id") for f in links},
    })  # fmt: skip
    return entry


@transaction.atomic
def record_act(*, liaison: Liaison, kind: str, occurred_on: date, source_key: str,
               place: Area | None = None, people_met: str = "", notes: str = "",
               dispute: Dispute | None = None, filing: Filing | None = None,
               service: Service | None = None) -> LogEntry | None:  # fmt: skip
    """The system writes an assisted act into the diary of the liaison who did it, once per
    source event (a retried delivery finds the entry and writes nothing)."""
    if kind not in rules.ASSISTED or not liaison.user_id:
        raise ValueError(f"record_act: {kind!r} is not an assisted act of a liaison with a login")
    if LogEntry.objects.filter(source_key=source_key).exists():
        return None
    if place is not None and place.level not in PLACE_LEVELS:
        place = None
    entry = LogEntry.objects.create(
        liaison=liaison, service_point_id=liaison.service_point_id, kind=kind,
        occurred_on=occurred_on, place=place, people_met=people_met[: rules.PEOPLE_MAX],
        notes=notes[: rules.NOTES_MAX], dispute=dispute, filing=filing, service=service,
        source=rules.AUTO, source_key=source_key, created_by_id=liaison.user_id,
    )  # fmt: skip
    record_event(actor=None, action="liaison.entry.auto", target=entry, after={
        "kind": kind, "source_key": source_key, "liaison": liaison.pk,
        "occurred_on": occurred_on.isoformat(),
    })  # fmt: skip
    return entry


@transaction.atomic
def give_feedback(*, actor: User, entry: LogEntry, text: object) -> Feedback:
    """The paired officer (or a judge of the tribunal) answers a diary entry; the liaison is
    told in the app."""
    entry = selectors.entry_for(actor, entry.pk, "feedback")
    errors: dict[str, str] = {}
    body = _text(text, "text", rules.FEEDBACK_MAX, errors)
    if not body and "text" not in errors:
        errors["text"] = _("请填写反馈意见。")
    if errors:
        raise FieldError(errors)
    feedback = Feedback.objects.create(entry=entry, author=actor, text=body)
    record_event(actor=actor, action="liaison.feedback.create", target=entry,
                 after={"feedback": feedback.pk, "length": len(body)})  # fmt: skip
    if entry.liaison.user_id:
        notify(dedupe_key=f"liaison.feedback:{feedback.pk}", user=entry.liaison.user,
               subject=_("联络日志有新反馈"),
               body=_("%(who)s 对您 %(day)s 的%(kind)s记录作了反馈。") % {
                   "who": actor.get_full_name() or actor.username, "day": entry.occurred_on,
                   "kind": entry.get_kind_display()},
               link=f"/liaison/log/{entry.pk}/")  # fmt: skip
    return feedback


@transaction.atomic
def rate(*, actor: User, entry: LogEntry, stars: object, comment: object = "") -> Rating:
    """A party rates an assisted act they were helped by, once (1–5)."""
    entry = selectors.rateable_entry(actor, entry.pk)
    errors: dict[str, str] = {}
    value = _pk(stars)
    if value is None or not rules.RATING_MIN <= value <= rules.RATING_MAX:
        errors["stars"] = _("请选择 1 至 5 分。")
    text = _text(comment, "comment", rules.COMMENT_MAX, errors)
    if errors:
        raise FieldError(errors)
    if Rating.objects.filter(entry=entry, rated_by=actor).exists():
        raise InvalidTransition(_("您已评价过这项服务。"))
    try:
        with transaction.atomic():
            rating = Rating.objects.create(entry=entry, rated_by=actor, stars=value, comment=text)
    except IntegrityError:
        raise InvalidTransition(_("您已评价过这项服务。")) from None
    record_event(actor=actor, action="liaison.rating.create", target=entry,
                 after={"rating": rating.pk, "stars": value})  # fmt: skip
    return rating


# -- 无讼村居 ------------------------------------------------------------------------------------


def thresholds_of(court: Court) -> dict[str, Decimal]:
    found = {c.key: c.threshold for c in rules.CRITERIA}
    found.update(dict(CriterionSetting.objects.filter(court=court).values_list("key", "threshold")))
    return found


@transaction.atomic
def set_threshold(*, actor: User, court: Court, key: object, threshold: object) -> CriterionSetting:
    """The court administrator sets the court's own threshold for a criterion."""
    court = selectors.court_for(actor, court.pk, "configure")
    try:
        value = Decimal(str(threshold).strip())
        if not value.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise FieldError({"threshold": _("请填写数字。")}) from None
    problem = rules.threshold_error(str(key), value)
    if problem:
        field = "key" if str(key) not in rules.CRITERIA_BY_KEY else "threshold"
        raise FieldError({field: _(problem)})
    before = thresholds_of(court)[str(key)]
    setting, _created = CriterionSetting.objects.update_or_create(
        court=court, key=key, defaults={"threshold": value}
    )
    record_event(actor=actor, action="liaison.threshold.set", target=setting,
                 before={"threshold": before}, after={"key": key, "threshold": value})  # fmt: skip
    return setting


def _year(value: object) -> int:
    this = timezone.localdate().year
    year = _pk(value)
    if year is None or year < 2000 or year > this:
        raise FieldError({"year": _("年度应在 2000 年至今年之间。")})
    return year


@transaction.atomic
def evaluate_villages(*, actor: User, court: Court, year: object) -> list[VillageEvaluation]:
    """Compute the year's 无讼村居 evaluation of every village of the court from the data. A
    decided title (授予, 撤销) keeps the values it was decided on; the others are recomputed."""
    court = selectors.court_for(actor, court.pk, "evaluate")
    year = _year(year)
    villages = measures.villages_of(court)
    values = measures.village_values(court, villages, year)
    thresholds = thresholds_of(court)
    existing = {e.village_id: e for e in VillageEvaluation.objects.filter(
        village_id__in=[v.pk for v in villages], year=year).select_for_update()}  # fmt: skip
    now, out, counts = timezone.now(), [], {"evaluated": 0, "kept": 0, "passed": 0}
    for village in villages:
        found = existing.get(village.pk)
        if found is not None and not rules.TITLE.allows(found.status, "reevaluate"):
            counts["kept"] += 1
            out.append(found)
            continue
        results = rules.evaluate(values[village.pk], thresholds)
        rows = [{"key": r.key, "value": None if r.value is None else str(r.value),
                 "threshold": str(r.threshold), "passed": r.passed} for r in results]  # fmt: skip
        detail = values[village.pk]["_detail"]
        rows.append({"key": "_detail", **detail})
        passed = rules.all_passed(results)
        if found is None:
            found = VillageEvaluation(court=court, village=village, year=year)
        found.results, found.passed, found.evaluated_at = rows, passed, now
        found.status = rules.TITLE.target(found.status or "evaluated", "reevaluate")
        found.decided_by, found.decided_at, found.note = None, None, ""
        found.save()
        counts["evaluated"] += 1
        counts["passed"] += int(passed)
        out.append(found)
    record_event(actor=actor, action="liaison.evaluation.run", target=court,
                 after={"year": year, **counts, "thresholds": thresholds})  # fmt: skip
    return out


@transaction.atomic
def decide(*, actor: User, evaluation: VillageEvaluation, action: str,
           note: object = "") -> VillageEvaluation:  # fmt: skip
    """The court confirms the title (only when every criterion is met), declines it, or
    revokes a title given."""
    if action not in ("confirm", "decline", "revoke"):
        raise FieldError({"action": _("没有这项操作。")})
    evaluation = selectors.evaluation_for(actor, evaluation.pk, "decide")
    evaluation = VillageEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    errors: dict[str, str] = {}
    text = _text(note, "note", 300, errors)
    if action in ("decline", "revoke") and not text and "note" not in errors:
        errors["note"] = _("请写明理由。")
    if errors:
        raise FieldError(errors)
    refusal = _("尚有标准未达标，不能授予无讼村居。") if action == "confirm" else None
    before = evaluation.status
    evaluation.status = rules.TITLE.target(before, action, evaluation.passed, refusal=refusal)
    evaluation.decided_by, evaluation.decided_at, evaluation.note = actor, timezone.now(), text
    evaluation.save()
    record_event(actor=actor, action=f"liaison.evaluation.{action}", target=evaluation,
                 before={"status": before}, after={"status": evaluation.status, "note": text})  # fmt: skip
    return evaluation
