"""Writes of matching: run the engine for a batch (and keep the result with its reasons), override one
cadre's post with a reason, publish the result as assignments, and form teams (小分队) from it."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from cadreforge.accounts.models import User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError
from cadreforge.programs.host_contacts import is_contact_of
from cadreforge.programs.models import Batch, HostUnit, Participant, Post
from cadreforge.programs.services import create_team, ensure_may_write, set_team_members
from cadreforge.secondment.services import assign_post

from . import engine, fit
from .models import Exclusion, MatchAssignment, MatchRun, Preference

DEFAULT_MAX_PER_UNIT_AT_HOST = 2
# How many posts a cadre may rank (干部志愿数), and how many cadres a host may rank for one post.
MAX_CADRE_WISHES = 5
MAX_HOST_RANKING = 10


@transaction.atomic
def set_preferences(actor: User | None, participant: Participant, side: str, posts: list[Post]) -> None:
    """Replace one side's wishes for a cadre: the cadre's posts in order (干部志愿), or the hosts' wish for
    this cadre at each post (派驻单位意向, one post each, first = most wanted)."""
    ensure_may_write(actor, participant.program)
    if side not in Preference.Side.values:
        raise DomainError(f"未知的志愿来源“{side}”")
    if any(p.program_id != participant.program_id for p in posts):
        raise DomainError("志愿岗位必须属于干部所在计划")
    Preference.objects.filter(side=side, participant=participant).delete()
    Preference.objects.bulk_create(
        Preference(side=side, participant=participant, post=post, rank=i)
        for i, post in enumerate(posts, start=1)
    )
    record(actor, "match.preferences", participant, {"side": side, "posts": [p.code for p in posts]})


def compute_match(batch: Batch, mode: str, max_per_unit_at_host: int | None) -> dict:
    """Run the engine without writing anything: the result in the shape of `cadreforge match --json`, with
    participant and post objects under "_rows" for the caller that keeps it."""
    if mode not in MatchRun.Mode.values:
        raise DomainError(f"未知的匹配模式“{mode}”（可用：optimal、stable）")
    ctx = fit.load_context(batch)
    if not ctx.participants:
        raise DomainError(f"{batch.program.name}{batch}还没有干部，无法匹配")
    if not ctx.posts:
        raise DomainError(f"计划“{batch.program.code}”还没有岗位，无法匹配")
    problem, reasons = fit.build_problem(ctx, max_per_unit_at_host)
    solve = engine.solve_optimal if mode == MatchRun.Mode.OPTIMAL else engine.solve_stable
    chosen = solve(problem)
    posts = {p.pk: p for p in ctx.posts}
    rows = []
    for participant in ctx.participants:
        post_id = chosen.get(participant.pk)
        if post_id is None:
            row_reasons = ["未匹配：可派驻岗位均已满员或不符合条件"]
            rows.append({"participant": participant, "post": None, "score": 0, "reasons": row_reasons})
        else:
            pair = (participant.pk, post_id)
            rows.append(
                {
                    "participant": participant,
                    "post": posts[post_id],
                    "score": problem.scores[pair],
                    "reasons": reasons[pair] or ["无加分项：按名额与约束安排"],
                }
            )
    return {
        "mode": mode,
        "assigned": len(chosen),
        "unassigned": len(ctx.participants) - len(chosen),
        "total_score": engine.total_score(problem, chosen),
        "assignments": [
            {
                "cadre": r["participant"].code,
                "post": r["post"].code,
                "score": r["score"],
                "reasons": r["reasons"],
            }
            for r in rows
            if r["post"] is not None
        ],
        "_rows": rows,
    }


@transaction.atomic
def run_match(
    actor: User | None,
    batch: Batch,
    *,
    mode: str = MatchRun.Mode.OPTIMAL,
    max_per_unit_at_host: int | None = DEFAULT_MAX_PER_UNIT_AT_HOST,
) -> tuple[MatchRun, dict]:
    """Run the engine and keep the result as a draft run (方案) that can be overridden and published."""
    ensure_may_write(actor, batch.program)
    result = compute_match(batch, mode, max_per_unit_at_host)
    run = MatchRun.objects.create(
        batch=batch,
        mode=mode,
        max_per_unit_at_host=max_per_unit_at_host,
        total_score=result["total_score"],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    MatchAssignment.objects.bulk_create(
        MatchAssignment(
            run=run, participant=r["participant"], post=r["post"], score=r["score"], reasons=r["reasons"]
        )
        for r in result.pop("_rows")
    )
    record(
        actor,
        "match.run",
        run,
        {
            "mode": mode,
            "assigned": result["assigned"],
            "unassigned": result["unassigned"],
            "total": run.total_score,
        },
    )
    return run, result


def _check_override(run: MatchRun, row: MatchAssignment, post: Post | None) -> int:
    """The score of the new pair, after checking every constraint; raises with the one broken."""
    if post is None:
        return 0
    batch = run.batch
    if post.program_id != batch.program_id:
        raise DomainError(f"岗位“{post.code}”不属于计划“{batch.program.code}”")
    ctx = fit.load_context(batch)
    participant = next(p for p in ctx.participants if p.pk == row.participant_id)
    post = next(p for p in ctx.posts if p.pk == post.pk)
    why = fit.ineligibility(ctx, participant, post)
    if why:
        raise DomainError(why)
    others = run.rows.exclude(pk=row.pk).select_related("participant__cadre", "post")
    holding = [o for o in others if o.post_id == post.pk]
    if len(holding) >= ctx.seats[post.pk]:
        raise DomainError(f"岗位“{post.code}”名额已满（{ctx.seats[post.pk]}人）")
    k = run.max_per_unit_at_host
    if k is not None:
        same = [
            o for o in others
            if o.post and o.post.host_id == post.host_id and o.participant.cadre.unit_id == participant.cadre.unit_id
        ]  # fmt: skip
        if len(same) >= k:
            raise DomainError(f"同一单位派驻“{post.host}”已有{len(same)}人，不能超过{k}人")
    return fit.fit(ctx, participant, post)[0]


@transaction.atomic
def override(actor: User | None, row: MatchAssignment, post: Post | None, *, reason: str) -> MatchAssignment:
    """Put one cadre on another post (or none) by hand, with the reason, within every constraint."""
    run = row.run
    ensure_may_write(actor, run.batch.program)
    if run.status == MatchRun.Status.PUBLISHED:
        raise DomainError("方案已发布，不能再调整")
    if not reason.strip():
        raise DomainError("人工调整须写明理由")
    before = row.post.code if row.post else None
    score = _check_override(run, row, post)
    row.post, row.score, row.override_reason = post, score, reason.strip()
    row.reasons = [
        *row.reasons,
        f"人工调整：由{before or '未派驻'}改为{post.code if post else '未派驻'}，理由：{reason.strip()}",
    ]
    row.save()
    run.total_score = sum(run.rows.values_list("score", flat=True))
    run.save(update_fields=["total_score", "updated_at"])
    record(
        actor,
        "match.override",
        row,
        {"run": run.pk, "before": before, "after": post and post.code, "reason": reason},
    )
    return row


@transaction.atomic
def publish(actor: User | None, run: MatchRun) -> int:
    """Turn the run into assignments (派驻) for the batch's period; returns how many were made."""
    batch = run.batch
    ensure_may_write(actor, batch.program)
    if run.status == MatchRun.Status.PUBLISHED:
        raise DomainError("该方案已发布")
    if batch.match_runs.filter(status=MatchRun.Status.PUBLISHED).exists():
        raise DomainError(f"{batch}已有发布的匹配方案")
    rows = list(
        run.rows.filter(post__isnull=False).select_related(
            "participant__cadre", "participant__program", "post"
        )
    )
    for row in rows:
        assign_post(actor, row.participant, row.post, start_date=batch.start_date, end_date=batch.end_date)
    run.status, run.published_at = MatchRun.Status.PUBLISHED, timezone.now()
    run.save(update_fields=["status", "published_at", "updated_at"])
    record(actor, "match.publish", run, {"assignments": len(rows)})
    return len(rows)


@transaction.atomic
def form_teams(actor: User | None, run: MatchRun) -> list:
    """One team (小分队) per host city of the published run, led by its member with the highest score."""
    batch = run.batch
    ensure_may_write(actor, batch.program)
    if run.status != MatchRun.Status.PUBLISHED:
        raise DomainError("须先发布匹配方案，再按城市组建小分队")
    by_city = defaultdict(list)
    for row in run.rows.filter(post__isnull=False).select_related("participant__cadre", "post__host"):
        by_city[row.post.host.city].append(row)
    teams = []
    for city, rows in sorted(by_city.items()):
        rows.sort(key=lambda r: (-r.score, r.participant.code))
        leader = rows[0].participant
        team = create_team(actor, batch, name=f"{city}小分队", leader=leader)
        set_team_members(actor, team, [r.participant for r in rows])
        teams.append(team)
    record(actor, "match.teams", run, {"teams": [t.name for t in teams]})
    return teams


def _ensure_open(batch: Batch) -> None:
    if batch.match_runs.filter(status=MatchRun.Status.PUBLISHED).exists():
        raise DomainError(f"{batch.program.name}{batch}的匹配方案已发布，不能再修改志愿或回避")


def _no_duplicates(items: list, label) -> None:
    seen = set()
    for item in items:
        if item.pk in seen:
            raise DomainError(f"“{label(item)}”重复填写，每项只能出现一次")
        seen.add(item.pk)


@transaction.atomic
def set_own_wishes(actor: User, participant: Participant, posts: list[Post]) -> None:
    """A selected cadre ranks up to MAX_CADRE_WISHES posts of their program (干部志愿), first = most wanted.
    Only the cadre themself (or a writer of the program) may do it, and only before the batch's result is
    published."""
    is_self = (
        actor is not None and participant.cadre.user_id is not None and participant.cadre.user_id == actor.pk
    )
    if not is_self:
        ensure_may_write(actor, participant.program)
    if participant.batch_id is None:
        raise DomainError(f"干部{participant.code}尚未编入批次，不能填报岗位志愿")
    _ensure_open(participant.batch)
    if len(posts) > MAX_CADRE_WISHES:
        raise DomainError(f"最多填报{MAX_CADRE_WISHES}个岗位志愿，现填了{len(posts)}个")
    _no_duplicates(posts, lambda p: p.code)
    wrong = [p.code for p in posts if p.program_id != participant.program_id]
    if wrong:
        raise DomainError(f"岗位{'、'.join(wrong)}不属于计划“{participant.program.code}”")
    Preference.objects.filter(side=Preference.Side.CADRE, participant=participant).delete()
    Preference.objects.bulk_create(
        Preference(side=Preference.Side.CADRE, participant=participant, post=post, rank=i)
        for i, post in enumerate(posts, start=1)
    )
    record(actor, "match.preferences", participant, {"side": "cadre", "posts": [p.code for p in posts]})


@transaction.atomic
def set_host_ranking(actor: User | None, batch: Batch, post: Post, participants: list[Participant]) -> None:
    """The host's ranking of the batch's cadres for one post (派驻单位意向), first = most wanted; entered by
    the host unit's own contact, or by the program's manager on the host's behalf. Replaces the post's
    earlier ranking for this batch."""
    if not is_contact_of(actor, post.host_id):
        ensure_may_write(actor, batch.program)
    if post.program_id != batch.program_id:
        raise DomainError(f"岗位“{post.code}”不属于计划“{batch.program.code}”")
    _ensure_open(batch)
    if len(participants) > MAX_HOST_RANKING:
        raise DomainError(f"每个岗位最多排序{MAX_HOST_RANKING}名干部，现排了{len(participants)}名")
    _no_duplicates(participants, lambda p: p.code)
    wrong = [p.code for p in participants if p.batch_id != batch.pk]
    if wrong:
        raise DomainError(f"干部{'、'.join(wrong)}不在{batch.program.name}{batch}")
    Preference.objects.filter(side=Preference.Side.HOST, post=post, participant__batch=batch).delete()
    Preference.objects.bulk_create(
        Preference(side=Preference.Side.HOST, participant=participant, post=post, rank=i)
        for i, participant in enumerate(participants, start=1)
    )
    record(
        actor, "match.host_ranking", post, {"batch": batch.number, "cadres": [p.code for p in participants]}
    )


@transaction.atomic
def add_exclusion(
    actor: User | None,
    participant: Participant,
    *,
    post: Post | None = None,
    host: HostUnit | None = None,
    reason: str,
) -> Exclusion:
    """Keep a cadre off one post, or off every post of a host unit (回避), with the reason."""
    ensure_may_write(actor, participant.program)
    if (post is None) == (host is None):
        raise DomainError("回避须指定一个岗位或一个派驻单位（二者选一）")
    reason = reason.strip()
    if not reason:
        raise DomainError("回避须写明原因")
    if post is not None and post.program_id != participant.program_id:
        raise DomainError(f"岗位“{post.code}”不属于计划“{participant.program.code}”")
    if host is not None and not participant.program.posts.filter(host=host).exists():
        raise DomainError(f"派驻单位“{host}”在计划“{participant.program.code}”中没有岗位")
    if participant.batch_id:
        _ensure_open(participant.batch)
    target = {"post": post} if post is not None else {"host": host}
    if Exclusion.objects.filter(participant=participant, **target).exists():
        raise DomainError(f"干部{participant.code}对“{post.code if post else host}”的回避已登记")
    exclusion = Exclusion.objects.create(participant=participant, reason=reason[:128], **target)
    record(
        actor,
        "match.exclusion.add",
        exclusion,
        {"cadre": participant.code, "post": post and post.code, "host": host and str(host), "reason": reason},
    )
    return exclusion


@transaction.atomic
def remove_exclusion(actor: User | None, exclusion: Exclusion) -> None:
    participant = exclusion.participant
    ensure_may_write(actor, participant.program)
    if participant.batch_id:
        _ensure_open(participant.batch)
    changes = {
        "cadre": participant.code,
        "post": exclusion.post.code if exclusion.post_id else None,
        "host": str(exclusion.host) if exclusion.host_id else None,
        "reason": exclusion.reason,
    }
    record(actor, "match.exclusion.remove", exclusion, changes)
    exclusion.delete()
