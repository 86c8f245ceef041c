"""Identifiers of Chinese records: ID numbers (GB 11643), credit codes (GB 32100), mobiles, and masks."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from cadreforge.core.validators import (
    id_check_character,
    mask_id_number,
    mask_mobile,
    uscc_check_character,
    validate_id_number,
    validate_mobile,
    validate_uscc,
)

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _messages(exc_info) -> str:
    return "；".join(exc_info.value.messages)


@st.composite
def id_numbers(draw) -> str:
    region = draw(st.text("0123456789", min_size=6, max_size=6))
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31)))
    sequence = draw(st.text("0123456789", min_size=3, max_size=3))
    first17 = f"{region}{born:%Y%m%d}{sequence}"
    return first17 + id_check_character(first17)


@st.composite
def credit_codes(draw) -> str:
    head = draw(st.text(USCC_CHARS, min_size=2, max_size=2))
    region = draw(st.text("0123456789", min_size=6, max_size=6))
    organisation = draw(st.text(USCC_CHARS, min_size=9, max_size=9))
    first17 = head + region + organisation
    return first17 + uscc_check_character(first17)


# --- ID numbers --------------------------------------------------------------------------------------


@given(id_numbers())
def test_a_generated_id_number_with_its_check_character_is_accepted(number):
    assert validate_id_number(number) == number


@given(id_numbers(), st.integers(min_value=0, max_value=17), st.sampled_from("0123456789X"))
def test_changing_any_one_character_of_an_id_number_is_refused(number, position, replacement):
    if number[position] == replacement or (position < 17 and replacement == "X"):
        replacement = "0" if number[position] != "0" else "1"
    changed = number[:position] + replacement + number[position + 1 :]
    with pytest.raises(ValidationError):
        validate_id_number(changed)


def test_a_known_id_number_is_accepted_and_its_lower_case_x_upper_cased():
    first17 = "11010519491231002"
    assert id_check_character(first17) == "X"
    assert validate_id_number(f" {first17}x ") == f"{first17}X"


@pytest.mark.parametrize(
    "born",
    ["19491331", "19490230", "19490001", "20230229"],
    ids=["month-13", "feb-30", "month-0", "not-leap"],
)
def test_an_id_number_with_an_impossible_birth_date_is_refused(born):
    first17 = f"110105{born}002"
    with pytest.raises(ValidationError) as exc_info:
        validate_id_number(first17 + id_check_character(first17))
    assert "出生日期" in _messages(exc_info)


def test_an_id_number_born_in_the_future_is_refused():
    born = dt.date.today() + dt.timedelta(days=400)
    first17 = f"110105{born:%Y%m%d}002"
    with pytest.raises(ValidationError) as exc_info:
        validate_id_number(first17 + id_check_character(first17))
    assert "出生日期" in _messages(exc_info)


@pytest.mark.parametrize("value", ["", "11010519491231002", "1101051949123100211", "11010519491231002Y"])
def test_an_id_number_of_the_wrong_shape_is_refused_in_chinese(value):
    with pytest.raises(ValidationError) as exc_info:
        validate_id_number(value)
    assert "身份证号应为18位" in _messages(exc_info)


def test_a_wrong_id_check_character_says_so_in_chinese():
    with pytest.raises(ValidationError) as exc_info:
        validate_id_number("110105194912310021")
    assert _messages(exc_info) == "身份证号校验码不正确"


# --- Unified social credit codes ------------------------------------------------------------------------


@given(credit_codes())
def test_a_generated_credit_code_with_its_check_character_is_accepted(code):
    assert validate_uscc(code) == code


@given(credit_codes(), st.integers(min_value=0, max_value=17), st.sampled_from(USCC_CHARS))
def test_changing_any_one_character_of_a_credit_code_is_refused(code, position, replacement):
    if code[position] == replacement:
        replacement = USCC_CHARS[(USCC_CHARS.index(replacement) + 1) % 31]
    if 2 <= position < 8 and not replacement.isdigit():
        replacement = str((int(code[position]) + 1) % 10)
    changed = code[:position] + replacement + code[position + 1 :]
    with pytest.raises(ValidationError):
        validate_uscc(changed)


def test_a_real_world_shaped_credit_code_is_built_by_the_check_function():
    # 9 = registered with the market regulator, 1 = enterprise, 350100 = Fuzhou, then an organisation code.
    first17 = "91350100M000100Y4"
    code = first17 + uscc_check_character(first17)
    assert code == "91350100M000100Y43"
    assert validate_uscc(code.lower()) == code


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_a_credit_code_with_a_forbidden_letter_is_refused(letter):
    first17 = "91350100M000100Y4"
    code = first17 + uscc_check_character(first17)
    bad = code[:10] + letter + code[11:]
    with pytest.raises(ValidationError) as exc_info:
        validate_uscc(bad)
    assert "不含I、O、Z、S、V" in _messages(exc_info)


def test_a_wrong_credit_code_check_character_says_so_in_chinese():
    with pytest.raises(ValidationError) as exc_info:
        validate_uscc("91350100M000100Y44")
    assert _messages(exc_info) == "统一社会信用代码校验码不正确"


# --- Mobile numbers ---------------------------------------------------------------------------------


@given(st.sampled_from("3456789"), st.text("0123456789", min_size=9, max_size=9))
def test_every_mainland_mobile_prefix_is_accepted(second, rest):
    number = f"1{second}{rest}"
    assert validate_mobile(number) == number


@pytest.mark.parametrize(
    "typed",
    ["+86 138 1234 5678", "+8613812345678", "138-1234-5678", " 13812345678 ", "１３８１２３４５６７８"],
)
def test_a_mobile_typed_with_country_code_spaces_or_hyphens_is_normalised(typed):
    assert validate_mobile(typed) == "13812345678"


@pytest.mark.parametrize(
    "value", ["", "12812345678", "10812345678", "1381234567", "138123456789", "0571-8888888", "1381234567a"]
)
def test_a_number_that_is_not_a_mainland_mobile_is_refused_in_chinese(value):
    with pytest.raises(ValidationError) as exc_info:
        validate_mobile(value)
    assert "手机号应为11位" in _messages(exc_info)


# --- Masks ------------------------------------------------------------------------------------------


def test_an_id_number_is_masked_keeping_the_first_three_and_last_four():
    assert mask_id_number("11010519491231002X") == "110***********002X"


def test_a_mobile_is_masked_keeping_the_first_three_and_last_four():
    assert mask_mobile("13812345678") == "138****5678"


def test_masking_nothing_shows_nothing():
    assert mask_id_number("") == "" and mask_mobile("") == ""
