"""Selection (干部选拔): the report, a call's applications in ranking order, a cadre's own applications, and
the main actions of a call (rank, shortlist, decide). Same services and selectors as the pages."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from cadreforge.programs.selectors import get_batch
from cadreforge.selection import selectors, services

from ..auth import user_of
from .common import BatchNumber, Pages, program_for

router = Router(tags=["干部选拔"])


class TrackCounts(Schema):
    applicants: int
    selected: int


class SelectionReportOut(Schema):
    applicants: int
    recommended: int
    eligible: int
    shortlisted: int
    selected: int
    by_track: dict[str, TrackCounts]


class ApplicationOut(Schema):
    id: int
    program: str = Field(..., alias="call.batch.program.code")
    batch: int = Field(..., alias="call.batch.number")
    cadre: str = Field(..., alias="cadre.name", description="干部姓名")
    track: str
    channel: str
    recommender: str
    status: str
    priority_labels: list[str]
    ineligible_reasons: list[str]
    score: Decimal | None
    rank: int | None


class DayIn(Schema):
    day: dt.date | None = Field(None, description="公示开始日或决定日；默认今天")


def _call(request: HttpRequest, code: str, number: int):
    program = program_for(request, code)
    get_batch(program, number)
    return selectors.get_visible_call(user_of(request), code, number)


@router.get(
    "/programs/{code}/selection", response=SelectionReportOut, summary="选拔情况（与 report selection 相同）"
)
def selection_report(request: HttpRequest, code: str, batch: BatchNumber | None = None):
    return selectors.get_selection_report(program_for(request, code), batch)


@router.get(
    "/programs/{code}/batches/{number}/applications", response=list[ApplicationOut], summary="报名与排名"
)
@paginate(Pages)
def list_applications(request: HttpRequest, code: str, number: BatchNumber, status: str = ""):
    return selectors.list_applications(user_of(request), _call(request, code, number), status=status[:16])


@router.get("/selection/mine", response=list[ApplicationOut], summary="我的报名（干部本人）")
@paginate(Pages)
def my_applications(request: HttpRequest):
    return selectors.my_applications(user_of(request))


@router.post(
    "/programs/{code}/batches/{number}/evaluate", response=list[ApplicationOut], summary="核对资格并排名"
)
def evaluate(request: HttpRequest, code: str, number: BatchNumber):
    return services.evaluate_call(user_of(request), _call(request, code, number))


@router.post(
    "/programs/{code}/batches/{number}/shortlist",
    response=list[ApplicationOut],
    summary="确定拟入选名单并公示",
)
def shortlist(request: HttpRequest, code: str, number: BatchNumber, payload: DayIn):
    return services.shortlist(user_of(request), _call(request, code, number), publicity_start=payload.day)


@router.post(
    "/programs/{code}/batches/{number}/decide", response=list[ApplicationOut], summary="公示期满作出最终决定"
)
def decide(request: HttpRequest, code: str, number: BatchNumber, payload: DayIn):
    return services.decide(user_of(request), _call(request, code, number), today=payload.day)
