"""The portal's own template helpers."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.portal.views.jinja import date as date_filter


def test_dates_are_written_as_chinese_pages_write_them():
    assert date_filter(date(2025, 9, 1), "Y年n月j日") == "2025年9月1日"
    assert date_filter(date(2025, 9, 1), "Y-m-d") == "2025-09-01"
    assert date_filter(date(2025, 12, 31), "Y-m-d") == "2025-12-31"


def test_no_date_is_written_as_nothing():
    assert date_filter(None, "Y-m-d") == ""


def test_a_code_the_filter_does_not_know_fails_loudly():
    with pytest.raises(ValueError, match="'F'"):
        date_filter(date(2025, 9, 1), "F j, Y")
