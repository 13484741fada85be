"""Applicant identity: check characters of GB 32100-2015 and GB 11643-1999, other documents, phones, masks."""

import pytest

from gongkai.requests.rules.identity import (
    CREDIT_CODE_CHARSET,
    ID_TYPES,
    IdentityError,
    mask_id,
    mask_name,
    mask_phone,
    validate_credit_code,
    validate_identity,
    validate_mobile,
    validate_phone,
    validate_resident_id,
)

# 9 1 3 5 0 1 0 0 M 0 0 0 1 0 0 Y 4 × weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
# 9 + 3 + 27 + 135 + 26 + 420 (M=21) + 8 + 900 (Y=30) + 112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
CREDIT_CODE = "91350100M000100Y43"
VALID_CREDIT_CODES = [
    CREDIT_CODE,  # 企业 (9 1), 福州
    "91370102MA3C8N4K2Q",  # 企业, 济南历下区
    "12370000004608123W",  # 事业单位 (1 2), 山东省本级
    "52370100MJD6123A4C",  # 民办非企业单位 (5 2), 济南
    "93370181MA3M000121",  # 农民专业合作社 (9 3), 章丘
]

# An example printed in GB 11643-1999:
# 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 × 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 = 167; 167 mod 11 = 2 → X.
RESIDENT_ID = "11010519491231002X"
# 3 7 0 1 0 2 1 9 9 0 0 3 0 7 1 2 3 × the same weights:
# 21 + 63 + 5 + 8 + 2 + 9 + 54 + 27 + 35 + 8 + 8 + 6 = 246; 246 mod 11 = 4 → 8.
RESIDENT_ID_2 = "370102199003071238"


@pytest.mark.parametrize("code", VALID_CREDIT_CODES)
def test_valid_credit_codes_pass_unchanged(code):
    assert validate_credit_code(code) == code


def test_a_credit_code_is_normalised_to_upper_case_without_spaces():
    assert validate_credit_code(" 91350100m000100y43 ") == CREDIT_CODE
    assert validate_credit_code("９１３５０１００Ｍ０００１００Ｙ４３") == CREDIT_CODE  # full-width input


def test_every_single_character_change_of_a_credit_code_is_caught():
    # 31 is prime and no weight is a multiple of it, so one substituted character always changes the sum.
    for position in range(18):
        for char in CREDIT_CODE_CHARSET:
            if char == CREDIT_CODE[position]:
                continue
            corrupted = CREDIT_CODE[:position] + char + CREDIT_CODE[position + 1 :]
            with pytest.raises(IdentityError):
                validate_credit_code(corrupted)


def test_a_wrong_credit_code_check_character_names_the_right_one():
    with pytest.raises(IdentityError, match="统一社会信用代码校验位错误：第18位应为“3”，实为“4”"):
        validate_credit_code("91350100M000100Y44")


def test_a_credit_code_of_the_wrong_length_says_how_long_it_is():
    with pytest.raises(IdentityError, match="统一社会信用代码应为18位，当前为17位"):
        validate_credit_code(CREDIT_CODE[:17])


@pytest.mark.parametrize(
    ("code", "position", "char"), [("9135010OM000100Y43", 8, "O"), ("91350100M000100I43", 16, "I")]
)
def test_a_letter_outside_the_credit_code_charset_is_named_with_its_position(code, position, char):
    with pytest.raises(IdentityError, match=f"统一社会信用代码第{position}位“{char}”不是合法字符"):
        validate_credit_code(code)


@pytest.mark.parametrize("number", [RESIDENT_ID, RESIDENT_ID_2])
def test_resident_ids_with_the_right_check_character_are_valid(number):
    assert validate_resident_id(number) == number


def test_a_birth_date_before_1900_is_refused_even_with_a_right_check_character():
    # GB 11643-1999's other example: 4 4 0 5 2 4 1 8 8 0 0 1 0 1 0 0 1 → 195; 195 mod 11 = 8 → 4; born 1880.
    with pytest.raises(IdentityError, match="出生日期“18800101”不在合理范围内"):
        validate_resident_id("440524188001010014")


def test_a_lower_case_x_is_accepted_and_upper_cased():
    assert validate_resident_id("11010519491231002x") == RESIDENT_ID


def test_every_single_digit_change_of_a_resident_id_is_caught():
    for position in range(17):
        for digit in "0123456789":
            if digit != RESIDENT_ID_2[position]:
                with pytest.raises(IdentityError):
                    validate_resident_id(RESIDENT_ID_2[:position] + digit + RESIDENT_ID_2[position + 1 :])


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("110105194912310021", "校验位错误：第18位应为“X”，实为“1”"),
        ("110105194902300025", "出生日期“19490230”不是有效日期"),
        ("110105219912310021", "出生日期“21991231”不在合理范围内"),
        ("11010519491231002", "应为18位，当前为17位"),
        ("110105491231002", "15位居民身份证号码已停止使用"),
        ("1101051949123100A2", "第17位“A”应为数字"),
        ("11010519491231002Y", "第18位“Y”应为数字或X"),
    ],
)
def test_a_wrong_resident_id_says_what_is_wrong(number, message):
    with pytest.raises(IdentityError, match=message):
        validate_resident_id(number)


def test_id_types_offer_every_document_of_the_form():
    assert [(t.key, t.label) for t in ID_TYPES] == [
        ("resident_id", "居民身份证"),
        ("credit_code", "统一社会信用代码"),
        ("passport", "护照"),
        ("hk_macao_permit", "港澳居民来往内地通行证"),
        ("taiwan_permit", "台湾居民来往大陆通行证"),
        ("foreign_permanent_id", "外国人永久居留身份证"),
        ("other", "其他"),
    ]


def test_validate_identity_uses_the_check_digit_for_resident_ids():
    assert validate_identity("resident_id", RESIDENT_ID) == RESIDENT_ID
    with pytest.raises(IdentityError, match="校验位错误"):
        validate_identity("resident_id", "110105194912310021")


@pytest.mark.parametrize(
    ("id_type", "number", "normalised"),
    [
        ("passport", "e 1234 5678", "E12345678"),
        ("hk_macao_permit", "H12345678", "H12345678"),
        ("taiwan_permit", "12345678", "12345678"),
        ("foreign_permanent_id", "USA110065041008", "USA110065041008"),
        ("other", "军官证 123", "军官证123"),
    ],
)
def test_other_documents_are_free_text_folded_and_upper_cased(id_type, number, normalised):
    assert validate_identity(id_type, number) == normalised


@pytest.mark.parametrize(
    ("id_type", "number", "message"),
    [
        ("passport", "E12", "护照号码应为5至20位，当前为3位"),
        ("foreign_permanent_id", "USA1100650410", "外国人永久居留身份证号码应为15至18位，当前为13位"),
        ("driving_licence", "123456", "未知的证件类型：driving_licence"),
    ],
)
def test_other_documents_of_implausible_length_or_unknown_type_are_refused(id_type, number, message):
    with pytest.raises(IdentityError, match=message):
        validate_identity(id_type, number)


@pytest.mark.parametrize(
    ("typed", "mobile"),
    [
        ("13912345678", "13912345678"),
        ("139 1234 5678", "13912345678"),
        ("+86-139-1234-5678", "13912345678"),
        ("１９９１２３４５６７８", "19912345678"),
    ],
)
def test_mobile_numbers_are_normalised_to_eleven_digits(typed, mobile):
    assert validate_mobile(typed) == mobile


@pytest.mark.parametrize("typed", ["12912345678", "1391234567", "139123456789", "0531-88886666"])
def test_numbers_that_are_not_mainland_mobiles_are_refused(typed):
    with pytest.raises(IdentityError, match="手机号码应为11位数字"):
        validate_mobile(typed)


@pytest.mark.parametrize(
    ("typed", "phone"),
    [
        ("13912345678", "13912345678"),
        ("0531-88886666", "0531-88886666"),
        ("0531 8888 6666", "0531-88886666"),
        ("(010)62345678", "010-62345678"),
        ("０２１－５２３４５６７", "021-5234567"),
        ("0531-88886666-123", "0531-88886666-123"),
        ("0531-88886666转123", "0531-88886666-123"),
    ],
)
def test_a_contact_phone_may_be_a_mobile_or_a_fixed_line_with_area_code(typed, phone):
    assert validate_phone(typed) == phone


@pytest.mark.parametrize("typed", ["88886666", "12345", "0531-0888666", "电话号码"])
def test_a_contact_phone_without_area_code_or_digits_is_refused(typed):
    with pytest.raises(IdentityError, match="联系电话格式不正确"):
        validate_phone(typed)


@pytest.mark.parametrize(
    ("number", "masked"),
    [("370102199003071234", "3701**********1234"), ("E12345678", "E1*****78"), ("123", "***")],
)
def test_mask_id_keeps_at_most_four_characters_at_each_end(number, masked):
    assert mask_id(number) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13912345678", "139****5678"),
        ("+86 139 1234 5678", "139****5678"),
        ("0531-88886666", "0531-****6666"),
        ("010-6234567", "010-***4567"),
    ],
)
def test_mask_phone_hides_the_middle_digits(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("name", "masked"), [("张三丰", "张**"), ("张三", "张*"), ("欧阳娜娜", "欧***"), ("张", "张")]
)
def test_mask_name_keeps_the_first_character(name, masked):
    assert mask_name(name) == masked
