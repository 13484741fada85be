"""A bump made by another process — a second web process, the worker publishing on schedule — makes
this process's cached pages stale at once: the versions live in the shared cache (files in the data
dir by default, Redis with REDIS_URL), whatever keeps the pages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from gongkai.portal.queries import cache

BUMP = (
    "import django; django.setup(); "
    "from gongkai.portal.queries.cache import bump; import sys; bump(int(sys.argv[1]))"
)
REDIS = os.getenv("GONGKAI_TEST_REDIS_URL", "")


def bump_in_another_process(body_id: int, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-c", BUMP, str(body_id)],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings", **env},
        check=True,
        timeout=120,
    )


@pytest.fixture(params=["files", "redis"])
def shared_cache(request, settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The environment another process needs to share this one's versions."""
    if request.param == "files":
        versions = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": settings.DATA_DIR / "cache",
        }
    elif REDIS:
        versions = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": "gk",
        }
    else:
        pytest.skip("set GONGKAI_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/6) to test the Redis cache")
    settings.CACHES = {**settings.CACHES, "default": versions}  # as the other process will have it
    cache.clear()
    return {
        "REDIS_URL": REDIS if request.param == "redis" else "",
        "GONGKAI_DATA_DIR": str(settings.DATA_DIR),
    }


def test_a_bump_in_another_process_makes_this_ones_pages_stale(client, street, shared_cache):
    home = reverse("gk:home", args=[street.pk])
    assert client.get(home)["X-Portal-Cache"] == "miss"
    assert client.get(home)["X-Portal-Cache"] == "hit"

    bump_in_another_process(street.pk, shared_cache)

    assert client.get(home)["X-Portal-Cache"] == "miss"


def test_the_default_installation_keeps_versions_where_every_local_process_reads_them():
    if os.getenv("REDIS_URL"):
        pytest.skip("REDIS_URL is set: the versions are in Redis")
    default = settings.CACHES["default"]
    assert default["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert str(default["LOCATION"]).startswith(str(settings.DATA_DIR))


def test_one_page_request_reads_each_version_once(street):
    """The page's key and the body's kept context agree on the version read at the request's start;
    the next request reads the shared cache again."""
    with cache.one_reading():
        seen = cache.version(street.pk)
        cache.bump(street.pk)
        assert cache.version(street.pk) == seen

    assert cache.version(street.pk) > seen
