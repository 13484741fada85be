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
