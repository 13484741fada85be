"""The workspace pages. Thin: every object is looked up through access.py, every change is an action."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.bodies.access import bodies_for_user, get_body_for_staff
from gongkai.disclosure.access import role_in
from gongkai.prepared.access import public_file
from gongkai.prepared.models import PreparedFile
from gongkai.prepared.tasks.produce import prepare
from gongkai.prepared.views.files import serve
from gongkai.report_format import ReportReadError
from gongkai.report_format.layout import (
    ALL_CELLS,
    CELLS_BY_PATH,
    NARRATIVE_SECTIONS,
    NARRATIVE_TITLES,
)
from gongkai.report_format.render.findings import SEVERITY_LABELS
from gongkai.report_format.render.grid import format_number
from gongkai.report_format.render.html import render_tables_html
from gongkai.report_imports.actions import pending
from gongkai.report_imports.actions.imports import IdentityMismatch
from gongkai.report_imports.queries.notices import report_notices
from gongkai.report_workspace.access import NOT_COMPILING, get_annual_for_staff, may_compile, reports_for_user
from gongkai.report_workspace.actions import reports as actions
from gongkai.report_workspace.actions.lock import (
    YearLocked,
    changes_after_publication,
    grant_change,
    is_leader,
)
from gongkai.report_workspace.documents import prepared as prepared_pdf
from gongkai.report_workspace.documents.export import FORMAT_LABELS, ExportError
from gongkai.report_workspace.documents.export import render as render_export
from gongkai.report_workspace.models import AnnualReport, ReportEvent, SourceKind, Status, WorkEntry
from gongkai.report_workspace.queries.checking import due_date
from gongkai.report_workspace.queries.deadlines import reminders
from gongkai.report_workspace.queries.freeze import frozen_by
from gongkai.report_workspace.queries.series import outcome_totals, remedy_totals, series
from gongkai.report_workspace.queries.versions import diff_versions
from gongkai.report_workspace.rules.facts import OUTCOME_GROUPS
from gongkai.report_workspace.rules.publishing import APPROVAL_LABELS, Approval, publication_refusal
from gongkai.report_workspace.views.charts import figure
from gongkai.supervision.queries.summary_changes import summary_changes
from gongkai.web.auth import AuthedRequest

SOURCE_LABELS = dict(SourceKind.choices)
# The public PDF: its waiting page refreshes this often; a failure is shown this long before a retry.
PUBLIC_REFRESH_SECONDS = 3
PUBLIC_RETRY = timedelta(minutes=10)


def local_time(stamp: str) -> str:
    """A stored ISO 8601 instant (``2026-12-07T08:30:00+00:00``) as people read it: Beijing time,
    ``2026-12-07 16:30``; what cannot be read is shown as it is."""
    try:
        at = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if timezone.is_naive(at):
        return stamp
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M")


# The events of the approval chain shown on the report and the 签发 page (who, when, comment).
CHAIN_EVENT_KINDS = ("submitted", "reviewed", "sent_back", "approval_reset", "published", "withdrawn")
CHAIN_EVENT_LABELS = {
    "submitted": "提交审核",
    "reviewed": "审核通过",
    "sent_back": "退回",
    "approval_reset": "审批中修改，退回编制中",
    "published": "签发发布",
    "withdrawn": "撤回",
}


@require_GET
@login_required
def workspace_list(request: AuthedRequest) -> HttpResponse:
    if not may_compile(request.user):
        raise PermissionDenied(NOT_COMPILING)
    bodies = list(bodies_for_user(request.user))
    today = timezone.localdate()
    context = {
        "reports": reports_for_user(request.user),
        "bodies": bodies,
        "reminders": reminders(bodies, today),
        "default_year": today.year - 1,
    }
    return render(request, "yearbook/list.html", context)


@require_POST
@login_required
def compile_view(request: AuthedRequest) -> HttpResponse:
    body = get_body_for_staff(request.user, _int(request.POST.get("body")))
    try:
        annual = actions.compile_report(actor=request.user, body=body, year=_int(request.POST.get("year")))
    except actions.YearbookError as e:
        messages.error(request, e.message)
        return redirect("yearbook:list")
    messages.success(request, f"已从系统记录统计生成{annual.year}年度报告草稿（第{annual.version}版）。")
    return redirect("yearbook:detail", pk=annual.pk)


@require_GET
@login_required
def workspace(request: AuthedRequest, pk: int) -> HttpResponse:
    annual = get_annual_for_staff(request.user, pk)
    report = annual.report()
    findings = [
        {
            "code": f.code,
            "level": f.level,
            "level_label": SEVERITY_LABELS[f.level],
            "message": f.message,
            "cells": [c.label for c in f.cells],
            "paths": [c.path for c in f.cells],
        }
        for f in report.findings
    ]
    manual = [
        {
            **src,  # by, note; kind and at as people read them:
            "path": path,
            "label": CELLS_BY_PATH[path].label,
            "value": format_number(report.values.get(CELLS_BY_PATH[path])),
            "kind": SOURCE_LABELS.get(src["kind"], src["kind"]),
            "at": local_time(src.get("at", "")),
        }
        for path, src in annual.sources.items()
        if src.get("kind") != SourceKind.COMPUTED and path in CELLS_BY_PATH
    ]
    context = {
        "annual": annual,
        "report": report,
        "tables_html": mark_safe(_mark_sources(render_tables_html(report), annual.sources)),
        "findings": findings,
        "manual": manual,
        "facts": annual.facts,
        "outcome_labels": OUTCOME_GROUPS,
        "sections": [
            (key, NARRATIVE_TITLES[key], report.narrative.sections.get(key, "")) for key in NARRATIVE_SECTIONS
        ],
        "cells": [(c.path, c.label) for c in ALL_CELLS],
        "formats": list(FORMAT_LABELS.items()),
        "due": due_date(annual.body, annual.year),
        "is_leader": is_leader(request.user, annual.body),
        "role": role_in(request.user, annual.body),
        "approval_label": APPROVAL_LABELS[annual.approval],
        "publish_refusal": publication_refusal(annual.year, timezone.localdate()),
        "chain": _chain(annual),
        "versions": annual.versions.select_related("saved_by")[:20],
        "changes": changes_after_publication(annual),
        "open_grants": annual.lock_overrides.filter(edition=annual.edition, changed_at__isnull=True),
        "publications": annual.publications.select_related("published_by", "withdrawn_by"),
        "events": annual.events.select_related("actor").order_by("-at", "-pk")[:20],
        # an area summary whose subordinates' reports changed since it was drafted (a banner)
        "summary_changes": summary_changes(request.user, annual),
        "notices": report_notices(annual.body, annual.year),
    }
    return render(request, "yearbook/workspace.html", context)


def _mark_sources(html: str, sources: dict) -> str:
    """Each cell of the tables says where its number came from (data-source, and a tooltip line)."""

    def mark(m: re.Match[str]) -> str:
        src = sources.get(m.group(1)) or {}
        kind = src.get("kind", SourceKind.COMPUTED)
        return f'{m.group(0)} data-source="{escape(kind)}"'

    return re.sub(r'data-cell="([^"]+)"', mark, html)


@require_POST
@login_required
def sections_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    annual = get_annual_for_staff(request.user, pk)
    sections = {key: request.POST[key] for key in NARRATIVE_SECTIONS if key in request.POST}
    return _run(request, annual, "正文已保存，已重新核查。", actions.edit_sections, sections=sections)


@require_POST
@login_required
def cells_enter(request: AuthedRequest, pk: int) -> HttpResponse:
    annual = get_annual_for_staff(request.user, pk)
    cell = CELLS_BY_PATH.get(request.POST.get("cell", ""))
    if cell is None:
        messages.error(request, "请选择单元格")
        return redirect("yearbook:detail", pk=pk)
    try:
        value = actions.parse_value(cell, request.POST.get("value", ""))
    except actions.YearbookError as e:
        messages.error(request, e.message)
        return redirect("yearbook:detail", pk=pk)
    return _run(
        request,
        annual,
        f"已录入{cell.label}。",
        actions.enter_cells,
        values={cell: value},
        note=request.POST.get("note", ""),
    )


@require_POST
@login_required
def cells_import(request: AuthedRequest, pk: int) -> HttpResponse:
    annual = get_annual_for_staff(request.user, pk)
    upload = request.FILES.get("file")
    if getattr(request, "upload_too_large", False):  # gongkai.web.uploads stopped reading it
        messages.error(request, f"文件过大：报告文件不能超过 {settings.GONGKAI_MAX_UPLOAD_MB} MB")
        return redirect("yearbook:detail", pk=pk)
    if upload is None:
        messages.error(request, "请选择要导入的报告文件")
        return redirect("yearbook:detail", pk=pk)
    data, filename = upload.read(), upload.name or ""
    try:
        return _run(
            request, annual, "已导入报告中的数值。", actions.import_cells, data=data, filename=filename
        )
    except IdentityMismatch as e:
        token = pending.hold(
            request.user, data=data, filename=filename, pasted=False, body_id=annual.body_id, report=e.report
        )
        context = {
            "annual": annual,
            "warnings": e.warnings,
            "token": token,
            "report": e.report,
            "filename": filename,
        }
        return render(request, "yearbook/import_confirm.html", context, status=409)


@require_POST
@login_required
def cells_import_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    """Take the numbers of a report whose title names another body or year, once confirmed."""
    annual = get_annual_for_staff(request.user, pk)
    held = pending.take(request.user, request.POST.get("token", ""))
    if held is None or held.body_id != annual.body_id:
        messages.error(request, "这份报告已经处理过或已过期，请重新导入。")
        return redirect("yearbook:detail", pk=pk)
    if request.POST.get("action") != "confirm":
        messages.info(request, "已取消，没有导入数值。")
        return redirect("yearbook:detail", pk=pk)
    return _run(
        request,
        annual,
        "已导入报告中的数值。",
        actions.import_cells,
        data=held.data,
        filename=held.filename,
        source=held.report,
        confirmed=True,
    )


@require_POST
@login_required
def submit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """经办: submit the draft to the body's 审核人."""
    annual = get_annual_for_staff(request.user, pk)
    return _run(
        request,
        annual,
        "报告已提交审核，等待审核人审核。",
        actions.submit_report,
        comment=request.POST.get("comment", ""),
    )


@require_POST
@login_required
def review_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """审核: the 审核人 passes the draft to the 分管领导."""
    annual = get_annual_for_staff(request.user, pk)
    return _run(
        request,
        annual,
        "报告已审核通过，等待分管领导签发。",
        actions.review_report,
        comment=request.POST.get("comment", ""),
    )


@require_POST
@login_required
def send_back_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """退回 with a reason: the draft goes back to 编制中."""
    annual = get_annual_for_staff(request.user, pk)
    return _run(
        request,
        annual,
        "报告已退回经办人修改。",
        actions.send_back_report,
        reason=request.POST.get("reason", ""),
    )


@require_http_methods(["GET", "POST"])
@login_required
def publish_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """签发并发布: a confirmation page that says what the signature locks (the year and the counts of
    its records); the 分管领导 confirms it with a POST."""
    annual = get_annual_for_staff(request.user, pk)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, "请勾选确认已了解发布后该年度的数据将被锁定，再签发发布。")
            return redirect("yearbook:publish", pk=annual.pk)
        return _run(
            request,
            annual,
            f"报告已签发发布，{annual.year}年度的数据已锁定；此后补记该年度的记录须填写更正理由。",
            actions.publish_report,
            override_reason=request.POST.get("override_reason", ""),
            comment=request.POST.get("comment", ""),
        )
    today = timezone.localdate()
    context = {
        "annual": annual,
        "frozen": frozen_by(annual.body, annual.year),
        "refusal": publication_refusal(annual.year, today),
        "approval_label": APPROVAL_LABELS[annual.approval],
        "is_leader": is_leader(request.user, annual.body),
        "reviewed": annual.approval == Approval.REVIEWED,
        "chain": _chain(annual),
    }
    return render(request, "yearbook/publish_confirm.html", context)


def _chain(annual: AnnualReport) -> list[tuple[ReportEvent, str]]:
    events = annual.events.filter(kind__in=CHAIN_EVENT_KINDS).select_related("actor").order_by("at", "pk")
    return [(e, CHAIN_EVENT_LABELS[e.kind]) for e in events]


@require_POST
@login_required
def redraft_view(request: AuthedRequest, pk: int) -> HttpResponse:
    annual = get_annual_for_staff(request.user, pk)
    return _run(
        request,
        annual,
        "已按当前统计事实重新起草第一、五、六部分，原文字保存在上一版本中。",
        actions.redraft_sections,
        confirmed=request.POST.get("confirm") == "yes",
    )


@require_POST
@login_required
def withdraw_view(request: AuthedRequest, pk: int) -> HttpResponse:
    annual = get_annual_for_staff(request.user, pk)
    return _run(
        request,
        annual,
        "报告已撤回，门户网站不再列出；该年度数据已解锁，可修改后发布更正版。",
        actions.withdraw_report,
        reason=request.POST.get("reason", ""),
    )


@require_POST
@login_required
def grant_view(request: AuthedRequest, pk: int) -> HttpResponse:
    annual = get_annual_for_staff(request.user, pk)
    try:
        grant_change(actor=request.user, annual=annual, reason=request.POST.get("reason", ""))
    except YearLocked as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "已授权一次变更：本机关工作人员下一次修改该年度的记录时使用，并记录在案。")
    return redirect("yearbook:detail", pk=annual.pk)


@require_GET
@login_required
def versions_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every saved version, and what changed between two of them (?a=old&b=new, default the last two)."""
    annual = get_annual_for_staff(request.user, pk)
    versions = list(annual.versions.select_related("saved_by").order_by("-number"))
    by_number = {v.number: v for v in versions}
    diff = None
    error = ""
    if len(versions) >= 2:
        a = request.GET.get("a", str(versions[1].number))
        b = request.GET.get("b", str(versions[0].number))
        old = by_number.get(int(a)) if a.isdigit() else None
        new = by_number.get(int(b)) if b.isdigit() else None
        if old is None or new is None:
            error = f"没有找到版本“{a if old is None else b}”，请从列表中选择"
        else:
            if old.number > new.number:
                old, new = new, old
            diff = diff_versions(old, new)
    context = {"annual": annual, "versions": versions, "diff": diff, "error": error}
    return render(request, "yearbook/versions.html", context, status=400 if error else 200)


def _run(request: AuthedRequest, annual: AnnualReport, done: str, action, **kwargs) -> HttpResponse:
    try:
        action(actor=request.user, annual=annual, **kwargs)
    except (actions.YearbookError, ReportReadError) as e:
        messages.error(request, e.message)
    except PermissionDenied as e:
        messages.error(request, str(e))
    else:
        messages.success(request, done)
    return redirect("yearbook:detail", pk=annual.pk)


@require_http_methods(["GET", "POST"])
@login_required
def export_view(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """The report in ``fmt``; the PDF (seconds of LibreOffice) is made in the background: a POST queues
    it and leads to its status page, a GET shows the button that does."""
    annual = get_annual_for_staff(request.user, pk)
    if fmt != "pdf":
        return _download(annual, fmt)
    if request.method == "GET":
        return render(request, "yearbook/export_pdf.html", {"annual": annual})
    item = prepare(
        actor=request.user,
        kind=prepared_pdf.STAFF_PDF,
        params={"pk": annual.pk},
        title=prepared_pdf.title(annual),
    )
    return redirect("prepared:status", pk=item.pk)


@require_GET
def published_download(request: AuthedRequest, pk: int, fmt: str) -> HttpResponseBase:
    """Public: a published report in one of the formats (for the portal)."""
    try:
        annual = AnnualReport.objects.select_related("body").get(pk=pk, status=Status.PUBLISHED)
    except AnnualReport.DoesNotExist:
        raise Http404("没有找到这份年度报告") from None
    if fmt == "json":
        raise Http404("不支持这种格式")
    if fmt == "pdf":
        return _published_pdf(request, annual)
    return _download(annual, fmt)


def _published_pdf(request: HttpRequest, annual: AnnualReport) -> HttpResponseBase:
    """The published edition's PDF, made once in the background and then served to everyone; until it
    is ready a page that refreshes itself. A recent failure is shown instead of queueing again."""
    params = prepared_pdf.edition_params(annual)
    done = public_file(prepared_pdf.PUBLIC_PDF, params, state=PreparedFile.State.DONE)
    if done is not None:
        return serve(done)
    failed = public_file(prepared_pdf.PUBLIC_PDF, params, state=PreparedFile.State.FAILED)
    if failed is not None and failed.finished_at and timezone.now() - failed.finished_at < PUBLIC_RETRY:
        context = {"annual": annual, "error": failed.error}
        return render(request, "yearbook/published_pdf.html", context, status=503)
    item = prepare(actor=None, kind=prepared_pdf.PUBLIC_PDF, params=params, title=prepared_pdf.title(annual))
    context = {"annual": annual, "item": item, "refresh": PUBLIC_REFRESH_SECONDS}
    return render(request, "yearbook/published_pdf.html", context, status=202)


def _download(annual: AnnualReport, fmt: str) -> HttpResponse:
    if fmt not in FORMAT_LABELS:
        raise Http404("不支持这种格式")
    try:
        content, content_type, filename = render_export(annual, fmt)
    except ExportError as e:
        return HttpResponse(e.message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type=content_type)
    fallback = f"gongkai-annual-{annual.body_id}-{annual.year}.{fmt}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def work_entries(request: AuthedRequest) -> HttpResponse:
    bodies = list(bodies_for_user(request.user))
    if request.method == "POST":
        body = get_body_for_staff(request.user, _int(request.POST.get("body")))
        try:
            actions.record_work_entry(
                actor=request.user,
                body=body,
                kind=request.POST.get("kind", ""),
                on=_date(request.POST.get("on", "")),
                title=request.POST.get("title", ""),
                participants=_int(request.POST.get("participants") or "0"),
            )
        except (actions.YearbookError, PermissionDenied) as e:
            messages.error(request, getattr(e, "message", str(e)))
        else:
            messages.success(request, "已登记。")
        return redirect("yearbook:work")
    entries = WorkEntry.objects.filter(body__in=bodies).select_related("body")[:200]
    return render(
        request, "yearbook/work.html", {"bodies": bodies, "entries": entries, "kinds": WorkEntry.Kind.choices}
    )


@require_GET
@login_required
def body_series(request: AuthedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_staff(request.user, body_pk)
    entries = series(body)
    years = [e.year for e in entries]
    outcomes = {e.year: outcome_totals(e.report) for e in entries}
    remedies = {e.year: remedy_totals(e.report) for e in entries}
    channels = sorted({c for e in entries for c in e.items_by_channel})
    charts = [
        figure(
            "依申请公开：各类办理结果（件）",
            years,
            {label: {y: outcomes[y][key] for y in years} for key, label in OUTCOME_GROUPS.items()},
        ),
        figure(
            "主动公开：各渠道发布信息（条）",
            years,
            {c: {e.year: e.items_by_channel.get(c) for e in entries} for c in channels},
        ),
        figure(
            "行政复议、行政诉讼（件）",
            years,
            {k: {y: remedies[y][k] for y in years} for k in ("行政复议", "行政诉讼")},
        ),
    ]
    return render(
        request,
        "yearbook/series.html",
        {"body": body, "entries": entries, "charts": [mark_safe(c) for c in charts]},
    )


def _int(raw: str | None) -> int:
    if raw is None or not raw.strip().isdigit():
        raise Http404("参数无效")
    return int(raw)


def _date(raw: str):
    from datetime import date

    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise actions.YearbookError("日期格式应为 YYYY-MM-DD") from None
