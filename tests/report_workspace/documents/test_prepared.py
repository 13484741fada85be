"""The annual report's PDF made in the background: the staff PDF re-checks the person who asked when it
runs; the public PDF is made once per published edition and fails once the edition is gone. The PDF
stored is opened back (pypdfium2, the project's own PDF reader)."""

import shutil
from datetime import date

import pypdfium2
import pytest

from gongkai.bodies.actions.staff import remove_membership
from gongkai.prepared.models import PreparedFile
from gongkai.prepared.tasks import produce
from gongkai.report_workspace.actions.reports import compile_report, withdraw_report
from gongkai.report_workspace.documents import prepared
from tests.report_workspace.chain import publish_signed

S = PreparedFile.State
needs_office = pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice")


@pytest.fixture
def annual(world_2024, clerk, street):
    return compile_report(actor=clerk, body=street, year=2024)


def pdf_text(item: PreparedFile) -> str:
    with item.file.open("rb") as f:
        document = pypdfium2.PdfDocument(f.read())
    return "".join("".join(page.get_textpage().get_text_range().split()) for page in document)


@needs_office
def test_the_staff_pdf_is_stored_and_reads_back(annual, clerk):
    item = produce.prepare(actor=clerk, kind=prepared.STAFF_PDF, params={"pk": annual.pk}, title="PDF")
    produce.run(item.pk)
    item.refresh_from_db()
    assert item.state == S.DONE, item.error
    assert (item.filename, item.content_type) == (
        "只楚街道办事处2024年政府信息公开工作年度报告.pdf",
        "application/pdf",
    )
    text = pdf_text(item)
    assert "只楚街道办事处2024年政府信息公开工作年度报告" in text and "共收到政府信息公开申请3件" in text


def test_a_clerk_who_left_the_body_before_the_worker_ran_gets_no_pdf(annual, clerk):
    item = produce.prepare(actor=clerk, kind=prepared.STAFF_PDF, params={"pk": annual.pk}, title="PDF")
    remove_membership(actor=None, membership=clerk.memberships.get())
    produce.run(item.pk)
    item.refresh_from_db()
    assert (item.state, item.error) == (S.FAILED, produce.NO_ACCESS)


def test_without_libreoffice_the_file_fails_with_the_reason(annual, clerk, monkeypatch):
    monkeypatch.setattr("gongkai.report_workspace.documents.export.soffice", lambda: None)
    item = produce.prepare(actor=clerk, kind=prepared.STAFF_PDF, params={"pk": annual.pk}, title="PDF")
    produce.run(item.pk)
    item.refresh_from_db()
    assert (item.state, item.error) == (S.FAILED, "服务器未安装 LibreOffice，无法生成 PDF")


def test_the_public_pdf_of_a_withdrawn_edition_is_not_made(annual, clerk, leader):
    published = publish_signed(actor=clerk, annual=annual, on=date(2025, 1, 20))
    params = prepared.edition_params(published)
    item = produce.prepare(actor=None, kind=prepared.PUBLIC_PDF, params=params, title="PDF")
    withdraw_report(actor=leader, annual=published, reason="数字有误，撤回更正")
    produce.run(item.pk)
    item.refresh_from_db()
    assert (item.state, item.error) == (S.FAILED, prepared.GONE)
