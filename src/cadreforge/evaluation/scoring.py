"""KPI scores (考核得分) computed from records: each indicator's value per cadre, times its weight, plus
manual assessments. Every score carries its components, so a cadre can see why.

Declared rules:
- a project counts once it reached 签约 (signed) or later; with competition dates, its 签约 date must fall
  inside them. A project referred by several cadres counts in full for each of them.
- amount brackets are exclusive: 1亿 ≤ a < 10亿, 10亿 ≤ a < 50亿, a ≥ 50亿.
- ties share a rank (1, 2, 2, 4); inside a tie rows are listed by 干部编号.
- a deduction linked to a fault-tolerance case decided 免责 is ignored (容错免责 never lowers a score).
"""

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from cadreforge.core.stages import Stage
from cadreforge.pipeline.models import Lead, Project, ProjectStage, Talent, Visit
from cadreforge.programs.models import Participant
from cadreforge.secondment.models import WrittenOutput
from cadreforge.training.models import Attempt

from .models import FaultToleranceCase, Indicator, KpiScheme

YI = Decimal("100000000")
BRACKETS = {
    Indicator.PROJECTS_1E8: (YI, 10 * YI),
    Indicator.PROJECTS_1E9: (10 * YI, 50 * YI),
    Indicator.PROJECTS_5E9: (50 * YI, None),
}
TIE_RULE = "同分同名次（如1、2、2、4），同分者按干部编号排列"
TWO = Decimal("0.01")


def _in_period(scheme: KpiScheme, field: str) -> Q:
    q = Q()
    if scheme.start_date:
        q &= Q(**{f"{field}__gte": scheme.start_date})
    if scheme.end_date:
        q &= Q(**{f"{field}__lte": scheme.end_date})
    return q


def _count_by(qs: QuerySet, key: str) -> dict[int, Decimal]:
    return {row[key]: Decimal(row["n"]) for row in qs.values(key).annotate(n=Count("pk", distinct=True))}


def _signed_projects(scheme: KpiScheme) -> QuerySet[Project]:
    qs = Project.objects.filter(program=scheme.program, stage__gte=Stage.SIGNED)
    if scheme.start_date or scheme.end_date:
        signed = ProjectStage.objects.filter(_in_period(scheme, "date"), stage=Stage.SIGNED)
        qs = qs.filter(pk__in=signed.values("project_id"))
    return qs


def _project_values(scheme: KpiScheme) -> dict[str, dict[int, Decimal]]:
    values: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for project in _signed_projects(scheme).prefetch_related("cadres"):
        amount = project.amount_yuan or Decimal(0)
        for participant in project.cadres.all():
            values[Indicator.PROJECTS_SIGNED][participant.pk] += 1
            values[Indicator.AMOUNT_SIGNED][participant.pk] += amount / YI
            for key, (low, high) in BRACKETS.items():
                if amount >= low and (high is None or amount < high):
                    values[key][participant.pk] += 1
    return values


def _weekly_rates(scheme: KpiScheme, today: dt.date) -> dict[int, Decimal]:
    from cadreforge.secondment.selectors import weekly_compliance

    rates = {}
    for row in weekly_compliance(scheme.program, today=today)["rows"]:
        due = row.counts.get("due", 0)
        if due:
            rates[row.participant.pk] = Decimal(100 * row.counts.get("on_time", 0)) / due
    return rates


def _quiz_averages(scheme: KpiScheme) -> dict[int, Decimal]:
    """Per cadre: the mean over the program's quizzes of their best submitted percent."""
    best = (
        Attempt.objects.filter(
            quiz__program=scheme.program, submitted_at__isnull=False, percent__isnull=False
        )
        .values("cadre_id", "quiz_id")
        .annotate(best=Max("percent"))
    )
    per_cadre: dict[int, list[Decimal]] = defaultdict(list)
    for row in best:
        per_cadre[row["cadre_id"]].append(row["best"])
    cadre_to_participant = dict(
        Participant.objects.filter(program=scheme.program).values_list("cadre_id", "pk")
    )
    return {
        cadre_to_participant[c]: sum(v) / len(v) for c, v in per_cadre.items() if c in cadre_to_participant
    }


def indicator_values(scheme: KpiScheme, today: dt.date) -> dict[str, dict[int, Decimal]]:
    """{indicator: {participant id: value}} for the indicators the scheme weighs."""
    wanted = set(scheme.weights.values_list("indicator", flat=True))
    program = scheme.program
    values: dict[str, dict[int, Decimal]] = {}
    if Indicator.VISITS in wanted:
        qs = Visit.objects.filter(_in_period(scheme, "date"), program=program)
        values[Indicator.VISITS] = _count_by(qs, "participant_id")
    if Indicator.VALUABLE_LEADS in wanted:
        qs = Lead.objects.filter(_in_period(scheme, "date"), program=program, valuable=True)
        values[Indicator.VALUABLE_LEADS] = _count_by(qs, "participant_id")
    if wanted & {Indicator.PROJECTS_SIGNED, Indicator.AMOUNT_SIGNED, *BRACKETS}:
        values.update(_project_values(scheme))
    if Indicator.TALENTS in wanted:
        qs = Talent.objects.filter(_in_period(scheme, "date"), program=program)
        values[Indicator.TALENTS] = _count_by(qs, "cadres")
    if Indicator.OUTPUTS in wanted:
        qs = WrittenOutput.objects.filter(_in_period(scheme, "date"), program=program)
        values[Indicator.OUTPUTS] = _count_by(qs, "authors")
    if Indicator.WEEKLY_ON_TIME in wanted:
        values[Indicator.WEEKLY_ON_TIME] = _weekly_rates(scheme, today)
    if Indicator.QUIZ_AVERAGE in wanted:
        values[Indicator.QUIZ_AVERAGE] = _quiz_averages(scheme)
    return values


def _manual(scheme: KpiScheme) -> dict[int, dict]:
    out: dict[int, dict] = defaultdict(lambda: {"points": Decimal(0), "items": []})
    for a in scheme.assessments.select_related("fault_case").order_by("id"):
        exempt = (
            a.points < 0
            and a.fault_case is not None
            and a.fault_case.decision == FaultToleranceCase.Decision.EXEMPT
        )
        if not exempt:
            out[a.participant_id]["points"] += a.points
        out[a.participant_id]["items"].append(
            {"points": _num(a.points), "reason": a.reason, "ignored": exempt}
            | ({"note": "容错免责，不扣分"} if exempt else {})
        )
    return out


def _num(value: Decimal) -> float:
    return float(Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP))


def compute_scores(
    scheme: KpiScheme, batch_number: int | None = None, *, today: dt.date | None = None
) -> list:
    """Ranked rows `{"participant", "cadre", "score", "rank", "components"}` of a scheme (and batch)."""
    today = today or timezone.localdate()
    weights = list(scheme.weights.all())
    values = indicator_values(scheme, today)
    manual = _manual(scheme)
    participants = Participant.objects.filter(program=scheme.program).select_related("cadre")
    if batch_number is not None:
        participants = participants.filter(batch__number=batch_number)
    rows = []
    for p in participants:
        components, total = {}, Decimal(0)
        for w in weights:
            value = values.get(w.indicator, {}).get(p.pk, Decimal(0))
            points = value * w.weight
            total += points
            components[w.indicator] = {
                "label": Indicator(w.indicator).label,
                "value": _num(value),
                "weight": _num(w.weight),
                "points": _num(points),
            }
        if p.pk in manual:
            total += manual[p.pk]["points"]
            components["manual"] = {
                "label": "人工评价",
                "points": _num(manual[p.pk]["points"]),
                "items": manual[p.pk]["items"],
            }
        rows.append({"participant": p, "cadre": p.code, "score": _num(total), "components": components})
    return rank_rows(rows)


def rank_rows(rows: list[dict]) -> list[dict]:
    """Sort by score (high first), then 干部编号; equal scores share the rank (competition ranking)."""
    rows.sort(key=lambda r: (-r["score"], r["cadre"]))
    for i, row in enumerate(rows):
        row["rank"] = rows[i - 1]["rank"] if i and row["score"] == rows[i - 1]["score"] else i + 1
    return rows
