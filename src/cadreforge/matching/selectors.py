"""Reads of matching, scoped through programs.selectors: a run is visible with its program."""

from django.db.models import QuerySet

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import NotFound
from cadreforge.programs.models import Batch
from cadreforge.programs.selectors import visible_programs

from .models import MatchAssignment, MatchRun


def visible_runs(user: User) -> QuerySet[MatchRun]:
    qs = MatchRun.objects.select_related("batch__program")
    if not user.is_authenticated or not user.is_active or user.role == Role.CADRE:
        return qs.none()
    return qs.filter(batch__program__in=visible_programs(user))


def list_runs(user: User, batch: Batch) -> QuerySet[MatchRun]:
    return visible_runs(user).filter(batch=batch).order_by("-created_at")


def get_visible_run(user: User, pk: int) -> MatchRun:
    run = visible_runs(user).filter(pk=pk).first()
    if run is None:
        raise NotFound("找不到该匹配方案，或您无权查看。")
    return run


def run_rows(run: MatchRun) -> QuerySet[MatchAssignment]:
    return run.rows.select_related("participant__cadre__unit", "post__host").order_by("participant__code")


def my_match(user: User) -> QuerySet[MatchAssignment]:
    """A cadre's own rows of published runs, so they can read why they hold their post."""
    return (
        MatchAssignment.objects.filter(participant__cadre__user=user, run__status=MatchRun.Status.PUBLISHED)
        .select_related("run__batch__program", "post__host")
        .order_by("-run__published_at")
    )


def run_as_json(run: MatchRun) -> dict:
    """The run in the shape of `cadreforge match --json`."""
    rows = list(run_rows(run))
    assigned = [r for r in rows if r.post_id]
    return {
        "mode": run.mode,
        "assigned": len(assigned),
        "unassigned": len(rows) - len(assigned),
        "total_score": run.total_score,
        "assignments": [
            {"cadre": r.participant.code, "post": r.post.code, "score": r.score, "reasons": r.reasons}
            for r in assigned
        ],
    }
