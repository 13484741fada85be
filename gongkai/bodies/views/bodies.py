"""Pages about the bodies a person works for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.bodies.access import bodies_for_user, can_administer, get_body_for_staff, may_manage_bodies
from gongkai.bodies.models import StaffMembership
from gongkai.web.auth import AuthedRequest


@require_GET
@login_required
def body_list(request: AuthedRequest) -> HttpResponse:
    bodies = bodies_for_user(request.user).filter(ended_on=None).select_related("parent")
    roles = dict(StaffMembership.objects.filter(user=request.user).values_list("body_id", "role"))
    rows = [(body, StaffMembership.Role(roles[body.pk]).label if body.pk in roles else "") for body in bodies]
    context = {"rows": rows, "may_manage": may_manage_bodies(request.user)}
    return render(request, "bodies/body_list.html", context)


@require_GET
@login_required
def body_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    body = get_body_for_staff(request.user, pk)
    allowed = bodies_for_user(request.user)
    children = body.children.filter(pk__in=allowed, ended_on=None)
    members = body.memberships.select_related("user").order_by("role", "user__username")
    context = {
        "body": body,
        "children": children,
        "members": members,
        "may_manage": can_administer(request.user, body),
    }
    return render(request, "bodies/body_detail.html", context)
