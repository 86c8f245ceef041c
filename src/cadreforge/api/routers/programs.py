"""Programs (培养计划) and what hangs off them: batches, teams, written outputs, the funnel."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from cadreforge.programs import services as program_services
from cadreforge.programs.models import Program
from cadreforge.programs.selectors import list_program_summaries
from cadreforge.reports.selectors import get_funnel
from cadreforge.secondment.models import WrittenOutput

from ..auth import user_of
from ..schemas import BatchOut, ErrorOut, FunnelOut, OutputOut, ProgramOut, TeamOut, Text
from ..selectors import program_outputs, program_teams
from .common import BatchNumber, Pages, ShortText, program_for

router = Router(tags=["计划"])


class ProgramFilter(Schema):
    kind: ShortText | None = Field(
        None, description="类型：" + "、".join(f"{k}={v}" for k, v in Program.Kind.choices)
    )


class BatchFilter(Schema):
    batch: BatchNumber | None = None


class OutputFilter(Schema):
    kind: ShortText | None = Field(
        None, description="类型：" + "、".join(f"{k}={v}" for k, v in WrittenOutput.Kind.choices)
    )
    adopted: bool | None = None


@router.get("", response=list[ProgramOut], summary="我能看到的计划")
@paginate(Pages)
def list_programs(request: HttpRequest, filters: Query[ProgramFilter]):
    qs = list_program_summaries(user_of(request)).order_by("code")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@router.get("/{code}", response=ProgramOut, summary="一个计划")
def get_program(request: HttpRequest, code: str):
    program = program_for(request, code)
    return list_program_summaries(user_of(request)).get(pk=program.pk)


class ProgramPatch(Schema):
    """The fields to change (those left out stay as they are) and the version they were read at."""

    name: Text | None = Field(None, min_length=1, max_length=128, description="计划名称")
    organiser: Text | None = Field(None, max_length=128, description="主办单位")
    region: Text | None = Field(None, max_length=128, description="所属地区")
    description: Text | None = Field(None, max_length=4000, description="说明")
    version: int = Field(..., ge=1, le=2_147_483_647, description="读取时的版本号；他人已修改时返回409")


@router.patch(
    "/{code}",
    response={200: ProgramOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="修改计划（核对版本号，防止覆盖他人的修改）",
)
def update_program(request: HttpRequest, code: str, payload: ProgramPatch):
    """仅有该计划授权的计划管理员可修改。"""
    program = program_for(request, code)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    version = fields.pop("version")
    program_services.update_program(user_of(request), program, expected_version=version, **fields)
    return list_program_summaries(user_of(request)).get(pk=program.pk)


@router.get("/{code}/batches", response=list[BatchOut], summary="计划的批次")
@paginate(Pages)
def list_batches(request: HttpRequest, code: str):
    return program_for(request, code).batches.order_by("number")


@router.get("/{code}/teams", response=list[TeamOut], summary="计划的小分队")
@paginate(Pages)
def list_teams(request: HttpRequest, code: str, filters: Query[BatchFilter]):
    return program_teams(user_of(request), program_for(request, code), batch=filters.batch)


@router.get("/{code}/outputs", response=list[OutputOut], summary="计划的成果")
@paginate(Pages)
def list_outputs(request: HttpRequest, code: str, filters: Query[OutputFilter]):
    program = program_for(request, code)
    return program_outputs(user_of(request), program, kind=filters.kind, adopted=filters.adopted)


@router.get("/{code}/funnel", response=FunnelOut, summary="招商漏斗（与 report funnel --json 相同）")
def funnel(request: HttpRequest, code: str, filters: Query[BatchFilter]):
    return get_funnel(program_for(request, code), filters.batch)
