"""The periodic jobs of the site, as data: Celery beat runs each plain function at its interval.

Wiring in a new job is one line in ``PERIODIC``: a short name, the dotted path of a function that
takes no argument (it must be safe to run twice: every job here records what it has done), and its
interval. ``GONGKAI_SCHEDULE="deadline_reminders=5"`` runs a job every 5 seconds instead (tests, demos).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Periodic:
    name: str
    path: str  # a function of no argument
    every: timedelta


def _lease() -> timedelta:
    return timedelta(seconds=settings.GONGKAI_QUEUE_LEASE_SECONDS / 2)


PERIODIC: tuple[Periodic, ...] = (
    Periodic("deadline_reminders", "gongkai.requests.tasks.reminders.send_due_reminders", timedelta(hours=1)),
    Periodic(
        "year_reminders", "gongkai.report_workspace.tasks.reminders.send_year_reminders", timedelta(hours=1)
    ),
    Periodic("publish_due", "gongkai.disclosure.tasks.publish_due.publish_due", timedelta(minutes=1)),
    Periodic("cell_index", "gongkai.supervision.tasks.cell_index.index_all", timedelta(hours=1)),
    Periodic("purge_account_events", "gongkai.bodies.tasks.account_log.purge_expired", timedelta(days=1)),
    Periodic("purge_prepared_files", "gongkai.prepared.tasks.produce.purge_expired", timedelta(hours=1)),
    Periodic("purge_delivered_messages", "gongkai.queue.embedded.purge_delivered", timedelta(hours=1)),
    Periodic("expire_held_imports", "gongkai.report_imports.actions.uploads.expire_held", timedelta(hours=1)),
)
# Read at beat start: a file whose worker died goes back to the queue within half a lease.
LEASE_JOBS = (
    Periodic("requeue_abandoned", "gongkai.report_imports.tasks.batches.requeue_abandoned", timedelta()),
    Periodic("requeue_prepared_files", "gongkai.prepared.tasks.produce.requeue_abandoned", timedelta()),
)


def jobs() -> dict[str, Periodic]:
    lease = _lease()
    table = {job.name: job for job in PERIODIC}
    table.update({job.name: Periodic(job.name, job.path, lease) for job in LEASE_JOBS})
    return table


def overrides(text: str, known: dict[str, Periodic]) -> dict[str, timedelta]:
    """``"name=seconds,…"`` → intervals; an unknown name or a bad number stops the process."""
    found: dict[str, timedelta] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, seconds = part.partition("=")
        name = name.strip()
        if name not in known:
            raise ImproperlyConfigured(
                f"GONGKAI_SCHEDULE: no periodic job {name!r} (known: {', '.join(known)})"
            )
        try:
            value = float(seconds)
        except ValueError:
            raise ImproperlyConfigured(f"GONGKAI_SCHEDULE: {part!r} is not name=seconds") from None
        if value <= 0:
            raise ImproperlyConfigured(f"GONGKAI_SCHEDULE: {part!r}: seconds must be positive")
        found[name] = timedelta(seconds=value)
    return found


def beat_schedule() -> dict[str, dict[str, Any]]:
    """Celery's ``beat_schedule``: every job through the one task ``gongkai.periodic``."""
    table = jobs()
    custom = overrides(settings.GONGKAI_SCHEDULE, table)
    return {
        name: {"task": "gongkai.periodic", "args": (name,), "schedule": custom.get(name, job.every)}
        for name, job in table.items()
    }
