"""第二十六条: an item published more than 20 working days after it was formed is flagged.

Hand count from 2025-09-26 (Fri): 09-28 (Sun, 调休上班) 1, 09-29 2, 09-30 3, 国庆中秋 10-01…10-08 skipped,
10-09 4, 10-10 5, 10-11 (Sat, 调休上班) 6, 10-13…10-17 7–11, 10-20…10-24 12–16, 10-27…10-30 17–20.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from gongkai.disclosure.actions.review import publish
from gongkai.disclosure.queries.registers import item_counts
from gongkai.disclosure.rules.timeliness import timeliness

BEIJING = ZoneInfo("Asia/Shanghai")


def test_the_twentieth_working_day_after_26_september_2025_is_30_october(db):
    t = timeliness(date(2025, 9, 26), date(2025, 10, 30))

    assert t.due == date(2025, 10, 30)
    assert (t.working_days, t.is_late) == (20, False)


def test_one_working_day_later_is_late(db):
    t = timeliness(date(2025, 9, 26), date(2025, 10, 31))

    assert (t.working_days, t.is_late) == (21, True)


def test_the_flag_and_the_count_are_stored_at_publication(make_item, approve_all, clerk):
    on_time = approve_all(make_item(formed_on=date(2025, 9, 26)))
    late = approve_all(make_item(formed_on=date(2025, 9, 26), title="迟发的一条"))

    on_time = publish(on_time, actor=clerk, now=datetime(2025, 10, 30, 17, tzinfo=BEIJING))
    late = publish(late, actor=clerk, now=datetime(2025, 10, 31, 9, tzinfo=BEIJING))

    assert (on_time.is_late, on_time.working_days_to_publish) == (False, 20)
    assert (late.is_late, late.working_days_to_publish) == (True, 21)
    assert "应于2025-10-30前发布" in late.events.get(kind="published").data["late"]


def test_item_counts_group_the_year_by_node_and_channel(make_item, approve_all, clerk, street, node):
    now = datetime(2025, 10, 30, 10, tzinfo=BEIJING)
    publish(approve_all(make_item(channels=["website", "wechat"])), actor=clerk, now=now)
    publish(approve_all(make_item(channels=["website"])), actor=clerk, now=now)
    make_item()  # a draft is not counted

    counts = item_counts(street, 2025)

    assert counts["total"] == 2
    assert counts["by_node"] == {(node.code, "公示公告"): 2}
    assert counts["by_channel"] == {"website": 2, "wechat": 1}
    assert item_counts(street, 2024)["total"] == 0
