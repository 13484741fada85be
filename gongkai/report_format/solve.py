"""Numbers whose cell boundaries the text lost, placed in their cells by the consistency rules.

A crawler's text of a web table runs a row's cells together: ``160 02 0 018`` is 16, 0, 0, 2, 0, 0,
18. What is known about such a run: its digits in order; a space is a cell boundary (the page's
``&nbsp;`` sits at a cell's edge), though not every boundary is a space; a printed number has no
leading zero; the rules of rules.py hold between the cells. So the reader enumerates every way of
splitting each row's digits into its cells (``splits``), keeps those that satisfy the rules inside
the row (a row's 总计, a block of table 四), then chooses one split per row so that the rules
between rows hold too (``settle``):

* exactly one assignment → its cells are taken; a cell that every split of its row gives alike is
  *read*, the others are *recovered by the rules* (由勾稽关系确定);
* several → the cells they agree on are taken, the others are left unread with the candidates;
* none → the rows with a single reading keep it (the checker then flags the rule the report breaks
  as printed); rows with several are left unread, and the failing rule is reported.

The search is bounded (``NODE_BUDGET``): no input can make it run long. A number is never
reported as read when it was guessed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import accumulate
from typing import cast

from .layout import Cell
from .rules import Equation

Value = int | Decimal | None

MAX_DIGITS = 7  # the largest count a table cell holds has 7 digits (a province's 9,999,999)
NODE_BUDGET = 200_000  # steps of one search; past it the rows stay unread, with a finding
REPORT_BUDGET = 1_000_000  # steps of every search of one report together: no input runs long
MAX_HOLES = 2  # cells of a row the text may have dropped (blank cells), placed by the rules
MAX_CANDIDATES = 512  # readings of one row under its own rules; more and the row stays unread


@dataclass(frozen=True)
class Run:
    """Digits whose cell boundaries are unknown: the pieces between white space, as printed."""

    pieces: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.pieces)


Item = int | Decimal | None | Run


@dataclass
class Segment:
    """The material of one row (or of table 四's fifteen cells): known cells and runs, in order."""

    cells: tuple[Cell, ...]
    items: list[Item]
    candidates: list[tuple[Value, ...]] = field(default_factory=list)
    read: frozenset[int] = frozenset()  # positions every split without the rules gives alike
    exhausted: bool = False  # the search hit its budget
    nodes: int = 0  # search steps its reading took (``NODE_BUDGET`` at most)

    @property
    def text(self) -> str:
        return " ".join(i.text if isinstance(i, Run) else "" if i is None else str(i) for i in self.items)


class _Budget(Exception):
    pass


# ------------------------------------------------------------------ one row: its splits


def _number(s: str) -> Value:
    if "." in s:
        try:
            d = Decimal(s)
        except InvalidOperation:
            return None
        return int(d) if d == d.to_integral_value() else d
    return int(s)


def _numbers_ending(piece: str, end: int) -> Iterable[tuple[str, int]]:
    """The numbers a piece can have ending at ``end``: (text, start offset), shortest first. No
    leading zero; a decimal point only inside a number."""
    digits = 0
    seen_point = False
    for start in range(end - 1, -1, -1):
        ch = piece[start]
        if ch == ".":
            if seen_point or start == end - 1:
                return
            seen_point = True
            continue
        digits += 1
        if digits > MAX_DIGITS + (6 if seen_point else 0):
            return
        if start > 0 and piece[start - 1] == ".":
            continue  # a number never starts right after a decimal point
        text = piece[start:end]
        if ch == "0" and len(text) > 1 and text[1] != ".":
            continue  # a leading zero
        yield text, start


@dataclass
class _Graph:
    """The reading positions of a segment's units, precomputed once per segment.

    A position is where the filling stands: unit ``u`` read up to ``end`` (a piece) or the whole
    unit ``u`` still to take; position 0 is "every unit taken". Per position: the digits (and whole
    units) left before it, whether a hole may sit there, and the numbers that can end there with
    the position each leaves — in the order the search tries them (shortest number first)."""

    start: int
    rest: list[int]
    hole_ok: list[bool]
    moves: list[list[tuple[Value, int]]]
    all_digits: bool
    ints: bool  # every value a move can take is an int (no decimal, no unreadable number)
    _bounds: dict[tuple[int, int], list[list[tuple[int, int, int] | None]]] = field(default_factory=dict)
    _pairs: dict[int, frozenset[int]] = field(default_factory=dict)
    _whole: list[int | None] | None = None

    def pair_sums(self, pos: int) -> frozenset[int]:
        """Every sum the units before ``pos`` can make read as exactly two numbers without holes
        (ints only): a number ending at ``pos`` plus the one number that takes every digit before
        it, where there is one (``whole``)."""
        found = self._pairs.get(pos)
        if found is None:
            whole = self.whole
            found = self._pairs[pos] = frozenset(
                v + w  # type: ignore[operator,misc]
                for v, nxt in self.moves[pos]
                if (w := whole[nxt]) is not None
            )
        return found

    @property
    def whole(self) -> list[int | None]:
        """Per position, the one number that takes every unit before it (None when there is
        none): the moves that reach position 0."""
        if self._whole is None:
            self._whole = [
                next((v for v, nxt in here if nxt == 0), None) if p else None  # type: ignore[misc]
                for p, here in enumerate(self.moves)
            ]
        return self._whole

    def bounds(self, width: int, holes: int = 0) -> list[list[tuple[int, int, int] | None]]:
        """Per position and number of cells m: (least sum, greatest sum, number of splits capped
        at 2) of the units before it read as exactly m numbers without holes; None when they
        cannot be, or when the search of ``width`` cells with ``holes`` holes cannot stand there
        with m cells left. Ints only; computed once, from the first position up."""
        found = self._bounds.get((width, holes))
        if found is not None:
            return found
        total = self.rest[self.start]
        rows: list[list[tuple[int, int, int] | None]] = [[None] * (width + 1) for _ in self.rest]
        rows[0][0] = (0, 0, 1)
        moves = cast(list[list[tuple[int, int]]], self.moves)  # ints only (see the docstring)
        short = width - holes - total
        up = MAX_DIGITS - 1
        for p in range(1, len(self.rest)):
            r = self.rest[p]
            # Each number has 1 to MAX_DIGITS digits: those before p make m cells, those after
            # it made the width − m cells filled (but the holes). (Comparisons, not min/max: this
            # runs for every position of every row.)
            first = short + r
            least = (r + up) // MAX_DIGITS or 1
            if first < least:
                first = least
            last = width - (total - r + up) // MAX_DIGITS
            if last > r:
                last = r
            if first > last:
                continue
            row = rows[p]
            span = range(first, last + 1)
            for v, nxt in moves[p]:
                sub = rows[nxt]
                for m in span:
                    s = sub[m - 1]
                    if s is not None:
                        cur = row[m]
                        if cur is None:
                            row[m] = (s[0] + v, s[1] + v, s[2])
                        else:  # a second way at least: the count is 2
                            a, b, _ = s
                            lo, hi, _ = cur
                            a += v
                            b += v
                            row[m] = (a if a < lo else lo, b if b > hi else hi, 2)
        self._bounds[(width, holes)] = rows
        return rows


_GRAPHS: dict[tuple[Item, ...], _Graph] = {}


def _graph(items: Sequence[Item]) -> _Graph:
    key = tuple(items)
    found = _GRAPHS.get(key)
    if found is None:
        if len(_GRAPHS) > 256:
            _GRAPHS.clear()
        found = _GRAPHS[key] = _build_graph(items)
    return found


def _build_graph(items: Sequence[Item]) -> _Graph:
    units: list[tuple[bool, object]] = []
    for it in items:
        if isinstance(it, Run):
            units.extend((False, p) for p in it.pieces if p)
        else:
            units.append((True, it))
    rest: list[int] = [0]
    hole_ok: list[bool] = [True]
    moves: list[list[tuple[Value, int]]] = [[]]
    ints = True
    before = 0  # cells the units before u can fill (each digit a cell)
    after = 0  # the position taking the units up to u leaves: the last one of unit u − 1
    for whole, x in units:
        if whole:
            rest.append(before + 1)
            hole_ok.append(True)
            moves.append([(x, after)])  # type: ignore[list-item]
            ints = ints and type(x) is int
            before += 1
            after = len(rest) - 1
            continue
        piece = str(x)
        base = len(rest) - 1  # the position of (unit, end) is base + end
        size = len(piece)
        if piece.isdigit():  # no decimal point: each number's value built digit by digit
            ds = [int(ch) for ch in piece]
            to = [after, *range(base + 1, base + size)]  # the position a number starting here leaves
            rest.extend(range(before + 1, before + size + 1))
            hole_ok.extend([False] * (size - 1))
            hole_ok.append(True)
            for end in range(1, size + 1):
                start = end - 1
                v = ds[start]
                here: list[tuple[Value, int]] = [(v, to[start])]  # one digit, 0 too
                scale = 10
                for start in range(end - 2, (end - MAX_DIGITS if end > MAX_DIGITS else 0) - 1, -1):
                    d = ds[start]
                    v += d * scale
                    scale *= 10
                    if d:  # no leading zero
                        here.append((v, to[start]))
                moves.append(here)
            before += size
        else:
            ints = False
            for end in range(1, len(piece) + 1):
                before += piece[end - 1].isdigit()
                rest.append(before)
                hole_ok.append(end == len(piece))
                here = []
                for text, start in _numbers_ending(piece, end):
                    here.append((_number(text), base + start if start else after))
                moves.append(here)
        after = len(rest) - 1
    return _Graph(after, rest, hole_ok, moves, all(not whole for whole, _ in units), ints)


def splits(
    items: Sequence[Item],
    width: int,
    equations: Sequence[Equation] = (),
    cells: Sequence[Cell] = (),
    *,
    holes: int = 0,
    limit: int = MAX_CANDIDATES,
    budget: list[int] | None = None,
) -> list[tuple[Value, ...]]:
    """Every way to read ``items`` as ``width`` cells that satisfies ``equations`` (all of whose
    cells are in ``cells``). ``holes`` cells may be missing from the text (None, then filled by an
    equation where one determines them). Raises _Budget past the budget.

    The cells are filled from the last to the first: a row's 总计 (and each block total of table
    四) comes first, so the parts' running sum can never pass it — the search stays small. Where
    the cells left are all parts of one equation whose total is set, the least and greatest sums
    the digits left can make as those cells (``_Graph.bounds``) cut every branch that cannot
    reach the total."""
    budget = budget if budget is not None else [NODE_BUDGET]
    graph = _graph(items)
    rest_at, hole_ok, moves = graph.rest, graph.hole_ok, graph.moves
    bounds = graph.bounds(width, holes) if graph.ints and graph.all_digits else None
    index, eqs, on, whole_rest, alone = _plan(equations, cells, width)
    sums: list[list[int | Decimal]] = [[0, 0] for _ in eqs]
    left_open = [[len(left), len(right)] for left, right in eqs]
    blank = [0] * len(eqs)  # holes and blank cells on the equation: then it is checked after filling
    values: list[Value] = [None] * width
    hole_at: list[bool] = [False] * width
    out: list[tuple[Value, ...]] = []
    all_digits = graph.all_digits
    dead: set[tuple[int, int, object]] = set()
    leaves = [0]
    pair_sums = graph.pair_sums

    def put(k: int, v: Value) -> bool:
        """Assign cell k; False when an equation can no longer hold (all values are ≥ 0)."""
        values[k] = v
        ok = True
        for e, side in on[k]:
            left_open[e][side] -= 1
            if v is None:
                blank[e] += 1
                continue
            sums[e][side] += v
            if blank[e]:
                continue
            lo, ro = left_open[e]
            sl, sr = sums[e]
            if (lo == 0 and sr > sl) or (ro == 0 and sl > sr) or (lo == 0 and ro == 0 and sl != sr):
                ok = False
        return ok

    def take(k: int) -> None:
        v = values[k]
        for e, side in on[k]:
            left_open[e][side] += 1
            if v is None:
                blank[e] -= 1
            else:
                sums[e][side] -= v

    def leaf() -> None:
        # Without a hole or a blank, every equation was checked as its last cell was put.
        filled = _fill(values, hole_at, equations, index) if any(hole_at) or None in values else tuple(values)
        if filled is not None:
            leaves[0] += 1
            if filled not in out:
                out.append(filled)

    def visit(p: int, k: int, holes_left: int) -> None:
        """Cells k, k-1 … 0 are still to fill from the units before position p."""
        budget[0] -= 1
        if budget[0] < 0:
            raise _Budget
        if len(out) >= limit:
            return
        if k < 0:
            if p == 0:
                leaf()
            return
        rest = rest_at[p]
        if rest + holes_left < k + 1:
            return
        if all_digits and not holes_left:
            if bounds is not None and bounds[p][k + 1] is None:
                return  # the digits left cannot be read as k + 1 numbers
            for e in whole_rest:
                if left_open[e][0] == 0 and not blank[e] and left_open[e][1] == k + 1:
                    # The cells left are this equation's parts and take every digit left: the
                    # longest has at least ⌈rest/(k+1)⌉ digits, none more than rest−k.
                    need = sums[e][0] - sums[e][1]
                    longest = -(-rest // (k + 1))
                    if (longest > 1 and 10 ** (longest - 1) > need) or need >= (k + 1) * 10 ** (rest - k):
                        return
        lone = alone[k]
        key: tuple[int, int, object] | None = None
        if lone is not None and not holes_left and not blank[lone] and left_open[lone][0] == 0:
            if bounds is not None:
                parts(p, k, int(sums[lone][0] - sums[lone][1]))  # ints only where bounds exist
                return
            key = (p, k, sums[lone][0] - sums[lone][1])
            if key in dead:
                return
        before = leaves[0]
        if holes_left and hole_ok[p]:
            hole_at[k] = True
            if put(k, None):
                visit(p, k - 1, holes_left - 1)
            take(k)
            hole_at[k] = False
        for v, nxt in moves[p]:
            if put(k, v):
                visit(nxt, k - 1, holes_left)
            take(k)
        if key is not None and leaves[0] == before:
            dead.add(key)

    def parts(p: int, k: int, need: int) -> None:
        """``visit`` where cells k … 0 are the open parts of one equation and nothing else (ints,
        no hole): they must sum to ``need``. Each number is tried only when the digits it leaves
        can still make the rest (``bounds``; below three cells, the exact set of sums)."""
        budget[0] -= 1
        if budget[0] < 0:
            raise _Budget
        if len(out) >= limit:
            return
        key = (p, k, need)
        if key in dead:
            return
        before = leaves[0]
        if k == 0:
            for v, nxt in moves[p]:
                if v == need and nxt == 0:
                    values[0] = v
                    leaf()
        elif k == 1:
            for v, nxt in moves[p]:
                left = need - v  # type: ignore[operator]
                b = bounds[nxt][1]  # type: ignore[index]
                # One cell left: the one number that takes every digit before nxt (its least and
                # greatest sums are that number), so this is the last cell's node done in line.
                if b is None or left != b[0]:
                    continue
                values[1] = v
                budget[0] -= 1
                if budget[0] < 0:
                    raise _Budget
                if len(out) >= limit:
                    continue
                values[0] = left
                if not holes:  # nothing else is open: the reading holds
                    leaf()
                    continue
                last = (nxt, 0, left)  # a hole elsewhere may make the filling fail: remembered
                if last not in dead:
                    at = leaves[0]
                    leaf()
                    if leaves[0] == at:
                        dead.add(last)
        else:
            for v, nxt in moves[p]:
                left = need - v  # type: ignore[operator]
                if left < 0:
                    break  # the numbers ending here only grow (shortest first): none fits after
                b = bounds[nxt][k]  # type: ignore[index]
                if b is None or left < b[0] or left > b[1]:
                    continue
                if k == 2 and left not in pair_sums(nxt):
                    continue
                values[k] = v
                parts(nxt, k - 1, left)  # type: ignore[arg-type]  # an int: ints only here
        if leaves[0] == before:
            dead.add(key)

    def row_total(p: int, k: int) -> None:
        """``visit`` of a row whose one equation is "the last cell is the sum of the others"
        (a row of table 三), without holes: each number ending the digits is the total, then the
        parts must make it. The same nodes, checks and order as ``visit`` and ``put`` there."""
        budget[0] -= 1
        if budget[0] < 0:
            raise _Budget
        if rest_at[p] < k + 1 or bounds[p][k + 1] is None:  # type: ignore[index]
            return
        for v, nxt in moves[p]:
            values[k] = v
            budget[0] -= 1
            if budget[0] < 0:
                raise _Budget
            if len(out) >= limit:
                continue
            rest = rest_at[nxt]
            if rest < k or bounds[nxt][k] is None:  # type: ignore[index]
                continue
            longest = -(-rest // k)  # the parts take every digit left (see ``visit``)
            if (longest > 1 and 10 ** (longest - 1) > v) or v >= k * 10 ** (rest - k + 1):
                continue
            parts(nxt, k - 1, int(v))  # type: ignore[arg-type]

    if bounds is not None and not holes and width > 2 and _is_row_total(eqs, width):
        row_total(graph.start, width - 1)
    else:
        visit(graph.start, width - 1, holes)
    return out


def _is_row_total(eqs: list[tuple[list[int], list[int]]], width: int) -> bool:
    """One equation: the last cell equals the sum of all the others."""
    return len(eqs) == 1 and eqs[0][0] == [width - 1] and sorted(eqs[0][1]) == list(range(width - 1))


_Plan = tuple[
    dict[Cell, int],
    list[tuple[list[int], list[int]]],
    list[list[tuple[int, int]]],
    list[int],
    list[int | None],
]
_PLANS: dict[tuple[int, tuple[Cell, ...], int], tuple[Sequence[Equation], _Plan]] = {}


def _plan(equations: Sequence[Equation], cells: Sequence[Cell], width: int) -> _Plan:
    """How the equations stand on the cells (cached: a layout has few rows)."""
    key = (id(equations), tuple(cells), width)
    found = _PLANS.get(key)
    if found is not None and found[0] is equations:  # the reference kept makes the id unique
        return found[1]
    index = {c: i for i, c in enumerate(cells)}
    # Per cell: (equation, side) it stands on.
    eqs = [([index[c] for c in eq.left], [index[c] for c in eq.right]) for eq in equations]
    on: list[list[tuple[int, int]]] = [[] for _ in range(width)]
    for e, (left, right) in enumerate(eqs):
        for i in left:
            on[i].append((e, 0))
        for i in right:
            on[i].append((e, 1))
    whole_rest = [e for e, (left, right) in enumerate(eqs) if len(left) == 1 and right]
    # Per k: the equation e when cells 0 … k stand on e's parts and on no other equation; then
    # what the cells left can do depends only on (position, k, e's remaining need): a state
    # that reached no reading once is skipped when met again.
    alone: list[int | None] = []
    for k in range(width):
        touching = {x for i in range(k + 1) for x in on[i]}
        only: tuple[int | None, int] = next(iter(touching)) if len(touching) == 1 else (None, 0)
        lone_eq, side = only
        alone.append(lone_eq if side == 1 and all(len(on[i]) == 1 for i in range(k + 1)) else None)
    plan = (index, eqs, on, whole_rest, alone)
    if len(_PLANS) > 256:
        _PLANS.clear()
    _PLANS[key] = (equations, plan)
    return plan


def _piece(units: list[tuple[bool, object]], u: int) -> str:
    if 0 <= u < len(units) and not units[u][0]:
        return str(units[u][1])
    return ""


def _fill(
    values: list[Value], hole_at: list[bool], equations: Sequence[Equation], index: dict[Cell, int]
) -> tuple[Value, ...] | None:
    """The holes filled by the equations that determine them; None when a filled value is
    impossible (negative) or an equation fails."""
    vals = list(values)
    open_ = {i for i, h in enumerate(hole_at) if h}
    changed = True
    while open_ and changed:
        changed = False
        for eq in equations:
            terms = [(index[c], 1) for c in eq.left] + [(index[c], -1) for c in eq.right]
            unknown = [(i, s) for i, s in terms if i in open_ or vals[i] is None]
            if len(unknown) != 1 or unknown[0][0] not in open_:
                continue
            i, s = unknown[0]
            rest = sum(s2 * v for j, s2 in terms if j != i and (v := vals[j]) is not None)
            v = -rest * s
            if v < 0:
                return None
            vals[i] = v
            open_.discard(i)
            changed = True
    for eq in equations:
        cells = [index[c] for c in eq.cells]
        if any(vals[i] is None for i in cells):
            continue
        if sum(vals[index[c]] for c in eq.left) != sum(vals[index[c]] for c in eq.right):  # type: ignore[misc]
            return None
    return tuple(vals)


def read_segment(segment: Segment, equations: Sequence[Equation], limit: int = NODE_BUDGET) -> None:
    """The candidates of one segment under the equations inside it; ``read`` holds its cells when
    the digits allow one reading only. ``limit``: the search steps it may take."""
    cells = segment.cells
    inside = _inside(cells, equations)
    width = len(cells)
    digits = _digits(segment.items)
    single = _single_digits(segment.items, width, digits)
    if single is not None:  # as many digits as cells: one digit a cell, the only reading
        kept = _fill(list(single), [False] * width, inside, {c: i for i, c in enumerate(cells)})
        segment.candidates = [kept if kept is not None else single]
        segment.read = frozenset(range(width))
        return
    budget = [limit]
    try:
        cands = splits(segment.items, width, inside, cells, budget=budget)
        holes = 0
        if not cands and digits < width:
            holes = min(MAX_HOLES, width - digits)
            cands = splits(segment.items, width, inside, cells, holes=holes, budget=budget)
        raw = _raw(segment.items, width, cells, holes, budget)
    except _Budget:
        segment.exhausted = True
        segment.nodes = limit
        return
    segment.nodes = limit - budget[0]
    if len(cands) >= MAX_CANDIDATES:
        segment.exhausted = True  # a list cut short could make a wrong reading look unique
        return
    if not cands and len(raw) == 1:
        cands = raw  # one literal reading that breaks a rule inside the row: kept, the checker flags it
    segment.candidates = cands
    if len(raw) == 1:  # the digits allow one reading only: every cell is read as printed
        segment.read = frozenset(i for i in range(width) if raw[0][i] is not None)


def _raw(
    items: Sequence[Item], width: int, cells: tuple[Cell, ...], holes: int, budget: list[int]
) -> list[tuple[Value, ...]]:
    """Up to two readings of the digits alone (no rule). Without holes the count of splits
    (``_Graph.bounds``) answers first: none, or two or more, need no search."""
    graph = _graph(items)
    if not holes and graph.ints and graph.all_digits:
        found = graph.bounds(width)[graph.start][width]
        if found is None:
            return []
        if found[2] > 1:
            return [(), ()]  # two readings at least: only their number is used
    return splits(items, width, (), cells, holes=holes, limit=2, budget=budget)


_INSIDE: dict[tuple[int, tuple[Cell, ...]], list[Equation]] = {}


def _inside(cells: tuple[Cell, ...], equations: Sequence[Equation]) -> list[Equation]:
    """The equations all of whose cells are in ``cells`` (cached: a layout has few rows)."""
    key = (id(equations), cells)
    found = _INSIDE.get(key)
    if found is None:
        here = frozenset(cells)
        found = _INSIDE[key] = [eq for eq in equations if here.issuperset(eq.cells)]
    return found


def _single_digits(items: Sequence[Item], width: int, digits: int) -> tuple[Value, ...] | None:
    if digits != width or not all(isinstance(it, Run) for it in items):
        return None
    text = "".join("".join(it.pieces) for it in items)  # type: ignore[union-attr]
    return tuple(int(ch) for ch in text) if text.isdigit() else None


def _digits(items: Sequence[Item]) -> int:
    n = 0
    for it in items:
        n += sum(map(str.isdigit, it.text)) if isinstance(it, Run) else 1
    return n


# ------------------------------------------------------------------ rows together: the assignment


@dataclass
class Settlement:
    """What the search decided: values to store, how each was obtained, what stays open."""

    values: dict[Cell, Value] = field(default_factory=dict)
    recovered: list[Cell] = field(default_factory=list)  # decided by the rules
    ambiguous: list[dict[str, object]] = field(default_factory=list)
    unsettled: list[dict[str, object]] = field(default_factory=list)


def settle(
    segments: Sequence[Segment], known: dict[Cell, Value], equations: Sequence[Equation]
) -> Settlement:
    """One reading per segment so that every equation holds; see the module docstring."""
    result = Settlement()
    left = REPORT_BUDGET
    for seg in segments:
        if left <= 0:
            seg.exhausted = True  # the report's steps are spent: the rows after stay unread
            continue
        read_segment(seg, equations, min(NODE_BUDGET, left))
        left -= seg.nodes
    open_ = [s for s in segments if len(s.candidates) > 1 and not s.exhausted]
    for seg in segments:
        if seg.exhausted:
            result.unsettled.append(_note(seg, "budget", ""))
        elif not seg.candidates:
            result.unsettled.append(_note(seg, "no_reading", _failing_code(seg, equations)))
        elif len(seg.candidates) == 1:
            _take(result, seg, seg.candidates[0], seg.read)
    if not open_:
        return result
    fixed = dict(known)
    for cell, v in result.values.items():
        fixed[cell] = v
    for seg in open_:
        for c in seg.cells:
            fixed.pop(c, None)
    search = _Search(open_, fixed, equations, budget=max(0, min(NODE_BUDGET, left)))
    try:
        feasible = search.feasible()
    except _Budget:
        for seg in open_:
            result.unsettled.append(_note(seg, "budget", ""))
        return result
    if feasible is None:
        for seg in open_:
            result.unsettled.append(_note(seg, "no_reading", search.failing()))
        return result
    for seg, allowed in zip(open_, feasible, strict=True):
        chosen = [seg.candidates[i] for i in sorted(allowed)]
        if len(chosen) == 1:
            _take(result, seg, chosen[0], seg.read)
            continue
        first = chosen[0]
        agreed = {
            i for i in range(len(seg.cells)) if first[i] is not None and all(c[i] == first[i] for c in chosen)
        }
        for i in agreed:
            result.values[seg.cells[i]] = first[i]
            if i not in seg.read:
                result.recovered.append(seg.cells[i])
        result.ambiguous.append(
            {
                "cells": [c.path for i, c in enumerate(seg.cells) if i not in agreed],
                "row_cells": [c.path for c in seg.cells],
                "candidates": sorted([list(c) for c in chosen], key=_reading_order),
                "text": seg.text,
            }
        )
    return result


def _reading_order(values: list[Value]) -> list[tuple[bool, Value]]:
    return [(v is None, v or 0) for v in values]


def _take(result: Settlement, seg: Segment, values: tuple[Value, ...], read: frozenset[int]) -> None:
    result.values.update(zip(seg.cells, values, strict=True))
    if len(read) < len(values):
        result.recovered += [
            c
            for i, (c, v) in enumerate(zip(seg.cells, values, strict=True))
            if v is not None and i not in read
        ]


def _note(seg: Segment, reason: str, code: str) -> dict[str, object]:
    return {"cells": [c.path for c in seg.cells], "text": seg.text, "reason": reason, "code": code}


def _failing_code(seg: Segment, equations: Sequence[Equation]) -> str:
    cells = set(seg.cells)
    for eq in equations:
        if set(eq.cells) <= cells:
            return eq.code
    return ""


# A part of an equation (left minus right) as three lists, one entry per candidate of a segment:
# the finite sum, and how many unknown counts (≥ 0) stand on the left and on the right — an unknown
# on the left lets the part grow without bound, on the right shrink.
_Parts = tuple[list[float], list[int], list[int]]


def _add(parts: _Parts, j: int, value: Value, sign: int) -> None:
    if value is None:
        if sign > 0:
            parts[1][j] += 1
        else:
            parts[2][j] += 1
    else:
        parts[0][j] += sign * float(value)


def _span(parts: _Parts, chosen: Iterable[int]) -> tuple[float, float]:
    """The least and the greatest the chosen candidates' parts can be."""
    finite, left, right = parts
    least = min(-math.inf if right[i] else finite[i] for i in chosen)
    most = max(math.inf if left[i] else finite[i] for i in chosen)
    return least, most


_TERMS: dict[int, tuple[Sequence[Equation], list[tuple[tuple[Cell, ...], list[tuple[Cell, int]]]]]] = {}


def _terms(equations: Sequence[Equation]) -> list[tuple[tuple[Cell, ...], list[tuple[Cell, int]]]]:
    """Each equation's cells, and its cells with their sign (cached per rule set)."""
    found = _TERMS.get(id(equations))
    if found is None or found[0] is not equations:  # the reference kept makes the id unique
        terms = [(eq.cells, [(c, 1) for c in eq.left] + [(c, -1) for c in eq.right]) for eq in equations]
        found = (equations, terms)
        if len(_TERMS) > 16:
            _TERMS.clear()
        _TERMS[id(equations)] = found
    return found[1]


class _Search:
    """Which candidates of the open segments take part in some assignment that satisfies every
    equation. Depth-first over the segments with interval bounds: at each step every equation
    touching the segment must still be reachable by the segments not yet chosen. A cell nobody read
    (a blank, a row not found) is an unknown count ≥ 0: it still bounds its equation on one side."""

    def __init__(
        self,
        open_: list[Segment],
        fixed: dict[Cell, Value],
        equations: Sequence[Equation],
        budget: int = NODE_BUDGET,
    ) -> None:
        self.segments = open_
        owner = {c: (n, pos) for n, seg in enumerate(open_) for pos, c in enumerate(seg.cells)}
        # Each equation: its constant part and, per segment it touches, its candidates' parts.
        self.eqs: list[tuple[str, _Parts, dict[int, _Parts]]] = []
        for eq, (cells, terms) in zip(equations, _terms(equations), strict=True):
            if owner.keys().isdisjoint(cells):
                continue  # no open segment on it: nothing to search
            const: _Parts = ([0.0], [0], [0])
            parts: dict[int, _Parts] = {}
            for c, sign in terms:
                at = owner.get(c)
                if at is None:
                    _add(const, 0, fixed.get(c), sign)
                    continue
                n, pos = at
                cands = open_[n].candidates
                row = parts.get(n)
                if row is None:
                    row = parts[n] = ([0.0] * len(cands), [0] * len(cands), [0] * len(cands))
                finite, unknown = row[0], (row[1] if sign > 0 else row[2])
                for j, cand in enumerate(cands):  # ``_add`` in line: every cell of every candidate
                    value = cand[pos]
                    if value is None:
                        unknown[j] += 1
                    else:
                        finite[j] += sign * float(value)
            if parts:
                self.eqs.append((eq.code, const, parts))
        self.span = [
            {n: _span(row, range(len(row[0]))) for n, row in parts.items()} for _, _, parts in self.eqs
        ]
        self.touching: list[list[int]] = [[] for _ in open_]
        for e, (_, _, parts) in enumerate(self.eqs):
            for n in parts:
                self.touching[n].append(e)
        self.codes = [code for code, _, _ in self.eqs]
        # Each search starts from the constants: finite sums and unknowns on each side.
        self.start = (
            [0.0 + const[0][0] for _, const, _ in self.eqs],
            [const[1][0] for _, const, _ in self.eqs],
            [const[2][0] for _, const, _ in self.eqs],
        )
        self.order = sorted(range(len(open_)), key=lambda n: len(open_[n].candidates))
        self.rank = {n: r for r, n in enumerate(self.order)}
        self.full_bounds: dict[int, tuple[list[float], list[float]]] = {}  # every candidate allowed
        self.budget = budget
        self.fails: dict[str, int] = {}

    def failing(self) -> str:
        return max(self.fails, key=lambda k: self.fails[k]) if self.fails else ""

    def feasible(self) -> list[set[int]] | None:
        """For each open segment the candidates some solution uses; None when there is none."""
        allowed = [set(range(len(s.candidates))) for s in self.segments]
        witness = self._solve(allowed)
        if witness is None:
            return None
        found = [{w} for w in witness]
        for n in range(len(self.segments)):
            for i in sorted(allowed[n] - found[n]):
                if i in found[n]:
                    continue
                trial = [set(a) for a in allowed]
                trial[n] = {i}
                sol = self._solve(trial)
                if sol is not None:
                    for m, w in enumerate(sol):
                        found[m].add(w)
        return found

    def _solve(self, allowed: list[set[int]]) -> list[int] | None:
        order = self.order
        k = len(order)
        # Bounds of what the segments from rank r on can still add to each equation (a segment
        # with all its candidates allowed: its bounds computed once).
        full = [len(allowed[n]) == len(s.candidates) for n, s in enumerate(self.segments)]
        rank = self.rank
        lo: list[list[float]] = []
        hi: list[list[float]] = []
        for e, (_, _, parts) in enumerate(self.eqs):
            cached = self.full_bounds.get(e)
            if cached is not None and all(full[n] for n in parts):
                lo.append(cached[0])  # read only: shared between searches
                hi.append(cached[1])
                continue
            add_lo = [0.0] * (k + 1)
            add_hi = [0.0] * (k + 1)
            span = self.span[e]
            for n, row in parts.items():
                a, b = span[n] if full[n] else _span(row, allowed[n])
                add_lo[rank[n]] = a
                add_hi[rank[n]] = b
            # Suffix sums, in the order the ranks were added before (from the last rank up).
            lo.append(list(accumulate(add_lo[::-1]))[::-1])
            hi.append(list(accumulate(add_hi[::-1]))[::-1])
            if all(full[n] for n in parts):
                self.full_bounds[e] = (lo[-1], hi[-1])
        # What the segments chosen so far add to each equation, with its constant: the finite sum
        # and the unknown counts on each side (a side's sums never mix -inf and +inf).
        finite, lefts, rights = list(self.start[0]), list(self.start[1]), list(self.start[2])
        choice = [0] * len(order)
        choices = [sorted(a) for a in allowed]
        # Per segment: (equation, its candidates' parts, bounds of the ranks after it) it touches.
        touching = [
            [(e, *self.eqs[e][2][n], lo[e], hi[e]) for e in self.touching[n]] for n in range(len(allowed))
        ]
        codes = self.codes
        fails = self.fails
        inf = math.inf

        def visit(r: int) -> bool:
            self.budget -= 1
            if self.budget < 0:
                raise _Budget
            if r == k:
                return True
            n = order[r]
            touched = touching[n]
            for i in choices[n]:
                ok = True
                for e, f_row, l_row, r_row, _, _ in touched:
                    finite[e] += f_row[i]
                    lefts[e] += l_row[i]
                    rights[e] += r_row[i]
                for e, _, _, _, lo_e, hi_e in touched:
                    f = finite[e]
                    least = -inf if rights[e] else f
                    most = inf if lefts[e] else f
                    if not (least + lo_e[r + 1] <= 1e-9 and most + hi_e[r + 1] >= -1e-9):
                        fails[codes[e]] = fails.get(codes[e], 0) + 1
                        ok = False
                        break
                if ok:
                    choice[n] = i
                    if visit(r + 1):
                        return True
                for e, f_row, l_row, r_row, _, _ in touched:
                    finite[e] -= f_row[i]
                    lefts[e] -= l_row[i]
                    rights[e] -= r_row[i]
            return False

        return list(choice) if visit(0) else None
