"""The output of a child process (``gongkai start``'s worker) goes into a log file rotated at its size
limit, a few older files kept; every line arrives, the last ones included, in order."""

from __future__ import annotations

import subprocess
import sys

from gongkai.web.logfiles import pump

LINE = "后台任务进程日志第 {:05d} 行 " + "x" * 60  # ~100 bytes in UTF-8


def test_the_log_rotates_at_its_limit_and_keeps_the_newest_files(tmp_path):
    log = tmp_path / "worker.log"
    child = subprocess.Popen(
        [sys.executable, "-c", f"for n in range(2000): print({LINE!r}.format(n))"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert child.stdout is not None

    copying = pump(child.stdout, log, max_bytes=20_000, backups=3)
    child.wait(timeout=30)
    copying.join(timeout=30)

    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["worker.log", "worker.log.1", "worker.log.2", "worker.log.3"]
    assert all((tmp_path / name).stat().st_size <= 20_000 for name in files)
    kept = "".join((tmp_path / name).read_text(encoding="utf-8") for name in reversed(files)).splitlines()
    assert kept[-1] == LINE.format(1999)  # the last line reached the file
    assert kept == [LINE.format(n) for n in range(2000 - len(kept), 2000)]  # in order, none lost in between
    assert len(kept) < 2000  # the oldest were dropped with the oldest file


def test_a_log_under_the_limit_is_appended_to(tmp_path):
    log = tmp_path / "worker.log"
    log.write_text("上次运行\n", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", "print('本次运行')"], stdout=subprocess.PIPE)
    assert child.stdout is not None

    pump(child.stdout, log, max_bytes=20_000, backups=3).join(timeout=30)

    assert log.read_text(encoding="utf-8") == "上次运行\n本次运行\n"
    assert [p.name for p in tmp_path.iterdir()] == ["worker.log"]
