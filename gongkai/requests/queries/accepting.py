"""The bodies that accept applications online (/apply/): every body that exists today, in its tree."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.bodies.queries.tree import area_bodies

# Past this many bodies the list gets a search box (a district has a few dozen; a city thousands).
SEARCH_FROM = 20


@dataclass(frozen=True)
class Row:
    body: Body
    depth: int
    path: str  # the names above it, "某某区人民政府 › …", shown with a search's matches


def accepts_applications(body: Body) -> bool:
    """A body takes applications while it exists: not yet 撤销/撤并, and founded by today."""
    today = timezone.localdate()
    return body.ended_on is None and (body.founded_on is None or body.founded_on <= today)


def _current() -> Q:
    today = timezone.localdate()
    return Q(ended_on=None) & (Q(founded_on=None) | Q(founded_on__lte=today))


def accepting_tree() -> list[list[Row]]:
    """One group per top body (no parent, or its parent ended): the top body and every current body
    below it, depth first, children by name."""
    current = Body.objects.filter(_current())
    tops = current.filter(Q(parent=None) | Q(parent__ended_on__isnull=False)).order_by("name", "pk")
    groups: list[list[Row]] = []
    for top in tops:
        rows = area_bodies(top, current=True)
        names: dict[int, str] = {}
        group = []
        for body, depth in rows:
            if not accepts_applications(body):
                continue
            names[body.pk] = body.name
            above = names.get(body.parent_id) if body.parent_id else None
            group.append(Row(body, depth, above or ""))
        groups.append(group)
    return groups


def count_accepting() -> int:
    return Body.objects.filter(_current()).count()


def search_accepting(query: str, limit: int = 200) -> list[Row]:
    """The current bodies whose name or short name holds ``query``, each with the name above it."""
    found = (
        Body.objects.filter(_current())
        .filter(Q(name__icontains=query) | Q(short_name__icontains=query))
        .select_related("parent")
        .order_by("name", "pk")[:limit]
    )
    return [Row(b, 0, b.parent.name if b.parent is not None else "") for b in found]
