"""Benchmark: tables 3 and 4 by SQL aggregation over many synthetic requests.

Goals: one body-year's tables 3 and 4 in ≤ 100 ms; a whole year for all bodies in ≤ 5 s.
Run: .venv/bin/python bench/compile_stats.py [--db sqlite|postgres] [--requests N] [--bodies B] [--years Y]

The data is bulk-loaded (not through the actions: this measures the aggregation) into a throwaway
database: an SQLite file in a temporary directory, or a PostgreSQL database ``gongkai_bench_<pid>``
(on ``--pg-url``, default postgres://postgres@127.0.0.1:5432) dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

BATCH = 10_000


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def load(n_requests: int, n_bodies: int, n_years: int, rng: random.Random) -> tuple[list[int], int]:
    """Bodies, one applicant each, ``n_requests`` requests spread over the years, a few remedy cases."""
    from gongkai.bodies.models import Body
    from gongkai.report_format.layout import TABLE3_APPLICANT_COLUMNS, TABLE3_OUTCOME_ROWS, TABLE4_BLOCKS
    from gongkai.requests.models import DECIDED_KEYS, Applicant, RemedyCase, Request
    from gongkai.requests.rules.states import Status

    root = Body.objects.create(name="某某市人民政府", level=Body.Level.CITY)
    bodies = Body.objects.bulk_create(
        [Body(name=f"机关{i}", level=Body.Level.DEPARTMENT, parent=root) for i in range(n_bodies - 1)]
    )
    body_ids = [root.pk, *(b.pk for b in bodies)]
    applicants = Applicant.objects.bulk_create(
        [Applicant(body_id=pk, kind="natural_person", name="申请人") for pk in body_ids]
    )
    applicant_of = {a.body_id: a.pk for a in applicants}
    kinds = [c.key for c in TABLE3_APPLICANT_COLUMNS]
    kind_weights = [70, 15, 2, 3, 5, 5]
    outcomes = [r.key for r in TABLE3_OUTCOME_ROWS]
    last_year = date.today().year - 1  # noqa: DTZ011 (a label for synthetic data, not a legal date)
    first = date(last_year - n_years + 1, 1, 1)
    span = (date(last_year, 12, 31) - first).days
    seq: dict[tuple[int, int], int] = {}
    made = 0
    while made < n_requests:
        batch = []
        for _ in range(min(BATCH, n_requests - made)):
            body = rng.choice(body_ids)
            received = first + timedelta(days=rng.randrange(span))
            key = (body, received.year)
            seq[key] = seq.get(key, 0) + 1
            open_ = rng.random() < 0.05
            concluded = None if open_ else received + timedelta(days=rng.randrange(1, 60))
            batch.append(
                Request(
                    body_id=body,
                    year=received.year,
                    seq=seq[key],
                    applicant_id=applicant_of[body],
                    applicant_kind=rng.choices(kinds, kind_weights)[0],
                    channel="in_person",
                    arrived_on=received,
                    received_on=received,
                    subject="某项政府信息",
                    status=Status.PROCESSING if open_ else Status.ARCHIVED,
                    outcome="" if open_ else rng.choice(outcomes),
                    concluded_on=concluded,
                )
            )
        Request.objects.bulk_create(batch, batch_size=BATCH)
        made += len(batch)
    # about one remedy case per 200 requests
    sample = list(
        Request.objects.order_by("?").values_list("pk", "body_id", "received_on")[: n_requests // 200]
    )
    blocks = [b.key for b in TABLE4_BLOCKS]
    decided = sorted(DECIDED_KEYS)
    cases = []
    for pk, body, received in sample:
        filed = received + timedelta(days=rng.randrange(10, 90))
        done = rng.random() < 0.7
        cases.append(
            RemedyCase(
                request_id=pk,
                body_id=body,
                kind=rng.choice(blocks),
                filed_on=filed,
                outcome=rng.choice(decided) if done else "pending",
                decided_on=filed + timedelta(days=rng.randrange(30, 200)) if done else None,
            )
        )
    RemedyCase.objects.bulk_create(cases, batch_size=BATCH)
    return body_ids, last_year


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """(median, max) wall time in ms over ``repeat`` runs after one warm-up."""
    fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs)


def run(args: argparse.Namespace) -> None:
    from django.db import connection

    from gongkai.requests.models import Request
    from gongkai.requests.queries import stats

    rng = random.Random(args.seed)
    t = time.perf_counter()
    body_ids, year = load(args.requests, args.bodies, args.years, rng)
    loaded = time.perf_counter() - t
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    counted = Request.objects.count()
    print(
        f"数据库 {connection.vendor}: {counted:,} 件申请, {len(body_ids)} 个机关, {args.years} 年; 装载 {loaded:.1f} s"
    )

    sample = rng.sample(body_ids, min(20, len(body_ids)))
    one = [timed(lambda b=b: (stats.table3([b], year), stats.table4([b], year)), 3) for b in sample]
    med = statistics.median(m for m, _ in one)
    worst = max(w for _, w in one)
    print(
        f"单个机关一年（表三+表四）: 中位 {med:.1f} ms, 最慢 {worst:.1f} ms（{len(sample)} 个机关；目标 ≤ 100 ms）"
    )

    root = body_ids[0]
    med_all, worst_all = timed(lambda: (stats.table3(body_ids, year), stats.table4(body_ids, year)), 3)
    print(f"全部机关合计一年（表三+表四）: 中位 {med_all:.0f} ms, 最慢 {worst_all:.0f} ms")
    med_each, worst_each = timed(lambda: stats.tables_for_all_bodies(year), 3)
    print(
        f"全部机关逐个一年（tables_for_all_bodies）: 中位 {med_each:.0f} ms, 最慢 {worst_each:.0f} ms（目标 ≤ 5000 ms）"
    )
    total = sum(v for c, v in stats.table3([root], year).items() if c.row == "new" and c.column == "total")
    print(f"（核对：根机关 {year} 年新收 {total} 件）")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--requests", type=int, default=1_000_000)
    ap.add_argument("--bodies", type=int, default=500)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    args = ap.parse_args()
    now = datetime.now().astimezone()
    print(
        f"{now:%Y-%m-%d %H:%M %Z} · {cpu_model()} · {os.cpu_count()} 核 · Python {platform.python_version()}"
    )

    if args.db == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            setup_django(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
            run(args)
        return

    import psycopg

    name = f"gongkai_bench_{os.getpid()}"
    admin = f"{args.pg_url}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        setup_django(f"{args.pg_url}/{name}")
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
