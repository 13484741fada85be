"""The pages of prepared files: the status page in each state (refreshing itself while the file is being
made, without JavaScript), the download, the list of one's recent files — and 404 for anyone else."""

import pytest
from django.urls import reverse

from gongkai.prepared.models import PreparedFile
from gongkai.prepared.tasks import produce
from tests.prepared.helpers import fetch

S = PreparedFile.State


def ask(user, **params) -> PreparedFile:
    return produce.prepare(actor=user, kind="test.echo", params=params, title="回声文件")


def status_page(client, item) -> str:
    response = client.get(reverse("prepared:status", args=[item.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_waiting_file_refreshes_its_page_and_offers_no_download(clerk_client, clerk):
    item = ask(clerk, text="一")
    page = status_page(clerk_client, item)
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "排队中" in page and "可以离开本页" in page
    assert reverse("prepared:download", args=[item.pk]) not in page
    assert clerk_client.get(reverse("prepared:download", args=[item.pk])).status_code == 404

    PreparedFile.objects.filter(pk=item.pk).update(state=S.RUNNING)
    assert "生成中" in status_page(clerk_client, item)


def test_a_done_file_is_offered_and_downloads(clerk_client, clerk):
    item = ask(clerk, text="一")
    produce.run(item.pk)
    page = status_page(clerk_client, item)
    assert "http-equiv" not in page and "已完成" in page
    assert reverse("prepared:download", args=[item.pk]) in page
    response = clerk_client.get(reverse("prepared:download", args=[item.pk]))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "filename*=UTF-8''%E5%9B%9E%E5%A3%B0.txt" in response["Content-Disposition"]
    assert fetch(clerk_client, item) == "zhichu_clerk:一".encode()


def test_a_failed_file_says_why(clerk_client, clerk):
    item = ask(clerk, fail="区域内没有报告")
    produce.run(item.pk)
    page = status_page(clerk_client, item)
    assert "生成失败：区域内没有报告" in page and "http-equiv" not in page


@pytest.mark.parametrize("page", ["prepared:status", "prepared:download"])
def test_nobody_else_reaches_a_file_not_even_a_superuser(client, clerk, other_clerk, django_user_model, page):
    item = ask(clerk, text="一")
    produce.run(item.pk)
    url = reverse(page, args=[item.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(other_clerk)
    assert client.get(url).status_code == 404
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw-123456789"))
    assert client.get(url).status_code == 404


def test_a_public_file_is_not_reachable_here(client, clerk):
    from gongkai.prepared.actions.producers import Producer, register, unregister

    register(Producer("test.public", "tests.prepared.helpers.echo", public=True))
    try:
        item = produce.prepare(actor=None, kind="test.public", params={}, title="公开")
    finally:
        unregister("test.public")
    client.force_login(clerk)
    assert client.get(reverse("prepared:status", args=[item.pk])).status_code == 404


def test_the_list_shows_ones_own_recent_files_and_refreshes_while_one_waits(clerk_client, clerk, other_clerk):
    done = ask(clerk, text="一")
    produce.run(done.pk)
    waiting = ask(clerk, text="二")
    ask(other_clerk, text="别人的")
    response = clerk_client.get(reverse("prepared:list"))
    page = response.content.decode()
    assert page.count("回声文件") == 2
    assert reverse("prepared:download", args=[done.pk]) in page
    assert reverse("prepared:status", args=[waiting.pk]) in page
    assert '<meta http-equiv="refresh"' in page
    produce.run(waiting.pk)
    assert "http-equiv" not in clerk_client.get(reverse("prepared:list")).content.decode()


def test_the_nav_links_the_list(clerk_client):
    page = clerk_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("prepared:list")}"' in page
