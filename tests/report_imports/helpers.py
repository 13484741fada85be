"""Importing a seed the way the application does, for tests that start from a stored report."""

from pathlib import Path

from gongkai.report_imports.actions.imports import import_report
from gongkai.report_imports.models import ImportedReport

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def import_seed(prefix: str, *, clerk, body) -> ImportedReport:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return import_report(actor=clerk, body=body, data=path.read_bytes(), filename=path.name, confirmed=True)
