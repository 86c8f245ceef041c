"""Visits, leads, projects and talents of a program: reads, and the writes cadres make from their phones."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from cadreforge.pipeline.models import Talent
from cadreforge.pipeline.selectors import program_leads, program_projects, program_talents, program_visits

from .. import services
from ..auth import user_of
from ..schemas import ErrorOut, LeadIn, LeadOut, ProjectOut, StageIn, TalentOut, VisitIn, VisitOut
from .common import BatchNumber, Pages, ShortText, program_for

router = Router(tags=["招商"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class VisitFilter(Schema):
    batch: BatchNumber | None = None
    cadre: ShortText | None = Field(None, description="干部编号")
    date_from: dt.date | None = Field(None, description="走访日期不早于")
    date_to: dt.date | None = Field(None, description="走访日期不晚于")


class LeadFilter(Schema):
    batch: BatchNumber | None = None
    valuable: bool | None = None


class ProjectFilter(Schema):
    batch: BatchNumber | None = None
    stage: ShortText | None = Field(None, description="当前阶段：考察/意向/签约/开工/投产 或英文键")


class TalentFilter(Schema):
    batch: BatchNumber | None = None
    level: ShortText | None = Field(
        None, description="层次：" + "、".join(f"{k}={v}" for k, v in Talent.Level.choices)
    )


@router.get("/{code}/visits", response=list[VisitOut], summary="走访记录")
@paginate(Pages)
def list_visits(request: HttpRequest, code: str, filters: Query[VisitFilter]):
    """A cadre sees only their own visits."""
    program = program_for(request, code)
    return program_visits(
        user_of(request),
        program,
        batch=filters.batch,
        cadre_code=filters.cadre,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )


@router.get("/{code}/leads", response=list[LeadOut], summary="招商线索")
@paginate(Pages)
def list_leads(request: HttpRequest, code: str, filters: Query[LeadFilter]):
    program = program_for(request, code)
    return program_leads(user_of(request), program, batch=filters.batch, valuable=filters.valuable)


@router.get("/{code}/projects", response=list[ProjectOut], summary="招商项目")
@paginate(Pages)
def list_projects(request: HttpRequest, code: str, filters: Query[ProjectFilter]):
    program = program_for(request, code)
    stage = services.stage_from_input(filters.stage) if filters.stage else None
    return program_projects(user_of(request), program, stage=stage, batch=filters.batch)


@router.get("/{code}/talents", response=list[TalentOut], summary="引进人才")
@paginate(Pages)
def list_talents(request: HttpRequest, code: str, filters: Query[TalentFilter]):
    program = program_for(request, code)
    return program_talents(user_of(request), program, level=filters.level, batch=filters.batch)


@router.post("/{code}/visits", response={201: VisitOut, **ERRORS}, summary="登记走访")
def create_visit(request: HttpRequest, code: str, payload: VisitIn):
    """计划管理员可为本计划任一干部登记；干部只能以本人（自己的干部编号）登记。"""
    program = program_for(request, code)
    visit = services.log_visit(
        user_of(request),
        program,
        cadre_code=payload.cadre,
        enterprise=payload.enterprise,
        uscc=payload.uscc,
        date=payload.date,
        location=payload.location,
        chains=payload.chains,
        notes=payload.notes,
    )
    return Status(201, visit)


@router.post("/{code}/leads", response={201: LeadOut, **ERRORS}, summary="报送招商线索")
def create_lead(request: HttpRequest, code: str, payload: LeadIn):
    """同一线索编号再次报送即更新该线索。干部只能以本人身份报送，且不能改动他人的线索。"""
    program = program_for(request, code)
    lead = services.log_lead(
        user_of(request),
        program,
        code=payload.code,
        cadre_code=payload.cadre,
        enterprise=payload.enterprise,
        date=payload.date,
        content=payload.content,
        chains=payload.chains,
        expected_amount_wan=payload.expected_amount_wan,
        valuable=payload.valuable,
    )
    return Status(201, lead)


@router.post(
    "/{code}/projects/{project_code}/stage", response={200: ProjectOut, **ERRORS}, summary="变更项目阶段"
)
def change_stage(request: HttpRequest, code: str, project_code: str, payload: StageIn):
    """仅计划管理员（有该计划授权）可变更。"""
    program = program_for(request, code)
    project = services.move_project_stage(
        user_of(request), program, project_code, stage=payload.stage, date=payload.date
    )
    return program_projects(user_of(request), program).get(pk=project.pk)
