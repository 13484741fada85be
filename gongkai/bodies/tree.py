"""The body tree in reading order, for area pages (statistics, supervision, tree management)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django.db.models import Count, Max

from .models import Body

# The trees last walked, per (root, year, current), with the fingerprint of the body table they were
# walked from: a province's tree is 10,000 model instances (~0.3 s to build), and it rarely changes.
_TREES: OrderedDict[tuple[int, int | None, bool], tuple[tuple[Any, ...], list[tuple[Body, int]]]] = OrderedDict()
_TREES_KEPT = 32
_lock = threading.Lock()


def _fingerprint() -> tuple[Any, ...]:
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
    - neither: every body, ended or not (the behaviour before bodies could end).
    The root is always listed. A body left out does not hide the bodies below it.
    """
    key = (root.pk, year, current)
    fingerprint = _fingerprint()
    with _lock:
        kept = _TREES.get(key)
        if kept is not None and kept[0] == fingerprint:
            _TREES.move_to_end(key)
            return list(kept[1])
    rows = _walk(root, year=year, current=current)
    with _lock:
        _TREES[key] = (fingerprint, rows)
        while len(_TREES) > _TREES_KEPT:
            _TREES.popitem(last=False)
    return list(rows)


def _walk(root: Body, *, year: int | None, current: bool) -> list[tuple[Body, int]]:
    below = list(root.descendants())
    children: dict[int, list[Body]] = {}
    for b in below:
        children.setdefault(b.parent_id, []).append(b)  # type: ignore[arg-type]
    out: list[tuple[Body, int]] = []

    def keep(body: Body) -> bool:
        if current:
            return body.ended_on is None
        if year is not None:
            return body.existed_in(year)
        return True

    def walk(body: Body, depth: int) -> None:
        shown = body is root or keep(body)
        if shown:
            out.append((body, depth))
        for child in sorted(children.get(body.pk, []), key=lambda b: (b.name, b.pk)):
            walk(child, depth + 1 if shown else depth)

    walk(root, 0)
    return out
