"""What the records say about a body's year: the three tables and the facts the narrative states.

Tables 3 and 4 come from ``requests.stats`` and table 2 from ``disclosure.registers``. A table-2 row
whose register holds nothing for the body (no decision months, no fee months, no document ever) is
left absent, not 0: the checker reports it MISSING and staff enter the number.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, Sum

from gongkai.bodies.models import Body
from gongkai.disclosure.models import Channel, DecisionCount, FeeIncome, NormativeDocument
from gongkai.disclosure.queries.registers import item_counts, table2
from gongkai.report_format.layout import Cell
from gongkai.report_format.model import Number, Report
from gongkai.report_workspace.models import WorkEntry
from gongkai.report_workspace.rules.facts import Facts, table_facts
from gongkai.requests.models import FeeNotice
from gongkai.requests.models.letters import Letter, LetterKind
from gongkai.requests.queries import stats


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
