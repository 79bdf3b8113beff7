"""Court administration of triage (繁简分流): 速裁 teams and the official small-claims wage
figures that let triage decide small claims without a person confirming."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from fating.accounts.models import Role, User
from fating.accounts.selectors import holders
from fating.cases import legal, selectors
from fating.cases.models import SpeedyTrialTeam, WageFigure
from fating.cases.rules.triage import WAGE_MAX
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.money import parse_money
from fating.network.models import Court, Tribunal


def can_manage_triage(user: User, court: Court) -> bool:
    return selectors.restrict(Court.objects.filter(pk=court.pk), user, "triage").exists()


def _judges(court: Court, member_ids: Iterable[int]) -> list[User]:
    ids = {int(i) for i in member_ids}
    judges = list(holders(Role.JUDGE, court=court.pk).filter(pk__in=ids))
    if not ids:
        raise FieldError({"members": _("请至少选择一名法官。")})
    if len(judges) != len(ids):
        raise FieldError({"members": _("速裁团队成员必须是本院在岗法官。")})
    return judges


@transaction.atomic
def create_team(
    *,
    actor: User,
    court: Court,
    name: str,
    members: Iterable[int],
    tribunal: Tribunal | None = None,
) -> SpeedyTrialTeam:
    """A 速裁团队 of the court's judges, for one tribunal or the 院本部; one active team each."""
    if not can_manage_triage(actor, court):
        raise NotPermitted(_("只有本院法院管理员可以管理速裁团队。"))
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = _("请填写团队名称。")
    if tribunal is not None and tribunal.court_id != court.pk:
        errors["tribunal"] = _("人民法庭不属于本院。")
    elif SpeedyTrialTeam.objects.filter(court=court, tribunal=tribunal, active=True).exists():
        errors["tribunal"] = _("该法庭（院本部）已有启用的速裁团队。")
    if errors:
        raise FieldError(errors)
    judges = _judges(court, members)
    team = SpeedyTrialTeam.objects.create(court=court, tribunal=tribunal, name=name.strip()[:60])
    team.members.set(judges)
    record_event(
        actor=actor,
        action="cases.speedy_team.create",
        target=team,
        after={
            "court": court.pk,
            "tribunal": tribunal.pk if tribunal else None,
            "name": team.name,
            "members": sorted(j.pk for j in judges),
        },
    )
    return team


@transaction.atomic
def update_team(
    *,
    actor: User,
    team: SpeedyTrialTeam,
    members: Iterable[int] | None = None,
    active: bool | None = None,
) -> SpeedyTrialTeam:
    """Change the members or switch the team on or off."""
    if not can_manage_triage(actor, team.court):
        raise NotPermitted(_("只有本院法院管理员可以管理速裁团队。"))
    team = SpeedyTrialTeam.objects.select_for_update().get(pk=team.pk)
    before = {"members": sorted(team.members.values_list("pk", flat=True)), "active": team.active}
    if active and not team.active:
        clash = SpeedyTrialTeam.objects.filter(
            court=team.court, tribunal=team.tribunal, active=True
        ).exclude(pk=team.pk)
        if clash.exists():
            raise FieldError({"active": _("该法庭（院本部）已有启用的速裁团队。")})
    if members is not None:
        team.members.set(_judges(team.court, members))
    if active is not None:
        team.active = active
        team.save(update_fields=["active", "updated_at"])
    record_event(
        actor=actor,
        action="cases.speedy_team.update",
        target=team,
        before=before,
        after={"members": sorted(team.members.values_list("pk", flat=True)), "active": team.active},
    )
    return team


def teams_for(user: User) -> list[SpeedyTrialTeam]:
    teams = SpeedyTrialTeam.objects.select_related("court", "tribunal").prefetch_related("members")
    return list(selectors.restrict(teams, user, "view"))


# --------------------------------------------------------------------------------------------
# Official small-claims wage figures (CPL 第165条; 解释 第272条)


_WAGE_LABELS = {
    "average_wage": "年平均工资",
    "small_claims_limit": "小额诉讼标的限额",
    "agreed_limit": "约定适用限额",
}


def _money(value: Any, field: str, *, required: bool) -> Decimal | None:
    # The wage columns are DecimalField(max_digits=12): narrower than the project-wide ceiling.
    return parse_money(
        value, field=field, label=_WAGE_LABELS[field], required=required, allow_zero=False,
        maximum=WAGE_MAX,
    )  # fmt: skip


def can_load_wage(user: User, province: str) -> bool:
    """A court administrator of a court in the province loads its high court's figure."""
    if user.is_superuser:
        return True
    courts = selectors.restrict(Court.objects.all(), user, "triage")
    return any(legal.province_of(c) == province for c in courts)


@transaction.atomic
def load_wage_figure(
    *,
    actor: User,
    province: str,
    wage_year: int,
    average_wage: Any,
    effective_from: date,
    source: str,
    small_claims_limit: Any = None,
    agreed_limit: Any = None,
) -> WageFigure:
    """Load (or correct) the official figure the high court published. It overrides the
    estimated figures of rules/data/average-wages.json for the same province from its date on,
    and triage then decides small claims on it without a person confirming."""
    province = (province or "").strip()
    if not can_load_wage(actor, province):
        raise NotPermitted(_("只有该省法院的法院管理员可以载入小额诉讼工资标准。"))
    wage = _money(average_wage, "average_wage", required=True)
    limit = _money(small_claims_limit, "small_claims_limit", required=False)
    agreed = _money(agreed_limit, "agreed_limit", required=False)
    errors: dict[str, str] = {}
    if not (source or "").strip():
        errors["source"] = _("请填写来源文件（如高级人民法院通知的标题和文号）。")
    if not isinstance(effective_from, date):
        errors["effective_from"] = _("请填写起用日期。")
    elif not 2000 <= int(wage_year) < effective_from.year:
        errors["wage_year"] = _("工资年度应早于起用年度（上年度，民诉法解释 第272条）。")
    if limit is not None and agreed is not None and agreed < limit:
        errors["agreed_limit"] = _("约定适用限额不能低于小额诉讼标的限额。")
    if errors:
        raise FieldError(errors)
    record = legal.parse_wage_figure(
        {
            "province": province,
            "wage_year": wage_year,
            "average_wage": str(wage),
            "small_claims_limit": None if limit is None else str(limit),
            "agreed_limit": None if agreed is None else str(agreed),
            "effective_from": effective_from.isoformat(),
            "source": source,
        }
    )
    existing = WageFigure.objects.select_for_update().filter(
        province=province, effective_from=effective_from
    )
    before = existing.values("wage_year", "average_wage", "small_claims_limit", "source").first()
    figure, _created = WageFigure.objects.update_or_create(
        province=province,
        effective_from=effective_from,
        defaults={
            "wage_year": record.wage_year,
            "average_wage": record.average_wage,
            "small_claims_limit": limit,
            "agreed_limit": agreed,
            "source": source.strip()[:300],
            "loaded_by": actor,
        },
    )
    record_event(
        actor=actor,
        action="cases.wage_figure.load",
        target=figure,
        before=before,
        after={
            "province": province,
            "wage_year": figure.wage_year,
            "average_wage": figure.average_wage,
            "small_claims_limit": record.small_claims_limit,
            "agreed_limit": record.agreed_limit,
            "effective_from": effective_from,
            "source": figure.source,
        },
    )
    return figure


__all__ = [
    "can_load_wage",
    "can_manage_triage",
    "create_team",
    "load_wage_figure",
    "teams_for",
    "update_team",
]
