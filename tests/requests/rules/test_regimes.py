"""Which text of the 条例 a request falls under: the 2007 text before 2019-05-15, the revision from that day."""

from datetime import date

from gongkai.requests.rules.regimes import REGIME_2007, REGIME_2019, regime_for


def test_the_day_before_the_revision_is_still_the_2007_text():
    assert regime_for(date(2019, 5, 14)) is REGIME_2007


def test_the_revision_governs_from_the_day_it_took_effect():
    assert regime_for(date(2019, 5, 15)) is REGIME_2019


def test_the_periods_of_each_text():
    assert (REGIME_2007.reply_days, REGIME_2007.max_extension_days) == (15, 15)
    assert (REGIME_2019.reply_days, REGIME_2019.max_extension_days) == (20, 20)
    # The 2007 text sets no period for the 补正 notice nor for the third party's answer.
    assert REGIME_2007.correction_notice_days is None and REGIME_2007.consultation_days is None
    assert (REGIME_2019.correction_notice_days, REGIME_2019.consultation_days) == (7, 15)


def test_an_unconfirmed_request_is_counted_under_the_current_text():
    assert regime_for(None) is REGIME_2019


def test_the_label_staff_see():
    assert REGIME_2007.label == "适用2007年《条例》"
    assert "15个工作日" in REGIME_2007.summary and "第二十四条" in REGIME_2007.summary
    assert REGIME_2019.is_current and not REGIME_2007.is_current
