"""Reads of evaluation: rankings (scoped), a cadre's own score, commendations and promotions."""

import datetime as dt

from django.db.models import QuerySet

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import NotFound
from cadreforge.programs.models import Program
from cadreforge.programs.selectors import visible_participants, visible_programs

from .models import Commendation, KpiScheme, PromotionRecommendation
from .scoring import TIE_RULE, compute_scores

__all__ = [
    "TIE_RULE",
    "get_ranking",
    "get_scheme",
    "get_visible_commendation",
    "get_visible_promotion",
    "list_commendations",
    "list_promotions",
    "may_manage",
    "my_scores",
]


def get_scheme(program: Program, scheme_id: int | None = None) -> KpiScheme:
    """The scheme asked for, or the program's first (by name)."""
    qs = program.kpi_schemes.prefetch_related("weights")
    scheme = qs.filter(pk=scheme_id).first() if scheme_id else qs.first()
    if scheme is None:
        raise NotFound(f"计划“{program.code}”尚未设置考核方案。")
    return scheme


def get_ranking(
    program: Program,
    batch_number: int | None = None,
    *,
    scheme_id: int | None = None,
    today: dt.date | None = None,
) -> dict:
    """`{"scheme", "rows": [{"cadre", "score", "rank", "components"}]}` of spec/cli.md."""
    scheme = get_scheme(program, scheme_id)
    rows = compute_scores(scheme, batch_number, today=today)
    return {
        "scheme": scheme.name,
        "rows": [{k: r[k] for k in ("cadre", "score", "rank", "components")} for r in rows],
    }


def may_see_board(user: User) -> bool:
    """Rankings of everyone are for managers and leaders; a cadre sees their own score only."""
    return user.is_authenticated and user.role not in (Role.CADRE, Role.HOST_CONTACT)


def my_scores(user: User) -> list[dict]:
    """The user's own score in each scheme of each program they take part in, with its components."""
    out = []
    for participant in visible_participants(user).filter(cadre__user=user):
        for scheme in participant.program.kpi_schemes.all():
            rows = compute_scores(scheme)
            mine = next(r for r in rows if r["participant"].pk == participant.pk)
            out.append({"program": participant.program, "scheme": scheme, "row": mine, "of": len(rows)})
    return out


def list_commendations(user: User) -> QuerySet[Commendation]:
    qs = Commendation.objects.select_related("participant__cadre", "participant__program", "scheme")
    qs = qs.prefetch_related("projects").filter(participant__program__in=visible_programs(user))
    return qs.filter(participant__cadre__user=user) if user.role == Role.CADRE else qs


def list_promotions(user: User) -> QuerySet[PromotionRecommendation]:
    qs = PromotionRecommendation.objects.select_related("participant__cadre", "participant__program")
    qs = qs.prefetch_related("steps", "projects", "commendations")
    qs = qs.filter(participant__program__in=visible_programs(user))
    return qs.filter(participant__cadre__user=user) if user.role == Role.CADRE else qs


def get_visible_commendation(user: User, program: Program, pk: int) -> Commendation:
    commendation = list_commendations(user).filter(participant__program=program, pk=pk).first()
    if commendation is None:
        raise NotFound("找不到该表彰，或您无权查看。")
    return commendation


def get_visible_promotion(user: User, program: Program, pk: int) -> PromotionRecommendation:
    rec = list_promotions(user).filter(participant__program=program, pk=pk).first()
    if rec is None:
        raise NotFound("找不到该提拔推荐，或您无权查看。")
    return rec


def may_manage(user: User, program: Program) -> bool:
    """Whether the manager buttons of a program's evaluation pages are shown (the services decide)."""
    if not user.is_authenticated or not user.may_write:
        return False
    return user.sees_all_programs or program.grants.filter(user=user).exists()
