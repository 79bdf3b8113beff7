"""Pages of the group chat: my rooms, open a matter's room, the (phone-first) room page. The
room page is a shell: static/conversations/room.js loads and posts through the REST API and
receives live messages over the WebSocket, falling back to polling."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fating.conversations import rules, selectors, services
from fating.core.http import page_view


@login_required
@page_view
def room_list(request: HttpRequest) -> HttpResponse:
    rooms = [{"room": r, "member": m, "unread": u} for r, m, u in selectors.rooms_for(request.user)]
    return render(request, "conversations/list.html", {"rooms": rooms})


@login_required
@require_POST
@page_view
def open_room(request: HttpRequest, matter_type: str, matter_id: int) -> HttpResponse:
    matter = selectors.matter_for(request.user, matter_type, matter_id)
    room = services.open_room(actor=request.user, matter=matter)
    return redirect("conversations:room", pk=room.pk)


@login_required
@page_view
def room(request: HttpRequest, pk: int) -> HttpResponse:
    room, member = selectors.room_for(request.user, pk)
    context = {
        "room": room, "member": member, "can_speak": rules.can_speak(member.role),
        "can_manage": rules.can_manage(member.role),
        "sees_detail": rules.sees_technical_detail(member.role),
        "acts_for_side": rules.acts_for_side(member.role, member.side),
        "messages_initial": selectors.latest_messages(room),
        # Times are the court's (settings.TIME_ZONE), on the page and in room.js, never the
        # device's: a villager's phone set to another zone must read the hearing's clock.
        "court_zone": settings.TIME_ZONE,
    }  # fmt: skip
    return render(request, "conversations/room.html", context)
