"""Staff intake: register a request received by any channel, then see its code and likely repeats."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.bodies.models import Body
from gongkai.report_workspace.forms import lock as lockforms
from gongkai.requests.access import get_request_for_staff, handling_bodies
from gongkai.requests.actions.cases import RequestError
from gongkai.requests.forms.intake import StaffIntakeForm, register_from_form
from gongkai.requests.queries.history import duplicates_of, monthly_counts
from gongkai.requests.rules.similarity import mass_request_signal
from gongkai.web.auth import AuthedRequest

_CODE_KEY = "gongkai_tracking_code_{}"


@require_http_methods(["GET", "POST"])
@login_required
def request_new(request: AuthedRequest) -> HttpResponse:
    bodies = list(handling_bodies(request.user))
    if not bodies:
        raise PermissionDenied("您还没有加入任何受理机关，不能登记申请")
    form = StaffIntakeForm(request.POST or None)
    body = _chosen_body(request, bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with lockforms.allowing_form(form, what="登记依申请公开申请"):
                registered = register_from_form(
                    form,
                    actor=request.user,
                    body=body,
                    channel=data["channel"],
                    arrived_on=data["arrived_on"],
                    received_on=data.get("received_on"),
                )
        except (RequestError, PermissionDenied) as e:
            form.add_error(None, getattr(e, "message", None) or str(e))
            lockforms.offer_override(form, e, request.user, body)
        else:
            request.session[_CODE_KEY.format(registered.request.pk)] = registered.tracking_code
            return redirect("requests:registered", pk=registered.request.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "bodies": bodies, "body": body}
    return render(request, "requests/request_new.html", context, status=status)


def _chosen_body(request: AuthedRequest, bodies: list[Body]) -> Body:
    wanted = request.POST.get("body") or request.GET.get("body") or ""
    return next((b for b in bodies if str(b.pk) == wanted), bodies[0])


@require_GET
@login_required
def request_registered(request: AuthedRequest, pk: int) -> HttpResponse:
    """Shown once after intake: the tracking code, likely duplicates, the applicant's monthly count."""
    r = get_request_for_staff(request.user, pk)
    code = request.session.pop(_CODE_KEY.format(r.pk), None)
    counts = monthly_counts(r)
    context = {
        "r": r,
        "code": code,
        "duplicates": duplicates_of(r),
        "counts": sorted(counts.items()),
        "mass_signal": mass_request_signal(counts),
    }
    return render(request, "requests/request_registered.html", context)
