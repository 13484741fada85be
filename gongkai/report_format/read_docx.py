"""A Word (.docx) report as text in the tab-separated layout the text parser reads.

The body is walked in document order: a paragraph becomes a line, a table row becomes a line of
tab-separated cell texts. As in Word's own text export, a horizontally merged cell (one ``w:tc``
with ``w:gridSpan``) appears once and a vertically merged continuation cell (``w:vMerge`` without
``restart``) is empty. A cell that holds a nested table is opened up: its content follows as lines
of its own, since a report is often laid inside a one-cell layout table.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from io import BytesIO

from docx.oxml.ns import nsmap, qn
from lxml import etree

from .errors import ReportReadError, log_cause

MAX_PART_XML = 50 * 1024 * 1024  # word/document.xml, or any other XML part
MAX_TOTAL_UNCOMPRESSED = 500 * 1024 * 1024
_MB = 1024 * 1024
_NOT_DOCX = "文件不是有效的 Word (.docx) 文档："
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTENT_TYPES = "[Content_Types].xml"
_MAIN_PART = "word/document.xml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_TC_PR, _V_MERGE, _VAL = qn("w:tcPr"), qn("w:vMerge"), qn("w:val")
_T = qn("w:t")
_TAB = qn("w:tab")
# Visible text of a paragraph: runs anywhere in it (hyperlinks, insertions, smart tags, fields),
# except deleted or moved-away text and text boxes anchored in it.
_RUN_TEXT = etree.XPath(
    ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent)]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr]",
    namespaces={"w": nsmap["w"]},
)


def docx_to_text(data: bytes) -> str:
    """The document's paragraphs and table rows as lines, table cells separated by tabs.

    Only ``word/document.xml`` is parsed (with a plain lxml parser): loading the whole package
    through python-docx costs three times as much and reads nothing the text needs.
    """
    _check_package(data)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            xml = archive.read(_main_part(archive))
    except KeyError as exc:
        raise ReportReadError(_NOT_DOCX + "这是其他类型的 Office 文件（如 Excel 或 PowerPoint）。") from exc
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        log_cause("docx", exc)
        raise ReportReadError(_NOT_DOCX + "文档结构不完整，压缩包已损坏。") from None
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        log_cause("docx", exc)
        if "amplification" in str(exc) or "entity" in str(exc).lower():
            raise ReportReadError(
                _NOT_DOCX + "文档中的实体定义层层展开（疑似“十亿笑声”攻击），已拒绝读取。"
            ) from None
        raise ReportReadError(_NOT_DOCX + "文档内容已损坏，不是完整的 XML。") from None
    if root is None or root.tag != qn("w:document"):
        raise ReportReadError(_NOT_DOCX + "这是其他类型的 Office 文件（如 Excel 或 PowerPoint）。")
    body = root.find(qn("w:body"))
    if body is None:
        raise ReportReadError(_NOT_DOCX + "文档中没有正文（w:body）。")
    return "\n".join(_lines(body)) + "\n"


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships (nearly always word/document.xml)."""
    try:
        rels = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return _MAIN_PART
    for rel in rels:
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", _MAIN_PART).lstrip("/")  # type: ignore[no-any-return]
    raise KeyError("officeDocument")


def _check_package(data: bytes) -> None:
    """Refuse what is not an Office zip, and zip bombs, before python-docx inflates every part."""
    if data[:8] == _OLE_MAGIC:
        raise ReportReadError(_NOT_DOCX + "这是旧版 Word (.doc) 文件，请在 Word 中另存为 .docx 后再导入。")
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as exc:
        log_cause("docx", exc)
        raise ReportReadError(_NOT_DOCX + "无法作为 zip 压缩包打开。") from None
    if not any(i.filename == _CONTENT_TYPES for i in infos):
        raise ReportReadError(_NOT_DOCX + "压缩包中没有 Office 文档结构（[Content_Types].xml）。")
    for info in infos:
        if info.compress_size > info.file_size + info.file_size // 100 + 1024:  # deflate never grows so
            raise ReportReadError(
                f"Word 文档中 {info.filename} 的大小记录与实际不符（压缩后反而更大），疑似压缩炸弹，已拒绝读取。"
            )
        if info.filename.endswith(".xml") and info.file_size > MAX_PART_XML:
            raise ReportReadError(
                f"Word 文档的 {info.filename} 解压后超过 {MAX_PART_XML // _MB} MB，疑似压缩炸弹，已拒绝读取。"
            )
    if sum(i.file_size for i in infos) > MAX_TOTAL_UNCOMPRESSED:
        raise ReportReadError(f"Word 文档解压后总大小超过 {MAX_TOTAL_UNCOMPRESSED // _MB} MB，已拒绝读取。")


def _children(element: etree._Element, *tags: str) -> Iterator[etree._Element]:
    """Children with these tags in order, also those wrapped in content controls or custom XML."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, *tags)
        elif child.tag == _CUSTOM_XML:
            yield from _children(child, *tags)


def _lines(container: etree._Element) -> Iterator[str]:
    for block in _children(container, _P, _TBL):
        if block.tag == _P:
            yield paragraph_text(block).strip()
        else:
            yield from _table_lines(block)


def _table_lines(tbl: etree._Element) -> Iterator[str]:
    for tr in _children(tbl, _TR):
        tcs = list(_children(tr, _TC))
        if any(tc.find(f".//{_TBL}") is not None for tc in tcs):
            for tc in tcs:
                if not _continues_above(tc):
                    yield from _lines(tc)
            continue
        yield "\t".join("" if _continues_above(tc) else _cell_text(tc) for tc in tcs)


def _continues_above(tc: etree._Element) -> bool:
    """A ``w:vMerge`` without ``w:val="restart"`` continues the merged cell above."""
    pr = tc.find(_TC_PR)
    merge = pr.find(_V_MERGE) if pr is not None else None
    return merge is not None and merge.get(_VAL, "continue") != "restart"


def _cell_text(tc: etree._Element) -> str:
    """A cell's paragraphs joined without line breaks, so that one cell stays one field."""
    text = "".join(paragraph_text(p) for p in _children(tc, _P))
    return text.replace("\n", "").replace("\t", " ").strip()


def paragraph_text(p: etree._Element) -> str:
    """A ``w:p`` as text: tabs as ``\\t``, line breaks as ``\\n``."""
    out = []
    for el in _RUN_TEXT(p):
        if el.tag == _T:
            out.append(el.text or "")
        else:
            out.append("\t" if el.tag == _TAB else "\n")
    return "".join(out)
