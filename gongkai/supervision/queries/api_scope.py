"""What an API caller may read, and the filters narrowing it: the caller's area is every body they
are a member of and every body below (``bodies.access``); a body outside it is "not found" (404),
never "forbidden", so the API does not reveal that it exists."""

from __future__ import annotations

from collections.abc import Mapping

from rest_framework.exceptions import NotFound, ValidationError

from gongkai.bodies.access import User, member_bodies
from gongkai.bodies.models import Body
from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_format.layout import ALL_CELLS, CELLS_BY_PATH, TABLE_NAMES, Cell
from gongkai.supervision.access import FIRST_YEAR, LAST_YEAR

NOT_FOUND = "没有找到这个机关"


def caller_area(user: User) -> list[tuple[Body, int]]:
    """The caller's bodies and every body below them, tree order, each once, with its depth; own
    bodies below another own body are reached through that one.

    Not kept per caller: each area is ``area_bodies``' kept tree (walked again only when the body
    table's fingerprint changes), so a request costs the membership query and that fingerprint, and a
    body added, moved or renamed is seen by the next request."""
    own = member_bodies(user)
    own_ids = {b.pk for b in own}

    def under_another(body: Body) -> bool:
        if len(own_ids) == 1:  # the common case: no ancestor to look up
            return False
        parent = body.parent
        while parent is not None:
            if parent.pk in own_ids:
                return True
            parent = parent.parent
        return False

    out: list[tuple[Body, int]] = []
    for root in sorted((b for b in own if not under_another(b)), key=lambda b: (b.name, b.pk)):
        out.extend(area_bodies(root))
    return out


def integer(params: Mapping[str, str], name: str, what: str) -> int | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationError({name: [f"{what}应为正整数，收到“{raw}”"]})
    return int(raw)


def year_filter(params: Mapping[str, str]) -> int | None:
    year = integer(params, "year", "年度")
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"year": [f"年度应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间，收到 {year}"]})
    return year


def scoped_bodies(mine: list[tuple[Body, int]], params: Mapping[str, str]) -> list[tuple[Body, int]]:
    """The bodies the filters ``area`` (a body and everything below it), ``body`` (one body) and
    ``level`` leave of the caller's area ``mine`` (``caller_area``), with their depth in it; 404 for
    an ``area`` or ``body`` outside it."""
    bodies = mine
    area = integer(params, "area", "area（机关编号）")
    if area is not None:
        root = next((b for b, _ in bodies if b.pk == area), None)
        if root is None:
            raise NotFound(NOT_FOUND)
        depth = {b.pk: d for b, d in mine}
        bodies = [(b, depth[b.pk]) for b, _ in area_bodies(root) if b.pk in depth]
    body = integer(params, "body", "body（机关编号）")
    if body is not None:
        bodies = [(b, d) for b, d in bodies if b.pk == body]
        if not bodies:
            raise NotFound(NOT_FOUND)
    level = params.get("level", "").strip()
    if level:
        if level not in Body.Level.values:
            raise ValidationError({"level": [f"层级应为 {'、'.join(Body.Level.values)} 之一，收到“{level}”"]})
        bodies = [(b, d) for b, d in bodies if b.level == level]
    return bodies


def body_in_area(mine: list[tuple[Body, int]], pk: int) -> tuple[Body, int]:
    found = next(((b, d) for b, d in mine if b.pk == pk), None)
    if found is None:
        raise NotFound(NOT_FOUND)
    return found


def cell_filter(params: Mapping[str, str]) -> tuple[Cell, ...]:
    """``cell`` (canonical keys, comma-separated, e.g. ``table3.rows.new.total``) and ``table``."""
    cells = ALL_CELLS
    table = params.get("table", "").strip()
    if table:
        if table not in TABLE_NAMES:
            raise ValidationError({"table": [f"表应为 table2、table3 或 table4，收到“{table}”"]})
        cells = tuple(c for c in cells if c.table == table)
    raw = params.get("cell", "").strip()
    if raw:
        paths = [p.strip() for p in raw.split(",") if p.strip()]
        unknown = [p for p in paths if p not in CELLS_BY_PATH]
        if unknown:
            raise ValidationError(
                {"cell": [f"没有这个单元格：{'、'.join(unknown)}（应为规范键，如 table3.rows.new.total）"]}
            )
        wanted = set(paths)
        cells = tuple(c for c in cells if c.path in wanted)
    return cells
