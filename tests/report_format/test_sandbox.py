"""Reading untrusted bytes in a limited worker process: same result, limits reported, pool recovers."""

from pathlib import Path

import pytest

from gongkai.report_format import Report, ReportReadError, analyse, read_bytes
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


def test_hostile_files_get_their_own_chinese_message(reader):
    from tests.hostile_files import SELF_REFERENCING_PDF, huge_png

    with pytest.raises(ReportReadError, match=r"scan\.png：图片过大") as picture:
        reader.read(huge_png(), "scan.png")
    with pytest.raises(ReportReadError, match=r"loop\.pdf：PDF 文件结构损坏") as pdf:
        reader.read(SELF_REFERENCING_PDF, "loop.pdf")
    for error in (picture.value, pdf.value):
        assert "Error" not in error.message and "Exception" not in error.message


def test_a_time_out_is_not_swallowed_by_a_readers_except_exception():
    import signal
    import time

    from gongkai.report_format.batch import LIMIT_ERRORS, init_worker

    previous = signal.getsignal(signal.SIGALRM)
    init_worker(Limits(seconds=1, memory_mb=0))
    try:
        with pytest.raises(LIMIT_ERRORS):
            signal.setitimer(signal.ITIMER_REAL, 0.05)
            try:
                time.sleep(5)
            except Exception:  # what a fallback parser does: it must not catch the time-out
                pytest.fail("the time-out was taken for an ordinary error")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (RuntimeError("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : std::bad_alloc"), "内存超过 512 MB"),
        (MemoryError(), "内存超过 512 MB"),
        (RecursionError(), "嵌套过深"),
        (ValueError("weird"), "文件无法解析"),
    ],
)
def test_every_failure_is_one_specific_chinese_sentence(error, expected):
    from gongkai.report_format.batch import failure_message

    message = failure_message(error, Limits(seconds=60, memory_mb=512), "已跳过")
    assert expected in message
    assert type(error).__name__ not in message and "weird" not in message


def test_a_pdf_of_too_many_scanned_pages_is_refused_before_any_is_read(reader):
    import io

    from PIL import Image

    from gongkai.report_format.read_image import MAX_OCR_PAGES

    pages = [Image.new("L", (200, 280), 255) for _ in range(MAX_OCR_PAGES + 1)]
    for page in pages:
        page.paste(0, (20, 20, 180, 40))  # something on each page: a picture, not a blank page
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=72)
    with pytest.raises(
        ReportReadError, match=rf"有 {MAX_OCR_PAGES + 1} 页是图片（扫描页）.*超过 {MAX_OCR_PAGES} 页的上限"
    ):
        reader.read(out.getvalue(), "扫描.pdf")


def test_a_pdf_of_too_many_pages_is_refused_with_the_page_limit(reader):
    import pypdfium2 as pdfium

    from gongkai.report_format.page_layout import MAX_PAGES

    document = pdfium.PdfDocument.new()
    for _ in range(MAX_PAGES + 1):
        document.new_page(595, 842)
    out = __import__("io").BytesIO()
    document.save(out)
    document.close()
    with pytest.raises(ReportReadError, match=rf"超过 {MAX_PAGES} 页"):
        reader.read(out.getvalue(), "长.pdf")


def test_an_ocr_engine_that_cannot_load_under_the_memory_limit_is_said_to_be_the_memory_limit(monkeypatch):
    import builtins

    from gongkai.report_format import ocr
    from gongkai.report_format.batch import failure_message

    real_import = builtins.__import__

    def failing(name, *args, **kwargs):
        if name.startswith("rapidocr_onnxruntime"):
            raise ImportError("libonnxruntime.so: failed to map segment from shared object")
        return real_import(name, *args, **kwargs)

    ocr._engine.cache_clear()
    monkeypatch.setattr(builtins, "__import__", failing)
    try:
        with pytest.raises(MemoryError) as raised:
            ocr._engine()
    finally:
        monkeypatch.undo()
        ocr._engine.cache_clear()
    message = failure_message(raised.value, Limits(seconds=300, memory_mb=3072), "已停止读取")
    assert message.startswith("读取时内存超过 3072 MB") and "未安装" not in message


GIVE_BACK = """
import sys
from gongkai.report_format.sandbox import give_back_memory

def rss_mb():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20

base = rss_mb()
blocks = [bytes(4000) for _ in range(60_000)]  # ~240 MB of malloc'd blocks on the heap
kept = blocks[::64]  # a few survive, scattered: the heap cannot shrink from its top
del blocks
held = rss_mb()
give_back_memory()
print(base, held, rss_mb())
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads the resident size from /proc")
def test_a_worker_gives_back_the_heap_a_large_file_left():
    """What a scan's OCR freed is returned to the system, not kept until the worker is replaced."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", GIVE_BACK], capture_output=True, text=True, check=True)
    base, held, after = map(float, out.stdout.split())
    assert held - base > 150  # the freed blocks stay resident between the survivors
    assert after - base < 40


# ---- scans: their pages are read side by side in page processes below the worker, within its limits


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    import random

    from tests.report_format.corpus import scan_pdf, soffice, write_corpus

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) 未安装，无法生成 PDF")
    pdf = write_corpus(tmp_path_factory.mktemp("scan"), 1, seed=21, formats=["pdf"])["pdf"][0]
    return scan_pdf(pdf.read_bytes(), 300, random.Random(1))


def _worker(reader: IsolatedReader) -> int:
    assert reader._pool is not None
    (pid,) = reader._pool._processes
    return pid


def _read_watching_page_processes(reader: IsolatedReader, scan: bytes) -> tuple[Report | Exception, int]:
    """The result of reading ``scan`` and the most page processes seen below the worker at once."""
    import threading

    from tests.report_format.test_page_pool import children_of

    reader.read(seed("001"), "001.txt")  # the worker is started
    worker, most, done = _worker(reader), 0, threading.Event()

    def watch() -> None:
        nonlocal most
        while not done.wait(0.05):
            most = max(most, len(children_of(worker)))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        result: Report | Exception = reader.read(scan, "扫描件.pdf")
    except ReportReadError as e:
        result = e
    finally:
        done.set()
        watcher.join()
    return result, most


@pytest.mark.ocr
def test_a_scan_in_the_sandbox_is_read_side_by_side_and_a_time_out_ends_its_page_processes(scan):
    from gongkai.report_format.page_pool import cores
    from tests.report_format.test_page_pool import children_of

    reader = IsolatedReader(Limits(seconds=300, memory_mb=3072), workers=1)
    try:
        report, most = _read_watching_page_processes(reader, scan)
        assert isinstance(report, Report) and report.source["path"] == "ocr"
        assert most == (min(2, cores()) if cores() > 1 else 0)  # a page process a core, 2 pages
        reader.limits = Limits(seconds=2, memory_mb=3072)  # the alarm is armed per file: 2 s from now
        worker = _worker(reader)
        with pytest.raises(ReportReadError, match=r"^扫描件\.pdf：处理超时（超过 2 秒），已停止读取。$"):
            reader.read(scan, "扫描件.pdf")
        assert children_of(worker) == []
    finally:
        reader.close()


@pytest.mark.ocr
def test_a_page_over_the_memory_limit_fails_the_scan_with_the_memory_message(scan):
    from pathlib import Path

    from tests.report_format.test_page_pool import children_of

    # The worker's address space once the engine is loaded and the scan read by its page processes:
    # under this limit plus a little, the worker loads the engine again, but no page can be read.
    roomy = IsolatedReader(Limits(seconds=300, memory_mb=3072), workers=1)
    try:
        roomy.read(scan, "扫描件.pdf")
        status = Path(f"/proc/{_worker(roomy)}/status").read_text()
    finally:
        roomy.close()
    engine_mb = (
        next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmSize:")) // 1024
    )
    limit = engine_mb + 150
    tight = IsolatedReader(Limits(seconds=300, memory_mb=limit), workers=1)
    try:
        error, most = _read_watching_page_processes(tight, scan)
        assert isinstance(error, ReportReadError) and most >= 1
        assert (
            error.message == f"扫描件.pdf：读取时内存超过 {limit} MB，可能是压缩炸弹或超大文件，已停止读取。"
        )
        assert children_of(_worker(tight)) == []
        assert tight.read(seed("001"), "001.txt").year == 2023
    finally:
        tight.close()
