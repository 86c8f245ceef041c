"""Where reminders go (NotificationChannel: a WeCom/DingTalk group robot of a program) and what was sent
(Delivery: one row per message, with its attempts and last error). Imported by models.py."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models

from cadreforge.core.models import TimeStampedModel

LOCAL_WEBHOOK_HOSTS = {"127.0.0.1", "localhost"}
WEBHOOK_RULE = "应以 https:// 开头（仅本机测试可用 http://127.0.0.1 或 http://localhost）"


def is_allowed_webhook_url(url: str) -> bool:
    """An https address with a host, or plain http only to this machine (tests and local relays): a robot
    message names cadres, so it never crosses the network unencrypted."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (a malformed port raises ValueError)
    except ValueError:
        return False
    if parts.scheme == "https":
        return bool(parts.hostname)
    return parts.scheme == "http" and parts.hostname in LOCAL_WEBHOOK_HOSTS


def validate_webhook_url(url: str) -> None:
    """The rule as a field validator, so that every model form (the back office too) enforces it."""
    if not is_allowed_webhook_url(url):
        raise ValidationError(f"Webhook 地址“{url}”{WEBHOOK_RULE}。", code="insecure_webhook")


class NotificationChannel(TimeStampedModel):
    """A group-robot webhook (群机器人) of a program to which reminders are posted."""

    class Kind(models.TextChoices):
        WECOM = "wecom", "企业微信群机器人"
        DINGTALK = "dingtalk", "钉钉群机器人"

    program = models.ForeignKey(
        "programs.Program",
        verbose_name="计划",
        on_delete=models.CASCADE,
        related_name="notification_channels",
    )
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    name = models.CharField("名称", max_length=64)
    webhook_url = models.URLField("Webhook 地址", max_length=500, validators=[validate_webhook_url])
    active = models.BooleanField("启用", default=True)

    class Meta:
        app_label = "secondment"
        verbose_name = "通知渠道"
        verbose_name_plural = "通知渠道"
        ordering = ["program", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="channel_unique_name_in_program"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["wecom", "dingtalk"]), name="channel_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


class Delivery(TimeStampedModel):
    """One message sent (or tried): by e-mail to a person or to a group robot. `key` makes a reminder
    go out once however often the reminder job runs."""

    class Medium(models.TextChoices):
        EMAIL = "email", "电子邮件"
        WECOM = "wecom", "企业微信"
        DINGTALK = "dingtalk", "钉钉"

    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"

    key = models.CharField("去重键", max_length=200, unique=True)
    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="deliveries"
    )
    medium = models.CharField("方式", max_length=16, choices=Medium.choices)
    channel = models.ForeignKey(
        NotificationChannel, verbose_name="渠道", null=True, blank=True, on_delete=models.SET_NULL
    )
    recipient = models.CharField("收件人", max_length=254, blank=True)
    subject = models.CharField("标题", max_length=200, blank=True)
    body = models.TextField("内容")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    error = models.TextField("最后错误", blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        app_label = "secondment"
        verbose_name = "发送记录"
        verbose_name_plural = "发送记录"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "sent", "failed"]), name="delivery_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_medium_display()} → {self.recipient or self.channel}"
