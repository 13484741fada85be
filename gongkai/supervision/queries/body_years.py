"""The rows of a supervisor's page: one ``BodyYear`` per body of the area, with its counting report
(``sources``), its state against the due date, and its figures from the cell index (``cells``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from gongkai.bodies.models import Body, NameOn, end_of_year, renamed_since
from gongkai.report_workspace.queries.checking import due_date
from gongkai.supervision.queries.cells import Indexed, refresh_cells
from gongkai.supervision.queries.sources import HEADLINES, Source, State, headline, sources_for


@dataclass
class BodyYear:
    """One row of the supervisor's page. ``names``: the body's name at the end of the year where a
    rename effective later changed it (None: today's name); ``name``/``display_name`` show it."""

    body: Body
    year: int
    depth: int
    due: date
    source: Source | None
    state: str
    late: bool  # published after the due date, or not published and the due date has passed
    indexed: Indexed | None = None  # the index row of the counting report
    names: NameOn | None = None

    @property
    def name(self) -> str:
        return self.names.name if self.names is not None else self.body.name

    @property
    def short_name(self) -> str:
        return self.names.short_name if self.names is not None else self.body.short_name

    @property
    def display_name(self) -> str:
        return self.names.display_name if self.names is not None else self.body.display_name

    @cached_property
    def figures(self) -> dict[str, int | None]:
        """The headline figures (decoded on first use: a 汇总 reads none of them)."""
        return self.indexed.figures if self.indexed is not None else headline(None)

    @cached_property
    def gaps(self) -> list[dict[str, Any]] | None:
        """The indexed gaps of the report (``cells.report_gaps``); None when not read from the index."""
        return self.indexed.gaps if self.indexed is not None else None

    @property
    def state_label(self) -> str:
        return str(State(self.state).label)

    @property
    def origin(self) -> str:
        return self.source.origin if self.source else ""

    @property
    def error_count(self) -> int | None:
        return self.source.error_count if self.source else None

    @property
    def warning_count(self) -> int | None:
        return self.source.warning_count if self.source else None

    @property
    def published_on(self) -> date | None:
        return self.source.published_on if self.source else None

    @property
    def needs_correction(self) -> bool:
        """Published, then records of its year were made or changed (更正): a corrected edition is due."""
        return self.source.needs_correction if self.source else False

    @property
    def identity_warnings(self) -> list[str]:
        """The counting report names another body or year in its title (imported on confirmation)."""
        return self.source.identity_warnings if self.source else []

    @property
    def values(self) -> list[int | None]:
        return [self.figures[key] for key, _ in HEADLINES]


def state_of(source: Source | None, due: date, today: date) -> tuple[str, bool]:
    """(state, late): 已发布 stays 已发布 when it came late (``late`` says so); the others turn 逾期."""
    if source is not None and source.is_published:
        published = source.published_on
        return State.PUBLISHED, published is not None and published > due
    if today > due:
        return State.OVERDUE, True
    return (State.DRAFT if source is not None else State.NOT_STARTED), False


def body_years(bodies: list[tuple[Body, int]], year: int, today: date) -> list[BodyYear]:
    """One ``BodyYear`` per (body, depth), in the order given, named as at the end of ``year``; brings
    the index up to date first.

    Reads the indexed summary of each counting report, never the reports' JSON: a constant number of
    queries for any number of bodies (plus the re-indexing of what changed since the last call).
    """
    sources = sources_for([b for b, _ in bodies], year)
    indexed = refresh_cells([], year, sources)
    earlier = renamed_since([b for b, _ in bodies], end_of_year(year))
    dues: dict[str, date] = {}
    rows = []
    for body, depth in bodies:
        if body.level not in dues:
            dues[body.level] = due_date(body, year)
        due = dues[body.level]
        source = sources[body.pk]
        state, late = state_of(source, due, today)
        summary = indexed.get(body.pk) if source is not None else None
        rows.append(BodyYear(body, year, depth, due, source, state, late, summary, earlier.get(body.pk)))
    return rows
