"""The embedded broker's transport answers the worker's loop within one polling interval: Celery sends
the acknowledgements of finished tasks only between two ``drain_events(timeout=2.0)`` calls, and with
every thread busy kombu's own SQLAlchemy transport kept that call for the whole 2 s."""

import socket
import time

import pytest
from kombu import Connection, Consumer, Exchange, Producer, Queue
from kombu.transport.sqlalchemy import Transport as StockTransport

from gongkai.queue.embedded import transport_options
from gongkai.queue.sqlite_transport import Transport


def a_drain_with_every_slot_taken(url: str, transport: type) -> float:
    """Seconds ``drain_events(timeout=2.0)`` takes while the consumer holds as many unacknowledged
    messages as it may (a worker whose threads are all busy), another one waiting."""
    options = transport_options("sqla+" + url)
    with Connection(url, transport=transport, transport_options=options) as conn:
        channel = conn.channel()
        queue = Queue("q", Exchange("q"), "q")
        producer = Producer(channel)
        for n in range(2):
            producer.publish({"n": n}, exchange=queue.exchange, routing_key="q", declare=[queue])
        held = []
        channel.basic_qos(0, 1, False)
        Consumer(channel, [queue], callbacks=[lambda body, message: held.append(message)]).consume()
        conn.drain_events(timeout=2.0)
        assert len(held) == 1
        start = time.monotonic()
        with pytest.raises(socket.timeout):
            conn.drain_events(timeout=2.0)
        took = time.monotonic() - start
        held[0].ack()
        conn.drain_events(timeout=2.0)  # the slot is free again: the next message comes
        assert len(held) == 2
        channel.session.close()
        return took


def test_the_worker_loop_gets_control_back_within_an_interval(tmp_path, settings):
    settings.GONGKAI_QUEUE_POLL_MS = 100
    url = f"sqlite:///{tmp_path / 'queue.sqlite3'}"

    assert a_drain_with_every_slot_taken(url, StockTransport) >= 1.9  # what made uploads wait
    assert a_drain_with_every_slot_taken(url, Transport) < 0.5


def test_sqla_urls_use_the_embedded_transport(tmp_path):
    with Connection(f"sqla+sqlite:///{tmp_path / 'queue.sqlite3'}") as conn:
        assert isinstance(conn.transport, Transport)
        assert conn.transport.polling_interval == 0.1
