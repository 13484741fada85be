"""The body tree in reading order, for area pages (statistics, supervision, tree management)."""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict
from typing import Any

from django.db.models import Count, Max

from gongkai.bodies.models import Body, BodyChange, subtrees

Fingerprint = tuple[Any, ...]
# A dated move as the year views need it: (生效日期, change pk, body pk, parent pk before the move).
Move = tuple[datetime.date, int, int, int | None]
# A dated rename as the year views order bodies by it: (生效日期, change pk, body pk, name before it).
Rename = tuple[datetime.date, int, int, str]

# Kept per process while the body table's fingerprint holds (a move always saves its body, so a new
# move changes the fingerprint too): a province's tree is 10,000 model instances (~0.3 s to load),
# and it rarely changes.
# - the walked trees last asked for, per (root, year, current);
# - per root, every body below it as it stands today, sorted by (name, pk): any year's tree is walked
#   from it and the moves effective after that year (walking 10,000 bodies takes some 20 ms, loading
#   them ten times that);
# - every dated move, in the order they took effect (a short list: moves are rare), and every dated
#   rename likewise.
_TREES: OrderedDict[tuple[int, int | None, bool], tuple[Fingerprint, list[tuple[Body, int]]]] = OrderedDict()
_TREES_KEPT = 32
_BELOW: OrderedDict[int, tuple[Fingerprint, list[Body]]] = OrderedDict()
_BELOW_KEPT = 8
_MOVES: list[tuple[Fingerprint, list[Move]]] = []
_RENAMES: list[tuple[Fingerprint, list[Rename]]] = []
_lock = threading.Lock()


def _fingerprint() -> Fingerprint:
    """What changes whenever a body is added, removed or saved (every change goes through save(),
    which stamps updated_at): one aggregate over the table, a few milliseconds for 10,000 bodies."""
    row = Body.objects.aggregate(n=Count("id"), last=Max("id"), changed=Max("updated_at"))
    return row["n"], row["last"], row["changed"]


def area_bodies(root: Body, *, year: int | None = None, current: bool = False) -> list[tuple[Body, int]]:
    """The root and every body below it, depth first (children by name), with their depth.
    Kept per process while the body table's fingerprint stays the same (the instances are shared:
    read them, don't change them).

    Which ended (撤销/撤并) bodies are kept:
    - ``current=True``: none — only the bodies that exist today (the tree, lists of current bodies);
    - ``year=Y``: those that still existed at the end of Y (a body merged in 2025 is listed for 2024,
      not for 2025), so a past year's page shows the tree as it answered for that year's reports;
      and of the bodies with a 成立日期 (``founded_on``) only those founded by the end of Y (one
      founded on 1 March 2025 is listed for 2025 and later, not for 2024): ``Body.existed_in``;
    - neither: every body, ended or not (the behaviour before bodies could end).
    The root is always listed. A body left out does not hide the bodies below it.

    Where a body stands: with ``year=Y``, under the parent it had on 31 December of Y — the moves
    (调整隶属) effective after that day are undone, so a body moved out of the area in Y+1 is still
    listed for Y, with everything below it, and a body moved in during Y+1 is not. Otherwise, where it
    stands today. The instances carry today's names; with ``year=Y`` children are in the order of
    their names on 31 December of Y (a year's page takes those names from ``names.names_at``), else
    of today's names. The children
    a merge (撤并) handed to the body merged into stand under that body in every year, as before
    moves were dated.
    """
    key = (root.pk, year, current)
    fingerprint = _fingerprint()
    with _lock:
        kept = _TREES.get(key)
        if kept is not None and kept[0] == fingerprint:
            _TREES.move_to_end(key)
            return list(kept[1])
    parent_at = _parents_at_end_of(year, fingerprint) if year is not None else {}
    names = _names_at_end_of(year, fingerprint) if year is not None else {}
    rows = _walk(root, _below(root, fingerprint), parent_at, names, year=year, current=current)
    with _lock:
        _TREES[key] = (fingerprint, rows)
        while len(_TREES) > _TREES_KEPT:
            _TREES.popitem(last=False)
    return list(rows)


def _below(root: Body, fingerprint: Fingerprint) -> list[Body]:
    """Every body below ``root`` today, sorted by (name, pk); kept per root."""
    with _lock:
        kept = _BELOW.get(root.pk)
        if kept is not None and kept[0] == fingerprint:
            _BELOW.move_to_end(root.pk)
            return kept[1]
    bodies = sorted(root.descendants(), key=_by_name)
    with _lock:
        _BELOW[root.pk] = (fingerprint, bodies)
        while len(_BELOW) > _BELOW_KEPT:
            _BELOW.popitem(last=False)
    return bodies


def _moves(fingerprint: Fingerprint) -> list[Move]:
    """Every dated move, earliest effective first (same day: in the order they were recorded)."""
    with _lock:
        if _MOVES and _MOVES[0][0] == fingerprint:
            return _MOVES[0][1]
    rows = (
        BodyChange.objects.filter(kind=BodyChange.Kind.MOVE, effective_on__isnull=False)
        .order_by("effective_on", "pk")
        .values_list("effective_on", "pk", "body_id", "before")
    )
    moves: list[Move] = [
        (on, pk, body_id, (before or {}).get("parent_id"))  # type: ignore[misc]  # effective_on is not null
        for on, pk, body_id, before in rows
    ]
    with _lock:
        _MOVES[:] = [(fingerprint, moves)]
    return moves


def _renames(fingerprint: Fingerprint) -> list[Rename]:
    """Every dated rename, earliest effective first (same day: in the order they were recorded)."""
    with _lock:
        if _RENAMES and _RENAMES[0][0] == fingerprint:
            return _RENAMES[0][1]
    rows = (
        BodyChange.objects.filter(kind=BodyChange.Kind.RENAME, effective_on__isnull=False)
        .order_by("effective_on", "pk")
        .values_list("effective_on", "pk", "body_id", "before")
    )
    renames: list[Rename] = [
        (on, pk, body_id, str((before or {}).get("name") or ""))  # type: ignore[misc]  # effective_on is not null
        for on, pk, body_id, before in rows
    ]
    with _lock:
        _RENAMES[:] = [(fingerprint, renames)]
    return renames


def _names_at_end_of(year: int, fingerprint: Fingerprint) -> dict[int, str]:
    """The name on 31 December of ``year`` of every body renamed after that day (as ``names.names_at``);
    the others bear today's name."""
    end = datetime.date(year, 12, 31)
    out: dict[int, str] = {}
    for on, _pk, body_id, name in _renames(fingerprint):
        if on > end and name:
            out.setdefault(body_id, name)
    return out


def _parents_at_end_of(year: int, fingerprint: Fingerprint) -> dict[int, int | None]:
    """The parent on 31 December of ``year`` of every body moved after that day: the parent before its
    first move effective after it. Bodies not in the answer stand where they stand today."""
    end = datetime.date(year, 12, 31)
    out: dict[int, int | None] = {}
    for on, _pk, body_id, parent_before in _moves(fingerprint):
        if on > end:
            out.setdefault(body_id, parent_before)
    return out


def _moved_out(root: Body, below: list[Body], parent_at: dict[int, int | None]) -> list[Body]:
    """The bodies that stood in the area at the end of the year but have been moved out of it since,
    with the bodies below them today (whose own moves may lead further out: followed until none)."""
    loaded = {b.pk for b in below} | {root.pk}
    out: list[Body] = []
    while True:
        wanted = [pk for pk, parent in parent_at.items() if pk not in loaded and parent in loaded]
        if not wanted:
            return out
        found = [b for b in subtrees(wanted) if b.pk not in loaded]
        if not found:
            return out
        out.extend(found)
        loaded.update(b.pk for b in found)


def _by_name(body: Body) -> tuple[str, int]:
    return body.name, body.pk


def _walk(
    root: Body,
    below: list[Body],
    parent_at: dict[int, int | None],
    names: dict[int, str],
    *,
    year: int | None,
    current: bool,
) -> list[tuple[Body, int]]:
    """The rows of ``area_bodies``: ``below`` placed under ``parent_at`` where it names a parent (and
    the bodies moved out of the area since, fetched), else under their parent of today; in the order
    of ``names`` where it names a body (its name then), else of today's names."""
    if parent_at:
        extra = _moved_out(root, below, parent_at)
        if extra:
            below = sorted([*below, *extra], key=_by_name)
    if names:
        below = sorted(below, key=lambda b: (names.get(b.id, b.name), b.id))
    # A loop over plain attributes (``id``, not the ``pk`` property; no call per body): this runs over
    # 10,000 bodies whenever a year's tree is not kept yet.
    children: dict[int | None, list[Body]] = {}
    hidden: set[int] = set()  # listed no more; the bodies below them are, one level up
    root_id = root.id
    for b in below:  # in name order, so every list of children is too
        if b.id == root_id:
            continue
        children.setdefault(parent_at.get(b.id, b.parent_id), []).append(b)
        if b.ended_on is not None and (current or (year is not None and b.ended_on.year <= year)):
            hidden.add(b.id)  # ended today, or by the end of ``year`` (``Body.existed_in``)
        elif year is not None and b.founded_on is not None and b.founded_on.year > year:
            hidden.add(b.id)  # founded after the end of ``year``
    out: list[tuple[Body, int]] = [(root, 0)]
    seen = {root_id}  # a backdated move could make a loop in a past year: each body is listed once
    stack = [(child, 1) for child in reversed(children.get(root_id, ()))]
    while stack:
        body, depth = stack.pop()
        if body.id in seen:
            continue
        seen.add(body.id)
        if body.id not in hidden:
            out.append((body, depth))
            below_depth = depth + 1
        else:
            below_depth = depth
        kids = children.get(body.id)
        if kids:
            stack.extend((child, below_depth) for child in reversed(kids))
    return out
