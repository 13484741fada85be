"""Labelled documents for the import tests and bench/parse_accuracy.py: random reports in every format.

Each document ``NNNN.<ext>`` has its truth beside it as ``NNNN.truth.json`` (the report's canonical
JSON). Reports come from ``sample.random_report``; files from the project's own renderers:

* ``docx`` — ``render_docx``, in two table styles: the official one (ruled, cells centred
  vertically) and a plain one (no ruling lines, cells at the top, larger table text so more
  labels wrap);
* ``pdf`` — those .docx converted by LibreOffice (``soffice --convert-to pdf``), when installed;
* ``html`` — ``render_html``'s article inside a fake government site (navigation, banner,
  footer, a side list of links), encoded GBK with a ``<meta>`` charset half of the time;
* ``txt`` — tab-separated, one cell per line or markdown, in turn;
* ``scan300``, ``scan150`` — those PDFs printed and scanned: each page rasterised at 300 or 150 dpi
  (pypdfium2), with grey noise, a tilt of up to ±1° and JPEG artefacts (Pillow), saved as a PDF of
  pictures without text (needs LibreOffice too); ``mixed_pdf`` scans only some pages of a PDF.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from gongkai.report_format.model import Report
from gongkai.report_format.render import render_docx, render_html, render_markdown
from gongkai.report_format.render.text import render_cells, render_tsv
from gongkai.report_format.sample import random_report

FORMATS = ("docx", "pdf", "html", "txt")
SCAN_FORMATS = {"scan300": 300, "scan150": 150}
TRUTH_SUFFIX = ".truth.json"
_TXT_LAYOUTS = (render_tsv, render_cells, render_markdown)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def plain_table_style(docx: bytes) -> bytes:
    """The same document with borderless tables, cells aligned at the top and 10.5 pt table text."""
    import zipfile
    from io import BytesIO

    src = zipfile.ZipFile(BytesIO(docx))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode()
                xml = xml.replace('<w:vAlign w:val="center"/>', '<w:vAlign w:val="top"/>')
                xml = re.sub(r'<w:tblStyle w:val="[^"]*"/>', "", xml)
                data = xml.encode()
            elif info.filename == "word/styles.xml":
                # The table text style is 9 pt (sz 18); 10.5 pt makes long labels wrap more.
                data = data.replace(b'<w:sz w:val="18"/>', b'<w:sz w:val="21"/>')
            dst.writestr(info, data)
    return out.getvalue()


_NAV = ("首页", "政务公开", "政府信息公开", "政务服务", "互动交流", "走进本区", "专题专栏")
_SIDE = ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开")


def gov_page(report: Report, rng: random.Random) -> bytes:
    """The report as a saved page of a government website, with its chrome around the article."""
    gbk = rng.random() < 0.5
    if gbk:
        meta = rng.choice(
            (
                '<meta charset="gb2312">',
                '<meta http-equiv="Content-Type" content="text/html; charset=GBK">',
            )
        )
    else:
        meta = '<meta charset="utf-8">'
    nav = "".join(f'<li><a href="/{i}/">{t}</a></li>' for i, t in enumerate(_NAV))
    side = "".join(f'<li><a href="/xxgk/{i}.html">{t}</a></li>' for i, t in enumerate(_SIDE))
    related = "".join(
        f'<li><a href="/n/{i}.html">{report.body}关于第{i}批政务公开事项的通知</a><span>2024-0{i}-1{i}</span></li>'
        for i in range(1, 6)
    )
    page = (
        f"<!DOCTYPE html>\n<html>\n<head>\n{meta}\n<title>{report.body}-政府信息公开</title>\n"
        '<script>var _hmt = _hmt || []; function go(){ return "首页"; }</script>\n'
        "<style>.nav li{float:left}</style>\n</head>\n<body>\n"
        f'<div class="header"><div class="logo">{report.body}</div><div class="search">'
        '<input type="text" value="请输入关键字"><button>搜索</button></div></div>\n'
        f'<div class="nav"><ul>{nav}</ul></div>\n'
        '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a>'
        " &gt; 政府信息公开年报</div>\n"
        f'<div class="main"><div class="left"><ul>{side}</ul></div>\n'
        f'<div class="content"><div class="info">发布时间：{report.published_on} 来源：{report.body}'
        " 字号：[大 中 小]</div>\n"
        f"{render_html(report, standalone=False)}</div></div>\n"
        f'<div class="related"><h3>相关文章</h3><ul>{related}</ul></div>\n'
        '<div class="footer"><p>主办单位：' + (report.body or "") + " 地址：某某路1号 电话：0631-1234567</p>"
        "<p>网站标识码：3710020001 鲁ICP备05012345号 鲁公网安备 37100202000123号</p></div>\n"
        "</body>\n</html>\n"
    )
    return page.encode("gbk") if gbk else page.encode()


def write_corpus(
    out: Path, n: int, *, seed: int = 2024, formats: Iterable[str] = FORMATS
) -> dict[str, list[Path]]:
    """Write ``n`` documents of each format under ``out/<format>/``; returns the files by format."""
    formats = tuple(formats)
    rng = random.Random(seed)
    files: dict[str, list[Path]] = {f: [] for f in formats}
    docx_for_pdf: list[Path] = []
    scans = [f for f in formats if f in SCAN_FORMATS]
    pdf_dir = out / "pdf" if "pdf" in formats else Path(tempfile.mkdtemp(prefix="gongkai-scan-"))
    for f in formats:
        (out / f).mkdir(parents=True, exist_ok=True)
    for i in range(n):
        report = random_report(rng)
        truth = report.dumps()
        stem = f"{i:04d}"
        docx = render_docx(report)
        if i % 2:
            docx = plain_table_style(docx)
        if scans or "pdf" in formats:
            path = pdf_dir / f"{stem}.docx"
            path.write_bytes(docx)
            docx_for_pdf.append(path)
        for fmt in formats:
            if fmt in SCAN_FORMATS or fmt == "pdf":
                (out / fmt / f"{stem}{TRUTH_SUFFIX}").write_text(truth, encoding="utf-8")
                continue
            path = out / fmt / f"{stem}.{fmt}"
            if fmt == "docx":
                path.write_bytes(docx)
            elif fmt == "html":
                path.write_bytes(gov_page(report, rng))
            else:
                path.write_text(_TXT_LAYOUTS[i % len(_TXT_LAYOUTS)](report), encoding="utf-8")
            (out / fmt / f"{stem}{TRUTH_SUFFIX}").write_text(truth, encoding="utf-8")
            files[fmt].append(path)
    if docx_for_pdf:
        pdfs = docx_to_pdf(docx_for_pdf, pdf_dir)
        for path in docx_for_pdf:
            path.unlink()
        if "pdf" in formats:
            files["pdf"] = pdfs
        for fmt in scans:
            scan_rng = random.Random(f"{seed}-{fmt}")
            for pdf in pdfs:
                path = out / fmt / pdf.name
                path.write_bytes(scan_pdf(pdf.read_bytes(), SCAN_FORMATS[fmt], scan_rng))
                files[fmt].append(path)
        if "pdf" not in formats:
            shutil.rmtree(pdf_dir, ignore_errors=True)
    return files


def scan_pdf(pdf: bytes, dpi: int, rng: random.Random) -> bytes:
    """A PDF as if printed and scanned: pictures of its pages, noisy, tilted, JPEG-compressed."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for i in range(len(document)):
            image = document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            noisy = np.asarray(image, dtype=np.float32) + np.random.default_rng(rng.randrange(2**32)).normal(
                0, 12, (image.height, image.width)
            )
            image = Image.fromarray(noisy.clip(0, 255).astype(np.uint8))
            image = image.rotate(rng.uniform(-1, 1), resample=Image.Resampling.BILINEAR, fillcolor=255)
            buffer = BytesIO()
            image.save(buffer, "JPEG", quality=rng.randint(50, 75))
            pages.append(Image.open(BytesIO(buffer.getvalue())))
    finally:
        document.close()
    out = BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()


def mixed_pdf(pdf: bytes, scanned: Iterable[int], dpi: int, rng: random.Random) -> bytes:
    """The PDF with the pages numbered in ``scanned`` (0-based) swapped for their scans (``scan_pdf``):
    a digital report with some pages printed and scanned back in."""
    import pypdfium2 as pdfium

    text = pdfium.PdfDocument(pdf)
    scan = pdfium.PdfDocument(scan_pdf(pdf, dpi, rng))
    out = pdfium.PdfDocument.new()
    try:
        scanned = set(scanned)
        for i in range(len(text)):
            out.import_pages(scan if i in scanned else text, [i])
        buffer = BytesIO()
        out.save(buffer)
    finally:
        out.close()
        scan.close()
        text.close()
    return buffer.getvalue()


def docx_to_pdf(paths: list[Path], outdir: Path, *, timeout: float = 600) -> list[Path]:
    """Convert .docx files to PDF with one LibreOffice run (one start-up for all of them)."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="gongkai-lo-") as profile:
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    return [outdir / f"{p.stem}.pdf" for p in paths]


def truth_of(path: Path) -> Report:
    stem = path.name.split(".")[0]
    return Report.loads((path.parent / f"{stem}{TRUTH_SUFFIX}").read_text(encoding="utf-8"))


# Table styles for reports printed to PDF by Chromium: with ruling lines (as Word and WPS draw cell
# borders), and with no border or background at all (no vector path on any page).
PDF_STYLES = {
    "no_lines": "<style>*{border:none !important;background:none !important;box-shadow:none !important}</style>",
    "ruled": "<style>table,td,th{border:1px solid #000 !important;border-collapse:collapse}</style>",
}


def chromium_pdf(html: str, pdf: Path, *, timeout: float = 300) -> bytes:
    """``html`` printed to ``pdf`` by headless Chromium (no header or footer); the PDF's bytes."""
    source = pdf.with_suffix(".html")
    source.write_text(html, encoding="utf-8")
    subprocess.run(
        [
            shutil.which("chromium") or "/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            str(source),
        ],
        capture_output=True,
        timeout=timeout,
        check=True,
    )
    return pdf.read_bytes()
