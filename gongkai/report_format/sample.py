"""Random consistent reports: demo data, benchmarks and tests draw on one generator.

Magnitudes follow reality: a 街道 gets a handful of requests a year, a city government thousands.
Every rule of rules.py holds for what this returns.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from .layout import TABLE2_ITEMS, TABLE3_APPLICANT_COLUMNS, TABLE3_OUTCOME_ROWS, TABLE4_BLOCKS, Cell
from .model import Report

_PLACES = ("东城", "西城", "南山", "北湖", "青石", "柳营", "环翠", "天福", "坛山", "高新")
_KINDS = ("街道办事处", "镇人民政府", "区人民政府办公室", "区教育局", "区自然资源局", "市人民政府")


def random_report(rng: random.Random, *, year: int | None = None, body: str | None = None) -> Report:
    year = year or rng.randint(2021, 2025)
    scale = rng.choice((3, 3, 3, 20, 200, 3000))  # most bodies are small
    r = Report(
        body=body or f"{rng.choice(_PLACES)}区{rng.choice(_PLACES)}{rng.choice(_KINDS)}",
        year=year,
        published_on=date(year + 1, 1, 10) + timedelta(days=rng.randint(0, 40)),
    )
    outcome_keys = [row.key for row in TABLE3_OUTCOME_ROWS]
    totals = dict.fromkeys(["new", "carried_over", "total", "carried_forward", *outcome_keys], 0)
    for col in TABLE3_APPLICANT_COLUMNS:
        weight = scale if col.key == "natural_person" else max(0, scale // rng.randint(3, 30))
        handled = {k: _small(rng, weight) for k in outcome_keys}
        total = sum(handled.values())
        forward = _small(rng, max(1, weight // 4))
        carried = rng.randint(0, total + forward)
        new = total + forward - carried
        for key, value in (
            *handled.items(),
            ("total", total),
            ("carried_forward", forward),
            ("carried_over", carried),
            ("new", new),
        ):
            r.values[Cell("table3", key, col.key)] = value
            totals[key] += value
    for key, value in totals.items():
        r.values[Cell("table3", key, "total")] = value
    for block in TABLE4_BLOCKS:
        parts = {k: _small(rng, max(1, scale // 50)) for k in ("upheld", "corrected", "other", "pending")}
        for key, value in (*parts.items(), ("total", sum(parts.values()))):
            r.values[Cell("table4", block.key, key)] = value
    for item in TABLE2_ITEMS:
        for f in item.fields:
            cell = Cell("table2", item.key, f.key)
            if f.kind == "amount":
                r.values[cell] = Decimal(rng.randint(0, 500000)) / 100
            else:
                r.values[cell] = _small(rng, scale)
    return r


def _small(rng: random.Random, scale: int) -> int:
    """Mostly zero, sometimes a count up to the body's scale."""
    return 0 if rng.random() < 0.6 else rng.randint(0, max(1, scale))
