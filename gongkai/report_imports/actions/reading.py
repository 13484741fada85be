"""Where the platform reads an uploaded report: in a limited worker process, never in a web thread.

One ``IsolatedReader`` per process, configured from settings (``GONGKAI_IMPORT_SECONDS``,
``GONGKAI_IMPORT_MEMORY_MB``, ``GONGKAI_IMPORT_WORKERS``); ``GONGKAI_IMPORT_ISOLATED = False``
reads in the calling thread instead (for a debugger, not for production).
"""

from __future__ import annotations

import atexit
import threading

from django.conf import settings

from gongkai.report_format import Report, ReportReadError, analyse, read_bytes
from gongkai.report_format.batch import Limits, failure_message
from gongkai.report_format.sandbox import IsolatedReader

_reader: IsolatedReader | None = None
_lock = threading.Lock()


def limits() -> Limits:
    return Limits(
        seconds=float(settings.GONGKAI_IMPORT_SECONDS), memory_mb=int(settings.GONGKAI_IMPORT_MEMORY_MB)
    )


def _get_reader() -> IsolatedReader:
    global _reader
    with _lock:
        if _reader is None or _reader.limits != limits():
            if _reader is not None:
                _reader.close()
            _reader = IsolatedReader(limits(), workers=int(settings.GONGKAI_IMPORT_WORKERS))
        return _reader


@atexit.register
def _close() -> None:
    if _reader is not None:
        _reader.close()


def read_upload(data: bytes, filename: str) -> Report:
    """The checked report in ``data``; raises ReportReadError (Chinese message) when it can't be read."""
    if not settings.GONGKAI_IMPORT_ISOLATED:
        try:
            return analyse(read_bytes(data, filename))
        except ReportReadError:
            raise
        except Exception as e:
            raise ReportReadError(
                f"{filename or '该文件'}：{failure_message(e, limits(), '已停止读取')}"
            ) from None
    return _get_reader().read(data, filename)
