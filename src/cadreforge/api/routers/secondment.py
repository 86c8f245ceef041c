"""Weekly study reports (学习周报) over the API: a cadre files theirs from a phone; the organisation department
reads the compliance of a program and reviews."""

import datetime as dt
from dataclasses import replace
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from cadreforge.core.errors import PermissionDenied
from cadreforge.secondment import selectors
from cadreforge.secondment.weekly_services import MAX_CHARACTERS, review_weekly_report, save_weekly_report

from ..auth import user_of
from ..schemas import ErrorOut, Text
from .common import BatchNumber, program_for

router = Router(tags=["学习周报"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class SlotOut(Schema):
    number: int = Field(..., description="第几周")
    week_start: dt.date
    week_end: dt.date
    due: dt.date = Field(..., description="截止日（按中国法定工作日推算）")
    state: str = Field(
        ..., description="on_time 按时 / late 迟交 / missing 缺报 / open 待提交 / upcoming 未开始"
    )
    state_label: str
    report_id: int | None = None
    draft: bool = False
    characters: int = 0
    submitted_at: dt.datetime | None = None
    rating: int | None = None
    review_comment: str = ""


class ReportIn(Schema):
    content: Annotated[Text, Field(max_length=MAX_CHARACTERS * 2)]
    submit: bool = Field(False, description="true 提交（提交后不能修改），false 保存草稿")


class ReviewIn(Schema):
    comment: Annotated[Text, Field(max_length=2000)] = ""
    rating: int | None = Field(None, ge=1, le=5)


class CountsOut(Schema):
    due: int
    submitted: int
    on_time: int
    late: int
    missing: int


class CadreRowOut(CountsOut):
    cadre: str = Field(..., description="干部编号")
    name: str
    current_state: str | None = Field(None, description="本周周报状态")


class ComplianceOut(Schema):
    counts: CountsOut
    not_filed: list[str] = Field(..., description="本周未提交的干部编号")
    warning: str
    rows: list[CadreRowOut]


class ComplianceFilter(Schema):
    batch: BatchNumber | None = None


def _slot_out(slot: selectors.Slot) -> dict:
    report = slot.report
    return {
        "number": slot.number,
        "week_start": slot.week_start,
        "week_end": slot.week_end,
        "due": slot.due,
        "state": slot.state,
        "state_label": slot.state_label,
        "report_id": report.pk if report else None,
        "draft": bool(report and report.status == "draft"),
        "characters": report.characters if report else 0,
        "submitted_at": report.submitted_at if report else None,
        "rating": report.rating if report else None,
        "review_comment": report.review_comment if report else "",
    }


@router.get("/{code}/weekly-reports/mine", response={200: list[SlotOut], **ERRORS}, summary="我的学习周报")
def my_reports(request: HttpRequest, code: str):
    program = program_for(request, code)
    participant = selectors.get_own_participant(user_of(request), program)
    return [_slot_out(s) for s in selectors.participant_slots(participant, timezone.localdate())]


@router.put(
    "/{code}/weekly-reports/mine/{week_start}",
    response={200: SlotOut, **ERRORS},
    summary="填写或提交本人周报",
)
def save_mine(request: HttpRequest, code: str, week_start: dt.date, payload: ReportIn):
    """干部本人填写某一周（以该周第一天标识）的周报；submit=true 即提交。"""
    program = program_for(request, code)
    user = user_of(request)
    participant = selectors.get_own_participant(user, program)
    report = save_weekly_report(
        user, participant, week_start=week_start, content=payload.content, submit=payload.submit
    )
    # The week's schedule comes from the participant as loaded; the answer shows the report just saved
    # (not the copy prefetched before the save), without loading the participant a second time.
    today = timezone.localdate()
    slot = selectors.get_slot(participant, week_start, today)
    state = selectors.slot_state(report, slot.due, slot.week_start, today)
    return _slot_out(replace(slot, report=report, state=state))


@router.get(
    "/{code}/weekly-reports/compliance", response={200: ComplianceOut, **ERRORS}, summary="周报报送情况"
)
def compliance(request: HttpRequest, code: str, filters: Query[ComplianceFilter]):
    """组织部门和领导查看；干部无权查看。"""
    program = program_for(request, code)
    if not selectors.may_view_board(user_of(request)):
        raise PermissionDenied("周报报送情况仅供组织部门和领导查看。")
    board = selectors.weekly_compliance(program, filters.batch, today=timezone.localdate())
    rows = [
        {
            **row.counts,
            "cadre": row.participant.code,
            "name": row.participant.cadre.name,
            "current_state": row.current.state if row.current else None,
        }
        for row in board["rows"]
    ]
    return {
        "counts": board["counts"],
        "not_filed": [row.participant.code for row in board["not_filed"]],
        "warning": board["warning"],
        "rows": rows,
    }


@router.post(
    "/{code}/weekly-reports/{report_id}/review", response={200: SlotOut, **ERRORS}, summary="审阅周报"
)
def review(request: HttpRequest, code: str, report_id: int, payload: ReviewIn):
    program = program_for(request, code)
    user = user_of(request)
    report = selectors.get_visible_report(user, program, report_id)
    review_weekly_report(user, report, comment=payload.comment, rating=payload.rating)
    participant = report.participant
    return _slot_out(selectors.get_slot(participant, report.week_start, timezone.localdate()))
