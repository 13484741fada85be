"""Which accounts are locked out of logging in (django-axes' failed-login counts), and the account log."""

from __future__ import annotations

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def locked_usernames(usernames: list[str]) -> set[str]:
    """Those of ``usernames`` with as many failed logins as the limit within the cool-off time."""
    attempts = AccessAttempt.objects.filter(username__in=usernames)
    if settings.GONGKAI_LOCKOUT_MINUTES:
        since = timezone.now() - datetime.timedelta(minutes=settings.GONGKAI_LOCKOUT_MINUTES)
        attempts = attempts.filter(attempt_time__gte=since)
    totals = attempts.values("username").annotate(failures=Sum("failures_since_start"))
    return {t["username"] for t in totals if t["failures"] >= settings.GONGKAI_LOGIN_FAILURES}
