"""Matching (人岗匹配): run the engine for a batch (the JSON of `cadreforge match`), read a run, publish it."""

from django.http import HttpRequest
from ninja import Field, Router, Schema

from cadreforge.matching import selectors, services
from cadreforge.matching.models import MatchRun
from cadreforge.programs.selectors import get_batch
from cadreforge.programs.services import ensure_may_write

from ..auth import user_of
from .common import BatchNumber, program_for

router = Router(tags=["人岗匹配"])


class MatchRowOut(Schema):
    cadre: str = Field(..., description="干部编号")
    post: str = Field(..., description="岗位编号")
    score: int
    reasons: list[str]


class MatchOut(Schema):
    mode: str
    assigned: int
    unassigned: int
    total_score: int
    assignments: list[MatchRowOut]
    run: int | None = Field(None, description="保存的方案编号（dry_run 时为空）")


class MatchIn(Schema):
    mode: str = Field(MatchRun.Mode.OPTIMAL, description="optimal 或 stable")
    dry_run: bool = False
    max_per_unit_at_host: int | None = Field(services.DEFAULT_MAX_PER_UNIT_AT_HOST, ge=1, le=100)


class PublishOut(Schema):
    assignments: int


@router.post("/programs/{code}/batches/{number}/match", response=MatchOut, summary="运行人岗匹配")
def run_match(request: HttpRequest, code: str, number: BatchNumber, payload: MatchIn):
    user = user_of(request)
    batch = get_batch(program_for(request, code), number)
    if payload.dry_run:
        ensure_may_write(user, batch.program)
        result = services.compute_match(batch, payload.mode, payload.max_per_unit_at_host)
        result.pop("_rows")
        return {**result, "run": None}
    run, result = services.run_match(
        user, batch, mode=payload.mode, max_per_unit_at_host=payload.max_per_unit_at_host
    )
    return {**result, "run": run.pk}


@router.get("/match-runs/{pk}", response=MatchOut, summary="一个匹配方案")
def get_run(request: HttpRequest, pk: int):
    run = selectors.get_visible_run(user_of(request), pk)
    return {**selectors.run_as_json(run), "run": run.pk}


@router.post("/match-runs/{pk}/publish", response=PublishOut, summary="发布为派驻记录")
def publish(request: HttpRequest, pk: int):
    run = selectors.get_visible_run(user_of(request), pk)
    return {"assignments": services.publish(user_of(request), run)}
