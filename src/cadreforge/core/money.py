"""Money is Decimal yuan. Ledgers give amounts in 万元; these convert exactly, never through float."""

from decimal import Decimal, InvalidOperation

WAN = Decimal(10000)
YI = Decimal(100_000_000)
YUAN_PLACES = Decimal("0.01")
# Amount columns hold 18 digits with 2 decimals (pipeline.models.AMOUNT).
MAX_YUAN = Decimal(10) ** 16


def wan_to_yuan(value: str | int | Decimal) -> Decimal:
    """'3.5' 万元 → Decimal('35000.00') yuan. Raises ValueError with a Chinese message on bad input."""
    if isinstance(value, float):
        raise ValueError("金额不能以浮点数传入")
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except InvalidOperation as exc:
        raise ValueError(f"金额“{value}”不是有效数字") from exc
    if not amount.is_finite():
        raise ValueError(f"金额“{value}”不是有效数字")
    yuan = amount * WAN
    if abs(yuan) >= MAX_YUAN:
        raise ValueError(f"金额“{value}”万元过大，超出系统可记录的范围")
    if yuan != yuan.quantize(YUAN_PLACES):
        raise ValueError(f"金额“{value}”万元精确到分后仍有余数")
    return yuan.quantize(YUAN_PLACES)


def yuan_to_wan(yuan: Decimal) -> Decimal:
    return (yuan / WAN).normalize()


def format_yuan(yuan: Decimal | None) -> str:
    """Chinese convention: 3亿元, 1873万元, 5000元."""
    if yuan is None:
        return "—"
    if abs(yuan) >= YI:
        return f"{(yuan / YI).quantize(Decimal('0.01')).normalize():f}亿元"
    if abs(yuan) >= WAN:
        return f"{(yuan / WAN).quantize(Decimal('0.01')).normalize():f}万元"
    return f"{yuan.quantize(Decimal('0.01')).normalize():f}元"
