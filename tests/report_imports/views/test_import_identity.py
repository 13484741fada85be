"""A report whose title names another body is held until the importer confirms; once filed, the
warning stays on its page, in the list and in the supervision pages."""

from django.test import Client
from django.urls import reverse

from gongkai.report_imports.models import ImportedReport
from tests.report_imports.views.test_import_page import IMPORT, confirm, post_text

WARNING = "报告标题中的机关是“新华区西高皇街道办事处”，不是所属机关“只楚街道办事处”"


def test_a_report_of_another_body_is_not_filed_before_the_importer_confirms(clerk_client, street, seed):
    held = post_text(clerk_client, street, seed("001").decode())

    assert held.status_code == 200
    page = held.content.decode()
    assert WARNING in page and "尚未导入" in page
    assert "仍然导入到只楚街道办事处" in page and "取消，不导入" in page
    assert not ImportedReport.objects.exists()

    response = confirm(clerk_client, held)

    imported = ImportedReport.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:detail", args=[imported.pk])
    assert imported.body == street and imported.identity_warnings == [WARNING]
    assert imported.year == 2023 and imported.body_name == "新华区西高皇街道办事处"
    detail = clerk_client.get(response.url).content.decode()
    assert 'id="identity-warnings"' in detail and WARNING in detail
    listing = clerk_client.get(reverse("reports:list")).content.decode()
    assert "报告所署机关或年度不符" in listing


def test_cancelling_files_nothing_and_the_decision_is_taken_once(clerk_client, street, seed):
    held = post_text(clerk_client, street, seed("001").decode())

    response = confirm(clerk_client, held, action="cancel")

    assert response.status_code == 302 and response.url == IMPORT
    assert not ImportedReport.objects.exists()
    again = confirm(clerk_client, held)
    assert again.status_code == 302 and not ImportedReport.objects.exists()
    assert "这份报告已经处理过" in clerk_client.get(again.url).content.decode()


def test_another_person_cannot_confirm_my_held_report(clerk_client, clerk, street, seed, district_admin):
    held = post_text(clerk_client, street, seed("001").decode())
    stranger = Client()
    stranger.force_login(district_admin)  # may import for 只楚街道 too, but did not hold this one

    assert confirm(stranger, held).status_code == 404  # not theirs, not of their body

    assert not ImportedReport.objects.exists()
    assert confirm(clerk_client, held).status_code == 302
    assert ImportedReport.objects.get().created_by == clerk


def test_a_report_of_its_own_body_is_filed_at_once_without_a_warning(clerk_client, street, seed):
    response = post_text(clerk_client, street, seed("000").decode())  # 烟台市芝罘区人民政府只楚街道办事处

    assert response.status_code == 302
    assert ImportedReport.objects.get().identity_warnings == []


def test_the_form_lists_every_accepted_format_from_the_readers_list(clerk_client, street):
    from gongkai.report_format.read import SUPPORTED_SUFFIXES

    page = clerk_client.get(IMPORT).content.decode()
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in page.split("或者上传文件")[1], suffix
