"""Every cell says how it was obtained: read, recovered by the rules, inferred blank, ambiguous, missing."""

from __future__ import annotations

import csv
import json

from openpyxl import load_workbook

from gongkai.report_format import analyse, parse_text
from gongkai.report_format.batch import import_file
from gongkai.report_format.cli import main
from gongkai.report_format.cli_import import write_csv, write_xlsx
from gongkai.report_format.layout import ALL_CELLS, Cell
from gongkai.report_format.provenance import candidates, cell_status, status_counts
from gongkai.report_format.render.html import render_tables_html
from tests.report_format.test_solve import _flat_report

TABLE2 = "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件5066"
# 一 runs 11,0,0,0,0,0,11 or 1,10,0,0,0,0,11 together: the columns decide (recovered); 5066 stays open.
PAGE = TABLE2 + _flat_report({"new": "110000011", "granted": "11 0 0 0 0 0 11", "total": "11 0 0 0 0 0 11"})


def test_each_cell_has_the_status_of_how_it_was_obtained():
    report = analyse(parse_text(PAGE), infer=True)
    status = cell_status(report)
    assert status[Cell("table3", "new", "natural_person")] == "recovered"
    assert status[Cell("table3", "granted", "natural_person")] == "read"
    assert status[Cell("table2", "normative_documents", "issued")] == "ambiguous"
    assert status[Cell("table2", "licensing", "decisions")] == "missing"
    assert set(status) == set(ALL_CELLS)


def test_a_blank_cell_the_rules_fill_is_inferred():
    report = parse_text(PAGE)
    report.values[Cell("table3", "granted", "commercial")] = None
    analyse(report, infer=True)
    assert cell_status(report)[Cell("table3", "granted", "commercial")] == "inferred"


def test_an_ambiguous_cell_lists_its_candidates():
    report = analyse(parse_text(PAGE))
    assert candidates(report)[Cell("table2", "normative_documents", "issued")] == [5, 50]


def test_the_result_page_marks_the_cells_that_need_a_person():
    html = render_tables_html(analyse(parse_text(PAGE)))
    assert 'data-cell="table3.rows.new.natural_person" class="num status-recovered"' in html
    assert "由勾稽关系确定" in html
    assert "多种读法，待人工确认：可能为 5 或 50" in html


def test_parse_prints_every_cells_status(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["parse", str(page), "--infer"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["cell_status"]) == len(ALL_CELLS)
    assert data["cell_status"]["table3.rows.new.total"] == "recovered"


def test_the_batch_summary_counts_the_statuses_per_report(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    record = import_file(str(page))
    counts = status_counts(analyse(parse_text(PAGE)))
    write_xlsx([record], tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx").active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["单元格：由勾稽关系确定"] == counts["recovered"] > 0
    assert row["单元格：多种读法，待人工确认"] == counts["ambiguous"] == 3
    write_csv([record], tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig") as f:
        rows = {r["cell"]: r["status"] for r in csv.DictReader(f)}
    assert rows["table3.rows.new.natural_person"] == "recovered"
    assert rows["table2.normative_documents.issued"] == "ambiguous"


def test_a_trial_format_report_has_no_status_for_cells_its_tables_do_not_print():
    from pathlib import Path

    from gongkai.report_format import read_path

    county = Path(__file__).resolve().parents[1] / "fixtures" / "format2019" / "2019_county_bureau.txt"
    report = analyse(read_path(county))
    status = cell_status(report)
    assert Cell("table3", "other_unpaid_fee", "total") not in status
    assert status[Cell("table3", "total", "total")] == "read"
    assert status_counts(report)["missing"] == 0
