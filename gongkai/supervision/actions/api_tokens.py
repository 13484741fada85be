"""The read API's tokens (DRF ``Token``): one per user, replaced as a whole when rotated."""

from __future__ import annotations

from django.contrib.auth.models import User as AuthUser
from django.db import transaction
from rest_framework.authtoken.models import Token


def rotate_token(user: AuthUser) -> Token:
    """A new token for the user; the old one, if any, stops working at once."""
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)


def token_for(user: AuthUser) -> Token:
    """The user's token, created on first use."""
    token, _ = Token.objects.get_or_create(user=user)
    return token
