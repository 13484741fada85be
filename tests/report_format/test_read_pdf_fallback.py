"""pdfplumber's second opinion runs only where it can change the result: a PDF with vector paths.

The PDFs are printed by headless Chromium from the report's HTML: once with the table borders
(ruling lines, as Word and WPS draw them) and once without any border or background (no vector
path on any page).
"""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from gongkai.report_format import page_layout, read_bytes, read_pdf, read_pdf_tables
from gongkai.report_format.layout import TABLE_CELLS
from gongkai.report_format.render.html import render_html
from gongkai.report_format.sample import random_report
from gongkai.report_format.tokens import Tokens
from tests.report_format.corpus import PDF_STYLES, chromium_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("chromium") is None and not Path("/usr/bin/chromium").exists(),
    reason="Chromium 未安装，无法生成 PDF",
)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    tmp = tmp_path_factory.mktemp("printed")
    html = render_html(random_report(random.Random(7)))
    return {name: chromium_pdf(style + html, tmp / f"{name}.pdf") for name, style in PDF_STYLES.items()}


def _fast_path_losing_table3(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path as if it had failed on table 3: its lines between the two headings dropped."""
    real = read_pdf.pdf_to_text

    def losing(data: bytes, name: str = "PDF") -> read_pdf.PdfText:
        pdf = real(data, name)
        assert pdf.tokens is not None
        lines = pdf.tokens.lines
        start = next(i for i, ln in enumerate(lines) if ln.text.startswith("三、"))
        end = next(i for i, ln in enumerate(lines) if ln.text.startswith("四、"))
        tokens = Tokens(lines[: start + 1] + lines[end:])
        return replace(pdf, text=tokens.to_text(), tokens=tokens)

    monkeypatch.setattr(read_pdf, "pdf_to_text", losing)


def _count_slow_path(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    calls: list[bytes] = []
    real = read_pdf_tables.pdf_tables_text

    def counted(data: bytes) -> str:
        calls.append(data)
        return real(data)

    monkeypatch.setattr(read_pdf_tables, "pdf_tables_text", counted)
    return calls


def test_without_vector_paths_pdfplumber_finds_no_table(printed: dict[str, bytes], tmp_path: Path):
    # The rule's premise: pdfplumber's finder builds tables from the edges of vector paths only.
    (tmp_path / "a.pdf").write_bytes(printed["no_lines"])
    with pdfplumber.open(tmp_path / "a.pdf") as pdf:
        assert [len(page.find_tables()) for page in pdf.pages] == [0] * len(pdf.pages)
    (tmp_path / "b.pdf").write_bytes(printed["ruled"])
    with pdfplumber.open(tmp_path / "b.pdf") as pdf:
        assert sum(len(page.find_tables()) for page in pdf.pages) > 0


def test_a_table_left_unread_in_a_pdf_without_lines_does_not_run_pdfplumber(printed, monkeypatch):
    _fast_path_losing_table3(monkeypatch)
    calls = _count_slow_path(monkeypatch)
    report = read_bytes(printed["no_lines"], "无表格线.pdf")
    assert calls == []
    assert report.source["path"] == "lines" and "slow_path_tried" not in report.source
    assert report.source["tables"]["table3"] != "text"  # the fast path's reading, as it was


def test_a_table_left_unread_in_a_ruled_pdf_still_gets_pdfplumbers_reading(printed, monkeypatch):
    _fast_path_losing_table3(monkeypatch)
    calls = _count_slow_path(monkeypatch)
    report = read_bytes(printed["ruled"], "有表格线.pdf")
    assert len(calls) == 1
    assert report.source["path"] == "pdfplumber" or report.source.get("slow_path_tried") == "pdfplumber"


def test_the_borderless_print_reads_table_four_on_the_fast_path(printed: dict[str, bytes]) -> None:
    """Its row of values ("0 0 … 1 2" drawn cell by cell, read as one run of digits) sits in the
    bottom margin of its page: it is a table row, not a page number (at most 4 digits)."""
    truth = random_report(random.Random(7))
    report = read_bytes(printed["no_lines"], "x.pdf")
    assert report.source["path"] != read_pdf_tables.PATH  # the fast path's own reading
    assert report.source["tables"]["table4"] != "absent"
    cells = TABLE_CELLS["table4"]
    assert [report.values.get(c) for c in cells] == [truth.values.get(c) for c in cells]


@pytest.mark.parametrize("footer", ["3", "— 12 —", "-2-", "第 3 页", "2/5"])
def test_page_numbers_are_still_page_numbers(footer: str) -> None:
    assert page_layout._PAGE_NUMBER.match(footer)


def test_a_run_of_digits_longer_than_a_page_number_is_not_one() -> None:
    assert not page_layout._PAGE_NUMBER.match("000000000001012")
