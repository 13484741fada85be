"""Benchmark: how soon a queued import starts, and how many small files a worker reads, on the
embedded broker (kombu's SQLAlchemy transport on SQLite) with a real `gongkai worker` process.

Run: .venv/bin/python bench/queue_latency.py [--uploads 10] [--files 30] [--concurrency 2]
A fresh data dir (SQLite database, broker, media) in a temporary folder; one `gongkai worker` child.
Printed: for ``--uploads`` one-file imports sent one by one to an idle worker (a random pause before
each), the seconds from sending to the worker's claim (the row's ``claimed_at``) and to done — the
start latency an upload on the import page sees; then for ``--files`` files queued at once, the wall
time until all are done and files per second. Generated clean text reports (~0.1 s of reading each).
It uses only the batch API, so it runs unchanged on an older checkout (PYTHONPATH=that checkout) for
a before/after comparison.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(data: Path) -> None:
    os.environ["GONGKAI_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uploads", type=int, default=10)
    ap.add_argument("--files", type=int, default=30)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="gk-queue-bench-") as tmp:
        setup(Path(tmp))
        from django.core.files.uploadedfile import SimpleUploadedFile

        import gongkai
        from bench.parse_text import LAYOUTS, _cpu
        from gongkai.bodies.actions import members
        from gongkai.bodies.models import Body, StaffMembership
        from gongkai.report_format.sample import random_report
        from gongkai.report_imports.actions.batches import create_batch
        from gongkai.report_imports.models import ImportBatchFile
        from gongkai.report_imports.tasks.batches import enqueue_batch

        print(f"machine: {_cpu()}, Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}")
        print(f"code: {Path(gongkai.__file__).parent.parent}")
        body = members.create_body(actor=None, name="测试机关", short_name="测试", level=Body.Level.COUNTY)
        user = members.create_staff_user(
            actor=None, body=body, username="bench", password="x" * 12, role=StaffMembership.Role.CLERK
        )
        rng = random.Random(args.seed)

        def text() -> bytes:
            return LAYOUTS[rng.randrange(3)](random_report(rng)).encode()

        log = open(Path(tmp) / "worker.log", "wb")  # noqa: SIM115 (open for the worker's whole life)
        worker = subprocess.Popen(
            [sys.executable, "-m", "gongkai", "worker", f"--concurrency={args.concurrency}"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=os.environ.copy(),
        )
        try:
            # Warm up: the worker is up and its sandbox pool started.
            first = create_batch(actor=user, body=body, uploads=[SimpleUploadedFile("warm.txt", text())])
            enqueue_batch(first.pk)
            wait_done([first.files.get().pk], 120)

            starts, totals = [], []
            for i in range(args.uploads):
                time.sleep(rng.uniform(0.5, 2.5))  # an idle worker, as between two uploads
                batch = create_batch(actor=user, body=body, uploads=[SimpleUploadedFile(f"{i}.txt", text())])
                item = batch.files.get()
                sent = time.perf_counter()
                enqueue_batch(batch.pk)
                started = None
                while True:
                    row = ImportBatchFile.objects.filter(pk=item.pk).values("status", "claimed_at").get()
                    if started is None and row["claimed_at"] is not None:
                        started = time.perf_counter() - sent
                    if row["status"] not in ("queued", "importing"):
                        break
                    time.sleep(0.005)
                totals.append(time.perf_counter() - sent)
                starts.append(started if started is not None else totals[-1])
            print(
                f"{args.uploads} single uploads to an idle worker: start after "
                f"median {statistics.median(starts):.2f} s, max {max(starts):.2f} s; "
                f"done after median {statistics.median(totals):.2f} s, max {max(totals):.2f} s"
            )

            uploads = [SimpleUploadedFile(f"{i:03d}.txt", text()) for i in range(args.files)]
            batch = create_batch(actor=user, body=body, uploads=uploads)
            ids = list(batch.files.values_list("pk", flat=True))
            wall = time.perf_counter()
            enqueue_batch(batch.pk)
            wait_done(ids, 600)
            wall = time.perf_counter() - wall
            print(
                f"{args.files} files queued at once, concurrency {args.concurrency}: "
                f"{wall:.1f} s wall, {args.files / wall:.1f} files/s"
            )
        finally:
            worker.terminate()
            worker.wait(30)
            log.close()


def wait_done(ids: list[int], seconds: float) -> None:
    from gongkai.report_imports.models import ImportBatchFile

    deadline = time.monotonic() + seconds
    while ImportBatchFile.objects.filter(pk__in=ids, status__in=("queued", "importing")).exists():
        if time.monotonic() > deadline:
            raise SystemExit("the worker did not finish in time")
        time.sleep(0.01)


if __name__ == "__main__":
    sys.path.append(str(ROOT))  # after PYTHONPATH: an older checkout given there is the one measured
    main()
