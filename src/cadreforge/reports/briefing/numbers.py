"""Chinese number conventions of briefings: 首批/第二批, counts with their measure words, amounts in 万元/亿元."""

import re
from decimal import Decimal

from cadreforge.core.money import format_yuan

DIGITS = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三 (for 第N批; up to 99, larger numbers stay Arabic)."""
    if n < 10:
        return DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")
    return str(n)


def batch_word(number: int) -> str:
    return "首批" if number == 1 else f"第{chinese_ordinal(number)}批"


def amount(yuan: str | Decimal) -> str:
    return format_yuan(Decimal(yuan))


def place_short(region: str) -> str:
    """'山东省烟台市蓬莱市' → '蓬' (到蓬考察), '浙江省杭州市萧山区' → '萧'; '' when unknown."""
    parts = [p for p in re.split(r"(?<=[省市区县])", region or "") if p]
    return parts[-1][0] if parts else ""
