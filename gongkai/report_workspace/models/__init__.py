"""The models of the app, one module per subject; importing them here is how Django finds them."""

from gongkai.report_workspace.models.reports import (
    AnnualReport,
    DueDateRule,
    LockOverride,
    Publication,
    ReportEvent,
    ReportVersion,
    SourceKind,
    Status,
    WorkEntry,
    YearReminderMail,
)

__all__ = [
    "AnnualReport",
    "DueDateRule",
    "LockOverride",
    "Publication",
    "ReportEvent",
    "ReportVersion",
    "SourceKind",
    "Status",
    "WorkEntry",
    "YearReminderMail",
]
