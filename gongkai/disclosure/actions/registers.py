"""Keep the registers behind table 2: the document ledger, monthly decisions, monthly fee income."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from gongkai.bodies.models import Body
from gongkai.disclosure.access import can_keep_registers
from gongkai.disclosure.actions.common import User, actor_label, require
from gongkai.disclosure.actions.errors import DisclosureError
from gongkai.disclosure.actions.ledger import ledger_changed
from gongkai.disclosure.models import DecisionCount, FeeIncome, NormativeDocument, RegisterEvent
from gongkai.disclosure.rules.imports import MonthRow, TableError, read_decision_table


@transaction.atomic
def register_document(
    *,
    actor: User | None,
    body: Body,
    kind: str,
    title: str,
    issued_on: date,
    doc_number: str = "",
    expires_on: date | None = None,
    repealed_on: date | None = None,
) -> NormativeDocument:
    _require(actor, body)
    for on in (issued_on, repealed_on):
        if on is not None:
            _guard_published_year(actor, body, on)
    if kind not in NormativeDocument.Kind.values:
        raise DisclosureError("请选择类别：规章或行政规范性文件")
    if not title.strip():
        raise DisclosureError("请填写文件名称")
    if repealed_on is not None and repealed_on < issued_on:
        raise DisclosureError("废止日期不能早于印发日期")
    if expires_on is not None and expires_on < issued_on:
        raise DisclosureError("有效期不能早于印发日期")
    document = NormativeDocument.objects.create(
        body=body,
        kind=kind,
        title=title.strip(),
        doc_number=doc_number.strip(),
        issued_on=issued_on,
        expires_on=expires_on,
        repealed_on=repealed_on,
        created_by=actor,
    )
    _event(body, actor, "document_registered", {"id": document.pk, "title": document.title})
    return document


@transaction.atomic
def repeal_document(
    *, actor: User | None, document: NormativeDocument, repealed_on: date
) -> NormativeDocument:
    document = NormativeDocument.objects.select_for_update().select_related("body").get(pk=document.pk)
    _require(actor, document.body)
    if document.repealed_on is not None:
        raise DisclosureError(f"该文件已于{document.repealed_on}废止")
    if repealed_on < document.issued_on:
        raise DisclosureError("废止日期不能早于印发日期")
    _guard_published_year(actor, document.body, repealed_on)
    document.repealed_on = repealed_on
    document.save(update_fields=["repealed_on"])
    ledger_changed(document)
    _event(
        document.body, actor, "document_repealed", {"id": document.pk, "repealed_on": repealed_on.isoformat()}
    )
    return document


@transaction.atomic
def set_decision_counts(
    *, actor: User | None, body: Body, year: int, month: int, counts: dict[str, int]
) -> list[DecisionCount]:
    """The decisions of one month, one number per kind (replacing what was entered before)."""
    _require(actor, body)
    _check_month(year, month)
    _guard_published_year(actor, body, date(year, month, 1))
    rows = []
    for kind, count in counts.items():
        if kind not in DecisionCount.Kind.values:
            raise DisclosureError(f"未知的处理决定类别：{kind}")
        if count < 0:
            raise DisclosureError("处理决定数量不能为负数")
        row, _ = DecisionCount.objects.update_or_create(
            body=body, kind=kind, year=year, month=month, defaults={"count": count}
        )
        rows.append(row)
    _event(body, actor, "decisions_entered", {"year": year, "month": month, "counts": counts})
    return rows


def import_decision_counts(*, actor: User | None, body: Body, data: bytes, filename: str) -> int:
    """Every row of the table or nothing: returns the number of months saved.

    The file is read (and refused when too long) before the transaction opens; the rows are then
    written in one short transaction, so no write lock is held while a file is being read."""
    _require(actor, body)
    try:
        rows = read_decision_table(data, filename)
    except TableError as e:
        raise DisclosureError(e.message) from None
    return _save_decision_rows(actor=actor, body=body, rows=rows, filename=filename)


@transaction.atomic
def _save_decision_rows(*, actor: User | None, body: Body, rows: list[MonthRow], filename: str) -> int:
    for row in rows:
        _guard_published_year(actor, body, date(row.year, row.month, 1))
        for kind, count in row.counts.items():
            DecisionCount.objects.update_or_create(
                body=body, kind=kind, year=row.year, month=row.month, defaults={"count": count}
            )
    _event(body, actor, "decisions_imported", {"filename": filename, "months": len(rows)})
    return len(rows)


@transaction.atomic
def set_fee_income(
    *, actor: User | None, body: Body, year: int, month: int, amount: Decimal | str
) -> FeeIncome:
    _require(actor, body)
    _check_month(year, month)
    _guard_published_year(actor, body, date(year, month, 1))
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise DisclosureError(f"收费金额“{amount}”不是有效的数字") from None
    if value < 0:
        raise DisclosureError("收费金额不能为负数")
    row, _ = FeeIncome.objects.update_or_create(body=body, year=year, month=month, defaults={"amount": value})
    _event(body, actor, "fees_entered", {"year": year, "month": month, "amount": str(value)})
    return row


def _guard_published_year(actor: User | None, body: Body, on: date) -> None:
    """A register entry of a year whose annual report is published would change that report's
    table 2: refused (YearLocked, in Chinese)."""
    from gongkai.report_workspace.actions.lock import guard_change

    guard_change(actor=actor, body=body, on=on)


def _require(actor: User | None, body: Body) -> None:
    if actor is not None:
        require(can_keep_registers(actor, body), "只有本机关的经办人或管理员可以登记台账")


def _check_month(year: int, month: int) -> None:
    if not 2000 <= year <= 2100:
        raise DisclosureError(f"年份{year}不在合理范围内")
    if not 1 <= month <= 12:
        raise DisclosureError(f"月份{month}应在1到12之间")


def _event(body: Body, actor: User | None, kind: str, data: dict[str, Any]) -> None:
    RegisterEvent.objects.create(body=body, kind=kind, actor=actor, actor_label=actor_label(actor), data=data)
