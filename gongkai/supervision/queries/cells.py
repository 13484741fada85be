"""The flat cell index behind the 汇总, kept fresh lazily: no hooks in the apps that hold the reports.

``refresh_cells`` is called before every page and sum (``sources.body_years`` calls it); it re-indexes a
body-year when its counting report is another one than the indexed one, or changed after it was
indexed, and drops the index of a body-year that has no report any more. Indexing a body-year writes
its cells (``ReportCell``) and its summary row (``IndexedReport``: headline figures and gaps), so the
area page and the 汇总 never parse a report's JSON once it is indexed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Sum, Value, When
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.report_format.layout import ALL_CELLS, TABLE_CELLS, TABLE_NAMES
from gongkai.report_format.model import Report
from gongkai.report_imports.models import ImportedReport
from gongkai.report_workspace.models import AnnualReport
from gongkai.supervision.models import IndexedReport, ReportCell, SourceKind
from gongkai.supervision.queries.sources import IdsIn, Source, headline, load_data, sources_for

SCALE = 10_000  # ReportCell.value has four decimal places
# Names the order of ``ALL_CELLS`` and the byte order the vectors follow: another layout is stale.
LAYOUT = hashlib.sha1("|".join([sys.byteorder, *(c.path for c in ALL_CELLS)]).encode()).hexdigest()[:16]


class Indexed(NamedTuple):
    """What the pages read of an indexed body-year (``IndexedReport`` without its vector).

    Whether it is fresh is worked out by the database (no timestamp crosses to Python), and the
    JSON of the figures and gaps is decoded on use: the 汇总 of a province reads no figures, and
    most reports have no gaps.
    """

    source_kind: str
    source_id: int
    fresh: bool  # indexed after its report last changed, in the current layout
    figures_json: str
    gaps_json: str

    @property
    def figures(self) -> dict[str, int | None]:
        return json.loads(self.figures_json)

    @property
    def gaps(self) -> list[dict[str, Any]]:
        return [] if self.gaps_json == "[]" else json.loads(self.gaps_json)


def vector(report: Report) -> tuple[bytes, list[int]]:
    """The report's cells as ``IndexedReport.values`` and ``missing``."""
    values = array("q", bytes(8 * len(ALL_CELLS)))
    missing = []
    for i, cell in enumerate(ALL_CELLS):
        v = report.values.get(cell)
        if v is None:
            missing.append(i)
        else:
            values[i] = int(Decimal(v) * SCALE)
    return values.tobytes(), missing


def report_gaps(report: Report) -> list[dict[str, Any]]:
    """What makes this report's part of a 汇总 incomplete or doubtful: missing tables, missing cells,
    errors — each with the cells concerned; ``text`` is the message without the body's name."""
    found: list[dict[str, Any]] = []
    absent = {c for c in ALL_CELLS if report.values.get(c) is None}
    tables = report.source.get("tables", {})
    for table, cells in TABLE_CELLS.items():
        missing = [c.path for c in cells if c in absent]
        if len(missing) == len(cells):
            reason = "原文中该表为图片，未能读取" if tables.get(table) == "image" else "该表缺失"
            text = f"{TABLE_NAMES[table]}缺失（{reason}），未计入汇总。"
            found.append({"code": "MISSING", "severity": "error", "text": text, "cells": missing})
        elif missing:
            text = f"{TABLE_NAMES[table]}有 {len(missing)} 个数值缺失，未计入汇总。"
            found.append({"code": "MISSING", "severity": "warning", "text": text, "cells": missing})
    errors = [f for f in report.findings if f.level == "error"]
    if errors:
        found.append(
            {
                "code": "BODY_ERRORS",
                "severity": "error",
                "text": f"报告有 {len(errors)} 项错误，汇总中含有其数值，请核对："
                + "；".join(f.message for f in errors),
                "cells": list(dict.fromkeys(c.path for f in errors for c in f.cells)),
            }
        )
    return found


def _rows_for(source: Source, body_id: int, year: int, now: Any) -> tuple[list[ReportCell], IndexedReport]:
    report = source.as_report()
    cells = [
        ReportCell(
            source_kind=source.kind,
            source_id=source.id,
            body_id=body_id,
            year=year,
            path=cell.path,
            value=report.values.get(cell),
            indexed_at=now,
        )
        for cell in ALL_CELLS
    ]
    values, missing = vector(report)
    summary = IndexedReport(
        body_id=body_id,
        year=year,
        source_kind=source.kind,
        source_id=source.id,
        indexed_at=now,
        figures=json.dumps(headline(source.data), ensure_ascii=False),
        gaps=json.dumps(report_gaps(report), ensure_ascii=False),
        layout=LAYOUT,
        values=values,
        missing=json.dumps(missing),
    )
    return cells, summary


def index_report_cells(source: Source, *, body_id: int, year: int) -> int:
    """Replace the index of this body-year by the cells of ``source``; returns how many cells were written.

    Every cell of the format gets a row, a missing one with NULL: the sum skips it, the index still
    says this report was indexed, and the missing ones can be counted by SQL.
    """
    return _index({body_id: source}, year)


def _index(sources: dict[int, Source], year: int) -> int:
    """Index these body-years in one transaction: delete their old rows, bulk-create the new ones."""
    if not sources:
        return 0
    now = timezone.now()
    cells: list[ReportCell] = []
    summaries: list[IndexedReport] = []
    for body_id, source in sources.items():
        c, s = _rows_for(source, body_id, year, now)
        cells.extend(c)
        summaries.append(s)
    # A request indexing the same body-year at the same moment wrote the same rows: keep either.
    with transaction.atomic():
        ReportCell.objects.filter(IdsIn("body_id", sources), year=year).delete()
        IndexedReport.objects.filter(IdsIn("body_id", sources), year=year).delete()
        ReportCell.objects.bulk_create(cells, batch_size=2000, ignore_conflicts=True)
        IndexedReport.objects.bulk_create(summaries, batch_size=500, ignore_conflicts=True)
    return len(cells)


def _indexed(ids: list[int], year: int) -> dict[int, Indexed]:
    def newer_than_index(model: type[AnnualReport] | type[ImportedReport], stamp: str) -> Exists:
        return Exists(
            model.objects.filter(pk=OuterRef("source_id"), **{f"{stamp}__gt": OuterRef("indexed_at")})
        )

    rows = (
        IndexedReport.objects.filter(IdsIn("body_id", ids), year=year)
        .annotate(
            fresh=Case(
                When(~Q(layout=LAYOUT), then=Value(False)),
                When(source_kind=SourceKind.ANNUAL, then=~newer_than_index(AnnualReport, "updated_at")),
                default=~newer_than_index(ImportedReport, "created_at"),
                output_field=BooleanField(),
            ),
        )
        .values_list("body_id", "source_kind", "source_id", "fresh", "figures", "gaps")
    )
    return {pk: Indexed(kind, source_id, bool(fresh), *texts) for pk, kind, source_id, fresh, *texts in rows}


def refresh_cells(
    bodies: list[Body], year: int, sources: dict[int, Source | None] | None = None
) -> dict[int, Indexed]:
    """Bring the index of these bodies' ``year`` up to date; returns what is indexed of each body.

    ``sources``: the counting reports if the caller has them already (``sources_for``).
    """
    if sources is None:
        sources = sources_for(bodies, year)
    indexed = _indexed(list(sources), year)
    gone = [pk for pk, source in sources.items() if source is None and pk in indexed]
    if gone:
        with transaction.atomic():
            ReportCell.objects.filter(IdsIn("body_id", gone), year=year).delete()
            IndexedReport.objects.filter(IdsIn("body_id", gone), year=year).delete()
        for pk in gone:
            del indexed[pk]
    stale: dict[int, Source] = {}
    for pk, source in sources.items():
        have = indexed.get(pk)
        if source is not None and not (have and have.fresh and have[:2] == (source.kind, source.id)):
            stale[pk] = source
    if stale:
        load_data(list(stale.values()))
        _index(stale, year)
        indexed.update(_indexed(list(stale), year))
    return indexed


def sum_cells(body_ids: list[int], year: int) -> dict[str, tuple[Decimal | None, int]]:
    """Per cell path: the sum over these bodies (None when every one is missing) and how many miss it.

    One query: ``values("path").annotate(Sum("value"))``.
    """
    rows = (
        ReportCell.objects.filter(body_id__in=body_ids, year=year)
        .values("path")
        .annotate(total=Sum("value"), missing=Count("pk", filter=Q(value__isnull=True)))
    )
    return {r["path"]: (r["total"], r["missing"]) for r in rows}


def sum_vectors(body_ids: list[int], year: int) -> dict[str, tuple[Decimal | None, int]]:
    """What ``sum_cells`` returns, added up from the bodies' vectors: a read of one short row per body.

    The bodies' index must be fresh (``refresh_cells``).
    """
    missing = [0] * len(ALL_CELLS)
    vectors = []
    rows = IndexedReport.objects.filter(IdsIn("body_id", body_ids), year=year)
    for values, absent in rows.values_list("values", "missing"):
        vectors.append(bytes(values))
        if absent != "[]":
            for i in json.loads(absent):
                missing[i] += 1
    if not vectors:
        return {}
    reports = len(vectors)
    # Column sums of a (reports × cells) int64 matrix. int64 holds 9.2e14 in real units (values are
    # scaled by SCALE): far above any sum of a table's counts or 万元 amounts.
    import numpy  # only where sums are made: most processes never need it

    matrix = numpy.frombuffer(b"".join(vectors), dtype=numpy.int64).reshape(reports, len(ALL_CELLS))
    totals = matrix.sum(axis=0).tolist()
    return {
        cell.path: (None if missing[i] == reports else Decimal(totals[i]) / SCALE, missing[i])
        for i, cell in enumerate(ALL_CELLS)
    }
