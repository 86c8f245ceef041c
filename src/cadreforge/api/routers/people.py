"""Cadres taking part in a program (identified by 干部编号, personal data masked) and its posts."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from cadreforge.core.text import text_key
from cadreforge.programs.selectors import visible_participants, visible_posts

from ..auth import user_of
from ..schemas import CadreOut, PostOut
from .common import BatchNumber, Pages, ShortText, program_for

router = Router(tags=["干部与岗位"])


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
