"""Reads of programs and what hangs off them, always scoped to the user.

Scope rules: system administrators, leaders and auditors read every program; program managers and
verifiers read the programs granted to them (ProgramGrant); a cadre reads the programs they take part in,
and among cadres only themselves. Anything outside the scope is "not found", never "forbidden", so ids
reveal nothing.
"""

from django.db.models import Count, Q, QuerySet

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import NotFound
from cadreforge.people.models import Cadre

from .models import Batch, Participant, Post, Program


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
