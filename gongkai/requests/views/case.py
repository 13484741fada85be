"""The case page of one request, the small views its action forms post to, and the applicant's history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gongkai.report_workspace.forms import lock as lockforms
from gongkai.requests.access import get_request_for_staff, requests_for_staff
from gongkai.requests.actions import cases as actions
from gongkai.requests.actions.cases import RequestError
from gongkai.requests.documents import letters
from gongkai.requests.forms.case import DeliveryForm, available_actions, find_action
from gongkai.requests.models import Applicant, Request
from gongkai.requests.models.letters import LetterKind
from gongkai.requests.queries.history import duplicates_of, monthly_counts
from gongkai.requests.rules import deadlines
from gongkai.requests.rules.identity import mask_id, mask_name, mask_phone
from gongkai.requests.rules.similarity import mass_request_signal
from gongkai.requests.rules.states import Status, TransitionError
from gongkai.requests.views.listing import urgency
from gongkai.web.auth import AuthedRequest

ERRORS = (RequestError, TransitionError, PermissionDenied, letters.LetterError)


def error_message(e: Exception) -> str:
    return getattr(e, "message", None) or str(e) or "操作未能完成"


@require_GET
@login_required
def request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    r = get_request_for_staff(request.user, pk)
    return _case_page(request, r)


def _case_page(
    request: AuthedRequest,
    r: Request,
    *,
    failed: str = "",
    bound=None,
    status: int = 200,
) -> HttpResponse:
    calendar = actions.calendar()
    d = deadlines.compute(r.received_on, actions.facts(r), calendar)
    forms = [
        (a, bound if (bound is not None and a.name == failed) else a.make_form(r))
        for a in available_actions(r)
    ]
    status_labels = dict(Status.choices)
    events = [
        (e, status_labels.get(e.from_status, ""), status_labels.get(e.to_status, ""))
        for e in r.events.select_related("actor").order_by("at", "pk")
    ]
    context = {
        "r": r,
        "applicant": r.applicant,
        "masked": _masked(r.applicant, name=r.submitted_name),
        "record_name": _masked(r.applicant)["name"],
        "contact_labels": CONTACT_LABELS,
        "deadline": d,
        "urgency": urgency(r, timezone.localdate(), calendar),
        "items": r.items.all(),
        "duplicates": [] if r.is_concluded else duplicates_of(r),
        "events": events,
        "action_forms": forms,
        # one delivery form per letter, each with its own element ids (the posted names stay "delivery-…")
        "letters": [
            (
                letter,
                None
                if letter.delivered_on
                else DeliveryForm(prefix="delivery", auto_id=f"id_%s_{letter.pk}"),
            )
            for letter in r.letters.all()
        ],
        "undelivered": r.letters.filter(delivered_on__isnull=True).exists(),
        # a delivery refused by the year lock: that letter's form asks for the 更正理由
        "correct_letter": request.GET.get("correct", ""),
        "letter_kinds": [(k, LetterKind(k).label) for k in letters.available_kinds(r)],
        "letter_missing": [
            (LetterKind(k).label, missing)
            for k in letters.available_kinds(r)
            if (missing := letters.missing_settings(r.body, k, r.outcome if k == LetterKind.REPLY else ""))
        ],
        "history_count": Request.objects.filter(body=r.body, applicant=r.applicant).count(),
    }
    return render(request, "requests/request_detail.html", context, status=status)


# The contact details an application states, in the order of the form.
CONTACT_LABELS = {
    "contact_person": "联系人",
    "phone": "联系电话",
    "email": "电子邮箱",
    "address": "通信地址",
    "postcode": "邮政编码",
}


def _masked(a: Applicant, *, name: str = "") -> dict[str, str]:
    name = name or a.name
    return {
        "name": mask_name(name) if a.kind == "natural_person" else name,
        "id_number": mask_id(a.id_number) if a.id_number else "",
        "credit_code": a.credit_code,
        "phone": mask_phone(a.phone) if a.phone else "",
    }


@require_POST
@login_required
def case_action(request: AuthedRequest, pk: int, name: str) -> HttpResponse:
    """Parse the action's form, call its function in actions.py, redirect (or show the refusal)."""
    r = get_request_for_staff(request.user, pk)
    action = find_action(r, name)
    if action is None:
        messages.error(request, f"申请当前状态为“{r.get_status_display()}”，不能进行该操作。")
        return redirect("requests:detail", pk=r.pk)
    form = action.make_form(r, request.POST)
    if not form.is_valid():
        return _case_page(request, r, failed=name, bound=form, status=400)
    try:
        with lockforms.allowing_form(form, what=f"依申请公开{r.number}：{action.label}"):
            action.run(r, request.user, form)
    except ERRORS as e:
        form.add_error(None, error_message(e))
        lockforms.offer_override(form, e, request.user, r.body, staff_may_correct=True)
        return _case_page(request, r, failed=name, bound=form, status=400)
    messages.success(request, f"已{action.label}。")
    return redirect("requests:detail", pk=r.pk)


@require_GET
@login_required
def applicant_history(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every request of one applicant at this body: the facts a 第三十五条 judgement needs."""
    r = get_request_for_staff(request.user, pk)
    history = requests_for_staff(request.user).filter(body=r.body, applicant=r.applicant)
    if not history.exists():
        raise Http404("没有找到该申请人的申请")
    counts = monthly_counts(r)
    context = {
        "r": r,
        "masked": _masked(r.applicant),
        "history": history.order_by("-arrived_on", "-pk"),
        "counts": sorted(counts.items()),
        "mass_signal": mass_request_signal(counts),
    }
    return render(request, "requests/applicant_history.html", context)
