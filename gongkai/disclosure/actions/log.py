"""The one place an ItemEvent is written."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from gongkai.disclosure.actions.common import User, actor_label
from gongkai.disclosure.models import Item, ItemChange, ItemEvent, ReviewStep


def record(
    item: Item,
    actor: User | None,
    kind: str,
    *,
    from_status: str = "",
    to_status: str = "",
    step: ReviewStep | None = None,
    comment: str = "",
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
    change: ItemChange | None = None,
) -> ItemEvent:
    return ItemEvent.objects.create(
        item=item,
        change=change,
        kind=kind,
        actor=actor,
        actor_label=actor_label(actor),
        at=at or timezone.now(),
        from_status=from_status,
        to_status=to_status,
        step=step,
        step_label=step.get_name_display() if step is not None else "",
        step_role=step.role if step is not None else "",
        step_position=step.position if step is not None else None,
        comment=comment,
        data=data or {},
    )
