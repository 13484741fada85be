"""A worker keeps its database connection from one task to the next (Celery's Django fix-up used to
close it after every task: on PostgreSQL a new server connection per file read or periodic job), and
still drops one that is older than CONN_MAX_AGE. A real worker runs in this process on the in-memory
broker, with the thread pool of ``gongkai worker``. Shown on PostgreSQL (.ci/run's second pass): Django
never closes the connection to an in-memory SQLite database, the SQLite pass's test database."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection, connections

from gongkai.queue.app import app
from tests.queue.broker import queued_tasks

seen: list[Any] = []
done = threading.Semaphore(0)


@app.task(name="tests.queue.note_connection")
def note_connection() -> None:
    """Record the raw connection this task ran on (kept alive here: ``is`` compares them safely)."""
    connection.ensure_connection()
    seen.append(connection.connection)
    done.release()


@pytest.fixture(autouse=True)
def _a_database_that_closes() -> None:
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("Django keeps an in-memory SQLite database's connection open whatever the worker asks")


def run_in_a_worker(count: int) -> list[Any]:
    queued_tasks()  # what other tests left in the in-memory broker is not this worker's business
    seen.clear()
    with start_worker(app, pool="threads", concurrency=1, perform_ping_check=False, shutdown_timeout=10):
        for _ in range(count):
            note_connection.delay()
            assert done.acquire(timeout=20), "the worker did not run the task"
    found = list(seen)
    for raw in found:
        raw.close()  # the pool's thread has ended; its connection would keep the test database in use
    return found


@pytest.mark.django_db(transaction=True)
def test_two_tasks_in_one_worker_use_the_same_connection():
    first, second = run_in_a_worker(2)

    assert first is second


@pytest.mark.django_db(transaction=True)
def test_a_connection_past_its_age_is_replaced(monkeypatch):
    # Django's own rule for a request: 0 closes the connection at its end (every thread's wrapper reads it).
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)

    first, second = run_in_a_worker(2)

    assert first is not second
