"""`gongkai purge_account_events`: the account log is kept at least six months (183 days)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gongkai.bodies.models import AccountEvent

K = AccountEvent.Kind


def test_the_purge_keeps_at_least_six_months(clerk):
    old = AccountEvent.objects.create(kind=K.LOGIN, user=clerk, username="zhichu_clerk")
    recent = AccountEvent.objects.create(kind=K.LOGIN, user=clerk, username="zhichu_clerk")
    AccountEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=200))
    AccountEvent.objects.filter(pk=recent.pk).update(at=timezone.now() - datetime.timedelta(days=180))

    with pytest.raises(CommandError):
        call_command("purge_account_events", "--days", "100")
    call_command("purge_account_events", "--days", "183")

    assert list(AccountEvent.objects.filter(kind=K.LOGIN).values_list("pk", flat=True)) == [recent.pk]
