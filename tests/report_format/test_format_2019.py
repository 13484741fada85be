"""Older formats: the 2019 trial format (国办公开办函〔2019〕60号) and pre-2019 narrative-only reports.

The fixtures in tests/fixtures/format2019/ were written for these tests after the table layout of
ogi-rules §6.1: a 2019 county bureau (tab-separated), a 2020 township (markdown, half-width
brackets, a space inside a column head), and a 2017 report under the 2007 条例 (narrative only).
"""

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from gongkai.report_format import Cell, Report, analyse, read_bytes, read_path
from gongkai.report_format.formats import detect
from gongkai.report_format.layout import TABLE3_COLUMNS
from gongkai.report_format.layout_2019 import SPLIT_OTHER_ROWS
from tests.report_format.seeds import SEEDS, seed_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "format2019"
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "report.schema.json").read_text("utf-8"))
COUNTY = FIXTURES / "2019_county_bureau.txt"
TOWNSHIP = FIXTURES / "2020_township.md"
NARRATIVE = FIXTURES / "2017_narrative.txt"


def test_each_fixture_is_recognised_in_its_format():
    assert [read_path(p).format for p in (COUNTY, TOWNSHIP, NARRATIVE)] == ["2019", "2019", "pre2019"]


def test_the_seeds_stay_in_the_2021_format():
    assert {read_path(p).format for p in sorted(SEEDS.glob("*.txt"))} == {"2021"}


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("信息内容\t本年制发件数\t本年废止件数", 2020, "2021"),  # the words win over the year
        ("信息内容\t本年新制作 数量\t对外公开总数量", 2022, "2019"),
        ("第二十条第(九)项\n政府集中采购", None, "2019"),
        ("（六）其他处理\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", None, "2021"),
        ("全年主动公开政府信息128条。", 2016, "pre2019"),
        ("全年主动公开政府信息128条。", 2020, "2019"),
        ("全年主动公开政府信息128条。", 2023, "2021"),
        ("全年主动公开政府信息128条。", None, "2021"),
    ],
)
def test_detection_follows_the_words_then_the_year(text: str, year: int | None, expected: str):
    assert detect(text, year) == expected


def test_table_2_of_the_trial_format_is_kept_as_printed():
    report = read_path(COUNTY)
    t2 = report.legacy["table2"]
    assert t2["normative_documents"] == {"made": 3, "published": 3, "public_total": 12}
    assert t2["punishment"] == {"previous_items": 22, "change": -1, "decisions": 57}
    assert t2["fees"] == {"previous_items": 2, "change": 0}
    assert t2["procurement"] == {"items": 6, "amount": Decimal(251000)}
    assert t2["other_services"]["decisions"] == 31


def test_only_decisions_carry_over_into_the_2021_cells():
    report = read_path(COUNTY)
    assert report.get(Cell("table2", "licensing", "decisions")) == 236
    assert report.get(Cell("table2", "punishment", "decisions")) == 57
    # 本年新制作数量 is not 本年制发件数: the 2021 cells stay empty, never coerced.
    for field in ("issued", "repealed", "in_force"):
        assert report.get(Cell("table2", "normative_documents", field)) is None
    assert report.get(Cell("table2", "fees", "amount")) is None


def test_other_handling_is_one_unsplit_row_and_the_three_2021_rows_stay_null():
    report = read_path(COUNTY)
    assert report.legacy["table3"]["other_unsplit"] == [1, 0, 0, 0, 0, 0, 1]
    assert all(report.row(key) == [None] * 7 for key in SPLIT_OTHER_ROWS)
    assert report.row("total") == [11, 2, 0, 0, 0, 0, 13]
    assert report.source["tables"] == {"table2": "text", "table3": "text", "table4": "text"}


@pytest.mark.parametrize("path", [COUNTY, TOWNSHIP])
def test_a_consistent_2019_report_has_no_missing_or_rule_findings(path: Path):
    report = analyse(read_path(path), infer=True)
    assert [f.code for f in report.findings if f.code != "LATE"] == []
    assert all(report.row(key) == [None] * 7 for key in SPLIT_OTHER_ROWS)


def test_the_outcome_sum_counts_the_unsplit_row():
    report = read_path(COUNTY)
    report.legacy["table3"]["other_unsplit"][0] = 3  # natural persons: 2 more than the total allows
    findings = [f for f in analyse(report).findings if f.code == "T3_OUTCOME_SUM"]
    assert len(findings) == 1
    assert findings[0].cells == (Cell("table3", "total", "natural_person"),)
    assert "“自然人”列" in findings[0].message and "未分项的“（六）其他处理”为 3" in findings[0].message
    assert findings[0].values["difference"] == -2


def test_a_missing_row_of_a_2019_report_is_still_reported():
    text = COUNTY.read_text("utf-8").replace("行政处罚\t22\t-1\t57\n", "")
    from gongkai.report_format import read_bytes

    report = analyse(read_bytes(text.encode(), "2019.txt"))
    missing = [f for f in report.findings if f.code == "MISSING"]
    assert [f.cells for f in missing] == [(Cell("table2", "punishment", "decisions"),)]


def test_json_round_trip_keeps_the_legacy_values_and_fits_the_schema():
    report = analyse(read_path(TOWNSHIP))
    data = report.to_json()
    jsonschema.validate(data, SCHEMA)
    assert data["format"] == "2019"
    assert data["legacy"]["table2"]["procurement"] == {"items": 2, "amount": 38.5}
    back = Report.loads(report.dumps())
    assert back.to_json() == data
    assert back.legacy == report.legacy
    assert back.legacy["table2"]["procurement"]["amount"] == Decimal("38.5")


def test_a_2021_report_has_no_legacy_key():
    data = read_path(seed_path("001")).to_json()
    assert "legacy" not in data
    jsonschema.validate(data, SCHEMA)


def test_a_pre_2019_report_is_narrative_only():
    report = analyse(read_path(NARRATIVE))
    assert report.year == 2017 and report.body == "南山市教育局"
    assert all(v is None for v in report.values.values())
    assert report.narrative.title == "南山市教育局2017年政府信息公开工作年度报告"
    assert "MISSING" not in {f.code for f in report.findings}


def test_a_2019_column_is_its_own_width_of_values():
    report = read_path(COUNTY)
    assert len(report.legacy["table3"]["other_unsplit"]) == len(TABLE3_COLUMNS)


@pytest.mark.parametrize(
    ("written", "items", "amount"),
    [
        ("6\t251000元", 6, Decimal("25.1")),
        ("6件\t25.1万元", 6, Decimal("25.1")),
        ("6\t25.1（万元）", 6, Decimal("25.1")),
        ("2\t3亿元", 2, Decimal("30000")),
    ],
)
def test_procurement_amounts_written_with_their_unit_are_read_in_wan_yuan(written, items, amount):
    text = COUNTY.read_text(encoding="utf-8").replace("政府集中采购\t6\t251000", "政府集中采购\t" + written)
    procurement = read_bytes(text.encode(), "county.txt").legacy["table2"]["procurement"]
    assert procurement == {"items": items, "amount": amount}
