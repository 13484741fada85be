"""A single import on the queue: its status page (which refreshes itself until a worker has read it)
and the uploader's decision on a report whose title names another body."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gongkai.bodies.access import bodies_for_user
from gongkai.report_format import Report
from gongkai.report_imports.access import get_upload_for_user
from gongkai.report_imports.actions.uploads import UploadGone, cancel_upload, confirm_upload, held_until
from gongkai.report_imports.forms.imports import ImportForm
from gongkai.report_imports.models import ImportBatchFile
from gongkai.report_imports.queries.uploads import OPEN
from gongkai.report_imports.queries.waiting import UNREACHABLE, queue_unreachable
from gongkai.web.auth import AuthedRequest

S = ImportBatchFile.Status
# The status page reloads itself this often while the import waits for a worker or is being read.
REFRESH_SECONDS = 1
# Waiting this long for a worker is not normal (one takes an upload within a second): say so.
STALLED_SECONDS = 30


def _elapsed(item: ImportBatchFile) -> int:
    end = item.batch.finished_at if item.status not in OPEN else None
    return max(0, int(((end or timezone.now()) - item.batch.created_at).total_seconds()))


@require_GET
@login_required
def upload_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """Where the import is: 排队中, 读取中, 待确认, failed (why) or cancelled; once filed, its report."""
    item = get_upload_for_user(request.user, pk)
    if item.status == S.IMPORTED and item.report_id:
        return redirect("reports:detail", pk=item.report_id)
    held = Report.from_json(item.held["report"]) if item.status == S.AWAITING and item.held else None
    form = None
    if item.status in (S.FAILED, S.CANCELLED):
        form = ImportForm(bodies=bodies_for_user(request.user), initial={"body": item.batch.body_id})
    context = {
        "item": item,
        "batch": item.batch,
        "Status": S,
        "running": item.status in (S.QUEUED, S.IMPORTING),
        "refresh": REFRESH_SECONDS,
        "elapsed": _elapsed(item),
        "stalled": item.status == S.QUEUED and _elapsed(item) > STALLED_SECONDS,
        "unreachable": UNREACHABLE
        if item.status == S.QUEUED and queue_unreachable(ImportBatchFile.objects.filter(pk=item.pk))
        else "",
        "held_report": held,
        "held_until": held_until(item) if held else None,
        "warnings": (item.held or {}).get("warnings", []),
        "is_uploader": item.batch.created_by_id == request.user.pk,
        "form": form,
    }
    return render(request, "reports/upload_status.html", context)


@require_GET
@login_required
def upload_status_json(request: AuthedRequest, pk: int) -> JsonResponse:
    """The import's state for the status page's script: it moves on as soon as the worker is done."""
    item = get_upload_for_user(request.user, pk)
    return JsonResponse(
        {
            "status": item.status,
            "label": item.get_status_display(),
            "elapsed": _elapsed(item),
            "running": item.status in (S.QUEUED, S.IMPORTING),
            "url": reverse("reports:import_status", args=[pk]),
        }
    )


@require_POST
@login_required
def upload_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    """The uploader files a held report (action=confirm) or drops the import (anything else)."""
    item = get_upload_for_user(request.user, pk)
    try:
        if request.POST.get("action") == "confirm":
            imported = confirm_upload(actor=request.user, item=item)
            return redirect("reports:detail", pk=imported.pk)
        cancel_upload(actor=request.user, item=item)
    except UploadGone as e:
        messages.error(request, e.message)
        return redirect("reports:import_status", pk=pk)
    messages.info(request, "已取消，报告没有导入。")
    return redirect("reports:import")
