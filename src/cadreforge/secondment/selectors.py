"""Reads of secondment life: the weekly-report schedule of each cadre and its compliance.

A cadre's report period is their assignment (the earliest start to the latest end of their dated
assignments) or, for a study program without posts, their batch's start and end dates. Every calendar
week of the period (clipped to it) is a report slot, due on the first Chinese working day after it. A slot
is on time or late once its report is submitted, missing when its due day has passed with nothing
submitted, and open before that. `today` is a parameter everywhere so tests can move through time.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Max, Min, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import NotFound
from cadreforge.programs.models import Participant, Program
from cadreforge.programs.selectors import get_batch, visible_participants

from .models import Assignment, WeeklyReport
from .workdays import WorkCalendar, due_date, report_weeks

ON_TIME, LATE, MISSING, OPEN, UPCOMING = "on_time", "late", "missing", "open", "upcoming"
STATE_LABELS = {ON_TIME: "按时", LATE: "迟交", MISSING: "缺报", OPEN: "待提交", UPCOMING: "未开始"}


@dataclass
class Slot:
    """One report week of one cadre."""

    participant: Participant
    number: int
    week_start: dt.date
    week_end: dt.date
    due: dt.date
    report: WeeklyReport | None
    state: str
    # The due day has come (today or earlier): the slot counts as due in the compliance figures.
    due_passed_or_today: bool = False

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class CadreCompliance:
    participant: Participant
    slots: list[Slot]
    counts: dict = field(default_factory=dict)
    current: Slot | None = None


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def report_period(participant: Participant) -> tuple[dt.date, dt.date] | None:
    """The period the cadre files weekly reports for, or None when it has no dates."""
    dated = [a for a in participant.assignments.all() if a.start_date and a.end_date]
    if dated:
        return min(a.start_date for a in dated), max(a.end_date for a in dated)
    batch = participant.batch
    if batch is not None and batch.start_date and batch.end_date:
        return batch.start_date, batch.end_date
    return None


def slot_state(report: WeeklyReport | None, due: dt.date, week_start: dt.date, today: dt.date) -> str:
    if report is not None and report.status == WeeklyReport.Status.SUBMITTED:
        return ON_TIME if local_date(report.submitted_at) <= due else LATE
    if due < today:
        return MISSING
    return OPEN if week_start <= today else UPCOMING


class DueDates:
    """Due days by week end, each worked out once from the calendar (a call costs a holiday-table scan)."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self._by_week_end: dict[dt.date, dt.date] = {}

    def __call__(self, week_end: dt.date) -> dt.date:
        due = self._by_week_end.get(week_end)
        if due is None:
            due = self._by_week_end[week_end] = due_date(week_end, self.calendar)
        return due


def participant_slots(
    participant: Participant,
    today: dt.date,
    calendar: WorkCalendar | None = None,
    dues: DueDates | None = None,
) -> list[Slot]:
    """Every report slot of the cadre with its state as of `today`. Reports come from the prefetched
    `weekly_reports` when the caller prefetched them; `dues` lets callers share due days across cadres."""
    dues = dues or DueDates(calendar or WorkCalendar())
    period = report_period(participant)
    if period is None:
        return []
    reports = {r.week_start: r for r in participant.weekly_reports.all()}
    slots = []
    for number, (start, end) in enumerate(report_weeks(*period), start=1):
        due = dues(end)
        report = reports.get(start)
        slots.append(
            Slot(
                participant,
                number,
                start,
                end,
                due,
                report,
                slot_state(report, due, start, today),
                due <= today,
            )
        )
    return slots


def get_slot(participant: Participant, week_start: dt.date, today: dt.date) -> Slot:
    for slot in participant_slots(participant, today):
        if slot.week_start == week_start:
            return slot
    raise NotFound(f"{participant.cadre.name}在{week_start:%Y年%m月%d日}开始的一周没有学习周报任务。")


def _participants(program: Program, batch_number: int | None) -> QuerySet[Participant]:
    qs = Participant.objects.filter(program=program).select_related("cadre", "batch", "cadre__user")
    if batch_number is not None:
        qs = qs.filter(batch=get_batch(program, batch_number))
    return qs.prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.only("participant_id", "start_date", "end_date")),
        Prefetch("weekly_reports", queryset=WeeklyReport.objects.all()),
    ).order_by("code")


def _count(slots: list[Slot]) -> dict:
    states = Counter(s.state for s in slots if s.due_passed_or_today)
    due = sum(1 for s in slots if s.due_passed_or_today)
    return {
        "due": due,
        "submitted": states[ON_TIME] + states[LATE],
        "on_time": states[ON_TIME],
        "late": states[LATE],
        "missing": states[MISSING],
    }


def _current(slots: list[Slot], today: dt.date) -> Slot | None:
    """This week's slot: the latest one that has started. After the period, the last week's report is still
    this week's until its due day; then there is none (a batch that ended years ago has no 本周 to file)."""
    started = [s for s in slots if s.week_start <= today]
    if not started or (started[-1] is slots[-1] and slots[-1].due < today):
        return None
    return started[-1]


def weekly_compliance(program: Program, batch_number: int | None = None, *, today: dt.date) -> dict:
    """Compliance of a program (or batch): `counts` as in spec/cli.md, `rows` per cadre, `not_filed` (cadres
    whose current week is not submitted), `over` (the date the last report was due, when every cadre's
    report period is over: there is no current week any more), `warning` when the holiday calendar had to
    be guessed."""
    calendar = WorkCalendar()
    dues = DueDates(calendar)
    rows = []
    all_slots: list[Slot] = []
    for participant in _participants(program, batch_number):
        slots = participant_slots(participant, today, calendar, dues)
        if not slots:
            continue
        all_slots += slots
        rows.append(CadreCompliance(participant, slots, _count(slots), _current(slots, today)))
    not_filed = [r for r in rows if r.current is not None and r.current.state in (OPEN, MISSING)]
    last_due = max((r.slots[-1].due for r in rows), default=None)
    return {
        "counts": _count(all_slots),
        "rows": rows,
        "not_filed": not_filed,
        "over": last_due if last_due is not None and last_due < today else None,
        "warning": calendar.warning(),
        "today": today,
    }


def _report_periods(qs: QuerySet[Participant]) -> dict[int, tuple[dt.date, dt.date]]:
    """`report_period` of every given cadre that has one, in one grouped query."""
    dated = Q(assignments__start_date__isnull=False, assignments__end_date__isnull=False)
    rows = (
        qs.order_by()
        .annotate(
            first=Min("assignments__start_date", filter=dated),
            last=Max("assignments__end_date", filter=dated),
        )
        .values_list("pk", "first", "last", "batch__start_date", "batch__end_date")
    )
    periods = {}
    for pk, first, last, batch_start, batch_end in rows:
        if first is not None:
            periods[pk] = (first, last)
        elif batch_start is not None and batch_end is not None:
            periods[pk] = (batch_start, batch_end)
    return periods


def weekly_counts(program: Program, batch_number: int | None = None, *, today: dt.date) -> dict:
    """`{"due", "submitted", "on_time", "late", "missing"}` — the `counts` of `weekly_compliance`, read
    without loading cadres or reports: the due slots are worked out once per distinct report period, and
    only the cadre, week and (local) submission day of submitted reports are read."""
    dues = DueDates(WorkCalendar())
    participants = Participant.objects.filter(program=program)
    if batch_number is not None:
        participants = participants.filter(batch=get_batch(program, batch_number))
    periods = _report_periods(participants)
    schedules: dict[tuple[dt.date, dt.date], dict[dt.date, dt.date]] = {}
    for period in set(periods.values()):
        # The slots whose due day has come: week start → due day.
        weeks = ((start, dues(end)) for start, end in report_weeks(*period))
        schedules[period] = {start: due for start, due in weeks if due <= today}
    past_due = {period: sum(1 for d in slots.values() if d < today) for period, slots in schedules.items()}
    due = sum(len(schedules[period]) for period in periods.values())
    past = sum(past_due[period] for period in periods.values())
    on_time = late = submitted_past = 0
    reports = (
        WeeklyReport.objects.filter(
            participant__in=participants.values("pk"), status=WeeklyReport.Status.SUBMITTED
        )
        .order_by()
        .values_list("participant_id", "week_start", TruncDate("submitted_at"))
    )
    for participant_id, week_start, submitted_on in reports:
        period = periods.get(participant_id)
        slot_due = schedules[period].get(week_start) if period else None
        if slot_due is None:
            continue
        if submitted_on <= slot_due:
            on_time += 1
        else:
            late += 1
        submitted_past += slot_due < today
    return {
        "due": due,
        "submitted": on_time + late,
        "on_time": on_time,
        "late": late,
        "missing": past - submitted_past,
    }


def own_participants(user: User) -> QuerySet[Participant]:
    """The user's own participations (as a cadre), with what the schedule needs."""
    return (
        visible_participants(user)
        .filter(cadre__user=user)
        .prefetch_related("assignments", "weekly_reports")
        .order_by("program__code")
    )


def get_own_participant(user: User, program: Program) -> Participant:
    participant = own_participants(user).filter(program=program).first()
    if participant is None:
        raise NotFound(f"您不是计划“{program.name}”的参与干部，没有学习周报任务。")
    return participant


def may_view_board(user: User) -> bool:
    """The compliance board is for the organisation department and leaders, not for cadres."""
    return user.is_authenticated and user.role not in (Role.CADRE, Role.HOST_CONTACT)


def get_visible_report(user: User, program: Program, pk: int) -> WeeklyReport:
    """A report of the program: a cadre reaches only their own, the board's viewers any of the program's."""
    qs = WeeklyReport.objects.select_related("participant__cadre", "participant__batch", "reviewed_by")
    qs = qs.filter(participant__program=program, participant__in=visible_participants(user, program))
    report = qs.filter(pk=pk).first()
    if report is None or not (may_view_board(user) or report.participant.cadre.user_id == user.pk):
        raise NotFound("找不到该周报，或您无权查看。")
    return report
