"""OCR of a page image: the text boxes with the engine's confidence, and the table rules in the image.

The engine is RapidOCR (``rapidocr-onnxruntime``): PaddleOCR's Chinese detection and recognition
models run by onnxruntime, shipped inside the wheel, so it works offline. It reads table text as
whole boxes (a label, a number) with a confidence in 0–1 for each, which is what rebuilding a table
needs. Tesseract (``tesseract-ocr-chi-sim``) was measured on the same rendered table: faster on
one page but it cuts Chinese labels into single words, and its numbers carry no better confidence.

Before recognition the page is straightened: a scan is rarely square, and a tilt of 1° moves the
end of a table row by half a row. The angle is the one that makes the rows of dark pixels sharpest
(projection profile), tried in steps of 0.1° up to ±2°. Ruling lines are then found by a
morphological opening with long thin kernels, as segments ``(position, start, end)``.

Boxes are rebuilt from the characters the engine places (``return_word_box``) by the rule the PDF
reader applies to a text layer: a gap wider than half a character height starts a new fragment. The
detector sometimes draws one box over two table columns that stand close ("度办" beside
"一情形，…"), or two boxes over one label; cutting and joining at gaps makes both read as a text layer
would. The engine runs one thread per call: a batch reads files in parallel processes, and
onnxruntime's own thread pool costs a third more CPU time for the same page.

The models are run by OpenVINO (``openvino``) where it is installed, onnxruntime otherwise
(``GONGKAI_OCR_ENGINE=onnxruntime`` asks for it): RapidOCR's own pre- and post-processing, the same
ONNX files, only the inference is OpenVINO's. In 32-bit floats, as onnxruntime runs them, it reads the
same text at half the CPU a page (docs/benchmarks.md, "Scans on OpenVINO"). On a CPU with bfloat16
units (AMX, AVX-512 BF16) OpenVINO computes in bfloat16, its default there: 40% less CPU again and
the same cells on the scan corpus, though a page's text may differ by a character from what a CPU
without them reads; ``GONGKAI_OCR_PRECISION=f32`` pins 32-bit floats on every machine. Its CPU
pinning is off: page processes forked from one reader would all pin their inference to one core.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from PIL import Image

from .errors import ReportReadError

MAX_SKEW = 2.0  # degrees
THREADS = 1  # inference threads per engine
FRAGMENT_GAP = 0.5  # a gap wider than this share of the text height separates two fragments
LOW_CONFIDENCE = 0.9  # a cell read with less than this is marked low-confidence
ENGINE_VARIABLE = "GONGKAI_OCR_ENGINE"  # openvino (default where installed) or onnxruntime
# "f32": OpenVINO computes in 32-bit floats on every machine, as onnxruntime does; by default it uses
# a CPU's bfloat16 units where it has them (AMX, AVX-512 BF16).
PRECISION_VARIABLE = "GONGKAI_OCR_PRECISION"
ENGINE_MISSING = "未安装文字识别组件（rapidocr-onnxruntime），无法识别图片或扫描件中的报告"


@dataclass(frozen=True)
class Box:
    """A text box in image pixels (y grows downwards) and the engine's confidence."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    confidence: float


@dataclass(frozen=True)
class Rules:
    """Ruling lines in image pixels: horizontal as (y, x0, x1), vertical as (x, y0, y1)."""

    horizontal: list[tuple[float, float, float]]
    vertical: list[tuple[float, float, float]]


@cache
def _engine() -> Any:
    return make_engine(engine_name())


def engine_name() -> str:
    """The inference engine of this process: ``openvino`` where it is installed, unless
    ``GONGKAI_OCR_ENGINE=onnxruntime`` asks for onnxruntime (RapidOCR's own)."""
    choice = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    if choice != "onnxruntime" and importlib.util.find_spec("openvino") is not None:
        return "openvino"
    return "onnxruntime"


def make_engine(name: str) -> Any:
    """A RapidOCR engine whose models run on ``name`` (``openvino`` or ``onnxruntime``)."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:  # pragma: no cover - the package is a dependency
        if importlib.util.find_spec("rapidocr_onnxruntime") is None:
            raise ReportReadError(ENGINE_MISSING + "。") from None
        # Installed but not loadable: under a worker's address-space limit its native libraries
        # could not be mapped. That is the memory limit, and is reported as such.
        raise MemoryError("the OCR engine could not be loaded under the memory limit") from None
    engine = RapidOCR(intra_op_num_threads=THREADS, inter_op_num_threads=THREADS)
    if name == "openvino":
        from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
        from rapidocr_onnxruntime.utils import read_yaml, update_model_path

        models = update_model_path(read_yaml(DEFAULT_CFG_PATH))
        engine.text_det.infer = _OpenVinoSession(models["Det"]["model_path"])
        engine.text_rec.session = _OpenVinoSession(models["Rec"]["model_path"])
    return engine


def _precision() -> dict[str, str]:
    if os.environ.get(PRECISION_VARIABLE, "").strip().lower() == "f32":
        return {"INFERENCE_PRECISION_HINT": "f32"}
    return {}


class _OpenVinoSession:
    """An onnxruntime session of RapidOCR's (``OrtInferSession``) replaced by the same model compiled
    by OpenVINO: called the same way, one input array in, the list of outputs back."""

    def __init__(self, model_path: str) -> None:
        # openvino/__init__.py also loads its model-conversion tools, whose telemetry writes a client
        # id under ~/intel and starts a thread (a forked page process must have no other thread).
        # Only the runtime is used here: the tools are not loaded (None in sys.modules: ImportError,
        # which openvino expects when they are not installed).
        sys.modules.setdefault("openvino.tools.ovc", None)  # type: ignore[arg-type]
        try:
            import openvino

            core = openvino.Core()
            settings = {
                "INFERENCE_NUM_THREADS": THREADS,
                "NUM_STREAMS": 1,
                "ENABLE_CPU_PINNING": False,
                **_precision(),
            }
            core.set_property("CPU", settings)
            self._request = core.compile_model(core.read_model(model_path), "CPU").create_infer_request()
        except (ImportError, RuntimeError) as error:
            # The runtime is installed and the models ship with RapidOCR: what fails here is the
            # memory limit (native libraries not mapped, a plugin's allocation refused).
            raise MemoryError("the OCR engine could not be loaded under the memory limit") from error

    def __call__(self, input_content: np.ndarray) -> list[np.ndarray]:
        # When an allocation fails (under a worker's memory limit) OpenVINO does not raise: the
        # request keeps its previous output, or none. The output is poisoned before each run, so that
        # an output the run did not write is seen and reported as the memory limit it is.
        previous = self._request.get_output_tensor().data
        if previous.size:
            previous.fill(np.nan)
        try:
            self._request.infer([input_content])
        except RuntimeError as error:
            if "bad_alloc" in str(error):
                raise MemoryError("the OCR engine could not run under the memory limit") from error
            raise
        output = self._request.get_output_tensor().data
        if not output.size or output.shape[0] != input_content.shape[0] or np.isnan(output.flat[-1]):
            raise MemoryError("the OCR engine could not run under the memory limit")
        return [output.copy()]


def load_engine() -> None:
    """Load the engine and the image library now (before page processes are forked, to share them)."""
    import cv2  # noqa: F401

    _engine()


def prepare(image: Image.Image) -> Image.Image:
    """Grey, straightened page image."""
    grey = image.convert("L")
    angle = skew_angle(grey)
    if abs(angle) >= 0.05:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    return grey


def skew_angle(grey: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the text rows and rules horizontal."""
    small = grey.copy()
    small.thumbnail((1000, 1000))
    dark = Image.eval(small, lambda v: 255 if v < 140 else 0)
    best, best_score = 0.0, -1.0
    for step in range(-int(MAX_SKEW * 10), int(MAX_SKEW * 10) + 1):
        angle = step / 10
        rows = np.asarray(dark.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def recognise(image: Image.Image) -> list[Box]:
    """Every text fragment of a prepared page image, top to bottom."""
    result, _ = _engine()(np.asarray(image.convert("RGB")), use_cls=False, return_word_box=True)
    boxes = []
    for quad, text, confidence, *chars in result or ():
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        box = Box(min(xs), min(ys), max(xs), max(ys), text.strip(), float(confidence))
        if box.text:
            boxes += _cut_at_gaps(box, *chars) if len(chars) == 3 else [box]
    return _join_close(boxes)


def _cut_at_gaps(box: Box, quads: list[Any], chars: list[str], confidences: list[float]) -> list[Box]:
    """The box cut where its characters stand further apart than ``FRAGMENT_GAP``; its left and
    right edges those of its first and last characters (the detector's box is drawn wider)."""
    placed = [
        (min(p[0] for p in q), max(p[0] for p in q), c, float(v))
        for q, c, v in zip(quads, chars, confidences, strict=False)
        if c.strip()
    ]
    if len(placed) != len("".join(box.text.split())):
        return [box]
    limit = FRAGMENT_GAP * (box.y1 - box.y0)
    pieces = [[placed[0]]]
    for c in placed[1:]:
        if c[0] - pieces[-1][-1][1] > limit:
            pieces.append([])
        pieces[-1].append(c)
    if len(pieces) == 1:  # the box as the engine read it, its edges those of its characters
        return [Box(placed[0][0], box.y0, placed[-1][1], box.y1, box.text, box.confidence)]
    return [
        Box(p[0][0], box.y0, p[-1][1], box.y1, "".join(c[2] for c in p), sum(c[3] for c in p) / len(p))
        for p in pieces
    ]


def _join_close(boxes: list[Box]) -> list[Box]:
    """Boxes side by side on one line with less than ``FRAGMENT_GAP`` between them are one fragment
    (the lower confidence of the two is kept)."""
    boxes = sorted(boxes, key=lambda b: (b.y0 + b.y1) / 2)
    lines: list[list[Box]] = []
    for b in boxes:
        h = b.y1 - b.y0
        if lines and abs((lines[-1][0].y0 + lines[-1][0].y1) / 2 - (b.y0 + b.y1) / 2) <= 0.4 * h:
            lines[-1].append(b)
        else:
            lines.append([b])
    out = []
    for line in lines:
        line.sort(key=lambda b: b.x0)
        joined = [line[0]]
        for b in line[1:]:
            a = joined[-1]
            if b.x0 - a.x1 <= FRAGMENT_GAP * min(a.y1 - a.y0, b.y1 - b.y0):
                joined[-1] = Box(
                    a.x0,
                    min(a.y0, b.y0),
                    max(a.x1, b.x1),
                    max(a.y1, b.y1),
                    a.text + b.text,
                    min(a.confidence, b.confidence),
                )
            else:
                joined.append(b)
        out += joined
    out.sort(key=lambda b: (b.y0, b.x0))
    return out


def recover_missed(image: Image.Image, boxes: list[Box]) -> list[Box]:
    """Ink the detector left out (a lone "0" in a wide cell is easily missed) read by recognition
    alone: dark blobs off the rules and outside every box, each cropped and recognised."""
    import cv2

    if not boxes:
        return []
    grey = np.asarray(image.convert("L"))
    height, width = grey.shape
    _, dark = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    lines = _rule_mask(dark, cv2, width, height)
    ink = cv2.bitwise_and(dark, cv2.bitwise_not(cv2.dilate(lines, np.ones((5, 5), np.uint8))))
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # specks of noise
    text_height = float(np.median([b.y1 - b.y0 for b in boxes]))
    blobs = cv2.dilate(ink, np.ones((3, max(3, int(text_height * 0.4))), np.uint8))
    covered = np.zeros_like(ink)
    for b in boxes:
        covered[int(b.y0) : int(b.y1) + 1, int(b.x0) : int(b.x1) + 1] = 255
    count, _, stats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    found = []
    rgb = image.convert("RGB")
    for x, y, w, h, area in stats[1:count]:
        if not (0.5 * text_height <= h <= 2 * text_height) or area < text_height:
            continue
        if covered[y : y + h, x : x + w].mean() > 64:
            continue
        pad = int(text_height * 0.3)
        crop = rgb.crop((max(0, x - pad), max(0, y - pad), min(width, x + w + pad), min(height, y + h + pad)))
        result, _ = _engine()(np.asarray(crop), use_det=False, use_cls=False, use_rec=True)
        for text, confidence in result or ():
            if text.strip():
                found.append(
                    Box(float(x), float(y), float(x + w), float(y + h), text.strip(), float(confidence))
                )
    return found


def _rule_mask(dark: np.ndarray, cv2: Any, width: int, height: int) -> np.ndarray:
    h = cv2.morphologyEx(
        dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, width // 25), 1))
    )
    v = cv2.morphologyEx(
        dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, height // 60)))
    )
    return cv2.bitwise_or(h, v)  # type: ignore[no-any-return]


def find_rules(image: Image.Image) -> Rules:
    """Table rules of a prepared page: long dark horizontal and vertical runs."""
    import cv2

    grey = np.asarray(image.convert("L"))
    height, width = grey.shape
    _, dark = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    horizontal = _segments(dark, cv2, (max(20, width // 25), 1), min_length=width // 12, axis=0)
    vertical = _segments(dark, cv2, (1, max(15, height // 60)), min_length=height // 50, axis=1)
    return Rules(horizontal, vertical)


def _segments(
    dark: np.ndarray, cv2: Any, kernel_size: tuple[int, int], *, min_length: int, axis: int
) -> list[tuple[float, float, float]]:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, kernel_size)
    mask = cv2.morphologyEx(dark, cv2.MORPH_OPEN, kernel)
    if axis == 0:  # close small gaps left by noise along a horizontal rule
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    else:
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 9)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for x, y, w, h, _area in stats[1:count]:
        if axis == 0 and w >= min_length and h <= max(12, w // 20):
            out.append((y + h / 2, float(x), float(x + w)))
        elif axis == 1 and h >= min_length and w <= max(12, h // 20):
            out.append((x + w / 2, float(y), float(y + h)))
    out.sort()
    return out
