"""The shared caches may be down (Redis stopped or cut off, with REDIS_URL): the site goes on without them.

Every call to a shared cache goes through ``call``. When the cache fails to answer, the caller gets
``Unavailable`` and does without: the portal renders pages directly and keeps no version (nothing
stale can be served), the public forms count in the database (gongkai/web/throttle.py). For
``RETRY_SECONDS`` after a failure the cache is not asked again, so a server that does not answer
costs one connection timeout per interval, not one per request; the outage is logged once per
``LOG_SECONDS`` per cache, and its end once. Sessions and login lockouts live in the database and are
not concerned.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import BaseCache, caches

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
LOG_SECONDS = 300.0

T = TypeVar("T")


def _errors() -> tuple[type[BaseException], ...]:
    """What a cache that does not answer raises: the Redis client's errors, a file cache's OSError."""
    try:
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover - redis is a dependency
        return (OSError,)
    return (OSError, RedisError)


ERRORS = _errors()

_down_until: dict[str, float] = {}
_logged_at: dict[str, float] = {}
_on_recovery: list[Callable[[str], None]] = []


class Unavailable(Exception):
    """The shared cache ``alias`` does not answer (now, or it did not a moment ago)."""

    def __init__(self, alias: str) -> None:
        super().__init__(alias)
        self.alias = alias


def call(alias: str, fn: Callable[[BaseCache], T]) -> T:
    """``fn(caches[alias])``, or ``Unavailable`` when that cache does not answer."""
    now = time.monotonic()
    if _down_until.get(alias, -math.inf) > now:
        raise Unavailable(alias)
    try:
        result = fn(caches[alias])
    except ERRORS as e:
        _down_until[alias] = now + RETRY_SECONDS
        if now - _logged_at.get(alias, -math.inf) >= LOG_SECONDS:
            _logged_at[alias] = now
            log.warning(
                "无法连接共享缓存 %s（%s）：门户页面不经缓存直接生成，公开表单的次数限制改在数据库中计数；"
                "每 %d 秒重试一次",
                alias,
                e,
                RETRY_SECONDS,
            )
        raise Unavailable(alias) from e
    if _down_until.pop(alias, None) is not None:
        _logged_at.pop(alias, None)
        log.warning("共享缓存 %s 已恢复连接", alias)
        for fn_back in tuple(_on_recovery):
            fn_back(alias)
    return result


def on_recovery(fn: Callable[[str], None]) -> Callable[[str], None]:
    """Register ``fn(alias)`` to run when a cache that failed answers again (once per function)."""
    if fn not in _on_recovery:
        _on_recovery.append(fn)
    return fn


def reset() -> None:
    """Forget every failure (tests start from a cache that answers)."""
    _down_until.clear()
    _logged_at.clear()
