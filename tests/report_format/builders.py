"""A hand-computed consistent report (every rule holds), to corrupt one cell at a time in tests."""

from datetime import date
from decimal import Decimal

from gongkai.report_format import Cell, Report
from gongkai.report_format.layout import ALL_CELLS

# natural person: 10 new + 2 carried = 10 handled + 2 carried forward;
# handled = 4 granted + 2 partial + 1 third party + 2 not held + 1 duplicate.
# commercial: 3 new = 2 granted + 1 other.
NATURAL = {
    "new": 10,
    "carried_over": 2,
    "granted": 4,
    "partial": 2,
    "denied_third_party": 1,
    "unable_not_held": 2,
    "rejected_duplicate": 1,
    "total": 10,
    "carried_forward": 2,
}
COMMERCIAL = {"new": 3, "granted": 2, "other_other": 1, "total": 3}


def consistent_report() -> Report:
    r = Report(body="测试区测试街道办事处", year=2024, published_on=date(2025, 1, 20))
    for cell in ALL_CELLS:
        r.values[cell] = 0
    for row, n in NATURAL.items():
        r.values[Cell("table3", row, "natural_person")] = n
    for row, n in COMMERCIAL.items():
        r.values[Cell("table3", row, "commercial")] = n
    for row in set(NATURAL) | set(COMMERCIAL):
        r.values[Cell("table3", row, "total")] = NATURAL.get(row, 0) + COMMERCIAL.get(row, 0)
    for field, n in {"upheld": 1, "corrected": 1, "pending": 1, "total": 3}.items():
        r.values[Cell("table4", "review", field)] = n
    r.values[Cell("table4", "litigation_direct", "upheld")] = 1
    r.values[Cell("table4", "litigation_direct", "total")] = 1
    for field, n in {"issued": 2, "repealed": 1, "in_force": 11}.items():
        r.values[Cell("table2", "normative_documents", field)] = n
    r.values[Cell("table2", "licensing", "decisions")] = 120
    r.values[Cell("table2", "fees", "amount")] = Decimal("1.25")
    return r


def t3(row: str, col: str) -> Cell:
    return Cell("table3", row, col)
