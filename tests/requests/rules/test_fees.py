"""信息处理费 (国办函〔2020〕109号), with hand-computed amounts."""

from datetime import date

import pytest

from gongkai.requests.rules.fees import (
    FeeBand,
    FeeError,
    apply_waiver,
    choose_method,
    payment_due,
    per_piece_fee,
    per_piece_rate,
    per_volume_fee,
)
from gongkai.workdays.rules.calendar import WorkCalendar


@pytest.mark.parametrize(
    ("k", "rate"),
    [
        (1, 0),
        (10, 0),  # 10件以下（含10件）不收费
        (11, 100),
        (30, 100),  # 11—30件（含30件）100元/件
        (31, 200),
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (101, 900),  # 101 falls in the 8th band of ten above 30: 100 × (2 + 70 // 10)
    ],
)
def test_the_kth_application_of_a_month_costs_its_band_rate(k, rate):
    assert per_piece_rate(k) == rate


def test_45_requests_in_a_month_cost_5500_yuan():
    quote = per_piece_fee(0, 45)
    assert quote.amount == 20 * 100 + 10 * 200 + 5 * 300 == 5500
    assert quote.bands == (
        FeeBand("第1—10件", 0, 10, 0),
        FeeBand("第11—30件", 100, 20, 2000),
        FeeBand("第31—40件", 200, 10, 2000),
        FeeBand("第41—45件", 300, 5, 1500),
    )


def test_the_next_application_is_priced_by_how_many_came_before_in_the_month():
    assert per_piece_fee(9).amount == 0  # the 10th
    assert per_piece_fee(10).amount == 100  # the 11th
    assert per_piece_fee(30).amount == 200  # the 31st
    assert per_piece_fee(44).bands == (FeeBand("第45件", 300, 1, 300),)


def test_a_batch_crossing_bands_costs_the_same_as_its_applications_one_by_one():
    # 26th–35th: five at 100, five at 200
    assert per_piece_fee(25, 10).amount == 5 * 100 + 5 * 200 == 1500
    assert per_piece_fee(25, 10).amount == sum(per_piece_fee(25 + i).amount for i in range(10))


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (1, 0),
        (30, 0),
        (31, 10),
        (100, 700),  # 70 × 10
        (101, 720),  # 700 + 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # 2 700 + 40
        (2219, 83460),  # 700 + 2 000 + 2 019 × 40: the reported 西安 case
    ],
)
def test_per_volume_fee_of_one_application(pages, amount):
    assert per_volume_fee(pages).amount == amount


def test_per_volume_breakdown_of_2219_pages():
    assert per_volume_fee(2219).bands == (
        FeeBand("第1—30页", 0, 30, 0),
        FeeBand("第31—100页", 10, 70, 700),
        FeeBand("第101—200页", 20, 100, 2000),
        FeeBand("第201—2219页", 40, 2019, 80760),
    )


def test_quotes_cite_their_article():
    assert per_piece_fee(10).method == "per_piece"
    assert "第四条" in per_piece_fee(10).basis and "10件以下（含10件）" in per_piece_fee(10).basis
    assert per_volume_fee(31).method == "per_volume"
    assert "第五条" in per_volume_fee(31).basis and "30页以下（含30页）" in per_volume_fee(31).basis


def test_fee_notice_sentence_for_the_eleventh_application():
    assert per_piece_fee(10).describe() == (
        "申请人本自然月内此前已提出政府信息公开申请10件，本次申请计为本月第11件。"
        "依据《政府信息公开信息处理费管理办法》第四条按件计收：第11件100元。应缴纳信息处理费100元。"
    )


def test_fee_notice_sentence_by_pages_lists_every_band():
    text = per_volume_fee(150).describe()
    assert text.startswith(
        "本次申请提供政府信息共150页。依据《政府信息公开信息处理费管理办法》第五条按量计收"
    )
    assert "第1—30页免费；第31—100页每页10元，共70页计700元；第101—150页每页20元，共50页计1000元" in text
    assert text.endswith("应缴纳信息处理费1700元。")


def test_fee_notice_sentence_within_the_free_allowance_says_nothing_is_due():
    assert per_piece_fee(3).describe().endswith("第4件免费。未超过免费范围，不收取信息处理费。")


@pytest.mark.parametrize("methods", [{"per_piece"}, ["per_piece", "per_piece"]])
def test_one_method_per_application_is_accepted(methods):
    assert choose_method(methods) == "per_piece"


def test_charging_both_methods_on_one_application_is_refused():
    with pytest.raises(FeeError, match="不得同时按照两种标准重复计算"):
        choose_method(["per_piece", "per_volume"])


@pytest.mark.parametrize(
    ("methods", "message"), [([], "请选择收费方式"), (["per_hour"], "未知的收费方式：per_hour")]
)
def test_no_method_or_an_unknown_one_is_refused(methods, message):
    with pytest.raises(FeeError, match=message):
        choose_method(methods)


def test_a_waiver_makes_the_fee_zero_and_keeps_the_reason_and_breakdown():
    quote = per_piece_fee(12, 2)  # 13th and 14th: 200 yuan
    waived = apply_waiver(quote, "  申请人系城乡居民最低生活保障对象 ")
    assert (waived.amount, waived.waived_amount, waived.waiver_reason) == (
        0,
        200,
        "申请人系城乡居民最低生活保障对象",
    )
    assert waived.bands == quote.bands
    assert waived.describe().endswith(
        "按上述标准应收信息处理费200元，因申请人系城乡居民最低生活保障对象，予以免收。"
    )


def test_waiving_twice_keeps_the_original_amount():
    twice = apply_waiver(apply_waiver(per_volume_fee(31), "首次"), "复核")
    assert (twice.waived_amount, twice.waiver_reason) == (10, "复核")


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_waiver_without_reason_is_refused(reason):
    with pytest.raises(FeeError, match="必须写明理由"):
        apply_waiver(per_piece_fee(20), reason)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: per_piece_rate(0), "件数应为正整数"),
        (lambda: per_piece_fee(-1), "本月此前申请件数应为不小于0的整数"),
        (lambda: per_piece_fee(5, 0), "本次申请件数应为正整数"),
        (lambda: per_volume_fee(0), "页数应为正整数"),
        (lambda: per_volume_fee(True), "页数应为正整数"),
    ],
)
def test_counts_that_are_not_positive_integers_are_refused(call, message):
    with pytest.raises(FeeError, match=message):
        call()


def test_payment_is_due_on_the_20th_working_day_after_the_notice_was_received():
    # Received Friday 2025-11-07; counting starts Monday 11-10: four full weeks end Friday 12-05.
    assert payment_due(date(2025, 11, 7), WorkCalendar()) == date(2025, 12, 5)


def test_payment_period_skips_national_day_and_counts_makeup_workdays():
    # Same vector as a 20-day reply period (ogi-rules §7.2): 9-28 and 10-11 are 调休上班.
    assert payment_due(date(2025, 9, 26), WorkCalendar()) == date(2025, 10, 30)
