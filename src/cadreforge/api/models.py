"""Per-user API tokens (接口令牌). Only a SHA-256 hash of the secret is stored: the clear token is shown once,
when it is created, and cannot be recovered afterwards."""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A bearer token (`Authorization: Bearer <token>`) that acts as its user in the API."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("名称", max_length=64)
    prefix = models.CharField("令牌前缀", max_length=16, help_text="令牌开头几位，用于辨认，不足以使用")
    key_hash = models.CharField("令牌摘要（SHA-256）", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用时间", null=True, blank=True)
    # Every write through the token sets it: for REPLICA_PIN_SECONDS after, the token reads the primary.
    last_write_at = models.DateTimeField("最近写入时间", null=True, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="apitoken_name_not_empty"),
            models.CheckConstraint(
                condition=models.Q(key_hash__regex=r"^[0-9a-f]{64}$"), name="apitoken_hash_is_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
