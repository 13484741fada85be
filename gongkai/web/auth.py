"""The request of a page behind ``login_required``, for the type checker: its user is an account."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthedRequest(HttpRequest):
    """``request.user`` is a ``User``, never ``AnonymousUser`` (``login_required`` sent that one away)."""

    user: User
