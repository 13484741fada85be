"""The report value type and its canonical JSON (keys from shared/spec/annual-report-format.md).

A value that is absent is ``None`` (``null`` in JSON), never 0. Counts are ``int``; the fee amount
of table 2 is a ``Decimal`` in 万元. Round trip: ``Report.from_json(r.to_json()) == r``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .layout import (
    AMOUNT_CELLS,
    TABLE2_ITEMS,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE4_FIELDS,
    Cell,
)
from .rules import RULES, Severity

Number = int | Decimal
FORMAT_2021 = "2021"


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    cells: tuple[Cell, ...] = ()
    values: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    severity: Severity | None = None

    @property
    def level(self) -> Severity:
        return self.severity or RULES[self.code].severity

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.level,
            "message": self.message,
            "cells": [c.to_json() for c in self.cells],
            "values": _plain(self.values),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        return cls(
            code=data["code"],
            message=data["message"],
            cells=tuple(Cell(c["table"], c["row"], c["column"]) for c in data.get("cells", [])),
            values=data.get("values") or {},
            severity=data.get("severity"),
        )


@dataclass(frozen=True)
class Part:
    label: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "count": self.count}


@dataclass(frozen=True)
class Breakdown:
    """A stated total and the parts the narrative lists for it ("64条，其中机构概况13条、…")."""

    total: int
    parts: tuple[Part, ...]
    kind: str  # "channel" or "category"
    quote: str

    @property
    def parts_sum(self) -> int:
        return sum(p.count for p in self.parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "kind": self.kind,
            "parts": [p.to_json() for p in self.parts],
            "quote": self.quote,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Breakdown:
        return cls(d["total"], tuple(Part(p["label"], p["count"]) for p in d["parts"]), d["kind"], d["quote"])


@dataclass
class Narrative:
    """Section texts and the facts the narrative states (None where it states nothing)."""

    title: str | None = None
    sections: dict[str, str] = field(default_factory=dict)
    items_disclosed: int | None = None
    item_breakdowns: list[Breakdown] = field(default_factory=list)
    requests_received: int | None = None
    requests_change: int | None = None  # signed change against the previous year, as stated
    fees_charged_yuan: Decimal | None = None
    npc_suggestions: int | None = None
    cppcc_proposals: int | None = None
    review_cases: int | None = None
    litigation_cases: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "sections": dict(self.sections),
            "items_disclosed": self.items_disclosed,
            "item_breakdowns": [b.to_json() for b in self.item_breakdowns],
            "requests_received": self.requests_received,
            "requests_change": self.requests_change,
            "fees_charged_yuan": _plain(self.fees_charged_yuan),
            "npc_suggestions": self.npc_suggestions,
            "cppcc_proposals": self.cppcc_proposals,
            "review_cases": self.review_cases,
            "litigation_cases": self.litigation_cases,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Narrative:
        d = d or {}
        fee = d.get("fees_charged_yuan")
        return cls(
            title=d.get("title"),
            sections=dict(d.get("sections") or {}),
            items_disclosed=d.get("items_disclosed"),
            item_breakdowns=[Breakdown.from_json(b) for b in d.get("item_breakdowns") or []],
            requests_received=d.get("requests_received"),
            requests_change=d.get("requests_change"),
            fees_charged_yuan=None if fee is None else Decimal(str(fee)),
            npc_suggestions=d.get("npc_suggestions"),
            cppcc_proposals=d.get("cppcc_proposals"),
            review_cases=d.get("review_cases"),
            litigation_cases=d.get("litigation_cases"),
        )


@dataclass
class Report:
    body: str | None = None
    year: int | None = None
    published_on: date | None = None
    values: dict[Cell, Number | None] = field(default_factory=dict)
    narrative: Narrative = field(default_factory=Narrative)
    findings: list[Finding] = field(default_factory=list)
    format: str = FORMAT_2021
    # How each table was found: "text", "image", "absent", "truncated" (later: "docx", "ocr" …).
    source: dict[str, Any] = field(default_factory=dict)
    # Values of an older format that have no 2021 cell (layout_2019.py): {"table2": {item: {field:
    # value}}, "table3": {"other_unsplit": [7 values]}}. Empty for a 2021 report.
    legacy: dict[str, Any] = field(default_factory=dict)

    def get(self, cell: Cell) -> Number | None:
        return self.values.get(cell)

    def set(self, cell: Cell, value: Number | None) -> None:
        self.values[cell] = value

    def row(self, key: str) -> list[Number | None]:
        return [self.values.get(Cell("table3", key, c.key)) for c in TABLE3_COLUMNS]

    def table_is_empty(self, table: str) -> bool:
        return all(v is None for c, v in self.values.items() if c.table == table)

    # ------------------------------------------------------------ JSON
    def to_json(self) -> dict[str, Any]:
        v = self.values
        return {
            "format": self.format,
            "body": self.body,
            "year": self.year,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "table2": {
                item.key: {f.key: _plain(v.get(Cell("table2", item.key, f.key))) for f in item.fields}
                for item in TABLE2_ITEMS
            },
            "table3": {
                "columns": [c.key for c in TABLE3_COLUMNS],
                "rows": {
                    r.key: [v.get(Cell("table3", r.key, c.key)) for c in TABLE3_COLUMNS] for r in TABLE3_ROWS
                },
            },
            "table4": {
                b.key: {f.key: v.get(Cell("table4", b.key, f.key)) for f in TABLE4_FIELDS}
                for b in TABLE4_BLOCKS
            },
            "narrative": self.narrative.to_json(),
            "findings": [f.to_json() for f in self.findings],
            "source": _plain(self.source),
        } | ({"legacy": _plain(self.legacy)} if self.legacy else {})

    def dumps(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        values: dict[Cell, Number | None] = {}
        t2 = data.get("table2") or {}
        for item in TABLE2_ITEMS:
            for f in item.fields:
                cell = Cell("table2", item.key, f.key)
                values[cell] = _number(cell, (t2.get(item.key) or {}).get(f.key))
        rows = (data.get("table3") or {}).get("rows") or {}
        for r in TABLE3_ROWS:
            row = rows.get(r.key) or [None] * len(TABLE3_COLUMNS)
            for c, x in zip(TABLE3_COLUMNS, row, strict=True):
                cell = Cell("table3", r.key, c.key)
                values[cell] = _number(cell, x)
        t4 = data.get("table4") or {}
        for b in TABLE4_BLOCKS:
            for f in TABLE4_FIELDS:
                cell = Cell("table4", b.key, f.key)
                values[cell] = _number(cell, (t4.get(b.key) or {}).get(f.key))
        published = data.get("published_on")
        return cls(
            body=data.get("body"),
            year=data.get("year"),
            published_on=date.fromisoformat(published) if published else None,
            values=values,
            narrative=Narrative.from_json(data.get("narrative")),
            findings=[Finding.from_json(f) for f in data.get("findings") or []],
            format=data.get("format") or FORMAT_2021,
            source=data.get("source") or {},
            legacy=_legacy(data.get("legacy")),
        )

    @classmethod
    def loads(cls, text: str) -> Report:
        return cls.from_json(json.loads(text, parse_float=Decimal))


def _legacy(data: dict[str, Any] | None) -> dict[str, Any]:
    """Legacy values back from JSON: amounts as Decimal (as the parser stores them)."""
    if not data:
        return {}
    out = dict(data)
    if "table2" not in data:
        return out
    t2 = data.get("table2") or {}
    out["table2"] = {
        item: {f: (Decimal(str(v)) if isinstance(v, float) else v) for f, v in row.items()}
        for item, row in t2.items()
    }
    return out


def _number(cell: Cell, x: Any) -> Number | None:
    if x is None:
        return None
    if cell in AMOUNT_CELLS:
        return Decimal(str(x))
    if isinstance(x, bool) or not isinstance(x, int | Decimal | float):
        raise ValueError(f"{cell.path}: 应为整数，实为 {x!r}")
    if int(x) != x:
        raise ValueError(f"{cell.path}: 应为整数，实为 {x!r}")
    return int(x)


def _plain(x: Any) -> Any:
    """Decimals become JSON numbers (int when whole, else float whose repr is the exact decimal)."""
    if isinstance(x, Decimal):
        return int(x) if x == x.to_integral_value() else float(x)
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    return x
