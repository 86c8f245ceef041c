"""Huai'an ETDZ's first-half indicators (seed 004) as Indicator records, for the dashboard's 同比 panel."""

from decimal import Decimal

from cadreforge.reports.indicators import save_indicator

from .huaian import REGION_NAME

PERIOD = "1—6月"
# (name, value, unit, 同比 % as reported or None)
FIGURES = (
    ("固定资产投资", "79.77", "亿元", "32.3"),
    ("工业投资", "49.85", "亿元", "92"),
    ("实际使用外资", "1.12", "亿美元", None),
    ("新签约亿元以上项目", "46", "个", None),
    ("新签约亿元以上项目协议投资额", "266.68", "亿元", None),
    ("新签约50亿元以上项目", "3", "个", None),
)


def load(log) -> None:
    for order, (name, value, unit, growth) in enumerate(FIGURES):
        save_indicator(
            None,
            region=REGION_NAME,
            name=name,
            period=PERIOD,
            value=Decimal(value),
            unit=unit,
            growth_percent=Decimal(growth) if growth else None,
            order=order,
        )
    log(f"经济指标：{REGION_NAME} {PERIOD} {len(FIGURES)} 项")
