"""The review chain that an item and a change round of it both go through: the body's steps, who may
act at a step, and what a scheduled publication (定时发布) shares between the two — the refusals its
runner waits out, its log, and calling off the year-lock records it made.

``review.py`` (an item) and ``changes.py`` (a change round) both build on this module.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied

from gongkai.bodies.models import Body
from gongkai.disclosure.access import role_in
from gongkai.disclosure.actions.common import User, require
from gongkai.disclosure.actions.defaults import REVIEW_CHAIN
from gongkai.disclosure.actions.errors import DisclosureError
from gongkai.disclosure.models import Item, ItemEvent, ReviewStep
from gongkai.disclosure.rules.states import TransitionError

# The scheduled-publication runners of review.py and changes.py log under the name they always had.
logger = logging.getLogger("gongkai.disclosure.actions.review")
# What a scheduled publication may meet at its time: the year lock (YearLocked is a PermissionDenied)
# or a rule; the runner leaves that one waiting, records why (see refusals.py) and goes on.
RUNNER_REFUSALS = (DisclosureError, TransitionError, PermissionDenied)


def review_chain(body: Body) -> list[ReviewStep]:
    """The body's steps in order; the default chain when it has none yet. Refuses a chain without 保密审查."""
    steps = list(ReviewStep.objects.filter(body=body).order_by("position"))
    if not steps:
        steps = [
            ReviewStep.objects.create(
                body=body, position=i, name=s.name, role=s.role, is_secrecy_review=s.is_secrecy_review
            )
            for i, s in enumerate(REVIEW_CHAIN, start=1)
        ]
    if not any(s.is_secrecy_review for s in steps):
        raise DisclosureError(
            "该机关的审核流程缺少保密审查环节，请管理员先补上（保密审查是发布前的必经环节）"
        )
    return steps


def cancel_scheduled_lock(
    scheduled: ItemEvent | None, actor: User | None, reason: str
) -> dict[str, Any] | None:
    """A 定时发布 that passed the year lock when it was scheduled is called off before its time: the
    records it made on the published reports (``lock_overrides`` of its 定时发布 event) are cancelled,
    so that no report lists a change that never happened. Returns the years for the item's log."""
    from gongkai.report_workspace.actions.lock import cancel_overrides

    pks = scheduled.data.get("lock_overrides") if scheduled is not None else None
    if not pks:
        return None
    cancelled = cancel_overrides(pks, actor=actor, reason=reason)
    if not cancelled:
        return None
    return {"years": sorted({o.report.year for o in cancelled}), "reason": reason}


def require_step_role(actor: User, item: Item, step: ReviewStep) -> None:
    """PermissionDenied unless the actor holds the step's role in the item's body (for an item's review
    and for a change round's, changes.py)."""
    require(
        role_in(actor, item.body) == step.role,
        f"“{step.get_name_display()}”环节需由本机关的{step.get_role_display()}办理",
    )
