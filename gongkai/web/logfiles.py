"""A child process's output into a log file that is rotated: ``gongkai start`` sends its worker's
output (Celery's banner, its warnings, its log, a traceback when it dies) to ``worker.log`` in the data
dir, which an installation left running for months would otherwise grow without end.

The child writes to a pipe; a thread of the parent reads it line by line into a ``RotatingFileHandler``
(``worker.log`` up to ``max_bytes``, then ``worker.log.1`` … ``worker.log.N``, the oldest dropped). The
parent reads, not the child, so what a dying child wrote last still reaches the file.
"""

from __future__ import annotations

import logging
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO


def rotating_handler(path: Path, *, max_bytes: int, backups: int) -> RotatingFileHandler:
    handler = RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    return handler


def copy_lines(stream: IO[bytes], handler: logging.Handler) -> None:
    """Write every line of ``stream`` through ``handler`` until it ends, then close the handler."""
    try:
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            handler.emit(logging.makeLogRecord({"msg": line, "levelno": logging.INFO, "levelname": "INFO"}))
    finally:
        stream.close()
        handler.close()


def pump(stream: IO[bytes], path: Path, *, max_bytes: int, backups: int) -> threading.Thread:
    """Copy ``stream`` (a child's stdout) into the rotated log ``path`` in a daemon thread."""
    handler = rotating_handler(path, max_bytes=max_bytes, backups=backups)
    thread = threading.Thread(target=copy_lines, args=(stream, handler), name="gongkai-log-pump", daemon=True)
    thread.start()
    return thread
