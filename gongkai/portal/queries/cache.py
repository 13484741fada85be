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

When the shared cache does not answer (gongkai/web/shared_cache.py) a version is unknown (``None``):
the page is rendered directly and kept nowhere, so nothing stale is served and nothing is kept under a
version that may already be old. A bump that could not be made is kept in this process and made as
soon as the cache answers again, and this process's own page cache and kept contexts are then
dropped (a bump another process lost may have left them stale). What remains: pages another process
keeps in its own memory, if that process served nothing during the outage and the process that lost
the bump ends before the cache answers again — they expire after ``PAGE_SECONDS``. A Redis that
restarts empty gives every body a new version at once (versions start from the clock).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.core.cache import BaseCache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone

from gongkai.web import shared_cache
from gongkai.web.shared_cache import Unavailable

PAGE_SECONDS = 600
_SITE = "gk:v:site"
_VERSIONS = "default"
_PAGES = "pages"
# The versions read so far by the page request being served (None outside one).
_read: ContextVar[dict[int | None, int | None] | None] = ContextVar("portal_versions_read", default=None)
# Bodies whose bump failed while the shared cache was down: bumped when it answers again.
_pending: set[int] = set()


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


def version(body_id: int | None) -> int | None:
    """The body's current version (``None`` for ``body_id``: the version of the pages across all
    bodies); ``None`` when the shared cache does not answer."""
    read = _read.get()
    if read is not None and body_id in read:
        return read[body_id]
    if _pending:
        _flush()  # a bump this process could not make comes first
    try:
        value: int | None = shared_cache.call(_VERSIONS, lambda c: _shared_version(c, body_id))
    except Unavailable:
        value = None
    if read is not None:
        read[body_id] = value
    return value


def _shared_version(cache: BaseCache, body_id: int | None) -> int:
    key = _SITE if body_id is None else _body_key(body_id)
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns() // 1000, timeout=None)
        value = cache.get(key, 1)
    return int(value)


def bump(body_id: int) -> None:
    """Make every cached page of the body, and every page across bodies, stale, in every process (if
    the shared cache does not answer: as soon as it does, see the module's docstring)."""
    _pending.add(body_id)
    _flush()


def _flush() -> None:
    """Make the pending bumps; those the shared cache does not take stay pending."""

    def bump_pending(cache: BaseCache) -> None:
        for body_id in sorted(_pending):
            for key in (_body_key(body_id), _SITE):
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, time.time_ns() // 1000, timeout=None)
            _pending.discard(body_id)

    with suppress(Unavailable):  # logged by shared_cache; the rest stays pending
        shared_cache.call(_VERSIONS, bump_pending)


@shared_cache.on_recovery
def _drop_local_pages(alias: str) -> None:
    """The versions answer again: pages this process kept in its memory before the outage may be
    stale (another process's bump may have been lost), so they go. A shared page cache is left: its
    pages are keyed by versions, and clearing a Redis cache would flush its whole database."""
    if alias == _VERSIONS and isinstance(caches[_PAGES], LocMemCache):
        caches[_PAGES].clear()


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


def page_key(request: HttpRequest, body_id: int | None, large: bool, params: QueryDict) -> str | None:
    """The key of the page at ``request.path`` with ``params`` for the body (``None``: site-wide);
    ``None`` when the version is unknown (the page is not to be cached)."""
    current = version(body_id)
    if current is None:
        return None
    address = f"{request.path}?{params.urlencode()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    scope = "site" if body_id is None else body_id
    day = timezone.localdate().isoformat()
    return f"gk:page:{scope}:{current}:{day}:{int(large)}:{digest}"


def cached(key: str | None, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The cached response for ``key``, or render it and keep it if it is a plain 200. Without a key,
    or when the page cache does not answer, rendered and not kept (``X-Portal-Cache: off``)."""
    hit = None
    if key is not None:
        try:
            hit = shared_cache.call(_PAGES, lambda c: c.get(key))
        except Unavailable:
            key = None
    if hit is not None:
        content, content_type = hit
        response = HttpResponse(content, content_type=content_type)
        response["X-Portal-Cache"] = "hit"
        return response
    response = render()
    if key is None:
        response["X-Portal-Cache"] = "off"
        return response
    if response.status_code == 200 and not response.streaming and not response.cookies:
        kept = (response.content, response["Content-Type"])
        with suppress(Unavailable):
            shared_cache.call(_PAGES, lambda c: c.set(key, kept, PAGE_SECONDS))
    response["X-Portal-Cache"] = "miss"
    return response


def clear() -> None:
    """Forget every version and every page this process can reach (tests start from nothing)."""
    caches[_VERSIONS].clear()
    caches[_PAGES].clear()
    _pending.clear()
