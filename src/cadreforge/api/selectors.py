"""Reads of API tokens, and of a program's teams and written outputs for the API.

Outputs are read here because secondment has no selector module yet; the
program passed in must come from `programs.selectors.get_visible_program` (scope already checked).
"""

from django.db.models import F, Prefetch, QuerySet

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import NotFound
from cadreforge.programs.models import Participant, Program, Team
from cadreforge.programs.selectors import list_program_teams
from cadreforge.secondment.models import WrittenOutput

from .models import ApiToken


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked ones included, marked by `revoked_at`)."""
    return ApiToken.objects.filter(user=user)


def get_token_of(user: User, pk: int) -> ApiToken:
    token = tokens_of(user).filter(pk=pk).first()
    if token is None:
        raise NotFound("找不到该令牌，或它不属于您。")
    return token


def program_teams(user: User, program: Program, *, batch: int | None = None) -> QuerySet[Team]:
    """`programs.selectors.list_program_teams` (a cadre sees only their own team) with members' codes."""
    members = Participant.objects.only("id", "code", "team_id").order_by("code")
    qs = list_program_teams(user, program).prefetch_related(Prefetch("members", queryset=members))
    if batch is not None:
        qs = qs.filter(batch__number=batch)
    return qs


def program_outputs(
    user: User, program: Program, *, kind: str | None = None, adopted: bool | None = None
) -> QuerySet[WrittenOutput]:
    """The program's written outputs; a cadre sees only those they wrote."""
    authors = Participant.objects.only("id", "code").order_by("code")
    qs = (
        WrittenOutput.objects.filter(program=program)
        .prefetch_related(Prefetch("authors", queryset=authors))
        .order_by(F("date").desc(nulls_last=True), "title", "id")
    )
    if user.role == Role.CADRE:
        mine = WrittenOutput.authors.through.objects.filter(participant__cadre__user=user)
        qs = qs.filter(pk__in=mine.values("writtenoutput_id"))
    if kind:
        qs = qs.filter(kind=kind)
    if adopted is not None:
        qs = qs.filter(adopted=adopted)
    return qs
