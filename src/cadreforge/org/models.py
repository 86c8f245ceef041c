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
