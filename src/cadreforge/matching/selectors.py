"""Reads of matching, scoped through programs.selectors: a run is visible with its program."""

from django.db.models import QuerySet

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import NotFound
from cadreforge.programs.models import Batch, HostUnit, Participant, Post
from cadreforge.programs.selectors import visible_programs

from .models import Exclusion, MatchAssignment, MatchRun, Preference


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


# Preferences and exclusions of a batch, for the pages where they are entered.


def my_batch_participant(user: User, code: str, number: int) -> Participant:
    """The user's own place (as a cadre) in a batch; anyone else's is not found."""
    participant = (
        Participant.objects.select_related("program", "batch", "cadre")
        .filter(cadre__user=user, program__code=code, batch__number=number)
        .first()
        if user.is_authenticated and user.is_active
        else None
    )
    if participant is None:
        raise NotFound(f"您不在计划“{code}”第{number}批，无法填报岗位志愿。")
    return participant


def program_posts(batch: Batch) -> QuerySet[Post]:
    return Post.objects.filter(program_id=batch.program_id).select_related("host").order_by("code")


def get_batch_post(batch: Batch, post_code: str) -> Post:
    post = program_posts(batch).filter(code=post_code).first()
    if post is None:
        raise NotFound(f"计划“{batch.program.code}”没有岗位“{post_code}”。")
    return post


def batch_participants(batch: Batch) -> QuerySet[Participant]:
    return batch.participants.select_related("cadre__unit").order_by("code")


def cadre_wishes(participant: Participant) -> list[Preference]:
    return list(
        Preference.objects.filter(side=Preference.Side.CADRE, participant=participant)
        .select_related("post__host")
        .order_by("rank")
    )


def host_rankings(batch: Batch) -> dict[int, list[Preference]]:
    """Each post's ranking of the batch's cadres (post id → preferences in order)."""
    rankings: dict[int, list[Preference]] = {}
    prefs = (
        Preference.objects.filter(side=Preference.Side.HOST, participant__batch=batch)
        .select_related("participant__cadre")
        .order_by("post_id", "rank")
    )
    for pref in prefs:
        rankings.setdefault(pref.post_id, []).append(pref)
    return rankings


def batch_exclusions(batch: Batch) -> QuerySet[Exclusion]:
    return (
        Exclusion.objects.filter(participant__batch=batch)
        .select_related("participant__cadre", "post__host", "host")
        .order_by("participant__code", "id")
    )


def batch_hosts(batch: Batch) -> QuerySet[HostUnit]:
    return HostUnit.objects.filter(posts__program_id=batch.program_id).distinct().order_by("city", "name")
