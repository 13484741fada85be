"""The body tree in reading order, for area pages (statistics, supervision, tree management)."""

from __future__ import annotations

from .models import Body


def area_bodies(root: Body, *, year: int | None = None, current: bool = False) -> list[tuple[Body, int]]:
    """The root and every body below it, depth first (children by name), with their depth.

    Which ended (撤销/撤并) bodies are kept:
    - ``current=True``: none — only the bodies that exist today (the tree, lists of current bodies);
    - ``year=Y``: those that still existed at the end of Y (a body merged in 2025 is listed for 2024,
      not for 2025), so a past year's page shows the tree as it answered for that year's reports;
    - neither: every body, ended or not (the behaviour before bodies could end).
    The root is always listed. A body left out does not hide the bodies below it.
    """
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
