"""Opening a 行政复议/行政诉讼 case on a request and recording its decision (the case page's remedies block)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gongkai.report_workspace.forms import lock as lockforms
from gongkai.requests.access import get_request_for_staff
from gongkai.requests.actions import remedies
from gongkai.requests.actions.remedies import RemedyError
from gongkai.requests.forms.remedies import DecideRemedyForm, OpenRemedyForm
from gongkai.requests.models import RemedyCase, Request
from gongkai.requests.views.case import error_message
from gongkai.web.auth import AuthedRequest

ERRORS = (RemedyError, PermissionDenied)


def _back(r: Request) -> HttpResponse:
    return redirect(reverse("requests:detail", args=[r.pk]) + "#remedies")


@require_http_methods(["GET", "POST"])
@login_required
def remedy_open(request: AuthedRequest, pk: int) -> HttpResponse:
    r = get_request_for_staff(request.user, pk)
    form = OpenRemedyForm(r, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            with lockforms.allowing_form(form, what=f"依申请公开{r.number}：登记行政复议、行政诉讼案件"):
                case = remedies.open_remedy(actor=request.user, request=r, **form.action_kwargs())
        except ERRORS as e:
            form.add_error(None, error_message(e))
            lockforms.offer_override(form, e, request.user, r.body, staff_may_correct=True)
        else:
            messages.success(request, f"已登记{case.get_kind_display()}案件。")
            return _back(r)
    context = {"r": r, "form": form, "title": "登记行政复议、行政诉讼案件", "case": None}
    return render(request, "requests/remedy_form.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@login_required
def remedy_decide(request: AuthedRequest, pk: int, case_pk: int) -> HttpResponse:
    r = get_request_for_staff(request.user, pk)
    try:
        case = r.remedies.get(pk=case_pk)
    except RemedyCase.DoesNotExist:
        raise Http404("没有找到这件案件") from None
    form = DecideRemedyForm(case, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            with lockforms.allowing_form(form, what=f"依申请公开{r.number}：记录{case}审结"):
                case = remedies.decide_remedy(
                    actor=request.user,
                    case=case,
                    outcome=form.cleaned_data["outcome"],
                    decided_on=form.cleaned_data["decided_on"],
                )
        except ERRORS as e:
            form.add_error(None, error_message(e))
            lockforms.offer_override(form, e, request.user, r.body, staff_may_correct=True)
        else:
            messages.success(request, f"已记录{case.get_kind_display()}审结：{case.get_outcome_display()}。")
            return _back(r)
    context = {"r": r, "form": form, "title": f"记录审结：{case}", "case": case}
    return render(request, "requests/remedy_form.html", context, status=400 if form.is_bound else 200)
