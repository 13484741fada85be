"""The text parser: a report as users paste or extract it, in any of the layouts seen in the wild.

Markdown tables, tab-separated rows and one-cell-per-line Word extraction all become one stream
of cells; a small state machine walks it, recognising row labels from the layout (with their
variants, spaces inside words, full-width forms, labels wrapped over two cells) and taking the
numbers that follow each label. A table that is absent, cut off or only an image is left ``None``
and noted in ``report.source`` — never read as zeros.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import cast

from .layout import (
    AMOUNT_CELLS,
    TABLE2_BLOCKS,
    TABLE2_ITEMS,
    TABLE3_COLUMNS,
    TABLE3_GROUPS,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE4_FIELDS,
    TABLE_CELLS,
    Cell,
    Row,
    Table2Item,
    canonical,
)
from .model import Report
from .narrative import read_narrative
from .normalize import (
    NULL_MARKS,
    flat_key,
    fold,
    label_key,
    label_keys,
    parse_number,
    parse_number_with_unit,
    split_ordinal,
    strip_noise,
)
from .row_order import holds, reconcile, rows_by_order
from .rules import EQUATIONS, Equation
from .sections import headings_in_text, section_number
from .solve import MAX_HOLES, Run, Segment, settle

# ------------------------------------------------------------------ label index (from the layout)


@dataclass(frozen=True)
class _Target:
    table: str
    key: str
    width: int
    group: str = ""
    ordinal: str = ""
    weak: bool = False
    cells: tuple[Cell, ...] = ()
    amount: tuple[bool, ...] = ()
    order: int = -1  # place among the rows of table 3
    # Derived: no cell an amount (values that are all ints are stored as read), and a row taken
    # wherever its label stands (``_State._accept`` need not be asked).
    counts: bool = field(init=False)
    strong: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "counts", True not in self.amount)
        object.__setattr__(self, "strong", self.table != "table3" or not self.weak)


def build_index(
    table2_items: Iterable[Table2Item] = TABLE2_ITEMS, table3_rows: Iterable[Row] = TABLE3_ROWS
) -> dict[str, _Target]:
    """Row labels → where their numbers go. The default is the 2021 layout; layout_2019.py passes
    the trial format's rows (their cells outside the 2021 ones are moved to ``report.legacy``)."""
    index: dict[str, _Target] = {}
    order = -1
    for item in table2_items:
        for label in (item.label, *item.variants):
            for k in label_keys(label):
                index[k] = _Target(
                    "table2",
                    item.key,
                    len(item.fields),
                    cells=tuple(canonical(Cell("table2", item.key, f.key)) for f in item.fields),
                    amount=tuple(f.kind == "amount" for f in item.fields),
                )
    for row in table3_rows:
        order = _T3_ORDER.get(row.key, order)
        ordinal = split_ordinal(row.ordinal + "x")[0]
        for label in (row.label, *row.variants):
            for k in label_keys(label):
                index[k] = _Target(
                    "table3",
                    row.key,
                    len(TABLE3_COLUMNS),
                    row.group,
                    ordinal,
                    row.weak,
                    tuple(canonical(Cell("table3", row.key, c.key)) for c in TABLE3_COLUMNS),
                    (False,) * len(TABLE3_COLUMNS),
                    order,
                )
    return index


_T3_ORDER = {r.key: i for i, r in enumerate(TABLE3_ROWS)}
_INDEX = build_index()
_GROUPS = {label_key(g.label): g.key for g in TABLE3_GROUPS}
_T2_BLOCKS = {label_key(b.label): b.key for b in TABLE2_BLOCKS}
_T3_ANCHORS = (label_key("申请人情况"), label_key("本列数据的勾稽关系为"))
_T4_WIDTH = len(TABLE4_BLOCKS) * len(TABLE4_FIELDS)
_T4_ANCHOR = label_key(TABLE4_BLOCKS[0].label)
_MAX_LABEL = max(len(k) for k in _INDEX) + 4
_T3_ANCHORS_FLAT = (*_T3_ANCHORS, label_key("本列数据的钩稽关系为"))
# Group labels as printed with their ordinal ("（三）不予公开"), and typos seen in real reports.
_GROUP_MARKS = {label_key(g.label): g.key for g in TABLE3_GROUPS} | {label_key("不子公开"): "denied"}

# ------------------------------------------------------------------ cell stream

_MD_RULE = re.compile(r"^[\s|:\-]*$")
_TRAILING_NUMBERS = re.compile(
    r"^(.*?[^\d\s.,/—-])\s+((?:[-\d.,/—]+\s*)++)$"
)  # possessive: no backtracking blow-up
_IMAGE = re.compile(r"\[image:[^\]]*\]")


def _cells(line: str) -> list[str]:
    s = line.strip()
    if not s:
        return []
    if s.startswith("|"):
        if _MD_RULE.match(s):
            return []
        parts = s.strip("|").split("|")
    elif "\t" in s:
        parts = s.split("\t")
    else:
        return _split_cell(s)
    out = [
        part.strip() for part in parts
    ]  # "" is an empty cell: a hole in a row, or spacing before its label
    if " " not in "|".join(out):
        return out  # no cell holds a label and its numbers
    out = []
    for part in parts:
        part = part.strip()
        if " " in part:
            out += _split_cell(part)
        else:
            out.append(part)
    return out


def _inner(full: list[str]) -> list[str]:
    """``_cells`` of a tab-separated line without spaces or pipes, from its cells ``full`` (empty
    ones at its ends included): the same cells without the empty ones at the ends, as stripping
    the line drops them. At least one is not empty."""
    start, end = 0, len(full)
    while not full[start]:
        start += 1
    while not full[end - 1]:
        end -= 1
    return full[start:end]


def _split_cell(part: str) -> list[str]:
    """One cell's text: its label and the numbers it ends with ("行政许可 3 0"), or its numbers."""
    if " " in part and part[-1].isdigit():
        m = _TRAILING_NUMBERS.match(part)
        if m:
            return [m.group(1).strip(), *m.group(2).split()]
    if " " in part and part[0].isdigit() and all(parse_number(t) is not None for t in part.split()):
        return part.split()
    return [part]


# ------------------------------------------------------------------ the state machine


@dataclass
class _State:
    report: Report
    index: dict[str, _Target] = field(default_factory=lambda: _INDEX)
    section: int = 0
    table: str = ""
    group: str = ""
    last_t3: int = -1
    target: _Target | None = None
    values: list[Item] = field(default_factory=list)
    t4: list[Item] = field(default_factory=list)
    t4_open: bool = False
    pending_text: list[str] = field(default_factory=list)
    found: dict[str, int] = field(default_factory=lambda: {"table2": 0, "table3": 0, "table4": 0})
    images: dict[int, int] = field(default_factory=dict)
    short_rows: list[dict[str, object]] = field(default_factory=list)
    dropped: int = 0  # empty cells after the row's label and before its first value
    runs: bool = False  # the row being read holds a Run (settled at the end)
    segments: list[Segment] = field(default_factory=list)  # rows with runs, settled at the end
    recovered: list[str] = field(default_factory=list)
    ambiguous: list[dict[str, object]] = field(default_factory=list)
    unsettled: list[dict[str, object]] = field(default_factory=list)

    # -- rows
    def start_row(self, target: _Target) -> None:
        if self.target is not None:
            self.finish_row()
        self.target, self.values, self.table = target, [], target.table
        self.dropped = 0
        self.runs = False
        if target.table == "table3":
            self.last_t3 = target.order

    def finish_row(self) -> None:
        t = self.target
        if t is None:
            return
        self.target = None
        if self.runs:
            self.runs = False
            self.segments.append(Segment(t.cells, [_blank_to_none(v) for v in self.values]))
        elif len(self.values) == t.width:
            self._store(t, self.values)
        elif self.values and t.table == "table3" and t.width - len(self.values) <= MAX_HOLES:
            # Blank cells the layout dropped (a blank first cell reads as spacing): placed by the rules.
            self.segments.append(Segment(t.cells, [_blank_to_none(v) for v in self.values]))
        elif self.values:
            self.short_rows.append({"table": t.table, "row": t.key, "read": [_plain(v) for v in self.values]})

    def _store(self, t: _Target, values: list[Item]) -> None:
        store = self.report.values
        if t.counts and _INT.issuperset(map(type, values)):
            # Counts as read (most rows): stored as they are.
            store.update(zip(t.cells, cast("list[int]", values), strict=True))
            self.found[t.table] += 1
            return
        for cell, amount, v in zip(t.cells, t.amount, values, strict=True):
            store[cell] = _value(v, amount)
        self.found[t.table] += 1

    def add_value(self, v: int | Decimal | None) -> None:
        self.pending_text.clear()
        if self.t4_open:
            self.t4.append(v)
            if len(self.t4) == _T4_WIDTH:
                self.finish_t4()
            return
        target = self.target
        if target is not None:
            values = self.values
            if len(values) < target.width:
                values.append(v)
                if len(values) == target.width:
                    self.finish_row()

    def positional(self, full: list[str], cells: list[str], add: Callable[[_State, str], None]) -> list[str]:
        """A line of a table whose cells are known (tabs, pipes): ``full`` with the empty cells at
        its ends, ``cells`` without. When the row's label is followed by at least as many cells as
        the row has, and the extra ones are empty, the last cells are the row's, blank ones
        included: a blank first or last cell is no longer taken for spacing. Returns the cells
        still to read the usual way."""
        if len(full) < 2:
            return cells  # one cell: nothing to place (the one-cell-per-line layout)
        for last_text in range(len(full) - 1, -1, -1):
            c = full[last_text]
            if c and not c.isdigit() and not _is_value_text(c):
                break
        else:
            last_text = -1
        for cell in full[: last_text + 1]:
            if cell:
                add(self, cell)
        rest = full[last_text + 1 :]
        if self.t4_open:
            width, values = _T4_WIDTH, self.t4
        elif self.target is not None:
            width, values = self.target.width, self.values
        else:
            width, values = 0, []
        if not width or values or len(rest) < width or any(rest[:-width]) or not any(rest[-width:]):
            if not rest and cells is full:
                return []  # the line ends in text, every cell of it read above
            texts = sum(1 for c in full[: last_text + 1] if c and not _is_value(c))
            seen = 0
            for i, c in enumerate(cells):
                if seen == texts:
                    return cells[i:]
                seen += bool(c) and not _is_value(c)
            return []
        # The row's cells, blank ones where they stand: every one a value (the scan above), and
        # exactly as many as the row is wide, so they fill it at once.
        self.pending_text.clear()
        row = rest[-width:]
        if "" not in row and (joined := "".join(row)).isdigit() and joined.isascii():
            values.extend(map(int, row))  # counts, every one (most rows)
        else:
            values.extend(
                [int(c) if c.isdigit() and c.isascii() else _cell_value(c) if c else None for c in row]
            )
        if self.t4_open:
            self.finish_t4()
        else:
            self.finish_row()
        return []

    def add_run(self, run: Run) -> None:
        """Digits whose cell boundaries are unknown. When the pieces fill the row exactly they are
        its cells (the common "label 12 0 0 3 0 0 15"); otherwise the row is settled at the end."""
        self.pending_text.clear()
        values = self.t4 if self.t4_open else self.values if self.target is not None else None
        if values is None:
            return
        width = _T4_WIDTH if self.t4_open else self.target.width  # type: ignore[union-attr]
        numbers = [parse_number(p) for p in run.pieces]
        if (
            all(not isinstance(v, Run) for v in values)
            and len(values) + len(numbers) == width
            and None not in numbers
            and not any(len(p) > 1 and p[0] == "0" and p[1] != "." for p in run.pieces)
        ):
            for v in numbers:
                self.add_value(v)
            return
        values.append(run)
        if not self.t4_open:
            self.runs = True

    def add_fragment(self, raw: str) -> None:
        """Text of a line whose table lost its cell boundaries: headings, group labels and anchors
        anywhere in it change the state in their order; a row label at its end starts a row."""
        known = _FRAGMENTS.get(raw)  # row labels and headings come back in every report
        if known is None or known[0] is not self.index:
            known = _fragment_kind(raw, self.index)
        _, s, markers, labels = known
        if not s:
            return
        start = 0
        for kind, value, at in markers:
            start = at
            if kind == "section":
                self.finish_row()
                self.finish_t4()
                self.section, self.table, self.group = value, "", ""  # type: ignore[assignment]
                if value == 4:
                    self.open_t4()
            elif self.t4_open:
                continue
            elif kind == "group":
                self.finish_row()
                self.table, self.group = "table3", value  # type: ignore[assignment]
            elif kind == "block":
                self.finish_row()
                self.table = "table2"
            elif kind == "anchor":
                self.finish_row()
                self.table = "table3"
        if self.t4_open:
            return
        for raw_label, labelled in labels:
            if self._accept(raw_label, labelled):
                self.start_row(labelled)
                return
        if self.table == "table3":
            target = _near_next_row(s[start:], self.index, self.last_t3)
            if target is not None:
                self.start_row(target)
                return
        self.finish_row()

    def add_hole(self) -> None:
        """An empty cell. Inside a row it is a value left blank (None); before a row's first value
        or at its end it is layout, so it is ignored — a row whose blanks cannot be placed stays short."""
        values = self.t4 if self.t4_open else self.values if self.target is not None else None
        width = _T4_WIDTH if self.t4_open else self.target.width if self.target is not None else 0
        if values and len(values) < width - 1:
            values.append(_HOLE)
        elif values is not None and not values:
            self.dropped += 1

    def end_line(self, block: bool = False) -> None:
        """The end of a line; ``block``: a blank line, which ends a row of the one-cell-per-line
        layout. Such a row holding exactly its cells from its label on, blank ones included, has
        them where they stand (the blanks before its first value and after its last too)."""
        values = self.t4 if self.t4_open else self.values
        popped = 0
        while values and values[-1] is _HOLE:
            values.pop()
            popped += 1
        if not block:
            return
        width = _T4_WIDTH if self.t4_open else self.target.width if self.target is not None else 0
        if (
            width
            and values
            and len(values) + self.dropped + popped == width
            and all(not isinstance(v, Run) for v in values)
        ):
            values[:0] = [_HOLE] * self.dropped
            values += [_HOLE] * popped
            if self.t4_open:
                self.finish_t4()
            else:
                self.finish_row()
        self.dropped = 0

    # -- table 4
    def open_t4(self) -> None:
        self.finish_row()
        self.table, self.t4_open, self.t4 = "table4", True, []

    def finish_t4(self) -> None:
        if not self.t4_open:
            return
        self.t4_open = False
        if any(isinstance(v, Run) for v in self.t4):
            self.segments.append(Segment(TABLE_CELLS["table4"], [_blank_to_none(v) for v in self.t4]))
        elif len(self.t4) == _T4_WIDTH:
            if _INT.issuperset(map(type, self.t4)):  # counts as read
                self.report.values.update(zip(TABLE_CELLS["table4"], cast("list[int]", self.t4), strict=True))
            else:
                for cell, v in zip(TABLE_CELLS["table4"], self.t4, strict=True):
                    self.report.values[cell] = _value(v, False)
            self.found["table4"] += 1
        elif self.t4:
            self.short_rows.append({"table": "table4", "row": "", "read": [_plain(v) for v in self.t4]})

    # -- text
    def add_text(self, raw: str) -> None:
        if "[image:" in raw:
            self.images[self.section] = self.images.get(self.section, 0) + 1
            raw = _IMAGE.sub("", raw).strip()
            if not raw:
                return
        known = _TEXTS.get(raw)  # the same labels and header words come in every report
        if known is None or known[0] is not self.index:
            known = _text_kind(raw, self.index)
        _, n, key, target, kind, value = known
        if n is not None:
            self.finish_row()
            self.finish_t4()
            self.section, self.table, self.group = n, "", ""
            self.pending_text.clear()
            if n == 4:
                self.open_t4()
            return
        if self.t4_open:
            return  # header words of table 4 (结果维持, 总 计 …)
        if key is None:  # too long to be a label
            self.pending_text.clear()
            return
        if target is not None and (target.strong or self._accept(raw, target)):
            self.start_row(target)
            self.pending_text.clear()
            return
        if kind:
            self._enter(kind, value)
            self.pending_text.clear()
            return
        # A label wrapped over two or three cells: try the joined text.
        self.pending_text.append(key)
        for n_parts in (2, 3):
            if len(self.pending_text) >= n_parts:
                joined = "".join(self.pending_text[-n_parts:])
                if self._match(joined, joined):
                    self.pending_text.clear()
                    return
        if len(self.pending_text) > 3:
            del self.pending_text[0]

    def _match(self, raw: str, key: str) -> bool:
        target = self.index.get(key)
        if target is not None and self._accept(raw, target):
            self.start_row(target)
            return True
        kind, value = _key_kind(key)
        return bool(kind) and self._enter(kind, value)

    def _enter(self, kind: str, value: str) -> bool:
        """A group label, a block of table 2 or an anchor of table 3 or 4 (``_key_kind``): its
        state entered; True."""
        if kind == "group":
            self.finish_row()
            self.table, self.group = "table3", value
        elif kind == "block":
            self.finish_row()
            self.table = "table2"
        elif kind == "t4":
            self.open_t4()
        else:
            self.finish_row()
            self.table = "table3"
        return True

    def _accept(self, raw: str, target: _Target) -> bool:
        if target.table == "table3":
            order = target.order
            if not target.weak:
                return True
            ordinal = split_ordinal(raw)[0]
            if target.key == "total":
                return self.table == "table3" and (
                    ordinal == target.ordinal or self.last_t3 >= _T3_ORDER["granted"]
                )
            in_group = self.group == target.group or ordinal == target.ordinal
            return self.table == "table3" and in_group and self.last_t3 < order
        return True


@lru_cache(maxsize=8192)
def _key_kind(key: str) -> tuple[str, str]:
    """What a label key that names no row stands for: ("group", its key), ("block", ""),
    ("t4", "") or ("t3", "") for the anchors of tables 4 and 3, or ("", "")."""
    if key in _GROUPS:
        return "group", _GROUPS[key]
    if key in _T2_BLOCKS:
        return "block", ""
    if key == _T4_ANCHOR:
        return "t4", ""
    if key.startswith(_T3_ANCHORS):
        return "t3", ""
    return "", ""


TextKind = tuple[dict[str, _Target], int | None, str | None, _Target | None, str, str]
_TEXTS: dict[str, TextKind] = {}
_MAX_TEXTS = 20_000


def _text_kind(raw: str, index: dict[str, _Target]) -> TextKind:
    """What ``add_text`` needs to know of a cell's text whatever the state: the index it was
    looked up in, the section it opens, its label key (None when too long for a label), the row
    it names and what else it stands for (``_key_kind``). Kept for the next report."""
    n = section_number(raw) if len(raw) < 60 else None
    key = None if len(raw) > _MAX_LABEL * 2 else label_key(raw)
    kind, value = _key_kind(key) if key is not None else ("", "")
    known = (index, n, key, index.get(key) if key is not None else None, kind, value)
    if len(_TEXTS) >= _MAX_TEXTS:
        _TEXTS.clear()
    _TEXTS[raw] = known
    return known


# A flat line's text fragment: the index it was read with, its key (``flat_key``), the headings
# and marks in it, and the row labels its tail (after the last mark) can end with, longest first,
# each with its ordinal: all that ``add_fragment`` computes whatever the state. Kept for the next
# report, as ``_TEXTS``.
FragmentKind = tuple[dict[str, "_Target"], str, list[tuple[str, object, int]], list[tuple[str, "_Target"]]]
_FRAGMENTS: dict[str, FragmentKind] = {}


def _fragment_kind(raw: str, index: dict[str, _Target]) -> FragmentKind:
    s = flat_key(raw)
    markers = _markers(s) if s else []
    tail = s[markers[-1][2] :] if markers else s
    labels = []
    for n in _key_lengths(index):
        if n > len(tail):
            continue
        target = index.get(tail[-n:])
        if target is not None:
            ordinal = _ORDINAL_TAIL.search(tail[:-n])
            labels.append(((ordinal.group(0) if ordinal else "") + tail[-n:], target))
    known = (index, s, markers, labels)
    if len(_FRAGMENTS) >= _MAX_TEXTS:
        _FRAGMENTS.clear()
    _FRAGMENTS[raw] = known
    return known


def row_named(text: str, index: dict[str, _Target] | None = None) -> _Target | None:
    """The row whose label a line's text ends with (the longest one), after any heading or group
    label in it; None when it ends with none. For readers that place numbers by position
    (columns.py)."""
    index = index or _INDEX
    known = _FRAGMENTS.get(text)
    if known is None or known[0] is not index:
        known = _fragment_kind(text, index)
    labels = known[3]
    return labels[0][1] if labels else None


_INT = frozenset({int})


class _Hole:
    """An empty cell inside a row: stored as None."""


_HOLE = _Hole()
Item = int | Decimal | None | Run | _Hole  # what a row collects before it is stored or settled


def _blank_to_none(v: Item) -> int | Decimal | Run | None:
    return None if isinstance(v, _Hole) else v


def _value(v: Item, amount: bool) -> int | Decimal | None:
    if type(v) is int and not amount:
        return v  # most cells: first, and cheap
    if v is None or isinstance(v, _Hole | Run):
        return None
    if isinstance(v, int) and not amount:
        return v
    if amount:
        return Decimal(v)
    assert isinstance(v, Decimal)
    return int(v) if v == v.to_integral_value() else v


def _plain(v: Item) -> int | float | None:
    if v is None or isinstance(v, _Hole | Run):
        return None
    if isinstance(v, int):
        return v
    return int(v) if v == v.to_integral_value() else float(v)


# ------------------------------------------------------------------ text that lost its cell boundaries

# A label glued to a number that is no count of prose ("数量160 02 0 018", not "收到3件"), or a number
# glued to the next label ("…0 1 2五、存在的主要问题"); or a line too long to be a cell.
_GLUED = re.compile(
    r"[\u4e00-\u9fff）)”][0-9０-９][0-9０-９ .]*+(?![年月日号条件项个次人家份起宗例户名位岁%])"
    r"|[0-9０-９](?![0-9０-９年月日号条件项个次人家份起宗例户名位岁%])[\u4e00-\u9fff（(]"
)
_FLAT_LINE = 300
_DIGIT = re.compile("[0-9０-９]")
_DIGIT_RUN = re.compile(r"[0-9][0-9 .]*")
# A number followed by one of these is prose ("2022年", "3件", "5条"), not a table cell.
_PROSE_UNITS = frozenset("年月日号条件项个次人家份起宗例户名位岁%")
_ORDINAL_TAIL = re.compile(r"(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|[0-9]{1,2}[.、])$")
_MARK_RE = re.compile(
    "|".join(
        [
            r"(?P<group>(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))(?:"
            + "|".join(re.escape(k) for k in _GROUP_MARKS)
            + "))",
            "(?P<block>" + "|".join(re.escape(k) for k in _T2_BLOCKS) + ")",
            "(?P<anchor>" + "|".join(re.escape(k) for k in _T3_ANCHORS_FLAT) + ")",
        ]
    )
)
_KEY_LENGTHS: dict[int, list[int]] = {}


_NEAR_ROWS = 3  # how many rows ahead a misspelt label may stand for
_MIN_NEAR = 6  # shorter labels must match exactly
_NEXT_ROWS: dict[int, list[tuple[int, str, _Target]]] = {}


def _near_next_row(tail: str, index: dict[str, _Target], last: int) -> _Target | None:
    """A table-3 row label misspelt in print ("行政机关不再受理其…", "其他法律和行政法规禁止公开"): the
    text ends within a small edit distance of the label of one of the next few rows."""
    rows = _NEXT_ROWS.get(id(index))
    if rows is None:
        rows = sorted(
            (t.order, k, t) for k, t in index.items() if t.table == "table3" and len(k) >= _MIN_NEAR
        )
        _NEXT_ROWS[id(index)] = rows
    for order, key, target in rows:
        if not last < order <= last + _NEAR_ROWS:
            continue
        most = 1 + len(key) // 12
        for n in range(len(key) - most, len(key) + most + 1):
            if 0 < n <= len(tail) and _distance(tail[-n:], key, most) <= most:
                return target
    return None


def _distance(a: str, b: str, most: int) -> int:
    """Levenshtein distance of a and b, or most + 1 once it is known to exceed ``most``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > most:
            return most + 1
        previous = current
    return previous[-1]


def _is_flat(line: str) -> bool:
    if "[image:" in line:
        return False  # a picture's place: add_text counts it for its section
    # Both forms of _GLUED hold a digit: a line without one (headings, most prose) is told at once.
    return len(line) > _FLAT_LINE or (_DIGIT.search(line) is not None and _GLUED.search(line) is not None)


def _key_lengths(index: dict[str, _Target]) -> list[int]:
    lengths = _KEY_LENGTHS.get(id(index))
    if lengths is None:
        lengths = _KEY_LENGTHS[id(index)] = sorted({len(k) for k in index}, reverse=True)
    return lengths


def _markers(key: str) -> list[tuple[str, object, int]]:
    """Headings, group labels, table-2 blocks and table-3 anchors in a fragment, in order:
    (kind, value, start)."""
    found: list[tuple[int, str, object]] = [(start, "section", n) for n, start, _ in headings_in_text(key)]
    for m in _MARK_RE.finditer(key):
        kind = m.lastgroup or ""
        text = m.group(0)
        value: object = _GROUP_MARKS.get(label_key(text)) if kind == "group" else text
        found.append((m.start(), kind, value))
    found.sort(key=lambda f: f[0])
    return [(kind, value, start) for start, kind, value in found]


def flat_tokens(line: str) -> list[str | Run]:
    """A line whose table lost its cell boundaries as text fragments and runs of digits, in order.

    A row ordinal glued to the digits before it ("…0 0 002.其他法律…") goes to the text it
    numbers; a number followed by a unit of prose ("2022年") stays text."""
    line = fold(line)
    out: list[str | Run] = []
    text = ""
    pos = 0
    for m in _DIGIT_RUN.finditer(line):
        body = m.group(0).rstrip()
        after = line[m.start() + len(body) : m.start() + len(body) + 1]
        text += line[pos : m.start()]
        pos = m.start() + len(body)
        if after in _PROSE_UNITS or (m.start() > 0 and line[m.start() - 1] == "第"):
            text += body
            continue
        ordinal = ""
        if body.endswith(".") or after == "、":
            cut = len(body) - 1 if body.endswith(".") else len(body)
            if cut and body[cut - 1].isdigit():
                ordinal, body = body[cut - 1 :], body[: cut - 1].rstrip()
        body = body.rstrip(".")
        if body.strip(" ."):  # a digit in it: the run holds only digits, spaces and points
            if text.strip():
                out.append(text)
            out.append(Run(tuple(body.split())))
            text = ""
        text += ordinal
    text += line[pos:]
    if text.strip():
        out.append(text)
    return out


def _settle(state: _State, equations: tuple[Equation, ...]) -> None:
    """Rows whose digits ran together, read by the rules (solve.py)."""
    result = settle(state.segments, dict(state.report.values), equations)
    store = state.report.values
    for cell, v in result.values.items():
        store[cell] = Decimal(v) if (cell in AMOUNT_CELLS and v is not None) else v
    for seg in state.segments:
        if any(result.values.get(c) is not None for c in seg.cells):
            state.found[seg.cells[0].table] += 1
    state.recovered = [c.path for c in result.recovered]
    state.ambiguous = result.ambiguous
    state.unsettled = result.unsettled


# ------------------------------------------------------------------ entry point


def parse_text(
    text: str,
    *,
    index: dict[str, _Target] | None = None,
    equations: tuple[Equation, ...] = EQUATIONS,
    rows: tuple[Row, ...] = TABLE3_ROWS,
) -> Report:
    """Read a report from text. Absent values stay None; how each table was found is in ``source``.

    ``index`` (from ``build_index``) reads another layout's rows, ``equations`` are its rules and
    ``rows`` its table 三; the 2021 layout by default. Rows whose digits ran together are settled by
    the rules (solve.py); table 三 is read a second time by the order of its lines of numbers where
    a converter separated them from their labels (row_order.py)."""
    text = strip_noise(text.replace("\r\n", "\n").replace("\r", "\n"))
    report = Report()
    state = _State(report, index or _INDEX)
    add_value, add_text, add_hole = state.add_value, state.add_text, state.add_hole
    lines = text.split("\n")
    stripped: list[str] = []  # the lines stripped, blank ones left out, for the narrative
    for line in lines:
        s = line.strip()
        if s:
            stripped.append(s)
        tabular = "\t" in line or "|" in line
        if not tabular:
            if not s:
                state.end_line(block=True)  # a blank line ends a row of the one-cell-per-line layout
                continue
            if _is_flat(line):
                for token in flat_tokens(line):
                    if isinstance(token, Run):
                        state.add_run(token)
                    else:
                        state.add_fragment(token)
                continue
            cells: Iterable[str] = _plain_line(s)
        else:
            if not s:
                add_hole()  # "\t" alone: an empty cell of the one-cell-per-line layout
                continue
            if " " not in s and "\t" not in s and "|" not in line and line.count("\t") == 1:
                # One cell of the one-cell-per-line layout: nothing to split or place.
                if s.isdigit() and s.isascii():
                    add_value(int(s))  # a count (most lines of that layout)
                    cells = ()
                else:
                    cells = (s,)
            else:
                if line.count("\t") > 1:
                    full = [c.strip() for c in line.strip("\r\n ").split("\t")]
                    cells = _inner(full) if " " not in s and s[0] != "|" else _cells(line)
                else:
                    full = cells = _cells(line)
                cells = state.positional(full, cells, _add_cell)
        for cell in cells:
            if not cell:
                add_hole()
                continue
            first = cell[0]
            if first.isdigit() or first in "+-":
                if cell.isdigit() and cell.isascii():
                    add_value(int(cell))
                    continue
                if not _is_value_text(cell):
                    add_text(cell)  # a label that starts with its ordinal ("1.属于国家秘密")
                    continue
                number = parse_number(cell)
                if number is None:
                    number = parse_number_with_unit(cell)
                if number is not None:
                    add_value(number)
                    continue
            if cell in NULL_MARKS:
                add_value(None)
            else:
                add_text(cell)
        if tabular:
            values = state.t4 if state.t4_open else state.values
            if values and values[-1] is _HOLE:
                state.end_line()  # the empty cells a line ends with are layout
    state.finish_row()
    state.finish_t4()
    if state.segments:
        _settle(state, equations)
    # A table 三 read whole and consistent needs no second reading (and most reports are such).
    order = None if holds(report.values, equations) else rows_by_order(lines, rows)
    if order is not None:
        recovered, notes = reconcile(report.values, order, rows, equations)
        state.recovered += recovered
        state.ambiguous += notes
        if recovered:
            state.found["table3"] = max(state.found["table3"], 1)
    report.source = _source(state)
    read_narrative(text, report, stripped)
    return report


def _is_value(cell: str) -> bool:
    if cell.isdigit():
        return True  # most cells: a plain count
    return _is_value_text(cell)


@lru_cache(maxsize=8192)
def _is_value_text(cell: str) -> bool:
    """``_is_value`` of what is not a plain count: labels, mostly, asked about on every row."""
    return cell in NULL_MARKS or (
        (cell[0].isdigit() or cell[0] in "+-")
        and (parse_number(cell) is not None or parse_number_with_unit(cell) is not None)
    )


def _cell_value(cell: str) -> int | Decimal | None:
    """The value of a cell that ``_is_value``: a number, or None for a mark of an empty cell."""
    if cell.isascii() and cell.isdigit():
        return int(cell)
    number = parse_number(cell) if cell[0].isdigit() or cell[0] in "+-" else None
    if number is None and cell not in NULL_MARKS:
        number = parse_number_with_unit(cell)
    return number


def _add_cell(state: _State, cell: str) -> None:
    """One cell of a line, as the main loop of ``parse_text`` reads it."""
    if not cell:
        state.add_hole()
        return
    if cell[0].isdigit() or cell[0] in "+-":
        if cell.isdigit() and cell.isascii():
            state.add_value(int(cell))
            return
        if not _is_value_text(cell):
            state.add_text(cell)  # a label that starts with its ordinal (its kind is cached)
            return
        number = parse_number(cell)
        if number is None:
            number = parse_number_with_unit(cell)
        if number is not None:
            state.add_value(number)
            return
    if cell in NULL_MARKS:
        state.add_value(None)
    else:
        state.add_text(cell)


def _plain_line(line: str) -> Iterable[str]:
    """A line without tabs or pipes: one cell, unless it ends in space-separated numbers."""
    s = line.strip()
    if not s:
        return ()
    if " " in s and s[-1].isdigit():
        return list(_cells(s))
    return (s,)


_TABLE_SECTION = {"table2": 2, "table3": 3, "table4": 4}


def _source(state: _State) -> dict[str, object]:
    tables: dict[str, str] = {}
    for table, section in _TABLE_SECTION.items():
        if state.found[table] == 0:
            tables[table] = "image" if state.images.get(section) else "absent"
        elif table == "table3" and None in map(state.report.values.get, _T3_TOTALS):
            tables[table] = "truncated"
        else:
            tables[table] = "text"
    source: dict[str, object] = {"format": "text", "tables": tables}
    if state.short_rows:
        source["unreadable_rows"] = state.short_rows
    if state.recovered:
        source["recovered"] = state.recovered
    if state.ambiguous:
        source["ambiguous"] = state.ambiguous
    if state.unsettled:
        source["unsettled"] = state.unsettled
    return source


_T3_TOTALS = tuple(canonical(Cell("table3", r.key, "total")) for r in TABLE3_ROWS)
