"""Digits whose cell boundaries were lost, placed by the rules (solve.py, text.flat_tokens): hand-computed cases."""

from __future__ import annotations

from gongkai.report_format import analyse, parse_text
from gongkai.report_format.layout import ROW_CELLS, TABLE3_COLUMNS, TABLE_CELLS, Cell
from gongkai.report_format.rules import EQUATIONS
from gongkai.report_format.solve import Run, Segment, settle, splits
from gongkai.report_format.text import flat_tokens

ROW_NEW = ROW_CELLS["table3", "new"]


def _inside(cells):
    return [eq for eq in EQUATIONS if set(eq.cells) <= set(cells)]


def _row(key: str) -> tuple[Cell, ...]:
    return ROW_CELLS["table3", key]


def test_a_row_splits_only_where_the_six_columns_add_up_to_the_total():
    # 160 02 0 018: no number has a leading zero and a space is a boundary; of the splits that
    # leaves (16|0 0|2 0 0|18, 1|60 0|2 0 0|18, 160 0 2 0 0 1 8), only the first adds up.
    found = splits([Run(("160", "02", "0", "018"))], 7, _inside(ROW_NEW), ROW_NEW)
    assert found == [(16, 0, 0, 2, 0, 0, 18)]


def test_without_the_rules_the_same_digits_read_several_ways():
    found = splits([Run(("160", "02", "0", "018"))], 7, (), ROW_NEW)
    assert (16, 0, 0, 2, 0, 0, 18) in found and (1, 60, 0, 2, 0, 0, 18) in found


def test_table_four_as_one_run_splits_by_its_three_block_totals():
    cells = TABLE_CELLS["table4"]
    found = splits([Run(("1", "02", "0", "312", "00", "012", "0", "00", "00"))], 15, _inside(cells), cells)
    assert found == [(1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)]


def test_a_row_number_glued_to_the_digits_goes_to_its_label():
    tokens = flat_tokens("2.其他法律行政法规禁止公开0 0 0 0 0 003.危及“三安全一稳定”")
    assert tokens == [
        "2.其他法律行政法规禁止公开",
        Run(("0", "0", "0", "0", "0", "00")),
        "3.危及“三安全一稳定”",
    ]


def test_counts_in_prose_are_not_table_cells():
    assert [type(t) for t in flat_tokens("2022年，共收到政府信息公开申请3件。")] == [str]


def _flat_report(rows: dict[str, str], table4: str = "000000000000000") -> str:
    """A crawled page's text: the whole table 三 and 四 on one line, each row's digits run together."""
    from gongkai.report_format.layout import TABLE3_ROWS

    parts = [
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况"
    ]
    for row in TABLE3_ROWS:
        if row.group == "denied" and row.ordinal == "1.":
            parts.append("（三）不予公开")
        parts.append(row.printed + rows.get(row.key, "0000000"))
    parts.append(
        "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计" + table4
    )
    parts.append("五、存在的主要问题及改进情况无。")
    return "".join(parts)


def test_a_split_only_the_column_rules_decide_is_marked_recovered():
    # 110000011 is 11,0,0,0,0,0,11 or 1,10,0,0,0,0,11 (both add up in the row); (七)总计 prints
    # 11 under 自然人, so 一 + 二 = 三(七) + 四 takes the first.
    text = _flat_report({"new": "110000011", "granted": "11 0 0 0 0 0 11", "total": "11 0 0 0 0 0 11"})
    report = parse_text(text)
    assert report.row("new") == [11, 0, 0, 0, 0, 0, 11]
    assert "table3.rows.new.natural_person" in report.source["recovered"]


def test_a_row_of_single_digits_is_read_not_recovered():
    report = parse_text(_flat_report({"new": "1000001", "granted": "1000001", "total": "1000001"}))
    assert report.row("new") == [1, 0, 0, 0, 0, 0, 1]
    assert not any(p.startswith("table3.rows.new.") for p in report.source.get("recovered", ()))


def test_a_cell_missing_from_the_digits_is_placed_when_every_place_gives_the_same_row():
    # Six zeros for seven cells, and every other row 0: wherever the missing cell stood, it is 0.
    report = parse_text(_flat_report({"new": "000000"}))
    assert report.row("new") == [0] * 7


def test_where_the_rules_leave_a_choice_the_cells_stay_unread_with_the_candidates():
    text = "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件5066"
    report = analyse(parse_text(text + _flat_report({})))
    assert report.values.get(Cell("table2", "normative_documents", "issued")) is None
    note = report.source["ambiguous"][0]
    assert sorted(note["candidates"]) == [[5, 0, 66], [50, 6, 6]]
    assert any(f.code == "SPLIT_AMBIGUOUS" and "5066" in f.message for f in report.findings)
    assert report.values[Cell("table2", "regulations", "in_force")] == 0


def test_a_row_no_split_of_which_adds_up_is_left_unread_and_its_rule_flagged():
    # 120 0 0 0 099 is 12|0 … 0|99 or 1|20 … 0|99: neither adds up to its total (99).
    report = analyse(parse_text(_flat_report({"new": "120 0 0 0 099"})))
    assert report.row("new") == [None] * 7
    errors = [f for f in report.findings if f.code == "T3_ROW_TOTAL" and f.level == "error"]
    assert errors and "120 0 0 0 099" in errors[0].message


def test_a_report_inconsistent_as_printed_keeps_its_numbers_and_is_flagged():
    # (七)总计 says 2 under 自然人 while the outcome rows add up to 1: read as printed, flagged.
    report = analyse(
        parse_text(
            _flat_report(
                {"new": "1000001", "granted": "1000001", "total": "2000002", "carried_over": "1000001"}
            )
        )
    )
    assert report.row("total") == [2, 0, 0, 0, 0, 0, 2]
    assert {f.code for f in report.findings if f.level == "error"} >= {"T3_OUTCOME_SUM"}


def test_settle_takes_a_split_the_balance_of_the_columns_decides():
    known = {c: 0 for key in ("carried_over", "carried_forward") for c in _row(key)}
    known |= dict(zip(_row("total"), (11, 0, 0, 0, 0, 0, 11), strict=True))
    result = settle([Segment(ROW_NEW, [Run(("110000011",))])], known, EQUATIONS)
    assert [result.values[c] for c in ROW_NEW] == [11, 0, 0, 0, 0, 0, 11]
    assert result.recovered and not result.ambiguous


def test_a_run_too_long_for_its_cells_has_no_reading_and_ends():
    digits = "987654321" * 7  # 63 digits: more than seven numbers of seven digits can hold
    assert splits([Run((digits,))], 7, _inside(ROW_NEW), ROW_NEW) == []


def test_every_column_of_table_three_is_read_from_a_crawled_page():
    row = {"new": "1020003", "granted": "1000001", "partial": "0020002", "total": "1020003"}
    report = parse_text(_flat_report(row))
    assert [report.values[Cell("table3", "total", c.key)] for c in TABLE3_COLUMNS] == [1, 0, 2, 0, 0, 0, 3]


def test_one_budget_bounds_every_search_of_a_report(monkeypatch):
    from gongkai.report_format import solve

    monkeypatch.setattr(solve, "REPORT_BUDGET", 40)  # a few rows' worth of steps
    rows = {key: "120 0 0 3 0 015" for key in ("new", "granted", "total", "partial", "carried_over")}
    report = analyse(parse_text(_flat_report(rows)))
    spent = [n for n in report.source.get("unsettled", ()) if n["reason"] == "budget"]
    assert spent, report.source.get("unsettled")
    assert any(f.code == "SPLIT_UNSETTLED" and "限定的搜索范围" in f.message for f in report.findings)
