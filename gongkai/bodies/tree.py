"""The body tree in reading order, for area pages (statistics, supervision)."""

from __future__ import annotations

from .models import Body


def area_bodies(root: Body) -> list[tuple[Body, int]]:
    """The root and every body below it, depth first (children by name), with their depth."""
    below = list(root.descendants())
    children: dict[int, list[Body]] = {}
    for b in below:
        children.setdefault(b.parent_id, []).append(b)  # type: ignore[arg-type]
    out: list[tuple[Body, int]] = []

    def walk(body: Body, depth: int) -> None:
        out.append((body, depth))
        for child in sorted(children.get(body.pk, []), key=lambda b: (b.name, b.pk)):
            walk(child, depth + 1)

    walk(root, 0)
    return out
