"""Benchmark: a batch of N mixed reports through the task queue (Celery) with W worker processes.

Run: .venv/bin/python bench/queue_batch.py [--files 300] [--workers 1 2] [--broker redis|embedded]
     [--scan-share 0.05] [--dir /tmp/gk-bench-queue] [--keep] [--json OUT]
Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and, for ``--broker redis``, Redis at
redis://127.0.0.1:6379/8 (flushed first). LibreOffice makes the PDFs and the scans.

The corpus (text in the three layouts, a government web page, .docx, text-layer PDFs printed by
LibreOffice and 150-dpi scans of those PDFs: pictures only, read by OCR) is written under ``--dir``;
with ``--keep`` it stays there and the next run with the same size, share and seed reuses it. PDFs and scans come from pools of distinct documents (``--pdf-pool``,
``--scan-pool``) repeated under their own file names: reading a file costs the same the second
time (nothing is cached between files), and a body may file the same report twice.

For each worker count: a fresh database ``gk_bench_queue`` (migrated by ``gongkai start --no-serve``,
the bodies the reports name created below the root); W ``gongkai worker --concurrency 1`` processes
started and ready; the files queued as the batch page does (``create_batch`` in batches of at most
2,000 files, then ``enqueue_batch``); the clock runs from the first message sent to the last batch
finished. Every 0.5 s each worker's whole process tree (worker, sandbox fork server, readers) is
sampled from /proc: RSS, PSS (shared pages split between the processes sharing them) and CPU.

Printed: wall, files/s, the tree's peak RSS/PSS and RSS at 25/50/75/100% of the batch, worker CPU a
file, the mean time a file of each kind spent in a worker (claim to stored report), failures, the
checks that each file was read once (one report per imported file, one task run per file), the
database's work (pg_stat_database) and Redis's commands a file. Before the runs, the reading CPU of
each kind is measured in this process (``read_bytes`` + ``analyse``, as the sandbox runs them); after,
the SQL queries of importing one file of each kind (``import_file``, captured).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.parse_text import _cpu

ROOT = Path(__file__).resolve().parent.parent
DB = "gk_bench_queue"
ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
REDIS_URL = "redis://127.0.0.1:6379/8"
KINDS = ("txt", "html", "docx", "pdf", "scan")
SUFFIX = {"txt": ".txt", "html": ".html", "docx": ".docx", "pdf": ".pdf", "scan": ".pdf"}
PLACES = ("东城", "西城", "南山", "北湖", "青石", "柳营", "环翠", "天福")
UNITS = ("街道办事处", "镇人民政府", "区教育局", "区自然资源局", "区卫生健康局")
BODIES = tuple(f"{place}区{place}{unit}" for place in PLACES for unit in UNITS)
PASSWORD = "bench-" + "q" * 12
SAMPLE_SECONDS = 0.5
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


# ---------------------------------------------------------------- the corpus


def kinds_for(n: int, scan_share: float) -> list[str]:
    """The kind of each of ``n`` files: scans spread evenly at ``scan_share``, the rest in turn."""
    out: list[str] = []
    others = 0
    for i in range(n):
        if int((i + 1) * scan_share) > int(i * scan_share):
            out.append("scan")
        else:
            out.append(KINDS[others % 4])
            others += 1
    return out


def build_corpus(
    folder: Path, n: int, *, scan_share: float, seed: int, pdf_pool: int, scan_pool: int
) -> list[Path]:
    """Write (or reuse) ``n`` files ``NNNNN_kind.ext`` in ``folder``; the files, in order."""
    manifest = folder / "manifest.json"
    if manifest.exists():
        names = json.loads(manifest.read_text())
        if all((folder / name).exists() for name in names):
            return [folder / name for name in names]
    from gongkai.report_format.render import render_docx, render_markdown
    from gongkai.report_format.render.text import render_cells, render_tsv
    from gongkai.report_format.sample import random_report
    from tests.report_format.corpus import docx_to_pdf, gov_page, plain_table_style, scan_pdf

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    kinds = kinds_for(n, scan_share)
    pool_dir = folder / "pool"
    pool_dir.mkdir(exist_ok=True)
    pdfs = sorted(pool_dir.glob("p*.pdf"))
    wanted = max(1, min(pdf_pool, sum(k in ("pdf", "scan") for k in kinds)))
    if len(pdfs) < wanted:
        docs = []
        for j in range(wanted):
            docx = render_docx(random_report(rng, body=rng.choice(BODIES)))
            path = pool_dir / f"p{j:04d}.docx"
            path.write_bytes(plain_table_style(docx) if j % 2 else docx)
            docs.append(path)
        pdfs = docx_to_pdf(docs, pool_dir)
        for path in docs:
            path.unlink()
    scans = sorted(pool_dir.glob("s*.pdf"))
    if "scan" in kinds and not scans:
        scan_rng = random.Random(f"{seed}-scan")
        for j, pdf in enumerate(pdfs[: max(1, scan_pool)]):
            path = pool_dir / f"s{j:04d}.pdf"
            path.write_bytes(scan_pdf(pdf.read_bytes(), 150, scan_rng))
            scans.append(path)
    layouts = (render_tsv, render_cells, render_markdown)
    names = []
    used = {"pdf": 0, "scan": 0}
    for i, kind in enumerate(kinds):
        path = folder / f"{i:05d}_{kind}{SUFFIX[kind]}"
        names.append(path.name)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        if kind in ("pdf", "scan"):
            pool = pdfs if kind == "pdf" else scans
            os.link(pool[used[kind] % len(pool)], path)
            used[kind] += 1
            continue
        report = random_report(rng, body=rng.choice(BODIES))
        if kind == "txt":
            path.write_text(layouts[i % 3](report), encoding="utf-8")
        elif kind == "html":
            path.write_bytes(gov_page(report, rng))
        else:
            docx = render_docx(report)
            path.write_bytes(plain_table_style(docx) if i % 2 else docx)
    manifest.write_text(json.dumps(names))
    return [folder / name for name in names]


def kind_of(name: str) -> str:
    return name.split("_", 1)[1].split(".")[0]


# ---------------------------------------------------------------- process trees from /proc


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd on (state, ppid, ...)


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            kids.setdefault(int(fields[1]), []).append(int(entry.name))
    return kids


def tree(pid: int, kids: dict[int, list[int]]) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def _pss_kb(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


@dataclass
class TreeSample:
    rss_mb: float  # the sum over the tree: shared pages counted in every process
    pss_mb: float  # shared pages split between the processes that share them
    main_rss_mb: float  # the worker process alone
    cpu_s: float  # CPU of the live processes and of those they reaped
    processes: int


def sample_tree(pid: int, kids: dict[int, list[int]]) -> TreeSample:
    rss = pss = cpu = 0.0
    main = 0.0
    pids = tree(pid, kids)
    for p in pids:
        fields = _stat(p)
        if fields is None:
            continue
        cpu += sum(int(x) for x in fields[11:15]) / CLK_TCK  # utime stime cutime cstime
        page_rss = int(fields[21]) * PAGE_KB / 1024
        rss += page_rss
        pss += _pss_kb(p) / 1024
        if p == pid:
            main = page_rss
    return TreeSample(rss, pss, main, cpu, len(pids))


# ---------------------------------------------------------------- the database, broker and workers


def _sql(dsn: str, query: str, *params: object) -> list[tuple]:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        cursor = conn.execute(query, params)  # type: ignore[arg-type]
        return list(cursor.fetchall()) if cursor.description else []


DSN = ADMIN_DSN.replace("dbname=postgres", f"dbname={DB}")


def fresh_database() -> None:
    _sql(ADMIN_DSN, f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
    _sql(ADMIN_DSN, f'CREATE DATABASE "{DB}"')


def drop_database() -> None:
    _sql(ADMIN_DSN, f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')


def environment(data: Path, broker: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "REDIS_", "DATABASE_", "DEBUG"))
    }
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DB}",
        GONGKAI_DATA_DIR=str(data),
        GONGKAI_ADMIN_PASSWORD=PASSWORD,
        GONGKAI_IMPORT_WORKERS="1",  # one sandbox reader a worker: W workers on W cores
        GONGKAI_WORKER_CONCURRENCY="1",
        LOG_LEVEL="INFO",
    )
    if broker == "redis":
        env["CELERY_BROKER_URL"] = REDIS_URL
    return env


class Workers:
    def __init__(self, env: dict[str, str], logs: Path, count: int) -> None:
        self.logs = logs
        self.processes: list[subprocess.Popen[bytes]] = []
        program = str(Path(sys.executable).with_name("gongkai"))
        for i in range(count):
            log = (logs / f"worker{i}.log").open("wb")
            self.processes.append(
                subprocess.Popen(
                    [program, "worker", "--concurrency", "1"],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def wait_ready(self, seconds: float = 180) -> None:
        deadline = time.monotonic() + seconds
        for i, process in enumerate(self.processes):
            while " ready." not in (self.logs / f"worker{i}.log").read_text(errors="replace"):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"worker {i} did not start: see {self.logs / f'worker{i}.log'}")
                time.sleep(0.25)

    def stop(self) -> None:
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # a reader left behind in the worker's group

    def task_lines(self, word: str) -> int:
        pattern = re.compile(rf"Task reports\.import_batch_file\[[^\]]+\] {word}")
        return sum(
            len(pattern.findall((self.logs / f"worker{i}.log").read_text(errors="replace")))
            for i in range(len(self.processes))
        )


@dataclass
class Sampler:
    workers: list[int]
    total: int
    samples: list[tuple[float, int, list[TreeSample]]] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def done(self) -> int:
        """Files imported or failed, from the batches' counts (what the batch page shows; a cheap query)."""
        return int(
            _sql(DSN, "SELECT coalesce(sum(imported_count + failed_count), 0) FROM reports_importbatch")[0][0]
        )

    def run(self, start: float) -> None:
        finished = 0
        while not self.stop.is_set():
            kids = _children()
            trees = [sample_tree(pid, kids) for pid in self.workers]
            finished = self.done()
            self.samples.append((time.perf_counter() - start, finished, trees))
            self.loads.append(os.getloadavg()[0])
            if finished >= self.total:
                return
            self.stop.wait(SAMPLE_SECONDS)

    def at(self, share: float) -> list[TreeSample]:
        for _, finished, trees in self.samples:
            if finished >= share * self.total:
                return trees
        return self.samples[-1][2]

    def over_the_batch(self, measure: str) -> dict[str, list[int]]:
        """A measure of each worker's tree when 25, 50, 75 and 100% of the files were done."""
        return {
            f"{int(share * 100)}%": [round(getattr(t, measure)) for t in self.at(share)]
            for share in (0.25, 0.5, 0.75, 1.0)
        }


# ---------------------------------------------------------------- one run


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    import gongkai.queue.app  # noqa: F401  (the tasks' app and broker)


def prepare(env: dict[str, str], files: list[Path]) -> None:
    """Migrate, the admin and the root body (as an installation starts), the bodies the reports name."""
    subprocess.run(
        [str(Path(sys.executable).with_name("gongkai")), "start", "--no-serve"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=600,
    )
    from gongkai.bodies.actions.members import create_body
    from gongkai.bodies.models import Body

    root = Body.objects.get(parent=None)
    for name in BODIES:
        create_body(actor=None, name=name, level=Body.Level.OTHER, parent=root)


def queue_batches(files: list[Path]) -> list[int]:
    """The files in batches the batch page accepts (at most MAX_ENTRIES files and MAX_TOTAL_BYTES)."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.bodies.models import Body
    from gongkai.report_imports.actions.batches import MAX_ENTRIES, MAX_TOTAL_BYTES, create_batch

    admin = get_user_model().objects.get(username="admin")
    root = Body.objects.get(parent=None)
    batches: list[int] = []
    chunk: list[SimpleUploadedFile] = []
    size = 0
    for path in [*files, None]:
        data = path.read_bytes() if path else b""
        if chunk and (path is None or len(chunk) == MAX_ENTRIES or size + len(data) > MAX_TOTAL_BYTES):
            batches.append(create_batch(actor=admin, body=root, uploads=chunk).pk)
            chunk, size = [], 0
        if path is not None:
            chunk.append(SimpleUploadedFile(path.name, data))
            size += len(data)
    return batches


def redis_commands() -> int:
    import redis

    return int(redis.Redis.from_url(REDIS_URL).info("stats")["total_commands_processed"])


def pg_stats() -> dict[str, float]:
    row = _sql(
        ADMIN_DSN,
        "SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, "
        "tup_deleted, sessions, active_time FROM pg_stat_database WHERE datname = %s",
        DB,
    )[0]
    keys = (
        "commits",
        "rollbacks",
        "returned",
        "fetched",
        "inserted",
        "updated",
        "deleted",
        "sessions",
        "active_ms",
    )
    return {k: float(v or 0) for k, v in zip(keys, row, strict=True)}


def one_run(files: list[Path], workers: int, broker: str, work: Path) -> dict[str, Any]:
    from django.db import connections

    from gongkai.report_imports.tasks.batches import enqueue_batch

    if broker == "redis":
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    logs = work / f"logs-w{workers}"
    logs.mkdir(parents=True, exist_ok=True)
    env = environment(work / "data", broker)
    pool = Workers(env, logs, workers)
    try:
        pool.wait_ready()
        t = time.perf_counter()
        batch_ids = queue_batches(files)
        create_s = time.perf_counter() - t
        connections.close_all()
        sampler = Sampler([p.pid for p in pool.processes], len(files))
        pg0 = pg_stats()
        redis0 = redis_commands() if broker == "redis" else 0
        start = time.perf_counter()
        thread = threading.Thread(target=sampler.run, args=(start,), daemon=True)
        for batch in batch_ids:
            enqueue_batch(batch)
        thread.start()
        while thread.is_alive():
            thread.join(5)
            finished = sampler.samples[-1][1] if sampler.samples else 0
            print(
                f"  {time.perf_counter() - start:7.0f} s  {finished}/{len(files)} load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
        while _sql(DSN, "SELECT count(*) FROM reports_importbatch WHERE status NOT IN ('done', 'partial')")[
            0
        ][0]:
            time.sleep(0.2)  # the last worker's recount
        wall = time.perf_counter() - start
        final = [sample_tree(p.pid, _children()) for p in pool.processes]
        pg1 = pg_stats()
        redis1 = redis_commands() if broker == "redis" else 0
    finally:
        pool.stop()
    time.sleep(1)
    return {
        "workers": workers,
        "wall": wall,
        "create_s": create_s,
        "batches": len(batch_ids),
        "sampler": sampler,
        "final": final,
        "pg": {k: pg1[k] - pg0[k] for k in pg0},
        "redis_commands": redis1 - redis0,
        "received": pool.task_lines("received"),
        "succeeded": pool.task_lines("succeeded"),
        "rows": _sql(
            DSN,
            "SELECT f.name, f.status, f.message, f.report_id, "
            "extract(epoch FROM r.created_at - f.claimed_at) FROM reports_importbatchfile f "
            "LEFT JOIN reports_importedreport r ON r.id = f.report_id ORDER BY f.position",
        ),
        "reports": _sql(DSN, "SELECT count(*) FROM reports_importedreport")[0][0],
    }


# ---------------------------------------------------------------- measures outside the queue


def _cpu_now() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def reading_cpu(files: list[Path], per_kind: dict[str, int]) -> dict[str, float]:
    """CPU seconds a file of each kind takes to read and check in this process (the sandbox's work)."""
    from gongkai.report_format import analyse, read_bytes

    out = {}
    for kind in KINDS:
        chosen = [p for p in files if kind_of(p.name) == kind][: per_kind[kind]]
        if not chosen:
            continue
        start = _cpu_now()
        for path in chosen:
            analyse(read_bytes(path.read_bytes(), path.name))
        out[kind] = (_cpu_now() - start) / len(chosen)
    return out


def queries_per_kind(files: list[Path]) -> dict[str, int]:
    """SQL queries of importing one file of each kind (``import_file``, as a task runs it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.report_imports.models.batches import ImportBatchFile
    from gongkai.report_imports.tasks.batches import import_file

    one = {kind_of(p.name): p for p in reversed(files)}
    batch = queue_batches(list(one.values()))[0]
    out = {}
    for item in ImportBatchFile.objects.filter(batch_id=batch):
        with CaptureQueriesContext(connection) as queries:
            import_file(item.pk)
        out[kind_of(item.name)] = len(queries)
    return out


# ---------------------------------------------------------------- the report


def summary(run: dict[str, Any], files: list[Path]) -> dict[str, Any]:
    n = len(files)
    rows = run["rows"]
    sampler: Sampler = run["sampler"]
    failed = [(name, message) for name, status, message, _, _ in rows if status != "imported"]
    reports = [report for _, status, _, report, _ in rows if status == "imported"]
    per_kind: dict[str, list[float]] = {}
    for name, status, _, _, seconds in rows:
        if status == "imported" and seconds is not None:
            per_kind.setdefault(kind_of(name), []).append(float(seconds))
    peaks = [
        (max(s[2][i].rss_mb for s in sampler.samples), max(s[2][i].pss_mb for s in sampler.samples))
        for i in range(run["workers"])
    ]
    cpu = sum(t.cpu_s for t in run["final"])
    return {
        "workers": run["workers"],
        "files": n,
        "wall_s": round(run["wall"], 1),
        "files_per_s": round(n / run["wall"], 2),
        "create_batch_s": round(run["create_s"], 1),
        "batches": run["batches"],
        "worker_cpu_s_per_file": round(cpu / n, 4),
        "seconds_in_worker_by_kind": {k: round(statistics.mean(v), 3) for k, v in sorted(per_kind.items())},
        "peak_rss_mb_per_worker": [round(r) for r, _ in peaks],
        "peak_pss_mb_per_worker": [round(p) for _, p in peaks],
        "rss_mb_at": sampler.over_the_batch("rss_mb"),
        "pss_mb_at": sampler.over_the_batch("pss_mb"),
        "worker_process_rss_mb_at": sampler.over_the_batch("main_rss_mb"),
        "failed": len(failed),
        "failures": failed[:10],
        "read_once": {
            "reports": run["reports"],
            "imported_files": len(reports),
            "distinct_reports": len(set(reports)),
            "tasks_received": run["received"],
            "tasks_succeeded": run["succeeded"],
        },
        "postgres_per_file": {k: round(v / n, 2) for k, v in run["pg"].items()},
        "sampler_polls": len(sampler.samples),
        "redis_commands_per_file": round(run["redis_commands"] / n, 1) if run["redis_commands"] else None,
        "load_1min": [
            round(min(sampler.loads), 1),
            round(statistics.median(sampler.loads), 1),
            round(max(sampler.loads), 1),
        ],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--broker", choices=("redis", "embedded"), default="redis")
    ap.add_argument("--scan-share", type=float, default=0.05)
    ap.add_argument("--pdf-pool", type=int, default=60, help="distinct text-layer PDFs")
    ap.add_argument("--scan-pool", type=int, default=10, help="distinct scans")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/gk-bench-queue"))
    ap.add_argument("--keep", action="store_true", help="keep (and reuse) the corpus; keep the database")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    tag = f"n{args.files}-s{args.scan_share}-seed{args.seed}"
    t = time.perf_counter()
    corpus = args.dir / f"corpus-{tag}"
    files = build_corpus(
        corpus,
        args.files,
        scan_share=args.scan_share,
        seed=args.seed,
        pdf_pool=args.pdf_pool,
        scan_pool=args.scan_pool,
    )
    counts = {k: sum(kind_of(p.name) == k for p in files) for k in KINDS}
    print(f"corpus: {counts} ({time.perf_counter() - t:.0f} s)", flush=True)
    work = args.dir / f"work-{tag}-{args.broker}"
    fresh_database()
    env = environment(work / "data", args.broker)
    django_setup(env)
    reading = reading_cpu(files, {"txt": 30, "html": 30, "docx": 30, "pdf": 10, "scan": 2})
    print("reading CPU s a file:", {k: round(v, 4) for k, v in reading.items()}, flush=True)
    results = []
    try:
        for workers in args.workers:
            from django.db import connections

            connections.close_all()
            fresh_database()
            shutil.rmtree(work / "data", ignore_errors=True)
            prepare(env, files)
            print(f"{workers} worker(s): queue {len(files)} files", flush=True)
            results.append(summary(one_run(files, workers, args.broker, work), files))
            print(json.dumps(results[-1], ensure_ascii=False, indent=1), flush=True)
        queries = queries_per_kind(files)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database()
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.rmtree(work, ignore_errors=True)
    out = {
        "machine": f"{_cpu()}, {os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "broker": args.broker,
        "corpus": counts,
        "reading_cpu_s_per_file": {k: round(v, 4) for k, v in reading.items()},
        "queries_per_file_by_kind": queries,
        "runs": results,
    }
    if len(results) == 2:
        out["scaling"] = round(results[1]["files_per_s"] / results[0]["files_per_s"], 2)
    print(json.dumps({k: v for k, v in out.items() if k != "runs"}, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
