"""Text layouts of real documents that the project's renderers do not produce (tests/report_format/corruptions.py).

* ``flat_table``: a table as a crawler saves a web page's text — cell boundaries lost, each row's
  labels followed by its numbers run together, with optional ``&nbsp;`` residue;
* ``crawled_page``: the whole report body on one to three lines, with the crawler's metadata header
  and the site's navigation and share links around it;
* ``pdf_table``: a table as PDF-to-text conversion gives it — labels wrapped mid-word over lines,
  numbers on lines of their own, not always after their label; ``markdown_rows``: the same lines
  as PDF-to-markdown makes them, one table row each;
* ``merged_table``: a table whose merged cells appear once, on the first or the middle row of
  their span, with the covered positions dropped (tab-separated or one cell per line).

All take a ``random.Random`` for their choices, so a corpus is reproducible from its seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gongkai.report_format.model import Report
from gongkai.report_format.render.grid import Grid, GridCell, cell_text
from gongkai.report_format.render.outline import Block

# A typo of a label as real reports print it: (table, printed, typo).
Typo = tuple[str, str, str]

_NBSP_SPACES = (" ", " ", " ", "\u3000")  # &nbsp; residue: mostly ASCII, sometimes full-width


@dataclass(frozen=True)
class FlatStyle:
    """How a flattened table lost its cells.

    ``glue``: no space after a row's numbers, so the next row's ordinal (``3.``) sticks to them;
    ``spaces``: spaces inside number runs and header labels that are not cell boundaries;
    ``typos``: label typos applied to the table's text.
    """

    glue: bool = False
    spaces: bool = False
    typos: tuple[Typo, ...] = ()


def flat_table(report: Report, grid: Grid, style: FlatStyle, rng: random.Random) -> str:
    parts: list[str] = []
    for r, row in enumerate(grid.line_cells):
        cells = [gc for gc in row if gc is not None]
        labels = [
            _header_label(gc.text, rng) if style.spaces and r < grid.head_rows else gc.text
            for gc in cells
            if gc.is_label
        ]
        numbers = [cell_text(report, gc) for gc in cells if not gc.is_label]
        parts.append("".join(labels))
        if numbers:
            parts.append(_number_run(numbers, rng) if style.spaces else "".join(numbers))
            if grid.table != "table2" and not style.glue:
                parts.append(" ")
    return apply_typos("".join(parts), grid.table, style.typos)


def apply_typos(text: str, table: str, typos: Sequence[Typo]) -> str:
    for where, printed, typo in typos:
        if where == table:
            text = text.replace(printed, typo)
    return text


def _number_run(numbers: list[str], rng: random.Random) -> str:
    """``16 0 0 2 0 0 18`` as the saved page shows it: ``160 02 0 018`` (spaces from ``0&nbsp;`` cells)."""
    space = rng.choice(_NBSP_SPACES)
    out = []
    for n in numbers:
        roll = rng.random()
        out.append(f"{n}{space}" if roll < 0.35 else f"{space}{n}" if roll < 0.5 else n)
    return re.sub(r"[ \u3000]+", space, "".join(out))


def _header_label(text: str, rng: random.Random) -> str:
    """``商业 企业``, ``尚未 审结``: a space in the middle of a short column head, now and then."""
    if 4 <= len(text) <= 6 and rng.random() < 0.4:
        return text[: len(text) // 2] + " " + text[len(text) // 2 :]
    return text


# ------------------------------------------------------------------ the crawled web page

_NAV = "当前位置： 首页政务公开政府信息公开{body}政府信息公开年报 {title} 来源： 时间：{date} 10:{minute:02d} --> 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： "
_TAILS = (" 附件下载", " 【打印本页】【关闭窗口】 分享到：微信 微博 QQ空间", "", " 扫一扫在手机打开当前页")


def crawled_page(report: Report, title: str, blocks: list[str], rng: random.Random) -> str:
    """The saved text of the report's web page: metadata header, then the body on one to three lines."""
    day = report.published_on
    minute = rng.randint(0, 59)
    code = "".join(rng.choice("abcdefghjkmnpqrstwxyz") for _ in range(6))
    header = (
        f"标题: {title}\n发布时间: {day} 10:{minute:02d}\n文号: \n发布机构: {report.body}\n栏目: 政府信息公开年报\n"
        f"原文链接: https://www.example.gov.cn/zwgk/zfxxgk/{code}/zfxxgknb/{day:%Y%m}/t{day:%Y%m%d}_{rng.randint(10000, 99999)}.htm\n"
        "==================== 正文 ====================\n"
    )
    if rng.random() < 0.4:
        blocks = [_NAV.format(body=report.body, title=title, date=day, minute=minute), *blocks]
    blocks[-1] += rng.choice(_TAILS)
    cuts = sorted(rng.sample(range(1, len(blocks)), k=min(len(blocks) - 1, rng.randint(0, 2))))
    lines = []
    for start, end in zip([0, *cuts], [*cuts, len(blocks)], strict=True):
        lines.append("".join(b + (" " if rng.random() < 0.2 else "") for b in blocks[start:end]))
    return header + "\n".join(lines) + "\n"


# ------------------------------------------------------------------ PDF converted to text


def pdf_table(report: Report, grid: Grid, rng: random.Random) -> list[str]:
    """The table as PDF-to-text gives it: wrapped labels and numbers on lines of their own."""
    label_width = rng.randint(8, 14)
    head_width = rng.randint(2, 4)
    lines: list[str] = []
    for r, row in enumerate(grid.owners):
        cells = list(dict.fromkeys(row))
        if r < grid.head_rows or all(gc.is_label for gc in cells):
            width = head_width if grid.table != "table2" else label_width
            chunks = [
                _wrap(gc.text, width if gc.col >= grid.label_columns else label_width)
                for gc in cells
                if gc.row == r
            ]
            lines += [" ".join(c[i] for c in chunks if i < len(c)) for i in range(max(map(len, chunks)))]
            continue
        groups = "".join(_fragment(gc, r) for gc in cells if gc.is_label and gc.rowspan > 1)
        own = [gc.text for gc in cells if gc.is_label and gc.rowspan == 1]
        numbers = " ".join(cell_text(report, gc) for gc in cells if not gc.is_label)
        chunks = _wrap("".join(own), label_width) if own else []
        if groups:
            chunks = [groups + (chunks[0] if chunks else ""), *chunks[1:]]
        if len(chunks) == 1 and rng.random() < 0.7:
            lines.append(f"{chunks[0]} {numbers}")
            continue
        at = rng.randint(0, len(chunks))
        lines += [*chunks[:at], numbers, *chunks[at:]]
    return lines


def markdown_rows(lines: list[str], grid: Grid) -> list[str]:
    """PDF-to-markdown of ``pdf_table``'s lines: each line a table row, each of its words a cell.

    A wrapped label continues on a row of empty number cells; a number line is a row with an empty
    label cell."""
    rows = [line.split(" ") for line in lines]
    if grid.label_columns:
        rows = [["", *r] if r[0][:1].isdigit() and all(_is_number(w) for w in r) else r for r in rows]
    width = max(len(r) for r in rows)
    out = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    return [out[0], "|" + "---|" * width, *out[1:]]


def _is_number(word: str) -> bool:
    return word.lstrip("-").replace(".", "", 1).isdigit()


def _fragment(gc: GridCell, r: int) -> str:
    """The piece of a tall merged label printed on row ``r``: wrapped narrow, centred in its span."""
    pieces = _wrap(gc.text, 4)
    first = gc.row + max(0, (gc.rowspan - len(pieces)) // 2)
    i = r - first
    return pieces[i] if 0 <= i < len(pieces) else ""


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def wrap_paragraph(text: str, rng: random.Random) -> list[str]:
    return _wrap(text, rng.randint(30, 40))


# ------------------------------------------------------------------ merged cells shown once


def merged_table(report: Report, grid: Grid, *, middle: bool, one_per_line: bool) -> list[str]:
    """Rows with each merged cell once (on its first row, or its middle row) and no empty placeholders."""
    lines: list[str] = []
    for r, row in enumerate(grid.owners):
        texts = [cell_text(report, gc) for gc in dict.fromkeys(row) if _anchor(gc, middle, grid) == r]
        if one_per_line:
            lines += texts
        elif texts:
            lines.append("\t".join(texts))
    return lines


def _anchor(gc: GridCell, middle: bool, grid: Grid) -> int:
    if middle and gc.rowspan > 1 and gc.row >= grid.head_rows:
        return gc.row + (gc.rowspan - 1) // 2
    return gc.row


# ------------------------------------------------------------------ whole documents


def document(
    blocks: list[Block], table: Callable[[Grid], list[str] | str], paragraph: Callable[[str], list[str]]
) -> list[str]:
    """Each block of the outline as text: tables by ``table``, other blocks by ``paragraph``."""
    out: list[str] = []
    for b in blocks:
        if b.grid is not None:
            t = table(b.grid)
            out += [t] if isinstance(t, str) else t
        else:
            out += paragraph(b.text) if b.kind == "paragraph" else [b.text]
    return out
