"""The shape of a home page's work list (待办), shared by every app's ``queries/worklist.py``.

Each app answers "what is waiting for this person here" as one ``Section`` of ``Entry`` rows: a label,
a count and the page where the work is done, with the first few cases linked one by one. The home app
lists the sections; an app adds its work by adding one function to ``gongkai.home.sections.SECTIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How many cases an entry names one by one (the count says how many there are).
SHOWN = 5


@dataclass(frozen=True)
class Line:
    """One case of an entry: what it is, where to open it, and a short note (a deadline, a reason)."""

    text: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Entry:
    """One kind of work: ``count`` cases, all of them at ``url``, the first few in ``lines``."""

    label: str
    count: int
    url: str
    lines: tuple[Line, ...] = ()
    urgent: bool = False  # overdue or otherwise pressing: shown first and marked


@dataclass(frozen=True)
class Section:
    """An app's part of the home page; ``entries`` with a count of 0 are dropped by ``active``."""

    title: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def active(self) -> list[Entry]:
        return sorted((e for e in self.entries if e.count), key=lambda e: not e.urgent)

    @property
    def total(self) -> int:
        return sum(e.count for e in self.entries)
