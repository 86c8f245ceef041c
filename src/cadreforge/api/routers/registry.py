"""The enterprise registry over the API: duplicate suggestions, merging a duplicate into the enterprise
kept, marking a pair 不是重复, and undoing either — the same services as the registry pages
(pipeline/registry.py), which check every program the enterprises have records in, and audit."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from cadreforge.accounts.models import User
from cadreforge.core.errors import NotFound
from cadreforge.pipeline import registry
from cadreforge.pipeline.models import Enterprise, EnterpriseMerge
from cadreforge.pipeline.registry_models import DuplicateDismissal

from ..auth import user_of
from ..schemas import ErrorOut, Text
from .common import Pages, row_id

router = Router(tags=["企业库"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class EnterpriseRef(Schema):
    id: int
    name: str
    uscc: str | None


class SuggestionOut(Schema):
    a: EnterpriseRef
    b: EnterpriseRef
    score: float = Field(..., description="相似度 0–100")
    reason: str


class MergeIn(Schema):
    kept: int = Field(..., ge=1, description="保留企业的编号")
    merged: int = Field(..., ge=1, description="并入（被合并）企业的编号")


class _Decision(Schema):
    """Who made a merge or a 不是重复 mark, when, and when it was undone (null while it stands)."""

    id: int
    actor: str | None
    created_at: dt.datetime
    undone_at: dt.datetime | None

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.username if obj.actor else None


class MergeOut(_Decision):
    kept: EnterpriseRef
    merged: EnterpriseRef


class DismissalIn(Schema):
    first: int = Field(..., ge=1, description="企业甲的编号")
    second: int = Field(..., ge=1, description="企业乙的编号")
    reason: Text = Field("", max_length=200, description="说明（可选）")


class DismissalOut(_Decision):
    first: EnterpriseRef
    second: EnterpriseRef
    reason: str


def _writer(request: HttpRequest) -> User:
    user = user_of(request)
    registry.ensure_may_keep_registry(user)
    return user


def _found(model, pk: int, label: str):
    row = model.objects.filter(pk=pk).first()
    if row is None:
        raise NotFound(f"找不到编号为{pk}的{label}。")
    return row


def _enterprise(pk: int) -> Enterprise:
    return _found(Enterprise, pk, "企业")


@router.get("/duplicates", response={200: list[SuggestionOut], **ERRORS}, summary="疑似重复企业")
def list_duplicates(request: HttpRequest, limit: int = Query(50, ge=1, le=200, description="最多条数")):
    """相似度从高到低；已标记“不是重复”的企业对不再出现。只列出您可处理的企业：其走访、线索和项目所属的计划您都有权修改。"""
    return registry.duplicate_suggestions(user=_writer(request), limit=limit)


@router.post("/merges", response={201: MergeOut, **ERRORS}, summary="合并重复企业")
def merge(request: HttpRequest, payload: MergeIn):
    """被合并企业的走访、线索、项目和产业链环节都归入保留企业；可撤销。"""
    user = _writer(request)
    done = registry.merge_enterprises(user, _enterprise(payload.kept), _enterprise(payload.merged))
    return Status(201, done)


@router.get("/merges", response=list[MergeOut], summary="企业合并记录")
@paginate(Pages)
def list_merges(request: HttpRequest):
    """只列出您可撤销的合并：两家企业的记录所属计划您都有权修改。"""
    return registry.list_merges(_writer(request))


@router.post("/merges/{merge_id}/undo", response={200: MergeOut, **ERRORS}, summary="撤销合并")
def undo_merge(request: HttpRequest, merge_id: int = row_id("合并记录编号")):
    user = _writer(request)
    return registry.undo_merge(user, _found(EnterpriseMerge, merge_id, "合并记录"))


@router.post("/dismissals", response={201: DismissalOut, **ERRORS}, summary="标记不是重复")
def dismiss(request: HttpRequest, payload: DismissalIn):
    """该企业对不再作为疑似重复提示；可撤销。"""
    user = _writer(request)
    first, second = _enterprise(payload.first), _enterprise(payload.second)
    return Status(201, registry.dismiss_duplicate(user, first, second, reason=payload.reason))


@router.get("/dismissals", response=list[DismissalOut], summary="“不是重复”标记")
@paginate(Pages)
def list_dismissals(request: HttpRequest):
    """只列出您可撤销的标记：两家企业的记录所属计划您都有权修改。"""
    return registry.list_dismissals(_writer(request))


@router.post(
    "/dismissals/{dismissal_id}/undo", response={200: DismissalOut, **ERRORS}, summary="撤销“不是重复”"
)
def undo_dismissal(request: HttpRequest, dismissal_id: int = row_id("标记编号")):
    user = _writer(request)
    return registry.undo_dismissal(user, _found(DuplicateDismissal, dismissal_id, "“不是重复”标记"))
