"""Tables of the enterprise registry kept apart from `models.py` (imported there, so Django sees them):
the merges of duplicates (undoable) and the pairs a manager judged not to be duplicates."""

from django.conf import settings
from django.db import models

from cadreforge.core.models import TimeStampedModel


class EnterpriseMerge(TimeStampedModel):
    """A merge of a duplicate enterprise into the kept one (企业合并记录), with the ids of what moved, so
    it can be undone exactly."""

    kept = models.ForeignKey(
        "pipeline.Enterprise", verbose_name="保留企业", on_delete=models.PROTECT, related_name="+"
    )
    merged = models.ForeignKey(
        "pipeline.Enterprise", verbose_name="并入企业", on_delete=models.PROTECT, related_name="+"
    )
    moved = models.JSONField("移动的记录", default=dict)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField("撤销时间", null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤销人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "企业合并记录"
        verbose_name_plural = "企业合并记录"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.merged} → {self.kept}"


class DuplicateDismissal(TimeStampedModel):
    """A suggested duplicate pair judged to be two enterprises (不是重复), so the registry stops suggesting
    it. Undoing keeps the row (with who and when) and the pair is suggested again."""

    first = models.ForeignKey(
        "pipeline.Enterprise", verbose_name="企业甲", on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        "pipeline.Enterprise", verbose_name="企业乙", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField("说明", max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField("撤销时间", null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤销人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "非重复企业标记"
        verbose_name_plural = "非重复企业标记"
        ordering = ["-created_at", "-id"]
        constraints = [
            # One row per pair, stored in id order, so (a, b) and (b, a) are the same pair.
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="duplicatedismissal_ordered_pair"
            ),
            models.UniqueConstraint(
                fields=["first", "second"],
                condition=models.Q(undone_at__isnull=True),
                name="duplicatedismissal_unique_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} ≠ {self.second}"

    @property
    def is_active(self) -> bool:
        return self.undone_at is None
