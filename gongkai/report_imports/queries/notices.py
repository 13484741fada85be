"""What other apps have to say on a body's own report page (imported or compiled), for a body and a
year — a supervisor's 退回 with its reason, above all. An explicit list of functions registered by the
apps above this one in their ``AppConfig.ready`` (supervision registers its open send-backs), so that
the report pages show them without importing those apps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gongkai.bodies.models import Body


@dataclass(frozen=True)
class ReportNotice:
    """One notice on a report page: a heading, the text (a reason, a comment) and who wrote it when."""

    title: str
    text: str
    by: str = ""
    link: str = ""


NoticeSource = Callable[[Body, int], list[ReportNotice]]
_sources: list[NoticeSource] = []


def on_report_page(fn: NoticeSource) -> NoticeSource:
    """Register ``fn`` (once); it answers the notices for a body and a year."""
    if fn not in _sources:
        _sources.append(fn)
    return fn


def report_notices(body: Body, year: int) -> list[ReportNotice]:
    return [notice for fn in tuple(_sources) for notice in fn(body, year)]
