"""Changing the calendar: who may, what is refused and why, what is logged, who is told."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.workdays.actions import calendar as actions
from gongkai.workdays.actions.calendar import CalendarError, hooks
from gongkai.workdays.models import CalendarChange, CalendarDay, CalendarYear
from gongkai.workdays.queries.calendar import current_calendar
from gongkai.workdays.rules.notice import parse_notice
from tests.workdays.conftest import publish_2027
from tests.workdays.notices import NOTICE_2026, NOTICE_2027, NOTICE_NUMBER_2027

DAYS_2027 = parse_notice(NOTICE_2027, 2027).days


def local_rest_day(actor, on=date(2026, 3, 3)):
    return actions.set_day(
        actor=actor,
        on=on,
        is_workday=False,
        name="地方放假",
        source="某某区人民政府关于元宵节放假的通知",
        reason="区政府决定元宵节放假一天",
        region_note="仅限某某区",
    )


# ------------------------------------------------------------------ publishing a year


def test_publishing_a_year_makes_its_deadlines_final(district_admin):
    assert current_calendar().add_working_days(date(2026, 12, 15), 20).provisional

    record = publish_2027(district_admin)

    count = current_calendar().add_working_days(date(2026, 12, 15), 20)
    assert record.published and record.notice == NOTICE_NUMBER_2027
    assert record.published_by == district_admin and record.published_at is not None
    assert not count.provisional
    assert count.due == date(2027, 1, 13)  # 1月1日至3日 off: 12 working days in 2026, 8 in 2027


def test_publishing_stores_every_day_of_the_notice(district_admin):
    publish_2027(district_admin)

    stored = CalendarDay.objects.filter(published_with__year=2027)
    assert stored.count() == len(DAYS_2027) == 35  # 29 rest days, 6 make-up workdays
    spring_saturday = stored.get(on=date(2027, 2, 20))
    assert spring_saturday.is_workday and spring_saturday.name == "调休上班"
    assert spring_saturday.source == NOTICE_NUMBER_2027
    assert spring_saturday.entered_by == district_admin


def test_publishing_logs_the_year_and_each_day_from_before_to_after(district_admin):
    publish_2027(district_admin)

    year_row = CalendarChange.objects.get(kind=CalendarChange.Kind.YEAR_PUBLISHED)
    assert (year_row.year, year_row.before, year_row.after) == (
        2027,
        "尚未公布，按估算",
        f"已公布：{NOTICE_NUMBER_2027}",
    )
    assert year_row.actor == district_admin
    new_years_sunday = CalendarChange.objects.get(on=date(2027, 1, 3))
    assert new_years_sunday.before == "休息：周末（估算）"
    assert new_years_sunday.after == "休息：元旦（管理员录入）"
    assert CalendarChange.objects.filter(kind=CalendarChange.Kind.DAY_SET, year=2027).count() == len(
        DAYS_2027
    )


def test_publishing_tells_the_hooks_which_year_changed(district_admin, hook_calls):
    publish_2027(district_admin)

    assert hook_calls == [(district_admin, (2027,))]


def test_publishing_again_replaces_the_earlier_arrangement(district_admin):
    publish_2027(district_admin)
    without_dragon_boat_saturday = [d for d in DAYS_2027 if d.on != date(2027, 5, 8)]

    actions.publish_year(
        actor=district_admin, year=2027, notice="国办发明电〔2026〕100号", days=without_dragon_boat_saturday
    )

    assert not CalendarDay.objects.filter(on=date(2027, 5, 8)).exists()
    assert not current_calendar().is_workday(date(2027, 5, 8))
    cleared = CalendarChange.objects.get(on=date(2027, 5, 8), kind=CalendarChange.Kind.DAY_CLEARED)
    assert (cleared.before, cleared.after) == ("上班：调休上班（管理员录入）", "休息：周末（管理员录入）")
    assert CalendarYear.objects.get(year=2027).notice == "国办发明电〔2026〕100号"


def test_a_superuser_may_publish(django_user_model):
    root = django_user_model.objects.create_superuser(username="root", password="x")

    assert publish_2027(root).published


def test_a_clerk_may_not_publish(clerk):
    with pytest.raises(PermissionDenied, match="只有最上级机关的管理员或超级管理员可以修改节假日安排"):
        publish_2027(clerk)

    assert not CalendarChange.objects.exists()


def test_the_administrator_of_a_street_may_not_publish(street_admin):
    with pytest.raises(PermissionDenied):
        publish_2027(street_admin)


def test_a_year_the_package_carries_needs_force(district_admin):
    days = parse_notice(NOTICE_2026, 2026).days

    with pytest.raises(CalendarError, match="2026年的放假安排已随软件提供"):
        actions.publish_year(actor=district_admin, year=2026, notice="国办发明电〔2025〕1号", days=days)
    record = actions.publish_year(
        actor=district_admin, year=2026, notice="国办发明电〔2025〕1号", days=days, force=True
    )

    assert record.published
    assert current_calendar().add_working_days(date(2025, 9, 26), 20).due == date(2025, 10, 30)
    assert current_calendar().day(date(2026, 2, 14)).source == "admin"


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ([*DAYS_2027, (date(2026, 12, 31), False, "元旦")], "2026年12月31日不属于2027年"),
        ([*DAYS_2027, DAYS_2027[0]], "2027年1月1日录入了不止一次"),
        ([*DAYS_2027, (date(2027, 3, 3), True, "调休上班")], "2027年3月3日是周三，本来就是工作日"),
        (
            [d for d in DAYS_2027 if d.name != "中秋节"],
            "2027年9月15日是法定节假日（中秋节），安排中却没有放假",
        ),
        ([], "没有录入2027年的任何放假日期"),
    ],
    ids=["other year", "duplicate", "weekday make-up", "holiday left out", "empty"],
)
def test_a_wrong_arrangement_is_refused_with_the_reason_and_nothing_is_written(district_admin, days, message):
    with pytest.raises(CalendarError, match=message):
        actions.publish_year(actor=district_admin, year=2027, notice=NOTICE_NUMBER_2027, days=days)

    assert not CalendarYear.objects.exists()
    assert not CalendarDay.objects.exists()
    assert not CalendarChange.objects.exists()


def test_every_mistake_is_listed_at_once(district_admin):
    days = [*DAYS_2027, DAYS_2027[0], (date(2027, 3, 3), True, "调休上班")]

    with pytest.raises(CalendarError) as refused:
        actions.publish_year(actor=district_admin, year=2027, notice=NOTICE_NUMBER_2027, days=days)

    assert len(refused.value.messages) == 2


def test_the_notice_must_be_named(district_admin):
    with pytest.raises(CalendarError, match="请填写国务院办公厅通知的文号或标题"):
        actions.publish_year(actor=district_admin, year=2027, notice="  ", days=DAYS_2027)


# ------------------------------------------------------------------ withdrawing a year


def test_unpublishing_makes_the_year_provisional_again(district_admin, hook_calls):
    publish_2027(district_admin)

    actions.unpublish_year(actor=district_admin, year=2027, reason="录入的通知有误")

    assert not CalendarYear.objects.get(year=2027).published
    assert not CalendarDay.objects.exists()
    assert current_calendar().add_working_days(date(2026, 12, 15), 20).provisional
    row = CalendarChange.objects.get(kind=CalendarChange.Kind.YEAR_UNPUBLISHED)
    assert (row.before, row.after, row.reason) == (
        f"已公布：{NOTICE_NUMBER_2027}",
        "尚未公布，按估算",
        "录入的通知有误",
    )
    assert CalendarChange.objects.filter(kind=CalendarChange.Kind.DAY_CLEARED).count() == len(DAYS_2027)
    assert hook_calls[-1] == (district_admin, (2027,))


def test_a_year_not_published_cannot_be_unpublished(district_admin):
    with pytest.raises(CalendarError, match="2027年的放假安排没有由管理员公布，无需撤销"):
        actions.unpublish_year(actor=district_admin, year=2027, reason="误操作")


def test_unpublishing_needs_a_reason_and_the_role(district_admin, clerk):
    publish_2027(district_admin)

    with pytest.raises(CalendarError, match="请填写撤销理由"):
        actions.unpublish_year(actor=district_admin, year=2027, reason=" ")
    with pytest.raises(PermissionDenied):
        actions.unpublish_year(actor=clerk, year=2027, reason="误操作")


# ------------------------------------------------------------------ single days


def test_a_local_rest_day_stops_counting_and_is_logged(district_admin, hook_calls):
    before = current_calendar().add_working_days(date(2026, 3, 2), 1).due

    local_rest_day(district_admin)

    assert before == date(2026, 3, 3)
    assert current_calendar().add_working_days(date(2026, 3, 2), 1).due == date(2026, 3, 4)
    row = CalendarChange.objects.get()
    assert (row.kind, row.on, row.actor) == (CalendarChange.Kind.DAY_SET, date(2026, 3, 3), district_admin)
    assert (row.before, row.after) == ("上班：工作日（国务院安排）", "休息：地方放假（管理员录入）")
    assert row.reason == "区政府决定元宵节放假一天"
    assert hook_calls == [(district_admin, (2026,))]


def test_setting_a_day_needs_a_name_and_a_reason(district_admin):
    with pytest.raises(CalendarError) as refused:
        actions.set_day(
            actor=district_admin, on=date(2026, 3, 3), is_workday=False, name="", source="", reason=""
        )

    assert refused.value.messages == ["请填写这一天的名称，例如“春节”“调休上班”“地方放假”", "请填写修改理由"]
    assert not CalendarDay.objects.exists()


def test_a_clerk_may_not_set_a_day(clerk):
    with pytest.raises(PermissionDenied):
        local_rest_day(clerk)


def test_clearing_a_day_gives_it_back_to_the_package(district_admin, hook_calls):
    local_rest_day(district_admin)

    actions.clear_day(actor=district_admin, on=date(2026, 3, 3), reason="区政府撤回了通知")

    assert current_calendar().is_workday(date(2026, 3, 3))
    row = CalendarChange.objects.filter(kind=CalendarChange.Kind.DAY_CLEARED).get()
    assert (row.before, row.after) == ("休息：地方放假（管理员录入）", "上班：工作日（国务院安排）")
    assert len(hook_calls) == 2


def test_clearing_a_day_nobody_set_is_refused(district_admin):
    with pytest.raises(CalendarError, match="2026年3月3日没有管理员录入的设定"):
        actions.clear_day(actor=district_admin, on=date(2026, 3, 3), reason="误操作")


# ------------------------------------------------------------------ hooks and the log


def test_a_failing_hook_undoes_the_change(district_admin):
    def refuse(actor, years):
        raise RuntimeError("deadline recomputation failed")

    hooks.on_calendar_change(refuse)
    try:
        with pytest.raises(RuntimeError):
            local_rest_day(district_admin)
    finally:
        hooks.remove_calendar_hook(refuse)

    assert not CalendarDay.objects.exists()
    assert not CalendarChange.objects.exists()
    assert current_calendar().is_workday(date(2026, 3, 3))


def test_a_hook_sees_the_new_calendar(district_admin):
    seen = []

    def look(actor, years):
        seen.append(current_calendar().is_workday(date(2026, 3, 3)))

    hooks.on_calendar_change(look)
    try:
        local_rest_day(district_admin)
    finally:
        hooks.remove_calendar_hook(look)

    assert seen == [False]


def test_registering_a_hook_twice_runs_it_once(district_admin, hook_calls):
    hooks.on_calendar_change(hooks.registered_hooks()[-1])

    local_rest_day(district_admin)

    assert len(hook_calls) == 1


def test_the_change_log_cannot_be_edited_or_deleted(district_admin):
    local_rest_day(district_admin)
    row = CalendarChange.objects.get()

    row.reason = "改过的理由"
    with pytest.raises(ValueError, match="只能追加"):
        row.save()
    with pytest.raises(ValueError, match="只能追加"):
        row.delete()
