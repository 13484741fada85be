"""Batch import: many files in parallel, failures reported per file, results resumable."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gongkai.report_format.batch import (
    Limits,
    failure_message,
    find_files,
    import_file,
    iter_journal,
    limit_message,
    read_journal,
    run_batch,
)
from gongkai.report_format.cli_import import format_summary, write_csv, write_xlsx
from gongkai.report_format.layout import ALL_CELLS
from gongkai.report_format.render import render_docx
from gongkai.report_format.render.text import render_tsv
from gongkai.report_format.sample import random_report
from tests.report_format.corpus import gov_page


def a_folder(root: Path) -> Path:
    rng = random.Random(4)
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(render_tsv(random_report(rng)), encoding="utf-8")
    (root / "sub" / "b.docx").write_bytes(render_docx(random_report(rng)))
    (root / "sub" / "c.htm").write_bytes(gov_page(random_report(rng), rng))
    (root / "sub" / "not-a-report.txt").write_text("今天天气很好。\n", encoding="utf-8")
    (root / "sub" / "broken.docx").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    (root / "sub" / "ignored.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


def test_folders_are_searched_recursively_for_report_files(tmp_path: Path):
    names = [f.name for f in find_files([a_folder(tmp_path / "in")])]
    assert names == ["a.txt", "b.docx", "broken.docx", "c.htm", "not-a-report.txt"]


def test_a_batch_reads_what_it_can_and_says_why_for_the_rest(tmp_path: Path):
    files = find_files([a_folder(tmp_path / "in")])
    journal = tmp_path / "out.jsonl"
    summary = run_batch(files, journal, workers=2)
    assert summary.total == 5 and len(summary.failures) == 2
    assert summary.formats == {"text": 2, "docx": 2, "html": 1}
    reasons = dict(summary.failures)
    assert "未能识别为政府信息公开工作年度报告" in reasons[str(tmp_path / "in" / "sub" / "not-a-report.txt")]
    records = read_journal(journal)
    assert sum(r["ok"] for r in records) == 3
    assert all(json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines())
    assert "无法读取 2 份" in format_summary(summary, journal)


def test_resume_skips_files_already_done_and_redoes_changed_ones(tmp_path: Path):
    files = find_files([a_folder(tmp_path / "in")])
    journal = tmp_path / "out.jsonl"
    run_batch(files, journal)
    again = run_batch(files, journal, resume=True)
    assert again.total == 0 and again.skipped == 5
    (tmp_path / "in" / "a.txt").write_text(render_tsv(random_report(random.Random(9))), encoding="utf-8")
    changed = run_batch(files, journal, resume=True)
    assert changed.total == 1 and changed.skipped == 4
    assert len(read_journal(journal)) == 6


def test_the_workers_live_for_the_whole_batch(tmp_path: Path):
    # 120 files, more than the 50 after which workers used to be replaced: two workers read them all.
    rng = random.Random(12)
    for i in range(120):
        (tmp_path / f"{i:03d}.txt").write_text(render_tsv(random_report(rng)), encoding="utf-8")
    journal = tmp_path / "out.jsonl"
    summary = run_batch(find_files([tmp_path]), journal, workers=2)
    records = read_journal(journal)
    assert summary.total == 120 and all(r["ok"] for r in records)
    assert len({r["worker"] for r in records}) <= 2


def test_the_journal_is_read_back_one_record_at_a_time(tmp_path: Path):
    journal = tmp_path / "out.jsonl"
    journal.write_text("".join(json.dumps({"n": n}) + "\n" for n in range(3)), encoding="utf-8")
    records = iter_journal(journal)
    assert next(records) == {"n": 0}
    with journal.open("a", encoding="utf-8") as f:  # written after reading began: still read
        f.write('{"n": 3}\n{"cut off by a stop\n')
    assert [r["n"] for r in records] == [1, 2, 3]


def test_a_file_over_the_time_limit_is_skipped_with_a_reason(tmp_path: Path):
    # A real 5 MB text of report-like lines takes the parser longer than a millisecond.
    big = tmp_path / "big.txt"
    big.write_text(render_tsv(random_report(random.Random(1))) * 1500, encoding="utf-8")
    record = import_file(str(big), Limits(seconds=0.001, memory_mb=0))
    assert not record["ok"] and record["error"] == "处理超时（超过 0.001 秒），已跳过。"


@pytest.mark.parametrize(
    ("error", "limits", "message"),
    [
        (MemoryError(), Limits(2.5, 64), "读取时内存超过 64 MB，可能是压缩炸弹或超大文件，已跳过。"),
        (RecursionError(), Limits(2.5, 64), "文件结构嵌套过深，无法解析，已跳过。"),
        (
            None,
            Limits(2.5, 64),
            "读取进程异常退出（超过 2.5 秒未完成，或内存超过 64 MB），已跳过。请检查文件是否损坏。",
        ),
        (None, Limits(0, 64), "读取进程异常退出（内存超过 64 MB），已跳过。请检查文件是否损坏。"),
        (None, Limits(0, 0), "读取进程异常退出，已跳过。请检查文件是否损坏。"),
    ],
)
def test_a_limit_is_named_with_its_value(error, limits, message):
    """The batch and the upload sandbox word a limit alike (the time limit: the test above); only what
    became of the file differs."""
    assert limit_message(error, limits, "已跳过") == message


def test_csv_has_one_row_per_file_and_cell_and_xlsx_one_row_per_file(tmp_path: Path):
    files = find_files([a_folder(tmp_path / "in")])
    journal = tmp_path / "out.jsonl"
    run_batch(files, journal)
    records = read_journal(journal)
    write_csv(records, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3 * len(ALL_CELLS) + 2
    write_xlsx(records, tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx").active
    assert sheet.max_row == 1 + 5


def test_an_unexpected_parser_error_is_a_chinese_sentence_without_class_name_or_text(tmp_path, monkeypatch):
    from gongkai.report_format import batch

    def broken(path):
        raise KeyError("internal detail at 0x7f00")

    monkeypatch.setattr(batch, "read_path", broken)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    record = import_file(str(tmp_path / "a.txt"))
    assert record["ok"] is False
    assert record["error"] == "文件无法解析，可能已损坏或不是受支持的格式，已跳过。"


def test_workers_are_reduced_when_memory_is_short(monkeypatch):
    from gongkai.report_format import batch

    monkeypatch.setattr(batch, "_available_mb", lambda: 2 * batch.WORKER_RESIDENT_MB + 10)
    assert batch.affordable_workers(8) == 2
    monkeypatch.setattr(batch, "_available_mb", lambda: 100)
    assert batch.affordable_workers(8) == 1
    monkeypatch.setattr(batch, "_available_mb", lambda: None)
    assert batch.affordable_workers(8) == 8


@pytest.mark.ocr
@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) 未安装")
def test_a_scanned_report_is_read_with_the_default_limits_and_two_workers(tmp_path: Path):
    from tests.report_format.corpus import scan_pdf, write_corpus

    pdf = write_corpus(tmp_path / "src", 1, seed=21, formats=["pdf"])["pdf"][0]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "扫描件.pdf").write_bytes(scan_pdf(pdf.read_bytes(), 300, random.Random(1)))
    (folder / "digital.pdf").write_bytes(pdf.read_bytes())
    journal = tmp_path / "out.jsonl"

    summary = run_batch(find_files([folder]), journal, workers=2)  # the defaults of `gongkai report import`

    records = {Path(r["file"]).name: r for r in read_journal(journal)}
    assert summary.failures == []
    assert records["扫描件.pdf"]["ok"] and records["扫描件.pdf"]["report"]["source"]["path"] == "ocr"


def test_the_alarm_going_off_inside_a_ctypes_call_is_still_a_time_out():
    """pypdfium2 hands pdfium its objects through ``_as_parameter_``: an alarm that goes off there
    reaches the reader as ctypes' ArgumentError, which must still read as the time limit."""
    import ctypes

    from gongkai.report_format.batch import LIMIT_ERRORS

    class Page:
        @property
        def _as_parameter_(self):
            raise LIMIT_ERRORS[0]  # what the alarm raises

    with pytest.raises(ctypes.ArgumentError) as caught:
        ctypes.CDLL(None).abs(Page())

    assert (
        failure_message(caught.value, Limits(seconds=2), "已停止读取")
        == "处理超时（超过 2 秒），已停止读取。"
    )
