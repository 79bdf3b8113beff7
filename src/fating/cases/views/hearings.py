"""Pages of hearings: a participant's join link."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fating.cases import selectors
from fating.cases.models import HearingParticipant
from fating.core.exceptions import NotVisible
from fating.core.http import page_view


@login_required
@page_view
def join_hearing(request: HttpRequest, token: str) -> HttpResponse:
    participant = (
        HearingParticipant.objects.select_related("hearing__case", "party")
        .filter(join_token=token)
        .first()
    )
    if participant is None:
        raise Http404
    hearing = participant.hearing
    own = participant.party is not None and participant.party.user_id == request.user.pk
    if not (own or selectors.can_manage_case(request.user, hearing.case)):
        raise NotVisible(_("开庭安排不存在。"))
    return render(request, "cases/join.html", {"participant": participant, "hearing": hearing})
