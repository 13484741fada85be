"""The states of a disclosure item and the transitions allowed between them — nothing else is possible."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("审核中")
    APPROVED = "approved", _("已通过")
    SCHEDULED = "scheduled", _("待发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤稿")


S = Status

# IN_REVIEW → IN_REVIEW: the next step, or 退回 to an earlier one; → DRAFT: 退回 to 撰稿.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.DRAFT: frozenset({S.IN_REVIEW, S.WITHDRAWN}),
    S.IN_REVIEW: frozenset({S.IN_REVIEW, S.APPROVED, S.DRAFT, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.IN_REVIEW, S.DRAFT, S.SCHEDULED, S.PUBLISHED, S.WITHDRAWN}),
    S.SCHEDULED: frozenset({S.PUBLISHED, S.WITHDRAWN}),
    S.PUBLISHED: frozenset({S.WITHDRAWN}),
    S.WITHDRAWN: frozenset(),
}

EDITABLE: frozenset[Status] = frozenset({S.DRAFT})
PUBLIC: frozenset[Status] = frozenset({S.PUBLISHED})


class TransitionError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_transition(current: str, target: str) -> None:
    """Raise TransitionError unless an item may go from ``current`` to ``target``."""
    cur, tgt = Status(current), Status(target)
    if tgt not in TRANSITIONS[cur]:
        allowed = "、".join(str(s.label) for s in TRANSITIONS[cur]) or "无"
        raise TransitionError(f"信息当前状态为“{cur.label}”，不能转为“{tgt.label}”。当前可转为：{allowed}。")
