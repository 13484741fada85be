"""The one task that makes a prepared file: sent once the request is committed, exactly once in effect
whatever the broker and the workers do, each failure a Chinese reason on the file."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from gongkai.prepared.actions import files as actions
from gongkai.prepared.actions.producers import Producer, register, unregister
from gongkai.prepared.models import PreparedFile
from gongkai.prepared.tasks import produce
from tests.prepared.helpers import CALLS, queued_tasks, run_queued

S = PreparedFile.State


def ask(user, **params) -> PreparedFile:
    return produce.prepare(actor=user, kind="test.echo", params=params, title="回声")


def stored_names(item: PreparedFile) -> list[str]:
    try:
        return actions.storage().listdir(f"prepared/{item.pk}")[1]
    except FileNotFoundError:
        return []


def test_the_task_is_sent_only_once_the_request_is_committed(clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item = ask(clerk, text="一")
    assert queued_tasks() == []
    for callback in callbacks:
        callback()
    assert queued_tasks() == [("prepared.produce", item.pk)]
    item.refresh_from_db()
    assert item.queued_at is not None and item.state == S.QUEUED


def test_a_file_is_made_once_and_a_second_delivery_does_nothing(clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = ask(clerk, text="一")
    assert run_queued() == [item.pk]
    produce.produce_file(item.pk)  # the broker delivered it twice
    item.refresh_from_db()
    assert item.state == S.DONE and item.finished_at and item.claim_token == ""
    assert len(CALLS) == 1
    assert item.file.read() == b"zhichu_clerk:\xe4\xb8\x80"
    assert (item.filename, item.content_type, item.size) == ("回声.txt", "text/plain; charset=utf-8", 16)
    assert item.expires_at > item.finished_at + timedelta(hours=23)
    assert stored_names(item) == [item.file.name.rsplit("/", 1)[1]]


def test_a_double_click_queues_one_file_and_a_done_one_is_made_anew(clerk):
    first = ask(clerk, text="一")
    assert ask(clerk, text="一").pk == first.pk
    assert ask(clerk, text="二").pk != first.pk
    produce.run(first.pk)
    assert ask(clerk, text="一").pk != first.pk  # the data may have changed since


def test_a_file_whose_worker_died_is_made_again_by_the_next_delivery(clerk, settings):
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 60
    item = ask(clerk, text="一")
    claimed = actions.claim(item.pk)  # a worker took it, then was killed (SIGKILL: no cleanup)
    assert claimed is not None
    produce.run(item.pk)  # its message delivered again at once: the claim is fresh, nothing happens
    assert CALLS == []

    PreparedFile.objects.filter(pk=item.pk).update(claimed_at=timezone.now() - timedelta(seconds=61))
    assert produce.requeue_abandoned() == 1
    assert run_queued() == [item.pk]
    item.refresh_from_db()
    assert item.state == S.DONE and item.attempts == 2 and len(CALLS) == 1


def test_a_lost_message_is_sent_again_after_a_lease(clerk, settings):
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 60
    item = ask(clerk, text="一")
    produce.send([item.pk])
    queued_tasks()  # the message is lost with a worker
    assert produce.requeue_abandoned() == 0  # not yet a lease
    PreparedFile.objects.filter(pk=item.pk).update(queued_at=timezone.now() - timedelta(seconds=61))
    assert produce.requeue_abandoned() == 1
    assert run_queued() == [item.pk]


def test_a_worker_whose_claim_was_taken_over_keeps_nothing(clerk, settings, monkeypatch):
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 60
    item = ask(clerk, text="一")
    real_finish = actions.finish

    def taken_over_first(found, token, **kwargs):
        PreparedFile.objects.filter(pk=found.pk).update(claim_token="another")  # another worker's claim
        return real_finish(found, token, **kwargs)

    monkeypatch.setattr(actions, "finish", taken_over_first)
    produce.run(item.pk)
    item.refresh_from_db()
    assert item.state == S.RUNNING and not item.file
    assert stored_names(item) == []  # what this worker wrote is deleted


def test_a_file_that_keeps_killing_its_worker_fails_after_three_tries(clerk, settings):
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 60
    item = ask(clerk, text="一")
    for _ in range(actions.MAX_ATTEMPTS):
        assert actions.claim(item.pk) is not None
        PreparedFile.objects.filter(pk=item.pk).update(claimed_at=timezone.now() - timedelta(seconds=61))
    produce.run(item.pk)
    item.refresh_from_db()
    assert (item.state, item.error) == (S.FAILED, actions.ATTEMPTS_MESSAGE)
    assert CALLS == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"fail": "服务器未安装 LibreOffice，无法生成 PDF"}, "服务器未安装 LibreOffice，无法生成 PDF"),
        ({"refuse": "404"}, produce.NO_ACCESS),
        ({"refuse": "403"}, produce.NO_ACCESS),
        ({"crash": True}, produce.INTERNAL),
    ],
)
def test_each_failure_is_kept_with_its_chinese_reason(clerk, params, message):
    item = ask(clerk, **params)
    produce.run(item.pk)
    item.refresh_from_db()
    assert (item.state, item.error, bool(item.file)) == (S.FAILED, message, False)
    assert item.finished_at is not None


def test_a_kind_no_app_registered_runs_nothing(clerk):
    register(Producer("test.gone", "os.system"))  # a path outside the table once the kind goes
    item = produce.prepare(actor=clerk, kind="test.gone", params={}, title="旧")
    unregister("test.gone")
    produce.run(item.pk)
    item.refresh_from_db()
    assert (item.state, item.error) == (S.FAILED, produce.NO_PRODUCER)


def test_the_request_refuses_an_unknown_kind_and_an_owner_mismatch(clerk):
    with pytest.raises(ValueError):
        produce.prepare(actor=clerk, kind="os.system", params={}, title="x")
    with pytest.raises(ValueError):
        produce.prepare(actor=None, kind="test.echo", params={}, title="x")  # not a public kind
    assert not PreparedFile.objects.exists()


def test_expired_files_are_deleted_with_their_stored_copies(clerk, settings):
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 60
    old, fresh, working = ask(clerk, text="旧"), ask(clerk, text="新"), ask(clerk, text="做")
    produce.run(old.pk)
    produce.run(fresh.pk)
    old.refresh_from_db()
    actions.storage().save(f"prepared/{old.pk}/left-by-a-dead-worker.txt", ContentFile(b"x"))
    past = timezone.now() - timedelta(minutes=1)
    assert actions.claim(working.pk) is not None
    PreparedFile.objects.filter(pk__in=[old.pk, working.pk]).update(expires_at=past)

    assert produce.purge_expired() == 1
    assert list(PreparedFile.objects.order_by("pk").values_list("pk", flat=True)) == [fresh.pk, working.pk]
    assert stored_names(old) == [] and not actions.storage().exists(old.file.name)
    assert len(stored_names(fresh)) == 1
