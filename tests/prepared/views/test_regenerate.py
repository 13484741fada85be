"""重新生成 on 我的文件: a failed file is offered again (a POST with the CSRF token, its owner only) and goes
back to the queue as new — no claim, no attempt counted, a new expiry — then is made by the next worker;
a file that did not fail says why it cannot be made again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.prepared.actions.files import ATTEMPTS_MESSAGE, MAX_ATTEMPTS
from gongkai.prepared.models import PreparedFile
from gongkai.prepared.tasks import produce
from tests.prepared.helpers import fetch, queued_tasks, run_queued

S = PreparedFile.State
LIST = reverse("prepared:list")


def ask(user, **params) -> PreparedFile:
    return produce.prepare(actor=user, kind="test.echo", params=params, title="回声文件")


def a_file_whose_workers_kept_dying(user) -> PreparedFile:
    """Failed after MAX_ATTEMPTS interrupted tries (the worker died on it each time): worth trying again."""
    item = ask(user, text="一")
    long_ago = timezone.now() - timedelta(hours=1)
    PreparedFile.objects.filter(pk=item.pk).update(
        state=S.RUNNING, attempts=MAX_ATTEMPTS, claim_token="dead worker", claimed_at=long_ago
    )
    produce.run(item.pk)
    item.refresh_from_db()
    assert item.state == S.FAILED and item.error == ATTEMPTS_MESSAGE
    return item


def regenerate(client, item):
    return client.post(reverse("prepared:regenerate", args=[item.pk]))


def test_a_failed_file_is_offered_again_and_made_by_the_next_worker(
    clerk_client, clerk, django_capture_on_commit_callbacks
):
    item = a_file_whose_workers_kept_dying(clerk)
    queued_tasks()
    listing = clerk_client.get(LIST).content.decode()
    assert reverse("prepared:regenerate", args=[item.pk]) in listing and "重新生成" in listing
    assert "csrfmiddlewaretoken" in listing
    before = item.expires_at

    with django_capture_on_commit_callbacks(execute=True):
        response = regenerate(clerk_client, item)

    assert response.status_code == 302 and response.url == reverse("prepared:status", args=[item.pk])
    item.refresh_from_db()
    assert item.state == S.QUEUED and item.error == "" and item.attempts == 0
    assert item.claim_token == "" and item.claimed_at is None and item.expires_at > before
    page = clerk_client.get(response.url).content.decode()
    assert "已重新排队生成“回声文件”" in page and "排队中" in page

    assert run_queued() == [item.pk]  # one message was sent once committed
    item.refresh_from_db()
    assert item.state == S.DONE and fetch(clerk_client, item) == "zhichu_clerk:一".encode()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (S.DONE, "这个文件已经生成，可以直接下载，无需重新生成。"),
        (S.QUEUED, "这个文件正在排队等待生成，无需重新生成。"),
        (S.RUNNING, "这个文件正在生成中，无需重新生成。"),
    ],
)
def test_a_file_that_did_not_fail_says_why_it_is_not_made_again(clerk_client, clerk, state, message):
    item = ask(clerk, text="一")
    PreparedFile.objects.filter(pk=item.pk).update(state=state, attempts=1)

    response = regenerate(clerk_client, item)

    assert response.status_code == 302 and response.url == LIST
    assert message in clerk_client.get(LIST).content.decode()
    item.refresh_from_db()
    assert item.state == state and item.attempts == 1


def test_only_the_owner_may_and_only_by_post_with_the_token(clerk, other_clerk, client):
    item = a_file_whose_workers_kept_dying(clerk)

    client.force_login(other_clerk)
    assert regenerate(client, item).status_code == 404

    checked = Client(enforce_csrf_checks=True)
    checked.force_login(clerk)
    assert regenerate(checked, item).status_code == 403  # no CSRF token
    assert checked.get(reverse("prepared:regenerate", args=[item.pk])).status_code == 405
    item.refresh_from_db()
    assert item.state == S.FAILED and item.attempts == MAX_ATTEMPTS + 1
