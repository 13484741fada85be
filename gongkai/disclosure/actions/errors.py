from __future__ import annotations


class DisclosureError(ValueError):
    """Something the rules refuse; the message is Chinese and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ScreeningRefused(DisclosureError):
    """Publishing over personal data or sensitive words without a recorded reason."""


class IndexNumberRefused(DisclosureError):
    """The body's 索引号 rule cannot number the item (a rule or 机构编码 for its administrator to fix)."""
