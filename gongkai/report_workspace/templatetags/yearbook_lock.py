"""``{% changes_banner body year %}``: the 「本年度报告发布后，以下记录已变更」 banner on pages other
apps render (the supervision page) without their views knowing about the year lock."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.bodies.models import Body
from gongkai.report_workspace.actions.lock import changes_after_publication
from gongkai.report_workspace.models import AnnualReport

register = template.Library()


@register.inclusion_tag("yearbook/_changes_banner.html")
def changes_banner(body: Body, year: int) -> dict[str, Any]:
    annual = AnnualReport.objects.filter(body=body, year=year).first()
    return {"changes": changes_after_publication(annual) if annual is not None else [], "correction_url": ""}
