"""Duplicate enterprise suggestions (疑似重复企业), fast enough for hundreds of thousands of names.

Names are compared through their keys (OpenCC Simplified, no legal-form suffix, no spacing or
punctuation — `core.text.name_key`), so Traditional/Simplified, suffix and spacing variants already share
a key. What is left are region words (stripped in the secondary `alias_key`) and one-character typos. The
latter are found through one-deletion variants (the SymSpell idea): keys one edit apart share one, so a
hash join finds them without comparing every pair, and rapidfuzz's Levenshtein distance confirms each.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

MIN_FUZZY_LENGTH = 4
# A deletion variant shared by more keys than this says nothing about any two of them.
MAX_BUCKET = 50


@dataclass(frozen=True)
class Name:
    id: int
    key: str
    alias: str
    uscc: str = ""


@dataclass(frozen=True)
class Candidate:
    """Two enterprises that may be one; `reason` says why, in Chinese."""

    a: int
    b: int
    score: float
    reason: str


def _conflicting_codes(x: Name, y: Name) -> bool:
    return bool(x.uscc and y.uscc and x.uscc != y.uscc)


def _close_pairs(aliases: list[str]) -> Iterable[tuple[int, int]]:
    """Index pairs of aliases one edit apart. Two strings one edit apart share a one-deletion variant
    (a string counting as its own variant), so a hash join on the variants finds every such pair in
    linear time; rapidfuzz's Levenshtein distance then confirms each."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, alias in enumerate(aliases):
        if len(alias) < MIN_FUZZY_LENGTH:
            continue
        variants = {alias} | {alias[:k] + alias[k + 1 :] for k in range(len(alias))}
        for variant in variants:
            buckets[variant].append(i)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2 or len(members) > MAX_BUCKET:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pair = (i, j) if i < j else (j, i)
                if pair not in seen:
                    seen.add(pair)
                    if Levenshtein.distance(aliases[i], aliases[j], score_cutoff=1) <= 1:
                        yield pair


def find_candidates(names: list[Name]) -> list[Candidate]:
    """Pairs of names that look like one enterprise, best first. Names sharing an alias are paired with
    the first of them; names with different USCCs are never paired."""
    groups: dict[str, list[Name]] = defaultdict(list)
    for name in names:
        groups[name.alias].append(name)
    found: dict[tuple[int, int], Candidate] = {}

    def add(x: Name, y: Name, score: float, reason: str) -> None:
        if x.id == y.id or _conflicting_codes(x, y):
            return
        pair = (min(x.id, y.id), max(x.id, y.id))
        if pair not in found or found[pair].score < score:
            found[pair] = Candidate(pair[0], pair[1], score, reason)

    for members in groups.values():
        for other in members[1:]:
            add(members[0], other, 90.0, "去掉地名后名称相同（请核对是否为不同地区的不同企业）")
    aliases = list(groups)
    for i, j in _close_pairs(aliases):
        x, y = groups[aliases[i]][0], groups[aliases[j]][0]
        add(x, y, round(fuzz.ratio(aliases[i], aliases[j]), 1), "名称仅差一个字")
    return sorted(found.values(), key=lambda c: (-c.score, c.a, c.b))
