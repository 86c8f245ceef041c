"""The project stages 考察 < 意向 < 签约 < 开工 < 投产 and the words ledgers use for them."""

import pytest

from cadreforge.core.stages import STAGE_KEYS, Stage, parse_stage


@pytest.mark.parametrize(
    ("word", "stage"),
    [
        ("考察", Stage.INSPECTION),
        ("引荐考察", Stage.INSPECTION),
        ("意向", Stage.INTENT),
        ("框架协议", Stage.INTENT),
        ("合作意向", Stage.INTENT),
        ("意向书", Stage.INTENT),
        ("签约", Stage.SIGNED),
        ("正式签约", Stage.SIGNED),
        ("开工", Stage.STARTED),
        ("投产", Stage.LANDED),
        ("落地", Stage.LANDED),
        ("落地投产", Stage.LANDED),
    ],
)
def test_every_word_of_the_ledger_spec_parses_to_its_stage(word, stage):
    assert parse_stage(word) is stage


@pytest.mark.parametrize(
    ("word", "stage"),
    [
        ("正式簽約", Stage.SIGNED),
        ("框架協議", Stage.INTENT),
        ("意向書", Stage.INTENT),
        (" 落地投產 ", Stage.LANDED),
    ],
)
def test_traditional_words_and_spaces_are_understood(word, stage):
    assert parse_stage(word) is stage


@pytest.mark.parametrize("word", ["", "洽谈", "已签", "3"])
def test_an_unknown_stage_word_is_refused_naming_the_word_and_the_stages(word):
    with pytest.raises(ValueError) as exc_info:
        parse_stage(word)
    assert f"未知的项目阶段“{word}”" in str(exc_info.value)
    assert "考察、意向、签约、开工、投产" in str(exc_info.value)


def test_stages_are_ordered_and_keyed_as_in_the_funnel_report():
    assert Stage.INSPECTION < Stage.INTENT < Stage.SIGNED < Stage.STARTED < Stage.LANDED
    assert STAGE_KEYS == ["inspection", "intent", "signed", "started", "landed"]
    assert [s.label for s in Stage] == ["考察", "意向", "签约", "开工", "投产"]
