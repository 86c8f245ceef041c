"""Property tests of the ledger cell parsers: every accepted form gives the same exact value."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadreforge.core.stages import Stage
from cadreforge.exchange.ledger import cells

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@given(dates)
def test_every_accepted_date_form_gives_the_same_day(day):
    forms = [
        day.isoformat(),
        f"{day.year}年{day.month}月{day.day}日",
        f" {day.year}-{day.month}-{day.day} ",
        day,
        dt.datetime.combine(day, dt.time()),
    ]
    assert {cells.parse_date(f) for f in forms} == {day}


@given(dates)
def test_months_accept_both_forms_and_excel_dates(day):
    first = day.replace(day=1)
    assert cells.parse_month(f"{day.year}-{day.month:02d}") == first
    assert cells.parse_month(f"{day.year}年{day.month}月") == first
    assert cells.parse_month(dt.datetime.combine(day, dt.time())) == first


@pytest.mark.parametrize("bad", ["2024/13/01", "2024-02-30", "明天", "20240301"])
def test_a_bad_date_says_what_is_expected(bad):
    with pytest.raises(cells.CellError, match="日期"):
        cells.parse_date(bad)


@given(st.decimals(min_value=0, max_value=10**8, places=6, allow_nan=False, allow_infinity=False))
def test_amounts_in_wan_become_exact_yuan_from_text_and_from_numeric_cells(wan):
    expected = wan * 10000
    assert cells.parse_amount(f"{wan:f}") == expected
    # A numeric cell arrives as a float; up to 15 significant digits it must come back exactly.
    if len(wan.normalize().as_tuple().digits) <= 15:
        assert cells.parse_amount(float(wan)) == expected


def test_point_one_wan_is_exactly_one_thousand_yuan():
    assert cells.parse_amount(0.1) == Decimal("1000.00")
    assert cells.parse_amount(0.1 + 0.2) == Decimal("3000.00")  # Excel shows 0.3: so do we


def test_more_than_six_decimals_of_wan_is_refused():
    with pytest.raises(cells.CellError, match="精确到分"):
        cells.parse_amount("1.0000001")


@given(st.sampled_from(["是", "Y", "y", "1", "TRUE", "true", 1.0, True]))
def test_yes_forms(word):
    assert cells.parse_bool(word) is True


@given(st.sampled_from(["否", "N", "n", "0", "FALSE", "false", 0.0, False]))
def test_no_forms(word):
    assert cells.parse_bool(word) is False


def test_an_unknown_yes_no_word_is_refused():
    with pytest.raises(cells.CellError, match="是/否"):
        cells.parse_bool("也许")


@given(
    st.lists(st.text(alphabet="新材料高端装备生物医药abc", min_size=1, max_size=6), min_size=1, max_size=5),
    st.sampled_from(["、", ",", "，", ";", "；"]),
)
def test_lists_split_on_every_separator(items, sep):
    assert cells.parse_list(sep.join(f" {i} " for i in items)) == items


@pytest.mark.parametrize(
    ("word", "stage"),
    [
        ("引荐考察", Stage.INSPECTION),
        ("框架协议", Stage.INTENT),
        ("合作意向", Stage.INTENT),
        ("意向书", Stage.INTENT),
        ("正式签约", Stage.SIGNED),
        ("正式簽約", Stage.SIGNED),
        ("开工", Stage.STARTED),
        ("落地", Stage.LANDED),
        ("落地投产", Stage.LANDED),
    ],
)
def test_stage_synonyms(word, stage):
    assert cells.parse_stage_cell(word) == stage


def test_numeric_codes_read_as_text_without_decimal_point():
    assert cells.parse_code(1001.0) == "1001"
    assert cells.parse_mobile(13800138000.0) == "13800138000"
