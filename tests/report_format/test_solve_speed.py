"""The solver's speed-ups keep its answers: the pruned search against a plain enumeration, the
counted raw reading against the searched one, the inference's exact sums against term-by-term
sums; and adversarial digit runs finish within the budget (nodes, never time: CI is
deterministic). Timings are in bench/solver_worst.py."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from itertools import pairwise

import pytest

from gongkai.report_format.infer import _bounds
from gongkai.report_format.layout import TABLE3_COLUMNS, TABLE_CELLS, Cell
from gongkai.report_format.rules import EQUATIONS, Equation
from gongkai.report_format.sample import random_report
from gongkai.report_format.solve import (
    MAX_CANDIDATES,
    MAX_DIGITS,
    NODE_BUDGET,
    Run,
    Segment,
    Value,
    _Budget,
    _fill,
    _inside,
    _raw,
    read_segment,
    splits,
)

ROW = tuple(Cell("table3", "new", c.key) for c in TABLE3_COLUMNS)
T4 = TABLE_CELLS["table4"]
T2_ROW = tuple(Cell("table2", "licensing", f) for f in ("previous_items", "change", "decisions"))


def _plain(
    pieces: Sequence[str], width: int, equations: Sequence[Equation], cells: Sequence[Cell], holes: int
) -> list[tuple[Value, ...]]:
    """Every split, in the solver's order (cells from the last, a hole first, then numbers
    shortest first), kept when the equations hold: the solver without any pruning."""
    index = {c: i for i, c in enumerate(cells)}
    out: list[tuple[Value, ...]] = []

    def numbers(piece: str, end: int) -> Iterator[tuple[int, int]]:
        for start in range(end - 1, max(end - MAX_DIGITS, 0) - 1, -1):
            if piece[start] != "0" or start == end - 1:
                yield int(piece[start:end]), start

    def go(u: int, end: int, k: int, holes_left: int, values: list[Value], hole_at: list[bool]) -> None:
        if k < 0:
            if u < 0 and _puts_hold(values, equations, index):
                filled = _fill(values, hole_at, equations, index)
                if filled is not None and filled not in out:
                    out.append(filled)
            return
        if holes_left and (u < 0 or end == len(pieces[u])):
            go(
                u,
                end,
                k - 1,
                holes_left - 1,
                [*values[:k], None, *values[k + 1 :]],
                [*hole_at[:k], True, *hole_at[k + 1 :]],
            )
        if u < 0:
            return
        for v, start in numbers(pieces[u], end):
            nxt = (u, start) if start else (u - 1, len(pieces[u - 1]) if u else 0)
            go(*nxt, k - 1, holes_left, [*values[:k], v, *values[k + 1 :]], hole_at)

    last = len(pieces) - 1
    go(last, len(pieces[last]), width - 1, holes, [None] * width, [False] * width)
    return out


def _puts_hold(values: list[Value], equations: Sequence[Equation], index: dict[Cell, int]) -> bool:
    """The solver's check as each cell is put, from the last: until a hole or blank stands on an
    equation, its parts can never pass its total (all values are ≥ 0), and it holds once full."""
    for eq in equations:
        left = [index[c] for c in eq.left]
        right = [index[c] for c in eq.right]
        sl = sr = 0
        for k in sorted(left + right, reverse=True):
            if values[k] is None:
                break
            if k in left:
                sl += values[k]  # type: ignore[operator]
            else:
                sr += values[k]  # type: ignore[operator]
            lo = sum(1 for i in left if i < k)
            ro = sum(1 for i in right if i < k)
            if (lo == 0 and sr > sl) or (ro == 0 and sl > sr) or (lo == 0 and ro == 0 and sl != sr):
                return False
    return True


def _pieces(rng: random.Random, n: int, zeros: float) -> tuple[str, ...]:
    digits = "".join("0" if rng.random() < zeros else rng.choice("123456789") for _ in range(n))
    cuts = sorted(rng.sample(range(1, n), rng.randint(0, min(3, n - 1)))) if n > 1 else []
    bounds = [0, *cuts, n]
    return tuple(digits[a:b] for a, b in pairwise(bounds))


@pytest.mark.parametrize(("cells", "lengths"), [(ROW, (7, 16)), (T2_ROW, (2, 12)), (T4, (15, 16))])
def test_search_matches_the_plain_enumeration(cells: tuple[Cell, ...], lengths: tuple[int, int]) -> None:
    rng = random.Random(len(cells))
    inside = _inside(cells, EQUATIONS)
    for trial in range(60):
        pieces = _pieces(rng, rng.randint(*lengths), zeros=(0.1, 0.4, 0.7)[trial % 3])
        width = len(cells)
        got = splits([Run(pieces)], width, inside, cells)
        assert got == _plain(pieces, width, inside, cells, 0)[:MAX_CANDIDATES], pieces
        raw = splits([Run(pieces)], width, (), cells)
        assert raw == _plain(pieces, width, (), cells, 0)[:MAX_CANDIDATES], pieces


def test_search_with_holes_matches_the_plain_enumeration() -> None:
    rng = random.Random(5)
    for cells in (T2_ROW, ROW):
        inside = _inside(cells, EQUATIONS)
        for _ in range(80):
            width = len(cells)
            pieces = _pieces(rng, rng.randint(1, width - 1), zeros=0.3)
            for holes in (1, 2):
                got = splits([Run(pieces)], width, inside, cells, holes=holes)
                assert got == _plain(pieces, width, inside, cells, holes)[:MAX_CANDIDATES], (pieces, holes)


def test_counted_raw_reading_matches_the_searched_one() -> None:
    rng = random.Random(7)
    for _ in range(300):
        cells = rng.choice((ROW, T2_ROW, T4))
        items = [Run(_pieces(rng, rng.randint(len(cells) - 2, 3 * len(cells)), zeros=0.5))]
        searched = splits(items, len(cells), (), cells, limit=2)
        counted = _raw(items, len(cells), cells, 0, [NODE_BUDGET])
        assert len(counted) == len(searched)
        if len(searched) == 1:
            assert counted == searched


@pytest.mark.parametrize("length", [31, 49, 60])
def test_adversarial_row_finishes_within_the_budget(length: int) -> None:
    """A long run of nonzero digits in a 7-cell row: no leading zero cuts any split."""
    rng = random.Random(length)
    segment = Segment(ROW, [Run(("".join(rng.choice("123456789") for _ in range(length)),))])
    read_segment(segment, EQUATIONS)
    assert not segment.exhausted
    assert segment.nodes < 5_000  # 60 digits cannot be 7 cells of 7 digits at most: no search at all


@pytest.mark.parametrize("length", [60, 100, 200])
def test_adversarial_table4_run_finishes_within_the_budget(length: int) -> None:
    rng = random.Random(length)
    segment = Segment(T4, [Run(("".join(rng.choice("123456789") for _ in range(length)),))])
    read_segment(segment, EQUATIONS)
    assert not segment.exhausted
    assert segment.nodes < 20_000


def test_the_budget_still_stops_a_search() -> None:
    digits = "".join(random.Random(1).choice("123456789") for _ in range(40))
    with pytest.raises(_Budget):
        splits([Run((digits,))], 7, _inside(ROW, EQUATIONS), ROW, budget=[3])


def test_inference_exact_sums_match_term_by_term_sums() -> None:
    rng = random.Random(11)
    cells = sorted({c for eq in EQUATIONS for c in eq.cells}, key=lambda c: c.path)
    compared = 0
    for i in range(100):
        report = random_report(rng)
        for c in cells:
            x = rng.random()
            if x < (0.3 if i % 2 else 0.6):
                report.values[c] = None
            elif i % 3 == 0 and x < 0.35 and report.values.get(c) is not None:
                report.values[c] += rng.randint(-3, 3)  # type: ignore[operator]
        unknown = {c for eq in EQUATIONS for c in eq.cells if report.values.get(c) is None}
        exact = _bounds(report, unknown, exact=True)
        if exact is False:
            continue
        assert exact == _bounds(report, unknown, exact=False)
        compared += 1
    assert compared > 80


def test_inference_falls_back_beyond_exact_floats() -> None:
    report = random_report(random.Random(2))
    cell = Cell("table3", "new", "total")
    report.values[cell] = 2**60
    report.values[Cell("table3", "new", "natural_person")] = None
    unknown = {Cell("table3", "new", "natural_person")}
    assert _bounds(report, unknown, exact=True) is False
