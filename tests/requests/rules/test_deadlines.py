"""Reply deadlines from events, hand-computed on the 2025/2026 official calendar (chinesecalendar 1.11)."""

from datetime import date

from gongkai.requests.rules.deadlines import Fact, compute
from gongkai.workdays.rules.calendar import WorkCalendar

CAL = WorkCalendar()


def test_twenty_working_days_across_national_day():
    d = compute(date(2025, 9, 26), [], CAL)
    assert d.reply_due == date(2025, 10, 30)
    assert d.correction_notice_due == date(2025, 10, 13)
    assert "国庆节" in d.explain() and "2025年10月30日" in d.explain()


def test_no_deadline_until_receipt_is_confirmed():
    d = compute(None, [], CAL)
    assert d.reply_due is None and "第三十一条" in d.paused_reason


def test_correction_pauses_then_restarts_a_fresh_twenty_days():
    pending = compute(
        date(2025, 9, 26), [Fact("correction_requested", date(2025, 9, 29), {"deadline": "2025-10-20"})], CAL
    )
    assert pending.reply_due is None and pending.correction_due == date(2025, 10, 20)
    # Correction received Monday 2025-11-03: 20 working days from then → Monday 2025-12-01.
    d = compute(
        date(2025, 9, 26),
        [
            Fact("correction_requested", date(2025, 9, 29), {"deadline": "2025-11-10"}),
            Fact("correction_received", date(2025, 11, 3)),
        ],
        CAL,
    )
    assert d.reply_due == date(2025, 12, 1)
    assert "重新起算" in d.explain()


def test_third_party_consultation_time_is_not_counted():
    # Received Mon 2025-11-03 (due 12-01). Consultation Wed 11-05 → Wed 11-12: working days
    # 11-06, 07, 10, 11, 12 = 5 excluded → 25 working days from 11-03 → Mon 2025-12-08.
    events = [Fact("consultation_started", date(2025, 11, 5)), Fact("consultation_ended", date(2025, 11, 12))]
    d = compute(date(2025, 11, 3), events, CAL)
    assert d.excluded_days == 5
    assert d.reply_due == date(2025, 12, 8)


def test_while_consulting_the_clock_stands_and_the_third_party_has_fifteen_days():
    d = compute(date(2025, 11, 3), [Fact("consultation_started", date(2025, 11, 5))], CAL)
    assert d.reply_due is None
    assert d.consultation_due == date(2025, 11, 26)  # 15 working days after Wed 11-05
    assert "征求第三方意见中" in d.paused_reason


def test_an_extension_adds_its_working_days():
    # 2025-09-26 + 20 = 10-30; + 20 more = 11-27 (ogi-rules §7.2 vector).
    d = compute(date(2025, 9, 26), [Fact("extended", date(2025, 10, 28), {"days": 20})], CAL)
    assert d.reply_due == date(2025, 11, 27)
    assert d.extension_days == 20


def test_spring_festival_with_makeup_saturdays():
    # 2026-02-13 (Fri before the break) + 20 working days = 2026-03-19; 02-14 and 02-28 are
    # make-up Saturdays and count.
    d = compute(date(2026, 2, 13), [], CAL)
    assert d.reply_due == date(2026, 3, 19)
    assert "调休上班日计入" in d.explain()


def test_a_deadline_in_an_unpublished_year_is_provisional():
    d = compute(date(2026, 12, 15), [], CAL)
    assert d.reply_due == date(2027, 1, 13)
    assert d.provisional and "尚未公布" in d.explain()


def test_fee_payment_is_due_twenty_working_days_after_the_notice_is_received():
    d = compute(
        date(2025, 9, 1),
        [Fact("fee_notified", date(2025, 9, 24), {"notice_received_on": "2025-09-26"})],
        CAL,
    )
    assert d.fee_payment_due == date(2025, 10, 30)


def test_fee_waiting_can_be_configured_to_pause_the_clock():
    events = [Fact("fee_notified", date(2025, 11, 5)), Fact("fee_paid", date(2025, 11, 12))]
    assert compute(date(2025, 11, 3), events, CAL).reply_due == date(2025, 12, 1)
    assert compute(date(2025, 11, 3), events, CAL, fee_pauses=True).reply_due == date(2025, 12, 8)


# ---- requests received before 2019-05-15: the 2007 条例 (hand-computed on the 2019 calendar:
# 清明 4-5…4-7 off; 劳动节 5-1…5-4 off with Sunday 4-28 and Sunday 5-5 worked; 端午 6-7…6-9 off).


def test_received_2019_04_10_the_2007_text_gives_fifteen_working_days():
    # Wed 04-10: 11 12 | 15 16 17 18 19 | 22 23 24 25 26 | Sun 28 (调休上班) 29 30 → 15th is Tue 04-30
    # (20 working days would have been Thu 05-09).
    d = compute(date(2019, 4, 10), [], CAL)
    assert d.reply_due == date(2019, 4, 30)
    assert d.regime is not None and d.regime.key == "2007"
    assert "适用2007年《条例》" in d.explain() and "15个工作日" in d.explain()
    assert "第二十四条第二款" in d.explain()


def test_under_the_2007_text_there_is_no_seven_day_correction_notice_period():
    assert compute(date(2019, 4, 10), [], CAL).correction_notice_due is None


def test_a_2007_extension_counts_from_the_fifteen_days():
    # 04-30 + 15: Sun 05-05 (调休上班) 6 7 8 9 10 | 13 14 15 16 17 | 20 21 22 23 → Thu 05-23.
    d = compute(date(2019, 4, 10), [Fact("extended", date(2019, 4, 25), {"days": 15})], CAL)
    assert d.reply_due == date(2019, 5, 23)


def test_2007_consultation_time_is_not_counted_and_the_third_party_has_no_set_period():
    waiting = compute(date(2019, 4, 10), [Fact("consultation_started", date(2019, 4, 11))], CAL)
    assert waiting.reply_due is None and waiting.consultation_due is None
    assert "征求第三方意见中" in waiting.paused_reason
    # 04-11 → 04-18 excludes 12, 15, 16, 17, 18 = 5 working days: 15 + 5 = 20 from 04-10 → 05-09.
    events = [Fact("consultation_started", date(2019, 4, 11)), Fact("consultation_ended", date(2019, 4, 18))]
    d = compute(date(2019, 4, 10), events, CAL)
    assert d.excluded_days == 5 and d.reply_due == date(2019, 5, 9)
    assert "第二十四条第三款" in d.explain()


def test_received_on_2019_05_14_the_last_day_of_the_2007_text():
    # Tue 05-14: 15 16 17 | 20 21 22 23 24 | 27 28 29 30 31 | 06-03 04 → Tue 06-04.
    d = compute(date(2019, 5, 14), [], CAL)
    assert d.reply_due == date(2019, 6, 4) and d.regime is not None and d.regime.key == "2007"


def test_received_2019_05_15_the_revised_text_gives_twenty_working_days():
    # Wed 05-15: 16 17 | 20–24 | 27–31 | 06-03 04 05 06 (端午 Fri 06-07 off) | 10 11 12 13 → Thu 06-13.
    d = compute(date(2019, 5, 15), [], CAL)
    assert d.reply_due == date(2019, 6, 13)
    assert d.correction_notice_due == date(2019, 5, 24)  # 16 17 20 21 22 23 24
    assert "适用2019年修订的《条例》" in d.explain() and "第三十三条第二款" in d.explain()
