"""OCR building blocks on a real rendered page: straightening, ruling lines, the engine's boxes;
and the OCR_SUSPECT rule, which proposes a value for a misread cell without changing it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from gongkai.report_format import Cell, ocr
from gongkai.report_format.ocr import (
    Box,
    _cut_at_gaps,
    _join_close,
    find_rules,
    prepare,
    recognise,
    skew_angle,
)
from gongkai.report_format.read_image import _snap, ocr_suspects
from tests.report_format.builders import consistent_report
from tests.report_format.corpus import soffice, write_corpus

pytestmark = pytest.mark.ocr  # slow and database-free: CI runs these once, not per database

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) 未安装，无法生成 PDF")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    """Page 1 of a generated report (official ruled table style), rendered at 200 dpi."""
    pdf = write_corpus(tmp_path_factory.mktemp("ocr"), 1, seed=3, formats=["pdf"])["pdf"][0]
    document = pdfium.PdfDocument(Path(pdf).read_bytes())
    try:
        return document[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


@needs_soffice
@pytest.mark.parametrize("tilt", [-1.0, 0.6])
def test_a_tilted_page_is_straightened(page: Image.Image, tilt: float):
    tilted = page.rotate(tilt, resample=Image.Resampling.BILINEAR, fillcolor=255)
    assert skew_angle(tilted) == pytest.approx(-tilt, abs=0.15)


@needs_soffice
def test_the_ruling_lines_of_the_tables_are_found(page: Image.Image):
    rules = find_rules(prepare(page))
    # Table 2 alone has 13 ruled rows; every rule spans a good part of the table's width.
    assert len(rules.horizontal) >= 14
    assert len(rules.vertical) >= 4
    assert all(x1 - x0 > page.width / 12 for _, x0, x1 in rules.horizontal)


@needs_soffice
def test_the_engine_reads_labels_and_numbers_with_a_confidence(page: Image.Image):
    boxes = recognise(prepare(page))
    texts = [b.text for b in boxes]
    assert "第二十条第（一）项" in texts or "第二十条第(一)项" in texts
    assert any(t.isdigit() for t in texts)
    assert all(0 < b.confidence <= 1 for b in boxes)


def _chars(x0: float, widths: list[float], gaps: list[float]) -> list[list[list[float]]]:
    """Character quads as the engine gives them (top-left clockwise), from widths and the gaps after."""
    quads, x = [], x0
    for w, gap in zip(widths, gaps, strict=True):
        quads.append([[x, 10.0], [x + w, 10.0], [x + w, 58.0], [x, 58.0]])
        x += w + gap
    return quads


_READ_WITH_BOTH = """
import json, sys
from PIL import Image
from gongkai.report_format import ocr
page = ocr.prepare(Image.open(sys.argv[1]))
out = {}
for name in ("onnxruntime", "openvino"):
    engine = ocr.make_engine(name)
    ocr._engine = lambda engine=engine: engine
    out[name] = [(b.text, b.x0, b.y0, b.x1, b.y1, b.confidence) for b in ocr.recognise(page)]
    out[name + "_session"] = type(engine.text_rec.session).__name__
print(json.dumps(out))
"""


@needs_soffice
def test_openvino_reads_a_page_exactly_as_onnxruntime_does(page: Image.Image, tmp_path: Path):
    """The same models in the same precision (32-bit floats, ``GONGKAI_OCR_PRECISION=f32``): OpenVINO
    only runs them faster. (In a process of its
    own: on a CPU with AMX, onnxruntime run after OpenVINO in one thread leaves it unable to take a
    signal — the time limit's alarm becomes a SIGSEGV. A process only ever runs one of them.)"""
    page.save(tmp_path / "page.png")
    run = subprocess.run(
        [sys.executable, "-c", _READ_WITH_BOTH, str(tmp_path / "page.png")],
        env={**os.environ, "GONGKAI_OCR_PRECISION": "f32"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    read = json.loads(run.stdout.strip().splitlines()[-1])
    assert read["openvino_session"] == "_OpenVinoSession"
    assert [b[0] for b in read["openvino"]] == [b[0] for b in read["onnxruntime"]]
    assert len(read["openvino"]) > 100
    for a, b in zip(read["openvino"], read["onnxruntime"], strict=True):
        assert a[1:5] == pytest.approx(b[1:5], abs=1)
        assert a[5] == pytest.approx(b[5], abs=0.01)


def test_onnxruntime_is_chosen_by_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GONGKAI_OCR_ENGINE", "onnxruntime")
    assert ocr.engine_name() == "onnxruntime"
    monkeypatch.delenv("GONGKAI_OCR_ENGINE")
    assert ocr.engine_name() == "openvino"


_RUN_UNDER_LIMIT = """
import resource, sys
import numpy as np
from gongkai.report_format import ocr
session = ocr.make_engine("openvino").text_det.infer
session(np.zeros((1, 3, 640, 480), np.float32))
size = int(next(l for l in open("/proc/self/status") if l.startswith("VmSize")).split()[1]) * 1024
resource.setrlimit(resource.RLIMIT_AS, (size + int(sys.argv[1]) * 2**20, resource.RLIM_INFINITY))
try:
    out = session(np.zeros((1, 3, 1984, 1440), np.float32))[0]
    print("read", out.shape)
except MemoryError:
    print("memory")
"""


@pytest.mark.parametrize("room_mb", [20, 100])
def test_an_inference_stopped_by_the_memory_limit_is_a_memory_error_not_the_previous_output(room_mb: int):
    """With little room the input cannot be copied (std::bad_alloc); with a little more, OpenVINO
    does not raise when an allocation of the run fails: its request keeps the previous output (here
    the 640×480 page's for a 1984×1440 one), which would be another page's text."""
    run = subprocess.run(
        [sys.executable, "-c", _RUN_UNDER_LIMIT, str(room_mb)], capture_output=True, text=True, timeout=120
    )
    assert run.stdout.strip() == "memory", run.stdout + run.stderr


def test_openvino_is_loaded_without_its_telemetry(tmp_path: Path):
    """No client id written under the home directory (~/intel), no thread started (pages are read
    in processes forked from this one)."""
    script = (
        "import threading; from gongkai.report_format import ocr; ocr.load_engine(); "
        "print(threading.active_count(), ocr.engine_name())"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert run.stdout.split() == ["1", "openvino"], run.stdout + run.stderr
    assert not (tmp_path / "intel").exists()


def test_a_box_drawn_over_two_columns_is_cut_at_the_gap_between_them():
    # "度办" (group label) and "一情形" (the wrapped rest of the next column's label) read as one box:
    # 33 px between "办" and "一" is more than half the 48 px text height; 2 px between others.
    text = "度办一情形"
    quads = _chars(349, [44] * 5, [2, 33, 2, 2, 0])
    box = Box(340, 10, 600, 58, text, 0.97)
    pieces = _cut_at_gaps(box, quads, list(text), [1.0, 0.9, 1.0, 1.0, 0.8])
    assert [(p.text, p.x0, p.x1) for p in pieces] == [("度办", 349, 439), ("一情形", 472, 608)]
    assert [round(p.confidence, 3) for p in pieces] == [0.95, 0.933]


def test_a_box_without_wide_gaps_keeps_its_text_and_takes_its_characters_edges():
    quads = _chars(720, [20, 10, 44, 44], [2, 2, 2, 0])  # "1.属于": the detector's box began at 700
    pieces = _cut_at_gaps(Box(700, 10, 850, 58, "1.属于", 0.99), quads, list("1.属于"), [1.0] * 4)
    assert [(p.text, p.x0, p.x1, p.confidence) for p in pieces] == [("1.属于", 720, 844, 0.99)]


def test_boxes_close_on_one_line_join_and_distant_ones_stay_apart():
    boxes = [
        Box(532, 10, 810, 58, "（二）部分公开", 0.99),
        Box(821, 12, 1252, 58, "（区分处理的，只计这", 0.95),  # 11 px on: the same label
        Box(1327, 10, 1352, 58, "0", 0.91),  # 75 px on: the next column
    ]
    joined = _join_close(boxes)
    assert [(b.text, b.x0, b.x1, b.confidence) for b in joined] == [
        ("（二）部分公开（区分处理的，只计这", 532, 1252, 0.95),
        ("0", 1327, 1352, 0.91),
    ]


def test_left_edges_a_few_pixels_apart_become_one_column():
    assert _snap([364.0, 368.0, 502.0, 366.0, 900.0], [40.0] * 5) == [364.0, 364.0, 502.0, 364.0, 900.0]


def _read_by_ocr(report, confidence: float = 0.95):
    report.source["ocr"] = {c.path: confidence for c, v in report.values.items() if v is not None}
    return report


def test_a_cell_that_breaks_its_row_and_its_column_alike_is_suspect():
    report = _read_by_ocr(consistent_report())
    cell = Cell("table3", "granted", "natural_person")  # 4 read as 7 (a common misread)
    report.values[cell] = 7
    findings = ocr_suspects(report)
    assert [f.cells for f in findings] == [(cell,)]
    f = findings[0]
    assert f.code == "OCR_SUSPECT" and f.level == "warning"
    assert f.values == {"read": 7, "proposed": 4, "confidence": 0.95}
    assert "识别为 7" in f.message and "可能应为 4" in f.message and "“（一）予以公开”行" in f.message
    assert report.values[cell] == 7  # never changed silently


def test_a_cell_not_read_by_ocr_is_not_suspect():
    report = consistent_report()
    report.values[Cell("table3", "granted", "natural_person")] = 7
    assert ocr_suspects(report) == []


def test_two_wrong_cells_in_one_row_give_no_single_proposal():
    report = _read_by_ocr(consistent_report())
    report.values[Cell("table3", "granted", "natural_person")] = 5
    report.values[Cell("table3", "partial", "natural_person")] = 3
    # The column is off by 2 but each row by 1: no one change mends both, nothing is proposed.
    assert ocr_suspects(report) == []


def test_a_total_read_wrong_is_suspect_too():
    report = _read_by_ocr(consistent_report())
    cell = Cell("table3", "total", "total")
    report.values[cell] = 18  # true 13: breaks the total row and the total column by 5
    assert [(f.cells, f.values["proposed"]) for f in ocr_suspects(report)] == [((cell,), 13)]
