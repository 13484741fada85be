"""The pre-publication check finds personal data and sensitive words, and publishing over them needs a reason."""

from __future__ import annotations

import pytest

from gongkai.disclosure.actions import ScreeningRefused
from gongkai.disclosure.actions.review import publish
from gongkai.disclosure.models import SensitiveWord
from gongkai.disclosure.rules.screening import luhn_ok, screen

# 11010519491231002X is the GB 11643-1999 example number: its check character is X.
VALID_ID = "11010519491231002X"
WRONG_CHECK_DIGIT = "110105194912310021"


def test_an_id_number_with_a_valid_check_digit_is_found_with_its_position_and_snippet():
    text = f"申请人张三，身份证号{VALID_ID}，住某某区。"
    (hit,) = screen(text)

    assert hit.kind == "id_number"
    assert (hit.start, hit.end) == (10, 28)
    assert text[hit.start : hit.end] == VALID_ID
    assert f"【{VALID_ID}】" in hit.snippet
    assert hit.masked == "110***********002X"


def test_an_id_number_with_a_wrong_check_digit_is_not_an_id_number():
    assert [h.kind for h in screen(f"编号{WRONG_CHECK_DIGIT}")] != ["id_number"]


def test_a_lower_case_x_check_character_counts():
    assert [h.kind for h in screen(f"证件 {VALID_ID.lower()} 。")] == ["id_number"]


def test_mobile_numbers_are_found_but_not_inside_longer_numbers():
    assert [h.value for h in screen("联系电话13912345678或010-12345678")] == ["13912345678"]
    assert [h.kind for h in screen("流水号9913912345678001")] != ["mobile"]


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("4111111111111111", True),  # the classic Visa test number
        ("6222021234567890128", True),  # 19 digits; 8 is the Luhn check digit
        ("6222021234567890123", False),
        ("79927398713", True),  # Luhn's own example (too short for a card, but valid Luhn)
        ("79927398710", False),
    ],
)
def test_luhn(number, valid):
    assert luhn_ok(number) is valid


def test_bank_card_numbers_need_13_to_19_digits_and_a_good_luhn_digit():
    assert [h.kind for h in screen("账号 6222021234567890128 。")] == ["bank_card"]
    assert screen("账号 6222021234567890123 。") == []
    assert screen("编号 79927398713") == []  # Luhn-valid but only 11 digits


def test_sensitive_words_are_found_everywhere_they_occur():
    hits = screen("内部资料，请勿外传。此件为内部资料。", ["内部资料"])

    assert [(h.kind, h.start) for h in hits] == [("sensitive_word", 0), ("sensitive_word", 13)]


def test_publishing_over_hits_is_refused_without_a_reason(make_item, approve_all, clerk, street):
    SensitiveWord.objects.create(body=street, word="内部资料")
    item = approve_all(make_item(body_html=f"<p>内部资料。联系人身份证{VALID_ID}</p>"))

    with pytest.raises(ScreeningRefused) as refused:
        publish(item, actor=clerk)
    assert "2处" in refused.value.message
    assert "正文第1字处敏感词“内部资料”" in refused.value.message
    assert "身份证号码“110***********002X”" in refused.value.message
    item.refresh_from_db()
    assert item.status == "approved"


def test_publishing_over_hits_with_a_reason_keeps_the_reason(make_item, approve_all, clerk):
    item = approve_all(make_item(body_html="<p>举报电话13912345678</p>"))
    item = publish(item, actor=clerk, override_reason="公开的是单位举报电话，不是个人号码")

    assert item.status == "published"
    screening = item.events.get(kind="published").data["screening"]
    assert screening["reason"] == "公开的是单位举报电话，不是个人号码"
    assert screening["hits"] == ["正文第5字处手机号码“139****5678”"]
