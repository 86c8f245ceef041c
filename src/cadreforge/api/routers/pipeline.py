"""Visits, leads, projects and talents of a program: reads, and the writes cadres make from their phones."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import BaseModel

from cadreforge.accounts.models import Role
from cadreforge.core.stages import Stage
from cadreforge.pipeline.credit import declare_weights_by_code, project_weights
from cadreforge.pipeline.models import Talent, Visit
from cadreforge.pipeline.selectors import (
    get_visible_project,
    program_leads,
    program_projects,
    program_talents,
    program_visits,
)
from cadreforge.pipeline.tracking import stage_timeline, stalled_projects
from cadreforge.pipeline.workflow import verify_stage
from cadreforge.reports.selectors import get_verified_funnel

from .. import services
from ..auth import user_of
from ..schemas import ErrorOut, LeadIn, LeadOut, ProjectOut, StageIn, TalentOut, Text, VisitIn, VisitOut
from .common import BatchNumber, Pages, Rows, ShortText, names_of, program_for, visible_program_ref

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
    field: ShortText | None = Field(None, description="领域")
    level: ShortText | None = Field(
        None, description="层次：" + "、".join(f"{k}={v}" for k, v in Talent.Level.choices)
    )


class VisitRow(BaseModel):
    """A visit in a list: the same fields as VisitOut, read from the row's columns (`Rows`)."""

    # A plain pydantic model, not a ninja Schema: the rows are dicts, which pydantic validates in Rust,
    # where a Schema wraps each row in a DjangoGetter and reads every field through Python.

    id: int
    date: dt.date
    cadre: str = Field(..., description="干部编号")
    enterprise: str
    uscc: str | None
    location: str
    chains: list[str]
    notes: str


VISIT_COLUMNS = {
    "id": "id", "date": "date", "cadre": "participant__code", "enterprise": "enterprise__name",
    "uscc": "enterprise__uscc", "location": "location", "notes": "notes", "chains": names_of(Visit.chains),
}  # fmt: skip


@router.get("/{code}/visits", response=list[VisitRow], summary="走访记录")
@paginate(Pages)
def list_visits(request: HttpRequest, code: str, filters: Query[VisitFilter]):
    """A cadre sees only their own visits."""
    visits = program_visits(
        user_of(request),
        visible_program_ref(request, code),
        batch=filters.batch,
        cadre_code=filters.cadre,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    return Rows(visits, VISIT_COLUMNS, check_empty=lambda: program_for(request, code))


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
    return program_talents(
        user_of(request), program, level=filters.level, batch=filters.batch, field=filters.field
    )


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
    "/{code}/projects/{project_code}/stage",
    response={200: ProjectOut, 409: ErrorOut, **ERRORS},
    summary="变更项目阶段（带 version 时核对版本，他人已修改则409）",
)
def change_stage(request: HttpRequest, code: str, project_code: str, payload: StageIn):
    """仅计划管理员（有该计划授权）可变更。"""
    program = program_for(request, code)
    project = services.move_project_stage(
        user_of(request),
        program,
        project_code,
        stage=payload.stage,
        date=payload.date,
        expected_version=payload.version,
    )
    return program_projects(user_of(request), program).get(pk=project.pk)


# --- verification, tracking and credit (issue 6) ------------------------------------------------------


class VerifiedFunnelOut(Schema):
    program: str
    batch: int | None
    basis: str = Field(..., description="verified：只计已核验阶段")
    projects: int
    projects_recorded: int = Field(..., description="登记的项目数（含未核验）")
    awaiting_verification: int
    reached: dict[str, int]
    amount_yuan: dict[str, str] = Field(..., description="协议投资额（元）：signed / landed")
    arrived_yuan: str = Field(..., description="到位资金（元），不与协议额相加")
    fixed_asset_yuan: str = Field(..., description="固定资产投资（元），不与协议额相加")


class TimelineStageOut(Schema):
    stage: str
    stage_label: str
    date: dt.date | None
    verified: bool
    days_since_previous: int | None


class TrackedProjectOut(Schema):
    code: str
    name: str
    stage: str
    light: str = Field(..., description="green/yellow/red")
    months_idle: int
    last_progress: dt.date
    cadres: list[str]


def _tracked_out(project) -> dict:
    return {
        "code": project.code,
        "name": project.name,
        "stage": Stage(project.stage).key,
        "light": project.light,
        "months_idle": project.months_idle,
        "last_progress": project.last_progress,
        "cadres": [c.code for c in project.cadres.all()],
    }


@router.get("/{code}/verified-funnel", response=VerifiedFunnelOut, summary="已核验的项目漏斗")
def verified_funnel(request: HttpRequest, code: str, batch: BatchNumber | None = None):
    return get_verified_funnel(program_for(request, code), batch)


@router.get(
    "/{code}/projects/{project_code}/timeline", response=list[TimelineStageOut], summary="项目阶段时间线"
)
def project_timeline(request: HttpRequest, code: str, project_code: str):
    program = program_for(request, code)
    project = get_visible_project(user_of(request), program, project_code)
    return [
        {
            "stage": item["stage"].key,
            "stage_label": item["stage"].label,
            "date": item["row"].date,
            "verified": item["row"].verified_at is not None,
            "days_since_previous": item["days_since_previous"],
        }
        for item in stage_timeline(project)
        if item["row"] is not None
    ]


@router.post(
    "/{code}/projects/{project_code}/stages/{stage}/verify",
    response={200: list[TimelineStageOut], **ERRORS},
    summary="核验项目阶段（项目核验员）",
)
def verify_project_stage(request: HttpRequest, code: str, project_code: str, stage: str):
    """仅有该计划授权的项目核验员（投资促进局）可核验。"""
    program = program_for(request, code)
    project = get_visible_project(user_of(request), program, project_code)
    verify_stage(user_of(request), project, services.stage_from_input(stage))
    return project_timeline(request, code, project_code)


@router.get("/{code}/stalled-projects", response=list[TrackedProjectOut], summary="停滞项目（红灯）")
def list_stalled(request: HttpRequest, code: str):
    program = program_for(request, code)
    return [_tracked_out(p) for p in stalled_projects(user_of(request), program)]


# --- credit weights and chain-map placements (issue 6) ------------------------------------------------


class WeightIn(Schema):
    cadre: Text = Field(..., min_length=1, max_length=32, description="干部编号（须为该项目的引荐干部）")
    percent: Decimal = Field(..., description="权重（%）：大于0、不超过100、最多两位小数")


class WeightsIn(Schema):
    weights: list[WeightIn] = Field(..., max_length=500, description="各干部权重，合计须为100")


class WeightRowOut(Schema):
    cadre: str = Field(..., description="干部编号")
    percent: str | None = Field(None, description="申报的权重（%），未申报为空")
    share_percent: str = Field(..., description="按计划当前分配规则实得份额（%）")


class WeightsOut(Schema):
    project: str
    rule: str = Field(..., description="计划的业绩分配规则：first/equal/weights")
    rule_label: str
    valid: bool = Field(..., description="是否已申报有效权重（均为引荐干部、合计100%）")
    weights: list[WeightRowOut]


def _weights_out(request: HttpRequest, project) -> dict:
    figures = project_weights(project)
    rows = figures["rows"]
    user = user_of(request)
    if user.role == Role.CADRE:
        # Among cadres a cadre sees only themselves, as on the credit page.
        rows = [r for r in rows if r["participant"].cadre.user_id == user.pk]
    return {
        "project": project.code,
        "rule": figures["rule"],
        "rule_label": figures["rule_label"],
        "valid": figures["valid"],
        "weights": [
            {
                "cadre": r["participant"].code,
                "percent": None if r["percent"] is None else str(r["percent"]),
                "share_percent": str(r["share"]),
            }
            for r in rows
        ],
    }


@router.get(
    "/{code}/projects/{project_code}/weights", response={200: WeightsOut, **ERRORS}, summary="项目业绩权重"
)
def get_project_weights(request: HttpRequest, code: str, project_code: str):
    program = program_for(request, code)
    return _weights_out(request, get_visible_project(user_of(request), program, project_code))


@router.put(
    "/{code}/projects/{project_code}/weights",
    response={200: WeightsOut, **ERRORS},
    summary="申报项目业绩权重（计划管理员）",
)
def put_project_weights(request: HttpRequest, code: str, project_code: str, payload: WeightsIn):
    """整体替换：全部有效（均为引荐干部、各大于0且最多两位小数、合计100）才保存，否则不作任何改动。"""
    program = program_for(request, code)
    project = get_visible_project(user_of(request), program, project_code)
    declare_weights_by_code(user_of(request), project, [(w.cadre, w.percent) for w in payload.weights])
    return _weights_out(request, project)
