"""Importing monthly decision counts from .xlsx or .csv: all rows or nothing, errors name row and column."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from gongkai.disclosure.actions import DisclosureError
from gongkai.disclosure.actions.registers import import_decision_counts
from gongkai.disclosure.models import DecisionCount

HEADER = ["年份", "月份", "行政许可", "行政处罚", "行政强制"]


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_good_workbook_is_saved_month_by_month(street, clerk):
    data = xlsx([HEADER, [2024, 1, 3, 2, 0], [2024, 2, 4, 0, 1]])

    assert import_decision_counts(actor=clerk, body=street, data=data, filename="2024.xlsx") == 2
    saved = set(DecisionCount.objects.filter(body=street).values_list("year", "month", "kind", "count"))
    assert saved == {
        (2024, 1, "licensing", 3),
        (2024, 1, "punishment", 2),
        (2024, 1, "coercion", 0),
        (2024, 2, "licensing", 4),
        (2024, 2, "punishment", 0),
        (2024, 2, "coercion", 1),
    }


def test_a_bad_cell_saves_nothing_and_the_message_names_row_and_column(street, clerk):
    data = xlsx([HEADER, [2024, 1, 3, 2, 0], [2024, 2, 4, "三", 1]])

    with pytest.raises(DisclosureError) as error:
        import_decision_counts(actor=clerk, body=street, data=data, filename="2024.xlsx")

    assert error.value.message == "第3行“行政处罚”列：“三”不是非负整数"
    assert not DecisionCount.objects.exists()


def test_a_month_out_of_range_is_refused(street, clerk):
    with pytest.raises(DisclosureError, match="第2行“月份”列：13应在1到12之间"):
        import_decision_counts(
            actor=clerk, body=street, data=xlsx([HEADER, [2024, 13, 1, 1, 1]]), filename="x.xlsx"
        )


def test_a_missing_column_is_named(street, clerk):
    with pytest.raises(DisclosureError, match="缺少列：行政强制"):
        import_decision_counts(
            actor=clerk, body=street, data=xlsx([HEADER[:4], [2024, 1, 1, 1]]), filename="x.xlsx"
        )


def test_a_csv_in_gb18030_works_too(street, clerk):
    data = "年份,月份,行政许可,行政处罚,行政强制\n2024,3,7,0,0\n".encode("gb18030")

    assert import_decision_counts(actor=clerk, body=street, data=data, filename="2024.csv") == 1
    assert DecisionCount.objects.get(body=street, kind="licensing").count == 7


def test_a_repeated_month_is_refused(street, clerk):
    data = xlsx([HEADER, [2024, 1, 1, 1, 1], [2024, 1, 2, 2, 2]])

    with pytest.raises(DisclosureError, match="第3行：2024年1月与第2行重复"):
        import_decision_counts(actor=clerk, body=street, data=data, filename="x.xlsx")
