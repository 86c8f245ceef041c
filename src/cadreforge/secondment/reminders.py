"""Weekly-report reminders (周报提醒): before the due day and when overdue, to each cadre by e-mail and to the
program's group robots, each message once (its Delivery key), whenever and however often the job runs."""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError
from cadreforge.core.text import clean
from cadreforge.programs.models import Participant, Program
from cadreforge.programs.services import ensure_may_write

from . import notify
from .models import Delivery, NotificationChannel
from .notify_models import WEBHOOK_RULE, is_allowed_webhook_url
from .selectors import MISSING, OPEN, Slot, participant_slots
from .workdays import WorkCalendar

BEFORE, OVERDUE = "before", "overdue"
# Overdue reminders go out during this many days after the due day, not for reports missed long ago.
OVERDUE_WINDOW_DAYS = 7
WEEKDAYS = "一二三四五六日"


def _day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


def _previous_working_day(day: dt.date, calendar: WorkCalendar) -> dt.date:
    day -= dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def reminder_stage(slot: Slot, today: dt.date, calendar: WorkCalendar) -> str | None:
    """BEFORE from the last working day before the due day until the due day, OVERDUE for a week after it."""
    if slot.state == OPEN and _previous_working_day(slot.due, calendar) <= today <= slot.due:
        return BEFORE
    if slot.state == MISSING and today <= slot.due + dt.timedelta(days=OVERDUE_WINDOW_DAYS):
        return OVERDUE
    return None


def _active_participants(today: dt.date):
    """Cadres whose report period may still need reminders (ended at most a few weeks ago)."""
    since = today - dt.timedelta(days=OVERDUE_WINDOW_DAYS + 14)
    return (
        Participant.objects.filter(
            Q(assignments__end_date__gte=since) | Q(assignments__isnull=True, batch__end_date__gte=since)
        )
        .distinct()
        .select_related("program", "cadre__user", "batch")
        .prefetch_related("assignments", "weekly_reports")
        .order_by("program__code", "code")
    )


def _email_text(slot: Slot, stage: str) -> tuple[str, str]:
    name = slot.participant.cadre.name
    week = f"第{slot.number}周（{slot.week_start.month}月{slot.week_start.day}日—{slot.week_end.month}月{slot.week_end.day}日）"
    if stage == BEFORE:
        subject = _("学习周报提醒：%(week)s周报将于%(due)s截止") % {"week": week, "due": _day(slot.due)}
        body = _("%(name)s同志：\n您%(week)s的学习周报将于%(due)s截止，请及时登录平台填写并提交。") % {
            "name": name,
            "week": week,
            "due": _day(slot.due),
        }
    else:
        subject = _("学习周报逾期：%(week)s周报尚未提交") % {"week": week}
        body = _("%(name)s同志：\n您%(week)s的学习周报已于%(due)s截止，至今未提交，请尽快补交。") % {
            "name": name,
            "week": week,
            "due": _day(slot.due),
        }
    return subject, body


def _group_text(program: Program, stage: str, due: dt.date, names: list[str]) -> str:
    people = "、".join(names)
    if stage == BEFORE:
        return _(
            "【%(program)s·学习周报提醒】本周学习周报将于%(due)s截止，尚未提交：%(people)s。请抓紧提交。"
        ) % {
            "program": program.name,
            "due": _day(due),
            "people": people,
        }
    return _("【%(program)s·学习周报逾期】%(due)s截止的学习周报逾期未交：%(people)s。请尽快补交。") % {
        "program": program.name,
        "due": _day(due),
        "people": people,
    }


def collect_reminders(today: dt.date) -> list[Delivery]:
    """Queue the reminders due today (idempotent) and return the deliveries still to send."""
    calendar = WorkCalendar()
    pending: list[Delivery] = []
    groups: dict[tuple[int, str, dt.date], list[Slot]] = defaultdict(list)
    programs: dict[int, Program] = {}
    for participant in _active_participants(today):
        for slot in participant_slots(participant, today, calendar):
            stage = reminder_stage(slot, today, calendar)
            if stage is None:
                continue
            programs[participant.program_id] = participant.program
            groups[(participant.program_id, stage, slot.due)].append(slot)
            user = participant.cadre.user
            if user is not None and user.email and user.is_active:
                subject, body = _email_text(slot, stage)
                key = f"mail:{participant.pk}:{slot.week_start.isoformat()}:{stage}"
                pending.append(
                    notify.queue(
                        key,
                        participant.program,
                        medium=Delivery.Medium.EMAIL,
                        recipient=user.email,
                        subject=subject,
                        body=body,
                    )
                )
    channels = defaultdict(list)
    for channel in NotificationChannel.objects.filter(active=True, program_id__in=programs):
        channels[channel.program_id].append(channel)
    for (program_id, stage, due), slots in sorted(groups.items(), key=lambda item: (item[0][0], item[0][2])):
        text = _group_text(programs[program_id], stage, due, [s.participant.cadre.name for s in slots])
        for channel in channels[program_id]:
            key = f"robot:{channel.pk}:{due.isoformat()}:{stage}"
            pending.append(
                notify.queue(
                    key,
                    programs[program_id],
                    medium=channel.kind,
                    recipient=channel.webhook_url,
                    body=text,
                    channel=channel,
                )
            )
    return [d for d in pending if d is not None]


def send_weekly_reminders(today: dt.date) -> dict:
    """Queue and send today's reminders, retrying failed ones; returns counts for the log."""
    deliveries = collect_reminders(today)
    seen = {d.pk for d in deliveries}
    retry = Delivery.objects.filter(status=Delivery.Status.FAILED, attempts__lt=notify.MAX_ATTEMPTS)
    deliveries += [d for d in retry if d.pk not in seen]
    results = [notify.deliver(d) for d in deliveries]
    return {
        "sent": sum(1 for d in results if d.status == Delivery.Status.SENT),
        "failed": sum(1 for d in results if d.status == Delivery.Status.FAILED),
    }


@transaction.atomic
def save_channel(
    actor, program: Program, *, name: str, kind: str, webhook_url: str, active: bool = True
) -> NotificationChannel:
    """Add (or change, by name) a group robot of the program."""
    ensure_may_write(actor, program)
    name, webhook_url = clean(name), webhook_url.strip()
    if kind not in NotificationChannel.Kind.values:
        raise DomainError(f"未知的通知渠道类型“{kind}”，应为 wecom 或 dingtalk")
    if not name:
        raise DomainError("通知渠道名称不能为空")
    if not is_allowed_webhook_url(webhook_url):
        raise DomainError(f"通知渠道“{name}”的 Webhook 地址“{webhook_url}”{WEBHOOK_RULE}")
    channel, _created = NotificationChannel.objects.update_or_create(
        program=program, name=name, defaults={"kind": kind, "webhook_url": webhook_url, "active": active}
    )
    record(actor, "notification_channel.save", channel, {"kind": kind, "active": active})
    return channel
