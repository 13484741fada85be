"""The facts a year's narrative states, as values: the outcome groups of table 3, the ``Facts`` that
``queries.compile`` counts from the records, and the facts read off the tables. Pure: no ORM."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from gongkai.report_format.layout import TABLE3_OUTCOME_ROWS, Cell
from gongkai.report_format.model import Number, Report

# Outcome groups of table 3 for the charts and the narrative ("予以公开 3件、不予公开 1件").
OUTCOME_GROUPS: dict[str, str] = {
    "granted": "予以公开",
    "partial": "部分公开",
    "denied": "不予公开",
    "unable": "无法提供",
    "rejected": "不予处理",
    "other": "其他处理",
}


def outcome_group(row_key: str) -> str:
    return row_key.split("_", 1)[0] if row_key not in ("granted", "partial") else row_key


@dataclass
class Facts:
    """The numbers the narrative is drafted from; every one counted from records, never typed."""

    year: int
    items_total: int = 0
    items_by_channel: dict[str, int] = field(default_factory=dict)
    items_by_node: dict[str, int] = field(default_factory=dict)
    requests_received: int | None = None
    requests_previous: int | None = None
    requests_concluded: int | None = None
    requests_carried_forward: int | None = None
    outcomes: dict[str, int] = field(default_factory=dict)
    fees_charged_yuan: int = 0
    fee_notices_paid: int = 0
    reply_letters: int = 0
    review_cases: int | None = None
    litigation_cases: int | None = None
    trainings: int = 0
    training_participants: int = 0
    npc_suggestions: int = 0
    cppcc_proposals: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Facts:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    @property
    def requests_change(self) -> int | None:
        if self.requests_received is None or self.requests_previous is None:
            return None
        return self.requests_received - self.requests_previous


def table_facts(facts: Facts, values: dict[Cell, Number | None], previous: Report | None) -> None:
    """The facts read off the tables (so an entered or imported cell changes the narrative too)."""

    def total(row: str) -> int | None:
        v = values.get(Cell("table3", row, "total"))
        return None if v is None else int(v)

    facts.requests_received = total("new")
    facts.requests_concluded = total("total")
    facts.requests_carried_forward = total("carried_forward")
    if previous is not None:
        before = previous.values.get(Cell("table3", "new", "total"))
        facts.requests_previous = None if before is None else int(before)
    outcomes: dict[str, int] = {}
    for row in TABLE3_OUTCOME_ROWS:
        v = total(row.key)
        if v:
            group = outcome_group(row.key)
            outcomes[group] = outcomes.get(group, 0) + v
    facts.outcomes = outcomes
    review = values.get(Cell("table4", "review", "total"))
    lit = [values.get(Cell("table4", b, "total")) for b in ("litigation_direct", "litigation_after_review")]
    facts.review_cases = None if review is None else int(review)
    facts.litigation_cases = None if None in lit else int(sum(lit))  # type: ignore[arg-type]
