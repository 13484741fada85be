"""The embedded broker's transport: kombu's SQLAlchemy transport, polled briskly.

Why it was slow, and what is changed: kombu polls this broker, sleeping ``polling_interval`` (1 s by
default) after every empty look; and a Celery worker on a polled transport acknowledges a finished task
(queued from its pool's thread) only between two calls of ``drain_events(timeout=2.0)`` — so with every
thread busy, a finished task held its thread's next message back for up to 2 s (a worker read ~1 small
file a second, and an upload waited 1–2 s before it started). Here the interval is
``GONGKAI_QUEUE_POLL_MS`` (0.1 s) and ``Transport.drain_events`` returns after one interval, so the
worker's loop sends its acknowledgements and takes the next message within about one interval.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from kombu.transport.sqlalchemy import Transport as SQLAlchemyTransport


class Transport(SQLAlchemyTransport):
    """kombu's SQLAlchemy transport whose ``drain_events`` waits at most one polling interval: Celery's
    loop for a polled transport runs its pending acknowledgements only between two calls. Its polling
    interval is set here: kombu hands every transport option of this transport to ``create_engine``."""

    def __init__(self, client: Any, **kwargs: Any) -> None:
        super().__init__(client, **kwargs)
        self.polling_interval = settings.GONGKAI_QUEUE_POLL_MS / 1000

    def drain_events(self, connection: Any, timeout: float | None = None, **kwargs: Any) -> Any:
        if timeout is not None:
            timeout = min(timeout, self.polling_interval)
        return super().drain_events(connection, timeout=timeout, **kwargs)
