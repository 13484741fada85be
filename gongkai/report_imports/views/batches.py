"""Importing many report files at once: the upload page, the batch's progress, the user's batches."""

from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.bodies.models import Body
from gongkai.report_format.read import SUPPORTED_TEXT
from gongkai.report_imports.access import reports_for_user
from gongkai.report_imports.actions.batches import (
    MAX_ENTRIES,
    MAX_TOTAL_BYTES,
    BatchError,
    allowed_bodies,
    batches_for_user,
    create_batch,
)
from gongkai.report_imports.models.batches import ImportBatch, ImportBatchFile
from gongkai.report_imports.queries.waiting import waiting_notice
from gongkai.report_imports.tasks.batches import enqueue_batch
from gongkai.web.auth import AuthedRequest


class BatchForm(forms.Form):
    body = forms.ModelChoiceField(
        label="所属机关",
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={"required": "请选择所属机关。", "invalid_choice": "请选择您可以导入报告的机关。"},
    )

    def __init__(self, *args, bodies, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = bodies
        first = bodies.first()
        if first is not None:
            self.fields["body"].initial = first.pk


@require_http_methods(["GET", "POST"])
@login_required
def batch_new(request: AuthedRequest) -> HttpResponse:
    bodies = allowed_bodies(request.user)
    if request.method == "GET":
        return _new_page(request, BatchForm(bodies=bodies))
    form = BatchForm(request.POST, bodies=bodies)
    # Parsing the body ran gongkai.web.uploads, which stops reading a file past the per-file limit.
    if getattr(request, "upload_too_large", False):
        return _new_page(
            request, form, error=f"有文件过大：单个文件上限为 {settings.GONGKAI_MAX_UPLOAD_MB} MB。"
        )
    if not form.is_valid():
        return _new_page(request, form)
    uploads = request.FILES.getlist("files")
    if not uploads:
        return _new_page(request, form, error="请选择要导入的报告文件或 zip 压缩包。")
    try:
        batch = create_batch(actor=request.user, body=form.cleaned_data["body"], uploads=uploads)
    except BatchError as e:
        return _new_page(request, form, error=e.message)
    transaction.on_commit(lambda: enqueue_batch(batch.pk))
    return redirect("reports:batch_detail", pk=batch.pk)


def _new_page(request: AuthedRequest, form: BatchForm, *, error: str = "") -> HttpResponse:
    context = {
        "form": form,
        "error": error,
        "has_bodies": cast(forms.ModelChoiceField, form.fields["body"]).queryset.exists(),  # type: ignore[union-attr]
        "supported": SUPPORTED_TEXT,
        "max_file_mb": settings.GONGKAI_MAX_UPLOAD_MB,
        "max_total_mb": MAX_TOTAL_BYTES // 1024 // 1024,
        "max_entries": MAX_ENTRIES,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/batch_new.html", context, status=status)


def progress_stages(batch: ImportBatch) -> list[dict[str, object]]:
    """The files of the batch by stage, counted now (the workers change them while one watches):
    waiting in the queue, being read, imported, failed — each with its share of the bar."""
    S = ImportBatchFile.Status
    counts = dict(batch.files.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n"))
    total = sum(n for status, n in counts.items() if status != S.SKIPPED) or 1
    stages = [
        ("imported", "已导入", counts.get(S.IMPORTED, 0)),
        ("failed", "失败", counts.get(S.FAILED, 0)),
        ("reading", "读取中", counts.get(S.IMPORTING, 0)),
        ("queued", "排队中", counts.get(S.QUEUED, 0)),
    ]
    return [
        {"key": key, "label": label, "count": n, "percent": round(100 * n / total, 1)}
        for key, label, n in stages
    ]


@require_GET
@login_required
def batch_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        batch = batches_for_user(request.user).get(pk=pk)
    except ImportBatch.DoesNotExist:
        raise Http404("没有找到这个批量导入") from None
    files = list(batch.files.select_related("report", "report__body"))
    visible = set(
        reports_for_user(request.user)
        .filter(pk__in=[f.report_id for f in files if f.report_id])
        .values_list("pk", flat=True)
    )
    rate = None
    stages = progress_stages(batch)
    if batch.started_at and batch.done_count:
        seconds = ((batch.finished_at or timezone.now()) - batch.started_at).total_seconds()
        if seconds > 0:
            rate = batch.done_count * 60 / seconds
    context = {
        "batch": batch,
        "files": files,
        "visible": visible,
        "rate": rate,
        "stages": stages,
        "Status": ImportBatchFile.Status,
        "waiting_notice": "" if batch.finished else waiting_notice(batch.files.all()),
    }
    return render(request, "reports/batch_detail.html", context)


@require_GET
@login_required
def batch_list(request: AuthedRequest) -> HttpResponse:
    batches = batches_for_user(request.user).filter(created_by=request.user)
    return render(request, "reports/batch_list.html", {"batches": batches})
