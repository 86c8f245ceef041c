"""Scheduled briefings, managed by the program's manager: add or change (by name) and delete a schedule,
every write permission-checked and audited; and the reads of the schedules page."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet

from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, NotFound
from cadreforge.core.text import clean
from cadreforge.programs.models import Program
from cadreforge.programs.selectors import get_batch
from cadreforge.programs.services import ensure_may_write
from cadreforge.reports.models import BriefingSchedule, BriefingSending
from cadreforge.secondment.models import Delivery, NotificationChannel

MAX_EMAILS = 50


def _emails(raw: str, name: str) -> list[str]:
    addresses = [part.strip() for part in raw.replace(",", "\n").replace("，", "\n").splitlines()]
    addresses = list(dict.fromkeys(a for a in addresses if a))
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            raise DomainError(f"定期简报“{name}”的电子邮件地址“{address[:80]}”格式不正确") from None
    if len(addresses) > MAX_EMAILS:
        raise DomainError(f"定期简报“{name}”的电子邮件收件人不能超过{MAX_EMAILS}个")
    return addresses


def _when(name: str, frequency: str, weekday: int | None, day_of_month: int | None, hour: int) -> tuple:
    if frequency == BriefingSchedule.Frequency.WEEKLY:
        if weekday is None or not 0 <= weekday <= 6:
            raise DomainError(f"定期简报“{name}”每周发送，请选择星期几")
        day_of_month = None
    elif frequency == BriefingSchedule.Frequency.MONTHLY:
        if day_of_month is None or not 1 <= day_of_month <= 31:
            raise DomainError(f"定期简报“{name}”每月发送，请填写1—31之间的日期")
        weekday = None
    else:
        raise DomainError(f"定期简报“{name}”的频率“{frequency}”不对，应为每周或每月")
    if not 0 <= hour <= 23:
        raise DomainError(f"定期简报“{name}”的发送时刻应为0—23点，收到“{hour}”")
    return weekday, day_of_month


@transaction.atomic
def save_schedule(
    actor,
    program: Program,
    *,
    name: str,
    frequency: str,
    weekday: int | None = None,
    day_of_month: int | None = None,
    hour: int = 8,
    batch_number: int | None = None,
    channels: list[NotificationChannel] | None = None,
    emails: str = "",
    email_format: str = BriefingSchedule.Format.DOCX,
    active: bool = True,
) -> BriefingSchedule:
    """Add (or change, by name) a schedule of the program's briefing; it needs at least one recipient."""
    ensure_may_write(actor, program)
    name = clean(name)
    if not name:
        raise DomainError("定期简报的名称不能为空")
    weekday, day_of_month = _when(name, frequency, weekday, day_of_month, hour)
    if email_format not in BriefingSchedule.Format.values:
        raise DomainError(f"定期简报“{name}”的邮件附件格式“{email_format}”不支持，应为 txt 或 docx")
    if batch_number is not None:
        try:
            get_batch(program, batch_number)
        except NotFound as exc:
            raise DomainError(f"定期简报“{name}”：{exc.message}") from None
    channels = list(channels or [])
    foreign = [c.name for c in channels if c.program_id != program.pk]
    if foreign:
        raise DomainError(f"群机器人“{'、'.join(foreign)}”不属于计划“{program.name}”")
    addresses = _emails(emails, name)
    if not channels and not addresses:
        raise DomainError(f"定期简报“{name}”至少要选择一个群机器人或填写一个电子邮件地址")
    schedule, created = BriefingSchedule.objects.update_or_create(
        program=program,
        name=name,
        defaults={
            "frequency": frequency,
            "weekday": weekday,
            "day_of_month": day_of_month,
            "hour": hour,
            "batch_number": batch_number,
            "emails": "\n".join(addresses),
            "email_format": email_format,
            "active": active,
        },
    )
    schedule.channels.set(channels)
    record(
        actor,
        "briefing_schedule.create" if created else "briefing_schedule.update",
        schedule,
        {
            "when": schedule.when_label,
            "batch": batch_number,
            "channels": [c.name for c in channels],
            "emails": len(addresses),
            "format": email_format,
            "active": active,
        },
    )
    return schedule


@transaction.atomic
def delete_schedule(actor, schedule: BriefingSchedule) -> None:
    """Delete a schedule; what it already sent stays in the deliveries' record."""
    ensure_may_write(actor, schedule.program)
    record(actor, "briefing_schedule.delete", schedule, {"when": schedule.when_label})
    schedule.delete()


def program_schedules(program: Program) -> QuerySet[BriefingSchedule]:
    return program.briefing_schedules.prefetch_related("channels").order_by("name")


def get_schedule(program: Program, pk: int) -> BriefingSchedule:
    schedule = program_schedules(program).filter(pk=pk).first()
    if schedule is None:
        raise NotFound(f"计划“{program.code}”没有编号为{pk}的定期简报。")
    return schedule


def recent_sendings(program: Program, limit: int = 20) -> list[BriefingSending]:
    """The program's latest briefing sendings, each with `deliveries` (its messages and their outcome)."""
    sendings = list(
        BriefingSending.objects.filter(schedule__program=program)
        .select_related("schedule")
        .defer("attachment")
        .order_by("-created_at", "-id")[:limit]
    )
    by_sending: dict[int, list[Delivery]] = {s.pk: [] for s in sendings}
    if sendings:
        deliveries = Delivery.objects.filter(
            program=program, key__startswith="briefing:", created_at__gte=min(s.created_at for s in sendings)
        ).select_related("channel")
        for delivery in deliveries.order_by("id"):
            pk = int(delivery.key.split(":")[1])
            if pk in by_sending:
                by_sending[pk].append(delivery)
    for sending in sendings:
        sending.deliveries = by_sending[sending.pk]
    return sendings
