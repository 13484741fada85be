"""Publishing what is due: every 待发布 item and 变更 whose time has come (Celery beat every minute,
``gongkai publish_due`` by hand). What cannot go out yet stays 待发布, with the reason recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from gongkai.disclosure.actions.changes import publish_due_changes
from gongkai.disclosure.actions.refusals import Refusal
from gongkai.disclosure.actions.review import publish_due_items
from gongkai.disclosure.models import Item, ItemChange


@dataclass
class PublishRun:
    items: list[Item] = field(default_factory=list)
    changes: list[ItemChange] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


def publish_due(now: datetime | None = None) -> PublishRun:
    """Items first, then change rounds; each refusal is collected, none stops the run."""
    run = PublishRun()
    run.items = publish_due_items(now, refused=run.refused)
    run.changes = publish_due_changes(now, refused=run.refused)
    return run
