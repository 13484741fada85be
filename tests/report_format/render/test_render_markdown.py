"""Markdown export: the whole report as a user would paste it, tables laid out as the official format."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.report_format import Cell, Narrative
from gongkai.report_format.layout import SECTIONS
from gongkai.report_format.render import render_markdown
from tests.report_format.builders import consistent_report, t3

TITLE = "测试区测试街道办事处2024年政府信息公开工作年度报告"


def numbers(*ns: int) -> list[str]:
    return [str(n) for n in ns]


def cells_of(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def line_with(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if label in line)


def narrated_report():
    r = consistent_report()
    r.narrative = Narrative(
        sections={
            "preamble": "根据《条例》要求编制本报告。",
            "overview": "（一）主动公开情况。\n本年度主动公开信息64条。",
            "problems": "一是公开内容不够全面。",
            "other_matters": "未收取信息处理费。",
        }
    )
    return r


def test_markdown_starts_with_the_title_line():
    assert render_markdown(consistent_report()).splitlines()[0] == TITLE


def test_markdown_title_leaves_out_an_unknown_body():
    r = consistent_report()
    r.body = None
    assert render_markdown(r).splitlines()[0] == "2024年政府信息公开工作年度报告"


def test_markdown_has_the_six_section_headings_on_their_own_lines_in_order():
    lines = render_markdown(consistent_report()).splitlines()
    positions = [lines.index(f"{s.ordinal}、{s.heading}") for s in SECTIONS]
    assert positions == sorted(positions) and len(positions) == 6


def test_markdown_puts_each_narrative_text_under_its_section():
    lines = render_markdown(narrated_report()).splitlines()
    at = {text: lines.index(text) for text in ("根据《条例》要求编制本报告。", "本年度主动公开信息64条。")}
    at |= {text: lines.index(text) for text in ("一是公开内容不够全面。", "未收取信息处理费。")}
    heading = {s.number: lines.index(f"{s.ordinal}、{s.heading}") for s in SECTIONS}
    assert at["根据《条例》要求编制本报告。"] < heading[1]
    assert heading[1] < at["本年度主动公开信息64条。"] < heading[2]
    assert heading[5] < at["一是公开内容不够全面。"] < heading[6]
    assert heading[6] < at["未收取信息处理费。"]


def test_markdown_table2_has_block_header_field_header_and_item_rows():
    lines = render_markdown(consistent_report()).splitlines()
    start = lines.index("| 第二十条第（一）项 |  |  |  |")
    assert lines[start + 1] == "|---|---|---|---|"
    assert cells_of(lines[start + 2]) == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert cells_of(lines[start + 4]) == ["行政规范性文件", "2", "1", "11"]
    assert cells_of(line_with("\n".join(lines), "| 行政许可 |")) == ["行政许可", "120", "", ""]


def test_markdown_table3_row_has_group_label_and_seven_numbers():
    text = render_markdown(consistent_report())
    assert cells_of(line_with(text, "1.属于国家秘密")) == ["", "（三）不予公开", "1.属于国家秘密", *["0"] * 7]
    assert cells_of(line_with(text, "4.保护第三方合法权益")) == [
        "",
        "",
        "4.保护第三方合法权益",
        *numbers(1, 0, 0, 0, 0, 0, 1),
    ]
    new = cells_of(line_with(text, "一、本年新收"))
    assert new == ["一、本年新收政府信息公开申请数量", "", "", *numbers(10, 3, 0, 0, 0, 0, 13)]
    assert cells_of(line_with(text, "（一）予以公开"))[:4] == [
        "三、本年度办理结果",
        "（一）予以公开",
        "",
        "4",
    ]


def test_markdown_table3_header_rows_follow_the_official_format():
    text = render_markdown(consistent_report())
    assert cells_of(line_with(text, "申请人情况"))[3] == "申请人情况"
    assert cells_of(line_with(text, "法人或其他组织"))[3:] == [
        "自然人",
        "法人或其他组织",
        "",
        "",
        "",
        "",
        "总计",
    ]
    assert cells_of(line_with(text, "商业企业"))[4:9] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]


def test_markdown_table4_is_a_two_level_header_and_one_row_of_fifteen_numbers():
    lines = render_markdown(consistent_report()).splitlines()
    start = lines.index(line_with("\n".join(lines), "| 行政复议 |"))
    assert cells_of(lines[start])[5] == "行政诉讼"
    assert cells_of(lines[start + 2])[5:11] == ["未经复议直接起诉", "", "", "", "", "复议后起诉"]
    assert cells_of(lines[start + 4]) == ["1", "1", "0", "1", "3", "1", "0", "0", "0", "1", *["0"] * 5]


def test_markdown_missing_value_is_an_empty_cell_never_zero():
    r = consistent_report()
    r.values[t3("granted", "natural_person")] = None
    r.values[Cell("table2", "licensing", "decisions")] = None
    text = render_markdown(r)
    assert cells_of(line_with(text, "（一）予以公开"))[3] == ""
    assert cells_of(line_with(text, "| 行政许可 |"))[1] == ""


def test_markdown_fee_is_a_plain_decimal():
    r = consistent_report()
    r.values[Cell("table2", "fees", "amount")] = Decimal("1E+1")
    assert cells_of(line_with(render_markdown(r), "| 行政事业性收费 |"))[1] == "10"
    r.values[Cell("table2", "fees", "amount")] = Decimal("0.0035")
    assert cells_of(line_with(render_markdown(r), "| 行政事业性收费 |"))[1] == "0.0035"


def test_markdown_ends_with_the_date_line():
    r = consistent_report()
    r.published_on = date(2025, 1, 2)
    assert render_markdown(r).rstrip().splitlines()[-1] == "2025年1月2日"


def test_markdown_without_a_date_ends_with_the_last_section():
    r = consistent_report()
    r.published_on = None
    assert render_markdown(r).rstrip().splitlines()[-1] == "六、其他需要报告的事项"
