"""Benchmark: the supervisor's area page and the 汇总 of a province.

Goals: the area page of a city with 2,000 bodies renders in ≤ 300 ms; the 汇总 of a province with
10,000 bodies is computed in ≤ 1 s (SQLite and PostgreSQL).

Run: .venv/bin/python bench/supervision.py [--bodies 10000] [--city 2000] [--years 5] [--database URL]
     [--keep] (keep the loaded database and reuse it next time: loading takes minutes)
A small run: --bodies 600 --city 150 --years 1 --repeat 3 (about 30 s under load, ~15 s CPU).

A province is bulk-loaded into a throwaway database (an SQLite file in a temporary directory unless
``--database`` names a PostgreSQL database, which is created, and dropped at the end): 1 province →
10 cities (the first one with ``--city`` bodies) → districts → departments and 街道, ``--years`` years
of reports per body — imported ones, compiled ones published or in draft, a few bodies without a
report, a few reports missing a table or with errors — drawn from ``gongkai.report_format.sample``. The cell
index (``ReportCell``, 200 rows per body-year, and ``IndexedReport``) is loaded too, as the pages leave
it after their first visit; the bench checks it is found fresh. Then, each timed ``--repeat`` times
after a warm-up (median, wall and CPU time of this process — the database server's CPU is not in it):

- the area page of the big city for the last year through Django's test ``Client`` (middleware,
  session, templates: the full HTTP response), logged in as the city's 监督人员, unsorted and sorted;
- the province's 汇总: its rows (``body_years``) and ``area_report`` (the sum of the bodies' indexed
  cell vectors and the findings);
- the province's .xlsx export, once.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEMPLATES = 400  # distinct random reports the body-years draw from
PASSWORD = "bench-password-1"  # a throwaway database


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def setup_django(url: str, tmp: Path) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["GONGKAI_DATA_DIR"] = str(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", interactive=False, verbosity=0)


def build_tree(n_bodies: int, city_size: int, rng: random.Random) -> tuple[Any, Any]:
    """1 province, 10 cities (the first of ``city_size`` bodies), districts, departments and 街道."""
    from gongkai.bodies.models import Body

    L = Body.Level
    province = Body.objects.create(name="某某省人民政府", short_name="某某省", level=L.PROVINCE)
    n_cities = 10
    rest = n_bodies - 1 - city_size
    sizes = [city_size] + [
        rest // (n_cities - 1) + (1 if i < rest % (n_cities - 1) else 0) for i in range(n_cities - 1)
    ]
    cities = Body.objects.bulk_create(
        [
            Body(name=f"第{i + 1}市人民政府", short_name=f"第{i + 1}市", level=L.CITY, parent=province)
            for i in range(n_cities)
        ]
    )
    for city, size in zip(cities, sizes, strict=True):
        # a city: ~5% departments of its own, then districts of ~40 bodies each (district + 15 departments + 街道)
        own = max(1, size // 20)
        n_districts = max(1, (size - 1 - own) // 40)
        below = size - 1 - own - n_districts
        Body.objects.bulk_create(
            [Body(name=f"{city.short_name}第{j + 1}局", level=L.DEPARTMENT, parent=city) for j in range(own)]
        )
        districts = Body.objects.bulk_create(
            [
                Body(
                    name=f"{city.short_name}第{j + 1}区人民政府",
                    short_name=f"{city.short_name}第{j + 1}区",
                    level=L.COUNTY,
                    parent=city,
                )
                for j in range(n_districts)
            ]
        )
        leaves = []
        for k in range(below):
            d = districts[k % n_districts]
            if rng.random() < 0.4:
                leaves.append(
                    Body(
                        name=f"{d.short_name}第{k + 1}街道办事处",
                        short_name=f"{d.short_name}第{k + 1}街道",
                        level=L.SUBDISTRICT,
                        parent=d,
                    )
                )
            else:
                leaves.append(Body(name=f"{d.short_name}第{k + 1}局", level=L.DEPARTMENT, parent=d))
        Body.objects.bulk_create(leaves, batch_size=2000)
    return province, cities[0]


def templates(rng: random.Random, year: int) -> list[dict[str, Any]]:
    """Consistent random reports (``sample.random_report``), some with a table missing or an error."""
    from gongkai.report_format.check import check
    from gongkai.report_format.layout import ALL_CELLS, TABLE_CELLS, Cell
    from gongkai.report_format.model import Report
    from gongkai.report_format.sample import random_report
    from gongkai.supervision.queries.cells import report_gaps, vector
    from gongkai.supervision.queries.sources import headline

    out = []
    for i in range(TEMPLATES):
        r = random_report(rng, year=year, body="某机关")
        r.narrative.items_disclosed = rng.randint(0, 3000)
        r.source = {"tables": dict.fromkeys(TABLE_CELLS, "text")}
        kind = i % 20
        if kind == 0:  # tables as images: nothing read
            for c in ALL_CELLS:
                r.values.pop(c, None)
            r.source["tables"] = dict.fromkeys(TABLE_CELLS, "image")
        elif kind == 1:  # table 4 missing
            for c in TABLE_CELLS["table4"]:
                r.values.pop(c, None)
        elif kind == 2:  # an inconsistent total
            cell = Cell("table3", "new", "total")
            r.values[cell] = (r.values.get(cell) or 0) + 1
        r.findings = check(r)
        data = r.to_json()
        report = Report.from_json(data)
        cells = [(c.path, report.values.get(c)) for c in ALL_CELLS]
        values, missing = vector(report)
        out.append(
            {
                "data": data,
                "errors": sum(f.level == "error" for f in r.findings),
                "warnings": sum(f.level == "warning" for f in r.findings),
                "cells": cells,
                "figures": json.dumps(headline(data), ensure_ascii=False),
                "gaps": json.dumps(report_gaps(report), ensure_ascii=False),
                "values": values,
                "missing": json.dumps(missing),
            }
        )
    return out


def load(n_bodies: int, city_size: int, n_years: int, last_year: int, rng: random.Random) -> dict[str, Any]:
    from django.db import connection

    from gongkai.bodies.actions import members as body_actions
    from gongkai.bodies.models import Body, StaffMembership
    from gongkai.report_imports.models import ImportedReport
    from gongkai.report_workspace.models import AnnualReport, Status
    from gongkai.supervision.models import IndexedReport
    from gongkai.supervision.queries.cells import LAYOUT

    province, city = build_tree(n_bodies, city_size, rng)
    body_ids = list(Body.objects.values_list("pk", flat=True))
    user = body_actions.create_staff_user(
        actor=None,
        body=city,
        username="city_supervisor",
        password=PASSWORD,
        role=StaffMembership.Role.SUPERVISOR,
    )
    tpl = templates(rng, last_year)
    counting: list[tuple[int, int, str, int, int]] = []  # body, year, kind, report id, template
    reports = 0
    for year in range(last_year - n_years + 1, last_year + 1):
        imported: list[ImportedReport] = []
        compiled: list[AnnualReport] = []
        plan: list[tuple[int, str, int, int]] = []  # body, kind, index in its list, template
        for pk in body_ids:
            draw = rng.random()
            t = rng.randrange(TEMPLATES)
            data = dict(tpl[t]["data"], year=year)
            published = date(year + 1, 1, 10) + timedelta(days=rng.randint(0, 40))
            if draw < 0.05:
                continue  # no report
            if draw < 0.55:
                if rng.random() < 0.1:  # an older import superseded by the newer one below
                    old = rng.randrange(TEMPLATES)
                    imported.append(
                        _imported(pk, year, dict(tpl[old]["data"], year=year), tpl[old], published)
                    )
                imported.append(_imported(pk, year, data, tpl[t], published))
                plan.append((pk, "imported", len(imported) - 1, t))
            else:
                draft = draw > 0.9
                compiled.append(
                    AnnualReport(
                        body_id=pk,
                        year=year,
                        status=Status.DRAFT if draft else Status.PUBLISHED,
                        data=data,
                        error_count=tpl[t]["errors"],
                        warning_count=tpl[t]["warnings"],
                        published_on=None if draft else published,
                        published_at=None
                        if draft
                        else datetime.combine(published, datetime.min.time()).astimezone(),
                        version=1,
                    )
                )
                plan.append((pk, "annual", len(compiled) - 1, t))
        ImportedReport.objects.bulk_create(imported, batch_size=1000)
        AnnualReport.objects.bulk_create(compiled, batch_size=1000)
        reports += len(imported) + len(compiled)
        for pk, kind, i, t in plan:
            obj = imported[i] if kind == "imported" else compiled[i]
            counting.append((pk, year, kind, obj.pk, t))
    # the cell index, as the pages leave it after their first visit
    now = datetime.now().astimezone()
    IndexedReport.objects.bulk_create(
        [
            IndexedReport(
                body_id=pk,
                year=y,
                source_kind=k,
                source_id=rid,
                indexed_at=now,
                figures=tpl[t]["figures"],
                gaps=tpl[t]["gaps"],
                layout=LAYOUT,
                values=tpl[t]["values"],
                missing=tpl[t]["missing"],
            )
            for pk, y, k, rid, t in counting
        ],
        batch_size=2000,
    )
    cells = _load_cells(counting, tpl, now)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"province": province, "city": city, "user": user, "reports": reports, "cells": cells}


def kept(args: argparse.Namespace, last_year: int) -> dict[str, Any] | None:
    """The world a ``--keep`` run left, if it has the shape asked for (else None: load anew)."""
    from django.contrib.auth import get_user_model

    from gongkai.bodies.models import Body
    from gongkai.report_imports.models import ImportedReport
    from gongkai.report_workspace.models import AnnualReport
    from gongkai.supervision.models import IndexedReport, ReportCell

    user = get_user_model().objects.filter(username="city_supervisor").first()
    years = set(IndexedReport.objects.values_list("year", flat=True).distinct())
    if (
        user is None
        or Body.objects.count() != args.bodies
        or years != set(range(last_year - args.years + 1, last_year + 1))
    ):
        return None
    city = user.memberships.get().body
    return {
        "province": Body.objects.get(parent=None),
        "city": city,
        "user": user,
        "reports": ImportedReport.objects.count() + AnnualReport.objects.count(),
        "cells": ReportCell.objects.count(),
        "kept": True,
    }


def _imported(pk: int, year: int, data: dict[str, Any], t: dict[str, Any], published: date) -> Any:
    from gongkai.report_imports.models import ImportedReport

    return ImportedReport(
        body_id=pk,
        year=year,
        body_name="某机关",
        published_on=published,
        filename="report.docx",
        data=data,
        error_count=t["errors"],
        warning_count=t["warnings"],
    )


def _load_cells(
    counting: list[tuple[int, int, str, int, int]], tpl: list[dict[str, Any]], now: datetime
) -> int:
    """``ReportCell`` rows by COPY (PostgreSQL) or executemany (SQLite): ~200 per body-year."""
    from django.db import connection, transaction

    from gongkai.supervision.models import ReportCell

    table = ReportCell._meta.db_table
    cols = "source_kind, source_id, body_id, year, path, value, indexed_at"
    n = 0

    def rows():  # type: ignore[no-untyped-def]
        for pk, y, k, rid, t in counting:
            for path, value in tpl[t]["cells"]:
                yield k, rid, pk, y, path, value, now

    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            buf = io.StringIO()
            stamp = now.isoformat()
            for k, rid, pk, y, path, value, _ in rows():
                shown = r"\N" if value is None else value
                buf.write(f"{k}\t{rid}\t{pk}\t{y}\t{path}\t{shown}\t{stamp}\n")
                n += 1
                if n % 500_000 == 0:
                    _copy(cur, table, cols, buf)
                    buf = io.StringIO()
            _copy(cur, table, cols, buf)
        else:
            batch: list[tuple[Any, ...]] = []
            sql = f"INSERT INTO {table} ({cols}) VALUES (?, ?, ?, ?, ?, ?, ?)"
            stamp = connection.ops.adapt_datetimefield_value(now)
            for k, rid, pk, y, path, value, _ in rows():
                batch.append((k, rid, pk, y, path, None if value is None else str(Decimal(value)), stamp))
                if len(batch) == 100_000:
                    cur.executemany(sql, batch)
                    n += len(batch)
                    batch = []
            cur.executemany(sql, batch)
            n += len(batch)
    return n


def _copy(cur: Any, table: str, cols: str, buf: io.StringIO) -> None:
    with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
        copy.write(buf.getvalue())


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """(median wall ms, median CPU ms of this process) over ``repeat`` runs after one warm-up."""
    fn()
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpus.append((time.process_time() - c) * 1000)
        walls.append((time.perf_counter() - w) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.db.models import Max
    from django.test import Client
    from django.urls import reverse

    from gongkai.bodies.queries.tree import area_bodies
    from gongkai.supervision.models import IndexedReport
    from gongkai.supervision.queries.body_years import body_years
    from gongkai.supervision.queries.summary import area_report, area_xlsx

    rng = random.Random(args.seed)
    year = date.today().year - 1  # noqa: DTZ011 (a label for synthetic data)
    w, c = time.perf_counter(), time.process_time()
    world = (kept(args, year) if args.keep else None) or load(args.bodies, args.city, args.years, year, rng)
    how = "沿用保留的数据" if world.get("kept") else "装载"
    print(
        f"数据库 {connection.vendor}: {args.bodies:,} 个机关, {args.years} 年, {world['reports']:,} 份报告, "
        f"{world['cells']:,} 个单元格; {how} {time.perf_counter() - w:.0f} s（本进程 CPU {time.process_time() - c:.0f} s）"
    )
    province, city = world["province"], world["city"]
    today = date.today()  # noqa: DTZ011
    n_city = len(area_bodies(city))
    stamp = IndexedReport.objects.aggregate(at=Max("indexed_at"))["at"]
    body_years(area_bodies(province), year, today)  # must find the loaded index fresh: nothing re-indexed
    assert IndexedReport.objects.aggregate(at=Max("indexed_at"))["at"] == stamp, (
        "the loaded index was not fresh"
    )

    client = Client()
    client.force_login(world["user"])
    url = reverse("supervision:area", args=[city.pk, year])

    def page(**params: str) -> Callable[[], Any]:
        def get() -> None:
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code
            page.size = len(response.content)  # type: ignore[attr-defined]

        return get

    goal = "（目标 ≤ 300 ms）"
    for label, params in (
        ("", {}),
        ("，按新收申请排序", {"sort": "-requests_new"}),
        ("，筛选逾期", {"status": "overdue"}),
    ):
        wall, cpu = timed(page(**params), args.repeat)
        size = page.size / 1024  # type: ignore[attr-defined]
        print(
            f"市监督页（{n_city:,} 个机关{label}）: 中位 {wall:.0f} ms, CPU {cpu:.0f} ms, {size:.0f} KiB{goal}"
        )

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        if args.profile == "page":
            profiler.runcall(page(sort="-requests_new"))
        else:
            profiler.runcall(lambda: area_report("", body_years(area_bodies(province), year, today), year))
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return

    bodies = area_bodies(province)
    title = f"{province.name}及下级机关"
    rows = body_years(bodies, year, today)
    wall, cpu = timed(lambda: area_bodies(province), args.repeat)
    print(f"省·机关树（{len(bodies):,} 个机关）: 中位 {wall:.0f} ms, CPU {cpu:.0f} ms")
    wall, cpu = timed(lambda: body_years(bodies, year, today), args.repeat)
    print(f"省·各机关状态（body_years，含索引新鲜度检查）: 中位 {wall:.0f} ms, CPU {cpu:.0f} ms")
    wall, cpu = timed(lambda: area_report(title, rows, year), args.repeat)
    print(f"省·汇总（area_report：求和 + 各机关问题）: 中位 {wall:.0f} ms, CPU {cpu:.0f} ms")
    wall, cpu = timed(
        lambda: area_report(title, body_years(area_bodies(province), year, today), year), args.repeat
    )
    print(
        f"省·汇总合计（机关树 + body_years + area_report）: 中位 {wall:.0f} ms, CPU {cpu:.0f} ms（目标 ≤ 1000 ms）"
    )
    report, problems = area_report(title, rows, year)
    w, c = time.perf_counter(), time.process_time()
    xlsx = area_xlsx(report, rows, problems)
    print(
        f"省·汇总 .xlsx（一次）: {(time.perf_counter() - w) * 1000:.0f} ms, CPU {(time.process_time() - c) * 1000:.0f} ms, "
        f"{len(xlsx) / 1024:.0f} KiB, {len(problems):,} 条问题"
    )
    from gongkai.report_format.layout import Cell

    new = report.values.get(Cell("table3", "new", "total"))
    print(f"（核对：全省 {year} 年新收申请 {new}）")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bodies", type=int, default=10_000)
    ap.add_argument("--city", type=int, default=2_000, help="bodies of the city whose page is timed")
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument(
        "--database", default="", help="postgres://…/name (created and dropped); default an SQLite file"
    )
    ap.add_argument(
        "--keep",
        action="store_true",
        help="keep the loaded database (SQLite: in the system's temp directory) and reuse a kept one",
    )
    ap.add_argument(
        "--profile",
        choices=("page", "province"),
        help="profile one city page, or the province's whole 汇总 pipeline, and stop",
    )
    args = ap.parse_args()
    if args.city > args.bodies // 2:
        ap.error("--city must be at most half of --bodies")
    now = datetime.now().astimezone()
    print(
        f"{now:%Y-%m-%d %H:%M %Z} · {cpu_model()} · {os.cpu_count()} 核 · Python {platform.python_version()} · 负载 {os.getloadavg()[0]:.1f}"
    )

    with tempfile.TemporaryDirectory() as tmp:
        if not args.database:
            folder = Path(tempfile.gettempdir()) if args.keep else Path(tmp)
            setup_django(f"sqlite:///{folder / 'gk_bench_supervision.sqlite3'}", Path(tmp))
            run(args)
            return
        import psycopg

        parts = urlsplit(args.database)
        name = parts.path.lstrip("/")
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not (args.keep and exists):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
        try:
            setup_django(args.database, Path(tmp))
            run(args)
        finally:
            from django.db import connections

            connections.close_all()
            if not args.keep:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"负载（结束时）{os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
