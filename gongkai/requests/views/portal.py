"""The public portal: apply online without an account, and follow a request with number and code.

Both forms are throttled per client address in the shared throttle cache (gongkai/web/throttle.py):
GONGKAI_APPLY_RATE submissions, GONGKAI_TRACK_FAILURE_RATE wrong number/code pairs; over that, HTTP 429.
The count never belongs to a request number, so a stranger's wrong codes cannot lock an applicant out."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.bodies.models import Body
from gongkai.requests.actions.cases import RequestError
from gongkai.requests.actions.receipts import mail_application_receipt
from gongkai.requests.forms.intake import ApplicationForm, register_from_form
from gongkai.requests.forms.portal import TrackForm
from gongkai.requests.models import Channel, Request
from gongkai.requests.models.letters import Letter, LetterKind
from gongkai.requests.queries import accepting
from gongkai.requests.views.letters import docx_response
from gongkai.web import throttle

TOO_MANY_APPLICATIONS = "您提交申请过于频繁，请一小时后再试；如需提交多份申请，请联系受理机关。"
TOO_MANY_TRACKS = "查询失败次数过多，请一小时后再试。"
_SESSION_TRACKED = "gongkai_tracked_requests"
_SESSION_DONE = "gongkai_submitted"


@require_GET
def apply_index(request: HttpRequest) -> HttpResponse:
    """Every body that accepts applications, in its tree; a name search once there are many."""
    query = " ".join(request.GET.get("q", "").split())[:50]
    total = accepting.count_accepting()
    context = {
        "query": query,
        "total": total,
        "searchable": total > accepting.SEARCH_FROM or bool(query),
        "groups": [] if query else accepting.accepting_tree(),
        "found": accepting.search_accepting(query) if query else None,
    }
    return render(request, "requests/portal_apply_index.html", context)


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_pk)
    if not accepting.accepts_applications(body):
        context = {"body": body, "successor": body.merged_into}
        return render(request, "requests/portal_apply_closed.html", context, status=410)
    if request.method == "POST":
        rate = throttle.apply_rate()
        if throttle.exceeded("apply", request, rate):
            return throttle.too_many(request, TOO_MANY_APPLICATIONS)
        throttle.hit("apply", request, rate)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registered = register_from_form(
                form, actor=None, body=body, channel=Channel.ONLINE, arrived_on=timezone.localdate()
            )
        except RequestError as e:
            form.add_error(None, e.message)
        else:
            r = registered.request
            mailed = mail_application_receipt(r, request.build_absolute_uri(reverse("portal:track")))
            request.session[_SESSION_DONE] = {
                "pk": r.pk,
                "number": r.number,
                "code": registered.tracking_code,
                "mailed": mailed,
            }
            _remember(request, r.pk)
            return redirect("portal:applied", body_pk=body.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "requests/portal_apply.html", {"body": body, "form": form}, status=status)


@require_GET
def applied(request: HttpRequest, body_pk: int) -> HttpResponse:
    """The number and tracking code, shown once."""
    body = get_object_or_404(Body, pk=body_pk)
    done = request.session.pop(_SESSION_DONE, None)
    if done is None:
        return redirect("portal:track")
    return render(request, "requests/portal_applied.html", {"body": body, "done": done})


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    rate = throttle.track_failure_rate()
    if request.method == "POST" and throttle.exceeded("track", request, rate):
        return throttle.too_many(request, TOO_MANY_TRACKS)
    if request.method == "POST" and form.is_valid():
        year, seq = form.cleaned_data["number"]
        found = next(
            (
                r
                for r in Request.objects.filter(year=year, seq=seq)
                if r.check_tracking_code(form.cleaned_data["code"])
            ),
            None,
        )
        if found is not None:
            _remember(request, found.pk)
            return redirect("portal:status", pk=found.pk)
        throttle.hit("track", request, rate)
        form.add_error(None, "申请编号或查询码不正确，请核对后重新输入。")
    status = 400 if form.errors else 200
    return render(request, "requests/portal_track.html", {"form": form}, status=status)


def _remember(request: HttpRequest, pk: int) -> None:
    tracked = set(request.session.get(_SESSION_TRACKED, []))
    tracked.add(pk)
    request.session[_SESSION_TRACKED] = sorted(tracked)


def _tracked(request: HttpRequest, pk: int) -> Request:
    if pk not in request.session.get(_SESSION_TRACKED, []):
        raise Http404("请先输入申请编号和查询码")
    return get_object_or_404(Request.objects.select_related("body"), pk=pk)


@require_GET
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """Status, key dates and the letters already delivered: nothing else personal."""
    r = _tracked(request, pk)
    delivered = _applicants_letters(r)
    return render(request, "requests/portal_status.html", {"r": r, "letters": delivered})


@require_GET
def letter_download(request: HttpRequest, pk: int, letter_pk: int) -> FileResponse:
    r = _tracked(request, pk)
    return docx_response(get_object_or_404(_applicants_letters(r), pk=letter_pk))


def _applicants_letters(r: Request) -> QuerySet[Letter]:
    """Letters delivered to the applicant (the 征求第三方意见书 went to someone else)."""
    return r.letters.filter(delivered_on__isnull=False).exclude(kind=LetterKind.CONSULTATION)
