"""The states of a request and the transitions the 条例 allows — nothing else is possible.

Every transition goes through ``check_transition``; a wrong one raises TransitionError with a
Chinese message naming both states.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    REVIEWING = "reviewing", _("审查中")
    CORRECTING = "correcting", _("补正中")
    PROCESSING = "processing", _("办理中")
    CONSULTING = "consulting", _("征求第三方意见")
    EXTENDED = "extended", _("已延期")
    AWAITING_FEE = "awaiting_fee", _("待缴费")
    REPLIED = "replied", _("已答复")
    DELIVERED = "delivered", _("已送达")
    ARCHIVED = "archived", _("已归档")
    WITHDRAWN = "withdrawn", _("申请人撤回")
    LAPSED_NO_CORRECTION = "lapsed_no_correction", _("逾期不补正")
    LAPSED_UNPAID = "lapsed_unpaid", _("逾期未缴费")


S = Status
_WORKING = {S.PROCESSING, S.EXTENDED}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.REGISTERED: frozenset({S.REVIEWING, S.REPLIED, S.WITHDRAWN}),  # REPLIED: 当场答复
    S.REVIEWING: frozenset({S.CORRECTING, S.PROCESSING, S.REPLIED, S.WITHDRAWN}),
    S.CORRECTING: frozenset({S.PROCESSING, S.LAPSED_NO_CORRECTION, S.WITHDRAWN}),
    S.PROCESSING: frozenset({S.CONSULTING, S.EXTENDED, S.AWAITING_FEE, S.REPLIED, S.WITHDRAWN}),
    S.EXTENDED: frozenset({S.CONSULTING, S.AWAITING_FEE, S.REPLIED, S.WITHDRAWN}),
    S.CONSULTING: frozenset({S.PROCESSING, S.EXTENDED, S.WITHDRAWN}),
    S.AWAITING_FEE: frozenset({S.PROCESSING, S.EXTENDED, S.LAPSED_UNPAID, S.WITHDRAWN}),
    S.REPLIED: frozenset({S.DELIVERED}),
    S.DELIVERED: frozenset({S.ARCHIVED}),
    S.WITHDRAWN: frozenset({S.ARCHIVED}),
    S.LAPSED_NO_CORRECTION: frozenset({S.ARCHIVED}),
    S.LAPSED_UNPAID: frozenset({S.ARCHIVED}),
    S.ARCHIVED: frozenset(),
}

# Handling has concluded: the request counts in table 3 in the year of its conclusion.
CONCLUDED: frozenset[Status] = frozenset(
    {S.REPLIED, S.DELIVERED, S.ARCHIVED, S.WITHDRAWN, S.LAPSED_NO_CORRECTION, S.LAPSED_UNPAID}
)
# The reply clock runs (not paused by 补正 or 征求意见).
CLOCK_RUNNING: frozenset[Status] = frozenset({S.REGISTERED, S.REVIEWING, *_WORKING, S.AWAITING_FEE})


class TransitionError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_transition(current: str, target: str) -> None:
    """Raise TransitionError unless the 条例 allows going from ``current`` to ``target``."""
    cur, tgt = Status(current), Status(target)
    if tgt not in TRANSITIONS[cur]:
        allowed = "、".join(str(s.label) for s in sorted(TRANSITIONS[cur])) or "无（已办结归档）"
        raise TransitionError(f"申请当前状态为“{cur.label}”，不能转为“{tgt.label}”。当前可进行：{allowed}。")
