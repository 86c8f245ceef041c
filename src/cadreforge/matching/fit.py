"""The fit score of a cadre for a post, with its reasons in Chinese, and the engine Problem of a batch.

Score = 产业链契合 + 经历（学过、干过、管过）+ 选拔优先条件 + 干部志愿 + 派驻单位意向. A pair is eligible
unless the post requires another rank or the cadre is excluded from it or from its host unit."""

from collections import defaultdict
from dataclasses import dataclass

from cadreforge.core.text import text_key
from cadreforge.programs.models import Batch, Participant, Post
from cadreforge.selection.models import Application

from .engine import Problem
from .models import Exclusion, PostRequirement, Preference

CHAIN_POINTS, EXTRA_CHAIN_POINTS = 40, 10
EXPERIENCE_POINTS = {"学过": 4, "干过": 8, "管过": 8}
PRIORITY_POINTS = 10
CADRE_WISH_POINTS = (20, 15, 10, 5)
HOST_WISH_POINTS = (15, 10, 5)


def chain_key(name: str) -> str:
    return text_key(name).removesuffix("产业链")


def chain_overlap(post_chains: list[str], skills: list[str]) -> list[tuple[str, str]]:
    """(chain, skill) pairs where a skill of the cadre names the chain or the chain names the skill."""
    found = []
    skill_keys = [(s, text_key(s)) for s in skills if text_key(s)]
    for chain in post_chains:
        ck = chain_key(chain)
        for skill, sk in skill_keys:
            if ck and (sk in ck or ck in sk):
                found.append((chain, skill))
                break
    return found


def _wish_points(table: tuple[int, ...], rank: int) -> int:
    return table[min(rank, len(table)) - 1]


@dataclass
class Context:
    """Everything the score needs, read once for a batch."""

    participants: list[Participant]
    posts: list[Post]
    seats: dict
    post_chains: dict
    required_ranks: dict
    excluded: set
    excluded_hosts: set
    cadre_wishes: dict
    host_wishes: dict
    priority_labels: dict


def load_context(batch: Batch) -> Context:
    participants = list(batch.participants.select_related("cadre__unit").order_by("code"))
    posts = list(
        Post.objects.filter(program=batch.program)
        .select_related("host")
        .prefetch_related("chains", "assignments__participant")
    )
    wishes: dict = {Preference.Side.CADRE: {}, Preference.Side.HOST: {}}
    for pref in Preference.objects.filter(participant__batch=batch):
        wishes[pref.side][(pref.participant_id, pref.post_id)] = pref.rank
    priority = defaultdict(list)
    for app in Application.objects.filter(participant__batch=batch).exclude(priority_labels=[]):
        priority[app.participant_id] += app.priority_labels
    return Context(
        participants=participants,
        posts=posts,
        seats={p.pk: p.capacity - _held_by_others(p, batch) for p in posts},
        post_chains={p.pk: [c.name for c in p.chains.all()] for p in posts},
        required_ranks=dict(
            PostRequirement.objects.filter(post__in=posts).values_list("post_id", "required_ranks")
        ),
        excluded=set(
            Exclusion.objects.filter(participant__batch=batch, post__isnull=False).values_list(
                "participant_id", "post_id"
            )
        ),
        excluded_hosts=set(
            Exclusion.objects.filter(participant__batch=batch, host__isnull=False).values_list(
                "participant_id", "host_id"
            )
        ),
        cadre_wishes=wishes[Preference.Side.CADRE],
        host_wishes=wishes[Preference.Side.HOST],
        priority_labels=dict(priority),
    )


def _held_by_others(post: Post, batch: Batch) -> int:
    """Seats of the post held by cadres of other batches during this batch's period (open dates overlap)."""
    held = 0
    for a in post.assignments.exclude(participant__batch=batch):
        if (a.end_date is None or batch.start_date is None or a.end_date >= batch.start_date) and (
            batch.end_date is None or a.start_date is None or a.start_date <= batch.end_date
        ):
            held += 1
    return held


def ineligibility(ctx: Context, participant: Participant, post: Post) -> str:
    """Why the cadre cannot hold the post ("" when they can)."""
    ranks = ctx.required_ranks.get(post.pk) or []
    if ranks and participant.cadre.rank not in ranks:
        return f"岗位{post.code}要求职级{'、'.join(ranks)}，干部职级为{participant.cadre.rank or '未填'}"
    if (participant.pk, post.pk) in ctx.excluded:
        return f"干部{participant.code}须回避岗位{post.code}"
    if (participant.pk, post.host_id) in ctx.excluded_hosts:
        return f"干部{participant.code}须回避派驻单位“{post.host}”（岗位{post.code}）"
    return ""


def fit(ctx: Context, participant: Participant, post: Post) -> tuple[int, list[str]]:
    """The score of the pair and its reasons, one line per component that adds points."""
    cadre = participant.cadre
    score, reasons = 0, []
    skills = [*cadre.tags, participant.track] if participant.track else list(cadre.tags)
    overlap = chain_overlap(ctx.post_chains[post.pk], skills)
    if overlap:
        points = CHAIN_POINTS + EXTRA_CHAIN_POINTS * (len(overlap) - 1)
        score += points
        detail = "；".join(f"岗位“{chain}”对应干部专长“{skill}”" for chain, skill in overlap)
        reasons.append(f"产业链契合 +{points}：{detail}")
    labels = cadre.experience_labels
    if labels:
        points = sum(EXPERIENCE_POINTS[label] for label in labels)
        score += points
        reasons.append(f"经历 +{points}：{'、'.join(labels)}")
    if ctx.priority_labels.get(participant.pk):
        score += PRIORITY_POINTS
        reasons.append(f"选拔优先条件 +{PRIORITY_POINTS}：{'、'.join(ctx.priority_labels[participant.pk])}")
    rank = ctx.cadre_wishes.get((participant.pk, post.pk))
    if rank:
        points = _wish_points(CADRE_WISH_POINTS, rank)
        score += points
        reasons.append(f"干部志愿 +{points}：第{rank}志愿")
    rank = ctx.host_wishes.get((participant.pk, post.pk))
    if rank:
        points = _wish_points(HOST_WISH_POINTS, rank)
        score += points
        reasons.append(f"派驻单位意向 +{points}：第{rank}位")
    return score, reasons


def build_problem(ctx: Context, max_per_unit_at_host: int | None) -> tuple[Problem, dict]:
    """The engine's problem over participant and post ids, and the reasons of every eligible pair."""
    scores, reasons = {}, {}
    for participant in ctx.participants:
        for post in ctx.posts:
            if ctx.seats[post.pk] < 1 or ineligibility(ctx, participant, post):
                continue
            scores[(participant.pk, post.pk)], reasons[(participant.pk, post.pk)] = fit(
                ctx, participant, post
            )

    def ordered(wishes: dict, side_index: int) -> dict:
        result = defaultdict(list)
        for pair, _rank in sorted(wishes.items(), key=lambda item: item[1]):
            result[pair[side_index]].append(pair[1 - side_index])
        return dict(result)

    problem = Problem(
        cadres=[p.pk for p in ctx.participants],
        posts=[p.pk for p in ctx.posts],
        capacity={p.pk: max(ctx.seats[p.pk], 0) for p in ctx.posts},
        scores=scores,
        unit_of={p.pk: p.cadre.unit_id for p in ctx.participants},
        host_of={p.pk: p.host_id for p in ctx.posts},
        max_per_unit_at_host=max_per_unit_at_host,
        cadre_prefs=ordered(ctx.cadre_wishes, 0),
        post_prefs=ordered(ctx.host_wishes, 1),
    )
    return problem, reasons
