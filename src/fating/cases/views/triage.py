"""Pages of triage administration: 速裁 teams and official small-claims wage figures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fating.accounts.models import Role
from fating.accounts.selectors import holders
from fating.cases import selectors
from fating.cases.done import done
from fating.cases.models import WageFigure
from fating.cases.services import triage_admin
from fating.cases.views.common import FIELD_LABELS, _id, optional_date
from fating.core.exceptions import FieldError, NotPermitted, NotVisible
from fating.core.http import form_errors, page_view
from fating.network.models import Court, Tribunal


def _admin_courts(request: HttpRequest) -> list[Court]:
    courts = list(selectors.restrict(Court.objects.all(), request.user, "triage"))
    if not courts:
        raise NotPermitted(_("只有法院管理员可以管理繁简分流设置。"))
    return courts


@login_required
@page_view
def triage_admin_page(request: HttpRequest) -> HttpResponse:
    """速裁团队 and official small-claims wage figures, for court administrators."""
    courts = _admin_courts(request)
    errors: list[str] = []
    if request.method == "POST":
        post, user = request.POST, request.user

        def act() -> None:
            action = post.get("action", "")
            if action == "create_team":
                court = next((c for c in courts if c.pk == _id(post.get("court"), "court")), None)
                if court is None:
                    raise NotVisible(_("法院不存在。"))
                tribunal = None
                if post.get("tribunal"):
                    tribunal = Tribunal.objects.filter(
                        pk=_id(post.get("tribunal"), "tribunal"), court=court
                    ).first()
                triage_admin.create_team(
                    actor=user, court=court, tribunal=tribunal, name=post.get("name", ""),
                    members=[int(m) for m in post.getlist("members") if m.isdigit()],
                )  # fmt: skip
            elif action == "toggle_team":
                team_id = _id(post.get("team"), "team")
                team = next((t for t in triage_admin.teams_for(user) if t.pk == team_id), None)
                if team is None:
                    raise NotVisible(_("速裁团队不存在。"))
                triage_admin.update_team(actor=user, team=team, active=not team.active)
            elif action == "load_wage":
                effective = optional_date(post.get("effective_from"), "effective_from")
                triage_admin.load_wage_figure(
                    actor=user, province=post.get("province", ""),
                    wage_year=_id(post.get("wage_year"), "wage_year"),
                    average_wage=post.get("average_wage", ""),
                    small_claims_limit=post.get("small_claims_limit") or None,
                    agreed_limit=post.get("agreed_limit") or None,
                    effective_from=effective,  # type: ignore[arg-type]
                    source=post.get("source", ""),
                )  # fmt: skip
            else:
                raise FieldError({"action": _("未知的操作。")})

        errors = form_errors(act, FIELD_LABELS)
        if not errors:
            messages.success(request, done(post.get("action", "")))
            return redirect("cases:triage-admin")
    judges = {c.pk: list(holders(Role.JUDGE, court=c.pk)) for c in courts}
    response = render(
        request,
        "cases/triage_admin.html",
        {
            "courts": [(c, judges[c.pk], c.tribunals.all()) for c in courts],
            "teams": triage_admin.teams_for(request.user),
            "figures": selectors.restrict(WageFigure.objects.all(), request.user, "view"),
            "errors": errors,
        },
    )
    if errors:
        response.status_code = 400
    return response
