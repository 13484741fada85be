"""Reading an uploaded file in a worker process, under a time and a memory limit.

The web process must survive whatever is uploaded: a PDF that sends a parser into a loop, a
300-page scan, a file built to exhaust memory. ``read_isolated`` hands the bytes to a long-lived
pool of worker processes (started by a fork server, so no thread of the web process is copied),
each limited like the command-line batch's workers (``batch.Limits``: ``SIGALRM`` for Python
code, ``faulthandler`` ending a worker stuck in C code, ``RLIMIT_AS`` for memory). A worker that
dies or overruns takes only its own file down: the pool is replaced and the caller gets a
``ReportReadError`` naming the limit. Imports no Django.

The pool ends with the process that started it (the server), however that ends — a clean stop,
SIGTERM, ``kill -9``: the fork server watches the server's pid (a pidfd on Linux, else a poll) and
leaves when it is gone; its workers ask the kernel for SIGKILL when it dies
(``prctl(PR_SET_PDEATHSIG)``). Once they are gone the resource tracker reads the end of its pipe
and leaves too.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
import weakref
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .batch import LIMIT_ERRORS, Limits, failure_message, init_worker, limit_message
from .errors import ReportReadError
from .model import Report
from .read import analyse, read_bytes

TASKS_PER_WORKER = 50
# How long the caller waits beyond the worker's own alarm before it ends the worker itself.
_GRACE_SECONDS = 15.0
# The pid of the process whose pool this is, handed to the fork server through its environment.
SERVER_PID_VARIABLE = "GONGKAI_SANDBOX_SERVER_PID"
FORK_SERVER_PID_VARIABLE = "GONGKAI_SANDBOX_FORK_SERVER_PID"
_PR_SET_PDEATHSIG = 1
_WATCH_STACK = 256 * 1024


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(pid: int) -> None:
    """Block until process ``pid`` ends, then end this process at once."""
    fd = None
    with contextlib.suppress(AttributeError, OSError):
        fd = os.pidfd_open(pid)  # Linux ≥ 5.3: readable when the process ends
    if fd is not None:
        select.select([fd], [], [])
    else:
        while _alive(pid):
            time.sleep(1.0)
    os._exit(0)


def _exit_with(server: int) -> None:
    """In a worker: end when the fork server (its parent) dies, which itself ends with the server.

    On Linux the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``); no thread is
    started here: a thread's stack and malloc arena would count against the worker's address-space
    limit. Elsewhere a thread watches the server."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            # The parent may have died before the call: then it is no longer our parent.
            fork_server = os.environ.get(FORK_SERVER_PID_VARIABLE, "")
            if fork_server.isdigit() and os.getppid() != int(fork_server):
                os._exit(0)
            if not _alive(server):
                os._exit(0)
            return
    previous = threading.stack_size(_WATCH_STACK)
    try:
        threading.Thread(target=_watch, args=(server,), daemon=True, name="gongkai-server-watch").start()
    finally:
        threading.stack_size(previous)


def _guard_fork_server() -> None:
    """In the fork server (this module is one of its preloads): leave with the server that started it."""
    server = os.environ.get(SERVER_PID_VARIABLE, "")
    if server.isdigit() and int(server) == os.getppid() and int(server) != os.getpid():
        # The fork server's parent is a thread of the server that may end before the server does:
        # no PDEATHSIG here (it follows that thread), the watch of the server's pid instead.
        os.environ[FORK_SERVER_PID_VARIABLE] = str(os.getpid())
        threading.Thread(target=_watch, args=(int(server),), daemon=True, name="gongkai-server-watch").start()


def _init_sandbox_worker(limits: Limits, server: int) -> None:
    _exit_with(server)
    init_worker(limits)


def give_back_memory() -> None:
    """Return the heap's free pages to the system (glibc's ``malloc_trim``; nothing elsewhere).

    Reading a scan takes the worker's heap to ~500 MB (OCR's page pictures and tensors); freed, that
    memory stays the process's own, between small objects that outlive the read, until the worker is
    replaced 50 files later. Trimmed after every file, a worker that read a scan holds ~140 MB."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def _read_in_worker(data: bytes, filename: str, seconds: float, memory_mb: int) -> dict[str, Any]:
    """Runs in the worker: the checked report as JSON, or a ReportReadError with the reason."""
    try:
        return _read_limited(data, filename, seconds, memory_mb)
    finally:
        give_back_memory()


def _read_limited(data: bytes, filename: str, seconds: float, memory_mb: int) -> dict[str, Any]:
    try:  # armed and disarmed inside: wherever the alarm goes off, the file is stopped (batch.import_file)
        try:
            if seconds:
                signal.setitimer(signal.ITIMER_REAL, seconds)
            return analyse(read_bytes(data, filename)).to_json()
        finally:
            if seconds:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except LIMIT_ERRORS as e:
        raise _stopped(filename, Limits(seconds, memory_mb), e) from None
    except ReportReadError:
        raise
    except Exception as e:  # a reader's own error (a picture too large, a broken PDF): said in Chinese
        message = failure_message(e, Limits(seconds, memory_mb), "已停止读取")
        raise ReportReadError(f"{filename or '该文件'}：{message}") from None


def _stopped(filename: str, limits: Limits, error: BaseException | None = None) -> ReportReadError:
    """A file stopped by a limit (``error``) or by the death of its worker (None)."""
    return ReportReadError(f"{filename or '该文件'}：{limit_message(error, limits, '已停止读取')}")


class IsolatedReader:
    """A pool of limited worker processes shared by the threads of one process."""

    def __init__(self, limits: Limits | None = None, workers: int = 2) -> None:
        self.limits = limits or Limits()
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        _READERS.add(self)

    def _get_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(
                    ["gongkai.report_format.read", "gongkai.report_format.sandbox"]
                )
                os.environ[SERVER_PID_VARIABLE] = str(os.getpid())
                # The worker's own alarm is armed per file in _read_in_worker; the faulthandler
                # watchdog of batch.import_file is not used: a stuck worker is ended from here.
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=context,
                    initializer=_init_sandbox_worker,
                    initargs=(self.limits, os.getpid()),
                    max_tasks_per_child=TASKS_PER_WORKER,
                )
            return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        """End every worker of a broken or overrun pool; the next call starts a new one."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        for process in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(ProcessLookupError, TypeError):
                os.kill(process.pid, signal.SIGKILL)
        pool.shutdown(wait=False, cancel_futures=True)

    def read(self, data: bytes, filename: str = "") -> Report:
        """Parse and check ``data`` in a worker; raises ReportReadError for bad input or a limit hit."""
        pool = self._get_pool()
        try:
            future = pool.submit(_read_in_worker, data, filename, self.limits.seconds, self.limits.memory_mb)
        except BrokenProcessPool:
            self._discard(pool)
            pool = self._get_pool()
            future = pool.submit(_read_in_worker, data, filename, self.limits.seconds, self.limits.memory_mb)
        try:
            result = future.result(
                timeout=(self.limits.seconds + _GRACE_SECONDS) if self.limits.seconds else None
            )
        except ReportReadError:
            raise
        except (BrokenProcessPool, FutureTimeout):
            self._discard(pool)
            raise _stopped(filename, self.limits) from None
        return Report.from_json(result)

    def close(self) -> None:
        """End the workers (and the pool's threads in this process); the next ``read`` starts anew."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


# Every reader of this process, so that ``close_all`` can end their pools' threads.
_READERS: weakref.WeakSet[IsolatedReader] = weakref.WeakSet()


def close_all() -> None:
    """Close every reader's pool: a pool keeps two threads in this process (its manager and its queue
    feeder), and a process with threads reads a scan's pages one after another (page_pool) — e.g. a
    command that reads in this process after it has used a reader."""
    for reader in list(_READERS):
        reader.close()


_guard_fork_server()
