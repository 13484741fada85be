"""What the records say about a body's year: the three tables and the facts the narrative states.

Tables 3 and 4 come from ``requests.stats`` and table 2 from ``disclosure.registers``. A table-2 row
whose register holds nothing for the body (no decision months, no fee months, no document ever) is
left absent, not 0: the checker reports it MISSING and staff enter the number.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, Sum

from gongkai.bodies.models import Body
from gongkai.disclosure.models import Channel, DecisionCount, FeeIncome, NormativeDocument
from gongkai.disclosure.queries.registers import item_counts, table2
from gongkai.report_format.layout import TABLE3_OUTCOME_ROWS, Cell
from gongkai.report_format.model import Number, Report
from gongkai.report_workspace.models import WorkEntry
from gongkai.requests.models import FeeNotice
from gongkai.requests.models.letters import Letter, LetterKind
from gongkai.requests.queries import stats

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


def _year(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def table2_from_registers(body: Body, year: int) -> dict[Cell, Number | None]:
    """Table 2, with the rows of an empty register left absent (None)."""
    cells: dict[Cell, Number | None] = dict(table2(body, year))
    kept_decisions = set(
        DecisionCount.objects.filter(body=body, year=year).values_list("kind", flat=True).distinct()
    )
    for kind in DecisionCount.Kind.values:
        if kind not in kept_decisions:
            cells[Cell("table2", kind, "decisions")] = None
    if not FeeIncome.objects.filter(body=body, year=year).exists():
        cells[Cell("table2", "fees", "amount")] = None
    kept_kinds = set(NormativeDocument.objects.filter(body=body).values_list("kind", flat=True).distinct())
    for kind in NormativeDocument.Kind.values:
        if kind not in kept_kinds:
            for column in ("issued", "repealed", "in_force"):
                cells[Cell("table2", kind, column)] = None
    return cells


def compile_values(body: Body, year: int) -> dict[Cell, Number | None]:
    """Every cell of the three tables as the records give them."""
    ids = [body.pk]
    return {**table2_from_registers(body, year), **stats.table3(ids, year), **stats.table4(ids, year)}


def compile_facts(body: Body, year: int, values: dict[Cell, Number | None], previous: Report | None) -> Facts:
    first, last = _year(year)
    counts = item_counts(body, year)
    channel_labels = dict(Channel.choices)
    facts = Facts(year=year)
    facts.items_total = counts["total"]
    facts.items_by_channel = {str(channel_labels.get(k, k)): n for k, n in counts["by_channel"].items()}
    facts.items_by_node = {name: n for (_code, name), n in counts["by_node"].items()}
    table_facts(facts, values, previous)
    paid = FeeNotice.objects.filter(request__body=body, paid_on__gte=first, paid_on__lte=last)
    facts.fees_charged_yuan = int(paid.aggregate(s=Sum("amount"))["s"] or 0)
    facts.fee_notices_paid = paid.count()
    sent = Q(delivered_on__gte=first, delivered_on__lte=last) | Q(
        delivered_on__isnull=True, created_at__date__gte=first, created_at__date__lte=last
    )
    facts.reply_letters = Letter.objects.filter(sent, request__body=body, kind=LetterKind.REPLY).count()
    entries = WorkEntry.objects.filter(body=body, on__gte=first, on__lte=last)
    trainings = entries.filter(kind=WorkEntry.Kind.TRAINING)
    facts.trainings = trainings.count()
    facts.training_participants = int(trainings.aggregate(s=Sum("participants"))["s"] or 0)
    facts.npc_suggestions = entries.filter(kind=WorkEntry.Kind.NPC).count()
    facts.cppcc_proposals = entries.filter(kind=WorkEntry.Kind.CPPCC).count()
    return facts


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
