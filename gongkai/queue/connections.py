"""Database connections in a worker: kept from one task to the next, as a web process keeps them from
one request to the next.

Celery's Django fix-up (celery/fixups/django.py) closes every database connection before and after each
task unless ``CELERY_DB_REUSE_MAX`` is set: on PostgreSQL that is a new connection — a TCP and
authentication round trip and a new server process — for every file read and every periodic job, and
``CONN_MAX_AGE`` does not help, since the fix-up calls ``close()`` itself. The settings give the fix-up a
large ``CELERY_DB_REUSE_MAX`` (it then closes a thread's connections only once in that many tasks), and
``keep_connections`` makes a task end the way Django ends a request: ``close_old_connections`` drops a
connection older than ``CONN_MAX_AGE`` or one that failed (``CONN_HEALTH_CHECKS`` checks it before its
next use). Only a worker does this (``worker_init``); a task run eagerly (in a test, in a command) is
left alone, as the fix-up leaves it.
"""

from __future__ import annotations

from typing import Any

from celery import signals
from django.db import close_old_connections


def _end_of_task(sender: Any = None, **kwargs: Any) -> None:
    if sender is not None and getattr(sender.request, "is_eager", False):
        return
    close_old_connections()


def keep_connections(**kwargs: Any) -> None:
    """Connected to ``worker_init``: before and after each task, only stale or broken connections close."""
    signals.task_prerun.connect(_end_of_task, weak=False, dispatch_uid="gongkai-db-prerun")
    signals.task_postrun.connect(_end_of_task, weak=False, dispatch_uid="gongkai-db-postrun")
