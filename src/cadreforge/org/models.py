"""Regions and organisation units of the home side (departments, towns, state-owned enterprises)."""

from django.db import models

from cadreforge.core.models import TimeStampedModel
from cadreforge.core.text import text_key


class OrgUnit(TimeStampedModel):
    """An organisation unit (单位) in a tree: a region contains departments, towns, SOEs …"""

    class Kind(models.TextChoices):
        REGION = "region", "地区"
        PARTY = "party", "党委部门"
        GOVERNMENT = "government", "政府部门"
        TOWN = "town", "镇街"
        ZONE = "zone", "园区"
        SOE = "soe", "国有企事业单位"
        INSTITUTION = "institution", "事业单位"
        OTHER = "other", "其他"

    name = models.CharField("名称", max_length=128)
    name_key = models.CharField("名称检索键", max_length=128, db_index=True, editable=False)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name_key"], name="orgunit_unique_name_under_parent"),
            models.CheckConstraint(condition=~models.Q(name=""), name="orgunit_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = text_key(self.name)
        super().save(*args, **kwargs)

    @property
    def path(self) -> str:
        """单位全称 from the root, e.g. 蓬莱市 / 市投资促进局."""
        parts, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            parts.append(node.name)
            node = node.parent
        return " / ".join(reversed(parts))


_PLACE_SUFFIXES = ("市", "区", "县")


def place_key(name: str | None) -> str:
    """Key for a place name: `text_key` without a trailing 市/区/县, so 杭州 and 杭州市, 蓬莱市 and 蓬莱区 meet."""
    key = text_key(name)
    if len(key) > 2 and key.endswith(_PLACE_SUFFIXES):
        return key[:-1]
    return key


class Region(TimeStampedModel):
    """A place (地区) with its coordinates, so that home regions and host cities can be drawn on a map.

    A home region is matched by the name of a region unit (OrgUnit of kind 地区), a host city by
    HostUnit.city, both through `place_key`. A place without coordinates is listed beside the map."""

    name = models.CharField("名称", max_length=64)
    name_key = models.CharField("名称检索键", max_length=64, unique=True, editable=False)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = "地区坐标"
        verbose_name_plural = "地区坐标"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="region_name_not_empty"),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True, latitude__isnull=True)
                | models.Q(longitude__isnull=False, latitude__isnull=False),
                name="region_coordinates_both_or_neither",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180, latitude__gte=-90, latitude__lte=90),
                name="region_coordinates_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = place_key(self.name)
        super().save(*args, **kwargs)

    @property
    def coordinates(self) -> tuple[float, float] | None:
        """(longitude, latitude) as ECharts wants them, or None when not recorded."""
        if self.longitude is None or self.latitude is None:
            return None
        return float(self.longitude), float(self.latitude)
