"""Writes of the investment and talent pipeline: enterprises, visits, leads, projects and their stages,
talents. A project's stage dates never go backwards, and no date is given for a stage it has not reached."""

import datetime as dt
import itertools
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from cadreforge.audit.services import record
from cadreforge.chains.models import Chain
from cadreforge.core.errors import DomainError
from cadreforge.core.locking import claim_version
from cadreforge.core.services import first_message
from cadreforge.core.stages import Stage
from cadreforge.core.text import clean, name_key
from cadreforge.core.validators import validate_uscc
from cadreforge.programs.models import Participant, Program
from cadreforge.programs.services import ensure_may_write

from .models import Enterprise, Lead, Project, ProjectStage, Talent, Visit


def get_or_create_enterprise(name: str, *, uscc: str = "", location: str = "") -> Enterprise:
    """One enterprise per normalised name (or per USCC when given): 大莊竹業集團有限公司 = 大庄竹业集团."""
    name = clean(name)
    if not name_key(name):
        raise DomainError("企业名称不能为空")
    if uscc:
        try:
            uscc = validate_uscc(uscc)
        except ValidationError as exc:
            raise DomainError(first_message(exc)) from exc
        by_code = Enterprise.objects.filter(uscc=uscc).first()
        if by_code is not None:
            return surviving(by_code)
    enterprise = Enterprise.objects.filter(name_key=name_key(name)).first()
    if enterprise is not None and enterprise.merged_into_id is not None:
        # A merged duplicate stays for undoing the merge; new records go to the enterprise kept.
        return surviving(enterprise)
    if enterprise is None:
        return Enterprise.objects.create(name=name, uscc=uscc or None, location=clean(location))
    changed = []
    if uscc and not enterprise.uscc:
        enterprise.uscc = uscc
        changed.append("uscc")
    if location and not enterprise.location:
        enterprise.location = clean(location)
        changed.append("location")
    if changed:
        enterprise.save(update_fields=[*changed, "updated_at"])
    return enterprise


def surviving(enterprise: Enterprise) -> Enterprise:
    """The enterprise a merged duplicate was merged into (following chains of merges), or itself."""
    seen = {enterprise.pk}
    while enterprise.merged_into_id is not None and enterprise.merged_into_id not in seen:
        enterprise = enterprise.merged_into
        seen.add(enterprise.pk)
    return enterprise


def _same_program(program: Program, participants: list[Participant]) -> None:
    for p in participants:
        if p.program_id != program.id:
            raise DomainError(f"干部“{p.code}”不属于计划“{program.code}”")


@transaction.atomic
def record_visit(
    actor,
    participant: Participant,
    enterprise: Enterprise,
    *,
    date: dt.date,
    location: str = "",
    chains: list[Chain] = (),
    notes: str = "",
) -> Visit:
    """Record an enterprise visit; the same cadre visiting the same enterprise on the same day is one visit."""
    ensure_may_write(actor, participant.program)
    visit, created = Visit.objects.update_or_create(
        participant=participant,
        enterprise=enterprise,
        date=date,
        defaults={"program_id": participant.program_id, "location": clean(location), "notes": notes.strip()},
    )
    visit.chains.set(chains)
    if created:
        record(actor, "visit.create", visit, {"participant": participant.code, "enterprise": enterprise.name})
    return visit


@transaction.atomic
def report_lead(
    actor,
    participant: Participant,
    enterprise: Enterprise,
    *,
    code: str,
    date: dt.date,
    content: str = "",
    chains: list[Chain] = (),
    expected_amount_yuan: Decimal | None = None,
    valuable: bool = True,
) -> Lead:
    """Report a lead, or update it when its 线索编号 is reported again by the same cadre. A lead belongs to
    the cadre who reported it: the same code from another cadre is refused, whoever writes it."""
    ensure_may_write(actor, participant.program)
    code = clean(code)
    if not code:
        raise DomainError("线索编号不能为空")
    if expected_amount_yuan is not None and expected_amount_yuan < 0:
        raise DomainError("预计投资额不能为负数")
    existing = (
        Lead.objects.select_for_update()
        .select_related("participant")
        .filter(program_id=participant.program_id, code=code)
        .first()
    )
    if existing is not None and existing.participant_id != participant.pk:
        raise DomainError(
            f"计划“{participant.program.code}”的线索“{code}”已由干部“{existing.participant.code}”报送，"
            f"不能改记为干部“{participant.code}”的线索；新线索请使用新的线索编号"
        )
    lead, created = Lead.objects.update_or_create(
        program_id=participant.program_id,
        code=code,
        defaults={
            "participant": participant,
            "enterprise": enterprise,
            "date": date,
            "content": content.strip(),
            "expected_amount_yuan": expected_amount_yuan,
            "valuable": valuable,
        },
    )
    lead.chains.set(chains)
    record(actor, "lead.create" if created else "lead.update", lead, {"code": code, "valuable": valuable})
    return lead


def _as_stage(value) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        raise DomainError(f"未知的项目阶段“{value}”，应为1（考察）至5（投产）") from None


def check_stage_dates(stage: Stage, dates: dict[Stage, dt.date | None]) -> list[str]:
    """Problems with a project's stage dates, in Chinese (empty when all is well)."""
    problems = []
    for s, day in dates.items():
        if day is not None and s > stage:
            problems.append(f"当前阶段为{Stage(stage).label}，不应填写{Stage(s).label}日期")
    dated = sorted((s, d) for s, d in dates.items() if d is not None and s <= stage)
    for (s1, d1), (s2, d2) in itertools.pairwise(dated):
        if d2 < d1:
            problems.append(f"{Stage(s2).label}日期（{d2}）早于{Stage(s1).label}日期（{d1}）")
    return problems


def _write_stage_history(project: Project, dates: dict[Stage, dt.date | None]) -> None:
    """A row for every stage reached, keeping a known date unless a new one is given."""
    project.stages.filter(stage__gt=project.stage).delete()
    for s in Stage:
        if s > project.stage:
            break
        row, created = ProjectStage.objects.get_or_create(
            project=project, stage=s, defaults={"date": dates.get(s)}
        )
        if not created and dates.get(s) is not None and row.date != dates[s]:
            # A verified fact that changes is no longer verified.
            row.date = dates[s]
            row.verified_at = row.verified_by = None
            row.save(update_fields=["date", "verified_at", "verified_by"])


@transaction.atomic
def save_project(
    actor,
    program: Program,
    *,
    code: str,
    name: str,
    investor: Enterprise,
    stage: Stage,
    stage_dates: dict[Stage, dt.date | None] | None = None,
    cadres: list[Participant] = (),
    amount_yuan: Decimal | None = None,
    chains: list[Chain] = (),
    source_lead: Lead | None = None,
    expected_version: int | None = None,
) -> Project:
    """Create or update a project (by program and 项目编号) with its stage history. An update from a form
    or the API passes the version it loaded (`expected_version`): a stale one raises StaleEdit."""
    ensure_may_write(actor, program)
    code = clean(code)
    stage = _as_stage(stage)
    given = {_as_stage(k): v for k, v in (stage_dates or {}).items()}
    # An update keeps the dates already known, so the check covers them too (not only the new ones).
    existing = Project.objects.filter(program=program, code=code).first()
    dates = {}
    if existing is not None:
        dates = {Stage(r.stage): r.date for r in existing.stages.all() if r.stage <= stage}
    dates.update({k: v for k, v in given.items() if v is not None or k not in dates})
    problems = check_stage_dates(stage, dates)
    if problems:
        raise DomainError("；".join(problems))
    if amount_yuan is not None and amount_yuan < 0:
        raise DomainError("投资额不能为负数")
    _same_program(program, list(cadres))
    if source_lead is not None and source_lead.program_id != program.id:
        raise DomainError("来源线索不属于该计划")
    if existing is not None:
        claim_version(existing, expected_version, f"项目“{existing.code} {existing.name}”")
    project, created = Project.objects.update_or_create(
        program=program,
        code=code,
        defaults={
            "name": clean(name),
            "investor": investor,
            "stage": stage.value,
            "amount_yuan": amount_yuan,
            "source_lead": source_lead,
        },
    )
    project.cadres.set(cadres)
    project.chains.set(chains)
    _write_stage_history(project, dates)
    record(
        actor,
        "project.create" if created else "project.update",
        project,
        {"code": code, "stage": stage.label, "amount_yuan": amount_yuan},
    )
    return project


@transaction.atomic
def change_project_stage(
    actor, project: Project, stage: Stage, date: dt.date | None, *, expected_version: int | None = None
) -> Project:
    """Move a project to a stage on a date (forwards, or back when a record was wrong). A stale
    `expected_version` raises StaleEdit."""
    ensure_may_write(actor, project.program)
    stage = _as_stage(stage)
    dates = {Stage(r.stage): r.date for r in project.stages.all() if r.stage <= stage}
    if date is not None:
        dates[stage] = date
    problems = check_stage_dates(stage, dates)
    if problems:
        raise DomainError("；".join(problems))
    before = project.stage
    claim_version(project, expected_version, f"项目“{project.code} {project.name}”")
    project.stage = stage.value
    project.save(update_fields=["stage", "updated_at"])
    _write_stage_history(project, dates)
    record(actor, "project.stage", project, {"from": Stage(before).label, "to": stage.label, "date": date})
    return project


@transaction.atomic
def record_talent(
    actor,
    program: Program,
    *,
    name: str,
    level: str,
    date: dt.date | None = None,
    cadres: list[Participant] = (),
    field: str = "",
) -> Talent:
    """Record a talent attracted (level, field 领域, date, the cadres who brought them)."""
    ensure_may_write(actor, program)
    if level not in Talent.Level.values:
        raise DomainError(f"未知的人才层次“{level}”")
    _same_program(program, list(cadres))
    talent, created = Talent.objects.get_or_create(program=program, name=clean(name), level=level, date=date)
    talent.cadres.set(cadres)
    if clean(field) and talent.field != clean(field):
        talent.field = clean(field)
        talent.save(update_fields=["field", "updated_at"])
    if created:
        record(actor, "talent.create", talent, {"name": talent.name, "level": level})
    return talent
