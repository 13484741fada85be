"""Working-day counting, with the hand-computed vectors of ogi-rules §7.2 (chinesecalendar 1.11 data)."""

from datetime import date

import pytest

from gongkai.workdays.rules.calendar import WorkCalendar

CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (date(2025, 9, 26), 20, date(2025, 10, 30)),  # across National Day + Mid-autumn (8 days off)
        (date(2025, 9, 26), 7, date(2025, 10, 13)),  # 补正 notice period
        (date(2025, 10, 30), 20, date(2025, 11, 27)),  # an extension after the first 20 days
        (date(2026, 2, 13), 20, date(2026, 3, 19)),  # Friday before the Spring Festival
        (date(2026, 2, 13), 7, date(2026, 3, 2)),
        (date(2025, 12, 15), 20, date(2026, 1, 13)),  # across the new year: both years' data
        (date(2025, 9, 27), 20, date(2025, 10, 30)),  # Saturday start; Sunday 9-28 is a make-up workday
    ],
)
def test_statutory_vectors(start, n, due):
    count = CAL.add_working_days(start, n)
    assert count.due == due
    assert not count.provisional


def test_the_start_day_is_not_counted():
    assert CAL.add_working_days(date(2025, 11, 3), 1).due == date(2025, 11, 4)  # Monday → Tuesday
    assert CAL.add_working_days(date(2025, 11, 7), 1).due == date(2025, 11, 10)  # Friday → Monday


def test_a_weekend_makeup_workday_counts_and_is_named():
    count = CAL.add_working_days(date(2025, 9, 26), 20)
    assert [d.on for d in count.makeup] == [date(2025, 9, 28), date(2025, 10, 11)]
    text = count.explain()
    assert "调休上班日计入：2025年9月28日（周日）、2025年10月11日（周六）" in text
    assert "国庆节" in text and "2025年10月30日" in text


def test_makeup_days_can_be_switched_off_by_setting():
    strict = WorkCalendar(makeup_counts=False)
    assert strict.add_working_days(date(2025, 9, 27), 20).due > date(2025, 10, 30)


def test_an_unpublished_year_gives_a_provisional_date_and_says_so():
    # 2026-12-15 (Tue): 12 working days to 12-31, 2027-01-01 estimated 元旦, then 8 more → 01-13.
    count = CAL.add_working_days(date(2026, 12, 15), 20)
    assert count.due == date(2027, 1, 13)
    assert count.provisional_years == (2027,)
    assert "2027年的放假安排尚未公布" in count.explain()


def test_an_administrator_published_year_is_final_and_wins():
    # as if the 2027 notice gave 元旦 and the Monday after it off
    overrides = {date(2027, 1, 1): (False, "元旦"), date(2027, 1, 4): (False, "元旦")}
    cal = WorkCalendar(overrides, published_years=[2027])
    count = cal.add_working_days(date(2026, 12, 15), 20)
    assert count.due == date(2027, 1, 14)
    assert not count.provisional


def test_a_local_extra_rest_day_in_a_known_year():
    cal = WorkCalendar({date(2025, 11, 4): (False, "地方放假")})
    assert cal.add_working_days(date(2025, 11, 3), 1).due == date(2025, 11, 5)


def test_working_days_between_counts_like_add():
    assert CAL.working_days_between(date(2025, 9, 26), date(2025, 10, 30)) == 20
    assert CAL.working_days_between(date(2025, 10, 30), date(2025, 10, 30)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="不能为负数"):
        CAL.add_working_days(date(2025, 1, 1), -1)
