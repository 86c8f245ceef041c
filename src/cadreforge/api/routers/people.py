"""Cadres taking part in a program (identified by 干部编号, personal data masked) and its posts."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from cadreforge.core.errors import NotFound
from cadreforge.core.text import clean, text_key
from cadreforge.people.reveal import MAX_REASON_LENGTH, reveal_personal_data
from cadreforge.programs.selectors import visible_participants, visible_posts

from ..auth import user_of
from ..schemas import CadreOut, ErrorOut, PostOut, Text
from .common import BatchNumber, Pages, ShortText, program_for

router = Router(tags=["干部与岗位"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class CadreFilter(Schema):
    batch: BatchNumber | None = None
    team: ShortText | None = None


class PostFilter(Schema):
    city: ShortText | None = None
    chain: ShortText | None = None


@router.get("/{code}/cadres", response=list[CadreOut], summary="计划的干部（身份证号、手机号脱敏）")
@paginate(Pages)
def list_cadres(request: HttpRequest, code: str, filters: Query[CadreFilter]):
    """A cadre sees only themselves."""
    qs = visible_participants(user_of(request), program_for(request, code)).order_by("code")
    if filters.batch is not None:
        qs = qs.filter(batch__number=filters.batch)
    if filters.team:
        qs = qs.filter(team__name=filters.team)
    return qs


@router.get("/{code}/posts", response=list[PostOut], summary="计划的岗位")
@paginate(Pages)
def list_posts(request: HttpRequest, code: str, filters: Query[PostFilter]):
    qs = visible_posts(user_of(request), program_for(request, code)).order_by("code")
    if filters.city:
        qs = qs.filter(host__city=filters.city)
    if filters.chain:
        qs = qs.filter(chains__name_key=text_key(filters.chain)).distinct()
    return qs


class RevealIn(Schema):
    field: Literal["id_number", "mobile"] = Field(..., description="id_number（身份证号）或 mobile（手机号）")
    reason: Text = Field(..., max_length=MAX_REASON_LENGTH, description="查看理由（必填，记入审计日志）")


class RevealOut(Schema):
    code: str = Field(..., description="干部编号")
    name: str
    field: str
    value: str = Field(..., description="完整值（仅本次响应，不缓存）")


@router.post(
    "/{code}/cadres/{participant_code}/reveal",
    response={200: RevealOut, **ERRORS},
    summary="查看干部完整身份证号或手机号（需权限与理由，记入审计）",
)
def reveal_cadre(
    request: HttpRequest, response: HttpResponse, code: str, participant_code: str, payload: RevealIn
):
    """Only roles that may unmask; the answer is marked X-Personal-Data: revealed and never cached."""
    participant_code = clean(participant_code)[:32]
    participant = (
        visible_participants(user_of(request), program_for(request, code))
        .filter(code=participant_code)
        .first()
    )
    if participant is None:
        raise NotFound(f"计划“{code[:64]}”中找不到干部编号“{participant_code}”，或您无权查看。")
    value = reveal_personal_data(user_of(request), participant.cadre, payload.field, payload.reason)
    response["X-Personal-Data"] = "revealed"
    response["Cache-Control"] = "no-store"
    return {"code": participant.code, "name": participant.cadre.name, "field": payload.field, "value": value}
