"""Writes of evaluation: KPI schemes, manual assessments, commendations, promotions and their approval chain.
Fault-tolerance cases are in faults.py."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from cadreforge.accounts.models import User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError
from cadreforge.pipeline.models import Project
from cadreforge.programs.models import Participant, Program
from cadreforge.programs.services import ensure_may_write

from .faults import blocking_cases
from .models import (
    ApprovalStep,
    Commendation,
    FaultToleranceCase,
    Indicator,
    KpiScheme,
    KpiWeight,
    ManualAssessment,
    PromotionRecommendation,
)

DEFAULT_CHAIN = ("所在单位党组织推荐", "组织部考察", "纪检监察机关意见", "党委（党组）讨论决定")


MAX_WEIGHT = Decimal(1000)


def clean_weights(name: str, weights: dict[str, Decimal | int | str]) -> dict[str, Decimal]:
    """Weights a scheme may use: known indicators, at least one, each a number above 0 and at most
    1000 points a unit, with at most two decimals. Blank weights mean the indicator is not used."""
    unknown = [k for k in weights if k not in Indicator.values]
    if unknown:
        raise DomainError(f"考核方案“{name}”有未知指标：{'、'.join(unknown)}")
    out = {}
    for key, raw in weights.items():
        label = Indicator(key).label
        if raw is None or str(raw).strip() == "":
            continue
        try:
            weight = Decimal(str(raw).strip())
        except InvalidOperation as exc:
            raise DomainError(f"考核方案“{name}”指标“{label}”的权重“{raw}”不是数字。") from exc
        if not weight.is_finite() or weight <= 0 or weight > MAX_WEIGHT:
            raise DomainError(
                f"考核方案“{name}”指标“{label}”的权重应大于0且不超过{MAX_WEIGHT}（现为{raw}）；"
                "不计分的指标请留空。"
            )
        if weight != weight.quantize(Decimal("0.01")):
            raise DomainError(f"考核方案“{name}”指标“{label}”的权重最多保留两位小数（现为{raw}）。")
        out[key] = weight
    if not out:
        raise DomainError(f"考核方案“{name}”至少须设置一项指标的权重。")
    return out


def _check_scheme_fields(name: str, start_date: dt.date | None, end_date: dt.date | None) -> str:
    name = name.strip()
    if not name:
        raise DomainError("考核方案须填写方案名称。")
    if len(name) > 128:
        raise DomainError(f"考核方案名称不能超过128字（现为{len(name)}字）。")
    if start_date and end_date and end_date < start_date:
        raise DomainError(f"考核方案“{name}”的结束日期早于开始日期。")
    return name


def _set_weights(scheme: KpiScheme, weights: dict[str, Decimal]) -> None:
    scheme.weights.exclude(indicator__in=list(weights)).delete()
    for indicator, weight in weights.items():
        KpiWeight.objects.update_or_create(scheme=scheme, indicator=indicator, defaults={"weight": weight})


@transaction.atomic
def save_scheme(
    actor: User | None,
    program: Program,
    *,
    name: str,
    weights: dict[str, Decimal | int | str],
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    description: str = "",
) -> KpiScheme:
    """Create or replace a scheme (by program and name) with its weighted indicators."""
    ensure_may_write(actor, program)
    name = _check_scheme_fields(name, start_date, end_date)
    clean = clean_weights(name, weights)
    scheme, _ = KpiScheme.objects.update_or_create(
        program=program,
        name=name,
        defaults={"start_date": start_date, "end_date": end_date, "description": description.strip()},
    )
    _set_weights(scheme, clean)
    record(actor, "kpischeme.save", scheme, {"weights": {k: str(v) for k, v in clean.items()}})
    return scheme


@transaction.atomic
def update_scheme(
    actor: User | None,
    scheme: KpiScheme,
    *,
    name: str,
    weights: dict[str, Decimal | int | str],
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    description: str = "",
) -> KpiScheme:
    """Edit a scheme, its name included; scores are computed afresh from the records on every read."""
    ensure_may_write(actor, scheme.program)
    name = _check_scheme_fields(name, start_date, end_date)
    clean = clean_weights(name, weights)
    if scheme.program.kpi_schemes.filter(name=name).exclude(pk=scheme.pk).exists():
        raise DomainError(f"计划“{scheme.program.code}”已有名为“{name}”的考核方案。")
    before = {w.indicator: str(w.weight) for w in scheme.weights.all()}
    scheme.name, scheme.start_date, scheme.end_date = name, start_date, end_date
    scheme.description = description.strip()
    scheme.save()
    _set_weights(scheme, clean)
    after = {k: str(v) for k, v in clean.items()}
    record(actor, "kpischeme.update", scheme, {"name": name, "before": before, "weights": after})
    return scheme


@transaction.atomic
def assess(
    actor: User | None,
    scheme: KpiScheme,
    participant: Participant,
    *,
    points: Decimal | int | str,
    reason: str,
    fault_case: FaultToleranceCase | None = None,
) -> ManualAssessment:
    """Manual points (positive) or a deduction (negative), with the reason."""
    ensure_may_write(actor, scheme.program)
    if participant.program_id != scheme.program_id:
        raise DomainError(f"干部{participant.code}不属于计划“{scheme.program.code}”。")
    if not reason.strip():
        raise DomainError("人工评价须写明理由。")
    a = ManualAssessment.objects.create(
        scheme=scheme,
        participant=participant,
        points=Decimal(points),
        reason=reason.strip(),
        fault_case=fault_case,
    )
    record(actor, "assessment.create", a, {"participant": participant.code, "points": str(a.points)})
    return a


def _check_projects(participant: Participant, projects: list[Project]) -> None:
    foreign = [p.code for p in projects if not p.cadres.filter(cadre=participant.cadre).exists()]
    if foreign:
        raise DomainError(f"项目{'、'.join(foreign)}不是干部{participant.code}引荐的，不能作为其佐证。")


def check_commendation_scheme(participant: Participant, scheme: KpiScheme | None) -> None:
    if scheme is not None and scheme.program_id != participant.program_id:
        raise DomainError(f"考核方案“{scheme.name}”不属于干部{participant.code}所在的计划。")


@transaction.atomic
def commend(
    actor: User | None,
    participant: Participant,
    *,
    title: str,
    reason: str,
    date: dt.date,
    projects: list[Project] = (),
    evidence: str = "",
    scheme: KpiScheme | None = None,
) -> Commendation:
    """A commendation (表彰); project evidence must be projects the cadre referred."""
    ensure_may_write(actor, participant.program)
    if not title.strip() or not reason.strip():
        raise DomainError("表彰须写明称号和事迹。")
    check_commendation_scheme(participant, scheme)
    _check_projects(participant, list(projects))
    c, _ = Commendation.objects.update_or_create(
        participant=participant,
        title=title.strip(),
        date=date,
        defaults={"reason": reason.strip(), "evidence": evidence.strip(), "scheme": scheme},
    )
    c.projects.set(projects)
    record(actor, "commendation.save", c, {"participant": participant.code, "title": c.title})
    return c


@transaction.atomic
def recommend_promotion(
    actor: User | None,
    participant: Participant,
    *,
    from_post: str,
    to_post: str,
    reason: str,
    projects: list[Project] = (),
    commendations: list[Commendation] = (),
    evidence: str = "",
    chain: tuple[str, ...] = DEFAULT_CHAIN,
) -> PromotionRecommendation:
    """A promotion recommendation with its approval chain (steps decided in order)."""
    ensure_may_write(actor, participant.program)
    if not to_post.strip() or not reason.strip():
        raise DomainError("提拔推荐须写明拟任职务和推荐理由。")
    if not chain:
        raise DomainError("提拔推荐须至少有一个审批环节。")
    _check_projects(participant, list(projects))
    rec = PromotionRecommendation.objects.filter(participant=participant, to_post=to_post.strip()).first()
    if rec is None:
        rec = PromotionRecommendation.objects.create(
            participant=participant,
            from_post=from_post.strip(),
            to_post=to_post.strip(),
            reason=reason.strip(),
            evidence=evidence.strip(),
        )
        for order, name in enumerate(chain, start=1):
            ApprovalStep.objects.create(recommendation=rec, order=order, name=name)
        record(actor, "promotion.create", rec, {"participant": participant.code, "to_post": rec.to_post})
    rec.projects.set(projects)
    rec.commendations.set(commendations)
    return rec


@transaction.atomic
def decide_step(
    actor: User | None,
    rec: PromotionRecommendation,
    *,
    approve: bool,
    comment: str = "",
    date: dt.date,
) -> ApprovalStep:
    """Decide the next pending step. A refusal ends the chain; the last approval approves the promotion,
    unless a fault-tolerance case holds it (an exempted case never does)."""
    ensure_may_write(actor, rec.participant.program)
    if rec.status != PromotionRecommendation.Status.PENDING:
        raise DomainError(f"提拔推荐（{rec.to_post}）已{rec.get_status_display()}，不能再审批。")
    step = rec.steps.filter(decision=ApprovalStep.Decision.PENDING).order_by("order").first()
    is_last = not rec.steps.filter(decision=ApprovalStep.Decision.PENDING, order__gt=step.order).exists()
    if approve and is_last:
        blocking = blocking_cases(rec.participant)
        if blocking:
            raise DomainError(
                f"干部{rec.participant.code}有未办结或未予容错的容错纠错案件，暂不能批准提拔："
                + "、".join(c.title for c in blocking)
            )
    step.decision = ApprovalStep.Decision.APPROVED if approve else ApprovalStep.Decision.REJECTED
    step.comment, step.date = comment.strip(), date
    step.decided_by = actor if actor and actor.pk else None
    step.save()
    if not approve:
        rec.status = PromotionRecommendation.Status.REJECTED
    elif is_last:
        rec.status = PromotionRecommendation.Status.APPROVED
    rec.save()
    record(actor, "promotion.step", rec, {"step": step.name, "decision": step.decision, "status": rec.status})
    return step
