"""Reads behind the manager pages of secondment life: the objects of one program, looked up inside it so
that an id from another program is not found (404), like one that does not exist."""

from django.db.models import QuerySet

from cadreforge.core.errors import NotFound
from cadreforge.programs.models import Program

from .models import Assignment, Delivery, Event, Finding, NotificationChannel, PartyBranch


def program_assignments(program: Program) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(participant__program=program)
        .select_related("participant__cadre", "participant__batch", "post__host")
        .order_by("participant__code", "start_date")
    )


def get_assignment(program: Program, pk: int) -> Assignment:
    assignment = program_assignments(program).filter(pk=pk).first()
    if assignment is None:
        raise NotFound(f"计划“{program.code}”中没有编号为{pk}的派驻")
    return assignment


def program_branches(program: Program) -> QuerySet[PartyBranch]:
    return (
        PartyBranch.objects.filter(batch__program=program)
        .select_related("batch", "team", "secretary__cadre")
        .prefetch_related("members__cadre")
        .order_by("batch__number", "name")
    )


def get_event(program: Program, pk: int) -> Event:
    event = program.secondment_events.select_related("batch").filter(pk=pk).first()
    if event is None:
        raise NotFound(f"计划“{program.code}”中没有编号为{pk}的活动")
    return event


def get_finding(event: Event, pk: int) -> Finding:
    finding = event.findings.filter(pk=pk).first()
    if finding is None:
        raise NotFound(f"该督导中没有编号为{pk}的问题")
    return finding


def event_roster(event: Event) -> list[dict]:
    """The cadres expected at an event (its batch's, or the whole program's) with their attendance."""
    participants = event.program.participants.select_related("cadre").order_by("code")
    if event.batch_id:
        participants = participants.filter(batch_id=event.batch_id)
    marks = {a.participant_id: a for a in event.attendances.all()}
    return [{"participant": p, "attendance": marks.get(p.pk)} for p in participants]


def program_channels(program: Program) -> QuerySet[NotificationChannel]:
    return program.notification_channels.order_by("name")


def get_channel(program: Program, pk: int) -> NotificationChannel:
    channel = program_channels(program).filter(pk=pk).first()
    if channel is None:
        raise NotFound(f"计划“{program.code}”中没有编号为{pk}的通知渠道")
    return channel


def recent_deliveries(program: Program, limit: int = 20) -> QuerySet[Delivery]:
    return program.deliveries.filter(medium__in=["wecom", "dingtalk"]).select_related("channel")[:limit]
