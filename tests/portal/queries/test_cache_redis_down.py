"""With REDIS_URL the portal's versions and pages and the public forms' throttle counts live in Redis.
Redis stopping must not stop the site: public and staff pages still answer 200 (rendered without the
cache), a publication still goes through, sessions (in the database) stay valid, the outage is logged
once, not once per request; when Redis is back the shared cache is used again. A real Redis server,
started and killed by the test."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.portal.queries import context
from gongkai.web import shared_cache
from tests.redis_server import RedisServer, free_port, needs_redis_server

pytestmark = needs_redis_server

PORT = 6390


@pytest.fixture
def redis(settings, tmp_path: Path) -> Iterator[RedisServer]:  # type: ignore[no-untyped-def]
    server = RedisServer(free_port(PORT), tmp_path)
    server.start()

    def backend(prefix: str) -> dict[str, object]:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }

    # As settings.py has it with REDIS_URL and GONGKAI_PAGE_CACHE=shared: everything in Redis.
    settings.CACHES = {
        "default": backend("gk"),
        "throttle": backend("gk-throttle"),
        "pages": backend("gk-pages"),
    }
    shared_cache.reset()
    context.forget()
    try:
        yield server
    finally:
        server.stop()
        shared_cache.reset()


@pytest.fixture
def quick_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ask Redis again 0.2 s after a failure (5 s on a real site), so the test need not wait."""
    monkeypatch.setattr(shared_cache, "RETRY_SECONDS", 0.2)


def _shared_cache_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == shared_cache.log.name and r.levelno >= logging.WARNING]


def test_pages_answer_while_redis_is_down_and_use_it_again_when_it_is_back(
    client, clerk, street, redis, quick_retry, caplog
):
    home = reverse("gk:home", args=[street.pk])
    assert client.get(home)["X-Portal-Cache"] == "miss"
    assert client.get(home)["X-Portal-Cache"] == "hit"
    staff = client.__class__()
    staff.force_login(clerk)
    assert staff.get(reverse("home")).status_code == 200

    redis.stop()
    caplog.set_level(logging.WARNING)
    for _ in range(3):
        for path in (home, reverse("gk:guide", args=[street.pk]), reverse("gk:search") + "?q=公示"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert response["X-Portal-Cache"] == "off"  # rendered directly: nothing stale is served
        assert staff.get(reverse("home")).status_code == 200  # the session (in the database) holds
        time.sleep(0.25)  # past the retry interval: Redis is asked again, and fails again
    warnings = _shared_cache_warnings(caplog)
    assert len(warnings) == 1, [w.getMessage() for w in warnings]  # once per interval, not per request
    assert "无法连接" in warnings[0].getMessage()

    redis.start()  # empty: it kept nothing
    time.sleep(0.25)
    assert client.get(home)["X-Portal-Cache"] == "miss"
    assert client.get(home)["X-Portal-Cache"] == "hit"


def test_a_publication_while_redis_is_down_goes_through_and_its_pages_are_fresh_after(
    client, street, publish, redis, quick_retry, django_capture_on_commit_callbacks
):
    home = reverse("gk:home", args=[street.pk])
    client.get(home)
    assert client.get(home)["X-Portal-Cache"] == "hit"
    redis.cut()  # the page cached above is still in Redis when it comes back

    with django_capture_on_commit_callbacks(execute=True):
        item = publish("停电期间发布的公告", "公告内容。")  # the version bump fails: logged, kept for later

    assert item.title in client.get(home).content.decode()
    redis.start()
    time.sleep(0.25)
    # The bump the outage lost is made once Redis answers again: no page cached before it is served.
    response = client.get(home)
    assert response["X-Portal-Cache"] == "miss"
    assert item.title in response.content.decode()


def test_the_public_forms_stay_throttled_through_the_database_while_redis_is_down(
    client, street, redis, quick_retry, settings
):
    settings.GONGKAI_TRACK_FAILURE_RATE = "2/h"
    track = reverse("portal:track")
    redis.stop()
    codes = [client.post(track, {"number": "2025-1", "code": "WRONG123"}).status_code for _ in range(4)]
    assert 500 not in codes
    assert codes[-1] == 429  # neither open to guessing nor closed to everyone: counted in the database
