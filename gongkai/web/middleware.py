"""Middleware every page shares: session limits (idle and total), no caching of pages meant for one person,
and the request being served made known to the account log."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from gongkai.web.clients import current_request

LOGIN_AT = "gongkai_login_at"
SEEN_AT = "gongkai_seen_at"
# The last-seen time is written back at most this often (a session write per request is not needed).
_SEEN_RESOLUTION = 60

# Pages that show one person's data without a session login: a tracked request and its letters, and
# the read API (a token call is signed in only inside DRF, after the middleware has run).
_PERSONAL_PUBLIC = ("/track/", "/apply/", "/api/")


class SessionLimitsMiddleware:
    """A staff session ends after GONGKAI_SESSION_IDLE_MINUTES without a request and
    GONGKAI_SESSION_MAX_HOURS after its login."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            if request.user.is_authenticated:
                self._limit(request)
            return self.get_response(request)
        finally:
            current_request.reset(token)

    def _limit(self, request: HttpRequest) -> None:
        now = time.time()
        session = request.session
        login_at = session.setdefault(LOGIN_AT, now)
        seen_at = session.get(SEEN_AT, now)
        idle = settings.GONGKAI_SESSION_IDLE_MINUTES * 60
        cap = settings.GONGKAI_SESSION_MAX_HOURS * 3600
        if now - seen_at > idle or now - login_at > cap:
            logout(request)
            messages.info(request, "您长时间未操作或登录时间已到，请重新登录。")
            return
        if now - seen_at >= _SEEN_RESOLUTION or SEEN_AT not in session:
            session[SEEN_AT] = now


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page served to a signed-in person, on the applicant's
    tracking pages and on every download: none of them may stay in a shared or browser cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(settings.STATIC_URL):
            return response
        personal = (
            getattr(request, "user", None) is not None and request.user.is_authenticated
        ) or request.path.startswith(_PERSONAL_PUBLIC)
        if personal or "attachment" in response.get("Content-Disposition", ""):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
