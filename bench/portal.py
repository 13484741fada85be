"""Benchmark: the public portal's search and item pages under load, on SQLite or PostgreSQL.

Goals: search p95 ≤ 50 ms (uncached queries); item pages ≥ 300 req/s with p99 ≤ 100 ms at 50 clients.

Run: .venv/bin/python bench/portal.py [--items 1000000] [--db sqlite|postgres] [--seconds 20]

It loads ``--items`` published items (segmented with jieba in a process pool) straight into a
throwaway database — an SQLite file in a temporary directory, or ``gongkai_bench_<pid>`` on the
PostgreSQL at ``--pg`` — starts the site with waitress on 127.0.0.1 in a subprocess and measures it
with a bounded load generator (threads, one keep-alive http.client connection each, a fixed time).
The database and the directory are removed at the end. The load generator shares the machine's
cores with the server: the figures are a floor, not what a separate client would see.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BATCH = 5000

PLACES = [
    "光明里",
    "幸福里",
    "和平街",
    "建设路",
    "新华社区",
    "东风村",
    "向阳小区",
    "团结里",
    "胜利街",
    "长安社区",
]
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
QUERY_WORDS = ["老旧小区", "改造", "部门预算", "财政预算", "招聘", "社区工作者", "低保", "政府采购", "安全生产",
               "环境整治", "行政处罚", "应急预案", "招生", "加装电梯", "三公经费", "公示", "光明里", "供应商"]  # fmt: skip


# ------------------------------------------------------------------ data


def fake_item(n: int) -> tuple[int, str, str, date]:
    rng = random.Random(n)
    topic, sentence = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    year = 2015 + n % 11
    title = f"关于{year}年{place}{topic}{rng.choice(KINDS)}"
    extra = rng.sample(TOPICS, 2)
    text = f"{place}：{sentence}" + "".join(s for _, s in extra) + f"联系人：{place}办公室，编号{n}。"
    published = date(year, 1, 1) + timedelta(days=n % 360)
    return n, title, text, published


def _segment(ns: range) -> list[tuple[int, str, str, str, str, date]]:
    from gongkai.portal.segment import segmented

    out = []
    for n in ns:
        pk, title, text, published = fake_item(n)
        out.append((pk, title, text, segmented(title), segmented(text), published))
    return out


def batches(total: int) -> Iterator[range]:
    for start in range(1, total + 1, BATCH):
        yield range(start, min(total, start + BATCH - 1) + 1)


def load(total: int, workers: int) -> tuple[int, list[int]]:
    """Migrate, then insert ``total`` published items and their index rows; returns (body id, node ids)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from gongkai.bodies.models import Body
    from gongkai.disclosure.actions.catalogue import create_default_catalogue
    from gongkai.disclosure.models import Item
    from gongkai.portal.models import SearchDocument

    call_command("migrate", verbosity=0)
    body = Body.objects.create(name="只楚街道办事处", short_name="只楚街道", level=Body.Level.SUBDISTRICT)
    nodes = [n.pk for n in create_default_catalogue(actor=None, body=body, kind="township")]
    user = get_user_model().objects.create_user("bench", password="x" * 20)
    noon = datetime.now(tz=timezone.get_current_timezone()).replace(hour=12)
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for done, rows in enumerate(pool.imap(_segment, batches(total)), start=1):
            items, docs = [], []
            for pk, title, text, title_seg, text_seg, published in rows:
                node = nodes[pk % len(nodes)]
                items.append(
                    Item(pk=pk, body=body, node_id=node, title=title, publisher=body.name,
                         formed_on=published - timedelta(days=3), body_html=f"<p>{text}</p>", body_text=text,
                         status="published", disclosure="proactive", index_number=f"BENCH/{pk:08d}",
                         published_on=published, published_at=noon, created_by=user)
                )  # fmt: skip
                docs.append(SearchDocument(item_id=pk, body_id=body.pk, node_id=node, published_on=published,
                                           title_seg=title_seg, text_seg=text_seg))  # fmt: skip
            with transaction.atomic():
                Item.objects.bulk_create(items, batch_size=1000)
                SearchDocument.objects.bulk_create(docs, batch_size=1000)
            if done % 20 == 0:
                rate = done * BATCH / (time.perf_counter() - started)
                print(f"  {done * BATCH:,} items ({rate:,.0f}/s)", file=sys.stderr, flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"loaded {total:,} items in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return body.pk, nodes


# ------------------------------------------------------------------ load generator


def measure(port: int, paths: list[str], clients: int, seconds: float) -> tuple[list[float], int, float]:
    """``clients`` threads with one keep-alive connection each, cycling through their share of ``paths``
    for ``seconds``; returns (latencies in ms, errors, elapsed seconds)."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(k: int) -> None:
        nonlocal errors
        mine = paths[k::clients] or paths
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local, bad, i = [], 0, 0
        while time.perf_counter() < stop:
            path = mine[i % len(mine)]
            i += 1
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            local.append((time.perf_counter() - t) * 1000)
        conn.close()
        with lock:
            latencies.extend(local)
            errors += bad

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - began


def pct(values: list[float], p: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]
    )


def report(name: str, latencies: list[float], errors: int, elapsed: float) -> None:
    print(
        f"{name}: {len(latencies):,} requests in {elapsed:.1f} s = {len(latencies) / elapsed:,.0f} req/s; "
        f"p50 {pct(latencies, 50):.1f} ms, p95 {pct(latencies, 95):.1f} ms, p99 {pct(latencies, 99):.1f} ms; "
        f"errors {errors}"
    )


def search_paths(body: int, count: int) -> list[str]:
    """Distinct queries (words × date ranges × pages), so each one misses the page cache."""
    rng = random.Random(7)
    paths = set()
    while len(paths) < count:
        q = " ".join(rng.sample(QUERY_WORDS, rng.choice([1, 1, 2])))
        start = date(2015 + rng.randrange(11), 1 + rng.randrange(12), 1)
        scope = f"/gk/{body}/search/" if rng.random() < 0.5 else "/gk/search/"
        paths.add(f"{scope}?q={quote(q)}&start={start}&page={rng.choice([1, 1, 1, 2, 3])}")
    return list(paths)


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
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="segmentation processes")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--search-clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="gongkai_bench_"))
    dbname = f"gongkai_bench_{os.getpid()}"
    url = f"sqlite:///{tmp / 'bench.sqlite3'}" if args.db == "sqlite" else f"{args.pg}/{dbname}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "GONGKAI_DATA_DIR": str(tmp),
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "DEBUG": "False",
        "SECRET_KEY": "bench-" + "x" * 50,
        "LOG_LEVEL": "ERROR",
    }
    os.environ.update(env)
    if args.db == "postgres":
        import psycopg

        with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{dbname}"')
    server = None
    try:
        import django

        django.setup()
        body, _nodes = load(args.items, args.workers)
        from django.db import connections

        connections.close_all()

        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "waitress", "--host=127.0.0.1", f"--port={port}", f"--threads={args.threads}",
             "--connection-limit=200", "gongkai.wsgi:application"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(port, f"/gk/{body}/search/?q=%E5%85%AC%E7%A4%BA", server)
        print(
            f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}; db {args.db}; {args.items:,} items; "
            f"waitress {args.threads} threads; load generator on the same cores"
        )
        searches = search_paths(body, 20_000)
        report(
            f"search ({args.search_clients} clients, uncached)",
            *measure(port, searches, args.search_clients, args.seconds),
        )
        rng = random.Random(3)
        items = [f"/gk/{body}/xx/{rng.randrange(1, args.items + 1)}/" for _ in range(50_000)]
        report(f"item page ({args.clients} clients)", *measure(port, items, args.clients, args.seconds))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if args.db == "postgres":
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
