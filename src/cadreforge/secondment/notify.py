"""Sending messages: e-mail through Django's configured backend (SMTP in production) and the group robots
of WeCom (企业微信) and DingTalk (钉钉) through their webhooks. Each message is a Delivery row; sending is
retried a bounded number of times with exponential backoff, and every attempt's outcome is recorded."""

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadreforge.programs.models import Program

from .models import Delivery, NotificationChannel

ATTEMPTS_PER_RUN = 3
MAX_ATTEMPTS = 9  # over all runs of the reminder job: a message that failed nine times is given up
WEBHOOK_TIMEOUT_SECONDS = 10
# Apps whose messages are more than plain text (a briefing attaches its document and posts markdown) register
# how to build them, by Delivery key prefix, at start-up (AppConfig.ready), so every job (the reminders'
# retries included) sends the same message. A builder returns {"attachments": [(name, bytes, mimetype)],
# "webhook_payload": {...}}; what it leaves out is sent as the plain text of the delivery.
MESSAGE_BUILDERS: dict[str, Callable[[Delivery], dict]] = {}


def backoff_seconds() -> float:
    """The first wait between two attempts (doubling after each); settings.CADREFORGE_NOTIFY_BACKOFF."""
    return float(getattr(settings, "CADREFORGE_NOTIFY_BACKOFF", 1.0))


def webhook_payload(content: str) -> dict:
    """The text message both WeCom and DingTalk group robots accept."""
    return {"msgtype": "text", "text": {"content": content}}


def post_webhook(url: str, content: str, payload: dict | None = None) -> None:
    """POST the message (`payload`, else `content` as text); raise with a Chinese reason unless the robot
    answers HTTP 200 with errcode 0."""
    body = json.dumps(payload or webhook_payload(content), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:
            answer = response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        raise OSError(f"Webhook 返回 HTTP {exc.code}") from exc
    except urllib.error.URLError as exc:
        raise OSError(f"无法连接 Webhook：{exc.reason}") from exc
    try:
        data = json.loads(answer) if answer.strip() else {}
    except json.JSONDecodeError:
        data = {}
    if isinstance(data, dict) and data.get("errcode", 0) != 0:
        raise OSError(f"群机器人拒绝了消息：errcode={data.get('errcode')} {data.get('errmsg', '')}".strip())


def _extras(delivery: Delivery) -> dict:
    for prefix, build in MESSAGE_BUILDERS.items():
        if delivery.key.startswith(prefix):
            return build(delivery)
    return {}


def _send_once(delivery: Delivery) -> None:
    extras = _extras(delivery)
    if delivery.medium == Delivery.Medium.EMAIL:
        message = EmailMessage(delivery.subject, delivery.body, to=[delivery.recipient])
        for name, content, mimetype in extras.get("attachments", ()):
            message.attach(name, content, mimetype)
        message.send(fail_silently=False)
    else:
        post_webhook(delivery.recipient, delivery.body, extras.get("webhook_payload"))


def deliver(delivery: Delivery) -> Delivery:
    """Send a pending or failed delivery, at most ATTEMPTS_PER_RUN times now, waiting 1, 2, 4… backoff
    units between attempts. Records attempts, the last error and the outcome."""
    wait = backoff_seconds()
    for attempt in range(ATTEMPTS_PER_RUN):
        if delivery.status == Delivery.Status.SENT or delivery.attempts >= MAX_ATTEMPTS:
            break
        if attempt:
            time.sleep(wait)
            wait *= 2
        delivery.attempts += 1
        try:
            _send_once(delivery)
        except Exception as exc:
            delivery.status, delivery.error = Delivery.Status.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
        else:
            delivery.status, delivery.sent_at = Delivery.Status.SENT, timezone.now()
        delivery.save(update_fields=["status", "attempts", "error", "sent_at", "updated_at"])
    return delivery


def queue(
    key: str,
    program: Program,
    *,
    medium: str,
    recipient: str,
    body: str,
    subject: str = "",
    channel: NotificationChannel | None = None,
) -> Delivery | None:
    """The delivery of that key, created pending if new; None when it already went out or was given up."""
    existing = Delivery.objects.filter(key=key).first()
    if existing is None:
        try:
            with transaction.atomic():
                existing = Delivery.objects.create(
                    key=key,
                    program=program,
                    medium=medium,
                    channel=channel,
                    recipient=recipient,
                    subject=subject,
                    body=body,
                )
        except IntegrityError:  # another worker queued it at the same moment
            return None
    if existing.status == Delivery.Status.SENT or existing.attempts >= MAX_ATTEMPTS:
        return None
    return existing
