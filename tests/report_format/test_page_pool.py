"""Pages read side by side in forked page processes: results in page order, errors and limits carried
back to the reader, no page process left behind. No OCR here (test_read_image_pages.py reads scans)."""

import fcntl
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from gongkai.report_format import ReportReadError
from gongkai.report_format.batch import Limits, failure_message, init_worker
from gongkai.report_format.page_pool import PageProcessDied, map_pages, page_workers, set_page_workers

# Pages are forked only from a process with no other thread: the tests start from one.
pytestmark = pytest.mark.usefixtures("single_threaded")


def children_of(pid: int) -> list[int]:
    """Living (not zombie) processes whose parent is ``pid``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry))
    return found


def page_processes_left(before: set[int]) -> set[int]:
    """Children of this process not there ``before`` (a fork server started by another test stays)."""
    return set(children_of(os.getpid())) - before


def page_and_pid(i: int) -> tuple[int, int]:
    time.sleep(0.05 * (3 - i % 4))  # later pages finish first
    return i, os.getpid()


def test_pages_come_back_in_page_order_each_read_in_a_process_of_its_own():
    before = set(children_of(os.getpid()))
    results = map_pages(7, page_and_pid, workers=3)
    assert [page for page, _ in results] == list(range(7))
    pids = [pid for _, pid in results]
    assert os.getpid() not in pids and len(set(pids)) == 7
    assert page_processes_left(before) == set()


def test_what_is_loaded_before_the_first_fork_is_shared_by_every_page():
    loaded: list[int] = []
    results = map_pages(3, lambda i: list(loaded), workers=2, before_fork=lambda: loaded.append(os.getpid()))
    assert results == [[os.getpid()]] * 3


def test_one_worker_or_one_page_reads_in_this_process():
    assert map_pages(3, page_and_pid, workers=1) == [(i, os.getpid()) for i in range(3)]
    assert map_pages(1, page_and_pid, workers=4) == [(0, os.getpid())]


def test_a_process_with_other_threads_reads_its_pages_itself():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert map_pages(3, page_and_pid, workers=2) == [(i, os.getpid()) for i in range(3)]
    finally:
        stop.set()
        other.join()


def test_the_number_of_page_workers_is_set_by_the_batch_else_by_the_environment(monkeypatch):
    monkeypatch.setenv("GONGKAI_OCR_PAGE_WORKERS", "3")
    try:
        assert page_workers() == 3
        set_page_workers(1)
        assert page_workers() == 1
    finally:
        set_page_workers(None)


def refuse_page_two(i: int) -> int:
    if i == 2:
        raise ReportReadError("第 3 页：无法识别。")
    time.sleep(5 if i > 2 else 0)
    return i


def test_a_pages_error_is_raised_here_and_no_page_process_is_left():
    before = set(children_of(os.getpid()))
    with pytest.raises(ReportReadError, match="第 3 页：无法识别。"):
        map_pages(6, refuse_page_two, workers=3)
    assert page_processes_left(before) == set()


def test_a_page_process_that_dies_is_the_death_of_the_reading_process():
    reader = os.getpid()
    before = set(children_of(reader))

    def die_on_page_one(i: int) -> int:
        if i == 1 and os.getpid() != reader:  # never the test process itself
            os.kill(os.getpid(), signal.SIGKILL)
        return i

    with pytest.raises(PageProcessDied) as died:
        map_pages(3, die_on_page_one, workers=2)
    assert failure_message(died.value, Limits(60, 512), "已跳过") == (
        "读取进程异常退出（超过 60 秒未完成，或内存超过 512 MB），已跳过。请检查文件是否损坏。"
    )
    assert page_processes_left(before) == set()


# ---- the limits of a reading worker hold in its page processes (each case runs in a worker of its own)


def take_a_gigabyte(i: int) -> int:
    if i == 1:
        return len(bytearray(1024 * 1024 * 1024))
    return i


def sleep_long(i: int) -> int:
    time.sleep(60)
    return i


def _as_worker(limits: Limits, read, out) -> None:  # type: ignore[no-untyped-def]
    init_worker(limits, page_workers=2)
    started = time.monotonic()
    try:
        try:
            if limits.seconds:
                signal.setitimer(signal.ITIMER_REAL, limits.seconds)
            map_pages(3, read)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        out.put(("read", "", []))
    except BaseException as e:
        out.put(
            (
                failure_message(e, limits, "已跳过"),
                round(time.monotonic() - started),
                children_of(os.getpid()),
            )
        )


def in_a_worker(limits: Limits, read) -> tuple[str, int, list[int]]:  # type: ignore[no-untyped-def]
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    worker = context.Process(target=_as_worker, args=(limits, read, out))
    worker.start()
    try:
        return out.get(timeout=60)  # type: ignore[no-any-return]
    finally:
        worker.join(10)


def test_a_page_over_the_memory_limit_fails_the_file_with_the_memory_message():
    limit = address_space_mb() + 512  # room for the reader, not for a page's gigabyte
    message, _, left = in_a_worker(Limits(seconds=0, memory_mb=limit), take_a_gigabyte)
    assert message == f"读取时内存超过 {limit} MB，可能是压缩炸弹或超大文件，已跳过。"
    assert left == []


def address_space_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no VmSize")


def test_the_time_limit_covers_the_page_processes_and_ends_them():
    message, seconds, left = in_a_worker(Limits(seconds=1, memory_mb=0), sleep_long)
    assert message == "处理超时（超过 1 秒），已跳过。"
    assert seconds < 10
    assert left == []


def _killed_with_pages(pids) -> None:  # type: ignore[no-untyped-def]
    set_page_workers(2)
    map_pages(2, lambda i: pids.put(os.getpid()) or sleep_long(i))


def test_page_processes_end_with_a_reader_killed_outright():
    context = multiprocessing.get_context("fork")
    pids = context.Queue()
    reader = context.Process(target=_killed_with_pages, args=(pids,))
    reader.start()
    pages = [pids.get(timeout=30), pids.get(timeout=30)]
    reader.kill()
    reader.join()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in pages):
        time.sleep(0.05)
    assert not any(_alive(p) for p in pages)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def span(i: int) -> tuple[float, float]:
    start = time.monotonic()
    time.sleep(0.3)
    return start, time.monotonic()


def most_at_once(spans: list[tuple[float, float]]) -> int:
    """The most page readings that overlapped in time."""
    events = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
    most = running = 0
    for _, step in events:
        running += step
        most = max(most, running)
    return most


@pytest.fixture
def slots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A machine of two page slots, its slot files in ``tmp_path``."""
    monkeypatch.setenv("GONGKAI_OCR_SLOTS_DIR", str(tmp_path))
    monkeypatch.setenv("GONGKAI_OCR_PAGE_SLOTS", "2")
    return tmp_path


def hold(slots: Path, i: int) -> int:
    """Slot ``i`` held as another reader's page process holds it."""
    fd = os.open(slots / f"{i}.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def test_page_processes_of_every_reader_on_a_machine_share_its_slots(slots: Path):
    assert most_at_once(map_pages(4, span, workers=4)) == 2
    other = hold(slots, 0)
    try:
        assert most_at_once(map_pages(4, span, workers=4)) == 1
        another = hold(slots, 1)
        try:  # every slot held elsewhere: this reader still goes on, one page at a time
            assert most_at_once(map_pages(3, span, workers=4)) == 1
        finally:
            os.close(another)
    finally:
        os.close(other)


def test_a_page_process_gives_its_slot_back_however_it_ends(slots: Path):
    map_pages(2, span, workers=2)
    with pytest.raises(ValueError):
        map_pages(2, lambda i: int("x"), workers=2)
    with pytest.raises(PageProcessDied):
        map_pages(2, lambda i: os.kill(os.getpid(), signal.SIGKILL), workers=2)
    for fd in [hold(slots, 0), hold(slots, 1)]:  # both free again: no lock left behind
        os.close(fd)
