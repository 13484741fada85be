"""The text parser on the shapes real reports take: each test changes one thing in a real seed."""

from decimal import Decimal

from gongkai.report_format import Cell, analyse, parse_text
from gongkai.report_format.layout import TABLE_CELLS
from tests.report_format.seeds import seed_text

TSV = seed_text("001")  # tab-separated, complete, all zero
NEW_ROW = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t"


def with_new_row(text: str, row: str) -> str:
    assert NEW_ROW in text
    return text.replace(NEW_ROW, row)


def test_full_width_digits_and_spaces_inside_words():
    text = with_new_row(TSV, "一、本年新收政府信息公开申请数量\t\t３\t0\t0\t0\t0\t0\t３\t")
    text = text.replace("行政许可\t0", "行 政 许 可\t１２")
    r = parse_text(text)
    assert r.row("new") == [3, 0, 0, 0, 0, 0, 3]
    assert r.values[Cell("table2", "licensing", "decisions")] == 12


def test_thousands_separator_and_a_city_sized_number():
    text = with_new_row(TSV, "一、本年新收政府信息公开申请数量\t\t3,119\t0\t0\t0\t0\t0\t3,119\t")
    assert parse_text(text).row("new") == [3119, 0, 0, 0, 0, 0, 3119]


def test_slash_or_dash_means_not_applicable_and_stays_null():
    text = TSV.replace("规章\t0\t0\t0", "规章\t/\t—\t/")
    r = parse_text(text)
    assert [r.values[Cell("table2", "regulations", f)] for f in ("issued", "repealed", "in_force")] == [
        None,
        None,
        None,
    ]
    assert r.values[Cell("table2", "normative_documents", "issued")] == 0


def test_the_fee_amount_is_a_decimal_in_wan_yuan():
    text = TSV.replace("行政事业性收费\t0", "行政事业性收费\t12.35")
    assert parse_text(text).values[Cell("table2", "fees", "amount")] == Decimal("12.35")


def test_space_separated_numbers_as_pdf_text_gives_them():
    text = with_new_row(TSV, "一、本年新收政府信息公开申请数量 4 0 0 0 0 1 5")
    assert parse_text(text).row("new") == [4, 0, 0, 0, 0, 1, 5]


def test_a_label_wrapped_over_two_lines_is_joined():
    text = TSV.replace(
        "\t\t5.要求行政机关确认或重新出具已获取信息\t", "\t\t5.要求行政机关确认或重新\n出具已获取信息\t"
    )
    assert "确认或重新\n出具" in text
    assert parse_text(text).row("rejected_confirmation") == [0] * 7


def test_word_bookmarks_do_not_hide_a_label():
    text = with_new_row(
        TSV, "[bookmark: _Hlk66973412]一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t"
    )
    assert parse_text(text).row("new") == [1, 0, 0, 0, 0, 0, 1]


def test_the_column_header_other_is_not_the_row_other():
    r = parse_text(TSV)
    assert r.row("other_other") == [0] * 7
    assert r.row("new") == [0] * 7


def test_a_table_cut_off_leaves_the_rest_missing_and_says_truncated():
    cut = TSV.index("(六) 其他处理")
    text = TSV[:cut] + "\n五、存在的主要问题及改进情况\n正文。"
    r = analyse(parse_text(text))
    assert r.row("other_no_correction") == [None] * 7
    assert r.row("rejected_confirmation") == [0] * 7
    assert r.source["tables"]["table3"] == "truncated"
    assert r.source["tables"]["table4"] == "absent"


def test_a_row_with_too_few_numbers_is_not_guessed():
    text = with_new_row(TSV, "一、本年新收政府信息公开申请数量\t\t5\t0\t5\t")
    r = parse_text(text)
    assert r.row("new") == [None] * 7
    assert r.source["unreadable_rows"] == [{"table": "table3", "row": "new", "read": [5, 0, 5]}]


def test_arabic_section_ordinals_and_images_in_place_of_tables():
    text = seed_text("004")
    assert "3、 收到和处理政府信息公开申请情况" in text
    r = parse_text(text)
    assert r.source["tables"]["table3"] == "image"


def test_markdown_tables_with_rule_rows():
    r = parse_text(seed_text("000"))
    assert r.values[Cell("table2", "punishment", "decisions")] == 0
    assert r.row("denied_state_secret") == [0] * 7


def test_a_carriage_return_file_reads_the_same():
    assert parse_text(TSV.replace("\n", "\r\n")).values == parse_text(TSV).values


def test_a_fee_amount_written_in_yuan_is_stored_in_wan_yuan_as_the_column_says():
    from gongkai.report_format.normalize import parse_number_with_unit

    assert parse_number_with_unit("3000元") == Decimal("0.3")
    assert parse_number_with_unit("12件") == 12
    assert parse_number_with_unit("1.5万元") == Decimal("1.5")
    assert parse_number_with_unit("元") is None and parse_number_with_unit("属于国家秘密") is None


def test_a_blank_first_cell_of_a_tab_separated_row_keeps_its_place():
    # The label spans two columns; 自然人 is printed blank, and so is 总计 of 结转.
    text = "三、收到和处理政府信息公开申请情况\n申请人情况\n一、本年新收政府信息公开申请数量\t\t\t2\t0\t0\t0\t1\t3\n"
    report = parse_text(text)
    assert report.row("new") == [None, 2, 0, 0, 0, 1, 3]


def test_a_row_of_table_four_with_blank_ends_keeps_its_places():
    blank_ends = "\t1\t0\t0\t1\t" + "\t".join(["0"] * 9) + "\t"
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n"
        + blank_ends
        + "\n五、存在的主要问题及改进情况\n"
    )
    report = parse_text(text)
    values = [report.values.get(c) for c in TABLE_CELLS["table4"]]
    assert values == [None, 1, 0, 0, 1, *[0] * 9, None]


def test_a_one_cell_per_line_row_with_blank_first_cells_keeps_their_places():
    cells = "\n".join(f"\t{c}" for c in ("", "", "1", "0", "0", "0", "1"))
    text = (
        f"三、收到和处理政府信息公开申请情况\n\t申请人情况\n\n\t一、本年新收政府信息公开申请数量\n{cells}\n\n"
    )
    report = parse_text(text)
    assert report.row("new") == [None, None, 1, 0, 0, 0, 1]


def test_a_numbering_column_before_the_label_does_not_hide_the_row():
    # A 序号 column: a number, then the label, then the cells (and a blank column the converter added).
    # The cells already read before the label are counted as text only when they are text.
    text = seed_text("000")
    row = "| 一、本年新收政府信息公开申请数量 | | 5 | 0 | 0 | 0 | 0 | 0 | 5 | |"
    assert row in text
    numbered = text.replace(row, "| 1 | 一、本年新收政府信息公开申请数量 | | 5 | 0 | 0 | 0 | 0 | 0 | 5 | |")
    assert parse_text(numbered).row("new") == [5, 0, 0, 0, 0, 0, 5]


def test_a_flat_fragment_kept_between_reports_reads_the_same_in_any_order():
    """What a flat line's fragment holds is kept between reports (text._FRAGMENTS), per label
    index: a trial-format page read in between, or an empty cache, changes no reading."""
    import json

    from gongkai.report_format import text
    from gongkai.report_format.read import read_bytes
    from tests.report_format.corruptions import corpus

    def read(sample) -> str:
        report = analyse(read_bytes(sample.text.encode(), "x.txt"), infer=True)
        return json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True, default=str)

    flat = corpus("flat", 2, seed=3)
    trial = [s for s in corpus("y2019", 6, seed=3) if s.layout == "flat"][:1]
    assert trial, "the y2019 class gives flat pages too"
    text._FRAGMENTS.clear()
    first = [read(s) for s in flat]
    assert text._FRAGMENTS  # the fragments were kept
    between = read(trial[0])
    assert [read(s) for s in flat] == first  # read again from the kept fragments
    text._FRAGMENTS.clear()
    assert read(trial[0]) == between
    assert [read(s) for s in reversed(flat)] == first[::-1]


def test_the_inner_cells_of_a_tab_separated_line_are_the_ones_split_from_it():
    from gongkai.report_format.text import _cells, _inner

    for line in ("\t\t2.重复申请\t0\t1\t\t", "\u3000\t规章\t1\t0\t0", "a\t\t1\t\u3000\t", "\t\t1\t\t"):
        full = [c.strip() for c in line.strip("\r\n ").split("\t")]
        assert _inner(full) == _cells(line)
