"""Reads of a program's pipeline: visits, leads, projects and talents, with the filters the API and pages
offer. The program passed in must come from `programs.selectors.get_visible_program` (scope checked there);
within it a cadre sees only the records they took part in, as with cadres themselves."""

import datetime as dt

from django.db.models import F, Prefetch, QuerySet

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import NotFound
from cadreforge.core.stages import Stage
from cadreforge.programs.models import Participant, Program

from .models import Lead, Project, StageEvidence, Talent, Visit


def _codes() -> QuerySet[Participant]:
    return Participant.objects.only("id", "code").order_by("code")


def program_visits(
    user: User,
    program: Program | QuerySet[Program],
    *,
    batch: int | None = None,
    cadre_code: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Visit]:
    """`program` may also be a one-row subquery of the visible programs (`api.routers.common.
    visible_program_ref`), so the API reads the visits without loading the program first."""
    qs = (
        Visit.objects.filter(program=program)
        .select_related("participant", "enterprise")
        .prefetch_related("chains")
        .order_by("-date", "id")
    )
    if user.role == Role.CADRE:
        qs = qs.filter(participant__cadre__user=user)
    if batch is not None:
        qs = qs.filter(participant__batch__number=batch)
    if cadre_code:
        qs = qs.filter(participant__code=cadre_code)
    if date_from is not None:
        qs = qs.filter(date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(date__lte=date_to)
    return qs


def program_leads(
    user: User, program: Program, *, batch: int | None = None, valuable: bool | None = None
) -> QuerySet[Lead]:
    qs = (
        Lead.objects.filter(program=program)
        .select_related("participant", "enterprise")
        .prefetch_related("chains")
        .order_by("-date", "code", "id")
    )
    if user.role == Role.CADRE:
        qs = qs.filter(participant__cadre__user=user)
    if batch is not None:
        qs = qs.filter(participant__batch__number=batch)
    if valuable is not None:
        qs = qs.filter(valuable=valuable)
    return qs


def program_projects(
    user: User, program: Program, *, stage: Stage | None = None, batch: int | None = None
) -> QuerySet[Project]:
    """Projects of the program; `batch` keeps those with any cadre in that batch (each project once)."""
    qs = (
        Project.objects.filter(program=program)
        .select_related("investor", "source_lead")
        .prefetch_related(Prefetch("cadres", queryset=_codes()), "chains", "stages")
        .order_by("code", "id")
    )
    qs = scoped_projects(user, qs, batch=batch)
    if stage is not None:
        qs = qs.filter(stage=stage.value)
    return qs


def scoped_projects(user: User, qs: QuerySet[Project], *, batch: int | None = None) -> QuerySet[Project]:
    """`qs` narrowed to what the user may see — a cadre only the projects they are responsible for — and,
    with `batch`, to projects with a cadre in that batch (each project once). The one rule for the
    program's project list and the dashboards' stalled lists (reports.stalled), over any programs."""
    links = Project.cadres.through.objects
    if user.role == Role.CADRE:
        qs = qs.filter(pk__in=links.filter(participant__cadre__user=user).values("project_id"))
    if batch is not None:
        qs = qs.filter(pk__in=links.filter(participant__batch__number=batch).values("project_id"))
    return qs


def program_talents(
    user: User,
    program: Program,
    *,
    level: str | None = None,
    batch: int | None = None,
    field: str | None = None,
) -> QuerySet[Talent]:
    qs = (
        Talent.objects.filter(program=program)
        .prefetch_related(Prefetch("cadres", queryset=_codes()))
        .order_by(F("date").desc(nulls_last=True), "name", "id")
    )
    links = Talent.cadres.through.objects
    if user.role == Role.CADRE:
        qs = qs.filter(pk__in=links.filter(participant__cadre__user=user).values("talent_id"))
    if batch is not None:
        qs = qs.filter(pk__in=links.filter(participant__batch__number=batch).values("talent_id"))
    if level:
        qs = qs.filter(level=level)
    if field:
        qs = qs.filter(field=field)
    return qs


def get_visible_project(user: User, program: Program, code: str) -> Project:
    """One project of a visible program, within the user's scope; NotFound otherwise."""
    valid = "\x00" not in code and len(code) <= 32
    project = program_projects(user, program).filter(code=code).first() if valid else None
    if project is None:
        raise NotFound(f"计划“{program.code}”中找不到项目“{code[:32]}”，或您无权查看。")
    return project


def get_evidence(user: User, program: Program, pk: int) -> StageEvidence:
    """An evidence file of a project the user may see."""
    evidence = (
        StageEvidence.objects.filter(pk=pk, stage__project__in=program_projects(user, program))
        .select_related("stage__project")
        .first()
    )
    if evidence is None:
        raise NotFound("找不到该佐证材料，或您无权查看。")
    return evidence
