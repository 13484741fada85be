"""Benchmark: compiling a year's annual report, and rendering its .docx.

Goals: ``compile_report`` for a body with 100,000 requests and 1,000,000 items ≤ 2 s; the .docx ≤ 1 s.

Run: .venv/bin/python bench/yearbook.py [--requests 100000] [--items 1000000] [--db sqlite|postgres]

Synthetic rows are bulk-loaded into a throwaway database (an SQLite file in a temporary directory, or
``gongkai_bench_yb_<pid>`` on the PostgreSQL at 127.0.0.1), then compile and render are each timed
five times (best and median printed). The database and the directory are removed at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
BATCH = 10000
YEAR = 2024


def setup(db: str, tmp: Path) -> str | None:
    sys.path.insert(0, str(ROOT))
    os.environ["GONGKAI_DATA_DIR"] = str(tmp)
    pg_name = None
    if db == "postgres":
        pg_name = f"gongkai_bench_yb_{os.getpid()}"
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", pg_name], check=True)
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return pg_name


def load(n_requests: int, n_items: int):  # type: ignore[no-untyped-def]
    from gongkai.bodies.actions import members as body_actions
    from gongkai.bodies.models import Body, StaffMembership
    from gongkai.disclosure.actions import catalogue
    from gongkai.disclosure.models import Item, ItemChannel
    from gongkai.requests.models import Applicant, Request
    from gongkai.requests.rules.outcomes import OUTCOME_KEYS

    rng = random.Random(13)
    body = body_actions.create_body(actor=None, name="基准测试街道办事处", level=Body.Level.SUBDISTRICT)
    clerk = body_actions.create_staff_user(
        actor=None, body=body, username="bench", password="x" * 20, role=StaffMembership.Role.CLERK
    )
    kinds = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
    applicants = Applicant.objects.bulk_create(
        [Applicant(body=body, kind=k, name=f"申请人{k}") for k in kinds]
    )
    outcomes = sorted(OUTCOME_KEYS)
    start = date(YEAR - 1, 1, 1)
    rows = []
    for i in range(n_requests):
        received = start + timedelta(days=rng.randrange(730))
        applicant = applicants[i % len(applicants)]
        concluded = received + timedelta(days=rng.randrange(40)) if rng.random() < 0.95 else None
        rows.append(
            Request(
                body=body,
                year=received.year,
                seq=i + 1,
                applicant=applicant,
                applicant_kind=applicant.kind,
                channel="in_person",
                arrived_on=received,
                received_on=received,
                subject="某项信息",
                status="replied" if concluded else "processing",
                outcome=rng.choice(outcomes) if concluded else "",
                concluded_on=concluded,
            )
        )
        if len(rows) == BATCH:
            Request.objects.bulk_create(rows)
            rows = []
    Request.objects.bulk_create(rows)

    nodes = catalogue.create_default_catalogue(actor=None, body=body, kind="township")
    leaves = [n for n in nodes if n.parent_id is not None] or nodes
    tz = ZoneInfo("Asia/Shanghai")
    channels = ["website", "wechat", "notice_board"]
    made = 0
    while made < n_items:
        batch = []
        for _ in range(min(BATCH, n_items - made)):
            day = date(YEAR - 1, 1, 1) + timedelta(days=rng.randrange(730))
            batch.append(
                Item(
                    body=body,
                    node=leaves[rng.randrange(len(leaves))],
                    title="信息",
                    publisher=body.name,
                    formed_on=day,
                    status="published",
                    published_on=day,
                    published_at=datetime(day.year, day.month, day.day, 9, tzinfo=tz),
                    created_by=clerk,
                )
            )
        created = Item.objects.bulk_create(batch)
        ItemChannel.objects.bulk_create(
            [ItemChannel(item=item, channel=channels[k % 3]) for k, item in enumerate(created)]
        )
        made += len(batch)
    _settle()
    return body, clerk


def _settle() -> None:
    """Statistics (and on PostgreSQL the visibility map that index-only scans need) as a live
    database has them after autovacuum; a freshly bulk-loaded table has neither."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def timed(fn, repeat: int = 5) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-yb-") as tmp:
        pg_name = setup(args.db, Path(tmp))
        try:
            t = time.perf_counter()
            body, clerk = load(args.requests, args.items)
            print(
                f"loaded {args.requests:,} requests and {args.items:,} items in {time.perf_counter() - t:.1f} s"
            )
            from gongkai.report_format.render import render_docx
            from gongkai.report_workspace.actions.reports import compile_report
            from gongkai.report_workspace.documents.export import printable

            compile_times = timed(lambda: compile_report(actor=clerk, body=body, year=YEAR))
            annual = compile_report(actor=clerk, body=body, year=YEAR)
            report = printable(annual)
            docx_times = timed(lambda: render_docx(report))
            facts = annual.facts
            print(
                f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} CPUs, "
                f"Python {platform.python_version()}, {args.db}, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}"
            )
            print(f"year {YEAR}: new requests {facts['requests_received']:,}, items {facts['items_total']:,}")
            for name, times, goal in (
                ("compile_report", compile_times, 2.0),
                ("render_docx", docx_times, 1.0),
            ):
                best, median = min(times), statistics.median(times)
                verdict = "OK" if median <= goal else "OVER"
                print(
                    f"{name:15s} best {best:.3f} s  median {median:.3f} s  (goal ≤ {goal:.0f} s: {verdict})"
                )
        finally:
            if pg_name:
                from django.db import connections

                connections.close_all()
                subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", pg_name], check=False)


if __name__ == "__main__":
    main()
