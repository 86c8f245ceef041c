"""The dashboard's red/yellow/green lists of projects by months without progress (红黄绿灯), for one program
or across programs, scoped to what the user may see (a cadre sees the projects they are responsible for).
The lights and their thresholds are pipeline.tracking's; each row drills down to the project's page."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from cadreforge.accounts.models import User
from cadreforge.core.stages import Stage
from cadreforge.pipeline import selectors as pipeline_selectors
from cadreforge.pipeline import tracking
from cadreforge.pipeline.models import PipelineSettings, Project
from cadreforge.programs.models import Participant, Program

LIST_SIZE = 10
LIGHTS = (tracking.RED, tracking.YELLOW, tracking.GREEN)
# Red and yellow: longest without progress first; green: the most recent progress first.
ORDER = {
    tracking.RED: ("last_progress", "program__code", "code"),
    tracking.YELLOW: ("last_progress", "program__code", "code"),
    tracking.GREEN: ("-last_progress", "program__code", "code"),
}


def _responsible() -> Prefetch:
    people = Participant.objects.select_related("cadre").only("id", "code", "cadre__id", "cadre__name")
    return Prefetch("cadres", queryset=people.order_by("code"), to_attr="responsible")


def _visible_projects(user: User, programs: list[Program], batch_number: int | None) -> QuerySet[Project]:
    """The projects of these programs the user may see, tracked (last progress, verified stage)."""
    qs = Project.objects.filter(program__in=programs)
    return tracking.tracked(pipeline_selectors.scoped_projects(user, qs, batch=batch_number))


def _light_q(light: str, programs: list[Program], settings: dict, today: dt.date) -> Q:
    """Programs sharing thresholds share one condition, so the query does not grow with the programs."""
    groups: dict[tuple[int, int], list[int]] = {}
    for program in programs:
        found = settings[program.pk]
        groups.setdefault((found.yellow_months, found.red_months), []).append(program.pk)
    condition = Q(pk__in=[])
    for ids in groups.values():
        condition |= Q(program_id__in=ids) & tracking.light_filter(light, settings[ids[0]], today)
    return condition


def _row(project: Project, settings: PipelineSettings, today: dt.date) -> dict:
    program = project.program
    _light, months = tracking.light_for(project.stage, project.last_progress, settings, today)
    return {
        "program": program.code,
        "program_name": program.name,
        "code": project.code,
        "name": project.name,
        "enterprise": project.investor.name,
        "stage": Stage(project.stage).label,
        "months_idle": months,
        "last_progress": project.last_progress.isoformat(),
        "cadres": [p.cadre.name for p in project.responsible],
        "url": reverse("pipeline:project-detail", args=[program.code, project.code]),
    }


def stalled_lists(
    user: User,
    programs: Program | Iterable[Program],
    batch_number: int | None = None,
    *,
    today: dt.date | None = None,
    size: int = LIST_SIZE,
) -> dict:
    """{light: {"label", "count", "rows", "more_url"}} for red, yellow and green, each program judged by
    its own thresholds. Across several programs each row names its program and "more_url" is empty; one
    program's "more_url" is its project list filtered by that light. A fixed number of queries."""
    today = today or timezone.localdate()
    single = isinstance(programs, Program)
    programs = [programs] if single else list(programs)
    saved = {s.program_id: s for s in PipelineSettings.objects.filter(program__in=programs)}
    settings = {p.pk: saved.get(p.pk) or PipelineSettings(program=p) for p in programs}
    projects = _visible_projects(user, programs, batch_number)
    result = {}
    for light in LIGHTS:
        qs = projects.filter(_light_q(light, programs, settings, today))
        rows = (
            qs.select_related("program", "investor").prefetch_related(_responsible()).order_by(*ORDER[light])
        )
        more = reverse("pipeline:project-list", args=[programs[0].code]) + f"?light={light}" if single else ""
        result[light] = {
            "label": tracking.LIGHT_LABELS[light],
            "count": qs.count(),
            "rows": [_row(project, settings[project.program_id], today) for project in rows[:size]],
            "more_url": more,
        }
    return result
