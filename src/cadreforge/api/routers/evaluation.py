"""KPI rankings (same JSON as `cadreforge report ranking --json`), a cadre's own scores, and growth-mentor
pairings with their shadowing logs (read only; scoped like the pages: a cadre reads only their own)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from cadreforge.core.errors import PermissionDenied
from cadreforge.evaluation import mentors, selectors
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


class PairingOut(Schema):
    id: int
    cadre: str = Field(..., description="学员的干部编号")
    name: str
    mentor_name: str
    mentor_post: str
    mentor_on_file: bool = Field(..., description="导师是否为在册干部")
    place: str = Field(..., description="跟班单位")
    start_date: dt.date
    end_date: dt.date | None
    goals: str
    log_count: int
    log_hours: float = Field(..., description="累计跟班时长（小时）")


class LogOut(Schema):
    date: dt.date
    hours: float
    activity: str
    learned: str
    mentor_comment: str
    commented_on: dt.date | None


class PairingDetailOut(PairingOut):
    logs: list[LogOut]


def _pairing_out(p, count: int, hours: Decimal | None) -> dict:
    fields = ("id", "mentor_name", "mentor_post", "place", "start_date", "end_date", "goals")
    out = {k: getattr(p, k) for k in fields}
    out |= {
        "cadre": p.participant.code,
        "name": p.participant.cadre.name,
        "mentor_on_file": p.mentor_cadre_id is not None,
    }
    return out | {"log_count": count, "log_hours": hours or Decimal(0)}


@router.get("/programs/{code}/mentors", response={200: list[PairingOut], **ERRORS}, summary="成长导师结对")
def pairings(request: HttpRequest, code: str):
    program = program_for(request, code)
    return [
        _pairing_out(p, p.log_count, p.log_hours) for p in mentors.list_pairings(user_of(request), program)
    ]


@router.get(
    "/programs/{code}/mentors/{pairing_id}",
    response={200: PairingDetailOut, **ERRORS},
    summary="导师结对及跟班学习记录",
)
def pairing(request: HttpRequest, code: str, pairing_id: int):
    program = program_for(request, code)
    p = mentors.get_visible_pairing(user_of(request), pairing_id, program)
    totals = mentors.pairing_totals(p)
    logs = p.logs.order_by("date", "id").values(
        "date", "hours", "activity", "learned", "mentor_comment", "commented_on"
    )
    return _pairing_out(p, totals["entries"], totals["hours"]) | {"logs": list(logs)}
