"""The home page: a signed-in person's work (待办) from every app; the site's introduction otherwise."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.bodies.models import StaffMembership
from gongkai.home.queries.sections import sections_for
from gongkai.requests.access import handling_bodies


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return render(request, "home.html")
    sections = sections_for(user)
    memberships = StaffMembership.objects.filter(user=user).select_related("body").order_by("body__name")
    context = {
        "sections": sections,
        "total": sum(s.total for s in sections),
        "memberships": list(memberships),
        "handles_requests": handling_bodies(user).exists(),
    }
    return render(request, "home/home.html", context)
