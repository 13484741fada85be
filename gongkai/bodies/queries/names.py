"""A body's name on a past day: today's name with the renames (更名) effective after that day undone.

A rename is a ``BodyChange`` of kind RENAME whose ``before``/``after`` hold the names and whose
``effective_on`` is the day the new name took effect (生效日期); renames of one body are recorded in
the order they took effect (``tree_actions.rename_body`` refuses a date before the previous one), so
the name on a day is the ``before`` of the first rename effective after it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from gongkai.bodies.models import Body, BodyChange

# Up to this many bodies the query names them; beyond, it reads every rename effective after the day
# (renames are rare) rather than send thousands of ids.
_IDS_IN_QUERY = 500


class NameOn(NamedTuple):
    """A body's name and short name (简称) on a day."""

    name: str
    short_name: str

    @property
    def display_name(self) -> str:
        """As ``Body.display_name``: the short name if there is one."""
        return self.short_name or self.name


def end_of_year(year: int) -> datetime.date:
    """The day whose names a year's pages show (the tree of a year is the tree of that day too)."""
    return datetime.date(year, 12, 31)


def names_at(bodies: Iterable[Body], day: datetime.date) -> dict[int, NameOn]:
    """The name of each body on ``day``, by pk: one query for any number of bodies."""
    bodies = list(bodies)
    earlier = renamed_since(bodies, day)
    return {b.pk: earlier.get(b.pk) or NameOn(b.name, b.short_name) for b in bodies}


def renamed_since(bodies: Iterable[Body], day: datetime.date) -> dict[int, NameOn]:
    """The name on ``day`` of those of the bodies renamed after it, by pk (the others bear today's
    name on that day too): one query, and nothing built for the bodies never renamed since — a page of
    thousands of bodies asks this on every view."""
    now = {b.pk: b for b in bodies}
    if not now:
        return {}
    renames = BodyChange.objects.filter(kind=BodyChange.Kind.RENAME, effective_on__gt=day)
    if len(now) <= _IDS_IN_QUERY:
        renames = renames.filter(body_id__in=list(now))
    out: dict[int, NameOn] = {}
    for body_id, before in renames.order_by("effective_on", "pk").values_list("body_id", "before"):
        body = now.get(body_id)
        if body is None or body_id in out:
            continue
        before = before or {}
        out[body_id] = NameOn(before.get("name") or body.name, before.get("short_name", body.short_name))
    return out
