"""Inference fills a missing cell only where the rules (with counts ≥ 0) leave one possible value."""

from gongkai.report_format import Cell, infer
from tests.report_format.builders import consistent_report, t3


def test_a_single_missing_cell_is_recovered_by_substitution():
    r = consistent_report()
    r.values[t3("new", "total")] = None
    [f] = infer(r)
    assert r.values[t3("new", "total")] == 13
    assert f.code == "INFERRED" and f.level == "info"
    assert r.source["inferred"] == ["table3.rows.new.total"]


def test_rows_forced_to_zero_by_non_negativity_are_filled():
    r = consistent_report()
    for col in (
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other_org",
        "total",
    ):
        r.values[t3("rejected_mass", col)] = None
    infer(r)
    assert r.row("rejected_mass") == [0] * 7


def test_an_underdetermined_cell_stays_missing():
    r = consistent_report()
    # Move one granted commercial request to research, then hide both cells of the row:
    # granted row total is 6 with natural 4, so commercial + research = 2 has three solutions.
    r.values[t3("granted", "commercial")] = None
    r.values[t3("granted", "research")] = None
    r.values[t3("new", "commercial")] = None
    r.values[t3("new", "research")] = None
    r.values[t3("total", "commercial")] = None
    r.values[t3("total", "research")] = None
    infer(r)
    assert r.values[t3("granted", "commercial")] is None
    assert r.values[t3("granted", "research")] is None


def test_inconsistent_known_values_stop_inference():
    r = consistent_report()
    r.values[t3("new", "natural_person")] = 50  # breaks the column: nothing can be trusted
    r.values[t3("carried_forward", "natural_person")] = None
    assert infer(r) == []
    assert r.values[t3("carried_forward", "natural_person")] is None


def test_a_wholly_missing_table4_is_not_filled():
    r = consistent_report()
    for cell in [c for c in r.values if c.table == "table4"]:
        r.values[cell] = None
    infer(r)
    assert r.values[Cell("table4", "review", "total")] is None
