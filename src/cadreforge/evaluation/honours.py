"""Commendations (表彰) and promotion recommendations (提拔推荐) as the manager pages write them: a new
promotion starts its approval chain; an edit keeps every record that justified the first version audited.
The idempotent writes the demo and the CLI use are in services.py."""

import datetime as dt

from django.db import transaction

from cadreforge.accounts.models import User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError
from cadreforge.pipeline.models import Project
from cadreforge.programs.models import Participant
from cadreforge.programs.services import ensure_may_write as _ensure_may_write

from .models import ApprovalStep, Commendation, KpiScheme, PromotionRecommendation
from .services import DEFAULT_CHAIN, _check_projects, check_commendation_scheme, recommend_promotion

Status = PromotionRecommendation.Status


def _limited(value: str, what: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(f"{what}不能为空。")
    if len(value) > limit:
        raise DomainError(f"{what}不能超过{limit}字（现为{len(value)}字）。")
    return value


@transaction.atomic
def update_commendation(
    actor: User | None,
    commendation: Commendation,
    *,
    title: str,
    reason: str,
    date: dt.date,
    projects: list[Project] = (),
    evidence: str = "",
    scheme: KpiScheme | None = None,
) -> Commendation:
    """Correct a commendation; project evidence must still be projects the cadre referred."""
    participant = commendation.participant
    _ensure_may_write(actor, participant.program)
    title = _limited(title, "表彰称号", 128)
    reason = _limited(reason, "表彰事迹", 4000)
    if date is None:
        raise DomainError("表彰须填写日期。")
    check_commendation_scheme(participant, scheme)
    _check_projects(participant, list(projects))
    clash = Commendation.objects.filter(participant=participant, title=title, date=date)
    if clash.exclude(pk=commendation.pk).exists():
        raise DomainError(f"干部{participant.code}于{date}已有“{title}”表彰。")
    before = {"title": commendation.title, "date": str(commendation.date)}
    before["projects"] = sorted(commendation.projects.values_list("code", flat=True))
    commendation.title, commendation.reason, commendation.date = title, reason, date
    commendation.evidence, commendation.scheme = evidence.strip(), scheme
    commendation.save()
    commendation.projects.set(projects)
    after = {"title": title, "date": str(date), "projects": sorted(p.code for p in projects)}
    record(actor, "commendation.update", commendation, {"before": before, "after": after})
    return commendation


def _check_commendations(participant: Participant, commendations: list[Commendation]) -> None:
    foreign = [c.title for c in commendations if c.participant_id != participant.pk]
    if foreign:
        raise DomainError(f"表彰“{'、'.join(foreign)}”不是干部{participant.code}的，不能作为其佐证。")


def _chain(chain: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    names = tuple(n.strip() for n in chain if n.strip())
    if not names:
        raise DomainError("提拔推荐须至少有一个审批环节。")
    too_long = [n for n in names if len(n) > 64]
    if too_long:
        raise DomainError(f"审批环节名称不能超过64字：{too_long[0][:20]}…")
    if len(set(names)) != len(names):
        raise DomainError("审批环节不能重复。")
    return names


@transaction.atomic
def start_promotion(
    actor: User | None,
    participant: Participant,
    *,
    from_post: str,
    to_post: str,
    reason: str,
    projects: list[Project] = (),
    commendations: list[Commendation] = (),
    evidence: str = "",
    chain: tuple[str, ...] | list[str] = DEFAULT_CHAIN,
) -> PromotionRecommendation:
    """A new recommendation, its approval chain waiting at the first step. The same cadre and post twice
    is refused rather than merged, so nothing already decided is changed by a second form."""
    _ensure_may_write(actor, participant.program)
    from_post = _limited(from_post, "现任职务", 128)
    to_post = _limited(to_post, "拟任职务", 128)
    _limited(reason, "推荐理由", 4000)
    existing = PromotionRecommendation.objects.filter(participant=participant, to_post=to_post).first()
    if existing is not None:
        raise DomainError(
            f"干部{participant.code}已有拟任“{to_post}”的提拔推荐（{existing.get_status_display()}），"
            "请在该推荐的页面修改。"
        )
    _check_commendations(participant, list(commendations))
    return recommend_promotion(
        actor, participant, from_post=from_post, to_post=to_post, reason=reason, projects=projects,
        commendations=commendations, evidence=evidence, chain=_chain(chain),
    )  # fmt: skip


def may_edit_promotion(rec: PromotionRecommendation) -> bool:
    """Until the first step is decided: the approvers decide on what was put to them."""
    decided = rec.steps.exclude(decision=ApprovalStep.Decision.PENDING).exists()
    return rec.status == Status.PENDING and not decided


@transaction.atomic
def update_promotion(
    actor: User | None,
    rec: PromotionRecommendation,
    *,
    from_post: str,
    to_post: str,
    reason: str,
    projects: list[Project] = (),
    commendations: list[Commendation] = (),
    evidence: str = "",
) -> PromotionRecommendation:
    participant = rec.participant
    _ensure_may_write(actor, participant.program)
    if not may_edit_promotion(rec):
        raise DomainError(f"提拔推荐（拟任{rec.to_post}）已有审批意见，不能再修改。")
    from_post = _limited(from_post, "现任职务", 128)
    to_post = _limited(to_post, "拟任职务", 128)
    reason = _limited(reason, "推荐理由", 4000)
    clash = PromotionRecommendation.objects.filter(participant=participant, to_post=to_post)
    if clash.exclude(pk=rec.pk).exists():
        raise DomainError(f"干部{participant.code}已有拟任“{to_post}”的提拔推荐。")
    _check_projects(participant, list(projects))
    _check_commendations(participant, list(commendations))
    before = {"from_post": rec.from_post, "to_post": rec.to_post}
    rec.from_post, rec.to_post, rec.reason, rec.evidence = from_post, to_post, reason, evidence.strip()
    rec.save()
    rec.projects.set(projects)
    rec.commendations.set(commendations)
    after = {"from_post": from_post, "to_post": to_post, "projects": sorted(p.code for p in projects)}
    record(actor, "promotion.update", rec, {"before": before, "after": after})
    return rec
