"""Reads of the digital dashboard (数字看板): one program (or batch, or period) and all visible programs.

Every figure is counted from records; the dashboard page, its JSON endpoint and the API return exactly
`get_dashboard(...)`. The funnel and the amount brackets are cumulative; the period filter narrows the
monthly trends, the leaderboard, the ranking of home units and the chain coverage (by record dates).
"""

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse

from cadreforge.accounts.models import User
from cadreforge.core.money import YI
from cadreforge.core.stages import Stage
from cadreforge.evaluation.selectors import may_see_board as may_see_ranking
from cadreforge.pipeline.models import Lead, Project, ProjectStage, Visit
from cadreforge.programs.models import Participant, Post, Program
from cadreforge.programs.selectors import get_batch

from .flows import cadre_flows
from .models import Indicator
from .selectors import get_funnel
from .stalled import stalled_lists

LEADERBOARD_SIZE = 10
BRACKETS = ((Decimal(50) * YI, "≥50亿元"), (Decimal(10) * YI, "≥10亿元"), (YI, "≥1亿元"))
STAGE_LABELS = {stage.key: stage.label for stage in Stage}


def _scoped(program: Program, batch_number: int | None) -> tuple[QuerySet, QuerySet, QuerySet, QuerySet]:
    participants = Participant.objects.filter(program=program)
    visits = Visit.objects.filter(program=program)
    leads = Lead.objects.filter(program=program)
    projects = Project.objects.filter(program=program)
    if batch_number is not None:
        participants = participants.filter(batch=get_batch(program, batch_number))
        in_batch = participants.values("pk")
        visits = visits.filter(participant__in=in_batch)
        leads = leads.filter(participant__in=in_batch)
        projects = projects.filter(
            pk__in=Project.cadres.through.objects.filter(participant__in=in_batch).values("project_id")
        )
    return participants, visits, leads, projects


def _in_period(qs: QuerySet, field: str, date_from: dt.date | None, date_to: dt.date | None) -> QuerySet:
    if date_from:
        qs = qs.filter(**{f"{field}__gte": date_from})
    if date_to:
        qs = qs.filter(**{f"{field}__lte": date_to})
    return qs


def _month(value: dt.date) -> str:
    return f"{value.year}-{value.month:02d}"


def _api(program: Program, what: str, **query) -> str:
    params = "&".join(f"{k}={v}" for k, v in query.items() if v not in (None, ""))
    return f"/api/v1/programs/{program.code}/{what}" + (f"?{params}" if params else "")


def _flows_url(program: Program, batch_number: int | None, period: dict) -> str:
    """The flow map's drill-down page, carrying the dashboard's filters."""
    query = {"batch": batch_number, "from": period["from"], "to": period["to"]}
    params = "&".join(f"{k}={v}" for k, v in query.items() if v not in (None, ""))
    return reverse("reports:flows", args=[program.code]) + (f"?{params}" if params else "")


def monthly_trends(visits: QuerySet, leads: QuerySet, projects: QuerySet) -> dict:
    """Visits and leads by their month; projects by the month of their first dated stage."""
    counts: dict[str, Counter] = {"visits": Counter(), "leads": Counter(), "projects": Counter()}
    for name, qs in (("visits", visits), ("leads", leads)):
        rows = qs.order_by().annotate(month=TruncMonth("date")).values("month").annotate(n=Count("*"))
        for row in rows:
            counts[name][_month(row["month"])] += row["n"]
    # A subquery per project walks the stage index; a join would scan every program's stages.
    stages = ProjectStage.objects.filter(project=OuterRef("pk"), date__isnull=False).order_by("date")
    firsts = projects.order_by().annotate(first=Subquery(stages.values("date")[:1]))
    for first in firsts.values_list("first", flat=True):
        if first is not None:
            counts["projects"][_month(first)] += 1
    months = sorted(set().union(*counts.values()))
    return {"months": months, **{name: [c[m] for m in months] for name, c in counts.items()}}


def _per_participant(visits: QuerySet, leads: QuerySet, projects: QuerySet) -> dict[int, Counter]:
    figures: dict[int, Counter] = defaultdict(Counter)
    for row in visits.order_by().values("participant").annotate(n=Count("*")):
        figures[row["participant"]]["visits"] = row["n"]
    for row in leads.order_by().values("participant").annotate(n=Count("*")):
        figures[row["participant"]]["leads"] = row["n"]
    links = Project.cadres.through.objects.filter(project__in=projects.values("pk"))
    for row in links.values("participant_id").annotate(n=Count("project_id", distinct=True)):
        figures[row["participant_id"]]["projects"] = row["n"]
    return figures


def _rank_key(figures: Counter) -> tuple[int, int, int]:
    return (-figures["projects"], -figures["leads"], -figures["visits"])


def leaderboard_and_units(
    participants: QuerySet, visits: QuerySet, leads: QuerySet, projects: QuerySet
) -> tuple[list[dict], list[dict]]:
    """Top cadres by projects, then leads, then visits; and the ranking board (赛马榜) of home units."""
    figures = _per_participant(visits, leads, projects)
    people = {
        p.pk: p
        for p in participants.order_by()
        .select_related("cadre__unit")
        .only("code", "cadre__id", "cadre__name", "cadre__unit__name")
    }
    ranked = sorted((pk for pk in figures if pk in people), key=lambda pk: (_rank_key(figures[pk]), pk))
    leaderboard = []
    for rank, pk in enumerate(ranked[:LEADERBOARD_SIZE], start=1):
        participant = people[pk]
        leaderboard.append(
            {
                "rank": rank,
                "code": participant.code,
                "name": participant.cadre.name,
                "unit": participant.cadre.unit.name,
                **{k: figures[pk][k] for k in ("visits", "leads", "projects")},
                "url": reverse("web:cadre-detail", args=[participant.cadre_id]),
            }
        )
    units: dict[str, Counter] = defaultdict(Counter)
    for pk, participant in people.items():
        unit = units[participant.cadre.unit.name]
        unit["cadres"] += 1
        unit.update(figures.get(pk, Counter()))
    board = sorted(units.items(), key=lambda item: (_rank_key(item[1]), item[0]))
    ranking = [
        {
            "rank": rank,
            "unit": name,
            **{k: f[k] for k in ("cadres", "visits", "leads", "projects")},
        }
        for rank, (name, f) in enumerate(board, start=1)
    ]
    return leaderboard, ranking


def chain_coverage(program: Program, visits: QuerySet, projects: QuerySet) -> list[dict]:
    """Posts, visits and projects per industrial chain (链), most projects first."""
    rows: dict[str, Counter] = defaultdict(Counter)
    posts = Post.chains.through.objects.filter(post__program=program)
    for row in posts.values("chain__name").annotate(n=Count("post_id")):
        rows[row["chain__name"]]["posts"] = row["n"]
    for name, qs, link in (("visits", visits, "visit"), ("projects", projects, "project")):
        through = qs.model.chains.through.objects.filter(**{f"{link}__in": qs.values("pk")})
        for row in through.values("chain__name").annotate(n=Count(f"{link}_id")):
            rows[row["chain__name"]][name] = row["n"]
    ordered = sorted(rows.items(), key=lambda item: (-item[1]["projects"], -item[1]["posts"], item[0]))
    return [{"chain": name, **{k: c[k] for k in ("posts", "visits", "projects")}} for name, c in ordered]


def amount_brackets(projects: QuerySet) -> list[dict]:
    """Signed (or later) projects by agreed amount: ≥1亿元, ≥10亿元, ≥50亿元 (each includes the larger)."""
    signed = projects.filter(stage__gte=Stage.SIGNED, amount_yuan__gte=min(floor for floor, _ in BRACKETS))
    aggregates = {}
    for i, (floor, _label) in enumerate(BRACKETS):
        aggregates[f"n{i}"] = Count("id", filter=Q(amount_yuan__gte=floor))
        aggregates[f"total{i}"] = Sum("amount_yuan", filter=Q(amount_yuan__gte=floor))
    figures = signed.aggregate(**aggregates)
    return [
        {
            "label": label,
            "floor_yuan": str(floor),
            "projects": figures[f"n{i}"],
            "amount_yuan": str((figures[f"total{i}"] or Decimal(0)).quantize(Decimal("0.01"))),
        }
        for i, (floor, label) in reversed(list(enumerate(BRACKETS)))
    ]


def indicators_for(region: str) -> list[dict]:
    """The indicators of the program's region (an indicator's region is named inside the program's)."""
    if not region:
        return []
    rows = [i for i in Indicator.objects.all() if i.region and i.region in region]
    return [
        {
            "region": i.region,
            "name": i.name,
            "period": i.period,
            "value": f"{i.value.normalize():f}",
            "unit": i.unit,
            "prior_value": None if i.prior_value is None else f"{i.prior_value.normalize():f}",
            "change_percent": None if i.change_percent is None else f"{i.change_percent.normalize():f}",
        }
        for i in rows
    ]


def weekly_figures(program: Program, batch_number: int | None, today: dt.date) -> dict | None:
    """Weekly-report compliance counts (secondment), or None when the program has no reporting cadre."""
    from cadreforge.secondment.selectors import weekly_counts

    counts = weekly_counts(program, batch_number, today=today)
    return counts if counts.get("due") else None


def get_dashboard(
    program: Program,
    batch_number: int | None = None,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    today: dt.date | None = None,
    user: User | None = None,
) -> dict:
    """Everything the program dashboard draws, as JSON-ready data; each block says where to drill down.
    The cadre leaderboard names cadres side by side, so it is left out (no key) for a user who may not see
    rankings (evaluation's rule, as the ranking API); without a user (briefings) it is in."""
    participants, visits, leads, projects = _scoped(program, batch_number)
    p_visits = _in_period(visits, "date", date_from, date_to)
    p_leads = _in_period(leads, "date", date_from, date_to)
    p_projects = projects
    if date_from or date_to:
        dated = _in_period(Project.objects.filter(stages__isnull=False), "stages__date", date_from, date_to)
        p_projects = projects.filter(pk__in=dated.values("pk"))
    leaderboard, units = leaderboard_and_units(participants, p_visits, p_leads, p_projects)
    program_url = reverse("web:program-detail", args=[program.code])
    batch_query = f"?batch={batch_number}" if batch_number else ""
    period = {
        "from": date_from.isoformat() if date_from else None,
        "to": date_to.isoformat() if date_to else None,
    }
    data = {
        "program": {"code": program.code, "name": program.name, "region": program.region},
        "batch": batch_number,
        "period": period,
        "funnel": get_funnel(program, batch_number),
        "trends": monthly_trends(p_visits, p_leads, p_projects),
        "leaderboard": leaderboard,
        "units": units,
        "chains": chain_coverage(program, p_visits, p_projects),
        "brackets": amount_brackets(projects),
        "weekly": weekly_figures(program, batch_number, today or dt.date.today()),
        "indicators": indicators_for(program.region),
        "flows": cadre_flows(
            participants,
            _flows_url(program, batch_number, period),
            date_from=date_from,
            date_to=date_to,
        ),
        "stalled": stalled_lists(user, program, batch_number, today=today) if user else None,
        "links": {
            "funnel": program_url + batch_query + "#funnel",
            "visits": _api(
                program, "visits", batch=batch_number, date_from=period["from"], date_to=period["to"]
            ),
            "leads": _api(program, "leads", batch=batch_number),
            "projects": _api(program, "projects", batch=batch_number),
            "signed_projects": _api(program, "projects", batch=batch_number, stage="signed"),
            "posts": reverse("web:post-list") + f"?program={program.code}",
            "cadres": reverse("web:cadre-list") + f"?program={program.code}",
        },
    }
    if user is not None and not may_see_ranking(user):
        del data["leaderboard"]
    return data


def _figures_by_program(programs: QuerySet) -> dict[int, Counter]:
    """Cadres, visits, leads, projects, signed, landed and signed amount of each program, as in get_funnel."""
    figures: dict[int, Counter] = defaultdict(Counter)
    ids = programs.values("pk")
    for model, name in ((Participant, "cadres"), (Visit, "visits"), (Lead, "leads")):
        for pk, n in (
            model.objects.filter(program__in=ids).order_by().values_list("program").annotate(n=Count("*"))
        ):
            figures[pk][name] = n
    rows = (
        Project.objects.filter(program__in=ids)
        .order_by()
        .values_list("program")
        .annotate(
            n=Count("*"),
            signed=Count("id", filter=Q(stage__gte=Stage.SIGNED)),
            landed=Count("id", filter=Q(stage__gte=Stage.LANDED)),
            signed_yuan=Sum("amount_yuan", filter=Q(stage__gte=Stage.SIGNED)),
        )
    )
    for pk, n, signed, landed, signed_yuan in rows:
        figures[pk].update(projects=n, signed=signed, landed=landed)
        figures[pk]["signed_yuan"] = signed_yuan
    return figures


def get_overview(programs: QuerySet, user: User | None = None) -> dict:
    """The figures of every given program side by side, and their totals (across programs): the funnel's
    figures, counted for all programs at once (one grouped query per table, whatever their number)."""
    figures = _figures_by_program(programs)
    rows = []
    for program in programs.order_by("code"):
        f = figures[program.pk]
        rows.append(
            {
                "code": program.code,
                "name": program.name,
                **{k: f[k] for k in ("cadres", "visits", "leads", "projects", "signed", "landed")},
                "signed_yuan": str((f["signed_yuan"] or Decimal(0)).quantize(Decimal("0.01"))),
                "url": reverse("reports:dashboard", args=[program.code]),
            }
        )
    keys = ("cadres", "visits", "leads", "projects", "signed", "landed")
    totals = {k: sum(r[k] for r in rows) for k in keys}
    totals["signed_yuan"] = str(sum((Decimal(r["signed_yuan"]) for r in rows), Decimal("0.00")))
    return {
        "programs": rows,
        "totals": totals,
        "stalled": stalled_lists(user, programs) if user else None,
        # Its flow lines drill down to the overview page itself, which then lists the records of one line.
        "flows": cadre_flows(
            Participant.objects.filter(program__in=programs.values("pk")), reverse("reports:overview")
        ),
    }
