"""KPI rankings (same JSON as `cadreforge report ranking --json`) and a cadre's own scores."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from cadreforge.core.errors import PermissionDenied
from cadreforge.evaluation import selectors
from cadreforge.programs.selectors import get_batch

from ..auth import user_of
from ..schemas import ErrorOut
from .common import BatchNumber, program_for

router = Router(tags=["考核激励"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class RankingFilter(Schema):
    batch: BatchNumber | None = None


class RankingRow(Schema):
    cadre: str
    score: float
    rank: int
    components: dict[str, Any]


class RankingOut(Schema):
    scheme: str
    rows: list[RankingRow]


class MyScoreOut(Schema):
    program: str
    scheme: str
    score: float
    rank: int
    of: int
    components: dict[str, Any]


@router.get("/programs/{code}/ranking", response={200: RankingOut, **ERRORS}, summary="考核排名及得分构成")
def ranking(request: HttpRequest, code: str, filters: Query[RankingFilter]):
    user = user_of(request)
    program = program_for(request, code)
    if not selectors.may_see_board(user):
        raise PermissionDenied("考核排名仅供组织部门和领导查看；干部本人请查看“我的得分”。")
    if filters.batch is not None:
        get_batch(program, filters.batch)
    return selectors.get_ranking(program, filters.batch)


@router.get("/me/scores", response={200: list[MyScoreOut], **ERRORS}, summary="本人的考核得分及构成")
def my_scores(request: HttpRequest):
    return [
        {
            "program": s["program"].code,
            "scheme": s["scheme"].name,
            "score": s["row"]["score"],
            "rank": s["row"]["rank"],
            "of": s["of"],
            "components": s["row"]["components"],
        }
        for s in selectors.my_scores(user_of(request))
    ]
