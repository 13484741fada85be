"""A date field that refuses the dates disclosure work cannot have (rules/dates.py ``date_refusal``),
with the same Chinese message the actions give, so a form says it before anything is attempted."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from gongkai.workdays.rules.dates import date_refusal

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LegalDateField(forms.DateField):
    """``future=True`` for a deadline or a scheduled day; else not after today. Never before 2008-05-01."""

    def __init__(self, *, future: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DATE_INPUT)
        kwargs.setdefault("error_messages", {"invalid": "请填写有效的日期，例如 2025-09-26。"})
        super().__init__(**kwargs)
        self.future = future

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, date):
            refusal = date_refusal(value, str(self.label or "日期"), timezone.localdate(), future=self.future)
            if refusal:
                raise forms.ValidationError(refusal)
