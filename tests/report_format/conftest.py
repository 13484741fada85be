"""Fixtures of the format core's tests."""

from __future__ import annotations

import threading

import pytest

from gongkai.report_format import sandbox


@pytest.fixture
def single_threaded() -> None:
    """This process with no thread but the main one, as page processes are forked only then
    (page_pool): the sandbox readers other tests used keep two threads each, and are closed here."""
    sandbox.close_all()
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    assert not others, f"other threads are running in the test process: {others}"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that fork page processes run first in the session, before any test leaves a thread
    behind for good (pytest-django's live server of the browser tests lives for the whole session;
    pytest-django runs database tests before the others, so these would come after it)."""
    first = [item for item in items if "single_threaded" in getattr(item, "fixturenames", ())]
    if first:
        chosen = set(map(id, first))
        items[:] = first + [item for item in items if id(item) not in chosen]
