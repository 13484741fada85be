"""Who is asking: the client's address and the request being served, for throttles and the account log."""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

# The request this thread is serving (set by SessionLimitsMiddleware), so that a change recorded from a
# model signal — a password, a permission — knows who made it and from where.
current_request: ContextVar[HttpRequest | None] = ContextVar("gongkai_current_request", default=None)


def client_ip(request: HttpRequest | None) -> str:
    """The client's address: REMOTE_ADDR, or the header named by GONGKAI_CLIENT_IP_HEADER (set by a
    trusted reverse proxy). Of a list (X-Forwarded-For) the last address: the one the nearest proxy
    added — the ones before it came from the client and can be anything."""
    if request is None:
        return ""
    raw = request.META.get(settings.GONGKAI_CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR") or ""
    return str(raw).split(",")[-1].strip()[:45]


def axes_client_ip(request: HttpRequest) -> str:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address the other throttles use."""
    return client_ip(request)
