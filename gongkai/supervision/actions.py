"""Every change supervision makes goes through here."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.bodies.models import Body

from .access import below_own_bodies
from .models import SendBack
from .sources import counting_source


@transaction.atomic
def send_back(*, actor: AbstractUser, body: Body, year: int, comment: str) -> SendBack:
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
    return SendBack.objects.create(
        body=body, year=year, source_kind=source.kind, source_id=source.id, comment=comment, by=actor
    )
