"""The in-memory broker of the tests (tests/conftest.py): what the code under test sent to it."""

from __future__ import annotations

from gongkai.queue.app import app


def queued_tasks() -> list[tuple[str, int]]:
    """Take every message waiting in the (in-memory) broker: (task name, first argument)."""
    found = []
    with app.connection_for_read() as conn:
        channel = conn.default_channel
        while (message := channel.basic_get(app.conf.task_default_queue)) is not None:
            args, _, _ = message.decode()
            found.append((message.headers["task"], args[0]))
    return found
