"""The request of a page behind ``login_required``, for the type checker: its user is an account."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthedRequest(HttpRequest):
    """``request.user`` is a ``User``, never ``AnonymousUser`` (``login_required`` sent that one away)."""

    user: User


class WebLoginBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins over the web. A call of ``authenticate`` with no request
    (a management command, a test's ``client.login``) has no client to throttle and passes through."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
