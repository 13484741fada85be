"""Throttles of the public forms, per client address, in the shared "throttle" cache (a database table,
or Redis with REDIS_URL: every server process sees the same counts). A key never names what is looked up (a request number),
only who is asking, so nobody can lock another person out.

When Redis does not answer, the counts go to the database table the installation without Redis uses
(bodies migration 0005, always there): the forms stay throttled — neither open to guessing 查询码 nor
closed to every applicant — and counting in Redis starts afresh when it answers again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import BaseCache
from django.core.cache.backends.db import DatabaseCache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.web import shared_cache
from gongkai.web.clients import client_ip

_SECONDS = {"m": 60, "h": 3600, "d": 86400}
_ALIAS = "throttle"
T = TypeVar("T")
_database: list[DatabaseCache] = []


def _counting(fn: Callable[[BaseCache], T]) -> T:
    """``fn`` on the throttle cache, or on the database table while that cache does not answer."""
    try:
        return shared_cache.call(_ALIAS, fn)
    except shared_cache.Unavailable:
        if not _database:
            _database.append(DatabaseCache("gongkai_throttle", {"OPTIONS": {"MAX_ENTRIES": 100_000}}))
        return fn(_database[0])


def parse_rate(rate: str) -> tuple[int, int]:
    """ "30/h" → (30, 3600)."""
    count, _, unit = rate.partition("/")
    return int(count), _SECONDS[unit]


def _key(scope: str, request: HttpRequest) -> str:
    return f"gongkai:throttle:{scope}:{client_ip(request)}"


def exceeded(scope: str, request: HttpRequest, rate: str) -> bool:
    """Has this client used up ``rate`` in ``scope``?"""
    limit, _ = parse_rate(rate)
    key = _key(scope, request)
    return int(_counting(lambda cache: cache.get(key, 0))) >= limit


def hit(scope: str, request: HttpRequest, rate: str) -> int:
    """Count one use (the window starts at the first); the count so far."""
    _, seconds = parse_rate(rate)
    key = _key(scope, request)

    def count(cache: BaseCache) -> int:
        if cache.add(key, 1, timeout=seconds):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=seconds)
            return 1

    return _counting(count)


def too_many(request: HttpRequest, message: str | None = None) -> HttpResponse:
    """The 429 page, in Chinese."""
    response = render(
        request,
        "429.html",
        {"message": message or "您提交得太频繁了，请稍后再试。"},
        status=429,
    )
    response["Retry-After"] = "3600"
    return response


def apply_rate() -> str:
    return settings.GONGKAI_APPLY_RATE


def track_failure_rate() -> str:
    return settings.GONGKAI_TRACK_FAILURE_RATE
