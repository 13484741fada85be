"""``request_again``: the one way a failed file goes back to the queue — only from 失败, only by its owner,
and not beside the same request already waiting."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.prepared.actions.files import CannotRegenerate, request_again
from gongkai.prepared.models import PreparedFile
from gongkai.prepared.tasks import produce

S = PreparedFile.State


def failed(user, **params) -> PreparedFile:
    item = produce.prepare(
        actor=user, kind="test.echo", params={"fail": "区域内没有报告", **params}, title="回声"
    )
    produce.run(item.pk)
    item.refresh_from_db()
    assert item.state == S.FAILED
    return item


def test_a_failed_file_goes_back_to_the_queue_as_new(clerk, settings):
    item = failed(clerk)
    settings.MEDIA_ROOT.joinpath("prepared", str(item.pk)).mkdir(parents=True)
    left = settings.MEDIA_ROOT / "prepared" / str(item.pk) / "half-written.txt"
    left.write_text("…")

    again = request_again(actor=clerk, item=item)

    assert again.pk == item.pk and again.state == S.QUEUED and again.error == ""
    assert again.attempts == 0 and again.claim_token == "" and again.finished_at is None
    assert not left.exists()  # what a worker left in its folder went


def test_the_same_request_already_waiting_is_returned_instead(clerk):
    item = failed(clerk)
    waiting = PreparedFile.objects.create(
        owner=clerk, kind=item.kind, params=item.params, title="回声", expires_at=item.expires_at
    )

    assert request_again(actor=clerk, item=item) == waiting
    item.refresh_from_db()
    assert item.state == S.FAILED


def test_nobody_else_and_nothing_but_a_failed_file(clerk, other_clerk):
    item = failed(clerk)
    with pytest.raises(PermissionDenied):
        request_again(actor=other_clerk, item=item)

    request_again(actor=clerk, item=item)
    with pytest.raises(CannotRegenerate, match="正在排队等待生成"):
        request_again(actor=clerk, item=item)
