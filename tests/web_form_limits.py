"""Shared by the forms' length tests: every text field with a limit refuses a longer text with the one
Chinese wording of gongkai/web/limits.py (naming the field and the count), never Django's generic one."""

from __future__ import annotations

from types import ModuleType

from django import forms

from gongkai.web.limits import too_long


def limited_fields(module: ModuleType) -> list[tuple[str, str, forms.CharField]]:
    """(form name, field name, field) of every CharField with a max_length in the module's forms."""
    found = []
    for name, form in sorted(vars(module).items()):
        if isinstance(form, type) and issubclass(form, forms.BaseForm) and form.__module__ == module.__name__:
            for field_name, field in form.base_fields.items():
                if isinstance(field, forms.CharField) and field.max_length:
                    found.append((name, field_name, field))
    return found


def refusal_of(field: forms.CharField) -> list[str]:
    """What the field says about a text one character over its limit."""
    limit = field.max_length or 0
    text = "https://example.cn/" + "a" * limit if isinstance(field, forms.URLField) else "字" * (limit + 1)
    try:
        field.clean(text)
    except forms.ValidationError as e:
        return e.messages
    raise AssertionError(f"{field.label}: {len(text)} characters were taken")


def expected(field: forms.CharField, text_length: int) -> str:
    return too_long(str(field.label), field.max_length or 0, text_length)
