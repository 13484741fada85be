"""The in-memory broker of the tests (tests/conftest.py): what the code under test sent to it; and
another broker for a while (one that refuses, one that never answers)."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

from gongkai.queue.app import app
from gongkai.queue.embedded import transport_options


def queued_tasks() -> list[tuple[str, int]]:
    """Take every message waiting in the (in-memory) broker: (task name, first argument)."""
    found = []
    with app.connection_for_read() as conn:
        channel = conn.default_channel
        while (message := channel.basic_get(app.conf.task_default_queue)) is not None:
            args, _, _ = message.decode()
            found.append((message.headers["task"], args[0]))
    return found


@contextlib.contextmanager
def broker_at(url: str) -> Iterator[None]:
    """Send through the broker at ``url`` (with the options gongkai.queue.app gives it) for a while."""
    memory, options = app.conf.CELERY_BROKER_URL, app.conf.broker_transport_options
    app.conf.CELERY_BROKER_URL = url  # the name Django's settings give it wins over broker_url
    app.conf.broker_transport_options = transport_options(url)
    _new_pools()
    try:
        yield
    finally:
        app.conf.CELERY_BROKER_URL, app.conf.broker_transport_options = memory, options
        _new_pools()


def _new_pools() -> None:
    """Forget the app's connection and producer pools: the next message goes to the broker now set."""
    app._pool = None
    app.amqp._producer_pool = None


def refusing_url() -> str:
    """A Redis URL on a port where nothing listens (connections are refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"
