"""The annual report's PDF, made in the background (LibreOffice takes ~4 s a report, up to its time
limit: docs/benchmarks.md): the producers registered in ``apps.py`` with gongkai.prepared.

- ``annual_pdf`` — a staff member's PDF of a report of their body, at any stage; the person who asked
  must still be staff of the body when it runs (``get_annual_for_staff``).
- ``published_pdf`` — the public PDF of one published edition, made once and offered to everyone by
  the portal's link while that edition stands (a withdrawn or corrected report fails it).

Annual reports hold counts and narrative, never an applicant's name or contact.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User as AuthUser

from gongkai.prepared.actions.producers import Produced, ProduceError, Producer
from gongkai.report_workspace.access import get_annual_for_staff
from gongkai.report_workspace.documents.export import ExportError, render
from gongkai.report_workspace.models import AnnualReport, Status

STAFF_PDF = "yearbook.pdf"
PUBLIC_PDF = "yearbook.published_pdf"
PRODUCERS = (
    Producer(STAFF_PDF, "gongkai.report_workspace.documents.prepared.annual_pdf"),
    Producer(PUBLIC_PDF, "gongkai.report_workspace.documents.prepared.published_pdf", public=True),
)
GONE = "这份年度报告已撤回或已发布新的版次，请回到公开页面重新下载"


def title(annual: AnnualReport) -> str:
    return f"{annual.body.name}{annual.year}年政府信息公开工作年度报告（PDF）"


def edition_params(annual: AnnualReport) -> dict[str, Any]:
    """What names one published edition: a new edition or version is another file."""
    return {"pk": annual.pk, "edition": annual.edition, "version": annual.version}


def _pdf(annual: AnnualReport) -> Produced:
    try:
        content, content_type, filename = render(annual, "pdf")
    except ExportError as e:
        raise ProduceError(e.message) from None
    return Produced(content, filename, content_type)


def annual_pdf(user: AuthUser | None, params: dict[str, Any]) -> Produced:
    if user is None:
        raise ProduceError(GONE)
    return _pdf(get_annual_for_staff(user, int(params["pk"])))


def published_pdf(user: AuthUser | None, params: dict[str, Any]) -> Produced:
    annual = (
        AnnualReport.objects.select_related("body")
        .filter(pk=int(params["pk"]), status=Status.PUBLISHED)
        .filter(edition=int(params["edition"]), version=int(params["version"]))
        .first()
    )
    if annual is None:
        raise ProduceError(GONE)
    return _pdf(annual)
