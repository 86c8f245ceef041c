"""Sending the scheduled briefings (定期简报): each active schedule whose send time in the current period
(the week from Monday, or the month) has passed gets that period's briefing once. The period is claimed by
a BriefingSending row under a unique (schedule, period) constraint in the same transaction that queues its
messages, so two runs at once, or one run twice, never send a period twice. Messages are secondment
Delivery rows (keys `briefing:<sending>:…`) sent and retried by secondment.notify like the reminders."""

import calendar
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError
from cadreforge.reports.models import BriefingSchedule, BriefingSending
from cadreforge.reports.selectors import get_period_figures
from cadreforge.secondment import notify
from cadreforge.secondment.models import Delivery

from .documents import render
from .text import briefing_text, build_briefing, period_paragraph

log = logging.getLogger(__name__)
KEY_PREFIX = "briefing:"
# A delivery still pending this long after it was queued was left by a run that stopped: send it again.
ORPHAN_AFTER = dt.timedelta(minutes=10)
WECOM_MARKDOWN_BYTES = 4000  # WeCom's robot takes at most 4096 bytes of markdown
MIMETYPES = {
    "txt": "text/plain",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Period:
    start: dt.date
    send_at: dt.datetime  # aware, Beijing time
    label: str


def current_period(schedule: BriefingSchedule, now: dt.datetime) -> Period:
    """The period `now` falls in and when in it the schedule sends (a monthly day past the month's end
    sends on its last day)."""
    today = timezone.localtime(now).date()
    if schedule.frequency == BriefingSchedule.Frequency.WEEKLY:
        start = today - dt.timedelta(days=today.weekday())
        end = start + dt.timedelta(days=6)
        day = start + dt.timedelta(days=schedule.weekday)
        week = start.isocalendar()
        label = f"{week.year}年第{week.week}周（{start.month}月{start.day}日—{end.month}月{end.day}日）"
    else:
        start = today.replace(day=1)
        day = start.replace(day=min(schedule.day_of_month, calendar.monthrange(start.year, start.month)[1]))
        label = f"{start.year}年{start.month}月"
    send_at = timezone.make_aware(dt.datetime.combine(day, dt.time(schedule.hour)))
    return Period(start, send_at, label)


def _markdown(briefing: dict, label: str) -> str:
    date = briefing["date"]
    lines = [f"### {briefing['title']}", f"> {label} · 截至{date.year}年{date.month}月{date.day}日", ""]
    lines += [p + "\n" for p in briefing["paragraphs"]]
    text = "\n".join(lines).rstrip() + "\n"
    if len(text.encode("utf-8")) > WECOM_MARKDOWN_BYTES:
        tail = "\n……（全文见邮件附件或平台数字看板）"
        budget = WECOM_MARKDOWN_BYTES - len(tail.encode("utf-8"))
        text = text.encode("utf-8")[:budget].decode("utf-8", "ignore") + tail
    return text


def recent_window(schedule: BriefingSchedule, today: dt.date) -> tuple[str, dt.date, dt.date]:
    """The days a scheduled briefing reports as new: the week (or month) up to the day before sending, so a
    briefing sent on a Monday morning speaks of the whole week before."""
    end = today - dt.timedelta(days=1)
    if schedule.frequency == BriefingSchedule.Frequency.WEEKLY:
        return "近一周", end - dt.timedelta(days=6), end
    month_before = today.month - 1 or 12
    year = today.year if today.month > 1 else today.year - 1
    start = dt.date(year, month_before, min(today.day, calendar.monthrange(year, month_before)[1]))
    return "近一月", start, end


def _compose(schedule: BriefingSchedule, period: Period, now: dt.datetime) -> BriefingSending:
    """The (unsaved) sending: written from the records as of today, before any row is locked. What is new
    in the week or month comes first, then the cumulative figures."""
    today = timezone.localtime(now).date()
    briefing = build_briefing(schedule.program, schedule.batch_number, today)
    label, start, end = recent_window(schedule, today)
    recent = get_period_figures(schedule.program, schedule.batch_number, start, end)
    lead = period_paragraph(label, recent)
    briefing["paragraphs"] = [lead, *briefing["paragraphs"]]
    sending = BriefingSending(
        schedule=schedule,
        period_start=period.start,
        period_label=period.label,
        title=f"{briefing['title']}（{period.label}）",
        text=briefing_text(briefing),
        markdown=_markdown(briefing, period.label),
    )
    if schedule.email_list:
        fmt = schedule.email_format
        content = (
            sending.text.encode("utf-8")
            if fmt == "txt"
            else render(schedule.program, schedule.batch_number, fmt, today=today, lead=(lead,))
        )
        suffix = f"-batch{schedule.batch_number}" if schedule.batch_number else ""
        sending.attachment_name = f"briefing-{schedule.program.code}{suffix}-{period.start.isoformat()}.{fmt}"
        sending.attachment = content
    return sending


def _queue(sending: BriefingSending) -> list[Delivery]:
    schedule, program = sending.schedule, sending.schedule.program
    queued = []
    for channel in schedule.channels.filter(active=True).order_by("pk"):
        queued.append(
            notify.queue(
                f"{sending.key_prefix}robot:{channel.pk}",
                program,
                medium=channel.kind,
                recipient=channel.webhook_url,
                subject=sending.title,
                body=sending.text,
                channel=channel,
            )
        )
    for address in schedule.email_list:
        digest = hashlib.sha256(address.lower().encode()).hexdigest()[:20]
        body = sending.text + f"\n附件：{sending.attachment_name}\n"
        queued.append(
            notify.queue(
                f"{sending.key_prefix}mail:{digest}",
                program,
                medium=Delivery.Medium.EMAIL,
                recipient=address,
                subject=sending.title,
                body=body,
            )
        )
    return [d for d in queued if d is not None]


def claim_period(schedule: BriefingSchedule, period: Period, now: dt.datetime) -> list[Delivery] | None:
    """Write the period's briefing and queue its messages, all or nothing; None when the period was
    already claimed (by this or a concurrent run)."""
    if BriefingSending.objects.filter(schedule=schedule, period_start=period.start).exists():
        return None
    sending = _compose(schedule, period, now)
    try:
        with transaction.atomic():
            sending.save()
            deliveries = _queue(sending)
            record(
                None,
                "briefing.queue",
                sending,
                {"period": period.label, "messages": len(deliveries)},
            )
    except IntegrityError:  # the unique (schedule, period) constraint: another run got there first
        return None
    return deliveries


def _retries(now: dt.datetime, seen: set[int]) -> list[Delivery]:
    stale = Q(status=Delivery.Status.PENDING, created_at__lt=now - ORPHAN_AFTER)
    rows = Delivery.objects.filter(
        Q(status=Delivery.Status.FAILED) | stale,
        key__startswith=KEY_PREFIX,
        attempts__lt=notify.MAX_ATTEMPTS,
    ).order_by("id")
    return [d for d in rows if d.pk not in seen]


def send_due_briefings(now: dt.datetime | None = None) -> dict:
    """Send every briefing due at `now` (default: now), retrying failed briefing messages; counts for
    the log: briefings written, messages sent and failed, schedules that could not be written."""
    now = now or timezone.now()
    if timezone.is_naive(now):
        now = timezone.make_aware(now)  # a time given without zone is Beijing time
    deliveries: list[Delivery] = []
    briefings, errors = 0, []
    schedules = BriefingSchedule.objects.filter(active=True).select_related("program").order_by("pk")
    for schedule in schedules:
        period = current_period(schedule, now)
        if now < period.send_at:
            continue
        try:
            queued = claim_period(schedule, period, now)
        except DomainError as exc:
            errors.append(f"{schedule.program.code}/{schedule.name}：{exc.message}")
            log.warning("briefing schedule %s not sent: %s", schedule.pk, exc.message)
            continue
        except Exception as exc:  # one program's broken briefing must not stop the others'
            errors.append(
                f"{schedule.program.code}/{schedule.name}：简报未能生成（{type(exc).__name__}: {exc}）"
            )
            log.exception("briefing schedule %s not sent", schedule.pk)
            continue
        if queued is not None:
            briefings += 1
            deliveries += queued
    deliveries += _retries(now, {d.pk for d in deliveries})
    results = [notify.deliver(d) for d in deliveries]
    return {
        "briefings": briefings,
        "sent": sum(1 for d in results if d.status == Delivery.Status.SENT),
        "failed": sum(1 for d in results if d.status == Delivery.Status.FAILED),
        "errors": errors,
    }


def message_extras(delivery: Delivery) -> dict:
    """How notify sends a briefing message: e-mail with the attachment, robots in markdown (both WeCom
    and DingTalk group robots take markdown)."""
    pk = delivery.key.removeprefix(KEY_PREFIX).split(":", 1)[0]
    sending = BriefingSending.objects.filter(pk=int(pk)).first() if pk.isdigit() else None
    if sending is None:
        return {}
    if delivery.medium == Delivery.Medium.EMAIL:
        if not sending.attachment_name:
            return {}
        fmt = sending.attachment_name.rsplit(".", 1)[-1]
        return {"attachments": [(sending.attachment_name, bytes(sending.attachment), MIMETYPES[fmt])]}
    if delivery.medium == Delivery.Medium.DINGTALK:
        payload = {"msgtype": "markdown", "markdown": {"title": sending.title, "text": sending.markdown}}
    else:
        payload = {"msgtype": "markdown", "markdown": {"content": sending.markdown}}
    return {"webhook_payload": payload}
