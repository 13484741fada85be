"""The models of the app, one module per subject; importing them here is how Django finds them."""

from gongkai.supervision.models.supervision import IndexedReport, ReportCell, SendBack, SourceKind

__all__ = [
    "IndexedReport",
    "ReportCell",
    "SendBack",
    "SourceKind",
]
