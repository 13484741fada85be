"""Import, list, show and download annual reports. Each view looks its objects up through access.py."""

from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.bodies.access import bodies_for_user, get_body_for_staff
from gongkai.report_format.layout import NARRATIVE_TITLES
from gongkai.report_format.provenance import STATUS_LABELS, STATUSES, open_rows, status_counts, to_confirm
from gongkai.report_format.render.findings import SEVERITY_LABELS
from gongkai.report_format.render.grid import format_number
from gongkai.report_format.render.html import render_tables_html
from gongkai.report_imports.access import get_report_for_staff, reports_for_user
from gongkai.report_imports.actions.imports import can_decide_portal, show_on_portal, withdraw_from_portal
from gongkai.report_imports.actions.uploads import queue_upload
from gongkai.report_imports.documents.downloads import (
    FORMAT_LABELS,
    FORMATS,
    download_filename,
    render_download,
)
from gongkai.report_imports.forms.imports import ImportForm
from gongkai.report_imports.models import ImportBatchFile, ImportedReport
from gongkai.report_imports.queries.notices import report_notices
from gongkai.report_imports.queries.uploads import open_uploads, wait_until_settled
from gongkai.report_imports.tasks.batches import enqueue_batch
from gongkai.web.auth import AuthedRequest
from gongkai.web.downloads import content_disposition


@require_GET
@login_required
def report_list(request: AuthedRequest) -> HttpResponse:
    reports = reports_for_user(request.user)
    body = None
    if body_pk := request.GET.get("body", "").strip():
        if not body_pk.isdigit():
            raise Http404("没有找到这个机关")
        body = get_body_for_staff(request.user, int(body_pk))
        reports = reports.filter(body=body)
    return render(request, "reports/report_list.html", {"reports": reports, "body": body})


@require_http_methods(["GET", "POST"])
@login_required
def report_import(request: AuthedRequest) -> HttpResponse:
    """The form; a POST queues the report for a worker, waits a moment for it (a quick text file goes
    straight to its result) and otherwise sends the uploader to the import's status page."""
    bodies = bodies_for_user(request.user)
    if request.method == "GET":
        return _import_page(request, ImportForm(bodies=bodies))

    post, files = request.POST, request.FILES
    # Parsing the body (above) ran gongkai.web.uploads, which stops reading a file past the limit.
    too_large = getattr(request, "upload_too_large", False)
    form = ImportForm(post, files, bodies=bodies, upload_too_large=too_large)
    if not form.is_valid():
        return _import_page(request, form, status=400)

    data, filename, pasted = form.payload()
    item = queue_upload(
        actor=request.user, body=form.cleaned_data["body"], data=data, filename=filename, pasted=pasted
    )
    transaction.on_commit(lambda: enqueue_batch(item.batch_id))
    status = wait_until_settled(item.pk, settings.GONGKAI_IMPORT_WAIT_MS / 1000)
    if status == ImportBatchFile.Status.IMPORTED:
        item.refresh_from_db()
        return redirect("reports:detail", pk=item.report_id)
    if status == ImportBatchFile.Status.FAILED:
        item.refresh_from_db()
        return _import_page(request, form, read_error=item.message, status=400)
    return redirect("reports:import_status", pk=item.batch_id)


def _import_page(
    request: AuthedRequest, form: ImportForm, *, read_error: str | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "read_error": read_error,
        "has_bodies": cast(forms.ModelChoiceField, form.fields["body"]).queryset.exists(),  # type: ignore[union-attr]
        "open_uploads": open_uploads(request.user),
    }
    return render(request, "reports/report_import.html", context, status=status)


@require_GET
@login_required
def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail_page(request, get_report_for_staff(request.user, pk))


def _detail_page(
    request: AuthedRequest, imported: ImportedReport, *, portal_error: str = "", status: int = 200
) -> HttpResponse:
    report = imported.report()
    findings = [
        {
            "code": f.code,
            "level": f.level,
            "level_label": SEVERITY_LABELS[f.level],
            "message": f.message,
            "cells": [c.label for c in f.cells],
        }
        for f in report.findings
    ]
    context = {
        "imported": imported,
        "report": report,
        "notices": report_notices(imported.body, imported.year) if imported.year else [],
        # The renderer escapes every text it writes, so its output is safe as HTML.
        "tables_html": mark_safe(render_tables_html(report)),
        "findings": findings,
        "how_read": [
            (STATUS_LABELS[s], n, s) for s, n in status_counts(report).items() if n and s in STATUSES
        ],
        "open_rows": [
            {"row": name, "text": text, "readings": ["、".join(map(format_number, r)) for r in readings]}  # type: ignore[arg-type]
            for name, text, readings in open_rows(report)
        ],
        "to_confirm": [
            {
                "cell": cell.label,
                "status": STATUS_LABELS[status],
                "value": format_number(report.values.get(cell)),
            }
            for cell, status in to_confirm(report)
        ],
        "portal_error": portal_error,
        "may_portal": can_decide_portal(request.user, imported.body_id),
        "formats": [(fmt, FORMAT_LABELS[fmt]) for fmt in FORMATS],
        "sections": [
            (title, report.narrative.sections[key])
            for key, title in NARRATIVE_TITLES.items()
            if report.narrative.sections.get(key)
        ],
    }
    return render(request, "reports/report_detail.html", context, status=status)


@require_POST
@login_required
def report_portal(request: AuthedRequest, pk: int) -> HttpResponse:
    """Put the report on the public portal, or take it off (a leader's or administrator's decision)."""
    imported = get_report_for_staff(request.user, pk)
    change = show_on_portal if request.POST.get("action") == "show" else withdraw_from_portal
    try:
        change(actor=request.user, imported=imported)
    except (PermissionDenied, ValueError) as e:
        status = 403 if isinstance(e, PermissionDenied) else 400
        return _detail_page(request, imported, portal_error=str(e), status=status)
    return redirect("reports:detail", pk=pk)


@require_GET
@login_required
def report_download(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    imported = get_report_for_staff(request.user, pk)
    if fmt not in FORMATS:
        raise Http404("不支持这种格式")
    content, content_type = render_download(imported, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        download_filename(imported, fmt), fallback=f"gongkai-report-{imported.pk}.{fmt}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
