"""import_report: read, check and store in one transaction; nothing stored on bad input."""

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.report_format import Report, ReportReadError
from gongkai.report_imports.actions.imports import import_report
from gongkai.report_imports.actions.reading import read_upload
from gongkai.report_imports.models import ImportedReport


def test_it_stores_the_canonical_json_with_findings_and_counts(clerk, street, seed):
    imported = import_report(actor=clerk, body=street, data=seed("000"), filename="000.txt", confirmed=True)

    report = Report.from_json(imported.data)
    assert report.year == 2023
    assert imported.body_name == report.body
    assert report.row("new")[0] == 5
    codes = {f.code for f in report.findings}
    assert {"MISSING", "TEXT_SUM"} <= codes
    assert imported.warning_count == sum(f.level == "warning" for f in report.findings)
    assert imported.error_count == sum(f.level == "error" for f in report.findings)


def test_it_reads_the_publication_date(clerk, street, seed):
    imported = import_report(actor=clerk, body=street, data=seed("004"), filename="004.txt", confirmed=True)

    assert imported.year == 2023
    assert imported.published_on.isoformat() == "2024-01-22"


def test_it_keeps_pasted_text_instead_of_a_file(clerk, street, seed):
    imported = import_report(
        actor=clerk, body=street, data=seed("001"), filename="", pasted=True, confirmed=True
    )

    assert imported.pasted_text == seed("001").decode()
    assert imported.filename == "粘贴的文本"
    assert not imported.original


def test_it_stores_nothing_when_the_input_is_not_a_report(clerk, street):
    with pytest.raises(ReportReadError) as raised:
        import_report(actor=clerk, body=street, data=b"\x00\x01\x02" * 1000, filename="x.txt", confirmed=True)

    assert raised.value.message
    assert not ImportedReport.objects.exists()


def test_a_clerk_cannot_import_for_another_body(clerk, other_street, seed):
    with pytest.raises(PermissionDenied):
        import_report(actor=clerk, body=other_street, data=seed("001"), filename="001.txt", confirmed=True)

    assert not ImportedReport.objects.exists()


def test_a_title_longer_than_its_column_is_refused_not_cut(clerk, street, seed):
    """A heading run together with the paragraph below it once made a 600-character title, cut to 300."""
    report = read_upload(seed("000"), "000.txt")
    report.narrative.title = "某某街道办事处2023年政府信息公开工作年度报告" + "根据条例规定" * 60
    length = len(report.narrative.title)
    with pytest.raises(ReportReadError, match=f"“报告标题”最多300字，现在有{length}字") as refused:
        import_report(
            actor=clerk, body=street, data=seed("000"), filename="000.txt", report=report, confirmed=True
        )
    assert "读到的报告标题开头为“某某街道办事处2023年" in refused.value.message
    assert not ImportedReport.objects.exists()


def test_a_body_name_or_a_file_name_longer_than_its_column_is_refused(clerk, street, seed):
    report = read_upload(seed("000"), "000.txt")
    report.body = "某" * 201
    with pytest.raises(ReportReadError, match="“报告中的机关名称”最多200字，现在有201字"):
        import_report(actor=clerk, body=street, data=seed("000"), filename="000.txt", report=report)
    with pytest.raises(ReportReadError, match="“文件名”最多255字，现在有260字"):
        import_report(
            actor=clerk, body=street, data=seed("000"), filename="报" * 256 + ".txt", confirmed=True
        )
    assert not ImportedReport.objects.exists()
