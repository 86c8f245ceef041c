"""Chinese names are compared through a key: Traditional = Simplified, with or without the legal form."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadreforge.core.text import name_key, split_list, text_key, to_simplified

# Hanzi with distinct Traditional forms, and plain ones, so generated names mix both scripts.
HANZI = "大莊庄竹業业集團团浙江銘铭揚扬文旅建設设華华為为新材料電电子科技藥药興兴"
names = st.text(HANZI, min_size=1, max_size=12)


@pytest.mark.parametrize(
    "variant",
    [
        "大莊竹業集團有限公司",
        "大庄竹业集团",
        "大庄竹业集团有限公司",
        "大庄竹业集团股份有限公司",
        "大庄竹业集团有限责任公司",
        "大莊竹業集團股份有限公司",
        " 大庄竹业集团 ",
        "大 庄·竹业-集团",
        "大庄竹业集团（有限公司）",
        "大庄竹業集團",
    ],
)
def test_traditional_simplified_and_legal_form_variants_share_one_name_key(variant):
    assert name_key(variant) == name_key("大庄竹业集团") == "大庄竹业集团"


@pytest.mark.parametrize(
    "variant",
    ["Dazhuang Bamboo Co., Ltd.", "DAZHUANG BAMBOO CO LTD", "Dazhuang Bamboo Ltd.", "Dazhuang-Bamboo"],
)
def test_an_english_name_with_co_ltd_shares_the_key_of_the_bare_name(variant):
    assert name_key(variant) == name_key("Dazhuang Bamboo") == "dazhuangbamboo"


def test_full_width_letters_and_digits_fold_to_half_width():
    assert name_key("ＡＢＣ１２３有限公司") == name_key("abc123") == "abc123"
    assert text_key("ＡＢＣ　１２３") == "abc123"


def test_pinyin_debris_of_the_source_documents_is_dropped():
    assert text_key("經濟型專業幹部培養(yǎng)") == text_key("经济型专业干部培养")
    assert name_key("培養(yǎng)集團有限公司") == "培养集团"


@pytest.mark.parametrize(
    ("name", "key"), [("有限公司", "有限公司"), ("Co., Ltd.", "coltd"), ("公司", "公司")]
)
def test_a_name_made_only_of_a_legal_form_keeps_it_whole_as_its_key(name, key):
    assert name_key(name) == key


def test_a_name_key_strips_one_legal_form_only():
    assert name_key("某某合伙企业（有限合伙）") == "某某"
    assert name_key("华为技术有限公司") == "华为技术"


@given(names)
def test_the_name_key_does_not_change_under_traditional_to_simplified_conversion(name):
    assert name_key(to_simplified(name)) == name_key(name)
    assert name_key(name_key(name)) == name_key(name)


@given(names, st.text(" \u3000\t", max_size=3), st.text(" \u3000\t", max_size=3))
def test_the_name_key_ignores_surrounding_spaces(name, before, after):
    assert name_key(f"{before}{name}{after}") == name_key(name)


@given(names)
def test_appending_a_legal_form_does_not_change_the_name_key(name):
    if to_simplified(name).endswith(("公司", "有限")):
        return  # the name itself ends with a legal-form word; nothing to compare
    assert name_key(name + "有限公司") == name_key(name)
    assert name_key(name + "股份有限公司") == name_key(name)


@pytest.mark.parametrize("separator", ["、", ",", "，", ";", "；"])
def test_a_list_cell_splits_on_each_of_the_five_separators(separator):
    assert split_list(f" 新材料{separator} 生命健康 {separator}{separator}智能物联 ") == [
        "新材料",
        "生命健康",
        "智能物联",
    ]


def test_a_list_cell_may_mix_separators_and_be_empty():
    assert split_list("新材料、生命健康;智能物联，集成电路") == ["新材料", "生命健康", "智能物联", "集成电路"]
    assert split_list("") == [] and split_list(None) == [] and split_list(" 、 ") == []


def test_a_latin_legal_form_is_only_stripped_as_a_word_of_its_own():
    assert name_key("Zinc") == "zinc"
    assert name_key("Apple Inc.") == "apple"
