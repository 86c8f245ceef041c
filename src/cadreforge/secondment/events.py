"""Events of secondment life — writes and reads. Talk notes (谈心谈话记录) are for the organisation
department only: program managers of the program and system administrators; never the cadre, a leader,
an auditor or a host contact."""

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from cadreforge.accounts.models import Role, User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.text import clean
from cadreforge.programs.models import Batch, Participant, Program
from cadreforge.programs.services import ensure_may_write

from .models import Attendance, Duty, DutyMark, Event, Finding, TalkNote


@transaction.atomic
def create_event(
    actor, program: Program, *, kind: str, title: str, date: dt.date, batch: Batch | None = None,
    location: str = "", summary: str = "",
) -> Event:  # fmt: skip
    ensure_may_write(actor, program)
    if kind not in Event.Kind.values:
        raise DomainError(f"未知的活动类型“{kind}”")
    if batch is not None and batch.program_id != program.id:
        raise DomainError("批次不属于该计划")
    title = clean(title)
    if not title:
        raise DomainError("活动标题不能为空")
    event, _ = Event.objects.update_or_create(
        program=program, kind=kind, title=title, date=date,
        defaults={"batch": batch, "location": clean(location), "summary": summary.strip()},
    )  # fmt: skip
    record(actor, "event.save", event, {"kind": kind, "date": date.isoformat()})
    return event


@transaction.atomic
def set_attendance(
    actor, event: Event, participant: Participant, *, present: bool, note: str = ""
) -> Attendance:
    ensure_may_write(actor, event.program)
    if participant.program_id != event.program_id:
        raise DomainError(f"干部“{participant.cadre.name}”不属于该计划")
    attendance, _ = Attendance.objects.update_or_create(
        event=event, participant=participant, defaults={"present": present, "note": clean(note)}
    )
    record(actor, "event.attendance", attendance, {"participant": participant.code, "present": present})
    return attendance


def may_read_talk_notes(user: User | None, program: Program) -> bool:
    if user is None:
        return True
    if not user.is_active:
        return False
    if user.role == Role.SYSTEM_ADMIN:
        return True
    return user.role == Role.PROGRAM_MANAGER and program.grants.filter(user=user).exists()


@transaction.atomic
def write_talk_note(actor, event: Event, participant: Participant, *, notes: str) -> TalkNote:
    ensure_may_write(actor, event.program)
    if event.kind != Event.Kind.TALK:
        raise DomainError("只有谈心谈话活动可以填写谈话记录")
    if participant.program_id != event.program_id:
        raise DomainError(f"干部“{participant.cadre.name}”不属于该计划")
    note, _ = TalkNote.objects.update_or_create(
        event=event, participant=participant, defaults={"notes": notes.strip(), "written_by": actor}
    )
    # The audit log keeps that a note was written, never its content.
    record(actor, "talk_note.save", note, {"participant": participant.code})
    return note


def talk_notes(user: User, event: Event) -> QuerySet[TalkNote]:
    if not may_read_talk_notes(user, event.program):
        raise PermissionDenied("谈心谈话记录仅限组织部门查看。")
    return event.talk_notes.select_related("participant__cadre").order_by("participant__code")


@transaction.atomic
def add_finding(
    actor,
    event: Event,
    *,
    description: str,
    action: str = "",
    owner: str = "",
    deadline: dt.date | None = None,
) -> Finding:
    """A problem found by a supervision visit (督导) and the follow-up it needs."""
    ensure_may_write(actor, event.program)
    if event.kind != Event.Kind.SUPERVISION:
        raise DomainError("只有督导活动可以登记发现的问题")
    if not description.strip():
        raise DomainError("发现问题不能为空")
    finding = Finding.objects.create(
        event=event,
        description=description.strip(),
        action=action.strip(),
        owner=clean(owner),
        deadline=deadline,
    )
    record(actor, "finding.create", finding, {"event": event.pk})
    return finding


@transaction.atomic
def close_finding(actor, finding: Finding, *, on: dt.date, note: str) -> Finding:
    """Close (销号) a finding once its follow-up is done; the result is required."""
    ensure_may_write(actor, finding.event.program)
    if finding.closed_on is not None:
        raise DomainError("该问题已销号")
    if not note.strip():
        raise DomainError("销号须填写整改结果")
    if on < finding.event.date:
        raise DomainError("销号日期早于督导日期")
    finding.closed_on, finding.closing_note = on, note.strip()
    finding.save(update_fields=["closed_on", "closing_note", "updated_at"])
    record(actor, "finding.close", finding, {"on": on.isoformat()})
    return finding


def list_events(program: Program) -> QuerySet[Event]:
    """The program's events with attendance and open-finding counts (never the talk notes)."""
    return (
        program.secondment_events.select_related("batch")
        .annotate(
            present_count=Count("attendances", filter=Q(attendances__present=True), distinct=True),
            absent_count=Count("attendances", filter=Q(attendances__present=False), distinct=True),
            open_findings=Count("findings", filter=Q(findings__closed_on__isnull=True), distinct=True),
        )
        .prefetch_related("findings")
        .order_by("date", "title")
    )


# --- duties checklist (职责清单) ------------------------------------------------------------------------


@transaction.atomic
def save_duty(actor, program: Program, *, title: str, measure: str, target: int = 1, order: int = 0) -> Duty:
    """Add (or change, by title) a line of the program's duties checklist."""
    ensure_may_write(actor, program)
    title = clean(title)
    if not title:
        raise DomainError("职责名称不能为空")
    if measure not in Duty.Measure.values:
        raise DomainError(f"未知的衡量方式“{measure}”")
    if target < 1:
        raise DomainError("每人目标至少为1")
    duty, _ = Duty.objects.update_or_create(
        program=program, title=title, defaults={"measure": measure, "target": target, "order": order}
    )
    record(actor, "duty.save", duty, {"measure": measure, "target": target})
    return duty


@transaction.atomic
def mark_duty(
    actor, duty: Duty, participant: Participant, *, evidence: str, date: dt.date | None = None
) -> DutyMark:
    """Confirm a manual duty for a cadre, naming what proves it (e.g. the chain map delivered)."""
    ensure_may_write(actor, duty.program)
    if duty.measure != Duty.Measure.MANUAL:
        raise DomainError(f"职责“{duty.title}”由业务记录自动统计，无需人工确认")
    if participant.program_id != duty.program_id:
        raise DomainError(f"干部“{participant.cadre.name}”不属于该计划")
    if not evidence.strip():
        raise DomainError("请填写佐证材料")
    mark, _ = DutyMark.objects.update_or_create(
        duty=duty, participant=participant, defaults={"evidence": evidence.strip(), "date": date}
    )
    record(actor, "duty.mark", mark, {"participant": participant.code})
    return mark
