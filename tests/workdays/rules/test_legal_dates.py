"""Dates disclosure work cannot have: before the 条例 took effect (2008-05-01), after today where only a
past day makes sense, more than five years ahead where a future day is allowed."""

from datetime import date

import pytest

from gongkai.workdays.rules.dates import REGULATIONS_IN_FORCE, date_refusal

TODAY = date(2026, 12, 7)


def test_the_floor_is_the_day_the_regulations_took_effect():
    assert date(2008, 5, 1) == REGULATIONS_IN_FORCE
    assert date_refusal(date(2008, 5, 1), "收件日期", TODAY) is None
    assert date_refusal(date(2008, 4, 30), "收件日期", TODAY) == (
        "收件日期2008年4月30日早于《政府信息公开条例》施行之日（2008年5月1日），请核对。"
    )


@pytest.mark.parametrize("future", [False, True])
def test_1900_is_refused_whether_or_not_the_future_is_allowed(future):
    assert date_refusal(date(1900, 1, 1), "答复日期", TODAY, future=future) == (
        "答复日期1900年1月1日早于《政府信息公开条例》施行之日（2008年5月1日），请核对。"
    )


def test_a_past_only_date_may_be_today_but_not_tomorrow():
    assert date_refusal(TODAY, "送达日期", TODAY) is None
    assert date_refusal(date(2026, 12, 8), "送达日期", TODAY) == "送达日期2026年12月8日晚于今天，请核对。"


def test_a_future_date_where_it_makes_sense_up_to_five_years_ahead():
    assert date_refusal(date(2027, 1, 15), "补正期限", TODAY, future=True) is None
    assert date_refusal(date(2031, 12, 31), "补正期限", TODAY, future=True) is None
    assert date_refusal(date(2032, 1, 1), "补正期限", TODAY, future=True) == (
        "补正期限2032年1月1日在5年以后，请核对。"
    )
