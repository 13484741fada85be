"""The geometry of a page's text, shared by a PDF's text layer (read_pdf.py) and a page read by OCR
(read_image.py): fragments and lines with their positions, the rules (ruled-table borders) around
them, and laying out the lines of all pages as rows of cells in reading order.

How it is done is told in read_pdf.py's docstring (steps 2-4: running headers and footers, ruled and
borderless tables).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from .tokens import Field, Line, Tokens

MAX_PAGES = 300
RULE_WIDTH = 2.0  # a path thinner than this (pt) is a rule
_MARGIN = 0.1  # top and bottom share of the page where running headers and footers sit
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_ ]*\d{1,4}[-—–－_ ]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
    r"|page\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^[-－]?\d[\d,，]*(?:\.\d+)?$|^[-—－/／]$")
_DIGITS = re.compile(r"\d+")
# A row label or heading of its own, never the wrapped rest of the label above it.
_LABEL_START = re.compile(
    r"^(?:第.{1,8}[条项]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d+[.、．]|信息内容)"
)


@dataclass
class Fragment:
    """Characters of one line with no wide gap between them, in PDF points (y grows upwards); OCR'd
    pages (``read_image``) are given in the same terms."""

    x0: float
    x1: float
    bottom: float
    top: float
    text: str
    box: int = -1  # the OCR box it was read from; -1 for a text layer
    page: int = 0  # 0-based, set by ``lay_out``
    ruled: bool = False  # a ruled table's cell: its edges are the rules

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass
class TextLine:
    """The fragments of one line of a page, left to right."""

    top: float
    bottom: float
    frags: list[Fragment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(f.text for f in self.frags)

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class PageRules:
    """A page's table rules in PDF points: horizontal as (y, x0, x1) sorted by y; vertical as
    (x, y0, y1) sorted by x."""

    horizontal: list[tuple[float, float, float]]
    vertical: list[tuple[float, float, float]]

    def cell_of(self, f: Fragment) -> tuple[float, float] | None:
        """(top, left) of the ruled cell that holds the fragment's centre, or None outside tables."""
        cx, cy = f.cx, f.cy
        top = _nearest(self.horizontal, cy, cx, up=True)
        bottom = _nearest(self.horizontal, cy, cx, up=False)
        left = _nearest(self.vertical, cx, cy, up=False)
        right = _nearest(self.vertical, cx, cy, up=True)
        if None in (top, bottom, left, right):
            return None
        return round(top, 1), round(left, 1)  # type: ignore[arg-type]


def _nearest(rules: list[tuple[float, float, float]], at: float, across: float, *, up: bool) -> float | None:
    """The nearest rule position above (or below) ``at`` among rules whose extent covers ``across``."""
    i = bisect_left(rules, (at,))
    candidates = rules[i:] if up else reversed(rules[:i])
    for pos, a, b in candidates:
        if a - RULE_WIDTH <= across <= b + RULE_WIDTH:
            return pos
    return None


def lay_out(
    pages: list[tuple[list[TextLine], PageRules, float]], slack: float = 0.0
) -> tuple[list[list[Fragment]], bool]:
    """Pages of lines as rows of fragments (running lines dropped, repeated table heads left out,
    wrapped rows joined; ``slack`` for OCR'd fragments: see ``_join_wrapped``), and whether some
    table was read through its rules."""
    _drop_running_lines(pages)
    items: list[_Item] = []
    seen: set[str] = set()
    for number, (lines, rules, _) in enumerate(pages):
        page = _page_items(lines, rules)
        for item in page:
            for f in item.frags:
                f.page = number
        # A table head repeated at the top of the page is left out, so that a row cut by the
        # page break joins up again with its rest.
        k = 0
        while k < len(page) and not page[k].has_numbers and page[k].key in seen:
            k += 1
        seen.update(i.key for i in page)
        if k < len(page):
            page[k].page_start = True
        items += page[k:]
    return _join_wrapped(items, slack=slack), any(i.ruled for i in items)


@dataclass
class _Item:
    """A line of the page in reading order: a ruled table row, or a line of free fragments."""

    top: float
    frags: list[Fragment]
    ruled: bool = False
    page_start: bool = False

    @property
    def key(self) -> str:
        return "\t".join(f.text for f in self.frags)

    @property
    def has_numbers(self) -> bool:
        return any(is_number(f.text) for f in self.frags)


def _drop_running_lines(pages: list[tuple[list[TextLine], PageRules, float]]) -> None:
    """Remove page numbers and the headers and footers repeated in the margins of most pages."""

    def in_margin(line: TextLine, height: float) -> bool:
        return line.bottom > height * (1 - _MARGIN) or line.top < height * _MARGIN

    repeated: Counter[str] = Counter()
    for lines, _, height in pages:
        repeated.update({_DIGITS.sub("#", line.text) for line in lines if in_margin(line, height)})
    threshold = max(2, int(0.6 * len(pages) + 0.5))
    for lines, _, height in pages:
        lines[:] = [
            line
            for line in lines
            if not (
                in_margin(line, height)
                and (_is_page_number(line) or repeated[_DIGITS.sub("#", line.text)] >= threshold)
            )
        ]


def _is_page_number(line: TextLine) -> bool:
    """A page number ("— 2 —", "第 2 页", "2/5"), not a short row of numbers set apart ("1 1 2": a
    row of table 四 with its blank cells unprinted, at the foot of a page): a page number has two
    numbers at most."""
    return bool(_PAGE_NUMBER.match(line.text)) and sum(f.text.isdigit() for f in line.frags) <= 2


def _page_items(lines: list[TextLine], rules: PageRules) -> list[_Item]:
    """The page's lines in reading order: ruled table rows by their cells, others by fragments."""
    items: list[_Item] = []
    cells: dict[tuple[float, float], list[Fragment]] = {}
    for line in lines:
        free = []
        for f in line.frags:
            key = cell = rules.cell_of(f) if rules.horizontal else None
            if cell is None:
                free.append(f)
            else:
                cells.setdefault(key, []).append(f)  # type: ignore[arg-type]
        if free:
            items.append(_Item(line.top, free))
    rows: dict[float, list[tuple[float, Fragment]]] = {}
    for (top, left), frags in cells.items():
        frags[:] = _reading_order(frags)
        first = min(frags, key=lambda f: f.x0)
        joined = Fragment(
            first.x0, max(f.x1 for f in frags), 0, top, "".join(f.text for f in frags), first.box, ruled=True
        )
        rows.setdefault(top, []).append((left, joined))
    for top, row in rows.items():
        row.sort(key=lambda c: c[0])
        items.append(_Item(top, [f for _, f in row], ruled=True))
    items.sort(key=lambda item: -item.top)
    return items


def _reading_order(frags: list[Fragment]) -> list[Fragment]:
    """A cell's fragments line by line, left to right; fragments whose centres differ by less than
    0.4 of their height are one line (a "2." in a Latin font sits a little lower than the CJK
    beside it)."""
    lines: list[list[Fragment]] = []
    for f in sorted(frags, key=lambda f: -f.cy):
        if lines and abs(lines[-1][0].cy - f.cy) <= 0.4 * (f.top - f.bottom):
            lines[-1].append(f)
        else:
            lines.append([f])
    return [f for line in lines for f in sorted(line, key=lambda f: f.x0)]


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


def _join_wrapped(items: list[_Item], *, slack: float = 0.0) -> list[list[Fragment]]:
    """Borderless rows: put back wrapped labels and numbers, and numbers set apart from their label.

    ``slack`` is how far (in page units) an OCR'd fragment's left edge may stray from its column's:
    a text layer's edges line up exactly, OCR boxes hug the ink and are a little off either way."""
    out: list[list[Fragment]] = []
    previous_ruled = False
    last_bottom = 0.0
    for item in items:
        frags, is_ruled = item.frags, item.ruled
        top = max(f.top for f in frags)
        bottom = min(f.bottom for f in frags)
        close = bool(out) and (item.page_start or last_bottom - top < 0.6 * (top - bottom))
        if item.page_start and is_ruled and previous_ruled and _number_rest_only(frags, out[-1]):
            # A ruled row cut by the page break: the rest of its long numbers starts the next page.
            for f in frags:
                _host(f, [a for a in out[-1] if is_number(a.text)]).text += f.text  # type: ignore[union-attr]
            continue
        if close and not is_ruled and not previous_ruled:
            above = out[-1]
            slack_here = slack if any(f.box >= 0 for f in (*frags, *above)) else 0.0
            numbers = [f for f in frags if is_number(f.text)]
            words = [f for f in frags if not is_number(f.text)]
            above_numbers = [f for f in above if is_number(f.text)]
            if not words and not above_numbers:
                # Numbers alone on a line: they belong to the label line just above.
                if all(f.x0 >= above[-1].x1 for f in frags):
                    above.extend(_copy(frags))
                    last_bottom = bottom
                    continue
            elif not words and all(_host(f, above_numbers) for f in frags):
                # The rest of numbers wrapped in narrow columns.
                for f in frags:
                    _host(f, above_numbers).text += f.text  # type: ignore[union-attr]
                last_bottom = bottom
                continue
            elif (
                above_numbers
                and _label_rest(words, above, slack_here)
                and _number_rest(numbers, above_numbers)
            ):
                # The wrapped rest of the labels (and maybe, on the same line, of long numbers).
                hosts = [_host(f, above_numbers) for f in numbers]
                for f in words:
                    if f.x1 <= above[0].x0 + slack_here:  # the rest of a merged group label to the left
                        above.insert(0, _copy([f])[0])
                    else:
                        max(above, key=lambda a: min(a.x1, f.x1) - max(a.x0, f.x0)).text += f.text
                for f, host in zip(numbers, hosts, strict=True):
                    host.text += f.text  # type: ignore[union-attr]
                last_bottom = bottom
                continue
        out.append(_copy(frags))
        previous_ruled = is_ruled
        last_bottom = bottom
    return out


def _label_rest(words: list[Fragment], above: list[Fragment], slack: float) -> bool:
    """Words that can be the wrapped rest of the row above's labels: inside its columns, none
    starting a row or heading of its own."""
    return (
        bool(words)
        and _inside_columns(words, above, slack)
        and not any(_LABEL_START.match(f.text) for f in words)
    )


def _number_rest(numbers: list[Fragment], above_numbers: list[Fragment]) -> bool:
    """Numbers beside a label's rest that can only be the wrapped rest of long numbers above: each
    under a number of two digits or more, and fewer of them than the numbers above (a row of its
    own fills every column)."""
    if not numbers:
        return True
    if len(numbers) >= len(above_numbers):
        return False
    hosts = [_host(f, above_numbers) for f in numbers]
    return all(h is not None and len(h.text) >= 2 for h in hosts) and len({id(h) for h in hosts}) == len(
        hosts
    )


def _number_rest_only(frags: list[Fragment], above: list[Fragment]) -> bool:
    """Numbers alone, each under a number of the row above, fewer than there: the rest of that row."""
    above_numbers = [a for a in above if is_number(a.text)]
    return all(is_number(f.text) for f in frags) and _number_rest(frags, above_numbers)


def _copy(frags: list[Fragment]) -> list[Fragment]:
    return [Fragment(f.x0, f.x1, f.bottom, f.top, f.text, f.box, f.page, f.ruled) for f in frags]


def to_tokens(rows: list[list[Fragment]], confidence: list[float] | None = None) -> Tokens:
    """Laid-out rows as the recogniser's lines of fields, each with its place on its page
    (``confidence``: OCR's, by box id)."""
    lines = []
    for frags in rows:
        fields = [
            Field(
                f.text,
                f.x0,
                f.x1,
                f.ruled,
                confidence[f.box] if confidence is not None and f.box >= 0 else None,
            )
            for f in frags
        ]
        lines.append(Line(fields, frags[0].page, max(f.top for f in frags), min(f.bottom for f in frags)))
    return Tokens(lines)


def _host(f: Fragment, row: list[Fragment]) -> Fragment | None:
    """The fragment of ``row`` that ``f`` lies under, if any."""
    for a in row:
        if min(a.x1, f.x1) - max(a.x0, f.x0) > 0:
            return a
    return None


def _inside_columns(frags: list[Fragment], row: list[Fragment], slack: float = 0.0) -> bool:
    """Each fragment starts at or after one of the row's columns and ends before the next one begins
    (within ``slack``)."""
    starts = [f.x0 for f in row]
    for f in frags:
        i = bisect_left(starts, f.x0 + slack + 1) - 1
        if i < 0:
            if f.x1 > starts[0] + slack:
                return False
            continue
        if i + 1 < len(starts) and f.x1 > starts[i + 1] + slack:
            return False
    return True
