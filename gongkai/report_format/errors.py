"""Errors a user sees: each carries a Chinese message that says what is wrong and where.

A library's own words (an exception's English text) never go into the message: ``log_cause`` writes
them to the log, for the operator."""

from __future__ import annotations

import logging

_log = logging.getLogger("gongkai.report_format")


class ReportReadError(Exception):
    """The input cannot be read as an annual report (empty, binary, too big, not a report …)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def log_cause(name: str, exc: BaseException) -> None:
    """Keep what a library said about ``name`` for the log (the user gets a Chinese sentence)."""
    _log.info("%s: %s: %s", name, type(exc).__name__, exc)
