"""The Celery app of the platform (``celery -A gongkai.queue.app worker``; ``gongkai worker`` wraps it).

Settings come from Django's (``CELERY_*``; the broker from ``CELERY_BROKER_URL`` / ``REDIS_URL``, else
the embedded SQLite broker). A task is acknowledged only when it has run (``acks_late``), and given
back to the queue when its worker process dies (``reject_on_worker_lost``); each worker process
takes one message at a time; results are not kept — progress lives in the apps' own models. A
worker keeps its database connections from one task to the next (connections.py).
"""

from __future__ import annotations

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

from gongkai.queue.connections import keep_connections
from gongkai.queue.embedded import register_transport

register_transport()
# Set by ``gongkai worker --beat`` to its pid: the beat process it forks knows it is embedded.
EMBEDDED_BEAT_VARIABLE = "GONGKAI_EMBEDDED_BEAT_OF"

signals.worker_init.connect(keep_connections, weak=False)


@signals.beat_init.connect(weak=False)
def _end_with_the_worker(sender: object = None, **kwargs: object) -> None:
    """The beat process embedded in a worker (``gongkai worker --beat``) ends when the worker does,
    however the worker ends: orphaned, it would go on sending the periodic jobs, and after the next
    start two beats would send each twice."""
    if os.environ.get(EMBEDDED_BEAT_VARIABLE) == str(os.getppid()):
        from gongkai.report_format.page_pool import die_with

        die_with(os.getppid())


TASK_MODULES = (
    "gongkai.queue.tasks",
    "gongkai.report_imports.tasks.batches",
    "gongkai.prepared.tasks.produce",
)

app = Celery("gongkai")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_ignore_result=True,
    task_store_errors_even_if_ignored=False,
    broker_connection_retry_on_startup=True,
    # A send that fails is tried once more, then raises: the callers keep the work queued in the
    # database for requeue_abandoned (Celery's default, 3 more tries, held an upload ~4 s on a broker
    # that does not answer; with the timeouts of embedded.broker_timeouts, 1–2 s).
    task_publish_retry_policy={
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.2,
    },
    worker_hijack_root_logger=False,
    worker_send_task_events=False,
    imports=TASK_MODULES,
    timezone="Asia/Shanghai",
)


@app.on_after_configure.connect
def _configure(sender: Celery, **kwargs: object) -> None:
    from gongkai.queue.embedded import transport_options
    from gongkai.queue.schedule import beat_schedule

    sender.conf.beat_schedule = beat_schedule()
    sender.conf.broker_transport_options = transport_options(sender.conf.broker_url)
