"""Reads of programs and what hangs off them, always scoped to the user.

Scope rules: system administrators, leaders and auditors read every program; program managers and
verifiers read the programs granted to them (ProgramGrant); a cadre reads the programs they take part in,
and among cadres only themselves. Anything outside the scope is "not found", never "forbidden", so ids
reveal nothing.
"""

from django.db.models import Count, Prefetch, Q, QuerySet

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import NotFound
from cadreforge.core.text import text_key
from cadreforge.people.models import Cadre

from .models import Batch, Participant, Post, Program, Team


def visible_programs(user: User) -> QuerySet[Program]:
    programs = Program.objects.all()
    if not user.is_authenticated or not user.is_active:
        return programs.none()
    if user.sees_all_programs:
        return programs
    if user.role == Role.CADRE:
        return programs.filter(participants__cadre__user=user).distinct()
    return programs.filter(grants__user=user).distinct()


def get_visible_program(user: User, code: str) -> Program:
    program = visible_programs(user).filter(code=code).first()
    if program is None:
        raise NotFound(f"找不到计划“{code}”，或您无权查看。")
    return program


def get_batch(program: Program, number: int) -> Batch:
    batch = program.batches.filter(number=number).first()
    if batch is None:
        raise NotFound(f"计划“{program.code}”没有第{number}批。")
    return batch


def list_program_summaries(user: User) -> QuerySet[Program]:
    """Programs with their batch and cadre counts, for the program list."""
    return visible_programs(user).annotate(
        batch_count=Count("batches", distinct=True),
        participant_count=Count("participants", distinct=True),
    )


def visible_participants(user: User, program: Program | None = None) -> QuerySet[Participant]:
    qs = Participant.objects.select_related("cadre", "cadre__unit", "batch", "team", "program")
    qs = qs.filter(program__in=visible_programs(user))
    if user.role == Role.CADRE:
        qs = qs.filter(cadre__user=user)
    if program is not None:
        qs = qs.filter(program=program)
    return qs


def visible_cadres(user: User) -> QuerySet[Cadre]:
    """Cadres the user may see: all for roles that see every program, those of granted programs for
    managers, only themselves for a cadre."""
    qs = Cadre.objects.select_related("unit")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.role == Role.CADRE:
        return qs.filter(user=user)
    if user.sees_all_programs:
        return qs
    return qs.filter(Q(participations__program__in=visible_programs(user))).distinct()


def get_visible_cadre(user: User, pk: int) -> Cadre:
    cadre = visible_cadres(user).filter(pk=pk).first()
    if cadre is None:
        raise NotFound("找不到该干部，或您无权查看。")
    return cadre


def visible_posts(user: User, program: Program | None = None) -> QuerySet[Post]:
    qs = Post.objects.select_related("host", "program").prefetch_related("chains")
    qs = qs.filter(program__in=visible_programs(user))
    if program is not None:
        qs = qs.filter(program=program)
    return qs


# Reads for the web pages: the same scope rules, shaped for one page each without N+1 queries.


def list_program_batches(program: Program) -> QuerySet[Batch]:
    """The program's batches with `participant_count` (cadres in the batch)."""
    return program.batches.annotate(participant_count=Count("participants")).order_by("number")


def list_program_teams(user: User, program: Program) -> QuerySet[Team]:
    """The program's teams (小分队) with their batch, leader and `member_count`; a cadre sees only their own
    team, since among cadres they see only themselves."""
    teams = Team.objects.filter(batch__program=program)
    if user.role == Role.CADRE:
        teams = teams.filter(pk__in=Participant.objects.filter(cadre__user=user).values("team_id"))
    return (
        teams.select_related("batch", "leader__cadre")
        .annotate(member_count=Count("members"))
        .order_by("batch__number", "name")
    )


def search_cadres(user: User, *, query: str = "", program: Program | None = None) -> QuerySet[Cadre]:
    """Visible cadres whose name matches `query` through its normalised key (蕭山 finds 萧山), optionally
    in one program; each carries `visible_participations` (the programs the user may see)."""
    qs = visible_cadres(user)
    key = text_key(query)
    if key:
        qs = qs.filter(name_key__icontains=key)
    if program is not None:
        qs = qs.filter(participations__program=program)
    participations = visible_participants(user).order_by("program__code")
    return qs.prefetch_related(
        Prefetch("participations", queryset=participations, to_attr="visible_participations")
    )


def list_cadre_participations(user: User, cadre: Cadre) -> QuerySet[Participant]:
    """The cadre's participations in programs the user may see, with their posts (assignments)."""
    return (
        visible_participants(user)
        .filter(cadre=cadre)
        .prefetch_related("assignments__post__host")
        .order_by("program__code")
    )


def search_posts(user: User, *, program: Program | None = None, city: str = "") -> QuerySet[Post]:
    """Visible posts, optionally of one program and one city, with `assigned_count` (cadres posted)."""
    qs = visible_posts(user, program)
    if city:
        qs = qs.filter(host__city=city)
    return qs.annotate(assigned_count=Count("assignments", distinct=True)).order_by("program__code", "code")


def list_post_cities(user: User) -> list[str]:
    """The cities of the posts the user may see, for a filter."""
    cities = (
        visible_posts(user)
        .prefetch_related(None)
        .order_by("host__city")
        .values_list("host__city", flat=True)
        .distinct()
    )
    return list(cities)
