"""The calendar in force: built from the database, kept in the process, rebuilt when it changed."""

from datetime import date

import pytest
from django.db import connection, transaction

from gongkai.workdays.actions import calendar as actions
from gongkai.workdays.models import CalendarChange, CalendarDay
from gongkai.workdays.queries.calendar import calendar_version, current_calendar, versioned_calendar

LANTERN_FESTIVAL = date(2026, 3, 3)


def test_without_any_change_the_package_decides(db):
    assert current_calendar().add_working_days(date(2025, 9, 26), 20).due == date(2025, 10, 30)


def test_the_calendar_is_kept_between_calls_while_nothing_changes(db, django_assert_num_queries):
    first = current_calendar()

    with django_assert_num_queries(1):  # only the look at the latest change
        again = current_calendar()

    assert again is first


def test_a_day_set_after_the_calendar_was_kept_is_seen_by_the_next_call(district_admin):
    kept = current_calendar()
    assert kept.is_workday(LANTERN_FESTIVAL)

    actions.set_day(
        actor=district_admin,
        on=LANTERN_FESTIVAL,
        is_workday=False,
        name="地方放假",
        source="",
        reason="区政府决定",
    )

    assert current_calendar() is not kept
    assert not current_calendar().is_workday(LANTERN_FESTIVAL)


def test_a_change_written_by_another_process_is_seen_too(db):
    """No in-process signal: the cache looks at the database, so a second worker's change counts."""
    kept = current_calendar()
    CalendarDay.objects.create(on=LANTERN_FESTIVAL, is_workday=False, name="地方放假")
    CalendarChange.objects.create(
        kind=CalendarChange.Kind.DAY_SET, year=2026, on=LANTERN_FESTIVAL, before="上班", after="休息"
    )

    assert current_calendar() is not kept
    assert not current_calendar().is_workday(LANTERN_FESTIVAL)


def test_the_version_is_the_latest_change(district_admin):
    assert calendar_version() == 0

    actions.set_day(
        actor=district_admin,
        on=LANTERN_FESTIVAL,
        is_workday=False,
        name="地方放假",
        source="",
        reason="区政府决定",
    )

    assert calendar_version() == CalendarChange.objects.latest("pk").pk == versioned_calendar().version


def test_make_up_days_an_administrator_entered_follow_the_setting(district_admin, settings):
    saturday = date(2027, 5, 8)
    actions.set_day(
        actor=district_admin, on=saturday, is_workday=True, name="调休上班", source="", reason="通知"
    )
    assert current_calendar().is_workday(saturday)

    settings.GONGKAI_MAKEUP_WORKDAYS_COUNT = False

    assert not current_calendar().is_workday(saturday)
    assert not current_calendar().is_workday(date(2025, 9, 28))  # the package's make-up Sunday as well


def test_a_calendar_built_inside_a_rolled_back_change_is_not_used_afterwards(district_admin):
    """SQLite hands out a rolled-back id again; the cache must not take the next change for the old one."""
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.set_day(
            actor=district_admin,
            on=LANTERN_FESTIVAL,
            is_workday=False,
            name="地方放假",
            source="",
            reason="测试",
        )
        assert not current_calendar().is_workday(LANTERN_FESTIVAL)  # cached, inside the transaction
        rolled_back_id = calendar_version()
        raise RuntimeError("undo")
    # the next change, made elsewhere (another worker), gets the same id
    CalendarDay.objects.create(on=date(2026, 3, 4), is_workday=False, name="地方放假")
    CalendarChange.objects.create(kind=CalendarChange.Kind.DAY_SET, year=2026, before="上班", after="休息")

    if connection.vendor == "sqlite":  # PostgreSQL's sequences never hand an id out twice
        assert calendar_version() == rolled_back_id
    assert current_calendar().is_workday(LANTERN_FESTIVAL)
    assert not current_calendar().is_workday(date(2026, 3, 4))
