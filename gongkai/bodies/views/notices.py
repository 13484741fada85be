"""My notices (通知): newest first, unread marked, read one or all; and the nav badge's count."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from gongkai.bodies.access import bodies_for_user
from gongkai.bodies.actions.notices import mark_all_read, mark_read
from gongkai.bodies.queries.notices import notices_for, unread_count
from gongkai.web.auth import AuthedRequest

PAGE_LIMIT = 200


def unread_badge(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``unread_notices``, counted only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": SimpleLazyObject(lambda: unread_count(user))}


@require_GET
@login_required
def notice_list(request: AuthedRequest) -> HttpResponse:
    notices = list(notices_for(request.user)[:PAGE_LIMIT])
    # A link only where the user still works for the body the notice is about (staff move on).
    mine = set(bodies_for_user(request.user).values_list("pk", flat=True))
    rows = [(n, bool(n.link) and (n.body_id is None or n.body_id in mine)) for n in notices]
    context = {"rows": rows, "unread": unread_count(request.user), "limit": PAGE_LIMIT}
    return render(request, "bodies/notices.html", context)


@require_POST
@login_required
def notice_read(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark one read; with ``next`` (the notice's own link) go on to it."""
    notice = mark_read(request.user, pk)
    target = request.POST.get("next", "")
    if target and target == notice.link and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("bodies:notices")


@require_POST
@login_required
def notice_read_all(request: AuthedRequest) -> HttpResponse:
    mark_all_read(request.user)
    return redirect("bodies:notices")
