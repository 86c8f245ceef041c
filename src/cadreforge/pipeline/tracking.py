"""Reads of project tracking: stage durations, progress lights (绿/黄/红灯 by months without progress,
thresholds per program), stalled projects, amount brackets, and which stages are verified.

Everything is computed from ProjectStage rows: a duration is the days between two stage dates, "progress"
is the latest stage date (the project's creation when no stage is dated).
"""

import calendar
import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from cadreforge.accounts.models import User
from cadreforge.core.money import YI
from cadreforge.core.stages import Stage
from cadreforge.programs.models import Participant, Program

from .models import PipelineSettings, Project
from .selectors import program_projects
from .workflow import get_settings

GREEN, YELLOW, RED = "green", "yellow", "red"
LIGHT_LABELS = {GREEN: "绿灯", YELLOW: "黄灯", RED: "红灯"}
# Brackets of the agreed amount (协议投资额), as counted in Chinese reports: each includes those above it.
BRACKETS = [("1yi", "≥1亿元", YI), ("10yi", "≥10亿元", 10 * YI), ("50yi", "≥50亿元", 50 * YI)]
BRACKET_MIN = {key: floor for key, _, floor in BRACKETS}


def months_back(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later` (0 when less than a month)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def light_for(
    stage: int, last_progress: dt.date, settings: PipelineSettings, today: dt.date
) -> tuple[str, int]:
    """(light, months without progress); a project in production has no further stage to reach: green."""
    months = months_between(last_progress, today)
    if stage == Stage.LANDED or months < settings.yellow_months:
        return GREEN, months
    return (YELLOW if months < settings.red_months else RED), months


def tracked(qs: QuerySet[Project]) -> QuerySet[Project]:
    """Projects annotated with `last_progress` and `verified_stage` (None when nothing verified)."""
    return qs.annotate(
        last_progress=Coalesce(Max("stages__date"), TruncDate("created_at")),
        verified_stage=Max("stages__stage", filter=Q(stages__verified_at__isnull=False)),
    )


def light_filter(light: str, settings: PipelineSettings, today: dt.date) -> Q:
    """The condition on `tracked` projects for one light: the one rule the program's project list and the
    dashboards' stalled lists (reports.stalled) share."""
    yellow_from = months_back(today, settings.yellow_months)
    red_from = months_back(today, settings.red_months)
    moving = ~Q(stage=Stage.LANDED)
    if light == RED:
        return moving & Q(last_progress__lte=red_from)
    if light == YELLOW:
        return moving & Q(last_progress__lte=yellow_from, last_progress__gt=red_from)
    return Q(stage=Stage.LANDED) | Q(last_progress__gt=yellow_from)


@dataclass
class ProjectFilters:
    stage: Stage | None = None
    light: str = ""
    bracket: str = ""
    pending: bool = False  # only projects whose current stage is not verified
    query: str = ""


def list_tracked_projects(
    user: User, program: Program, filters: ProjectFilters | None = None, *, today: dt.date | None = None
) -> QuerySet[Project]:
    """The program's projects the user may see, with lights' inputs annotated, filtered."""
    filters = filters or ProjectFilters()
    today = today or timezone.localdate()
    qs = tracked(program_projects(user, program, stage=filters.stage))
    if filters.light in LIGHT_LABELS:
        qs = qs.filter(light_filter(filters.light, get_settings(program), today))
    if filters.bracket in BRACKET_MIN:
        qs = qs.filter(amount_yuan__gte=BRACKET_MIN[filters.bracket])
    if filters.pending:
        qs = qs.filter(Q(verified_stage__isnull=True) | Q(verified_stage__lt=F("stage")))
    if filters.query:
        qs = qs.filter(Q(name__icontains=filters.query) | Q(code__icontains=filters.query))
    return qs


def with_lights(projects, program: Program, *, today: dt.date | None = None) -> list[Project]:
    """Set `light`, `light_label` and `months_idle` on each (annotated) project."""
    settings = get_settings(program)
    today = today or timezone.localdate()
    rows = list(projects)
    for project in rows:
        project.light, project.months_idle = light_for(project.stage, project.last_progress, settings, today)
        project.light_label = LIGHT_LABELS[project.light]
    return rows


def stalled_projects(user: User, program: Program, *, today: dt.date | None = None) -> list[Project]:
    """Red-light projects with their responsible cadres (`cadres` prefetched, with their names: the page
    says who to call, not only their codes), longest idle first."""
    cadres = Participant.objects.select_related("cadre").only("id", "code", "cadre__name").order_by("code")
    qs = list_tracked_projects(user, program, ProjectFilters(light=RED), today=today)
    qs = qs.prefetch_related(None).prefetch_related(Prefetch("cadres", queryset=cadres))
    return with_lights(qs.order_by("last_progress", "code"), program, today=today)


def light_counts(user: User, program: Program, *, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    settings = get_settings(program)
    qs = tracked(program_projects(user, program))
    return {light: qs.filter(light_filter(light, settings, today)).count() for light in (GREEN, YELLOW, RED)}


def stage_days(project: Project, start: Stage, end: Stage) -> int | None:
    """Days from the date `start` was reached to the date `end` was reached; None when either is undated."""
    dates = {row.stage: row.date for row in project.stages.all()}
    if dates.get(start) is None or dates.get(end) is None:
        return None
    return (dates[end] - dates[start]).days


def stage_timeline(project: Project) -> list[dict]:
    """Every stage of the scale, reached or not, with date, verification and days since the previous
    dated stage."""
    rows = {row.stage: row for row in project.stages.all()}
    timeline, previous = [], None
    for stage in Stage:
        row = rows.get(stage.value)
        days = None
        if row is not None and row.date is not None:
            if previous is not None:
                days = (row.date - previous).days
            previous = row.date
        timeline.append({"stage": stage, "row": row, "days_since_previous": days})
    return timeline


def duration_pairs(project: Project) -> list[dict]:
    """Days between every two dated stages of the project (考察→签约, 签约→投产 …)."""
    dated = sorted((row.stage, row.date) for row in project.stages.all() if row.date is not None)
    return [
        {"start": Stage(s1), "end": Stage(s2), "days": (d2 - d1).days}
        for i, (s1, d1) in enumerate(dated)
        for s2, d2 in dated[i + 1 :]
    ]


def duration_summary(
    projects: QuerySet[Project], start: Stage, end: Stage, *, verified_only: bool = False
) -> dict:
    """Count, median, shortest and longest days from `start` to `end` among projects with both dated
    (and, with `verified_only`, the end stage verified)."""
    days = []
    for project in projects.prefetch_related("stages"):
        rows = {row.stage: row for row in project.stages.all()}
        first, last = rows.get(start), rows.get(end)
        if first is None or last is None or first.date is None or last.date is None:
            continue
        if verified_only and last.verified_at is None:
            continue
        days.append((last.date - first.date).days)
    return {
        "start": Stage(start),
        "end": Stage(end),
        "count": len(days),
        "median": statistics.median(days) if days else None,
        "shortest": min(days) if days else None,
        "longest": max(days) if days else None,
    }


def amount_brackets(projects: QuerySet[Project]) -> list[dict]:
    """Projects by agreed amount: ≥1亿, ≥10亿, ≥50亿 (each includes the higher), count and agreed sum."""
    figures = projects.aggregate(
        **{f"n_{key}": Count("id", filter=Q(amount_yuan__gte=floor)) for key, _, floor in BRACKETS},
        **{f"s_{key}": Sum("amount_yuan", filter=Q(amount_yuan__gte=floor)) for key, _, floor in BRACKETS},
    )
    return [
        {
            "key": key,
            "label": label,
            "count": figures[f"n_{key}"],
            "agreed_yuan": figures[f"s_{key}"] or Decimal("0.00"),
        }
        for key, label, _ in BRACKETS
    ]
