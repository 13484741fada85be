"""What the five real reports must give (shared/spec/annual-report-format.md, issue #2)."""

from datetime import date

import pytest

from gongkai.report_format import Cell, analyse, read_path
from gongkai.report_format.layout import TABLE2_ITEMS, TABLE3_ROWS, TABLE_CELLS
from tests.report_format.seeds import seed_path

ZEROS = [0, 0, 0, 0, 0, 0, 0]


def read(prefix: str, *, infer: bool = False):
    return analyse(read_path(seed_path(prefix)), infer=infer)


def codes(report, level=None):
    return [f.code for f in report.findings if level is None or f.level == level]


def test_000_reads_five_new_requests_all_not_held():
    r = read("000")
    assert r.body == "烟台市芝罘区人民政府只楚街道办事处"
    assert r.year == 2023
    assert r.row("new") == [5, 0, 0, 0, 0, 0, 5]
    assert r.row("unable_not_held") == [5, 0, 0, 0, 0, 0, 5]
    assert r.row("granted") == ZEROS


def test_000_rows_after_the_cut_are_null_and_missing_never_zero():
    r = read("000")
    after_cut = [row.key for row in TABLE3_ROWS][
        TABLE3_ROWS.index(next(x for x in TABLE3_ROWS if x.key == "rejected_mass")) + 1 :
    ]
    assert after_cut[0] == "rejected_confirmation" and after_cut[-1] == "carried_forward"
    for key in after_cut:
        assert r.row(key) == [None] * 7, key
    missing_cells = {c for f in r.findings if f.code == "MISSING" for c in f.cells}
    assert Cell("table3", "total", "natural_person") in missing_cells
    assert r.to_json()["table3"]["rows"]["total"] == [None] * 7


def test_000_table4_is_missing():
    r = read("000")
    assert all(r.values.get(c) is None for c in TABLE_CELLS["table4"])
    assert any(f.code == "MISSING" and f.message.startswith("表四缺失") for f in r.findings)


def test_000_narrative_breakdown_64_against_68_is_a_text_sum_finding():
    r = read("000")
    [finding] = [f for f in r.findings if f.code == "TEXT_SUM"]
    assert finding.values["stated"] == 64 and finding.values["sum"] == 68
    assert "64" in finding.message and "68" in finding.message
    assert r.narrative.requests_received == 5
    assert r.narrative.requests_change == -6


def test_000_with_infer_recovers_total_and_carried_forward_marked_inferred():
    r = read("000", infer=True)
    assert r.row("total") == [5, 0, 0, 0, 0, 0, 5]
    assert r.row("carried_forward") == ZEROS
    inferred = {c.path for f in r.findings if f.code == "INFERRED" for c in f.cells}
    assert "table3.rows.total.natural_person" in inferred
    assert "table3.rows.carried_forward.total" in inferred
    assert "table3.rows.total.natural_person" in r.source["inferred"]
    assert all(f.level == "info" for f in r.findings if f.code == "INFERRED")
    # table 4 has three equations in fifteen unknowns: nothing is determined, nothing is filled
    assert all(r.values.get(c) is None for c in TABLE_CELLS["table4"])


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_complete_all_zero_reports_have_no_table_error_or_warning(prefix):
    r = read(prefix)
    for row in TABLE3_ROWS:
        assert r.row(row.key) == ZEROS, row.key
    for cell in TABLE_CELLS["table2"] + TABLE_CELLS["table4"]:
        assert r.values[cell] == 0, cell.path
    assert codes(r, "error") == []
    assert [f for f in r.findings if f.level == "warning" and f.cells] == []


def test_003_reads_the_label_variant_and_the_displaced_row_label():
    r = read("003")
    assert r.year == 2021 and r.body == "坛山街道办事处"
    assert r.row("denied_law_prohibited") == ZEROS  # printed "其他法律法规禁止公开"
    assert r.row("rejected_mass") == ZEROS  # its label stands at the start of the line
    assert r.narrative.cppcc_proposals == 5 and r.narrative.npc_suggestions == 0


def test_002_one_cell_per_line_two_partial_requests():
    r = read("002")
    assert r.year == 2024
    assert r.body == "威海市环翠区环翠楼街道办事处"
    assert r.row("new") == [2, 0, 0, 0, 0, 0, 2]
    assert r.row("partial") == [2, 0, 0, 0, 0, 0, 2]
    assert r.row("total") == [2, 0, 0, 0, 0, 0, 2]
    assert r.row("rejected_confirmation") == ZEROS  # label wrapped over two lines
    for cell in TABLE_CELLS["table4"]:
        assert r.values[cell] == 0
    assert codes(r, "error") == []
    assert r.narrative.requests_received == 2


def test_004_tables_are_images_so_missing_and_the_narrative_facts_are_read():
    r = read("004")
    assert r.year == 2023
    assert r.published_on == date(2024, 1, 22)
    assert r.body == "威海市文登区天福街道办事处"
    assert all(v is None for v in r.values.values())
    assert r.source["tables"] == {"table2": "image", "table3": "image", "table4": "image"}
    missing = [f for f in r.findings if f.code == "MISSING"]
    assert len(missing) == 3 and all("图片" in f.message for f in missing)
    assert r.narrative.items_disclosed == 784
    [channels, *_] = r.narrative.item_breakdowns
    assert [p.count for p in channels.parts] == [52, 311, 421] and channels.kind == "channel"
    assert r.narrative.requests_received == 0
    assert "TEXT_SUM" not in codes(r)


def test_table2_items_of_every_complete_seed_are_zero_with_a_decimal_fee():
    r = read("001")
    for item in TABLE2_ITEMS:
        for f in item.fields:
            assert r.values[Cell("table2", item.key, f.key)] == 0
    assert str(type(r.values[Cell("table2", "fees", "amount")]).__name__) == "Decimal"
