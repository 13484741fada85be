"""How long a typed text may be, and the one wording of a text over its limit (forms and actions).

Every text a person types — on the public forms and the staff pages — has a limit: a 700,000-character
description was once stored.
"""

from __future__ import annotations

REASON_MAX = 1000  # a reason, an opinion in a line or two
NOTE_MAX = 2000  # a note, what to correct, a reply's reasons
DESCRIPTION_MAX = 5000  # the 文号或特征描述 of an application
SECTION_MAX = 30000  # a narrative section of an annual report (a long 总体情况 runs to ~10,000)


def too_long(label: str, max_length: int, count: int | str = "%(show_value)d") -> str:
    """The message of a text over its limit; a form leaves ``count`` to Django's ``show_value``."""
    return f"“{label}”最多{max_length}字，现在有{count}字，请精简后再提交。"


def length_refusal(label: str, text: str, max_length: int) -> str | None:
    """The message when ``text`` is over ``max_length`` characters, else None (for actions)."""
    return too_long(label, max_length, len(text)) if len(text) > max_length else None
