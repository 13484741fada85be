"""The embedded broker: kombu's SQLAlchemy transport on a SQLite file in the data dir (no server).

Why this one: it claims a message inside ``BEGIN IMMEDIATE`` — under SQLite's write lock — so several
worker processes never receive the same message; kombu's filesystem transport claims a file by moving
it, and can move one its writer has not finished writing. Delivered messages stay in the table
(marked invisible); ``purge_delivered`` deletes them.

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

from celery import current_app
from django.conf import settings
from kombu.transport import TRANSPORT_ALIASES
from kombu.transport.sqlalchemy import Transport as SQLAlchemyTransport

SQLITE_PREFIX = "sqla+sqlite:"
# Seconds a process waits for SQLite's write lock before giving up (the default is 5).
LOCK_TIMEOUT = 30


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


def register_transport() -> None:
    """Make ``sqla+…`` broker URLs use ``Transport`` in this process (before any connection is made)."""
    TRANSPORT_ALIASES["sqla"] = TRANSPORT_ALIASES["sqlalchemy"] = f"{__name__}:Transport"


def is_embedded(url: str | None = None) -> bool:
    return (url or settings.CELERY_BROKER_URL).startswith(SQLITE_PREFIX)


def transport_options(url: str | None) -> dict[str, Any]:
    """Options for the broker: SQLite's lock timeout for the embedded one (handed to ``create_engine``)."""
    if is_embedded(url):
        return {"connect_args": {"timeout": LOCK_TIMEOUT}}
    return {}


def purge_delivered() -> int:
    """Delete the embedded broker's delivered messages (kept invisible by kombu); 0 on another broker."""
    if not is_embedded():
        return 0
    with current_app.connection_for_write() as conn, conn.channel() as channel:
        try:
            delivered = channel.session.query(channel.message_cls).filter(
                channel.message_cls.visible.is_(False)
            )
            deleted = delivered.delete()
            channel.session.commit()
        finally:
            channel.session.close()  # kombu's channel never closes its session: its connection would leak
    return int(deleted)


def prepare() -> None:
    """Create the broker's tables once, before several processes would race to create them."""
    if not is_embedded():
        return
    with current_app.connection_for_write() as conn, conn.channel() as channel:
        channel.session.close()  # opening the session created the tables
