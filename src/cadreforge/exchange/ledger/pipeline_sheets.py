"""Writing the pipeline's sheets: 走访 (visits), 线索 (leads) and 项目 (projects with their stage history).
Visits and leads are the big sheets of a ledger: they go through `upsert_rows` (ids up front, COPY)."""

from operator import itemgetter

from cadreforge.core.stages import Stage
from cadreforge.pipeline.models import Lead, Project, ProjectStage, Visit
from cadreforge.programs.models import Program

from .context import WriteContext, row_fields
from .helpers import _stage_plan
from .upsert import Wanted, upsert, upsert_rows


def write_visits(
    ctx: WriteContext, program: Program, participants: dict[str, int], enterprises: dict[str, int]
) -> None:
    if "走访" not in ctx.ledger.rows:
        return
    has_chains = ctx.ledger.has("走访", "产业链")
    present = ctx.present("走访", {"企业所在地": "location", "备注": "notes"})
    wanted = {}
    chains: dict[tuple, set[int]] = {}  # chain ids per distinct 产业链 cell (never changed once made)
    for r in ctx.rows("走访"):
        values = r.values
        key = (values["走访日期"], participants[values["干部编号"]], enterprises[values["_ekey"]])
        links = {}
        if has_chains:
            names = tuple(values["产业链"] or ())
            if names not in chains:
                chains[names] = ctx.chain_ids(names)
            links["chains"] = chains[names]
        wanted[key] = Wanted(row_fields(r, present), links)
    _, ctx.counts["走访"] = upsert_rows(
        Visit,
        Visit.objects.filter(program=program),
        ["date", "participant_id", "enterprise_id"],
        wanted,
        {"program_id": program.pk},
        ["chains"],
        order=itemgetter(0),  # by date, as the visits' key and (program, date) indexes are ordered
    )
    ctx.progress("走访")


def write_leads(ctx: WriteContext, program, participants, enterprises) -> dict[str, int]:
    mapping = {
        "报送日期": "date",
        "线索内容": "content",
        "预计投资额(万元)": "expected_amount_yuan",
        "有价值": "valuable",
    }
    if "线索" not in ctx.ledger.rows:
        return dict(Lead.objects.filter(program=program).values_list("code", "pk"))
    wanted = {}
    present = ctx.present("线索", mapping, {"valuable": True})
    for r in ctx.rows("线索"):
        f = row_fields(r, present)
        f["participant_id"] = participants[r.values["干部编号"]]
        f["enterprise_id"] = enterprises[r.values["_ekey"]]
        links = {"chains": ctx.chain_ids(r.values.get("产业链"))} if ctx.ledger.has("线索", "产业链") else {}
        wanted[r.values["线索编号"]] = Wanted(f, links)
    _, ctx.counts["线索"] = upsert_rows(
        Lead,
        Lead.objects.filter(program=program),
        ["code"],
        wanted,
        {"program_id": program.pk},
        ["chains"],
    )
    ctx.progress("线索")
    return dict(Lead.objects.filter(program=program).values_list("code", "pk"))


def write_projects(ctx: WriteContext, program, participants, enterprises, leads) -> None:
    mapping = {"项目名称": "name", "投资额(万元)": "amount_yuan"}
    wanted, dates = {}, {}
    for r in ctx.rows("项目"):
        code = r.values["项目编号"]
        f = ctx.fields("项目", r, mapping)
        f["investor_id"] = enterprises[r.values["_ekey"]]
        f["stage"] = int(r.values["当前阶段"])
        if ctx.ledger.has("项目", "来源线索编号"):
            f["source_lead_id"] = leads.get(r.values.get("来源线索编号"))
        links = {}
        if ctx.ledger.has("项目", "引荐干部编号"):
            links["cadres"] = {participants[c] for c in r.values.get("引荐干部编号") or ()}
        if ctx.ledger.has("项目", "产业链"):
            links["chains"] = ctx.chain_ids(r.values.get("产业链"))
        wanted[code] = Wanted(f, links)
        dates[code] = {s: r.values.get(f"{s.label}日期") for s in Stage}
    if "项目" not in ctx.ledger.rows:
        return
    existing = {p.code: p for p in Project.objects.filter(program=program)}
    history: dict[int, dict[int, ProjectStage]] = {}
    for row in ProjectStage.objects.filter(project__program=program):
        history.setdefault(row.project_id, {})[row.stage] = row
    plans = {
        code: _stage_plan(
            w.fields["stage"], dates[code], history.get(existing[code].pk, {}) if code in existing else {}
        )
        for code, w in wanted.items()
    }
    # A change in the stage history is a change of the project (it moves updated_at).
    force = {code for code, plan in plans.items() if plan[2]}
    result, counts = upsert(
        Project,
        existing,
        wanted,
        lambda k, f: Project(program=program, code=k, **f),
        ["cadres", "chains"],
        force=force,
    )
    new_rows, changed_rows, stale = [], [], []
    for code, (keep, stale_ids, _) in plans.items():
        pid = result[code].pk
        stale.extend(stale_ids)
        for stage, (row, day) in keep.items():
            if row is None:
                new_rows.append(ProjectStage(project_id=pid, stage=stage, date=day))
            elif row.date != day:
                row.date = day
                changed_rows.append(row)
    ProjectStage.objects.filter(pk__in=stale).delete()
    ProjectStage.objects.bulk_create(new_rows, batch_size=2000)
    ProjectStage.objects.bulk_update(changed_rows, ["date"], batch_size=2000)
    ctx.counts["项目"] = counts
    ctx.progress("项目")
