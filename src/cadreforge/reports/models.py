"""Economic indicators shown on the dashboard (数字看板), with the prior year's value for the 同比 change."""

from decimal import Decimal

from django.db import models

from cadreforge.core.models import TimeStampedModel


class Indicator(TimeStampedModel):
    """One figure of a region for a period (e.g. 淮安 2024年上半年 固定资产投资 79.77 亿元, prior 60.30)."""

    region = models.CharField("地区", max_length=64)
    name = models.CharField("指标", max_length=64)
    period = models.CharField("期间", max_length=32, help_text="如 2024H1、2024、2024-06")
    value = models.DecimalField("数值", max_digits=18, decimal_places=4)
    unit = models.CharField("单位", max_length=16, help_text="如 亿元、亿美元、个")
    prior_value = models.DecimalField("上年同期", max_digits=18, decimal_places=4, null=True, blank=True)
    growth_percent = models.DecimalField(
        "同比增长（%）",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="来源材料直接给出的同比；为空时由上年同期计算",
    )
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "经济指标"
        verbose_name_plural = "经济指标"
        ordering = ["region", "period", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name", "period"], name="indicator_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.period} {self.name}"

    @property
    def change_percent(self) -> Decimal | None:
        """同比 in percent: given by the source, else computed from the prior-year value; None when unknown."""
        if self.growth_percent is not None:
            return self.growth_percent
        if not self.prior_value:
            return None
        return ((self.value - self.prior_value) / self.prior_value * 100).quantize(Decimal("0.1"))


from .schedule_models import BriefingSchedule, BriefingSending  # noqa: E402, F401
