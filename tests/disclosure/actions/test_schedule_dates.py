"""A scheduled publication may lie ahead, but not years ahead (a mistyped year)."""

from datetime import datetime

import pytest

from gongkai.disclosure.actions import review
from gongkai.disclosure.actions.errors import DisclosureError
from tests.disclosure.conftest import BEIJING

NOW = datetime(2025, 10, 10, 10, tzinfo=BEIJING)


def test_a_publication_scheduled_years_ahead_is_refused(make_item, approve_all, clerk):
    item = approve_all(make_item())
    with pytest.raises(DisclosureError, match=r"^定时发布时间2035年10月10日在5年以后，请核对。$"):
        review.publish(item, actor=clerk, at=datetime(2035, 10, 10, 9, tzinfo=BEIJING), now=NOW)
    item.refresh_from_db()
    assert item.status == "approved"
    scheduled = review.publish(item, actor=clerk, at=datetime(2025, 10, 20, 9, tzinfo=BEIJING), now=NOW)
    assert scheduled.status == "scheduled"
