"""The PDF buttons: on the workspace a POST queues the file and leads to its status page (a GET shows
the button); on the portal the published edition's PDF waits on a page that refreshes itself, is made
once and then served to everyone."""

import shutil
from datetime import date

import pytest
from django.urls import reverse

from gongkai.prepared.models import PreparedFile
from gongkai.report_workspace.actions.reports import compile_report
from gongkai.report_workspace.documents import prepared
from tests.prepared.helpers import run_waiting
from tests.report_workspace.chain import publish_signed

S = PreparedFile.State
needs_office = pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice")


@pytest.fixture
def annual(world_2024, clerk, street):
    return compile_report(actor=clerk, body=street, year=2024)


def test_the_workspace_offers_the_pdf_as_a_button_that_queues_it(annual, clerk_client, clerk):
    url = reverse("yearbook:export", args=[annual.pk, "pdf"])
    page = clerk_client.get(reverse("yearbook:detail", args=[annual.pk])).content.decode()
    assert f'<form method="post" action="{url}"' in page
    assert "生成 PDF" in clerk_client.get(url).content.decode()
    assert not PreparedFile.objects.exists()  # a GET queues nothing

    response = clerk_client.post(url)
    item = PreparedFile.objects.get()
    assert response.status_code == 302 and response.url == reverse("prepared:status", args=[item.pk])
    assert (item.owner, item.kind, item.params) == (clerk, prepared.STAFF_PDF, {"pk": annual.pk})
    assert item.title == "只楚街道办事处2024年政府信息公开工作年度报告（PDF）"
    assert clerk_client.post(url).url == response.url  # a second click: the same file


def test_another_bodys_clerk_cannot_queue_a_pdf(annual, other_clerk_client):
    url = reverse("yearbook:export", args=[annual.pk, "pdf"])
    assert other_clerk_client.get(url).status_code == 404
    assert other_clerk_client.post(url).status_code == 404
    assert not PreparedFile.objects.exists()


def test_quick_formats_stay_direct(annual, clerk_client):
    response = clerk_client.get(reverse("yearbook:export", args=[annual.pk, "docx"]))
    assert response.status_code == 200 and response.content.startswith(b"PK")


@needs_office
def test_the_public_pdf_is_made_once_per_edition_and_served_to_everyone(annual, client, clerk):
    publish_signed(actor=clerk, annual=annual, on=date(2025, 1, 20))
    url = reverse("yearbook:published", args=[annual.pk, "pdf"])
    waiting = client.get(url)
    assert waiting.status_code == 202
    assert '<meta http-equiv="refresh" content="3">' in waiting.content.decode()
    assert client.get(url).status_code == 202
    item = PreparedFile.objects.get()  # two visits, one file
    assert (item.owner, item.kind) == (None, prepared.PUBLIC_PDF)

    assert run_waiting() == [item.pk]
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert PreparedFile.objects.count() == 1


def test_a_public_pdf_that_failed_is_explained_not_queued_again(annual, client, clerk, monkeypatch):
    monkeypatch.setattr("gongkai.report_workspace.documents.export.soffice", lambda: None)
    publish_signed(actor=clerk, annual=annual, on=date(2025, 1, 20))
    url = reverse("yearbook:published", args=[annual.pk, "pdf"])
    client.get(url)
    run_waiting()
    response = client.get(url)
    assert response.status_code == 503
    assert "服务器未安装 LibreOffice，无法生成 PDF" in response.content.decode()
    assert PreparedFile.objects.count() == 1
