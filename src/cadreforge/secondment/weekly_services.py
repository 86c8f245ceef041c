"""Writes of weekly study reports (学习周报): the cadre writes and submits their own; a manager reviews."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cadreforge.accounts.models import User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.programs.models import Participant
from cadreforge.programs.services import ensure_may_write

from .models import WeeklyReport
from .selectors import get_slot, local_date

MAX_CHARACTERS = 20_000


def count_characters(text: str) -> int:
    """Characters as Chinese offices count them (字数): everything but whitespace."""
    return sum(1 for ch in text if not ch.isspace())


def _ensure_own(actor: User | None, participant: Participant) -> None:
    if actor is not None and participant.cadre.user_id != actor.pk:
        raise PermissionDenied("只有干部本人可以填写和提交自己的学习周报。")


@transaction.atomic
def save_weekly_report(
    actor: User | None,
    participant: Participant,
    *,
    week_start: dt.date,
    content: str,
    submit: bool = False,
    now: dt.datetime | None = None,
) -> WeeklyReport:
    """Save the cadre's report of the week starting `week_start` as a draft, or submit it. A submitted
    report can no longer be changed."""
    _ensure_own(actor, participant)
    now = now or timezone.now()
    slot = get_slot(participant, week_start, local_date(now))
    if slot.week_start > local_date(now):
        raise DomainError(f"{slot.week_start:%Y年%m月%d日}开始的一周尚未开始，不能提前填写周报。")
    content = content.strip()
    characters = count_characters(content)
    if characters > MAX_CHARACTERS:
        raise DomainError(f"周报不能超过{MAX_CHARACTERS}字（现为{characters}字）。")
    if submit and not characters:
        raise DomainError("周报内容为空，不能提交。")
    report = (
        WeeklyReport.objects.select_for_update()
        .filter(participant=participant, week_start=week_start)
        .first()
    )
    if report is not None and report.status == WeeklyReport.Status.SUBMITTED:
        raise DomainError(
            f"第{slot.number}周的周报已于{timezone.localtime(report.submitted_at):%m月%d日}提交，不能再修改。"
        )
    report = report or WeeklyReport(participant=participant, week_start=week_start)
    report.week_end, report.due_date = slot.week_end, slot.due
    report.content, report.characters = content, characters
    if submit:
        report.status, report.submitted_at = WeeklyReport.Status.SUBMITTED, now
    report.save()
    record(
        actor,
        "weekly_report.submit" if submit else "weekly_report.save",
        report,
        {"participant": participant.code, "week_start": week_start.isoformat(), "characters": characters},
    )
    return report


@transaction.atomic
def review_weekly_report(
    actor: User | None,
    report: WeeklyReport,
    *,
    comment: str,
    rating: int | None,
    now: dt.datetime | None = None,
) -> WeeklyReport:
    """A manager's review: a comment and a rating from 1 to 5 (评分)."""
    ensure_may_write(actor, report.participant.program)
    if report.status != WeeklyReport.Status.SUBMITTED:
        raise DomainError("周报尚未提交，不能审阅。")
    if rating is not None and not 1 <= rating <= 5:
        raise DomainError(f"评分应为1至5，而不是{rating}。")
    comment = comment.strip()
    if not comment and rating is None:
        raise DomainError("请填写审阅意见或评分。")
    report.review_comment, report.rating = comment, rating
    report.reviewed_by = actor
    report.reviewed_at = now or timezone.now()
    report.save(update_fields=["review_comment", "rating", "reviewed_by", "reviewed_at", "updated_at"])
    record(actor, "weekly_report.review", report, {"rating": rating, "comment": comment[:100]})
    return report
