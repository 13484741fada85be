"""What every disclosure view shares: turning a refused action into a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from gongkai.disclosure.actions import DisclosureError
from gongkai.disclosure.rules.states import TransitionError


def attempt(request: HttpRequest, action: Callable[[], Any], done: str) -> bool:
    """Run the action; on a refusal show its Chinese message. PermissionDenied passes through (403)."""
    try:
        action()
    except (DisclosureError, TransitionError) as e:
        messages.error(request, e.message)
        return False
    messages.success(request, done)
    return True


def form_errors(form: Any) -> str:
    return "；".join(
        f"{form.fields[k].label if k in form.fields else ''}：{'、'.join(v)}" for k, v in form.errors.items()
    )
