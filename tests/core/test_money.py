"""Money is Decimal yuan; ledgers give 万元. Conversion is exact and never goes through float."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadreforge.core.money import format_yuan, wan_to_yuan, yuan_to_wan

wan_amounts = st.decimals(
    min_value=Decimal("-999999999"), max_value=Decimal("999999999"), places=6, allow_nan=False
)


@given(wan_amounts)
def test_wan_to_yuan_is_exact_for_any_amount_with_up_to_six_places(wan):
    yuan = wan_to_yuan(str(wan))
    assert isinstance(yuan, Decimal)
    assert yuan == wan * 10000
    assert yuan.as_tuple().exponent == -2
    assert yuan_to_wan(yuan) == wan


@given(wan_amounts)
def test_wan_to_yuan_gives_the_same_for_a_decimal_and_its_text(wan):
    assert wan_to_yuan(wan) == wan_to_yuan(f" {wan} ")


@pytest.mark.parametrize(
    ("wan", "yuan"),
    [
        ("30000", "300000000.00"),
        ("3.5", "35000.00"),
        ("1,873", "18730000.00"),
        ("0.000001", "0.01"),
        (7, "70000.00"),
    ],
)
def test_known_amounts_convert_to_the_yuan(wan, yuan):
    assert wan_to_yuan(wan) == Decimal(yuan)
    assert str(wan_to_yuan(wan)) == yuan


def test_a_float_is_refused_so_no_binary_rounding_sneaks_in():
    with pytest.raises(ValueError, match="浮点数"):
        wan_to_yuan(0.1)


@pytest.mark.parametrize("garbage", ["", "abc", "三万", "NaN", "Infinity", "-inf", "1.2.3"])
def test_text_that_is_not_a_number_is_refused_in_chinese(garbage):
    with pytest.raises(ValueError, match="不是有效数字"):
        wan_to_yuan(garbage)


def test_an_amount_finer_than_a_cent_is_refused():
    with pytest.raises(ValueError, match="精确到分后仍有余数"):
        wan_to_yuan("0.0000001")


@pytest.mark.parametrize("huge", ["1e12", "1e40", "-1e40"])
def test_an_amount_too_large_to_store_is_refused_in_chinese(huge):
    with pytest.raises(ValueError, match="过大"):
        wan_to_yuan(huge)


@pytest.mark.parametrize(
    ("yuan", "text"),
    [
        ("300000000", "3亿元"),
        ("7977000000", "79.77亿元"),
        ("18730000", "1873万元"),
        ("35000", "3.5万元"),
        ("5000", "5000元"),
        ("0.5", "0.5元"),
        ("0", "0元"),
        ("-20000", "-2万元"),
    ],
)
def test_format_yuan_picks_the_chinese_unit(yuan, text):
    assert format_yuan(Decimal(yuan)) == text


def test_format_yuan_shows_a_dash_for_no_amount():
    assert format_yuan(None) == "—"
