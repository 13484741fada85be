"""Portal pages are cached per body; a publication, a withdrawal or a ledger change of a published
item (its 有效性) bumps the body's version.

The key of a cached page holds the body's version (and the site-wide one for pages across bodies),
so bumping it makes every old page unreachable at once; old entries simply expire. A version starts
from the clock, not from 1: if the cache loses it (cleared, culled), the new one matches no old page.
The key holds only the query parameters the page reads, normalised (``normal_params``), so
``?q=%20老旧小区&utm=x`` and ``?q=老旧小区`` are one page. It holds the day too: what a page shows
can change at midnight with nothing written (a normative document's 有效性 when it expires or its
repeal takes effect), and a page kept from yesterday must not say 有效 today.

The versions live in the shared "default" cache (Redis, or files in the data dir that the embedded
start's web server and worker both read: settings.py, "shared state"), so a bump made by any process —
another web process, a worker publishing on schedule — is seen by the next request everywhere. The
pages themselves go to the "pages" cache, by default each process's own memory: an old page there is
unreachable as soon as the shared version moves, so it never needs to be reached to be dropped.
Within one page request a version is read once (``one_reading``): the page, its key and the body's
kept context then agree on it, and Redis is asked once, not once for the key and again for the context.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone

PAGE_SECONDS = 600
_SITE = "gk:v:site"
_VERSIONS = "default"
_PAGES = "pages"
# The versions read so far by the page request being served (None outside one).
_read: ContextVar[dict[int | None, int] | None] = ContextVar("portal_versions_read", default=None)


def _body_key(body_id: int) -> str:
    return f"gk:v:body:{body_id}"


@contextmanager
def one_reading() -> Iterator[None]:
    """Inside: each version is read from the shared cache once and then remembered."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def version(body_id: int | None) -> int:
    """The body's current version (``None``: the version of the pages across all bodies)."""
    read = _read.get()
    if read is not None and body_id in read:
        return read[body_id]
    value = _shared_version(body_id)
    if read is not None:
        read[body_id] = value
    return value


def _shared_version(body_id: int | None) -> int:
    key = _SITE if body_id is None else _body_key(body_id)
    cache = caches[_VERSIONS]
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns() // 1000, timeout=None)
        value = cache.get(key, 1)
    return int(value)


def bump(body_id: int) -> None:
    """Make every cached page of the body, and every page across bodies, stale, in every process."""
    cache = caches[_VERSIONS]
    for key in (_body_key(body_id), _SITE):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, time.time_ns() // 1000, timeout=None)


def bump_on_commit(body_id: int) -> None:
    """``bump`` once the current transaction commits (at once outside one): a rolled-back change
    leaves the cached pages alone, and a page cached while the change was uncommitted is dropped."""
    transaction.on_commit(lambda: bump(body_id))


def normal_params(query: QueryDict, names: Iterable[str]) -> QueryDict:
    """Only the parameters ``names``, in that order, each its last value with spaces collapsed;
    empty ones dropped."""
    out = QueryDict(mutable=True)
    for name in names:
        value = " ".join(query.get(name, "").split())
        if value:
            out[name] = value
    out._mutable = False
    return out


def page_key(request: HttpRequest, body_id: int | None, large: bool, params: QueryDict) -> str:
    """The key of the page at ``request.path`` with ``params`` for the body (``None``: site-wide)."""
    address = f"{request.path}?{params.urlencode()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    scope = "site" if body_id is None else body_id
    day = timezone.localdate().isoformat()
    return f"gk:page:{scope}:{version(body_id)}:{day}:{int(large)}:{digest}"


def cached(key: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The cached response for ``key``, or render it and keep it if it is a plain 200."""
    cache = caches[_PAGES]
    hit = cache.get(key)
    if hit is not None:
        content, content_type = hit
        response = HttpResponse(content, content_type=content_type)
        response["X-Portal-Cache"] = "hit"
        return response
    response = render()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        cache.set(key, (response.content, response["Content-Type"]), PAGE_SECONDS)
    response["X-Portal-Cache"] = "miss"
    return response


def clear() -> None:
    """Forget every version and every page this process can reach (tests start from nothing)."""
    caches[_VERSIONS].clear()
    caches[_PAGES].clear()
