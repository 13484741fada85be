"""When a year's report may be published: hand-computed days around the year's end (Asia/Shanghai)."""

from datetime import date

import pytest

from gongkai.report_workspace.rules.publishing import first_publication_day, publication_refusal, year_end


def test_the_statistical_period_ends_on_31_december():
    assert year_end(2026) == date(2026, 12, 31)
    assert first_publication_day(2026) == date(2027, 1, 1)


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 12, 7),
        date(2026, 12, 31),
        date(2026, 1, 1),
    ],  # the day of the issue, the last day, the first
)
def test_the_current_year_cannot_be_published(today):
    assert publication_refusal(2026, today) == (
        "2026年度尚未结束（统计期至2026年12月31日），不能发布2026年度报告；最早可于2027年1月1日发布。"
    )


def test_the_first_day_of_the_next_year_is_allowed():
    assert publication_refusal(2026, date(2027, 1, 1)) == ""
    assert publication_refusal(2024, date(2025, 1, 20)) == ""


def test_a_publication_cannot_be_back_dated_into_the_year():
    assert publication_refusal(2025, date(2026, 12, 7), on=date(2025, 12, 31)) == (
        "发布日期2025年12月31日在2025年度结束之前，2025年度报告的发布日期不能早于2026年1月1日。"
    )
    assert publication_refusal(2025, date(2026, 12, 7), on=date(2026, 1, 1)) == ""


def test_a_publication_cannot_be_dated_in_the_future():
    assert (
        publication_refusal(2025, date(2026, 1, 5), on=date(2026, 1, 6))
        == "发布日期2026年1月6日晚于今天，请核对。"
    )
