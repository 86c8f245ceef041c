"""Append-only, hash-chained audit log (审计日志).

Each entry's `hash` is an HMAC over its content and the previous entry's hash, so altering or removing an
entry breaks the chain from there on; `cadreforge audit verify` finds the first broken entry. The MAC
(HMAC-SHA256 or HMAC-SM3) is named on each entry, so switching algorithms keeps older entries verifiable.
On PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002); only the retention purge may delete.
"""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT
    )
    actor_name = models.CharField("操作人名称", max_length=150, blank=True)
    action = models.CharField("操作", max_length=64, db_index=True)
    object_type = models.CharField("对象类型", max_length=64, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=255, blank=True)
    changes = models.JSONField("内容", default=dict, blank=True)
    ip = models.GenericIPAddressField("地址", null=True, blank=True)
    mac_algorithm = models.CharField("摘要算法", max_length=16, default="hmac-sha256")
    prev_hash = models.CharField("前一条摘要", max_length=64)
    hash = models.CharField("摘要", max_length=64, unique=True)

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action} {self.object_repr}"
