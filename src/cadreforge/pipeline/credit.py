"""Attribution (业绩归属): a project shared by several cadres counts once, and its one unit of credit is
split among them by the program's rule — first reporter, equal shares, or declared weights. A lead
enterprise reported by several cadres likewise counts once. Conflicts are listed for the manager.

Shares are exact fractions, so the shares of a program always add up to its number of projects.
"""

from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Prefetch

from cadreforge.accounts.models import User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError
from cadreforge.programs.models import Participant, Program
from cadreforge.programs.services import ensure_may_write

from .models import CreditWeight, Lead, PipelineSettings, Project
from .workflow import get_settings

Rule = PipelineSettings.CreditRule
HUNDRED = Decimal(100)


def _check_percent(project: Project, participant: Participant, percent: Decimal) -> None:
    where = f"项目“{project.code}”干部“{participant.code}”的权重"
    if not isinstance(percent, Decimal) or not percent.is_finite():
        raise DomainError(f"{where}不是有效的数字")
    if not (0 < percent <= HUNDRED):
        raise DomainError(f"{where}应大于0且不超过100（现为{percent}）")
    if percent != percent.quantize(Decimal("0.01")):
        raise DomainError(f"{where}最多保留两位小数（现为{percent}）")


@transaction.atomic
def declare_weights(actor: User | None, project: Project, weights: dict[Participant, Decimal]) -> None:
    """Declare each cadre's share of a project in percent (they must be its cadres and add up to 100).
    All or nothing: the declaration replaces the earlier one only when every weight is valid."""
    project = Project.objects.select_for_update().select_related("program").get(pk=project.pk)
    ensure_may_write(actor, project.program)
    if not weights:
        raise DomainError(f"项目“{project.code}”至少要为一名引荐干部申报权重")
    cadres = set(project.cadres.values_list("pk", flat=True))
    for participant, percent in weights.items():
        if participant.pk not in cadres:
            raise DomainError(f"干部“{participant.code}”不是项目“{project.code}”的引荐干部")
        _check_percent(project, participant, percent)
    total = sum(weights.values(), Decimal(0))
    if total != HUNDRED:
        raise DomainError(f"项目“{project.code}”各干部权重合计为{total.normalize():f}%，应为100%")
    before = {w.participant.code: str(w.percent) for w in project.weights.select_related("participant")}
    project.weights.all().delete()
    CreditWeight.objects.bulk_create(
        CreditWeight(project=project, participant=p, percent=v) for p, v in weights.items()
    )
    record(
        actor,
        "project.weights",
        project,
        {"before": before, "after": {p.code: str(v) for p, v in weights.items()}},
    )


def declare_weights_by_code(actor: User | None, project: Project, rows: list[tuple[str, Decimal]]) -> None:
    """`declare_weights` with cadres named by their 干部编号 (as the API and the page send them)."""
    cadres = {c.code: c for c in Participant.objects.filter(projects=project)}
    weights: dict[Participant, Decimal] = {}
    for code, percent in rows:
        if code not in cadres:
            raise DomainError(f"干部“{code[:32]}”不是项目“{project.code}”的引荐干部")
        if cadres[code] in weights:
            raise DomainError(f"干部“{code}”的权重填写了两次")
        weights[cadres[code]] = percent
    declare_weights(actor, project, weights)


def project_weights(project: Project) -> dict:
    """What the weights page and API show: the program's rule, each cadre with the declared percent (None
    when not declared) and the share they get now, and whether the declaration is valid."""
    program = project.program
    cadres = list(Participant.objects.filter(projects=project).select_related("cadre").order_by("code"))
    declared = dict(CreditWeight.objects.filter(project=project).values_list("participant_id", "percent"))
    shares = project_shares(program).get(project.pk, {})
    return {
        "rule": get_settings(program).credit_rule,
        "rule_label": get_settings(program).get_credit_rule_display(),
        "valid": _weights_valid(declared, cadres),
        "total": sum(declared.values(), Decimal(0)),
        "rows": [
            {
                "participant": c,
                "percent": declared.get(c.pk),
                "share": _percent(shares.get(c.pk, Fraction(0))),
            }
            for c in cadres
        ],
    }


def _percent(share: Fraction) -> Decimal:
    return round(Decimal(share.numerator) * HUNDRED / share.denominator, 2)


def _projects(program: Program):
    return Project.objects.filter(program=program).prefetch_related(
        Prefetch("cadres", queryset=Participant.objects.order_by("code")),
        "weights",
        Prefetch("source_lead", queryset=Lead.objects.all()),
    )


def _first_reporter(project: Project, first_lead_by_enterprise: dict) -> Participant:
    """The cadre of the project's source lead, else the earliest lead on its investor among its cadres,
    else the first cadre by code."""
    cadres = list(project.cadres.all())
    ids = {c.pk for c in cadres}
    if project.source_lead is not None and project.source_lead.participant_id in ids:
        return next(c for c in cadres if c.pk == project.source_lead.participant_id)
    for participant_id in first_lead_by_enterprise.get(project.investor_id, []):
        if participant_id in ids:
            return next(c for c in cadres if c.pk == participant_id)
    return cadres[0]


def project_shares(program: Program) -> dict[int, dict[int, Fraction]]:
    """{project id: {participant id: share}}; each project's shares add up to 1 (projects without cadres
    are credited to nobody)."""
    rule = get_settings(program).credit_rule
    reporters = defaultdict(list)
    for enterprise_id, participant_id in (
        Lead.objects.filter(program=program)
        .order_by("date", "id")
        .values_list("enterprise_id", "participant_id")
    ):
        reporters[enterprise_id].append(participant_id)
    shares = {}
    for project in _projects(program):
        cadres = list(project.cadres.all())
        if not cadres:
            continue
        weights = {w.participant_id: w.percent for w in project.weights.all()}
        if rule == Rule.FIRST_REPORTER:
            shares[project.pk] = {_first_reporter(project, reporters).pk: Fraction(1)}
        elif rule == Rule.WEIGHTS and _weights_valid(weights, cadres):
            shares[project.pk] = {pid: Fraction(pct) / 100 for pid, pct in weights.items()}
        else:
            shares[project.pk] = {c.pk: Fraction(1, len(cadres)) for c in cadres}
    return shares


def _weights_valid(weights: dict[int, Decimal], cadres: list[Participant]) -> bool:
    return bool(weights) and set(weights) <= {c.pk for c in cadres} and sum(weights.values()) == HUNDRED


def credit_by_cadre(program: Program) -> dict:
    """Per cadre: project credit (a decimal share), projects taken part in, distinct lead enterprises;
    and the totals, each project and lead enterprise counted once."""
    shares = project_shares(program)
    per_cadre = defaultdict(lambda: {"credit": Fraction(0), "projects": 0, "lead_enterprises": set()})
    for project_shares_ in shares.values():
        for participant_id, share in project_shares_.items():
            per_cadre[participant_id]["credit"] += share
    for project in _projects(program):
        for cadre in project.cadres.all():
            per_cadre[cadre.pk]["projects"] += 1
    leads = Lead.objects.filter(program=program).values_list("participant_id", "enterprise_id")
    for participant_id, enterprise_id in leads:
        per_cadre[participant_id]["lead_enterprises"].add(enterprise_id)
    participants = Participant.objects.select_related("cadre").in_bulk(per_cadre)
    rows = [
        {
            "participant": participants[pid],
            "credit": round(Decimal(figures["credit"].numerator) / figures["credit"].denominator, 2),
            "projects": figures["projects"],
            "lead_enterprises": len(figures["lead_enterprises"]),
        }
        for pid, figures in per_cadre.items()
    ]
    rows.sort(key=lambda r: (-r["credit"], r["participant"].code))
    total_credit = sum((s for p in shares.values() for s in p.values()), Fraction(0))
    return {
        "rule": get_settings(program).get_credit_rule_display(),
        "rows": rows,
        "projects": Project.objects.filter(program=program).count(),
        "credited_projects": int(total_credit),
        "lead_enterprises": Lead.objects.filter(program=program).values("enterprise").distinct().count(),
        "lead_records": Lead.objects.filter(program=program).count(),
    }


def shared_projects(program: Program) -> list[dict]:
    """Projects of several cadres (counted once, credit split), with whether weights were declared, for
    the manager to open the weights page of each."""
    rows = []
    for project in _projects(program).order_by("code"):
        cadres = list(project.cadres.all())
        if len(cadres) < 2:
            continue
        weights = {w.participant_id: w.percent for w in project.weights.all()}
        rows.append({"project": project, "cadres": cadres, "declared": _weights_valid(weights, cadres)})
    return rows


def credit_conflicts(program: Program) -> list[dict]:
    """What the manager should settle: one enterprise reported as a lead by several cadres; under the
    declared-weights rule, projects of several cadres without valid weights."""
    conflicts = []
    reporters = defaultdict(set)
    names = {}
    for lead in Lead.objects.filter(program=program).select_related("participant", "enterprise"):
        reporters[lead.enterprise_id].add(lead.participant.code)
        names[lead.enterprise_id] = lead.enterprise.name
    for enterprise_id, codes in reporters.items():
        if len(codes) > 1:
            conflicts.append(
                {
                    "kind": "shared_lead",
                    "message": f"企业“{names[enterprise_id]}”被{len(codes)}名干部分别报送线索："
                    + "、".join(sorted(codes))
                    + "；统计时只计1家企业",
                }
            )
    if get_settings(program).credit_rule == Rule.WEIGHTS:
        for project in _projects(program):
            cadres = list(project.cadres.all())
            weights = {w.participant_id: w.percent for w in project.weights.all()}
            if len(cadres) > 1 and not _weights_valid(weights, cadres):
                conflicts.append(
                    {
                        "kind": "weights",
                        "project_code": project.code,
                        "message": f"项目“{project.code} {project.name}”有{len(cadres)}名引荐干部，"
                        "未申报有效权重（合计应为100%），暂按平分计算",
                    }
                )
    return sorted(conflicts, key=lambda c: (c["kind"], c["message"]))
