"""Template tags of the request pages whose data their views do not pass: the remedies block."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.requests.forms.remedies import DecideRemedyForm, OpenRemedyForm
from gongkai.requests.models import Request

register = template.Library()


@register.inclusion_tag("requests/_remedies.html", takes_context=True)
def remedies_block(context: template.Context, r: Request) -> dict[str, Any]:
    """The request's 行政复议/行政诉讼 cases, a decision form for each undecided one, and the form to open one."""
    cases = list(r.remedies.select_related("follows").order_by("filed_on", "pk"))
    return {
        "r": r,
        "cases": [(c, None if c.decided_on else DecideRemedyForm(c)) for c in cases],
        "open_form": OpenRemedyForm(r),
        "csrf_token": context.get("csrf_token"),
    }
