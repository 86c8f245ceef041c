"""The ordered stages of an investment project: 考察 < 意向 < 签约 < 开工 < 投产.

A project at a stage has reached every stage before it.
"""

from django.db import models


class Stage(models.IntegerChoices):
    INSPECTION = 1, "考察"
    INTENT = 2, "意向"
    SIGNED = 3, "签约"
    STARTED = 4, "开工"
    LANDED = 5, "投产"

    @property
    def key(self) -> str:
        """The English key used in report JSON (spec/ledger-workbook.md)."""
        return self.name.lower()


STAGE_KEYS = [s.key for s in Stage]

# Words found in ledgers for each stage (spec/ledger-workbook.md, 项目 sheet).
STAGE_SYNONYMS = {
    "考察": Stage.INSPECTION,
    "引荐考察": Stage.INSPECTION,
    "意向": Stage.INTENT,
    "框架协议": Stage.INTENT,
    "合作意向": Stage.INTENT,
    "意向书": Stage.INTENT,
    "签约": Stage.SIGNED,
    "正式签约": Stage.SIGNED,
    "开工": Stage.STARTED,
    "投产": Stage.LANDED,
    "落地": Stage.LANDED,
    "落地投产": Stage.LANDED,
}


def parse_stage(text: str) -> Stage:
    """'正式簽約' → Stage.SIGNED; raises ValueError with a Chinese message for an unknown word."""
    from .text import clean, to_simplified

    word = to_simplified(clean(text))
    try:
        return STAGE_SYNONYMS[word]
    except KeyError:
        raise ValueError(f"未知的项目阶段“{text}”，应为：考察、意向、签约、开工、投产") from None
