"""Shapes of the API's JSON. Money is Decimal yuan written as a string ("300000000.00"), dates are ISO,
cadres are named by their 干部编号 (`code`) and never carry a clear ID or mobile number."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator

from cadreforge.core.stages import Stage

_CENTS = Decimal("0.01")


def yuan_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(_CENTS))


def _no_control(value: str) -> str:
    if "\x00" in value:
        raise ValueError("不能包含空字符（\\0）")
    return value


# Text from outside: no NUL characters (PostgreSQL refuses them), length checked per field.
Text = Annotated[str, AfterValidator(_no_control)]


def _codes(manager) -> list[str]:
    return [p.code for p in manager.all()]


# --- programs -----------------------------------------------------------------------------------------


class ProgramOut(Schema):
    code: str
    name: str
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    organiser: str
    region: str
    description: str
    batch_count: int
    participant_count: int
    version: int = Field(..., description="版本号：修改时原样带回，防止覆盖他人的修改")


class BatchOut(Schema):
    number: int
    name: str
    start_date: dt.date | None
    end_date: dt.date | None
    quota: int | None
    status: str
    status_label: str = Field(..., alias="get_status_display")


class TeamOut(Schema):
    batch: int
    name: str
    leader: str | None = Field(None, description="队长的干部编号")
    members: list[str] = Field(..., description="队员的干部编号")

    @staticmethod
    def resolve_batch(obj) -> int:
        return obj.batch.number

    @staticmethod
    def resolve_leader(obj) -> str | None:
        return obj.leader.code if obj.leader_id else None

    @staticmethod
    def resolve_members(obj) -> list[str]:
        return _codes(obj.members)


class CadreOut(Schema):
    code: str = Field(..., description="干部编号")
    name: str
    gender: str
    unit: str
    position: str
    rank: str
    tags: list[str]
    batch: int | None
    team: str | None
    track: str
    id_number_masked: str = Field(..., description="身份证号（脱敏）")
    mobile_masked: str = Field(..., description="手机号（脱敏）")

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.cadre.name

    @staticmethod
    def resolve_gender(obj) -> str:
        return obj.cadre.get_gender_display()

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.cadre.unit.name

    @staticmethod
    def resolve_position(obj) -> str:
        return obj.cadre.position

    @staticmethod
    def resolve_rank(obj) -> str:
        return obj.cadre.rank

    @staticmethod
    def resolve_tags(obj) -> list[str]:
        return [str(t) for t in obj.cadre.tags or []]

    @staticmethod
    def resolve_batch(obj) -> int | None:
        return obj.batch.number if obj.batch_id else None

    @staticmethod
    def resolve_team(obj) -> str | None:
        return obj.team.name if obj.team_id else None

    @staticmethod
    def resolve_id_number_masked(obj) -> str:
        return obj.cadre.id_number_masked

    @staticmethod
    def resolve_mobile_masked(obj) -> str:
        return obj.cadre.mobile_masked


class PostOut(Schema):
    code: str
    title: str
    host: str
    city: str
    host_kind: str
    chains: list[str]
    capacity: int
    duties: str

    @staticmethod
    def resolve_host(obj) -> str:
        return obj.host.name

    @staticmethod
    def resolve_host_kind(obj) -> str:
        return obj.host.get_kind_display()

    @staticmethod
    def resolve_chains(obj) -> list[str]:
        return [c.name for c in obj.chains.all()]


class OutputOut(Schema):
    title: str
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    date: dt.date | None
    characters: int
    adopted: bool
    authors: list[str] = Field(..., description="作者的干部编号")

    @staticmethod
    def resolve_authors(obj) -> list[str]:
        return _codes(obj.authors)


# --- pipeline -----------------------------------------------------------------------------------------


class VisitOut(Schema):
    id: int
    date: dt.date
    cadre: str = Field(..., description="干部编号")
    enterprise: str
    uscc: str | None
    location: str
    chains: list[str]
    notes: str

    @staticmethod
    def resolve_cadre(obj) -> str:
        return obj.participant.code

    @staticmethod
    def resolve_enterprise(obj) -> str:
        return obj.enterprise.name

    @staticmethod
    def resolve_uscc(obj) -> str | None:
        return obj.enterprise.uscc

    @staticmethod
    def resolve_chains(obj) -> list[str]:
        return [c.name for c in obj.chains.all()]


class LeadOut(Schema):
    code: str
    date: dt.date
    cadre: str = Field(..., description="干部编号")
    enterprise: str
    content: str
    chains: list[str]
    expected_amount_yuan: str | None = Field(None, description="预计投资额（元），字符串")
    valuable: bool

    @staticmethod
    def resolve_cadre(obj) -> str:
        return obj.participant.code

    @staticmethod
    def resolve_enterprise(obj) -> str:
        return obj.enterprise.name

    @staticmethod
    def resolve_chains(obj) -> list[str]:
        return [c.name for c in obj.chains.all()]

    @staticmethod
    def resolve_expected_amount_yuan(obj) -> str | None:
        return yuan_text(obj.expected_amount_yuan)


class StageOut(Schema):
    stage: str
    label: str
    date: dt.date | None


class ProjectOut(Schema):
    code: str
    name: str
    investor: str
    stage: str = Field(..., description="当前阶段：inspection/intent/signed/started/landed")
    stage_label: str
    amount_yuan: str | None = Field(None, description="投资额（元），字符串")
    cadres: list[str] = Field(..., description="引荐干部的干部编号")
    chains: list[str]
    source_lead: str | None
    stages: list[StageOut]
    version: int = Field(..., description="版本号：变更阶段时带回，防止覆盖他人的修改")

    @staticmethod
    def resolve_investor(obj) -> str:
        return obj.investor.name

    @staticmethod
    def resolve_stage(obj) -> str:
        return Stage(obj.stage).key

    @staticmethod
    def resolve_stage_label(obj) -> str:
        return Stage(obj.stage).label

    @staticmethod
    def resolve_amount_yuan(obj) -> str | None:
        return yuan_text(obj.amount_yuan)

    @staticmethod
    def resolve_cadres(obj) -> list[str]:
        return _codes(obj.cadres)

    @staticmethod
    def resolve_chains(obj) -> list[str]:
        return [c.name for c in obj.chains.all()]

    @staticmethod
    def resolve_source_lead(obj) -> str | None:
        return obj.source_lead.code if obj.source_lead_id else None

    @staticmethod
    def resolve_stages(obj) -> list[dict]:
        rows = sorted(obj.stages.all(), key=lambda r: r.stage)
        return [{"stage": Stage(r.stage).key, "label": Stage(r.stage).label, "date": r.date} for r in rows]


class TalentOut(Schema):
    name: str
    level: str
    level_label: str = Field(..., alias="get_level_display")
    field: str = Field("", description="领域")
    date: dt.date | None
    cadres: list[str] = Field(..., description="引荐干部的干部编号")

    @staticmethod
    def resolve_cadres(obj) -> list[str]:
        return _codes(obj.cadres)


# --- funnel (the contract of spec/ledger-workbook.md) -------------------------------------------------


class StageCounts(Schema):
    inspection: int
    intent: int
    signed: int
    started: int
    landed: int


class FunnelAmounts(Schema):
    signed: str
    landed: str


class FunnelOutputs(Schema):
    count: int
    characters: int
    adopted: int


class FunnelOut(Schema):
    program: str
    batch: int | None
    cadres: int
    visits: int
    enterprises_visited: int
    leads: int
    valuable_leads: int
    projects: int
    stage_now: StageCounts
    reached: StageCounts
    amount_yuan: FunnelAmounts
    talents: int
    outputs: FunnelOutputs


# --- inputs -------------------------------------------------------------------------------------------


class VisitIn(Schema):
    cadre: Text = Field(..., min_length=1, max_length=32, description="干部编号")
    enterprise: Text = Field(..., min_length=1, max_length=200, description="企业名称")
    uscc: Text = Field("", max_length=18, description="统一社会信用代码（可选）")
    date: dt.date = Field(..., description="走访日期")
    location: Text = Field("", max_length=128)
    chains: list[Annotated[Text, Field(max_length=64)]] = Field(default_factory=list, max_length=20)
    notes: Text = Field("", max_length=5000)


class LeadIn(Schema):
    code: Text = Field(..., min_length=1, max_length=32, description="线索编号")
    cadre: Text = Field(..., min_length=1, max_length=32, description="干部编号")
    enterprise: Text = Field(..., min_length=1, max_length=200)
    date: dt.date = Field(..., description="报送日期")
    content: Text = Field("", max_length=5000)
    chains: list[Annotated[Text, Field(max_length=64)]] = Field(default_factory=list, max_length=20)
    expected_amount_wan: Text | None = Field(
        None, max_length=32, description='预计投资额（万元），字符串，如 "3.5"'
    )
    valuable: bool = True


class StageIn(Schema):
    stage: Text = Field(
        ..., min_length=1, max_length=16, description="阶段：考察/意向/签约/开工/投产 或英文键"
    )
    date: dt.date
    version: int | None = Field(
        None, ge=1, le=2_147_483_647, description="读取时的版本号；他人已修改时返回409，不做任何变更"
    )


class ErrorOut(Schema):
    detail: str
