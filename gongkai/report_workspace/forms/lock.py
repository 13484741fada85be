"""The year lock in other apps' views: a refusal becomes a form error, and the body's 分管领导 gets a
「变更理由」 field to allow the change (``lock.allowing`` around the action records it).

Use in a form view::

    try:
        with lockforms.allowing_form(form, what="…"):
            run_the_action()
    except ERRORS as e:
        form.add_error(None, message(e))
        lockforms.offer_override(form, e, request.user, body)

or, for a view that answers with a message and a redirect, decorate it with ``refusal_as_message``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from gongkai.bodies.models import Body
from gongkai.report_workspace.actions.lock import (
    User,
    YearLocked,
    allowing,
    is_leader,
    may_correct,
)
from gongkai.web.limits import REASON_MAX, too_long

REASON_FIELD = "lock_override_reason"
REASON_LABEL = "变更理由"
REASON_HELP = "该年度报告已发布。作为分管领导，填写理由后可以修改，修改将记录并显示为变更已发布的报告。"
CORRECTION_LABEL = "更正理由"
CORRECTION_HELP = (
    "该年度报告已发布。填写理由后提交，作为对已发布报告的更正：记录更正人、时间和理由，"
    "标记报告需要更正，并通知上级监督机关。"
)


def posted_reason(form: forms.BaseForm) -> str:
    """The leader's reason as posted with the form (it may not be among the form's fields yet)."""
    if not form.is_bound:
        return ""
    return str(form.data.get(form.add_prefix(REASON_FIELD), "")).strip()


@contextmanager
def allowing_form(form: forms.BaseForm, what: str) -> Iterator[None]:
    with allowing(posted_reason(form), what):
        yield


def offer_override(
    form: forms.BaseForm, error: Exception, user: User, body: Body, *, staff_may_correct: bool = False
) -> None:
    """After a refusal: give the body's leader the 「变更理由」 field (kept while they retry) — or, for
    the records where any of the body's handling staff may make a 更正 (``staff_may_correct``: the
    steps of a request), the 「更正理由」 field to them."""
    locked = isinstance(error, YearLocked) or bool(posted_reason(form))
    if not locked or REASON_FIELD in form.fields:
        return
    if staff_may_correct and may_correct(user, body):
        label, help_text = CORRECTION_LABEL, CORRECTION_HELP
    elif is_leader(user, body):
        label, help_text = REASON_LABEL, REASON_HELP
    else:
        return
    form.fields[REASON_FIELD] = forms.CharField(
        label=label,
        required=False,
        max_length=REASON_MAX,
        error_messages={"max_length": too_long(label, REASON_MAX)},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )


def refusal_as_message(
    back: Callable[..., str], what: Callable[..., str] | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """For views that report with messages: a ``YearLocked`` refusal becomes an error message and a
    redirect to ``back(request, *args, **kwargs)``; the change is recorded as ``what(...)`` when a
    leader's grant allows it."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            label = what(request, *args, **kwargs) if what is not None else ""
            try:
                with allowing("", label):
                    return view(request, *args, **kwargs)
            except YearLocked as e:
                messages.error(
                    request, f"{e.message}（分管领导可在该年度报告页面填写变更理由，授权一次变更。）"
                )
                return redirect(back(request, *args, **kwargs))

        return wrapper

    return decorate
