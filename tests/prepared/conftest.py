import pytest

from gongkai.prepared.actions.producers import register, unregister
from tests.prepared.helpers import CALLS, ECHO, queued_tasks


@pytest.fixture(autouse=True)
def echo_kind():
    """The tests' own kind in the table (the apps' kinds are registered by their AppConfig.ready)."""
    register(ECHO)
    CALLS.clear()
    queued_tasks()
    yield ECHO.kind
    queued_tasks()
    unregister(ECHO.kind)
