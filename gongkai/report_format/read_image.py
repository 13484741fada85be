"""Reports as pictures: photos and scans (.png/.jpg), PDF pages without text, tables pasted into Word
as pictures. Each page is straightened and read by OCR (``ocr.py``); the text boxes and the ruling
lines found in the image then go through the same geometry as a PDF text layer (``read_pdf``):
fragments grouped into lines, ruled cells rebuilt from the rules, wrapped labels joined — so the
text parser sees the tab-separated layout it reads everywhere else.

The engine's confidence follows each number into the report: ``report.source["ocr"]`` maps a cell
path to the confidence of the box it was read from, ``report.source["ocr_low"]`` lists the cells
read with less than ``ocr.LOW_CONFIDENCE``, ``report.source["ocr_pages"]`` the pages read by OCR. Each
fragment carries the id of its box through the geometry; to know which box a cell came from without
touching the parser, the text is parsed a second time with every number replaced by a unique stand-in.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from io import BytesIO
from typing import Any

from PIL import Image, UnidentifiedImageError

from . import page_layout as geometry
from .errors import ReportReadError, log_cause
from .layout import Cell
from .model import Finding, Report
from .ocr import LOW_CONFIDENCE, Box, Rules, find_rules, load_engine, prepare, recognise, recover_missed
from .page_pool import map_pages
from .tokens import Tokens

MAX_PIXELS = 60_000_000  # a 300-dpi A3 page is 17 million
# Pages read by OCR in one file: each costs ~10 s of a core; an annual report has 5–30 pages.
MAX_OCR_PAGES = 40
OCR_DPI = 300  # image-only PDF pages are rendered at this resolution (at most MAX_SIDE pixels)
MIN_DPI = 200  # a low-resolution page is enlarged to this before recognition
MAX_SIDE = 2000  # the engine scales a bigger page down to this long side (RapidOCR max_side_len)
_NUMBER_FIELD = re.compile(r"^[-+]?\d[\d,，]*(?:\.\d+)?(?:\s+[-+]?\d[\d,，]*(?:\.\d+)?)*$")
_NUMBER_TOKEN = re.compile(r"[-+]?\d[\d,，]*(?:\.\d+)?")
_DIGIT_LIKE = re.compile(r"^[0-9OoIl|,，.]+$")
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "，": ","})
_STAND_IN = 10**9  # numbers of the second parse: box k reads as 10**9 + k
_MARK = "⟦ocr:{}⟧"
_PAD = 0.15  # share of a box's height added above and below
_MARK_LINE = re.compile(r"^⟦ocr:(\d+)⟧$")
_OPENING = "（(“‘《〈〔【「『"
_BEARING = 0.4  # blank before an opening bracket's ink, in box heights
_SLACK = 0.5  # how far (in text heights) a box's left edge may stray from its column's


@dataclass
class OcrText:
    """Text for the parser, with the confidence of each number: ``fields[line][field]``."""

    text: str
    confidences: list[list[float | None]] = field(default_factory=list)
    pages: int = 0
    tokens: Tokens | None = None  # the lines of fields with their places, for pages laid out whole


# ------------------------------------------------------------------ entry points


def open_image(data: bytes, name: str) -> Image.Image:
    try:
        image = Image.open(BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise ReportReadError(f"{name}：图片过大（{image.width}×{image.height} 像素），无法识别。")
        image.load()
    except Image.DecompressionBombError:  # Pillow refuses it before we could measure it
        raise ReportReadError(
            f"{name}：图片过大（超过 {MAX_PIXELS // 1_000_000} 百万像素），无法识别。"
        ) from None
    except (UnidentifiedImageError, OSError) as exc:
        log_cause(name, exc)
        raise ReportReadError(f"{name}：图片文件已损坏或格式不受支持。") from None
    return image


def image_to_text(data: bytes, name: str = "图片") -> OcrText:
    """A .png/.jpg photo or scan of a report (one page; a multi-frame TIFF page by page)."""
    image = open_image(data, name)
    count = getattr(image, "n_frames", 1)
    too_many_scanned_pages(count, name)
    dpi = image.info.get("dpi", (0, 0))[0] or 0
    if count == 1:
        return text_of([ocr_page(image, float(dpi))])
    del image  # a frame is opened again where it is read
    return text_of(read_pages(count, partial(_frame, data, name), dpi=float(dpi)))


def _frame(data: bytes, name: str, index: int) -> Image.Image:
    image = open_image(data, name)
    image.seek(index)
    return image.copy()


def too_many_scanned_pages(count: int, name: str) -> None:
    """Refuse a file with more than ``MAX_OCR_PAGES`` pages to read by OCR, before reading any."""
    if count > MAX_OCR_PAGES:
        raise ReportReadError(
            f"{name}：有 {count} 页是图片（扫描页），需要文字识别的页数超过 {MAX_OCR_PAGES} 页的上限，"
            "识别耗时过长。年度报告通常不超过 30 页，请只上传报告本身，或上传带文字层的 PDF、Word 文件。"
        )


def pdf_scan_to_text(data: bytes, name: str = "PDF") -> OcrText:
    """A PDF whose pages are pictures: each page rendered (``render``) and read by OCR, one page at
    a time in each process, several pages at once (``read_pages``)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        count = len(pdf)
        if count > geometry.MAX_PAGES:
            raise ReportReadError(f"{name}：PDF 共 {count} 页，超过 {geometry.MAX_PAGES} 页。")
        too_many_scanned_pages(count, name)
    finally:
        pdf.close()
    return text_of(read_pages(count, partial(render_page, data)))


def render_page(data: bytes, index: int) -> Image.Image:
    """Page ``index`` of the PDF in ``data`` rendered (``render``): the document is opened for the
    page alone, so that a page process needs nothing from its parent but the bytes."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return render(pdf[index])
    finally:
        pdf.close()


def render(page: Any) -> Image.Image:
    """A PDF page (pypdfium2) as a grey picture at ``OCR_DPI``, or less where that would be wider
    than the engine reads (``MAX_SIDE``): the engine would scale it down anyway."""
    width, height = page.get_size()
    scale = min(OCR_DPI / 72, MAX_SIDE / max(width, height, 1))
    try:
        return page.render(scale=scale, grayscale=True).to_pil()  # type: ignore[no-any-return]
    finally:
        page.close()


@dataclass
class PageRead:
    """What OCR read on one page, in pixels of the straightened picture (y grows downwards): the
    boxes, the rules and the picture's height. Small and picklable: it is what a page process sends."""

    boxes: list[Box]
    rules: Rules
    height: float


@dataclass
class OcrPage:
    """A page read by OCR in the PDF reader's terms (y grows upwards), and how far its fragments'
    left edges may stray from their column's (the ``slack`` of ``read_pdf.lay_out``)."""

    lines: list[geometry.TextLine]
    rules: geometry.PageRules
    height: float
    slack: float


def ocr_page(image: Image.Image, dpi: float = 0) -> PageRead:
    """One page picture read by OCR: straightened, its boxes (with the ink the detector missed) and
    its rules."""
    page = prepare(_fit(image, dpi))
    boxes = recognise(page)
    boxes = [_fix_digits(b) for b in boxes + recover_missed(page, boxes)]
    return PageRead(boxes, find_rules(page), page.height)


def read_pages(count: int, load: Callable[[int], Image.Image], *, dpi: float = 0) -> list[PageRead]:
    """Pages ``load(0)`` … ``load(count - 1)`` read by OCR, in order. Each picture is made by
    ``load`` when its page's turn comes and dropped once read; pages are read side by side in page
    processes (``page_pool``) that share the engine loaded here."""
    return map_pages(count, lambda i: ocr_page(load(i), dpi), before_fork=load_engine)


def lay_page(read: PageRead, *, first_id: int = 0, height: float = 0) -> tuple[OcrPage, list[float]]:
    """A page read by OCR in the PDF reader's terms: its lines (in units of ``height`` for the
    page's height when given, else pixels) with box ids from ``first_id`` on, and the confidence of
    each box."""
    boxes = read.boxes
    scale = height / read.height if height else 1.0
    heights = sorted(b.y1 - b.y0 for b in boxes) or [0.0]
    lines, rules, page_height = _page(boxes, read.rules, read.height, first_id=first_id, scale=scale)
    return OcrPage(lines, rules, page_height, _SLACK * heights[len(heights) // 2] * scale), [
        b.confidence for b in boxes
    ]


def text_of(reads: list[PageRead]) -> OcrText:
    """Pages read by OCR, laid out as the PDF reader lays out a text layer."""
    confidence: list[float] = []
    pages = []
    for read in reads:
        page, page_confidence = lay_page(read, first_id=len(confidence))
        pages.append(page)
        confidence += page_confidence
    rows, _ = geometry.lay_out(
        [(p.lines, p.rules, p.height) for p in pages], max((p.slack for p in pages), default=0)
    )
    tokens = geometry.to_tokens(rows, confidence)
    return OcrText(tokens.to_text(), tokens.confidences(), len(pages), tokens)


def docx_pictures_to_text(data: bytes, plain: Callable[[bytes], str]) -> OcrText | None:
    """A .docx whose tables are pictures: each picture replaced by its OCR text where it stands.

    ``plain`` is the .docx text reader; the pictures are swapped for marks in the document part
    before it runs, then each mark's line is replaced by the picture's rows. None when the
    document holds no picture."""
    pictures, marked = _mark_pictures(data)
    if not pictures:
        return None
    lines: list[str] = []
    confidences: list[list[float | None]] = []
    for line in plain(marked).split("\n"):
        m = _MARK_LINE.match(line.strip())
        if m is None:
            lines.append(line)
            confidences.append([])
            continue
        try:
            image = open_image(pictures[int(m.group(1))], "图片")
        except ReportReadError:
            continue  # a picture that is not a bitmap (EMF/WMF): nothing to read
        ocr = text_of([ocr_page(image)])
        lines += ocr.text.rstrip("\n").split("\n")
        confidences += ocr.confidences
    return OcrText("\n".join(lines) + "\n", confidences, len(pictures))


# ------------------------------------------------------------------ confidences on the report


def attach_confidence(report: Report, ocr: OcrText) -> None:
    """Store each cell's OCR confidence in ``report.source`` (parsing the stand-in text)."""
    from .formats import parse_report

    stand_in: list[str] = []
    confidence_of: list[float] = []
    for line, confs in zip(ocr.text.split("\n"), [*ocr.confidences, []], strict=False):
        fields = line.split("\t")
        for i, text in enumerate(fields):
            conf = confs[i] if i < len(confs) else None
            if conf is None or not _NUMBER_FIELD.match(text.strip()):
                continue

            def number(_: re.Match[str], conf: float = conf) -> str:
                confidence_of.append(conf)
                return str(_STAND_IN + len(confidence_of) - 1)

            fields[i] = _NUMBER_TOKEN.sub(number, text)
        stand_in.append("\t".join(fields))
    traced = parse_report("\n".join(stand_in))
    cells: dict[str, float] = {}
    for cell, value in traced.values.items():
        # A value made of more than one stand-in (a total the parser added up) was read from no one box.
        box = int(value) - _STAND_IN if value is not None else -1
        if 0 <= box < len(confidence_of) and report.values.get(cell) is not None:
            cells[cell.path] = round(confidence_of[box], 3)
    report.source["ocr"] = cells
    report.source["ocr_low"] = sorted(p for p, c in cells.items() if c < LOW_CONFIDENCE)
    report.source["path"] = "ocr"


# ------------------------------------------------------------------ likely misreads


def ocr_suspects(report: Report) -> list[Finding]:
    """OCR_SUSPECT: a cell read by OCR that two failing equations (its row's and its column's)
    both want changed by the same amount — the one change that mends both. Proposed, not applied."""
    from .rules import EQUATIONS

    read = report.source.get("ocr") or {}
    failing: dict[Cell, list[tuple[str, int | Decimal]]] = {}
    for eq in EQUATIONS:
        left = [report.values.get(c) for c in eq.left]
        right = [report.values.get(c) for c in eq.right]
        if None in left or None in right:
            continue
        difference = sum(left) - sum(right)  # type: ignore[arg-type]
        if difference == 0:
            continue
        for cell in eq.left:
            failing.setdefault(cell, []).append((eq.scope, -difference))
        for cell in eq.right:
            failing.setdefault(cell, []).append((eq.scope, difference))
    findings = []
    for cell, changes in failing.items():
        value = report.values.get(cell)
        if cell.path not in read or value is None or len(changes) < 2:
            continue
        deltas = {d for _, d in changes}
        if len(deltas) != 1:
            continue
        proposed = value + deltas.pop()
        if proposed < 0:
            continue
        scopes = "与".join(scope for scope, _ in changes)
        findings.append(
            Finding(
                "OCR_SUSPECT",
                f"{cell.label}识别为 {value}（识别置信度 {read[cell.path]:.2f}），可能应为 {proposed}："
                f"按 {proposed} 计算，{scopes}的勾稽关系都能成立。请对照原件核实，系统未修改该数值。",
                (cell,),
                {"read": value, "proposed": proposed, "confidence": read[cell.path]},
            )
        )
    return findings


# ------------------------------------------------------------------ geometry


def _fit(image: Image.Image, dpi: float) -> Image.Image:
    """Small digits are read better when enlarged: a page below ``MIN_DPI`` is scaled up. No page is
    made wider than ``MAX_SIDE``, the most the engine reads: beyond it, pixels are only work."""
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    factor = MIN_DPI / dpi if 0 < dpi < MIN_DPI else 1.0
    factor = min(factor, MAX_SIDE / max(image.width, image.height))
    if abs(factor - 1) > 0.02:
        image = image.resize(
            (round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS
        )
    return image


def _fix_digits(box: Box) -> Box:
    """A box of digit look-alikes alone ("O", "l0") is a number."""
    if (_DIGIT_LIKE.match(box.text) and any(c.isdigit() for c in box.text)) or box.text in ("O", "o"):
        text = box.text.translate(_DIGIT_FIX)
        if text != box.text:
            return Box(box.x0, box.y0, box.x1, box.y1, text, box.confidence)
    return box


def _page(
    boxes: list[Box], rules: Rules, height: float, *, first_id: int, scale: float = 1.0
) -> tuple[list[geometry.TextLine], geometry.PageRules, float]:
    """A page in the PDF reader's terms: y grows upwards, pixels times ``scale``; each fragment
    knows its box (``first_id`` + its index)."""
    # OCR boxes hug the ink; a PDF's character boxes span the whole em. Pad them to the em, so that
    # the gaps between the lines of a wrapped label look as they do in a text layer.
    left = _snap([_left_edge(b) for b in boxes], [b.y1 - b.y0 for b in boxes])
    frags = [
        geometry.Fragment(
            left[i] * scale,
            b.x1 * scale,
            (height - b.y1 - _PAD * (b.y1 - b.y0)) * scale,
            (height - b.y0 + _PAD * (b.y1 - b.y0)) * scale,
            b.text,
            first_id + i,
        )
        for i, b in enumerate(boxes)
    ]
    # A line is the boxes whose centres lie near the mean centre of the line so far: a box that
    # drifts (a merged group label's rest, read a little high) cannot pull the line away from the
    # rest of its row.
    frags.sort(key=lambda f: -f.cy)
    lines: list[geometry.TextLine] = []
    for f in frags:
        h = f.top - f.bottom
        if lines and abs(sum(g.cy for g in lines[-1].frags) / len(lines[-1].frags) - f.cy) <= 0.4 * h:
            line = lines[-1]
            line.frags.append(f)
            line.top, line.bottom = max(line.top, f.top), min(line.bottom, f.bottom)
        else:
            lines.append(geometry.TextLine(f.top, f.bottom, [f]))
    for line in lines:
        line.frags.sort(key=lambda f: f.x0)
    horizontal = sorted(((height - y) * scale, x0 * scale, x1 * scale) for y, x0, x1 in rules.horizontal)
    vertical = sorted(
        (x * scale, (height - y1) * scale, (height - y0) * scale) for x, y0, y1 in rules.vertical
    )
    return lines, geometry.PageRules(horizontal, vertical), height * scale


def _left_edge(box: Box) -> float:
    """Where the box's first character cell begins: a full-width opening bracket or quote has its ink
    in the right half of its cell, so a label starting with "（" looks indented by half a character
    against the wrapped lines of its column."""
    if box.text[:1] in _OPENING:
        return box.x0 - _BEARING * (box.y1 - box.y0)
    return box.x0


def _snap(xs: list[float], heights: list[float]) -> list[float]:
    """Left edges a few pixels apart are one column's edge: each becomes the smallest of its group
    (text-layer edges line up exactly; the PDF geometry compares them as they are)."""
    if not xs:
        return []
    tolerance = 0.3 * sorted(heights)[len(heights) // 2]
    order = sorted(range(len(xs)), key=xs.__getitem__)
    out = list(xs)
    start = xs[order[0]]
    previous = start
    for i in order:
        if xs[i] - previous > tolerance:
            start = xs[i]
        previous = xs[i]
        out[i] = start
    return out


# ------------------------------------------------------------------ pictures inside .docx

_DOC = "word/document.xml"
_RELS = "word/_rels/document.xml.rels"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_EMBED = re.compile(r'(?:r:embed|r:id)="([^"]+)"')
_PICTURE = re.compile(r"<w:r\b(?:(?!</w:r>).)*?(?:<w:drawing\b|<w:pict\b)(?:(?!</w:r>).)*?</w:r>", re.S)


def _mark_pictures(data: bytes) -> tuple[list[bytes], bytes]:
    """The pictures of a .docx in document order, and the package with each one's run replaced by
    a paragraph mark ``⟦ocr:N⟧`` in a paragraph of its own."""
    from lxml import etree

    with zipfile.ZipFile(BytesIO(data)) as archive:
        names = set(archive.namelist())
        if _DOC not in names or _RELS not in names or not any(n.startswith("word/media/") for n in names):
            return [], data
        xml = archive.read(_DOC).decode("utf-8")
        rels = etree.fromstring(archive.read(_RELS))
        targets = {r.get("Id"): r.get("Target", "") for r in rels}
        pictures: list[bytes] = []

        def replace(m: re.Match[str]) -> str:
            for rid in _EMBED.findall(m.group(0)):
                target = "word/" + targets.get(rid, "").lstrip("/").removeprefix("word/")
                if target in names:
                    pictures.append(archive.read(target))
                    mark = _MARK.format(len(pictures) - 1)
                    return f'<w:r><w:br/><w:t xml:space="preserve">{mark}</w:t><w:br/></w:r>'
            return m.group(0)

        marked_xml = _PICTURE.sub(replace, xml)
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in archive.infolist():
                body = marked_xml.encode() if info.filename == _DOC else archive.read(info.filename)
                dst.writestr(info, body)
    return pictures, out.getvalue()
