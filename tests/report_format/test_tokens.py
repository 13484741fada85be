"""The readers' common form: lines of fields, and the text the parser reads derived from it."""

from __future__ import annotations

from gongkai.report_format.tokens import Field, Line, Tokens


def test_text_is_kept_as_it_is_and_split_into_fields_on_demand():
    text = "一、总体情况\n（一）予以公开\t3\t\t1\n"
    tokens = Tokens.of_text(text)
    assert tokens.to_text() is text
    assert not tokens.has_positions
    assert [[f.text for f in line.fields] for line in tokens.lines] == [
        ["一、总体情况"],
        ["（一）予以公开", "3", "", "1"],
    ]
    assert [f.bounded for f in tokens.lines[1].fields] == [True] * 4


def test_lines_with_positions_give_the_tab_separated_text_and_the_confidences():
    lines = [
        Line([Field("行政许可", 10, 50), Field("3", 90, 96, confidence=0.9)], 0, 700, 690),
        Line([Field("行政处罚", 10, 50)], 0, 680, 670),
    ]
    tokens = Tokens(lines)
    assert tokens.has_positions
    assert tokens.to_text() == "行政许可\t3\n行政处罚\n"
    assert tokens.confidences() == [[None, 0.9], [None]]
