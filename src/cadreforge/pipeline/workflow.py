"""Writes of the project workflow: evidence for a stage, verification by the investment bureau (项目核验员),
the three amounts, and the program's pipeline settings.

A stage change recorded by a manager is visible at once but counts in verified totals only once a
verifier granted the program has verified it; changing a verified stage's date clears its verification.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from cadreforge.accounts.models import Role, User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.locking import claim_version
from cadreforge.core.stages import Stage
from cadreforge.core.text import clean
from cadreforge.programs.models import Program
from cadreforge.programs.services import ensure_may_write

from .models import PipelineSettings, Project, ProjectStage, StageEvidence

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
EVIDENCE_EXTENSIONS = {".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx", ".ofd"}


def may_verify(user: User | None, program: Program) -> bool:
    """Verifiers (投资促进局) verify the programs granted to them; the system (None) may too."""
    if user is None:
        return True
    return user.is_active and user.role == Role.VERIFIER and program.grants.filter(user=user).exists()


def ensure_may_verify(actor: User | None, program: Program) -> None:
    if actor is not None and actor.role != Role.VERIFIER:
        raise PermissionDenied("只有项目核验员（投资促进局）可以核验项目阶段。")
    if not may_verify(actor, program):
        raise PermissionDenied(f"您无权核验计划“{program.code}”的项目。")


def _stage_row(project: Project, stage: Stage) -> ProjectStage:
    row = project.stages.filter(stage=stage).first()
    if row is None:
        raise DomainError(f"项目“{project.code}”尚未到达{Stage(stage).label}阶段")
    return row


@transaction.atomic
def verify_stage(
    actor: User | None, project: Project, stage: Stage, *, verified_on: dt.date | None = None
) -> ProjectStage:
    """Verify that the project reached `stage` on its recorded date (verifying a stage vouches for the
    stages before it, which it presupposes). `verified_on` is for checks made before they were entered
    (an import, the demo): the day of the check, between the stage's date and today; now by default."""
    ensure_may_verify(actor, project.program)
    row = _stage_row(project, stage)
    if row.date is None:
        raise DomainError(f"项目“{project.code}”的{Stage(stage).label}阶段没有日期，请先补录日期再核验")
    if row.verified_at is not None:
        return row
    if verified_on is not None and not row.date <= verified_on <= timezone.localdate():
        raise DomainError(f"核验日期须在{Stage(stage).label}日期（{row.date}）与今天之间")
    row.verified_at = (
        timezone.now()
        if verified_on is None
        else timezone.make_aware(dt.datetime.combine(verified_on, dt.time.min))
    )
    row.verified_by = actor
    row.save(update_fields=["verified_at", "verified_by"])
    record(actor, "project.stage.verify", project, {"stage": Stage(stage).label, "date": row.date})
    return row


@transaction.atomic
def withdraw_verification(actor: User | None, project: Project, stage: Stage, reason: str) -> ProjectStage:
    """Take a verification back (the record turned out wrong); the reason is audited."""
    ensure_may_verify(actor, project.program)
    if not clean(reason):
        raise DomainError("撤销核验须说明原因")
    row = _stage_row(project, stage)
    row.verified_at = row.verified_by = None
    row.save(update_fields=["verified_at", "verified_by"])
    record(actor, "project.stage.unverify", project, {"stage": Stage(stage).label, "reason": clean(reason)})
    return row


@transaction.atomic
def attach_evidence(
    actor: User | None, project: Project, stage: Stage, *, title: str, file: UploadedFile
) -> StageEvidence:
    """Attach a document (e.g. the signed agreement) to a stage the project reached; stored through
    Django's default storage."""
    ensure_may_write(actor, project.program)
    row = _stage_row(project, stage)
    name = file.name or ""
    extension = name[name.rfind(".") :].lower() if "." in name else ""
    if extension not in EVIDENCE_EXTENSIONS:
        allowed = "、".join(sorted(EVIDENCE_EXTENSIONS))
        raise DomainError(f"佐证材料“{name}”的文件类型不受支持，应为：{allowed}")
    if file.size is not None and file.size > MAX_EVIDENCE_BYTES:
        raise DomainError(f"佐证材料“{name}”超过20MB")
    title = clean(title) or name
    evidence = StageEvidence.objects.create(stage=row, title=title[:128], file=file, uploaded_by=actor)
    record(actor, "project.evidence", project, {"stage": Stage(stage).label, "title": evidence.title})
    return evidence


@transaction.atomic
def set_project_amounts(
    actor: User | None,
    project: Project,
    *,
    arrived_yuan: Decimal | None = None,
    fixed_asset_yuan: Decimal | None = None,
    expected_version: int | None = None,
) -> Project:
    """Record the arrived capital (到资) and fixed-asset investment, kept apart from the agreed amount.
    A stale `expected_version` raises StaleEdit."""
    ensure_may_write(actor, project.program)
    for label, value in (("到位资金", arrived_yuan), ("固定资产投资", fixed_asset_yuan)):
        if value is not None and value < 0:
            raise DomainError(f"项目“{project.code}”的{label}不能为负数")
    before = {"arrived_yuan": project.arrived_yuan, "fixed_asset_yuan": project.fixed_asset_yuan}
    claim_version(project, expected_version, f"项目“{project.code} {project.name}”")
    project.arrived_yuan = arrived_yuan
    project.fixed_asset_yuan = fixed_asset_yuan
    project.save(update_fields=["arrived_yuan", "fixed_asset_yuan", "updated_at"])
    record(
        actor,
        "project.amounts",
        project,
        {"before": before, "after": {"arrived_yuan": arrived_yuan, "fixed_asset_yuan": fixed_asset_yuan}},
    )
    return project


def get_settings(program: Program) -> PipelineSettings:
    """The program's pipeline settings, the defaults (3 and 6 months, equal shares) when never saved."""
    found = PipelineSettings.objects.filter(program=program).first()
    return found or PipelineSettings(program=program)


@transaction.atomic
def save_settings(
    actor: User | None, program: Program, *, yellow_months: int, red_months: int, credit_rule: str
) -> PipelineSettings:
    ensure_may_write(actor, program)
    if yellow_months < 1 or red_months <= yellow_months:
        raise DomainError("进度亮灯阈值应满足：1 ≤ 黄灯月数 < 红灯月数")
    if credit_rule not in PipelineSettings.CreditRule.values:
        raise DomainError(f"未知的业绩分配规则“{credit_rule}”")
    settings, _ = PipelineSettings.objects.update_or_create(
        program=program,
        defaults={"yellow_months": yellow_months, "red_months": red_months, "credit_rule": credit_rule},
    )
    record(
        actor,
        "pipeline.settings",
        settings,
        {"yellow_months": yellow_months, "red_months": red_months, "credit_rule": credit_rule},
    )
    return settings
