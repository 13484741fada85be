"""Random single-cell corruptions of a valid report are always caught, and name the cell."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report_format import check
from gongkai.report_format.check import _equations, _equations_of, _every_value
from gongkai.report_format.layout import ALL_CELLS, TABLE_CELLS
from tests.report_format.strategies import reports

CHECKED_CELLS = TABLE_CELLS["table3"] + TABLE_CELLS["table4"]  # cells that take part in an equation


@settings(max_examples=200, deadline=None)
@given(reports(), st.sampled_from(CHECKED_CELLS), st.integers(-50, 50).filter(bool))
def test_changing_any_table3_or_table4_cell_gives_an_error_naming_it(report, cell, delta):
    assert [f for f in check(report) if f.level == "error"] == []
    report.values[cell] = report.values[cell] + delta
    errors = [f for f in check(report) if f.level == "error"]
    assert errors, f"{cell.path} {delta:+d} went unnoticed"
    assert any(cell in f.cells for f in errors)


@settings(max_examples=100, deadline=None)
@given(reports(), st.sampled_from(TABLE_CELLS["table2"]), st.integers(1, 1000))
def test_a_negative_table2_value_is_an_error(report, cell, magnitude):
    report.values[cell] = -magnitude
    [finding] = [f for f in check(report) if f.code == "NONNEGATIVE"]
    assert finding.cells == (cell,) and str(-magnitude) in finding.message


VALUES = st.one_of(
    st.integers(-5, 3000),
    st.none(),
    st.sampled_from([Decimal("2.5"), Decimal("-1"), Decimal("7"), Decimal("0.35")]),
)


@settings(max_examples=200, deadline=None)
@given(reports(), st.lists(st.tuples(st.sampled_from(ALL_CELLS), VALUES), max_size=3))
def test_the_checks_read_from_every_value_at_once_find_what_the_cell_by_cell_checks_find(report, changes):
    for cell, value in changes:
        report.values[cell] = value
    every = _every_value(report.values)
    assert (every is None) == any(report.values[c] is None for c in ALL_CELLS)
    assert list(_equations(report, every)) == list(_equations_of(report))
