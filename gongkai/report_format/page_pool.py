"""The pages of a scan read by OCR side by side, each in a process of its own, forked when its turn comes.

``map_pages(count, read)`` returns ``[read(0), …, read(count - 1)]``. ``read(i)`` renders page ``i``,
reads it and returns what was read (boxes, rules: no picture), so no process ever holds more than
the one page picture it is reading. With more than one page worker (``page_workers``), each page is
read in a child forked from the calling process — which has loaded the OCR engine before the first
fork, so every child shares its models copy-on-write and starts at once — at most ``workers`` at a
time; the results come back through a pipe, pickled, and are put in page order. The text, the
order and the confidences are those of reading the pages one after another in the calling process.

Limits, whatever runs this (the upload sandbox, a batch worker, the command line):

- memory: a child inherits its parent's address-space limit (``RLIMIT_AS``); a page that exceeds
  it raises ``MemoryError`` there, and the same error is raised here, so the file fails with the
  same message as before;
- time: the parent's alarm (``SIGALRM``) interrupts the wait; then, as on any error, every child
  still running is killed and reaped before the error goes on;
- a child that dies (killed by the system, a crash in native code) raises ``PageProcessDied``,
  which reads as the death of the reading process (``batch.failure_message``);
- a parent that is killed outright (``kill -9``, the batch's watchdog) takes its children with it:
  each asks the kernel for SIGKILL when its parent dies (``PR_SET_PDEATHSIG``, Linux).

A process that runs threads (a web server reading in a request thread) reads sequentially: a fork
copies only the calling thread, and a lock held by another one would never be released in the child.

Page processes on one machine share its cores: each holds one of ``page_slots()`` slots (default:
the cores; ``GONGKAI_OCR_PAGE_SLOTS``), an exclusive ``flock`` on a slot file, kept by the child and
released by the kernel when it ends, however it ends. A reader starts a page process only with a free
slot, except its first (a reader is never stalled by another one; it would have read the page in
its own process anyway): two scans read at once on two cores run three page processes, not four,
and each holds ~450 MB of the engine's working memory while it reads.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import gc
import os
import pickle
import select
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

WORKERS_VARIABLE = "GONGKAI_OCR_PAGE_WORKERS"  # page processes per file; default: the usable cores
SLOTS_VARIABLE = "GONGKAI_OCR_PAGE_SLOTS"  # page processes at once on this machine; default: the cores
_UNLOCKED = -1
SLOTS_DIR_VARIABLE = "GONGKAI_OCR_SLOTS_DIR"  # where the slot files are; default: under the temp dir
_PR_SET_PDEATHSIG = 1
_CHUNK = 1 << 16
_workers: int | None = None  # set by set_page_workers (a batch worker's share of the cores)


class PageProcessDied(Exception):
    """A page process ended without a result: killed (by the system or a signal) or crashed."""


def set_page_workers(workers: int | None) -> None:
    """Page processes per file in this process from now on (None: the default of ``page_workers``)."""
    global _workers
    _workers = workers


def page_workers() -> int:
    """How many pages of one file are read at once: ``set_page_workers``, else the environment
    variable ``GONGKAI_OCR_PAGE_WORKERS``, else the cores this process may run on."""
    if _workers is not None:
        return max(1, _workers)
    configured = os.environ.get(WORKERS_VARIABLE, "")
    if configured.isdigit():
        return max(1, int(configured))
    return cores()


def page_slots() -> int:
    """How many page processes may run at once on this machine, all readers together."""
    configured = os.environ.get(SLOTS_VARIABLE, "")
    if configured.isdigit():
        return max(1, int(configured))
    return os.cpu_count() or 1


def _take_slot() -> int | None:
    """A descriptor of a slot file this process now holds locked, or None when every slot is held;
    ``_UNLOCKED`` where no slot file can be kept (the limit then does not apply)."""
    folder = os.environ.get(SLOTS_DIR_VARIABLE) or os.path.join(
        tempfile.gettempdir(), f"gongkai-page-slots-{os.getuid()}"
    )
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return _UNLOCKED
    for i in range(page_slots()):
        try:
            fd = os.open(os.path.join(folder, f"{i}.lock"), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return _UNLOCKED
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        return fd
    return None


def cores() -> int:
    with contextlib.suppress(AttributeError, OSError):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Pages may be read in forked children: POSIX fork, and no other thread in this process."""
    return hasattr(os, "fork") and threading.active_count() == 1


def map_pages(
    count: int,
    read: Callable[[int], T],
    *,
    workers: int | None = None,
    before_fork: Callable[[], object] | None = None,
) -> list[T]:
    """``[read(i) for i in range(count)]``, up to ``workers`` pages at once in forked children.

    ``before_fork`` runs once in this process before the first child is forked (to load what the
    children should share: the OCR engine)."""
    workers = page_workers() if workers is None else max(1, workers)
    if workers == 1 or count <= 1 or not can_fork():
        return [read(i) for i in range(count)]
    if before_fork is not None:
        before_fork()
    return _forked(count, read, min(workers, count))


def _forked(count: int, read: Callable[[int], T], workers: int) -> list[T]:
    results: dict[int, T] = {}
    running: dict[int, tuple[int, int, bytearray]] = {}  # read end of the pipe -> (page, pid, bytes)
    following = 0
    try:
        while len(results) < count:
            while following < count and len(running) < workers:
                slot = _take_slot()
                if slot is None and running:
                    break  # the machine's cores are busy: wait for a page of this file
                try:
                    fd, pid = _start(following, read)
                finally:
                    if slot is not None and slot != _UNLOCKED:
                        os.close(slot)  # the child holds the lock through its copy
                running[fd] = (following, pid, bytearray())
                following += 1
            ready, _, _ = select.select(list(running), [], [])
            for fd in ready:
                page, pid, received = running[fd]
                chunk = os.read(fd, _CHUNK)
                if chunk:
                    received += chunk
                    continue
                del running[fd]
                os.close(fd)
                results[page] = _result(pid, bytes(received))
    finally:
        for fd, (_, pid, _) in running.items():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
            os.close(fd)
    return [results[i] for i in range(count)]


def _start(page: int, read: Callable[[int], Any]) -> tuple[int, int]:
    """Fork the child that reads ``page``; the read end of its pipe and its pid."""
    parent = os.getpid()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's cleanup
        code = 1
        try:
            os.close(read_end)
            die_with(parent)
            gc.freeze()  # the parent's objects stay shared: the collector no longer writes to them
            _send(write_end, _outcome(page, read))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return read_end, pid


def die_with(parent: int) -> None:
    """In a page process (or any child): SIGKILL from the kernel when the parent dies; gone already if it has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _outcome(page: int, read: Callable[[int], Any]) -> bytes:
    """The pickled ``(True, result)`` or ``(False, error)``; an error that cannot be pickled is sent
    as a RuntimeError with its words (what ``batch.failure_message`` reads)."""
    try:
        outcome: tuple[bool, Any] = (True, read(page))
    except BaseException as e:
        outcome = (False, e)
    try:
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        error = outcome[1] if not outcome[0] else None
        words = f"{type(error).__name__}: {error}" if error is not None else "result cannot be pickled"
        return pickle.dumps((False, RuntimeError(words)), protocol=pickle.HIGHEST_PROTOCOL)


def _send(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.close(fd)


def _result(pid: int, data: bytes) -> Any:
    """What the child at ``pid`` sent (its pipe is closed: it has finished or died), once reaped."""
    _, status = os.waitpid(pid, 0)
    if not data or os.waitstatus_to_exitcode(status) != 0:
        raise PageProcessDied(f"page process {pid} ended with status {status}")
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value
