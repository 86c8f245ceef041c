"""Display filters of the web pages: money in yuan, year-month, lists."""

from decimal import Decimal, InvalidOperation

from django import template

from cadreforge.core.money import format_yuan

register = template.Library()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def yuan(value) -> str:
    """'300000000.00' → 3亿元 (core.money.format_yuan)."""
    return format_yuan(_decimal(value))


@register.filter
def yuan_exact(value) -> str:
    """'300000000.00' → 300,000,000.00元: the exact amount beside the rounded one."""
    amount = _decimal(value)
    return "—" if amount is None else f"{amount:,.2f}元"


@register.filter
def year_month(value) -> str:
    """A date → 1980年5月 (出生年月)."""
    return f"{value.year}年{value.month}月" if value else "—"


@register.filter
def join_or_dash(values, separator: str = "、") -> str:
    items = [str(v) for v in (values or []) if v]
    return separator.join(items) if items else "—"


@register.filter
def chinese_message(value) -> str:
    """The message of a 404/403 if it is one of ours (Chinese); framework internals such as
    'Resolver404' or English lookup errors are not shown to users."""
    text = str(value or "")
    return text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else ""
