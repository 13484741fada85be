"""Generated reports with the failure classes of real documents: (text, truth) pairs per class.

The real corpus (shared/corpus/real, crawled pages of one county's departments) shows what users
hand in; this module produces the same kinds of damage on reports of ``sample.random_report``, so
the reader's accuracy is measured per class (bench/parse_corrupted.py) and ratcheted
(test_corrupted_accuracy.py). The classes:

* ``clean`` — the project's own text renderers (tab-separated, one cell per line, markdown): baseline;
* ``flat`` — the crawled web page: body on one to three lines, each row's numbers run together
  after its label (``一、本年新收政府信息公开申请数量120030015``), a space after each row;
* ``glued`` — flat without that space: ``…禁止公开00000003.危及“三安全一稳定”…``;
* ``spaces`` — flat with ``&nbsp;`` residue: ``10 0 0 0 01``, full-width spaces, ``商业 企业``;
* ``split_labels`` — PDF converted to text or markdown: ``（四）无`` … ``法提供``, ``商业企`` / ``业``,
  numbers without their label (a line, or a markdown row), sometimes before it;
* ``merged`` — a PDF table: merged cells once, on the first or the middle row of their span;
* ``blank`` — cell-bounded layouts with cells left blank where the rules force 0;
* ``typos`` — flat with label typos seen in real reports (``钩稽``, ``不再受理``, ``行政法复议`` …);
* ``y2019`` — the 2019 trial format, flat or cell-bounded.

Truth is the generated report: table 3 and table 4 always, table 2 too. A blank cell's truth is the
0 the rules force; ``merged`` and ``split_labels`` keep every value.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from gongkai.report_format.formats import FORMAT_2019
from gongkai.report_format.infer import infer
from gongkai.report_format.layout import TABLE2_ITEMS, TABLE3_COLUMNS, TABLE_CELLS, Cell
from gongkai.report_format.layout_2019 import OTHER_UNSPLIT, SAME_AS_2021, SPLIT_OTHER_ROWS, TABLE2_ITEMS_2019
from gongkai.report_format.model import Report
from gongkai.report_format.render.grid import GRIDS, GRIDS_2019, Grid
from gongkai.report_format.render.markdown import render_markdown
from gongkai.report_format.render.outline import outline, report_title
from gongkai.report_format.render.text import render_cells, render_tsv
from gongkai.report_format.sample import random_report
from tests.report_format.corrupted_layouts import (
    FlatStyle,
    Typo,
    crawled_page,
    document,
    flat_table,
    markdown_rows,
    merged_table,
    pdf_table,
    wrap_paragraph,
)

Grids = dict[str, Grid]

# Label typos and variants of real reports, per table (2019-only ones last).
TYPOS: tuple[Typo, ...] = (
    ("table3", "勾稽", "钩稽"),
    ("table2", "本年废止件数", "本年废纸件数"),
    ("table3", "其他法律行政法规禁止公开", "其他法律和行政法规禁止公开"),
    ("table3", "不再处理", "不再受理"),
    ("table4", "行政复议", "行政法复议"),
    ("table3", "不予公开", "不子公开"),
    ("table2", "行政规范性文件", "规范性文件"),
)
TYPOS_2019: tuple[Typo, ...] = (("table2", "本年新公开数量", "本公开数量"),)
BOUNDED = {"tsv": render_tsv, "cells": render_cells, "markdown": render_markdown}


@dataclass(frozen=True)
class Corrupted:
    kind: str
    layout: str  # "flat", "tsv", "cells", "markdown", "pdf", "pdf-markdown", "merged-tsv", "merged-lines"
    text: str
    truth: Report
    typos: tuple[Typo, ...] = ()  # label typos in the text (class ``typos``)
    blanks: tuple[Cell, ...] = ()  # cells printed blank (class ``blank``), each a 0 of the truth


def corrupted(kind: str, rng: random.Random) -> Corrupted:
    """One report of class ``kind`` (a key of ``CLASSES``), drawn from ``rng``."""
    return CLASSES[kind](rng)


def corpus(kind: str, n: int, seed: int = 2026) -> list[Corrupted]:
    """``n`` reports of one class; the same ``seed`` gives the same texts."""
    rng = random.Random(f"{kind}:{seed}")
    return [corrupted(kind, rng) for _ in range(n)]


# ------------------------------------------------------------------ report and narrative


def _report(rng: random.Random, year: int | None = None) -> Report:
    report = random_report(rng, year=year)
    new = report.get(Cell("table3", "new", "total"))
    report.narrative.sections = {
        "preamble": (
            f"本报告根据《中华人民共和国政府信息公开条例》和上级有关要求编制。本报告所列数据的统计期限自{report.year}年1月1日起"
            f"至{report.year}年12月31日止。本报告电子版可在本机关门户网站下载。如对本报告有疑问，请与{report.body}办公室联系。"
        ),
        "overview": (
            f"{report.year}年，{report.body}坚持以公开为常态、不公开为例外，扎实推进政务公开工作。"
            f"全年收到政府信息公开申请{new}件，均在法定期限内答复。\n加强政务公开平台建设，及时更新门户网站栏目内容。"
        ),
        "problems": "政府信息公开工作还存在公开内容不够全面、政策解读形式较为单一等不足。下一步将进一步完善工作机制，提升公开质量。",
        "other_matters": "本年度未收取信息处理费。",
    }
    return report


def _flat(report: Report, rng: random.Random, style: FlatStyle, grids: Grids = GRIDS) -> str:
    blocks = outline(report, grids)
    if rng.random() < 0.5:  # the page's title is often outside the crawled body
        blocks = blocks[1:]
    texts = []
    for b in blocks:
        if b.grid is None:
            texts.append(b.text)
            continue
        if b.grid.table == "table2" and rng.random() < 0.3:  # narrative between a heading and its table
            texts.append(f"（一）主动公开政府信息的数量本年度主动公开政府信息{rng.randint(10, 900)}条。")
        texts.append(flat_table(report, b.grid, style, rng))
        if b.grid.table == "table2" and rng.random() < 0.2:  # … or right after the table's last cell
            texts.append(" （二）主动公开政府信息的主要类别主要包括机构职能、政策文件、财政预决算等。")
    return crawled_page(report, report_title(report), texts, rng)


def _bounded(report: Report, rng: random.Random, grids: Grids = GRIDS) -> tuple[str, str]:
    layout = rng.choice(sorted(BOUNDED))
    return layout, BOUNDED[layout](report, grids)


# ------------------------------------------------------------------ the classes


def clean(rng: random.Random) -> Corrupted:
    report = _report(rng)
    layout, text = _bounded(report, rng)
    return Corrupted("clean", layout, text, report)


def flat(rng: random.Random) -> Corrupted:
    report = _report(rng)
    return Corrupted("flat", "flat", _flat(report, rng, FlatStyle()), report)


def glued(rng: random.Random) -> Corrupted:
    report = _report(rng)
    return Corrupted("glued", "flat", _flat(report, rng, FlatStyle(glue=True)), report)


def spaces(rng: random.Random) -> Corrupted:
    report = _report(rng)
    return Corrupted("spaces", "flat", _flat(report, rng, FlatStyle(glue=True, spaces=True)), report)


def typos(rng: random.Random) -> Corrupted:
    report = _report(rng)
    chosen = tuple(rng.sample(TYPOS, rng.randint(2, 4)))
    return Corrupted("typos", "flat", _flat(report, rng, FlatStyle(typos=chosen)), report, typos=chosen)


def split_labels(rng: random.Random) -> Corrupted:
    report = _report(rng)
    if rng.random() < 0.5:
        lines = document(
            outline(report), lambda g: pdf_table(report, g, rng), lambda p: wrap_paragraph(p, rng)
        )
        return Corrupted("split_labels", "pdf", "\n".join(lines) + "\n", report)
    parts = document(
        outline(report), lambda g: "\n".join(markdown_rows(pdf_table(report, g, rng), g)), lambda p: [p]
    )
    return Corrupted("split_labels", "pdf-markdown", "\n\n".join(parts) + "\n", report)


def merged(rng: random.Random) -> Corrupted:
    report = _report(rng)
    middle, one_per_line = rng.random() < 0.5, rng.random() < 0.5
    lines = document(
        outline(report),
        lambda g: merged_table(report, g, middle=middle, one_per_line=one_per_line),
        lambda p: [p],
    )
    layout = "merged-lines" if one_per_line else "merged-tsv"
    return Corrupted("merged", layout, "\n".join(lines) + "\n", report)


def blank(rng: random.Random) -> Corrupted:
    report = _report(rng)
    shown = copy.deepcopy(report)
    share = rng.choice((0.3, 0.7, 1.0))
    zeros = [c for t in ("table3", "table4") for c in TABLE_CELLS[t] if report.get(c) == 0]
    for cell in zeros:
        if rng.random() < share:
            shown.values[cell] = None
    _restore_unforced(shown, report)
    layout, text = _bounded(shown, rng)
    blanks = tuple(c for c in zeros if shown.values[c] is None)
    return Corrupted("blank", layout, text, report, blanks=blanks)


def _restore_unforced(shown: Report, truth: Report) -> None:
    """Print again each blank cell whose 0 the rules do not force (inference would not find it)."""
    blanks = [c for c, v in shown.values.items() if v is None]
    solved = copy.deepcopy(shown)
    infer(solved)
    for cell in blanks:
        if solved.get(cell) != 0:
            shown.values[cell] = truth.get(cell)


def y2019(rng: random.Random) -> Corrupted:
    truth, shown = _trial_report(rng)
    if rng.random() < 0.5:
        chosen = tuple(rng.sample(TYPOS_2019, 1)) if rng.random() < 0.3 else ()
        return Corrupted("y2019", "flat", _flat(shown, rng, FlatStyle(typos=chosen), GRIDS_2019), truth)
    layout, text = _bounded(shown, rng, GRIDS_2019)
    return Corrupted("y2019", layout, text, truth)


def _trial_report(rng: random.Random) -> tuple[Report, Report]:
    """A 2019-format report as the parser returns it (truth) and with its own cells (to render)."""
    truth = _report(rng, year=rng.choice((2019, 2020)))
    truth.format = FORMAT_2019
    unsplit = [
        sum(truth.get(Cell("table3", r, c.key)) or 0 for r in SPLIT_OTHER_ROWS) for c in TABLE3_COLUMNS
    ]
    for r in SPLIT_OTHER_ROWS:
        for c in TABLE3_COLUMNS:
            truth.values[Cell("table3", r, c.key)] = None
    table2 = {
        item.key: _trial_table2_row(item.key, [f.key for f in item.fields], rng) for item in TABLE2_ITEMS_2019
    }
    for item in TABLE2_ITEMS:
        for f in item.fields:
            same = (item.key, f.key) in SAME_AS_2021.values()
            truth.values[Cell("table2", item.key, f.key)] = table2[item.key][f.key] if same else None
    truth.legacy = {"table2": table2, "table3": {OTHER_UNSPLIT.key: unsplit}}
    shown = copy.deepcopy(truth)
    for c, v in zip(TABLE3_COLUMNS, unsplit, strict=True):
        shown.values[Cell("table3", OTHER_UNSPLIT.key, c.key)] = v
    for item, row in table2.items():
        for f, v in row.items():
            shown.values[Cell("table2", item, f)] = v
    return truth, shown


def _trial_table2_row(item: str, fields: list[str], rng: random.Random) -> dict[str, int | Decimal]:
    values: dict[str, int | Decimal] = {}
    for f in fields:
        if f == "amount":
            values[f] = Decimal(rng.randint(0, 2_000_000)) / 100
        elif f == "change":
            values[f] = rng.randint(-5, 10) if rng.random() < 0.5 else 0
        else:
            values[f] = rng.randint(0, 300) if rng.random() < 0.5 else 0
    return values


CLASSES: dict[str, Callable[[random.Random], Corrupted]] = {
    "clean": clean,
    "flat": flat,
    "glued": glued,
    "spaces": spaces,
    "split_labels": split_labels,
    "merged": merged,
    "blank": blank,
    "typos": typos,
    "y2019": y2019,
}
