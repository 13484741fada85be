"""notify: one notice per recipient, once per key, e-mailed (after commit) to those with an address."""

import pytest
from django.core import mail
from django.http import Http404

from gongkai.bodies.actions.notices import clerks_of, mark_read, notify
from gongkai.bodies.models import Notification


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return notify(*args, **kwargs)

    return run


def test_a_notice_is_kept_and_mailed_with_the_site_address(send, clerk, street, settings):
    settings.GONGKAI_SITE_URL = "https://gk.example.gov.cn"
    clerk.email = "clerk@zhichu.example"
    clerk.save()
    [notice] = send(
        [clerk], kind="new_application", text="收到新的网上申请", link="/requests/7/", body=street
    )
    assert (notice.recipient, notice.body, notice.read_at) == (clerk, street, None)
    [message] = mail.outbox
    assert message.subject == "【新的网上申请】收到新的网上申请" and message.to == ["clerk@zhichu.example"]
    assert "收到新的网上申请" in message.body
    assert "https://gk.example.gov.cn/requests/7/" in message.body


def test_without_an_address_the_notice_stands_and_nothing_is_mailed(send, clerk):
    assert len(send([clerk], kind="overdue", text="已超期")) == 1
    assert mail.outbox == []


def test_a_key_is_sent_once_per_recipient(send, clerk, other_clerk):
    assert len(send([clerk], kind="overdue", text="已超期", key="request:1:overdue")) == 1
    assert send([clerk], kind="overdue", text="已超期", key="request:1:overdue") == []
    assert len(send([clerk, other_clerk], kind="overdue", text="已超期", key="request:1:overdue")) == 1
    assert Notification.objects.filter(key="request:1:overdue").count() == 2


def test_inactive_and_repeated_recipients_are_skipped(send, clerk, other_clerk):
    other_clerk.is_active = False
    other_clerk.save()
    assert [n.recipient for n in send([clerk, clerk, other_clerk], kind="overdue", text="x")] == [clerk]


def test_one_cannot_read_another_persons_notice(clerk, other_clerk):
    [notice] = notify([other_clerk], kind="overdue", text="x")
    with pytest.raises(Http404):
        mark_read(clerk, notice.pk)
    assert mark_read(other_clerk, notice.pk).read_at is not None


def test_a_body_without_a_clerk_has_its_administrator_told(street, clerk, street_admin):
    assert clerks_of(street) == [clerk]
    clerk.memberships.all().delete()
    assert clerks_of(street) == [street_admin]
