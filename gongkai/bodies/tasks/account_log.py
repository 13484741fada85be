"""The account log's periodic purge (Celery beat, daily; ``gongkai purge_account_events`` by hand)."""

from __future__ import annotations

from django.conf import settings

from gongkai.bodies.actions.accounts import purge


def purge_expired() -> int:
    """Delete the log lines older than ``GONGKAI_ACCOUNT_LOG_DAYS``; how many."""
    return purge(settings.GONGKAI_ACCOUNT_LOG_DAYS)
