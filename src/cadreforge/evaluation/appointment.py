"""The cadre appointment and removal form (干部任免审批表) of a promotion recommendation, pre-filled from the
records: the cadre's profile (personal items, 简历, 年度考核结果, family), the commendations as 奖惩情况, and
the recommendation's posts and reason. Exported as .docx and as .lrmx; every export is audited.

Who: the organisation department, i.e. the program's managers (ensure_may_write). The ID number and the
family members' names and birth months appear in clear only for roles that may see personal data."""

import dataclasses
import datetime as dt

from django.utils import timezone

from cadreforge.accounts.models import User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, NotFound
from cadreforge.people import lrmx
from cadreforge.people.appointment import NOTHING, form_from_profile
from cadreforge.people.reveal import checked_reason
from cadreforge.programs.selectors import visible_programs
from cadreforge.programs.services import ensure_may_write

from . import appointment_docx
from .models import ApprovalStep, Commendation, PromotionRecommendation
from .selectors import list_promotions

FORMATS = {"docx", "lrmx"}


def get_visible_promotion(user: User, pk: int) -> PromotionRecommendation:
    rec = list_promotions(user).filter(pk=pk).first()
    if rec is None:
        raise NotFound("找不到该提拔推荐，或您无权查看。")
    return rec


def may_export(user: User, rec: PromotionRecommendation) -> bool:
    try:
        ensure_may_write(user, rec.participant.program)
    except DomainError:
        return False
    return True


def rewards_text(actor: User | None, rec: PromotionRecommendation) -> str:
    """奖惩情况: the cadre's commendations (in programs the actor sees), oldest first, then other rewards
    on the profile that are not the same lines."""
    cadre = rec.participant.cadre
    commendations = Commendation.objects.filter(participant__cadre=cadre)
    if actor is not None:
        commendations = commendations.filter(participant__program__in=visible_programs(actor))
    lines = [f"{c.date:%Y.%m} 被评为{c.title}。" for c in commendations.order_by("date", "id")]
    extra = [line.strip() for line in cadre.other_rewards.splitlines() if line.strip()]
    lines += [line for line in extra if line not in lines and line not in NOTHING]
    return "\n".join(lines) or "无"


def approval_opinions(rec: PromotionRecommendation) -> list[str]:
    """The approval chain as the 审批机关意见 lines: step, decision, comment, date."""
    lines = []
    for step in rec.steps.all():
        line = f"{step.name}：{step.get_decision_display()}"
        if step.comment and step.decision != ApprovalStep.Decision.PENDING:
            line += f"（{step.comment}）"
        if step.date:
            line += f" {step.date.year}年{step.date.month}月{step.date.day}日"
        lines.append(line)
    return lines


def build_form(
    actor: User | None,
    rec: PromotionRecommendation,
    *,
    reason: str | None = None,
    today: dt.date | None = None,
):
    """The pre-filled form of a recommendation (permission-checked). Returns (form, personal data shown).
    A user gets the ID number and family in clear only by giving a reason (and a role that may reveal);
    otherwise they are masked."""
    program = rec.participant.program
    ensure_may_write(actor, program)
    if reason is not None:
        checked_reason(actor, reason, "干部任免审批表")
    reveal = actor is None or reason is not None
    cadre = rec.participant.cadre
    base = form_from_profile(cadre, reveal_personal=reveal)
    form = dataclasses.replace(
        base,
        current_post=rec.from_post or base.current_post,
        proposed_post=rec.to_post,
        proposed_removal=rec.from_post,
        rewards=rewards_text(actor, rec),
        reason=rec.reason,
        reporting_unit=program.organiser or cadre.unit.name,
        filled_on=today or timezone.localdate(),
    )
    return form, reveal


def export_form(
    actor: User | None, rec: PromotionRecommendation, fmt: str, *, reason: str | None = None
) -> tuple[str, bytes]:
    """(file name, bytes) of the form as .docx or .lrmx, personal data in clear only with a reason; the
    export is audited, with the reason."""
    if fmt not in FORMATS:
        raise NotFound(f"不支持的格式“{fmt}”。")
    form, reveal = build_form(actor, rec, reason=reason)
    data = (
        appointment_docx.render(form, opinions=approval_opinions(rec)) if fmt == "docx" else lrmx.write(form)
    )
    record(
        actor,
        "appointment_form.export",
        rec,
        {
            "format": fmt,
            "participant": rec.participant.code,
            "to_post": rec.to_post,
            "personal_data": "clear" if reveal else "masked",
            **({"reason": checked_reason(None, reason, "干部任免审批表")} if reason is not None else {}),
        },
        object_repr=f"{form.name} 提拔推荐：{rec.to_post}",
    )
    return f"干部任免审批表-{form.name}-{rec.to_post}.{fmt}", data


# Items a complete form carries (the printed form always has the cadre's photo); 入党时间 and 在职教育 are
# left out, since they may rightly be empty.
REQUIRED_ITEMS = (
    "gender", "birth_month", "ethnicity", "native_place", "birthplace", "work_start_month", "health",
    "fulltime_education", "fulltime_school", "current_post", "proposed_post", "resume", "assessments",
    "reason", "family", "photo",
)  # fmt: skip


def missing_items(form: lrmx.AppointmentForm) -> list[str]:
    """The labels of the items the records leave empty, so the profile can be completed first."""
    return [lrmx.LABELS[name] for name in REQUIRED_ITEMS if not getattr(form, name)]
