"""The embedded broker: kombu's SQLAlchemy transport on a SQLite file in the data dir (no server).

Why this one: it claims a message inside ``BEGIN IMMEDIATE`` — under SQLite's write lock — so several
worker processes never receive the same message; kombu's filesystem transport claims a file by moving
it, and can move one its writer has not finished writing. Delivered messages stay in the table
(marked invisible); ``purge_delivered`` deletes them.

The transport class (``sqlite_transport.Transport``: why it was slow, and what is changed) is its own
module, named to kombu by its path: SQLAlchemy (~10 MB) is imported only by a process that uses the
embedded broker, not by one on Redis.
"""

from __future__ import annotations

from typing import Any

from celery import current_app
from django.conf import settings
from kombu.transport import TRANSPORT_ALIASES

SQLITE_PREFIX = "sqla+sqlite:"
# Seconds a process waits for SQLite's write lock before giving up (the default is 5).
LOCK_TIMEOUT = 30


def register_transport() -> None:
    """Make ``sqla+…`` broker URLs use ``Transport`` in this process (before any connection is made)."""
    TRANSPORT_ALIASES["sqla"] = TRANSPORT_ALIASES["sqlalchemy"] = "gongkai.queue.sqlite_transport:Transport"


def is_embedded(url: str | None = None) -> bool:
    return (url or settings.CELERY_BROKER_URL).startswith(SQLITE_PREFIX)


def transport_options(url: str | None) -> dict[str, Any]:
    """Options for the broker: SQLite's lock timeout for the embedded one (handed to ``create_engine``);
    for Redis, how long to wait for it (``broker_timeouts``)."""
    if is_embedded(url):
        return {"connect_args": {"timeout": LOCK_TIMEOUT}}
    if (url or "").startswith(("redis://", "rediss://")):
        return broker_timeouts()
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


def broker_timeouts() -> dict[str, Any]:
    """A Redis broker that does not answer (a dead host, a full backlog, a hung server) fails a send
    within about twice ``GONGKAI_BROKER_TIMEOUT_SECONDS`` instead of hanging the request that sends.

    Without these, kombu retries connecting forever (no ``max_retries``) and redis-py waits forever for
    a reply (no ``socket_timeout``): an upload page hung on its ``delay()``. Every Redis command of the
    broker answers in milliseconds, so the worker's own use is not cut short (its BRPOP waits in the
    event loop, not on the socket's timeout)."""
    seconds = settings.GONGKAI_BROKER_TIMEOUT_SECONDS
    return {
        "socket_connect_timeout": seconds,
        "socket_timeout": seconds,
        "max_retries": 1,  # kombu's reconnection for a send: one more attempt, then the error
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.2,
    }
