"""Funnel and indicator reads. The funnel is the contract of spec/ledger-workbook.md (last section)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from cadreforge.core.stages import Stage
from cadreforge.pipeline.models import Lead, Project, ProjectStage, Talent, Visit
from cadreforge.programs.models import Participant, Program
from cadreforge.programs.selectors import get_batch
from cadreforge.secondment.models import WrittenOutput

_CENTS = Decimal("0.01")


def _yuan(value: Decimal | None) -> str:
    return str((value or Decimal(0)).quantize(_CENTS))


def _records(program: Program, batch_number: int | None) -> dict[str, QuerySet]:
    """The program's records, or batch N's: a record counts for batch N when its cadre (any of its cadres)
    belongs to batch N; without a batch each record counts once for the program."""
    participants = Participant.objects.filter(program=program)
    visits = Visit.objects.filter(program=program)
    leads = Lead.objects.filter(program=program)
    projects = Project.objects.filter(program=program)
    talents = Talent.objects.filter(program=program)
    outputs = WrittenOutput.objects.filter(program=program)
    if batch_number is not None:
        batch = get_batch(program, batch_number)
        in_batch = participants.filter(batch=batch).values("pk")
        participants = participants.filter(batch=batch)
        visits = visits.filter(participant__in=in_batch)
        leads = leads.filter(participant__in=in_batch)
        # Shared records: select ids through the link table, so a record with two cadres counts once.
        projects = projects.filter(
            pk__in=Project.cadres.through.objects.filter(participant__in=in_batch).values("project_id")
        )
        talents = talents.filter(
            pk__in=Talent.cadres.through.objects.filter(participant__in=in_batch).values("talent_id")
        )
        outputs = outputs.filter(
            pk__in=WrittenOutput.authors.through.objects.filter(participant__in=in_batch).values(
                "writtenoutput_id"
            )
        )
    return {
        "participants": participants, "visits": visits, "leads": leads,
        "projects": projects, "talents": talents, "outputs": outputs,
    }  # fmt: skip


def batches_at_work(program: Program) -> dict[int | None, tuple[int, bool]]:
    """Each batch's number of cadres, and whether any of them has a visit, lead or project (None: cadres
    without a batch), in one query: a program-wide sentence can then name only the batches that did the
    work ("首批20名挂职干部累计走访企业1873家" while the second batch has only just arrived)."""
    member = OuterRef("pk")
    at_work = (
        Q(Exists(Visit.objects.filter(participant=member)))
        | Q(Exists(Lead.objects.filter(participant=member)))
        | Q(Exists(Project.cadres.through.objects.filter(participant=member)))
    )
    rows = (
        Participant.objects.filter(program=program)
        .values("batch__number")
        .annotate(cadres=Count("pk"), working=Count("pk", filter=at_work))
        .order_by()
    )
    return {row["batch__number"]: (row["cadres"], row["working"] > 0) for row in rows}


def get_funnel(program: Program, batch_number: int | None = None) -> dict:
    """The program's funnel, or batch N's (which records count for a batch: `_records`)."""
    records = _records(program, batch_number)
    participants, visits, leads = records["participants"], records["visits"], records["leads"]
    projects, talents, outputs = records["projects"], records["talents"], records["outputs"]

    visit_figures = visits.aggregate(visits=Count("id"), enterprises=Count("enterprise", distinct=True))
    lead_figures = leads.aggregate(leads=Count("id"), valuable=Count("id", filter=Q(valuable=True)))
    stage_aggregates = {}
    for stage in Stage:
        stage_aggregates[f"now_{stage.key}"] = Count("id", filter=Q(stage=stage.value))
        stage_aggregates[f"reached_{stage.key}"] = Count("id", filter=Q(stage__gte=stage.value))
    project_figures = projects.aggregate(
        projects=Count("id"),
        signed_yuan=Sum("amount_yuan", filter=Q(stage__gte=Stage.SIGNED)),
        landed_yuan=Sum("amount_yuan", filter=Q(stage__gte=Stage.LANDED)),
        **stage_aggregates,
    )
    output_figures = outputs.aggregate(
        count=Count("id"), characters=Sum("characters"), adopted=Count("id", filter=Q(adopted=True))
    )
    return {
        "program": program.code,
        "batch": batch_number,
        "cadres": participants.count(),
        "visits": visit_figures["visits"],
        "enterprises_visited": visit_figures["enterprises"],
        "leads": lead_figures["leads"],
        "valuable_leads": lead_figures["valuable"],
        "projects": project_figures["projects"],
        "stage_now": {stage.key: project_figures[f"now_{stage.key}"] for stage in Stage},
        "reached": {stage.key: project_figures[f"reached_{stage.key}"] for stage in Stage},
        "amount_yuan": {
            "signed": _yuan(project_figures["signed_yuan"]),
            "landed": _yuan(project_figures["landed_yuan"]),
        },
        "talents": talents.count(),
        "outputs": {
            "count": output_figures["count"],
            "characters": output_figures["characters"] or 0,
            "adopted": output_figures["adopted"],
        },
    }


def get_period_figures(program: Program, batch_number: int | None, start: dt.date, end: dt.date) -> dict:
    """What happened between `start` and `end` (both included) in the program or batch N: visits and the
    enterprises they went to, valuable leads reported, projects reaching each stage (by the stage's date),
    talents brought in. For the "近一周/近一月" sentence of scheduled briefings."""
    records = _records(program, batch_number)
    within = {"date__gte": start, "date__lte": end}
    visits = (
        records["visits"]
        .filter(**within)
        .aggregate(visits=Count("id"), enterprises=Count("enterprise", distinct=True))
    )
    stages = ProjectStage.objects.filter(project__in=records["projects"], **within)
    reached = dict(stages.values_list("stage").annotate(n=Count("project", distinct=True)).order_by())
    return {
        "start": start,
        "end": end,
        "visits": visits["visits"],
        "enterprises_visited": visits["enterprises"],
        "valuable_leads": records["leads"].filter(valuable=True, **within).count(),
        "reached": {stage.key: reached.get(stage.value, 0) for stage in Stage},
        "talents": records["talents"].filter(**within).count(),
    }


def get_verified_funnel(program: Program, batch_number: int | None = None) -> dict:
    """The project part of the funnel counting only what a verifier (投资促进局) verified: a project counts
    as having reached a stage when that stage or a later one is verified. Amounts are kept apart — agreed
    (协议), arrived (到资) and fixed-asset investment — and `basis` says these totals are verified ones."""
    projects = Project.objects.filter(program=program)
    if batch_number is not None:
        batch = get_batch(program, batch_number)
        projects = projects.filter(
            pk__in=Project.cadres.through.objects.filter(participant__batch=batch).values("project_id")
        )
    verified = ProjectStage.objects.filter(project__in=projects, verified_at__isnull=False)

    def reached(stage: Stage):
        return projects.filter(pk__in=verified.filter(stage__gte=stage.value).values("project_id"))

    signed, landed = reached(Stage.SIGNED), reached(Stage.LANDED)
    signed_sums = signed.aggregate(
        agreed=Sum("amount_yuan"), arrived=Sum("arrived_yuan"), fixed=Sum("fixed_asset_yuan")
    )
    return {
        "program": program.code,
        "batch": batch_number,
        "basis": "verified",
        "projects": reached(Stage.INSPECTION).count(),
        "projects_recorded": projects.count(),
        "awaiting_verification": projects.filter(
            ~Exists(verified.filter(project=OuterRef("pk"), stage=OuterRef("stage")))
        ).count(),
        "reached": {stage.key: reached(stage).count() for stage in Stage},
        "amount_yuan": {
            "signed": _yuan(signed_sums["agreed"]),
            "landed": _yuan(landed.aggregate(total=Sum("amount_yuan"))["total"]),
        },
        "arrived_yuan": _yuan(signed_sums["arrived"]),
        "fixed_asset_yuan": _yuan(signed_sums["fixed"]),
    }
