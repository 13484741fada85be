"""Every change supervision makes goes through here."""

from __future__ import annotations

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.bodies.models import Body
from gongkai.report_workspace.actions.chain_notices import tell_supervision_send_back
from gongkai.report_workspace.models import AnnualReport
from gongkai.supervision.access import below_own_bodies
from gongkai.supervision.models import SendBack
from gongkai.supervision.queries.body_years import BodyYear
from gongkai.supervision.queries.sources import counting_source
from gongkai.supervision.queries.summary import area_report, summed_rows


@transaction.atomic
def send_back(*, actor: AuthUser, body: Body, year: int, comment: str) -> SendBack:
    """Send the report that counts for ``body`` and ``year`` back to the body, with a comment.

    Only a member of a body above ``body`` may do so; there must be a report, and a comment.
    """
    if body.pk not in below_own_bodies(actor):
        raise PermissionDenied("只有上级机关的人员可以退回年度报告")
    comment = comment.strip()
    if not comment:
        raise ValueError("请填写退回意见")
    source = counting_source(body, year)
    if source is None:
        raise ValueError(f"{body.display_name}还没有{year}年度报告，无可退回")
    sent = SendBack.objects.create(
        body=body, year=year, source_kind=source.kind, source_id=source.id, comment=comment, by=actor
    )
    tell_supervision_send_back(body, year, comment, actor)
    return sent


def draft_area_report(*, actor: AuthUser, root: Body, year: int, rows: list[BodyYear]) -> AnnualReport:
    """The root body's report in the workspace as its area's: its own records plus the 汇总 of the
    reports of every body below it (``rows``: the area's rows, the root's own among them)."""
    from gongkai.report_workspace.actions.reports import take_area_summary

    below = [r for r in rows if r.body.pk != root.pk]
    summed, _ = area_report(root.name, below, year)
    counted = sum(1 for r in summed_rows(below) if r.source is not None)
    return take_area_summary(actor=actor, body=root, year=year, summed=summed.values, bodies=counted)
