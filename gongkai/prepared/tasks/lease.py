"""A worker's lease on what it is working on, kept alive while the work runs.

``renewing(renew, every, label)`` calls ``renew()`` every ``every`` seconds in a thread with its own
database connection until the block ends; another worker takes over only a claim left unrenewed for a
whole lease. Usable by any app's task (report_imports' batch files renew their claim the same way).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator

from django.db import DatabaseError, connection

log = logging.getLogger(__name__)


@contextlib.contextmanager
def renewing(renew: Callable[[], object], every: float, label: str) -> Iterator[None]:
    stop = threading.Event()

    def loop() -> None:
        try:
            while not stop.wait(every):
                renew()
        except DatabaseError:
            log.warning("%s 的凭据未能续期", label, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=loop, name=f"gongkai-lease-{label}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
