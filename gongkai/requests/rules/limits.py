"""How long an application's texts may be: the model's own columns, and a free description."""

from __future__ import annotations

SUBJECT_MAX = 500  # Request.subject
ITEM_MAX = 500  # RequestItem.description: one line of the list of items
ITEMS_MAX = 50  # lines of the list of items in one application
PURPOSE_MAX = 300  # Request.purpose
WAIVER_REASON_MAX = 300  # FeeNotice.waiver_reason
