"""Free text in a form with a length limit that says so in Chinese, naming the field (limits.py)."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.web.limits import too_long


def limited_text(label: str, max_length: int, *, rows: int = 0, **kwargs: Any) -> forms.CharField:
    """A CharField of at most ``max_length`` characters; ``rows`` > 0 makes it a textarea."""
    if rows:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
    messages = {"max_length": too_long(label, max_length), **kwargs.pop("error_messages", {})}
    return forms.CharField(label=label, max_length=max_length, error_messages=messages, **kwargs)
