"""What every portal page shares: GET only, the large-text cookie, and the per-body page cache."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.portal.queries import cache
from gongkai.portal.queries.context import body_context, site_context

LARGE_COOKIE = "gk_large"
LARGE_SECONDS = 365 * 24 * 3600

View = Callable[..., HttpResponse]


def is_large(request: HttpRequest) -> bool:
    return request.COOKIES.get(LARGE_COOKIE) == "1"


def large_toggle(request: HttpRequest) -> HttpResponse | None:
    """``?large=1`` / ``?large=0``: set or clear the cookie and come back to the page without it."""
    wanted = request.GET.get("large")
    if wanted not in ("0", "1"):
        return None
    rest = request.GET.copy()
    del rest["large"]
    target = request.path + (f"?{rest.urlencode()}" if rest else "")
    response = HttpResponseRedirect(target)
    if wanted == "1":
        response.set_cookie(LARGE_COOKIE, "1", max_age=LARGE_SECONDS, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(LARGE_COOKIE, samesite="Lax")
    return response


def portal_page(*, site_wide: bool = False, params: tuple[str, ...] = ()) -> Callable[[View], View]:
    """A public page: GET only, large-text toggle, cached under the body's (or the site's) version.

    ``params``: the query parameters the page reads; the view finds them, normalised, in
    ``request.portal_params`` and must read nothing else (the cache key holds only those)."""

    def decorate(view: View) -> View:
        @require_GET
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (toggled := large_toggle(request)) is not None:
                return toggled
            body_id = None if site_wide else kwargs["body_pk"]
            request.portal_params = normal = cache.normal_params(request.GET, params)  # type: ignore[attr-defined]
            with cache.one_reading():
                key = cache.page_key(request, body_id, is_large(request), normal)
                response = cache.cached(key, lambda: view(request, *args, **kwargs))
            response["Cache-Control"] = (
                "public, max-age=60" if not is_large(request) else "private, max-age=60"
            )
            response["Vary"] = "Cookie"
            return response

        return wrapper

    return decorate


def page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    """Render a portal template; ``nav`` (the section links) comes from the body's kept context."""
    if "nav" not in context:
        body = context.get("body")
        context["nav"] = body_context(body.pk).nav if body is not None else site_context().nav
    return render(request, template, {**context, "large": is_large(request)}, status=status, using="portal")
