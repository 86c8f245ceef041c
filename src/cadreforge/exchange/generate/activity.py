"""What the cadres do, in bulk: enterprises, visits (走访), leads (招商线索), projects with a stage-history row
for every stage reached, talents, written outputs and weekly study reports. Every record's participant
belongs to the record's program, and its dates fall in order."""

import datetime as dt
import random
from collections.abc import Iterator
from functools import lru_cache

from cadreforge.core.text import name_key
from cadreforge.pipeline.models import Enterprise, Lead, Project, ProjectStage, Talent, Visit
from cadreforge.secondment.models import WeeklyReport, WrittenOutput
from cadreforge.secondment.workdays import WorkCalendar, due_date, report_weeks

from . import vocab
from .bulk import BulkWriter
from .cohort import Member, World

# Stage a project is at now: most stay at 考察/意向, few reach 投产.
STAGE_WEIGHTS = [35, 25, 20, 12, 8]
PROJECT_WORDS = ["生产基地", "研发中心", "智能工厂", "总部", "产业园", "扩产"]


@lru_cache(maxsize=4096)
def iso(day: dt.date) -> str:
    return day.isoformat()


def _quotas(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _day_in(rng: random.Random, m: Member) -> dt.date:
    return m.start + dt.timedelta(days=rng.randrange((m.end - m.start).days + 1))


def enterprise_name(i: int) -> str:
    """The i-th enterprise: city × brand × trade (× a second brand past 12,000) is distinct for every i."""
    city = vocab.HOST_CITIES[i % 12]
    brand = vocab.BRANDS[(i // 12) % 50]
    trade = vocab.TRADES[(i // 600) % 20]
    second = "" if i < 12_000 else vocab.BRANDS[(i // 12_000 - 1) % 50]
    name = f"{city}{brand}{second}{trade}{vocab.LEGAL_FORMS[i % len(vocab.LEGAL_FORMS)]}"
    if i % 17 == 0:  # an investor that writes in Traditional characters
        name = "".join(vocab.TRADITIONAL.get(ch, ch) for ch in name)
    return name


def build_enterprises(world: World, out: BulkWriter) -> list[tuple[int, str]]:
    """(id, name) of every enterprise; one already in the database under the same key is reused."""
    existing = dict(Enterprise.objects.values_list("name_key", "pk"))
    first = out.next_id(Enterprise)
    rows, result = [], []
    for i in range(world.scale.enterprises):
        name = enterprise_name(i)
        key = name_key(name)
        if key in existing:
            result.append((existing[key], name))
            continue
        existing[key] = first + len(rows)
        rows.append((first + len(rows), name, key, f"{vocab.HOST_CITIES[i % 12]}市"))
        result.append((rows[-1][0], name))
    out.write(Enterprise, ["id", "name", "name_key", "location"], rows, "企业")
    return result


def build_visits(world: World, out: BulkWriter, pools: dict[int, list[int]], places: dict[int, str]) -> None:
    rng = random.Random(world.seed + 10)
    members = [m for program in world.programs for m in world.members[program.pk]]
    quotas = _quotas(world.scale.visits, len(members))
    for i in range(0, len(quotas) - 1, 2):  # uneven but the same total: one cadre's extra is the next's less
        shift = rng.randint(0, quotas[i + 1] // 2)
        quotas[i], quotas[i + 1] = quotas[i] + shift, quotas[i + 1] - shift

    def rows() -> Iterator[tuple]:
        for m, n in zip(members, quotas, strict=True):
            pool, seen = pools[m.program_id], set()
            span = (m.end - m.start).days + 1
            n = min(n, span * len(pool))
            while len(seen) < n:
                day, ent = rng.randrange(span), rng.choice(pool)
                if (day, ent) in seen:
                    continue
                seen.add((day, ent))
                yield (m.program_id, m.id, ent, iso(m.start + dt.timedelta(days=day)), places[ent], "")

    cols = ["program_id", "participant_id", "enterprise_id", "date", "location", "notes"]
    out.write(Visit, cols, rows(), "走访")


def build_leads(world: World, out: BulkWriter, pools: dict[int, list[int]]) -> dict[int, list[tuple]]:
    """Leads per program as (id, member, enterprise id, date, valuable) for the projects to come from."""
    rng = random.Random(world.seed + 11)
    lead_id = out.next_id(Lead)
    leads, chains, by_program = [], [], {}
    for program, quota in zip(world.programs, _quotas(world.scale.leads, len(world.programs)), strict=True):
        members, pool, mine = world.members[program.pk], pools[program.pk], []
        for k in range(quota):
            m = rng.choice(members)
            ent, day, valuable = rng.choice(pool), _day_in(rng, m), rng.random() < 0.6
            amount = f"{rng.randrange(100, 50_000) * 10_000}.00"
            leads.append((lead_id, program.pk, f"L{k + 1:06d}", m.id, ent, iso(day), "", amount, valuable))
            chains.append((lead_id, rng.choice(world.chain_ids)))
            mine.append((lead_id, m, ent, day, valuable))
            lead_id += 1
        by_program[program.pk] = mine
    cols = ["id", "program_id", "code", "participant_id", "enterprise_id", "date", "content",
            "expected_amount_yuan", "valuable"]  # fmt: skip
    out.write(Lead, cols, leads, "线索")
    out.write(Lead.chains.through, ["lead_id", "chain_id"], chains, "线索产业链")
    return by_program


def build_projects(world: World, out: BulkWriter, pools, names: dict[int, str], leads) -> None:
    rng = random.Random(world.seed + 12)
    project_id = out.next_id(Project)
    projects, stages, cadres, chains = [], [], [], []
    for program, quota in zip(
        world.programs, _quotas(world.scale.projects, len(world.programs)), strict=True
    ):
        members, valuable = world.members[program.pk], [x for x in leads[program.pk] if x[4]]
        for k in range(quota):
            if valuable and rng.random() < 0.7:
                lead_id, m, ent, day, _ = rng.choice(valuable)
                day += dt.timedelta(days=rng.randint(7, 60))
            else:
                lead_id, m = None, rng.choice(members)
                ent, day = rng.choice(pools[program.pk]), _day_in(rng, m)
            stage = rng.choices(range(1, 6), weights=STAGE_WEIGHTS)[0]
            title = f"{names[ent][:8]}{rng.choice(PROJECT_WORDS)}项目"
            amount = f"{rng.randrange(500, 200_000) * 10_000}.00"
            projects.append((project_id, program.pk, f"X{k + 1:05d}", title, ent, lead_id, amount, stage))
            for s in range(1, stage + 1):
                stages.append((project_id, s, iso(day)))
                day += dt.timedelta(days=rng.randint(15, 90))
            cadres.append((project_id, m.id))
            other = rng.choice(members)
            if rng.random() < 0.2 and other.id != m.id:
                cadres.append((project_id, other.id))
            chains.append((project_id, rng.choice(world.chain_ids)))
            project_id += 1
    cols = ["id", "program_id", "code", "name", "investor_id", "source_lead_id", "amount_yuan", "stage"]
    out.write(Project, cols, projects, "项目")
    out.write(ProjectStage, ["project_id", "stage", "date"], stages, "项目阶段记录")
    out.write(Project.cadres.through, ["project_id", "participant_id"], cadres, "项目引荐干部")
    out.write(Project.chains.through, ["project_id", "chain_id"], chains, "项目产业链")


def build_talents_and_outputs(world: World, out: BulkWriter) -> None:
    rng = random.Random(world.seed + 13)
    talent_id, output_id = out.next_id(Talent), out.next_id(WrittenOutput)
    talents, talent_cadres, outputs, authors = [], [], [], []
    n = len(world.programs)
    for program, t_quota, o_quota in zip(
        world.programs, _quotas(world.scale.talents, n), _quotas(world.scale.outputs, n), strict=True
    ):
        members, seen = world.members[program.pk], set()
        while len(seen) < t_quota:
            m = rng.choice(members)
            person = rng.choice(vocab.SURNAMES) + "".join(rng.choices(vocab.GIVEN, k=2))
            key = (person, rng.choice(vocab.TALENT_LEVELS), iso(_day_in(rng, m)))
            if key in seen:
                continue
            seen.add(key)
            talents.append((talent_id, program.pk, *key))
            talent_cadres.append((talent_id, m.id))
            talent_id += 1
        for k in range(o_quota):
            kind, chain = rng.choice(vocab.OUTPUT_KINDS), rng.choice(vocab.CHAINS)
            adopted = rng.random() < 0.25
            document = f"{program.region}委办〔2025〕{k + 1}号" if adopted else ""
            issue = k + 1 if kind == "journal" else None
            day = _day_in(rng, rng.choice(members))
            title = f"关于{chain}产业链招商的思考（{k + 1}）"
            outputs.append((output_id, program.pk, kind, title, rng.randrange(3_000, 20_000), iso(day), adopted,
                            document, issue))  # fmt: skip
            for m in rng.sample(members, k=min(len(members), rng.randint(1, 3))):
                authors.append((output_id, m.id))
            output_id += 1
    out.write(Talent, ["id", "program_id", "name", "level", "date"], talents, "引进人才")
    out.write(Talent.cadres.through, ["talent_id", "participant_id"], talent_cadres, "人才引荐干部")
    cols = [
        "id",
        "program_id",
        "kind",
        "title",
        "characters",
        "date",
        "adopted",
        "adopting_document",
        "issue",
    ]
    out.write(WrittenOutput, cols, outputs, "成果")
    out.write(WrittenOutput.authors.through, ["writtenoutput_id", "participant_id"], authors, "成果作者")


def build_weekly_reports(world: World, out: BulkWriter) -> None:
    """Each cadre's first report weeks of its batch; nine in ten submitted (some after the due day)."""
    rng = random.Random(world.seed + 14)
    calendar = WorkCalendar()
    members = [m for program in world.programs for m in world.members[program.pk]]
    dues: dict[dt.date, dt.date] = {}

    def rows() -> Iterator[tuple]:
        for m, n in zip(members, _quotas(world.scale.weekly_reports, len(members)), strict=True):
            for start, end in report_weeks(m.start, m.end)[:n]:
                if end not in dues:
                    dues[end] = due_date(end, calendar)
                due = dues[end]
                content = (
                    f"本周围绕{rng.choice(vocab.CHAINS)}产业链开展学习和走访，形成体会如下。"
                    * rng.randint(5, 40)
                )
                submitted = None
                if rng.random() < 0.9:
                    late = rng.random() < 0.1
                    day = due + dt.timedelta(days=rng.randint(1, 5)) if late else end
                    moment = dt.datetime.combine(day, dt.time(rng.randint(8, 22)), tzinfo=dt.UTC)
                    submitted = out.stamp.moment(moment)
                status = "submitted" if submitted else "draft"
                yield (m.id, iso(start), iso(end), iso(due), content, len(content), status, submitted)

    cols = ["participant_id", "week_start", "week_end", "due_date", "content", "characters", "status",
            "submitted_at"]  # fmt: skip
    out.write(WeeklyReport, cols, rows(), "学习周报")
