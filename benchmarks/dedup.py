"""Duplicate enterprise suggestions (pipeline.dedup) at scale and on a labelled set.

`dedup_200k_s`: seconds to find candidates among 200,000 generated names (keys computed first, as the
registry stores them). `dedup_f1`: precision, recall and F1 on generated pairs — each base name with one
variant (Traditional characters, another legal-form suffix, spacing, or one character changed) — against
the other base names as negatives.
"""

import random
import time

from benchmarks import entry, register
from cadreforge.core.text import name_key, to_simplified
from cadreforge.pipeline.dedup import Name, find_candidates
from cadreforge.pipeline.normalise import alias_key

CITIES = ["杭州", "苏州", "无锡", "南京", "上海", "宁波", "常州", "嘉兴", "淮北", "淮安"]
BRAND = (
    "天合华星远航卓越鑫源恒泰永盛宏达瑞丰博凯金鼎中科联创智海润明德东方正阳嘉禾信隆兴旺富贵安康祥和顺昌"
    "光辉宇宙乾坤朗晨曦云帆峰岭江河湖川森林松柏竹梅兰菊荣耀锦绣鸿运福寿吉利开元泽霖浩淼博雅思源启航"
    "诚实守信义仁礼忠勇毅坚韧拓展腾飞跃升驰骋翔宏伟壮阔精工匠艺巧慧灵敏捷迅捷"
)
TRADE = [
    "新材料",
    "光伏科技",
    "电子材料",
    "生物医药",
    "智能装备",
    "网络科技",
    "竹业",
    "化工",
    "汽车零部件",
    "食品",
]
SUFFIXES = ["有限公司", "股份有限公司", "有限责任公司", ""]
TRADITIONAL = {
    "华": "華",
    "远": "遠",
    "航": "航",
    "鑫": "鑫",
    "泰": "泰",
    "达": "達",
    "丰": "豐",
    "东": "東",
    "阳": "陽",
    "联": "聯",
    "创": "創",
    "智": "智",
    "润": "潤",
    "药": "藥",
    "电": "電",
    "汽": "汽",
    "车": "車",
    "业": "業",
    "医": "醫",
    "装": "裝",
    "备": "備",
    "络": "絡",
    "科": "科",
    "技": "技",
}


def _base(rng: random.Random) -> str:
    brand = "".join(rng.sample(BRAND, rng.choice([3, 4])))
    return rng.choice(CITIES) + brand + rng.choice(TRADE)


def _variant(rng: random.Random, name: str) -> str:
    kind = rng.randrange(5)
    if kind == 4:
        return "浙江省" + name if not name.startswith("淮") else "安徽省" + name
    if kind == 0:
        return "".join(TRADITIONAL.get(ch, ch) for ch in name) + rng.choice(SUFFIXES)
    if kind == 1:
        return name + rng.choice(SUFFIXES[:3])
    if kind == 2:
        return " ".join(name) + " " + rng.choice(SUFFIXES)
    i = rng.randrange(2, len(name))  # a typo in the brand or trade, not the city
    return name[:i] + rng.choice(BRAND.replace(name[i], "")) + name[i + 1 :]


def _names(raw: list[str]) -> list[Name]:
    out = []
    for i, text in enumerate(raw):
        key = name_key(text)
        out.append(Name(i, key, alias_key(key)))
    return out


def _unique_bases(rng: random.Random, n: int) -> list[str]:
    """Base names distinct even without their city (as different enterprises are)."""
    seen, bases = set(), []
    while len(bases) < n:
        base = _base(rng)
        key = alias_key(name_key(to_simplified(base)))
        if key not in seen:
            seen.add(key)
            bases.append(base)
    return bases


@register
def dedup_200k() -> dict[str, dict]:
    rng = random.Random(200_000)
    bases = _unique_bases(rng, 180_000)
    raw = bases + [_variant(rng, rng.choice(bases)) for _ in range(20_000)]
    started = time.perf_counter()
    names = _names(raw)
    found = find_candidates(names)
    seconds = time.perf_counter() - started
    return {"dedup_200k_s": entry(seconds, "s", goal=60.0, candidates=len(found), names=len(raw))}


@register
def dedup_f1() -> dict[str, dict]:
    rng = random.Random(6)
    bases = _unique_bases(rng, 5_000)
    raw, truth = list(bases), set()
    for i, base in enumerate(bases[:2_000]):
        raw.append(_variant(rng, base))
        truth.add((i, len(raw) - 1))
    names = _names(raw)
    # Two names with one key are one enterprise already (the registry stores them once): count them found.
    by_key: dict[str, int] = {}
    found = set()
    for name in names:
        if name.key in by_key:
            found.add((by_key[name.key], name.id))
        else:
            by_key[name.key] = name.id
    found |= {(c.a, c.b) for c in find_candidates([n for n in names if by_key[n.key] == n.id])}
    hits = len(found & truth)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {
        "dedup_f1": entry(f1, "F1", goal=0.95, precision=round(precision, 4), recall=round(recall, 4)),
    }
