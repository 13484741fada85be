"""Reading untrusted bytes in a limited worker process: same result, limits reported, pool recovers."""

from pathlib import Path

import pytest

from gongkai.report_format import ReportReadError, analyse, read_bytes
from gongkai.report_format.batch import Limits
from gongkai.report_format.sandbox import IsolatedReader

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def seed(prefix: str) -> bytes:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_bytes()


@pytest.fixture
def reader():
    r = IsolatedReader(Limits(seconds=60, memory_mb=256), workers=1)
    yield r
    r.close()


def test_a_report_read_in_a_worker_equals_the_one_read_here(reader):
    for prefix in ("000", "004"):
        assert (
            reader.read(seed(prefix), f"{prefix}.txt").to_json()
            == analyse(read_bytes(seed(prefix), f"{prefix}.txt")).to_json()
        )


def test_bad_input_gets_the_readers_own_message(reader):
    with pytest.raises(ReportReadError, match="文件为空"):
        reader.read(b"   ", "空.txt")


def test_a_file_over_the_memory_limit_is_refused_and_the_next_file_still_reads():
    small = IsolatedReader(Limits(seconds=60, memory_mb=64), workers=1)
    try:
        with pytest.raises(ReportReadError, match=r"巨大\.txt：读取时内存超过 64 MB"):
            small.read(seed("001") * 2500, "巨大.txt")
        assert small.read(seed("001"), "001.txt").year == 2023
    finally:
        small.close()


def test_a_file_over_the_time_limit_is_refused_with_the_limit_named():
    hasty = IsolatedReader(Limits(seconds=0.001, memory_mb=0), workers=1)
    try:
        with pytest.raises(ReportReadError, match=r"处理超时（超过 0.001 秒）"):
            hasty.read(seed("001") * 200, "big.txt")
    finally:
        hasty.close()


def test_a_dead_worker_is_replaced(reader):
    reader.read(seed("001"), "001.txt")
    for process in list(reader._pool._processes.values()):
        process.kill()
        process.join()
    # The pool noticed its worker died: the next file is read by a new pool.
    years = []
    for _ in range(2):
        try:
            years.append(reader.read(seed("001"), "001.txt").year)
        except ReportReadError as e:
            assert "读取进程异常退出" in e.message
    assert years and years[-1] == 2023
