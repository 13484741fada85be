"""`gongkai worker [--beat] [--concurrency N]`: a Celery worker of the platform (``gongkai start`` runs
one with the beat scheduler inside; production runs several, exactly one of them with ``--beat``)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import select
import signal
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

STOP_GRACE_SECONDS = 5


def _end_with(pid: int) -> None:
    """Cold-stop this worker when process ``pid`` (the server that started it) ends, however it ends.

    A cold stop ends the worker's processes at once and gives their unacknowledged tasks back."""

    def watch() -> None:
        fd = None
        with contextlib.suppress(AttributeError, OSError):
            fd = os.pidfd_open(pid)  # Linux ≥ 5.3: readable when the process ends
        if fd is not None:
            select.select([fd], [], [])
        else:
            while os.getppid() == pid:
                time.sleep(1.0)
        # The rest of the worker's process group first (its embedded beat process, which outlived a
        # worker whose own cold stop was quick, and the sandbox's readers: tasks are acknowledged late,
        # so nothing of theirs is lost), then a cold stop of the worker itself.
        if os.getpgid(0) == os.getpid():
            _kill_rest_of_group()
        os.kill(os.getpid(), signal.SIGQUIT)
        # A cold stop can hang on the embedded beat process: then its whole process group ends.
        time.sleep(STOP_GRACE_SECONDS)
        if os.getpgid(0) == os.getpid():
            os.killpg(os.getpid(), signal.SIGKILL)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="gongkai-end-with-server", daemon=True).start()


def _kill_rest_of_group() -> None:
    """SIGKILL to every other process of this process's group."""
    group, me = os.getpgid(0), os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        with contextlib.suppress(OSError):
            if os.getpgid(int(entry)) == group:
                os.kill(int(entry), signal.SIGKILL)


class Command(BaseCommand):
    # The system checks load the URL conf, and with it every view and the libraries they import (~40 MB a
    # worker); the web process (`gongkai start`, gunicorn) runs them. Celery's own run is skipped below.
    requires_system_checks: tuple[str, ...] = ()
    help = "启动后台任务进程（批量导入、提醒、定时发布、汇总索引等）；--beat 同时运行定时任务调度。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--beat", action="store_true", help="同时运行定时任务调度（全部进程中只应有一个）"
        )
        parser.add_argument(
            "--concurrency",
            type=int,
            default=settings.GONGKAI_WORKER_CONCURRENCY,
            help="同时处理的任务数（默认 %(default)s，即 GONGKAI_WORKER_CONCURRENCY）",
        )
        parser.add_argument("--exit-with", type=int, help=argparse.SUPPRESS)  # `gongkai start` passes its pid

    def handle(self, *args: Any, beat: bool, concurrency: int, exit_with: int | None, **options: Any) -> None:
        from gongkai.queue.app import EMBEDDED_BEAT_VARIABLE, app
        from gongkai.queue.embedded import prepare
        from gongkai.report_imports.tasks.batches import requeue_abandoned

        if exit_with:
            _end_with(exit_with)
        try:
            prepare()
            requeue_abandoned()  # what a stopped installation left half done goes back to the queue
        except Exception:  # the broker is not up yet: the worker waits for it, beat requeues later
            logging.getLogger(__name__).exception("启动时未能检查任务队列")
        os.environ.setdefault("CELERY_SKIP_CHECKS", "1")
        argv = [
            "worker",
            f"--hostname=gongkai-{os.getpid()}@%h",
            # Threads: a task waits on the database or on the sandbox, whose own limited processes
            # (GONGKAI_IMPORT_WORKERS) read the files; a process pool's children may not start them.
            "--pool=threads",
            f"--concurrency={max(1, concurrency)}",
            f"--loglevel={os.getenv('LOG_LEVEL', 'WARNING')}",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
        ]
        if beat:
            os.environ[EMBEDDED_BEAT_VARIABLE] = str(os.getpid())  # its beat process ends with this one
            argv += ["--beat", f"--schedule={settings.DATA_DIR / 'celerybeat-schedule'}"]
        app.worker_main(argv)
