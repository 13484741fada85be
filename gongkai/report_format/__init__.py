"""The annual-report core: format, parser, checker and renderers. Imports no Django."""

from .check import check
from .errors import ReportReadError
from .infer import infer
from .layout import ALL_CELLS, Cell
from .model import Finding, Narrative, Report
from .read import analyse, read_bytes, read_path
from .text import parse_text

__all__ = [
    "ALL_CELLS",
    "Cell",
    "Finding",
    "Narrative",
    "Report",
    "ReportReadError",
    "analyse",
    "check",
    "infer",
    "parse_text",
    "read_bytes",
    "read_path",
]
