"""Chinese text: stored as typed, compared through a normalised key.

The key is OpenCC Traditional→Simplified, full-width folded to half-width, lower-cased, with spaces and
punctuation removed; for organisation names the legal-form suffix (有限公司, 股份有限公司, Co., Ltd. …) is
stripped too, so 大莊竹業集團有限公司 and 大庄竹业集团 share one key.
"""

import re
import unicodedata
from functools import lru_cache

import opencc

# Chinese legal forms, matched at the end of the compacted name, longest first (股份有限公司 before 有限公司).
LEGAL_FORM_SUFFIXES = sorted(
    [
        "股份有限公司",
        "有限责任公司",
        "有限公司",
        "股份公司",
        "合伙企业(有限合伙)",
        "(有限合伙)",
        "有限合伙",
        "总公司",
        "分公司",
        "公司",
    ],
    key=len,
    reverse=True,
)
# Latin legal forms only count as a separate word: "Dazhuang Co., Ltd." loses it, "Zinc" keeps its "inc".
_LATIN_LEGAL_FORM = re.compile(
    r"(?:^|(?<=[^a-z0-9]))(?:co[\W_]*ltd|company[\W_]*limited|limited|ltd|inc|corp|corporation|llc)[\W_]*$"
)
# Conversion debris in the source documents: 養(yǎng) — a pinyin reading in brackets after a character.
_PINYIN_DEBRIS = re.compile(r"[\(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[\)）]")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified (characters and common phrases), leaving other text alone."""
    return _t2s().convert(text) if text else text


def clean(text: str | None) -> str:
    """Trim and fold full-width forms (NFKC), keeping the characters as typed otherwise."""
    if text is None:
        return ""
    return unicodedata.normalize("NFKC", str(text)).strip()


def text_key(text: str | None) -> str:
    """Key for comparing any Chinese text: Simplified, folded, lower-case, no spaces or punctuation."""
    s = to_simplified(clean(text)).lower()
    s = _PINYIN_DEBRIS.sub("", s)
    return _NOT_WORD.sub("", s)


def name_key(name: str | None) -> str:
    """Key for an organisation name: `text_key` with the legal-form suffix removed.

    A name that is nothing but a suffix keeps it, so the key is never empty for a non-empty name.
    """
    s = _PINYIN_DEBRIS.sub("", to_simplified(clean(name)).lower())
    whole = _NOT_WORD.sub("", s)
    key = _NOT_WORD.sub("", _LATIN_LEGAL_FORM.sub("", s))
    for suffix in _SUFFIX_KEYS:
        if key.endswith(suffix):
            key = key[: -len(suffix)]
            break
    return key or whole


_SUFFIX_KEYS = [_NOT_WORD.sub("", suffix) for suffix in LEGAL_FORM_SUFFIXES]


LIST_SEPARATORS = re.compile(r"[、,，;；]")


def split_list(text: str | None) -> list[str]:
    """Split a list cell on 、 , ， ; ；, trimming items and dropping empty ones."""
    return [item.strip() for item in LIST_SEPARATORS.split(clean(text)) if item.strip()]
