"""The JSON Schema of the canonical report JSON, derived from the layout (published in docs/)."""

from __future__ import annotations

import json
from typing import Any

from .layout import (
    NARRATIVE_SECTIONS,
    TABLE2_ITEMS,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE4_FIELDS,
)
from .rules import RULES

_SIGNED = {"type": ["integer", "null"]}  # a malformed report may hold a negative count: the checker says so
_AMOUNT = {"type": ["number", "null"]}
_CELL = {
    "type": "object",
    "required": ["table", "row", "column"],
    "properties": {
        "table": {"enum": ["table2", "table3", "table4"]},
        "row": {"type": "string"},
        "column": {"type": "string"},
    },
    "additionalProperties": False,
}


def _obj(props: dict[str, Any], *, required: bool = True) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": list(props) if required else [],
        "additionalProperties": False,
    }


def report_schema() -> dict[str, Any]:
    table2 = _obj(
        {
            item.key: _obj(
                {f.key: (_AMOUNT if f.kind == "amount" else _SIGNED) for f in item.fields}, required=True
            )
            | {"description": item.label}
            for item in TABLE2_ITEMS
        }
    )
    row = {
        "type": "array",
        "items": _SIGNED,
        "minItems": len(TABLE3_COLUMNS),
        "maxItems": len(TABLE3_COLUMNS),
    }
    table3 = _obj(
        {
            "columns": {"const": [c.key for c in TABLE3_COLUMNS]},
            "rows": _obj({r.key: row | {"description": r.printed} for r in TABLE3_ROWS}),
        }
    )
    table4 = _obj(
        {
            b.key: _obj({f.key: _SIGNED for f in TABLE4_FIELDS}) | {"description": b.label}
            for b in TABLE4_BLOCKS
        }
    )
    finding = {
        "type": "object",
        "required": ["code", "severity", "message", "cells"],
        "properties": {
            "code": {"enum": sorted(RULES)},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string", "description": "中文说明，指明单元格与两边的数值"},
            "cells": {"type": "array", "items": _CELL},
            "values": {"type": "object"},
        },
    }
    nullable_int = {"type": ["integer", "null"]}
    breakdown = {
        "type": "object",
        "required": ["total", "kind", "parts"],
        "properties": {
            "total": {"type": "integer"},
            "kind": {"enum": ["channel", "category"]},
            "parts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["label", "count"],
                    "properties": {"label": {"type": "string"}, "count": {"type": "integer"}},
                },
            },
            "quote": {"type": "string"},
        },
    }
    narrative = {
        "type": "object",
        "properties": {
            "title": {"type": ["string", "null"]},
            "sections": {
                "type": "object",
                "properties": {k: {"type": "string"} for k in NARRATIVE_SECTIONS},
                "additionalProperties": False,
            },
            "items_disclosed": nullable_int,
            "item_breakdowns": {"type": "array", "items": breakdown},
            "requests_received": nullable_int,
            "requests_change": nullable_int,
            "fees_charged_yuan": {"type": ["number", "null"]},
            "npc_suggestions": nullable_int,
            "cppcc_proposals": nullable_int,
            "review_cases": nullable_int,
            "litigation_cases": nullable_int,
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://gongkai.example/schema/annual-report.json",
        "title": "政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）",
        "type": "object",
        "required": [
            "format",
            "body",
            "year",
            "published_on",
            "table2",
            "table3",
            "table4",
            "narrative",
            "findings",
        ],
        "properties": {
            "format": {"type": "string"},
            "body": {"type": ["string", "null"], "description": "机关名称"},
            "year": {"type": ["integer", "null"], "description": "报告年度"},
            "published_on": {"type": ["string", "null"], "format": "date"},
            "table2": table2,
            "table3": table3,
            "table4": table4,
            "narrative": narrative,
            "findings": {"type": "array", "items": finding},
            "source": {"type": "object"},
            "legacy": _legacy_schema(),
        },
        "additionalProperties": False,
    }


def _legacy_schema() -> dict[str, Any]:
    """Values of the 2019 trial format without a 2021 cell (layout_2019.py); absent for 2021 reports."""
    from .layout_2019 import OTHER_UNSPLIT, TABLE2_ITEMS_2019

    table2 = _obj(
        {
            item.key: _obj({f.key: (_AMOUNT if f.kind == "amount" else _SIGNED) for f in item.fields})
            | {"description": item.label}
            for item in TABLE2_ITEMS_2019
        },
        required=False,
    )
    row = {
        "type": "array",
        "items": _SIGNED,
        "minItems": len(TABLE3_COLUMNS),
        "maxItems": len(TABLE3_COLUMNS),
    }
    table3 = _obj({OTHER_UNSPLIT.key: row | {"description": OTHER_UNSPLIT.printed}}, required=False)
    from .narrative_pre2019 import LEGACY_SECTIONS, OUTCOMES

    text = {"type": "string"}
    outcomes = _obj(
        {key: {"type": "integer", "minimum": 0, "description": label} for key, label, _ in OUTCOMES},
        required=False,
    )
    pre2019 = _obj({key: text for key in LEGACY_SECTIONS} | {"outcomes": outcomes}, required=False) | {
        "description": "2019 年以前的报告（2007 年条例）：没有对应 2021 年格式的章节原文和办理结果数"
    }
    return _obj({"table2": table2, "table3": table3, "pre2019": pre2019}, required=False) | {
        "description": "旧格式中在 2021 年格式里没有对应位置的内容：2019 年试行格式（国办公开办函〔2019〕60号）"
        "的数值，以及 2019 年以前报告的章节原文和办理结果数"
    }


def schema_json() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(schema_json(), end="")
