"""Benchmark: the public portal's search and item pages, on SQLite or PostgreSQL.

Goals (issue #5): search p95 ≤ 50 ms (uncached queries); item pages ≥ 300 req/s with p99 ≤ 100 ms
at 50 concurrent clients; at 1,000,000 items.

Run: .venv/bin/python bench/portal.py [--items 1000000] [--db sqlite|postgres] [--seconds 15]

1. Load: ``--items`` published items of one body go straight into a throwaway database (an SQLite
   file in a temporary directory, or a database on the PostgreSQL at ``--pg``, ``--pg-db gk_bench_portal``): bulk
   inserts with the full-text index switched off, then the index built in one go (timed apart).
   The fake texts are made of a few dozen sentences, so jieba segments each piece once.
2. CPU per request, in process (Django test client, ``time.process_time``): robust on a busy
   machine. Uncached search pages (every query distinct), uncached item pages, cached item pages.
3. HTTP over loopback with wrk (Debian package ``wrk``), the site served the way ``gongkai start``
   serves it (waitress), warmed up for 3 s with as many connections as it has threads (on other
   queries): search with 4 connections on distinct queries (cache misses); item pages
   of random ids with 50 connections flat out (capacity), then 50 connections each pausing
   ``--think`` ms between requests (≈300 req/s offered) for the latency at that rate.
   ``--pin`` runs the server on CPU 0 and wrk on CPU 1 (taskset).
   Several processes (issue #18): ``--workers N`` serves with gunicorn, N prefork processes of
   ``--threads`` threads each, behind one port; ``--redis URL`` sets REDIS_URL, so the processes share
   the portal's versions (and, with ``--shared-pages``, the pages) through Redis. The Redis database
   given is emptied first.

The database and the directory are removed at the end. Benchmarks are not tests: nothing here
runs in CI.
"""

from __future__ import annotations

import argparse
import functools
import http.client
import importlib
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BATCH = 5000

PLACES = ["光明里", "幸福里", "和平街", "建设路", "新华社区", "东风村", "向阳小区", "团结里", "胜利街", "长安社区"]  # fmt: skip
TOPICS = [
    ("老旧小区改造", "实施外墙保温、屋面防水、加装电梯和雨污分流改造，改造期间请居民配合施工。"),
    ("部门预算", "按照财政预算公开的要求，公开一般公共预算收支和“三公”经费预算安排情况。"),
    ("公开招聘社区工作者", "面向社会公开招聘社区工作者，报名条件、考试方式和招聘公告详见附件。"),
    ("低保对象审核", "经入户调查和民主评议，以下家庭符合最低生活保障条件，现予公示。"),
    ("政府采购", "政府采购项目的采购需求、预算金额和供应商资格要求公告如下。"),
    ("安全生产检查", "开展安全生产大检查，督促企业落实主体责任，排查整改隐患。"),
    ("环境整治", "开展背街小巷环境整治，清理堆物堆料，规范停车秩序。"),
    ("行政处罚决定", "依据相关法律法规，对违法行为作出行政处罚决定，现予公开。"),
    ("应急预案", "修订突发事件应急预案，明确组织指挥体系和预警响应程序。"),
    ("义务教育招生", "公布义务教育阶段学校划片范围和招生入学工作安排。"),
]
KINDS = ["的公示", "的通知", "工作方案", "实施办法", "情况报告", "公告"]
# One character each (found inside words: migration 0008), for the in-process figure of such searches.
QUERY_CHARACTERS = ["改", "预", "招", "低", "采", "检", "整", "罚", "急", "校", "光", "梯", "贫", "鑫"]
QUERY_WORDS = ["老旧小区", "改造", "部门预算", "财政预算", "招聘", "社区工作者", "低保", "政府采购", "安全生产",
               "环境整治", "行政处罚", "应急预案", "招生", "加装电梯", "三公经费", "公示", "光明里", "供应商"]  # fmt: skip

WRK_SCRIPT = """
local paths, n, think = {}, 0, tonumber(os.getenv("BENCH_THINK") or "0")
for line in io.lines(os.getenv("BENCH_PATHS")) do n = n + 1; paths[n] = line end
local counter, threads = 0, {}
function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
  table.insert(threads, thread)
end
function init(args)
  i = offset * 100003
  math.randomseed(offset)
end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % n) + 1])
end
function delay()
  if think > 0 then return math.floor(think * (0.5 + math.random())) end
  return 0
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "max": %.3f, '
    .. '"errors": %d, "status": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


# ------------------------------------------------------------------ data


SPAN_DAYS = 4000  # 2015-01-01 to 2025-12-14


def fake_item(n: int, total: int, shuffled: bool = False) -> tuple[str, list[str], str, date]:
    """(title, the text's pieces, place, published) of item ``n`` of ``total`` — the same on every run.

    Dates follow the ids, as on a live portal (an item is numbered when it is written); ``shuffled``
    spreads them at random instead, the worst case for a date filter."""
    rng = random.Random(n)
    topic, sentence = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    if shuffled:
        published = date(2015 + n % 11, 1, 1) + timedelta(days=n % 360)
    else:
        published = date(2015, 1, 1) + timedelta(days=(n - 1) * SPAN_DAYS // total)
    title = f"关于{published.year}年{place}{topic}{rng.choice(KINDS)}"
    extra = rng.sample(TOPICS, 2)
    pieces = [f"{place}：", sentence, *(s for _, s in extra), f"联系人：{place}办公室，编号", f"{n}。"]
    return title, pieces, place, published


@functools.cache
def _seg(piece: str) -> str:
    from gongkai.portal.rules.segment import segmented

    return segmented(piece)


def _text_seg(pieces: list[str]) -> str:
    *words, number = pieces
    return " ".join([*(_seg(p) for p in words), number.rstrip("。")])


def _fts_switch(on: bool) -> None:
    """Switch the full-text index off for the bulk load, and build it in one go afterwards."""
    from django.db import connection

    initial = importlib.import_module("gongkai.portal.migrations.0001_initial")
    signature = importlib.import_module("gongkai.portal.migrations.0004_search_signature")
    scope = importlib.import_module("gongkai.portal.migrations.0008_search_single_characters")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if on:
                cursor.execute(scope.INSERT_TRIGGER)
                cursor.execute("INSERT INTO portal_fts(portal_fts) VALUES ('rebuild')")
            else:
                cursor.execute("DROP TRIGGER portal_fts_ai")
        elif on:  # tsv and sig are filled row by row by their trigger; only their indexes wait
            cursor.execute(initial.POSTGRES[3])
            cursor.execute(signature.WALK_INDEX)
        else:
            cursor.execute("DROP INDEX portal_searchdocument_tsv_gin")
            cursor.execute("DROP INDEX portal_doc_filters")


def kept(total: int, shuffled: bool) -> int | None:
    """The body id of a kept database already holding these ``total`` items, else ``None``."""
    from django.db import DatabaseError

    from gongkai.bodies.models import Body
    from gongkai.disclosure.models import Item

    try:
        last = Item.objects.filter(pk=total).values_list("published_on", flat=True).first()
        if Item.objects.count() == total and last == fake_item(total, total, shuffled)[3]:
            from django.core.management import call_command

            call_command("migrate", verbosity=0)  # the code may have moved on since it was loaded
            return Body.objects.get().pk
    except DatabaseError:
        pass
    return None


def reset(args: argparse.Namespace, url: str, tmp: Path) -> None:
    from django.db import connections

    connections.close_all()
    if args.db == "sqlite":
        for path in tmp.glob("bench.sqlite3*"):
            path.unlink()
        return
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.pg_db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.pg_db}"')


def load(total: int, shuffled: bool) -> int:
    """Migrate, then insert ``total`` published items and their index rows; returns the body id."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.bodies.models import Body
    from gongkai.disclosure.actions.catalogue import create_default_catalogue
    from gongkai.disclosure.models import Item
    from gongkai.portal.models import SearchDocument
    from gongkai.portal.rules.segment import characters

    call_command("migrate", verbosity=0)
    body = Body.objects.create(name="只楚街道办事处", short_name="只楚街道", level=Body.Level.SUBDISTRICT)
    nodes = [n.pk for n in create_default_catalogue(actor=None, body=body, kind="township")]
    user = get_user_model().objects.create_user("bench", password="x" * 20)
    noon = datetime.now(tz=timezone.get_current_timezone()).replace(hour=12, minute=0, second=0)
    # One item made by the ORM gives every column's value (defaults included); the rows differ from it
    # only in the columns below, so they go in as plain tuples (the ORM would cost 10 times more).
    proto = Item(pk=1, body=body, node_id=nodes[0], title="", publisher=body.name, formed_on=noon.date(),
                 status="published", disclosure="proactive", published_on=noon.date(), published_at=noon,
                 created_by=user)  # fmt: skip
    fields = [f for f in Item._meta.local_concrete_fields]
    template = [f.get_db_prep_save(f.pre_save(proto, True), connection) for f in fields]
    slot = {f.attname: k for k, f in enumerate(fields)}
    varying = [
        "id",
        "node_id",
        "title",
        "body_html",
        "body_text",
        "index_number",
        "formed_on",
        "published_on",
    ]
    item_sql = "INSERT INTO {} ({}) VALUES ({})".format(
        Item._meta.db_table,
        ", ".join(connection.ops.quote_name(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    doc_sql = (
        f"INSERT INTO {SearchDocument._meta.db_table} "
        "(item_id, body_id, node_id, published_on, title_seg, text_seg, chars) VALUES (%s, %s, %s, %s, %s, %s, %s)"
    )
    day = connection.ops.adapt_datefield_value
    _fts_switch(False)
    started = time.perf_counter()
    for start in range(1, total + 1, BATCH):
        items, docs = [], []
        for pk in range(start, min(total, start + BATCH - 1) + 1):
            title, pieces, _place, published = fake_item(pk, total, shuffled)
            text = "".join(pieces)
            node = nodes[pk % len(nodes)]
            row = list(template)
            values = [pk, node, title, f"<p>{text}</p>", text, f"BENCH/{pk:08d}",
                      day(published - timedelta(days=3)), day(published)]  # fmt: skip
            for name, value in zip(varying, values, strict=True):
                row[slot[name]] = value
            items.append(row)
            docs.append(
                (pk, body.pk, node, day(published), _seg(title), _text_seg(pieces), characters(title, text))
            )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(item_sql, items)
            cursor.executemany(doc_sql, docs)
        if (start // BATCH + 1) % 40 == 0:
            rate = (start + BATCH) / (time.perf_counter() - started)
            print(f"  {start + BATCH - 1:,} items ({rate:,.0f}/s)", file=sys.stderr, flush=True)
    loaded = time.perf_counter()
    _fts_switch(True)
    indexed = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")  # as autovacuum leaves a live database
        else:
            cursor.execute("ANALYZE")
    print(
        f"load: {total:,} items inserted in {loaded - started:.0f} s, full-text index built in "
        f"{indexed - loaded:.0f} s, analyze {time.perf_counter() - indexed:.0f} s",
        flush=True,
    )
    return body.pk


# ------------------------------------------------------------------ requests


def search_paths(body: int, count: int) -> list[str]:
    """Distinct queries (words × date ranges × pages × scope), so each one misses the page cache."""
    rng = random.Random(7)
    paths: dict[str, None] = {}
    while len(paths) < count:
        q = " ".join(rng.sample(QUERY_WORDS, rng.choice([1, 1, 2])))
        start = date(2015 + rng.randrange(11), 1 + rng.randrange(12), 1 + rng.randrange(28))
        scope = f"/gk/{body}/search/" if rng.random() < 0.5 else "/gk/search/"
        paths[f"{scope}?q={quote(q)}&start={start}&page={rng.choice([1, 1, 1, 2, 3])}"] = None
    return list(paths)


def character_paths(body: int, count: int) -> list[str]:
    """Distinct one-character queries (a character × start date × scope), each a cache miss."""
    rng = random.Random(8)
    paths: dict[str, None] = {}
    while len(paths) < count:
        start = date(2015 + rng.randrange(11), 1 + rng.randrange(12), 1 + rng.randrange(28))
        scope = f"/gk/{body}/search/" if rng.random() < 0.5 else "/gk/search/"
        paths[f"{scope}?q={quote(rng.choice(QUERY_CHARACTERS))}&start={start}"] = None
    return list(paths)


def number_paths(body: int, items: int, count: int) -> list[str]:
    """Searches for an item's 索引号 typed exactly (the bench's items are numbered BENCH/00000001 …)."""
    rng = random.Random(9)
    return [f"/gk/search/?q={quote(f'BENCH/{pk:08d}')}" for pk in rng.sample(range(1, items + 1), count)]


def item_paths(body: int, items: int, count: int, seed: int) -> list[str]:
    """Random item pages; distinct ones (cache misses) when there are enough items."""
    rng = random.Random(seed)
    ids = (
        rng.sample(range(1, items + 1), count)
        if count <= items
        else rng.choices(range(1, items + 1), k=count)
    )
    return [f"/gk/{body}/xx/{pk}/" for pk in ids]


def cpu_per_request(paths: list[str], label: str) -> None:
    """Median process CPU time per request through Django (test client), over several rounds."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    per_round = max(1, len(paths) // 5)
    times = []
    for k in range(5):
        chunk = paths[k * per_round : (k + 1) * per_round]
        t = time.process_time()
        for path in chunk:
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}")
        times.append((time.process_time() - t) * 1000 / len(chunk))
    print(
        f"cpu {label}: {statistics.median(times):.2f} ms per request (median of 5 × {per_round})", flush=True
    )


def wrk(port: int, paths: list[str], tmp: Path, connections: int, seconds: float, pin: bool,
        think: float = 0) -> dict:  # fmt: skip
    script, listing = tmp / "bench.lua", tmp / "paths.txt"
    script.write_text(WRK_SCRIPT)
    listing.write_text("\n".join(paths) + "\n")
    env = {**os.environ, "BENCH_PATHS": str(listing), "BENCH_THINK": str(think)}
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s",
               "-s", str(script), f"http://127.0.0.1:{port}"]  # fmt: skip
    if pin:
        command = ["taskset", "-c", "1", *command]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def show(label: str, r: dict) -> None:
    print(
        f"{label}: {r['requests'] / r['seconds']:,.0f} req/s ({r['requests']:,} in {r['seconds']:.0f} s); "
        f"p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, p99 {r['p99']:.1f} ms, max {r['max']:.0f} ms; "
        f"errors {r['errors']}, non-2xx {r['status']}",
        flush=True,
    )


# ------------------------------------------------------------------ main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, path: str, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit("the server stopped before answering")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path)
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not answer")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--pg-db", default="gk_bench_portal", help="PostgreSQL database (dropped after)")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads (as `gongkai start`)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--search-clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=15, help="length of each wrk run")
    parser.add_argument("--think", type=float, default=150, help="ms between a client's requests (paced run)")
    parser.add_argument("--pin", action="store_true", help="server on CPU 0, wrk on CPU 1")
    parser.add_argument("--workers", type=int, default=0, help="serve with gunicorn, this many processes")
    parser.add_argument("--redis", default="", help="REDIS_URL for the server and the in-process runs")
    parser.add_argument("--shared-pages", action="store_true", help="rendered pages in Redis too")
    parser.add_argument(
        "--shuffled-dates", action="store_true", help="dates at random, not following the ids"
    )
    parser.add_argument("--keep", action="store_true", help="keep the loaded database and reuse a kept one")
    parser.add_argument("--no-http", action="store_true", help="only load and measure CPU per request")
    parser.add_argument("--profile", action="store_true", help="profile 200 uncached searches and stop")
    args = parser.parse_args()
    if not args.no_http and shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (or pass --no-http)")

    tmp = Path(tempfile.gettempdir()) / "gongkai_bench_portal" if args.keep else None
    if tmp is not None:
        tmp.mkdir(exist_ok=True)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="gongkai_bench_"))
    dbname = args.pg_db
    url = f"sqlite:///{tmp / 'bench.sqlite3'}" if args.db == "sqlite" else f"{args.pg}/{dbname}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "GONGKAI_DATA_DIR": str(tmp),
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "DEBUG": "False",
        "SECRET_KEY": "bench-" + "x" * 50,
        "LOG_LEVEL": "ERROR",
        "REDIS_URL": args.redis,
        "GONGKAI_PAGE_CACHE": "shared" if args.shared_pages else "local",
    }
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis).flushdb()
    os.environ.update(env)
    if args.db == "postgres":
        import psycopg

        with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
            if not (args.keep and exists):
                conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{dbname}"')
    server = None
    try:
        import django

        django.setup()
        print(
            f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, Django {django.get_version()}; db {args.db}; "
            f"{args.items:,} items, dates {'at random' if args.shuffled_dates else 'following the ids'}; "
            f"cache {'Redis' if args.redis else 'files'}, pages {'in Redis' if args.shared_pages else 'per process'}; "
            f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        body = kept(args.items, args.shuffled_dates) if args.keep else None
        if body is None:
            if args.keep:  # a kept database with another number of items: start it afresh
                reset(args, url, tmp)
            body = load(args.items, args.shuffled_dates)
        else:
            print(f"load: reusing the kept database with {args.items:,} items", flush=True)
        searches = search_paths(body, 40_000)
        if args.profile:
            import cProfile
            import pstats

            from django.test import Client

            client = Client(HTTP_HOST="127.0.0.1")
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [client.get(p) for p in searches[-200:]])
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
            return
        cpu_per_request(searches[-500:], "search page, uncached")
        cpu_per_request(character_paths(body, 500), "search page, one character, uncached")
        cpu_per_request(number_paths(body, args.items, 500), "search page, 索引号 typed exactly, uncached")
        cpu_per_request(item_paths(body, args.items, 2000, seed=11), "item page, uncached")
        cpu_per_request(item_paths(body, args.items, 2000, seed=11), "item page, cached")
        if args.no_http:
            return
        from django.db import connections

        connections.close_all()
        port = free_port()
        command = [sys.executable, "-m", "waitress", "--host=127.0.0.1", f"--port={port}",
                   f"--threads={args.threads}", "--connection-limit=200", "gongkai.wsgi:application"]  # fmt: skip
        if args.workers:
            command = [sys.executable, "-m", "gunicorn", "gongkai.wsgi:application", "--preload",
                       f"--workers={args.workers}", f"--threads={args.threads}", f"--bind=127.0.0.1:{port}",
                       "--worker-connections=200", "--backlog=2048"]  # fmt: skip
        if args.pin:
            command = ["taskset", "-c", "0", *command]
        # waitress logs every queued request at 50 clients ("Task queue depth"): to a file, not the screen
        with open(tmp / "server.log", "w") as log:
            server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
        wait_for(port, f"/gk/{body}/search/?q=%E5%85%AC%E7%A4%BA", server)
        served = (
            f"gunicorn {args.workers} processes × {args.threads} threads"
            if args.workers
            else f"waitress {args.threads} threads"
        )
        print(f"server: {served}; wrk {'pinned to CPU 1' if args.pin else 'unpinned'}")
        # Warm up as a live server is warm: every thread has opened its database connection (a new
        # PostgreSQL backend fills its catalogue caches on its first queries, ~10–50 ms). On queries
        # the measured runs do not ask, so no page comes from the cache.
        wrk(port, searches[-500:], tmp, args.threads * max(1, args.workers), 3, args.pin)
        show(
            f"search, {args.search_clients} connections, distinct queries",
            wrk(port, searches[:-500], tmp, args.search_clients, args.seconds, args.pin),
        )
        items = item_paths(body, args.items, 200_000, seed=3)
        show(
            f"item page, {args.clients} connections flat out",
            wrk(port, items, tmp, args.clients, args.seconds, args.pin),
        )
        show(
            f"item page, {args.clients} connections pausing ~{args.think:g} ms",
            wrk(
                port,
                item_paths(body, args.items, 200_000, seed=5),
                tmp,
                args.clients,
                args.seconds,
                args.pin,
                think=args.think,
            ),
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        if args.keep:
            print(f"kept: {url} (run again with --keep to reuse it; without, to drop it)")
        else:
            if args.db == "postgres":
                from django.db import connections

                connections.close_all()
                import psycopg

                with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
