"""A single import on the queue, as its uploader lives it: the upload lands on the import's status page
(排队中 → 读取中 → the report), a read error says why there with the form again, a report naming another
body waits for the uploader's decision after they left the page, and nobody else may see or decide it."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.actions import members
from gongkai.bodies.models import StaffMembership
from gongkai.report_imports.models import ImportBatch, ImportBatchFile, ImportedReport
from tests.conftest import PASSWORD
from tests.report_imports.views.test_import_page import IMPORT, STATUS, run_queued_imports

S = ImportBatchFile.Status


def upload(client, body, text: str) -> str:
    """Post the text; the status page's URL the upload was sent to."""
    response = client.post(IMPORT, {"body": body.pk, "text": text})
    assert response.status_code == 302 and STATUS.match(response.url), response
    return response.url


def state(client, url: str) -> dict:
    return json.loads(client.get(url + "status.json").content)


def test_an_upload_waits_on_the_queue_then_its_status_page_leads_to_the_report(
    clerk_client, clerk, street, seed
):
    url = upload(clerk_client, street, seed("000").decode())

    item = ImportBatchFile.objects.get()
    assert item.batch.kind == ImportBatch.Kind.SINGLE and item.batch.created_by == clerk
    assert item.pasted and item.stored and not ImportedReport.objects.exists()  # nothing read in the request
    page = clerk_client.get(url).content.decode()
    assert "排队中" in page and "粘贴的文本" in page and "只楚街道办事处" in page
    assert '<noscript><meta http-equiv="refresh" content="1"></noscript>' in page
    assert "可以离开本页" in page
    assert state(clerk_client, url) == {
        "status": "queued",
        "label": "排队中",
        "elapsed": state(clerk_client, url)["elapsed"],
        "running": True,
        "url": url,
    }

    ImportBatchFile.objects.filter(pk=item.pk).update(status=S.IMPORTING, claimed_at=timezone.now())
    assert "读取中" in clerk_client.get(url).content.decode()
    ImportBatchFile.objects.filter(pk=item.pk).update(status=S.QUEUED, claimed_at=None)

    assert run_queued_imports() == 1
    imported = ImportedReport.objects.get()
    done = clerk_client.get(url)
    assert done.status_code == 302 and done.url == reverse("reports:detail", args=[imported.pk])
    assert imported.pasted_text.startswith("烟台市芝罘区人民政府只楚街道办事处") and not imported.original
    assert state(clerk_client, url)["running"] is False
    item.refresh_from_db()
    assert item.status == S.IMPORTED and not item.stored
    assert ImportBatch.objects.get().status == ImportBatch.Status.DONE


def test_an_upload_no_worker_takes_says_so_and_can_be_cancelled(clerk_client, street, seed):
    url = upload(clerk_client, street, seed("000").decode())
    assert "upload-stalled" not in clerk_client.get(url).content.decode()

    ImportBatch.objects.update(created_at=timezone.now() - timedelta(minutes=2))

    page = clerk_client.get(url).content.decode()
    assert "后台任务进程（gongkai worker）可能没有运行" in page and "取消导入" in page


def test_a_quick_read_goes_straight_to_the_report_when_the_page_may_wait(
    clerk_client, street, seed, settings, monkeypatch
):
    """The page polls the row while it waits; here the 'worker' is the first poll itself."""
    from gongkai.report_imports.queries import uploads

    settings.GONGKAI_IMPORT_WAIT_MS = 2000
    real_sleep = uploads.time.sleep
    monkeypatch.setattr(uploads.time, "sleep", lambda s: run_queued_imports() or real_sleep(s))

    response = clerk_client.post(IMPORT, {"body": street.pk, "text": seed("000").decode()})

    assert response.status_code == 302
    assert response.url == reverse("reports:detail", args=[ImportedReport.objects.get().pk])


def test_a_read_error_is_said_on_the_status_page_with_the_form_again(clerk_client, street):
    url = upload(clerk_client, street, "从前有座山，山里有座庙。" * 20)
    run_queued_imports()

    response = clerk_client.get(url)

    page = response.content.decode()
    item = ImportBatchFile.objects.get()
    assert item.status == S.FAILED and item.message and not item.stored
    assert 'id="read-error"' in page and item.message in page
    assert f'action="{IMPORT}"' in page and "报告没有导入" in page
    assert response.context["form"].initial == {"body": street.pk}
    assert not ImportedReport.objects.exists()
    assert "我尚未完成的导入" not in clerk_client.get(IMPORT).content.decode()


def test_a_held_report_waits_for_its_uploader_who_left_and_came_back(clerk_client, clerk, street, seed):
    url = upload(clerk_client, street, seed("001").decode())  # 新华区西高皇街道办事处's report
    run_queued_imports()
    clerk_client.logout()

    # Another session of the same person: the import page and the home page lead back to it.
    again = Client()
    again.force_login(clerk)
    listing = again.get(IMPORT).content.decode()
    assert "我尚未完成的导入" in listing and f'href="{url}"' in listing and "待确认" in listing
    home = again.get(reverse("home")).content.decode()
    assert "报告所署机关不符、待我确认的导入" in home and url in home
    page = again.get(url).content.decode()
    assert "新华区西高皇街道办事处" in page and "尚未导入" in page
    # It is kept for GONGKAI_HELD_IMPORT_DAYS (14) from when it was held, and the page says until when.
    until = timezone.localtime(ImportBatchFile.objects.get().held_at + timedelta(days=14))
    assert (
        f"这份报告保留到 {until:%Y}年{until.month}月{until.day}日 {until:%H:%M}，届时仍未作出选择将自动取消"
        in page
    )
    assert not ImportedReport.objects.exists()

    response = again.post(
        reverse("reports:import_decide", args=[ImportBatchFile.objects.get().batch_id]), {"action": "confirm"}
    )

    imported = ImportedReport.objects.get()
    assert response.url == reverse("reports:detail", args=[imported.pk])
    assert imported.identity_warnings and imported.created_by == clerk and imported.pasted_text
    assert ImportBatchFile.objects.get().status == S.IMPORTED
    assert "我尚未完成的导入" not in again.get(IMPORT).content.decode()
    assert again.get(url).url == response.url


def test_cancelling_a_held_report_drops_it_and_its_file(clerk_client, street, seed, settings):
    url = upload(clerk_client, street, seed("001").decode())
    run_queued_imports()
    item = ImportBatchFile.objects.get()
    stored = settings.MEDIA_ROOT / item.stored.name
    assert stored.exists()

    response = clerk_client.post(url + "decide/", {"action": "cancel"})

    assert response.url == IMPORT
    item.refresh_from_db()
    assert item.status == S.CANCELLED and item.held is None and not stored.exists()
    assert not ImportedReport.objects.exists()
    assert "已取消" in clerk_client.get(url).content.decode()


def test_an_upload_cancelled_while_queued_is_never_read(clerk_client, street, seed):
    url = upload(clerk_client, street, seed("000").decode())

    clerk_client.post(url + "decide/", {"action": "cancel"})
    assert run_queued_imports() == 0

    assert ImportBatchFile.objects.get().status == S.CANCELLED
    assert not ImportedReport.objects.exists()


@pytest.fixture
def second_clerk(street) -> User:
    return members.create_staff_user(
        actor=None, body=street, username="zhichu_2", password=PASSWORD, role=StaffMembership.Role.CLERK
    )


def test_staff_of_the_body_see_it_but_only_the_uploader_decides(
    clerk_client, street, seed, second_clerk, other_clerk
):
    url = upload(clerk_client, street, seed("001").decode())
    run_queued_imports()
    colleague, stranger = Client(), Client()
    colleague.force_login(second_clerk)
    stranger.force_login(other_clerk)

    seen = colleague.get(url).content.decode()
    assert "尚未导入" in seen and "只有上传人 zhichu_clerk 可以决定是否导入" in seen
    assert "仍然导入到" not in seen
    assert colleague.post(url + "decide/", {"action": "confirm"}).status_code == 403
    assert "我尚未完成的导入" not in colleague.get(IMPORT).content.decode()  # not theirs to finish

    assert stranger.get(url).status_code == 404
    assert stranger.get(url + "status.json").status_code == 404
    assert stranger.post(url + "decide/", {"action": "cancel"}).status_code == 404
    assert Client().get(url).status_code == 302  # a visitor is sent to log in
    assert ImportBatchFile.objects.get().status == S.AWAITING


def test_single_imports_stay_out_of_the_batch_pages(clerk_client, street, seed):
    url = upload(clerk_client, street, seed("000").decode())
    pk = int(re.search(r"(\d+)/$", url).group(1))

    assert clerk_client.get(reverse("reports:batch_detail", args=[pk])).status_code == 404
    assert url not in clerk_client.get(reverse("reports:batch_list")).content.decode()
