"""Reading the holiday lines of the 国务院办公厅 notice into rest days and make-up workdays."""

from datetime import date, timedelta

import chinese_calendar

from gongkai.workdays.rules.calendar import WorkCalendar
from gongkai.workdays.rules.notice import NoticeDay, detect_notice_number, detect_year, parse_notice
from tests.workdays.notices import NOTICE_2026, NOTICE_2027, NOTICE_NUMBER_2027


def days_of(parsed) -> dict[date, tuple[bool, str]]:
    return {d.on: (d.is_workday, d.name) for d in parsed.days}


def test_the_spring_festival_line_gives_nine_rest_days_and_two_saturdays_at_work():
    line = "二、春节：2月15日（农历腊月二十八）至23日（农历正月初七）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。"

    parsed = parse_notice(line, 2026)

    assert parsed.errors == []
    rest = [d.on for d in parsed.days if not d.is_workday]
    assert rest == [date(2026, 2, 15) + timedelta(days=i) for i in range(9)]
    assert {d.name for d in parsed.days if not d.is_workday} == {"春节"}
    assert [d for d in parsed.days if d.is_workday] == [
        NoticeDay(date(2026, 2, 14), True, "调休上班"),
        NoticeDay(date(2026, 2, 28), True, "调休上班"),
    ]


def test_a_single_day_without_make_up_work():
    parsed = parse_notice("一、元旦：1月1日（周三）放假1天，不调休。", 2025)

    assert parsed.errors == []
    assert parsed.days == [NoticeDay(date(2025, 1, 1), False, "元旦")]


def test_a_break_running_into_the_next_month_and_a_combined_holiday():
    line = "六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。"

    parsed = parse_notice(line, 2025)

    assert parsed.errors == []
    assert len([d for d in parsed.days if not d.is_workday]) == 8
    assert days_of(parsed)[date(2025, 10, 8)] == (False, "国庆节、中秋节")
    assert days_of(parsed)[date(2025, 9, 28)] == (True, "调休上班")


def test_the_whole_2026_notice_gives_exactly_the_arrangement_the_package_carries():
    parsed = parse_notice(NOTICE_2026, 2026)
    calendar = WorkCalendar(days_of(parsed), published_years=[2026])

    assert parsed.errors == [] and parsed.notes == []
    assert len(parsed.holidays) == 7
    on = date(2026, 1, 1)
    while on.year == 2026:
        assert calendar.is_workday(on) == chinese_calendar.is_workday(on), on
        on += timedelta(days=1)


def test_title_addressees_and_closing_paragraph_are_skipped_and_the_year_and_number_are_found():
    assert detect_year(NOTICE_2027) == 2027
    assert detect_notice_number(NOTICE_2027) == NOTICE_NUMBER_2027
    assert parse_notice(NOTICE_2027, 2027).errors == []


def test_a_day_of_the_previous_year_is_left_out_with_a_note():
    parsed = parse_notice("一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。", 2023)

    assert parsed.errors == []
    assert [d.on for d in parsed.days] == [date(2023, 1, 1), date(2023, 1, 2)]
    assert parsed.notes == ["2022年12月31日（元旦）不属于2023年，未录入；该日以2022年的安排为准"]


def test_a_count_that_does_not_match_the_dates_is_an_error():
    parsed = parse_notice("三、清明节：4月4日（周六）至6日（周一）放假，共4天。", 2026)

    assert parsed.errors == ["第1行写明共4天，但4月4日至4月6日是3天，请核对"]


def test_a_holiday_line_that_cannot_be_read_is_an_error_naming_the_line():
    parsed = parse_notice("一、元旦：1月1日至3日放假调休，共3天。\n春节放假2月15日至23日", 2026)

    assert parsed.errors == ["第2行无法识别：春节放假2月15日至23日"]


def test_an_impossible_date_is_an_error():
    parsed = parse_notice("二、春节：2月30日至3月2日放假，共2天。", 2026)

    assert parsed.errors == ["第1行日期不存在（2026年2月30日）：二、春节：2月30日至3月2日放假，共2天。"]


def test_text_without_any_holiday_line_says_what_to_paste():
    parsed = parse_notice("国务院办公厅关于2027年部分节假日安排的通知", 2027)

    assert parsed.days == []
    assert "请粘贴通知中" in parsed.errors[0]


def test_full_width_digits_and_spaces_are_read_too():
    parsed = parse_notice("三、清明节：４月４日 （星期六） 至６日（星期一）放假，共３天。", 2026)

    assert parsed.errors == []
    assert [d.on.day for d in parsed.days] == [4, 5, 6]


def test_a_weekday_that_does_not_fit_the_year_is_an_error():
    parsed = parse_notice("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。", 2027)

    assert parsed.errors == [
        "第1行的1月1日写明是周四，而2027年1月1日是周五，请核对年份：一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"
    ]
