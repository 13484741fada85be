"""Throttles of the public forms, per client address, in the shared "throttle" cache (a database table,
or Redis with REDIS_URL: every server process sees the same counts). A key never names what is looked up (a request number),
only who is asking, so nobody can lock another person out."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.web.clients import client_ip

_SECONDS = {"m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "30/h" → (30, 3600)."""
    count, _, unit = rate.partition("/")
    return int(count), _SECONDS[unit]


def _key(scope: str, request: HttpRequest) -> str:
    return f"gongkai:throttle:{scope}:{client_ip(request)}"


def exceeded(scope: str, request: HttpRequest, rate: str) -> bool:
    """Has this client used up ``rate`` in ``scope``?"""
    limit, _ = parse_rate(rate)
    return int(caches["throttle"].get(_key(scope, request), 0)) >= limit


def hit(scope: str, request: HttpRequest, rate: str) -> int:
    """Count one use (the window starts at the first); the count so far."""
    _, seconds = parse_rate(rate)
    cache = caches["throttle"]
    key = _key(scope, request)
    if cache.add(key, 1, timeout=seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return 1


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
