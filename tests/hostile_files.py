"""Files built to break a reader, small on disk (issue #17): zip bombs, a PDF whose page tree points to
itself, a 2,000-page PDF, pictures of absurd size, XXE, billion laughs, a report in every encoding,
binary garbage, an empty file. Each is generated in memory in well under a second; none is committed.

``hostile_set(report_text)`` is the set the upload paths and the CLI are tested with: every entry names
what a report reader must answer (a fragment of its Chinese sentence, or ``None``: it is a good report
and must be read)."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_MB = 1024 * 1024
SEED = next((Path(__file__).resolve().parent / "fixtures" / "seeds").glob("000_*.txt"))
CJK = re.compile(r"[\u4e00-\u9fff]")
# Latin words a Chinese message may hold: formats, units, encodings, the parts of a Word package.
LATIN_ALLOWED = {
    *("pdf", "word", "excel", "office", "powerpoint", "docx", "doc", "wps", "xlsx", "csv", "zip", "txt"),
    *("md", "html", "htm", "png", "jpg", "jpeg", "tif", "tiff", "gif", "utf", "gbk", "ocr", "xml"),
    *("content_types", "body", "document", "worksheets", "sheet"),
}


def latin_words(message: str, name: str) -> list[str]:
    """The English words of a message meant to be Chinese (the file's own name aside)."""
    words = re.findall(r"[A-Za-z_]{3,}", message.replace(name, ""))
    return [w for w in words if w.lower() not in LATIN_ALLOWED]


def huge_png(width: int = 20000, height: int = 20000) -> bytes:
    """A grey PNG of ``width``×``height`` blank pixels, a few hundred KB compressed."""
    row = b"\x00" + b"\x00" * width
    packer = zlib.compressobj(9)
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def huge_jpeg(width: int = 60000, height: int = 60000) -> bytes:
    """A real 8×8 JPEG whose frame header (SOF0) claims ``width``×``height`` pixels."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (8, 8)).save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


SELF_REFERENCING_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def text_pdf(pages: int, lines: int = 1) -> bytes:
    """A valid PDF of ``pages`` pages, each with ``lines`` lines of text (one shared content stream)."""
    line = b"(2023 annual report 12 345 6789 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18) Tj 0 -7 Td"
    content = b"BT /F1 6 Tf 20 830 Td " + b" ".join([line] * lines) + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
        + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    objects += [page] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


# ---------------------------------------------------------------- zip bombs


@cache
def _zeros_deflated(megabytes: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``megabytes`` MB of zeros and its CRC-32, built from one compressed
    megabyte repeated (a full flush resets the window, so the blocks can be concatenated)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(b"\x00" * _MB) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.flush(zlib.Z_FINISH)
    crc, one = 0, b"\x00" * _MB
    for _ in range(megabytes):
        crc = zlib.crc32(one, crc)
    return block * megabytes + tail, crc


def _zip(entries: list[tuple[str, bytes]], bombs: dict[str, int], *, lying: bool = False) -> bytes:
    """A zip of ``entries`` (stored as given) and of entries named in ``bombs`` that each inflate to
    that many MB of zeros; with ``lying`` their headers claim 1 KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    central: list[bytes] = []
    body = out.getvalue()
    # Re-write by hand: zipfile cannot take a ready deflate stream, so append the bombs' local
    # headers and data before a new central directory.
    archive = zipfile.ZipFile(io.BytesIO(body))
    end_of_data = archive.start_dir
    data = io.BytesIO(body[:end_of_data])
    data.seek(0, io.SEEK_END)
    for info in archive.infolist():
        central.append(
            _central(info.filename, info.header_offset, info.compress_size, info.file_size, info.CRC)
        )
    for name, megabytes in bombs.items():
        stream, crc = _zeros_deflated(megabytes)
        offset = data.tell()
        encoded = name.encode()
        size = 1024 if lying else megabytes * _MB
        data.write(
            struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(stream), size, len(encoded), 0)
            + encoded
            + stream
        )
        central.append(_central(name, offset, len(stream), size, crc))
    start = data.tell()
    directory = b"".join(central)
    data.write(directory)
    data.write(
        struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), start, 0)
    )
    return data.getvalue()


def _central(name: str, offset: int, compressed: int, size: int, crc: int) -> bytes:
    encoded = name.encode()
    return (
        struct.pack(
            "<4s6H3I5H2I",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            compressed,
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        + encoded
    )


_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(document_xml: str, bombs: dict[str, int] | None = None) -> bytes:
    return _zip(
        [("[Content_Types].xml", _DOCX_TYPES), ("word/document.xml", document_xml.encode())], bombs or {}
    )


def docx_bomb() -> bytes:
    """A .docx whose document.xml inflates to 2 GB (about 2 MB on disk)."""
    return _zip([("[Content_Types].xml", _DOCX_TYPES.encode())], {"word/document.xml": 2048})


def xlsx(
    sheet_xml: str = "", shared_strings: str = "", bombs: dict[str, int] | None = None, *, lying: bool = False
) -> bytes:
    workbook = (
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>'
    )
    root_rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    entries = [
        ("[Content_Types].xml", types.encode()),
        ("_rels/.rels", root_rels.encode()),
        ("xl/workbook.xml", workbook.encode()),
        ("xl/_rels/workbook.xml.rels", rels.encode()),
    ]
    if sheet_xml:
        entries.append(("xl/worksheets/sheet1.xml", sheet_xml.encode()))
    if shared_strings:
        entries.append(("xl/sharedStrings.xml", shared_strings.encode()))
    return _zip(entries, bombs or {}, lying=lying)


def xlsx_bomb() -> bytes:
    """A .xlsx whose sheet inflates to 2 GB."""
    return xlsx(bombs={"xl/worksheets/sheet1.xml": 2048})


def docx_lying_bomb() -> bytes:
    """A .docx whose document.xml claims 1 KB and inflates to 2 GB."""
    return _zip([("[Content_Types].xml", _DOCX_TYPES.encode())], {"word/document.xml": 2048}, lying=True)


def zip_of_bomb(*, lying: bool = False) -> bytes:
    """A .zip (for a batch upload) holding a "report" that inflates to 2 GB (its header honest, or
    claiming 1 KB)."""
    return _zip([], {"2023年报告.txt": 2048}, lying=lying)


# ---------------------------------------------------------------- XML and HTML entities

SECRET_FILE = "/etc/passwd"


@cache
def secret_line() -> str:
    """A line of /etc/passwd, which no XXE may bring into a page, a row or an output."""
    return Path(SECRET_FILE).read_text().splitlines()[0]


_XXE = f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{SECRET_FILE}">]>'
_LAUGHS = (
    '<!DOCTYPE r [<!ENTITY l0 "哈哈">'
    + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)


def docx_xxe() -> bytes:
    return docx(
        f'<?xml version="1.0"?>{_XXE}<w:document {_W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
    )


def docx_laughs() -> bytes:
    return docx(
        f'<?xml version="1.0"?>{_LAUGHS}<w:document {_W}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>'
    )


def html_xxe() -> bytes:
    return f'<?xml version="1.0"?>{_XXE}<html><body><h1>年度报告</h1><p>&xxe;</p></body></html>'.encode()


def html_laughs() -> bytes:
    return f'<?xml version="1.0"?>{_LAUGHS}<html><body><h1>年度报告</h1><p>&l9;</p></body></html>'.encode()


def xlsx_xxe() -> bytes:
    strings = (
        f'<?xml version="1.0"?>{_XXE}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>'
    )
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    )
    return xlsx(sheet, strings)


def xlsx_laughs() -> bytes:
    sheet = (
        f'<?xml version="1.0"?>{_LAUGHS}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>'
    )
    return xlsx(sheet)


# ---------------------------------------------------------------- the set


@dataclass(frozen=True)
class Hostile:
    key: str
    name: str
    data: bytes
    # What a report reader answers: a pattern its Chinese sentence matches; None: a good report, read.
    report: str | None


def garbage(size: int = 64 * 1024) -> bytes:
    """Bytes that look like no format (a fixed pseudo-random sequence, so failures reproduce)."""
    state, out = 0x2545F491, bytearray()
    while len(out) < size:
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        out += state.to_bytes(8, "little")
    return bytes(out[:size])


def hostile_set(report_text: str, oversize: int) -> list[Hostile]:
    """Every hostile file, and a good report (``report_text``) in every encoding a user may have."""
    encoded = [
        ("gbk", report_text.encode("gbk")),
        ("gb18030", report_text.encode("gb18030")),
        ("utf16le-bom", b"\xff\xfe" + report_text.encode("utf-16-le")),
        ("utf16be-bom", b"\xfe\xff" + report_text.encode("utf-16-be")),
        ("utf16le", report_text.encode("utf-16-le")),
        ("utf16be", report_text.encode("utf-16-be")),
        ("utf8-bom", b"\xef\xbb\xbf" + report_text.encode()),
    ]
    files = [Hostile(f"encoding-{k}", f"2023年报告-{k}.txt", d, None) for k, d in encoded]
    mixed = report_text.encode()[:2000] + "中文".encode("gbk") + b"\xff\xfe\x81" + report_text.encode()[2000:]
    return [
        *files,
        Hostile("encoding-big5", "2023年報告-big5.txt", report_text.encode("big5", "replace"), "未能识别"),
        Hostile("encoding-mixed", "2023年报告-mixed.txt", mixed, ""),
        Hostile("docx-bomb", "bomb.docx", docx_bomb(), "疑似压缩炸弹"),
        Hostile("docx-lying-bomb", "lying.docx", docx_lying_bomb(), "疑似压缩炸弹"),
        Hostile(
            "xlsx-lying-bomb",
            "lying.xlsx",
            xlsx(bombs={"xl/worksheets/sheet1.xml": 2048}, lying=True),
            "不支持|只能上传",
        ),
        Hostile("xlsx-bomb", "bomb.xlsx", xlsx_bomb(), "不支持|只能上传"),
        Hostile("pdf-loop", "loop.pdf", SELF_REFERENCING_PDF, "PDF 文件结构损坏"),
        Hostile("pdf-2000", "2000.pdf", text_pdf(2000), "超过 300 页"),
        Hostile("png-bomb", "scan.png", huge_png(), "图片过大"),
        Hostile("jpeg-huge", "scan.jpg", huge_jpeg(), "图片过大"),
        Hostile("docx-xxe", "xxe.docx", docx_xxe(), ""),
        Hostile("html-xxe", "xxe.html", html_xxe(), ""),
        Hostile("xlsx-xxe", "xxe.xlsx", xlsx_xxe(), "不支持|只能上传"),
        Hostile("docx-laughs", "laughs.docx", docx_laughs(), ""),
        Hostile("xlsx-laughs", "laughs.xlsx", xlsx_laughs(), "不支持|只能上传"),
        Hostile("html-laughs", "laughs.html", html_laughs(), ""),
        Hostile("garbage-docx", "garbage.docx", garbage(), ""),
        Hostile("garbage-pdf", "garbage.pdf", b"%PDF-1.7\n" + garbage(), ""),
        Hostile("garbage-txt", "garbage.txt", garbage(), ""),
        Hostile("empty", "empty.txt", b"", "空"),
        Hostile("oversize", "big.pdf", b"%PDF-1.7\n" + b"0" * oversize, "过大"),
    ]
