"""The one error a calendar change is refused with when its content is wrong."""

from __future__ import annotations


class CalendarError(ValueError):
    """A calendar change refused for what it says; every message is for the person who entered it."""

    def __init__(self, *messages: str) -> None:
        self.messages = list(messages)
        super().__init__("；".join(messages))
