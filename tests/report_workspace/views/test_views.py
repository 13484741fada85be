"""The workspace pages: who sees what, and the forms calling the actions."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from gongkai.report_workspace.actions.reports import compile_report
from gongkai.report_workspace.models import AnnualReport
from tests.report_workspace.chain import publish_signed


@pytest.fixture
def annual(world_2024, clerk, street):
    return compile_report(actor=clerk, body=street, year=2024)


def test_another_bodys_clerk_gets_404_everywhere(annual, other_clerk_client, street):
    for url in (
        f"/yearbook/{annual.pk}/",
        f"/yearbook/{annual.pk}/export/docx/",
        f"/yearbook/body/{street.pk}/",
    ):
        assert other_clerk_client.get(url).status_code == 404
    response = other_clerk_client.post(f"/yearbook/{annual.pk}/sections/", {"overview": "x"})
    assert response.status_code == 404
    assert other_clerk_client.post("/yearbook/compile/", {"body": street.pk, "year": 2024}).status_code == 404


def test_the_workspace_shows_cells_with_their_source_and_the_findings(annual, clerk_client):
    page = clerk_client.get(f"/yearbook/{annual.pk}/").content.decode()
    assert 'data-cell="table3.rows.new.total" data-source="computed" class="num">3<' in page
    assert 'data-code="MISSING"' in page
    assert "（一）主动公开情况" in page


def test_entering_a_number_through_the_form_marks_it_entered(annual, clerk_client):
    response = clerk_client.post(
        f"/yearbook/{annual.pk}/cells/", {"cell": "table2.fees.amount", "value": "1.25", "note": "财政所提供"}
    )
    assert response.status_code == 302
    page = clerk_client.get(f"/yearbook/{annual.pk}/").content.decode()
    assert 'data-source="entered"' in page and "财政所提供" in page
    annual.refresh_from_db()
    assert str(annual.data["table2"]["fees"]["amount"]) == "1.25"


def test_a_bad_number_is_refused_with_a_message(annual, clerk_client):
    response = clerk_client.post(
        f"/yearbook/{annual.pk}/cells/", {"cell": "table2.licensing.decisions", "value": "1.5"}, follow=True
    )
    assert "应为整数" in response.content.decode()


def test_the_list_shows_the_reminder_banner(world_2024, clerk_client):
    # Today is in some year Y ≥ 2026: the report of Y−1 is due 31 January of Y and not published.
    page = clerk_client.get("/yearbook/").content.decode()
    assert 'class="banner reminder' in page and "年政府信息公开工作年度报告应于" in page


def test_the_body_page_charts_compiled_and_imported_years(annual, clerk_client, street):
    page = clerk_client.get(f"/yearbook/body/{street.pk}/").content.decode()
    assert page.count("<svg") == 3 and "<title>依申请公开：各类办理结果（件）</title>" in page
    assert "2023年" in page and "2024年" in page  # imported 2023, compiled 2024
    assert '<th scope="row">予以公开</th>' in page


def test_published_reports_are_downloadable_without_login(annual, client, clerk):
    assert client.get(f"/yearbook/published/{annual.pk}/docx/").status_code == 404
    publish_signed(actor=clerk, annual=annual, on=date(2025, 1, 20))
    response = client.get(f"/yearbook/published/{annual.pk}/docx/")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert AnnualReport.objects.get(pk=annual.pk).status == "published"


def test_importing_another_bodys_report_asks_first_then_notes_it(annual, clerk_client, seed):
    from django.core.files.uploadedfile import SimpleUploadedFile

    held = clerk_client.post(
        f"/yearbook/{annual.pk}/import/", {"file": SimpleUploadedFile("西高皇.txt", seed("001"))}
    )
    assert held.status_code == 409
    page = held.content.decode()
    assert "报告标题中的年度是2023年，不是2024年" in page and "数值尚未导入" in page
    token = page.split('name="token" value="')[1].split('"')[0]

    response = clerk_client.post(
        f"/yearbook/{annual.pk}/import/confirm/", {"token": token, "action": "confirm"}
    )

    assert response.status_code == 302
    workspace = clerk_client.get(f"/yearbook/{annual.pk}/").content.decode()
    assert "经确认导入" in workspace


def test_manual_cells_and_the_log_read_in_chinese_and_beijing_time(annual, clerk_client):
    clerk_client.post(
        f"/yearbook/{annual.pk}/cells/", {"cell": "table2.fees.amount", "value": "3", "note": "财政所"}
    )
    annual.refresh_from_db()
    stamp = annual.sources["table2.fees.amount"]["at"]  # stored as ISO 8601 with its offset

    page = clerk_client.get(f"/yearbook/{annual.pk}/").content.decode()

    row = page.split('data-path="table2.fees.amount">')[1].split("</tr>")[0]
    assert "<td>手工录入</td>" in row and "entered" not in row
    shown = timezone.localtime(datetime.fromisoformat(stamp)).strftime("%Y-%m-%d %H:%M")
    assert f"<td>{shown}</td>" in row and stamp not in page
    assert "从记录统计生成" in page and "cells_entered" not in page and ">compiled" not in page
