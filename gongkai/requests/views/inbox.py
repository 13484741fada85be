"""The staff member's notification inbox: newest first, unread marked, read one or all (POST)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User as AuthUser
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gongkai.requests.access import handling_bodies
from gongkai.requests.models.notifications import Notification
from gongkai.web.auth import AuthedRequest

INBOX_LIMIT = 200
User = AuthUser  # the pages are behind login_required


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user: User, pk: int) -> Notification:
    """Mark one of the user's own notifications read (once: the first reading time is kept)."""
    try:
        n = Notification.objects.get(pk=pk, user_id=user.pk)
    except Notification.DoesNotExist:
        raise Http404("没有找到这条通知") from None
    if n.read_at is None:
        n.read_at = timezone.now()
        n.save(update_fields=["read_at"])
    return n


def mark_all_read(user: User) -> int:
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).update(read_at=timezone.now())


@require_GET
@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    notes = list(
        Notification.objects.filter(user=request.user).select_related("request", "request__body")[
            :INBOX_LIMIT
        ]
    )
    # A link only to cases the user still handles (staff may have moved on since the reminder).
    handled = set(handling_bodies(request.user).values_list("pk", flat=True))
    rows = [(n, n.request is not None and n.request.body_id in handled) for n in notes]
    context = {"rows": rows, "unread": unread_count(request.user), "limit": INBOX_LIMIT}
    return render(request, "requests/inbox.html", context)


@require_POST
@login_required
def inbox_read(request: AuthedRequest, pk: int) -> HttpResponse:
    mark_read(request.user, pk)
    return redirect("requests:inbox")


@require_POST
@login_required
def inbox_read_all(request: AuthedRequest) -> HttpResponse:
    mark_all_read(request.user)
    return redirect("requests:inbox")
