"""Importing many report files at once: parallel, limited per file, resumable.

Each file is read in a worker process (``ProcessPoolExecutor``; the workers are forked once from a
fork server that has the readers imported, and live for the whole batch) under a time limit (``SIGALRM``, with ``faulthandler`` ending a worker stuck in C code)
and an address-space limit (``RLIMIT_AS``), so that a zip bomb, a 2,000-page PDF or a parser loop
is reported as that file's failure and the batch goes on. Results are appended to a JSON-lines
journal as they come in and read back one line at a time (``iter_journal``: memory does not grow
with the batch); a later run with ``resume`` skips the files already in it (same path, size and
modification time).
"""

from __future__ import annotations

import faulthandler
import functools
import json
import multiprocessing
import os
import resource
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .errors import ReportReadError
from .page_pool import PageProcessDied, cores, set_page_workers
from .read import analyse, read_path

SUFFIXES = frozenset({".txt", ".md", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm"})
# Defaults that read a scan. Measured on a 3-page report scanned at 300 dpi: OCR takes ~30 s of one
# core (more with two workers on two cores) and reserves ~1.8 GB of address space (1 GB resident):
# under the former 30 s / 1024 MB every scanned page failed (std::bad_alloc, or the alarm).
TIME_LIMIT = 300.0
MEMORY_LIMIT_MB = 3072
# What a worker reading a scan holds in memory (resident), to decide how many can run side by side.
WORKER_RESIDENT_MB = 1200
_MB = 1024 * 1024

Record = dict[str, Any]
# The format of a file by its name, as report.source["format"] names it, for files that fail.
_FORMATS = {".txt": "text", ".md": "text", ".htm": "html", ".html": "html", ".wps": "doc", ".doc": "doc"}


@dataclass(frozen=True)
class Limits:
    seconds: float = TIME_LIMIT
    memory_mb: int = MEMORY_LIMIT_MB


def affordable_workers(requested: int) -> int:
    """``requested`` workers, fewer when the memory available now cannot hold that many readers of
    a scan (``WORKER_RESIDENT_MB`` each); at least one."""
    available = _available_mb()
    if available is None:
        return max(1, requested)
    return max(1, min(requested, available // WORKER_RESIDENT_MB))


def _available_mb() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """The report files named, and those under the folders named (recursively), in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            found.append(p)
    seen: set[Path] = set()
    return [f for f in found if not (f.resolve() in seen or seen.add(f.resolve()))]  # type: ignore[func-returns-value]


def file_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path.resolve()), st.st_size, st.st_mtime_ns


def journal_keys(journal: Path) -> set[tuple[str, int, int]]:
    """The (path, size, mtime) of every file already in the journal."""
    return {(r["path"], r["size"], r["mtime_ns"]) for r in iter_journal(journal)}


def iter_journal(journal: Path) -> Iterator[Record]:
    """The journal's records one at a time, as they were written: a batch of 10,000 files is read
    back without holding its reports in memory."""
    if not journal.exists():
        return
    with journal.open(encoding="utf-8") as f:
        for line in f:
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut off when an earlier run was stopped


def read_journal(journal: Path) -> list[Record]:
    """Every record of the journal at once (a small batch, a test); ``iter_journal`` otherwise."""
    return list(iter_journal(journal))


def _format(p: Path) -> str:
    suffix = p.suffix.lower()
    return _FORMATS.get(suffix, suffix.lstrip(".") or "text")


# ------------------------------------------------------------------ one file, in a worker


class _TimeUp(BaseException):
    """The file's time is up. A BaseException, so that no reader's ``except Exception`` (a fallback
    parser, an optional second opinion) takes it for a bad file and goes on reading."""


def _alarm(signum: int, frame: object) -> None:
    raise _TimeUp


# What reading a file raises when it runs into a limit (the alarm of ``init_worker``, RLIMIT_AS,
# Python's recursion limit on a file nested too deep).
LIMIT_ERRORS: tuple[type[BaseException], ...] = (_TimeUp, MemoryError, RecursionError)


def limit_message(error: BaseException | None, limits: Limits, outcome: str) -> str:
    """Why a file was stopped, in the words of both readers (this batch, and the upload sandbox):
    ``error`` is one of ``LIMIT_ERRORS``, or None when the worker died (ended by the watchdog or by the
    system); ``outcome`` says what became of the file (已跳过, 已停止读取)."""
    if isinstance(error, _TimeUp):
        return f"处理超时（超过 {limits.seconds:g} 秒），{outcome}。"
    if isinstance(error, MemoryError):
        return f"读取时内存超过 {limits.memory_mb} MB，可能是压缩炸弹或超大文件，{outcome}。"
    if isinstance(error, RecursionError):
        return f"文件结构嵌套过深，无法解析，{outcome}。"
    causes = [f"超过 {limits.seconds:g} 秒未完成"] if limits.seconds else []
    causes += [f"内存超过 {limits.memory_mb} MB"] if limits.memory_mb else []
    why = f"（{'，或'.join(causes)}）" if causes else ""
    return f"读取进程异常退出{why}，{outcome}。请检查文件是否损坏。"


def is_out_of_memory(error: BaseException) -> bool:
    """A MemoryError, or what a C++ library (the OCR engine, OpenCV, the PDF library) raises instead when
    the address-space limit stops an allocation (``std::bad_alloc``), or an extension module that
    could not be mapped into memory."""
    if isinstance(error, MemoryError):
        return True
    text = str(error)
    return any(
        words in text
        for words in ("bad_alloc", "Cannot allocate memory", "failed to map segment", "Insufficient memory")
    )


def failure_message(error: BaseException, limits: Limits, outcome: str) -> str:
    """Why reading a file failed, for an error no reader turned into a ReportReadError: a Chinese
    sentence, never an exception's class name or traceback."""
    if isinstance(error, LIMIT_ERRORS):
        return limit_message(error, limits, outcome)
    if (limit := _limit_behind(error)) is not None:
        return limit_message(limit, limits, outcome)
    if is_out_of_memory(error):
        return limit_message(MemoryError(), limits, outcome)
    if isinstance(error, PageProcessDied):  # a process reading one page of a scan: as if this one died
        return limit_message(None, limits, outcome)
    name = type(error).__name__
    if name == "DecompressionBombError" or name == "DecompressionBombWarning":
        return f"图片过大（超过约 1.8 亿像素），不像是一份年度报告的扫描页，{outcome}。"
    if name == "PdfiumError":
        return f"PDF 文件结构损坏（例如页面目录指向自身），无法读取，{outcome}。"
    if isinstance(error, UnicodeError):
        return f"文件的文字编码无法识别，{outcome}。"
    return f"文件无法解析，可能已损坏或不是受支持的格式，{outcome}。"


def _limit_behind(error: BaseException) -> BaseException | None:
    """The limit hidden in a ``ctypes.ArgumentError``: ctypes turns an exception raised while it
    converts an argument (the alarm going off in pypdfium2's ``_as_parameter_``) into one that
    keeps only the name ("argument 1: _TimeUp: ")."""
    if type(error).__name__ != "ArgumentError":
        return None
    named = str(error).split(": ")[1:2]
    return next((kind() for kind in LIMIT_ERRORS if named == [kind.__name__]), None)


def init_worker(limits: Limits, page_workers: int | None = None) -> None:
    """Put a process under the limits: its address space capped at ``limits.memory_mb`` (0: no cap)
    and SIGALRM raising one of ``LIMIT_ERRORS``. The initializer of every reading worker (this
    batch's and the upload sandbox's); the alarm itself is armed per file by the caller. The pages
    of a scan are read ``page_workers`` at a time (None: one per core; ``page_pool``), each page
    process under the same limits."""
    set_page_workers(page_workers)
    if limits.memory_mb:
        size = limits.memory_mb * _MB
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > size:
            resource.setrlimit(resource.RLIMIT_AS, (size, hard))
    signal.signal(signal.SIGALRM, _alarm)


@functools.cache
def _devnull() -> TextIO:
    return open(os.devnull, "w")  # kept open for the life of the worker


def import_file(path: str, limits: Limits = Limits()) -> Record:
    """Read, check and describe one file; failures are part of the record, never raised."""
    p = Path(path)
    record: Record = {"file": path, "ok": False, "worker": os.getpid()}
    try:
        record["path"], record["size"], record["mtime_ns"] = file_key(p)
    except OSError as e:
        record.update(path=str(p.resolve()), size=-1, mtime_ns=-1, error=f"无法读取文件：{e.strerror}")
        return record
    record["format"] = _format(p)
    start = time.perf_counter()
    # The alarm is armed and disarmed inside the outer try: wherever it goes off (even while being
    # armed or disarmed, with a limit of a millisecond on a busy machine), the file is skipped.
    try:
        try:
            if limits.seconds:
                # Python code is interrupted by the alarm; code stuck in C is ended with its worker.
                # Its dump goes nowhere: the file's record says why it stopped, in Chinese.
                faulthandler.dump_traceback_later(limits.seconds + 10, exit=True, file=_devnull())
                signal.setitimer(signal.ITIMER_REAL, limits.seconds)
            report = analyse(read_path(p))
        finally:
            if limits.seconds:
                signal.setitimer(signal.ITIMER_REAL, 0)
                faulthandler.cancel_dump_traceback_later()
        record.update(ok=True, report=report.to_json())
        record["format"] = report.source.get("format", record["format"])
        record["findings"] = dict(Counter(f.code for f in report.findings))
    except ReportReadError as e:
        record["error"] = e.message
    except LIMIT_ERRORS as e:
        record["error"] = limit_message(e, limits, "已跳过")
    except Exception as e:  # a parser bug must not stop the batch; it is reported with the file
        record["error"] = failure_message(e, limits, "已跳过")
    record["seconds"] = round(time.perf_counter() - start, 4)
    return record


# ------------------------------------------------------------------ the batch


@dataclass
class Summary:
    total: int = 0
    skipped: int = 0
    formats: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, record: Record) -> None:
        self.total += 1
        self.formats[record.get("format", "?")] += 1
        if record.get("ok"):
            self.findings.update(record.get("findings") or {})
        else:
            self.failures.append((record["file"], record.get("error", "")))


def run_batch(
    files: list[Path],
    journal: Path,
    *,
    workers: int = 1,
    limits: Limits = Limits(),
    resume: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Import the files, appending one JSON line per file to the journal as each one finishes."""
    summary = Summary()
    start = time.perf_counter()
    workers = affordable_workers(workers)
    done = journal_keys(journal) if resume else set()
    todo = []
    for f in files:
        try:
            key = file_key(f)
        except OSError:
            key = None
        if key in done:
            summary.skipped += 1
        else:
            todo.append(f)
    if progress and summary.skipped:
        progress(summary.skipped)
    journal.parent.mkdir(parents=True, exist_ok=True)
    with journal.open("a" if resume else "w", encoding="utf-8") as out:
        for record in _results(todo, workers, limits):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            summary.add(record)
            if progress:
                progress(1)
    summary.seconds = time.perf_counter() - start
    return summary


def _results(files: list[Path], workers: int, limits: Limits) -> Iterator[Record]:
    """Records as files finish; a worker that dies takes only its own file down (retried once alone)."""
    if workers <= 1:
        init_worker(Limits(limits.seconds, 0))  # no address-space limit on the caller's own process
        for f in files:
            yield import_file(str(f), limits)
        return
    pending = [str(f) for f in files]
    # Files side by side share the cores: a worker reads the pages of a scan this many at a time.
    page_workers = max(1, cores() // workers)
    while pending:
        suspects: list[str] = []
        rest: list[str] = []
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_context(),
            initializer=init_worker,
            initargs=(limits, page_workers),
        ) as pool:
            queue = iter(pending)
            running: dict[Future[Record], str] = {}
            for name in queue:
                running[pool.submit(import_file, name, limits)] = name
                if len(running) >= workers * 4:
                    break
            while running and not suspects:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    name = running.pop(fut)
                    try:
                        yield fut.result()
                    except BrokenProcessPool:
                        suspects.append(name)
                        continue
                    nxt = next(queue, None)
                    if nxt is not None:
                        running[pool.submit(import_file, nxt, limits)] = nxt
            if suspects:
                suspects += running.values()
                rest = list(queue)
        # A worker died: the files it may have held run alone, so that only the culprit fails.
        for name in suspects:
            yield _isolated(name, limits)
        pending = rest


def _context() -> multiprocessing.context.BaseContext:
    """Workers forked from a fork server that has imported the readers: each starts in a
    millisecond instead of importing them again (a spawned worker costs ~0.4 s of CPU), and none
    copies a thread of the caller. The upload sandbox (sandbox.py) shares the fork server."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["gongkai.report_format.read", "gongkai.report_format.sandbox"])
    return context


def _isolated(name: str, limits: Limits) -> Record:
    with ProcessPoolExecutor(
        max_workers=1, mp_context=_context(), initializer=init_worker, initargs=(limits,)
    ) as pool:
        try:
            return pool.submit(import_file, name, limits).result()
        except BrokenProcessPool:
            return _died(name, limits)


def _died(name: str, limits: Limits) -> Record:
    p = Path(name)
    try:
        path, size, mtime = file_key(p)
    except OSError:
        path, size, mtime = str(p.resolve()), -1, -1
    return {
        "file": name,
        "path": path,
        "size": size,
        "mtime_ns": mtime,
        "format": _format(p),
        "ok": False,
        "error": limit_message(None, limits, "已跳过"),
    }
