"""The "send test message" of a notification channel: one Delivery, sent now (with the usual retries),
recorded and audited like any reminder."""

import uuid

from django.utils import timezone

from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError
from cadreforge.programs.services import ensure_may_write

from . import notify
from .models import Delivery, NotificationChannel


def send_test_message(actor, channel: NotificationChannel) -> Delivery:
    """Post a Chinese test message to the channel's robot; the Delivery says whether it arrived."""
    ensure_may_write(actor, channel.program)
    if not channel.active:
        raise DomainError(f"通知渠道“{channel.name}”已停用，请先启用再发送测试消息")
    now = timezone.localtime()
    body = (
        f"【CadreForge 测试消息】这是“{channel.program.name}”的通知渠道“{channel.name}”的测试消息，"
        f"发送于{now:%Y-%m-%d %H:%M}。收到即表示周报提醒可以送达本群。"
    )
    delivery = notify.queue(
        f"test:{channel.pk}:{uuid.uuid4().hex}",
        channel.program,
        medium=channel.kind,
        recipient=channel.webhook_url,
        body=body,
        subject="测试消息",
        channel=channel,
    )
    if delivery is None:  # a fresh random key cannot collide; kept for the type checker
        raise DomainError("测试消息未能登记，请重试")
    delivery = notify.deliver(delivery)
    record(actor, "notification_channel.test", channel, {"delivery": delivery.pk, "status": delivery.status})
    return delivery
