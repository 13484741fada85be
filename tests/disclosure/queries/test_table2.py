"""Table 2 from the registers, with numbers counted by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gongkai.disclosure.actions import DisclosureError
from gongkai.disclosure.actions.registers import (
    register_document,
    repeal_document,
    set_decision_counts,
    set_fee_income,
)
from gongkai.disclosure.queries.registers import table2
from gongkai.report_format.layout import Cell


def cell(row: str, column: str) -> Cell:
    return Cell("table2", row, column)


@pytest.fixture
def ledger(street, clerk):
    def add(title, issued_on, kind="normative_documents", **kw):
        return register_document(actor=clerk, body=street, kind=kind, title=title, issued_on=issued_on, **kw)

    old = add("只楚街道门前三包管理办法", date(2021, 5, 1))
    replaced = add("只楚街道临时救助实施细则", date(2023, 3, 10))
    add("只楚街道网格化管理规定", date(2023, 12, 31))
    add("只楚街道2024年新规", date(2024, 6, 1))
    add("规章一件", date(2023, 7, 1), kind="regulations")
    repeal_document(actor=clerk, document=replaced, repealed_on=date(2024, 2, 1))
    return old, replaced


def test_a_document_issued_2023_and_repealed_2024_is_in_force_at_the_end_of_2023(street, ledger):
    t2023 = table2(street, 2023)
    t2024 = table2(street, 2024)

    # 2023: issued 临时救助 + 网格化 = 2; in force 门前三包 + 临时救助 + 网格化 = 3.
    assert (t2023[cell("normative_documents", "issued")], t2023[cell("normative_documents", "repealed")]) == (
        2,
        0,
    )
    assert t2023[cell("normative_documents", "in_force")] == 3
    # 2024: issued 2024新规; repealed 临时救助; in force 门前三包 + 网格化 + 2024新规 = 3.
    assert (t2024[cell("normative_documents", "issued")], t2024[cell("normative_documents", "repealed")]) == (
        1,
        1,
    )
    assert t2024[cell("normative_documents", "in_force")] == 3
    assert (t2023[cell("regulations", "issued")], t2024[cell("regulations", "in_force")]) == (1, 1)


def test_an_expired_document_is_not_in_force(street, clerk):
    register_document(
        actor=clerk, body=street, kind="normative_documents", title="试行办法", issued_on=date(2022, 1, 1),
        expires_on=date(2023, 12, 30),
    )  # fmt: skip
    assert table2(street, 2022)[cell("normative_documents", "in_force")] == 1
    assert table2(street, 2023)[cell("normative_documents", "in_force")] == 0


def test_decisions_are_the_sum_of_the_months_and_fees_are_ten_thousands_of_yuan(street, clerk, other_street):
    set_decision_counts(
        actor=clerk, body=street, year=2024, month=1, counts={"licensing": 3, "punishment": 2}
    )
    set_decision_counts(actor=clerk, body=street, year=2024, month=2, counts={"licensing": 4, "coercion": 1})
    set_decision_counts(actor=clerk, body=street, year=2024, month=2, counts={"licensing": 5})  # corrected
    set_decision_counts(actor=None, body=other_street, year=2024, month=1, counts={"licensing": 100})
    set_fee_income(actor=clerk, body=street, year=2024, month=1, amount="12345.67")
    set_fee_income(actor=clerk, body=street, year=2024, month=7, amount=Decimal("100"))

    t = table2(street, 2024)

    assert t[cell("licensing", "decisions")] == 8
    assert t[cell("punishment", "decisions")] == 2
    assert t[cell("coercion", "decisions")] == 1
    assert t[cell("fees", "amount")] == Decimal("1.2446")  # 12 445.67 元 = 1.244567 万元
    assert table2(street, 2023)[cell("fees", "amount")] == Decimal("0.0000")


def test_table2_has_every_cell_of_the_national_format(street):
    from gongkai.report_format.layout import TABLE2_ITEMS

    assert set(table2(street, 2024)) == {cell(i.key, f.key) for i in TABLE2_ITEMS for f in i.fields}


def test_a_repeal_before_issue_is_refused(street, clerk):
    document = register_document(
        actor=clerk, body=street, kind="regulations", title="X", issued_on=date(2024, 5, 1)
    )
    with pytest.raises(DisclosureError, match="废止日期不能早于印发日期"):
        repeal_document(actor=clerk, document=document, repealed_on=date(2024, 4, 30))


def test_registers_of_a_year_whose_report_is_published_are_locked(street, clerk):
    from gongkai.report_workspace.actions.lock import YearLocked
    from gongkai.report_workspace.models import AnnualReport, Status

    AnnualReport.objects.create(
        body=street, year=2024, status=Status.PUBLISHED, data={}, published_on=date(2025, 1, 20)
    )
    with pytest.raises(YearLocked, match="已锁定"):
        set_decision_counts(actor=clerk, body=street, year=2024, month=6, counts={"licensing": 3})
    with pytest.raises(YearLocked):
        set_fee_income(actor=clerk, body=street, year=2024, month=12, amount="100")
    with pytest.raises(YearLocked):
        register_document(
            actor=clerk, body=street, kind="normative", title="某办法", issued_on=date(2024, 5, 1)
        )
    set_decision_counts(actor=clerk, body=street, year=2025, month=1, counts={"licensing": 3})  # 2025 is open
    assert table2(street, 2024)[cell("licensing", "decisions")] in (0, None)
