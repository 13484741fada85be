"""The review chain that an item and a change round of it both go through: the body's steps, who may
act at a step, and what a scheduled publication (定时发布) shares between the two — the refusals its
runner waits out, its log, and calling off the year-lock records it made.

``review.py`` (an item) and ``changes.py`` (a change round) both build on this module.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.bodies.actions.notices import notify, staff_with_roles
from gongkai.bodies.models import Body, NoticeKind
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


def tell_step(item: Item, step: ReviewStep, *, author_id: int | None, what: str = "信息") -> None:
    """The holders of the step's role in the item's body are told that it waits for them (not its
    author, who may not review their own)."""
    users = [u for u in staff_with_roles(item.body_id, [step.role]) if u.pk != author_id]
    notify(
        users,
        kind=NoticeKind.ITEM_TO_REVIEW,
        text=f"{what}“{item.title[:100]}”等待您在“{step.get_name_display()}”环节审核。",
        link=reverse("disclosure:item", args=[item.pk]),
        body=item.body,
    )


def tell_returned(
    item: Item, step: ReviewStep, *, first: bool, author_id: int | None, comment: str, what: str = "信息"
) -> None:
    """退回: to 撰稿 the author is told, to a later step the holders of its role; with the reasons."""
    users = (
        list(User.objects.filter(pk=author_id or 0)) if first else staff_with_roles(item.body_id, [step.role])
    )
    notify(
        users,
        kind=NoticeKind.ITEM_RETURNED,
        text=(
            f"{what}“{item.title[:100]}”被退回到“{step.get_name_display()}”环节。\n退回意见：{comment.strip()[:500]}"
        ),
        link=reverse("disclosure:item", args=[item.pk]),
        body=item.body,
    )
