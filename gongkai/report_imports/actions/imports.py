"""Importing an annual report: read, check, store — all or nothing."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.bodies.access import is_staff_of_or_above
from gongkai.bodies.models import Body, StaffMembership, names_at
from gongkai.report_format import Report, ReportReadError
from gongkai.report_imports.actions.reading import read_upload
from gongkai.report_imports.models import ImportedReport
from gongkai.report_imports.rules.identity import mismatches
from gongkai.web.limits import length_refusal

__all__ = [
    "IdentityMismatch",
    "ReportReadError",
    "identity_warnings",
    "import_report",
    "show_on_portal",
    "withdraw_from_portal",
]

# Putting a report before the public is a leader's decision (or the body's administrator's).
PORTAL_ROLES = frozenset({StaffMembership.Role.LEADER, StaffMembership.Role.ADMIN})

PASTED_NAME = "粘贴的文本"


class IdentityMismatch(Exception):
    """The report's title names another body (or year): filed only when the importer confirms."""

    def __init__(self, warnings: list[str], report: Report) -> None:
        super().__init__("；".join(warnings))
        self.warnings = warnings
        self.report = report


def identity_warnings(body: Body, report: Report, year: int | None = None) -> list[str]:
    """Why ``report`` may not be ``body``'s (of ``year``, when one is chosen): its title names another
    body than the body's name, short name or its name at the end of the report's year."""
    names = [body.name, body.short_name]
    if report.year is not None and 1900 < report.year < 3000:
        then = names_at([body], datetime.date(report.year, 12, 31))[body.pk]
        names += [then.name, then.short_name]
    return mismatches(named_body=report.body, named_year=report.year, body=body.name, names=names, year=year)


def import_report(
    *,
    actor: AuthUser | None,
    body: Body,
    data: bytes,
    filename: str,
    pasted: bool = False,
    report: Report | None = None,
    confirmed: bool = False,
) -> ImportedReport:
    """Read ``data`` as an annual report of ``body``, check it, and store it with its findings.

    ``filename`` picks the parser by its suffix; pass "" for pasted text.
    Raises ``ReportReadError`` (with a Chinese message) when the input is not a readable report;
    nothing is stored then. ``pasted`` keeps the text itself rather than a file.
    ``actor=None`` is the system (demo data); a person must work for ``body`` or a body above it
    (a district's 政务公开办 imports its 街道's reports). The file is read in a limited worker
    process (``reading.read_upload``) before any transaction starts, unless ``report`` is the
    report already read from ``data``.

    A report whose title names another body raises ``IdentityMismatch`` unless ``confirmed``: then it
    is filed with the warnings kept on it (shown on its page and flagged in the supervision pages).
    """
    if actor is not None and not is_staff_of_or_above(actor, body):
        raise PermissionDenied("您不是该机关或其上级机关的工作人员，不能为它导入报告")
    if report is None:
        report = read_upload(data, filename)
    refusal = columns_refusal(report, filename)
    if refusal:
        raise ReportReadError(refusal)
    warnings = identity_warnings(body, report)
    if warnings and not confirmed:
        raise IdentityMismatch(warnings, report)
    with transaction.atomic():
        return _store(
            actor=actor,
            body=body,
            data=data,
            filename=filename,
            pasted=pasted,
            report=report,
            warnings=warnings,
        )


def columns_refusal(report: Report, filename: str) -> str | None:
    """A title, body name or file name longer than its column: refused whole, never cut (a title that
    long is most often a heading run together with the text below it)."""
    texts = (
        ("报告标题", report.narrative.title or "", "title"),
        ("报告中的机关名称", report.body or "", "body_name"),
        ("文件名", filename, "filename"),
    )
    for label, text, column in texts:
        limit = getattr(ImportedReport._meta.get_field(column), "max_length", None) or 0
        if refusal := length_refusal(label, text, limit):
            return f"{refusal}读到的{label}开头为“{text[:30]}…”，请检查是否与后面的文字连在了一起。"
    return None


def _store(
    *,
    actor: AuthUser | None,
    body: Body,
    data: bytes,
    filename: str,
    pasted: bool,
    report: Report,
    warnings: list[str],
) -> ImportedReport:
    levels = [f.level for f in report.findings]
    imported = ImportedReport(
        body=body,
        year=report.year,
        title=report.narrative.title or "",
        body_name=report.body or "",
        published_on=report.published_on,
        filename=filename or PASTED_NAME,
        data=report.to_json(),
        error_count=levels.count("error"),
        warning_count=levels.count("warning"),
        identity_warnings=warnings,
        created_by=actor,
    )
    if pasted:
        imported.pasted_text = data.decode("utf-8", errors="replace")
        imported.save()
        return imported
    imported.original.save(filename or "report.txt", ContentFile(data), save=False)
    try:
        imported.save()
    except BaseException:
        imported.original.delete(save=False)
        raise
    return imported


@transaction.atomic
def show_on_portal(*, actor: AuthUser, imported: ImportedReport) -> ImportedReport:
    """Put an imported report on the body's public portal (annual-report list)."""
    imported = _lock_for_portal(actor, imported)
    if imported.error_count:
        raise ValueError(f"该报告有 {imported.error_count} 项错误，请先核对更正后再在门户公开")
    imported.on_portal_since, imported.on_portal_by = timezone.now(), actor
    imported.save(update_fields=["on_portal_since", "on_portal_by"])
    _refresh_portal(imported.body_id)
    return imported


@transaction.atomic
def withdraw_from_portal(*, actor: AuthUser, imported: ImportedReport) -> ImportedReport:
    imported = _lock_for_portal(actor, imported)
    imported.on_portal_since, imported.on_portal_by = None, actor
    imported.save(update_fields=["on_portal_since", "on_portal_by"])
    _refresh_portal(imported.body_id)
    return imported


def can_decide_portal(user: AuthUser, body_id: int) -> bool:
    """Whether the user may put the body's reports on the portal or take them off (the page's button)."""
    return StaffMembership.objects.filter(user_id=user.pk, body_id=body_id, role__in=PORTAL_ROLES).exists()


def _lock_for_portal(actor: AuthUser, imported: ImportedReport) -> ImportedReport:
    locked = ImportedReport.objects.select_for_update().get(pk=imported.pk)
    if not can_decide_portal(actor, locked.body_id):
        raise PermissionDenied("只有本机关的分管领导或管理员可以决定在门户公开年度报告")
    return locked


def _refresh_portal(body_id: int) -> None:
    """The portal caches its pages per body: make them stale once this change commits."""
    from gongkai.portal.queries import cache as portal_cache

    transaction.on_commit(lambda: portal_cache.bump(body_id))
