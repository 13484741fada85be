"""Errors a user sees: each carries a Chinese message that says what is wrong and where."""


class ReportReadError(Exception):
    """The input cannot be read as an annual report (empty, binary, too big, not a report …)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
