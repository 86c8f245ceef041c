"""The rule engine of a call: eligibility, priority, weighted score, ranking and quotas. Pure functions of
the call's data and the applications, so the outcome can be recomputed and explained at any time."""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from cadreforge.core.text import text_key
from cadreforge.org.models import OrgUnit

from .models import TIE_BREAKS, Application, Call, PanelScore, PriorityRule

DEFAULT_WEIGHTS = {"studied": 5, "worked": 10, "managed": 10, "assessment": 0.4, "interview": 0.4}
WEIGHT_LABELS = {
    "studied": "学过",
    "worked": "干过",
    "managed": "管过",
    "assessment": "考察成绩",
    "interview": "面试成绩",
    "priority": "优先加分",
}
# Tier of an application meeting no priority rule (tiers mode): after every declared tier.
NO_PRIORITY_TIER = 99
_FLAGS = {"studied": "has_studied_economy", "worked": "has_worked_economy", "managed": "has_managed_economy"}


def age_on(birth_month: dt.date | None, day: dt.date) -> int | None:
    if birth_month is None:
        return None
    return day.year - birth_month.year - ((day.month, day.day) < (birth_month.month, birth_month.day))


def eligibility_problems(call: Call, application: Application) -> list[str]:
    """Why the application does not meet the call's conditions (empty when it does)."""
    cadre = application.cadre
    problems = []
    if call.allowed_ranks and cadre.rank not in call.allowed_ranks:
        problems.append(f"职级“{cadre.rank or '未填'}”不在允许范围（{'、'.join(call.allowed_ranks)}）")
    if call.max_age is not None:
        reference = call.age_reference_date or call.deadline
        age = age_on(cadre.birth_month, reference)
        if age is None:
            problems.append("未填出生年月，无法核对年龄")
        elif age > call.max_age:
            problems.append(
                f"截至{reference.year}年{reference.month}月{reference.day}日年龄{age}岁，超过{call.max_age}岁"
            )
    if call.min_years_in_post is not None and application.years_in_post < call.min_years_in_post:
        problems.append(f"任现职{application.years_in_post}年，不满{call.min_years_in_post}年")
    if call.allowed_unit_kinds and cadre.unit.kind not in call.allowed_unit_kinds:
        labels = "、".join(str(OrgUnit.Kind(k).label) for k in call.allowed_unit_kinds)
        problems.append(f"单位类型“{cadre.unit.get_kind_display()}”不在允许范围（{labels}）")
    if call.tracks and application.track not in call.tracks:
        problems.append(f"方向“{application.track or '未填'}”不是本次公告的方向")
    return problems


def _contains_any(text: str, keywords: Iterable[str]) -> bool:
    key = text_key(text)
    return any(text_key(k) in key for k in keywords)


def meets_rule(rule: PriorityRule, application: Application) -> bool:
    cadre = application.cadre
    unit_names = cadre.unit.path
    checks = [
        not rule.unit_kinds or cadre.unit.kind in rule.unit_kinds,
        not rule.unit_keywords or _contains_any(unit_names, rule.unit_keywords),
        not rule.position_keywords or _contains_any(cadre.position, rule.position_keywords),
        not rule.tags or any(_contains_any(" ".join(cadre.tags), [t]) for t in rule.tags),
        not rule.flag or getattr(cadre, _FLAGS[rule.flag]),
    ]
    return all(checks)


def priority_of(rules: list[PriorityRule], application: Application) -> tuple[int, Decimal, list[str]]:
    """(best tier met, points summed, labels of the rules met)."""
    met = [r for r in rules if meets_rule(r, application)]
    tier = min((r.tier for r in met), default=NO_PRIORITY_TIER)
    return tier, sum((r.points for r in met), Decimal(0)), [r.label for r in met]


def average(scores: list[PanelScore], kind: str) -> Decimal | None:
    values = [s.score for s in scores if s.kind == kind]
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")) if values else None


def score_components(call: Call, application: Application, scores: list[PanelScore]) -> dict[str, Decimal]:
    """Each weighted part of the score: experience flags, averaged panel scores and (points mode) priority."""
    weights = {**DEFAULT_WEIGHTS, **(call.weights or {})}
    cadre = application.cadre
    parts: dict[str, Decimal] = {}
    for flag, field in _FLAGS.items():
        if getattr(cadre, field):
            parts[flag] = Decimal(str(weights[flag]))
    for kind in (PanelScore.Kind.ASSESSMENT, PanelScore.Kind.INTERVIEW):
        avg = average(scores, kind)
        if avg is not None:
            parts[kind] = (avg * Decimal(str(weights[kind]))).quantize(Decimal("0.01"))
    if call.priority_mode == Call.PriorityMode.POINTS and application.priority_points:
        parts["priority"] = application.priority_points
    return parts


def ranking_key(call: Call, application: Application, scores: list[PanelScore]) -> tuple:
    """Sort key (ascending = better): tier (tiers mode), score, then the call's declared tie-breaks, and
    last the order of application, so no two applications ever share a place."""
    key: list = []
    if call.priority_mode == Call.PriorityMode.TIERS:
        key.append(application.priority_tier or NO_PRIORITY_TIER)
    key.append(-(application.score or 0))
    cadre = application.cadre
    for name in call.tie_breaks or []:
        if name == "interview":
            key.append(-(average(scores, "interview") or 0))
        elif name == "assessment":
            key.append(-(average(scores, "assessment") or 0))
        elif name == "experience":
            key.append(-len(cadre.experience_labels))
        elif name == "years_in_post":
            key.append(-application.years_in_post)
        elif name == "younger":
            key.append(-(cadre.birth_month or dt.date.min).toordinal())
        elif name == "applied_first":
            key.append(application.created_at)
    key.append(application.pk)
    return tuple(key)


def validate_tie_breaks(names: list[str]) -> list[str]:
    return [n for n in names if n not in TIE_BREAKS]


def pick_within_quotas(call: Call, ranked: list[Application]) -> list[Application]:
    """Walk the ranking and take each eligible application unless its track or home unit is full, until
    the call's quota is reached."""
    taken: list[Application] = []
    per_track: Counter = Counter()
    per_unit: Counter = Counter()
    track_quotas = call.track_quotas or {}
    for app in ranked:
        if len(taken) >= call.quota:
            break
        if app.track in track_quotas and per_track[app.track] >= int(track_quotas[app.track]):
            continue
        if call.unit_quota is not None and per_unit[app.cadre.unit_id] >= call.unit_quota:
            continue
        taken.append(app)
        per_track[app.track] += 1
        per_unit[app.cadre.unit_id] += 1
    return taken
