"""The home side of the synthetic world: org units, chains, programs and batches (through the services —
they are few), then cadres, teams, participants, host units, posts and assignments (bulk)."""

import datetime as dt
import json
import math
import random
from dataclasses import dataclass, field

from cadreforge.chains.services import get_or_create_chains
from cadreforge.core.text import text_key
from cadreforge.org.models import OrgUnit
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.models import Cadre
from cadreforge.programs import services as programs
from cadreforge.programs.models import Batch, HostUnit, Participant, Post, Program, Team
from cadreforge.secondment.models import Assignment

from . import vocab
from .bulk import BulkWriter
from .scales import Scale

SECONDED_KINDS = {"stationed_investment", "secondment", "shadowing"}


@dataclass
class Member:
    """A participant as the pipeline generator needs it: its program and its batch's period."""

    id: int
    program_id: int
    start: dt.date
    end: dt.date


@dataclass
class World:
    seed: int
    scale: Scale
    chain_ids: list[int] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    members: dict[int, list[Member]] = field(default_factory=dict)  # program id → its participants


def program_code(scale: Scale, seed: int, index: int) -> str:
    return f"gen-{scale.name}-{seed}-{index + 1:03d}"


def build_programs(world: World) -> list[tuple[int, dt.date, dt.date]]:
    """Programs and their two batches, through the services (audited like any program)."""
    rng = random.Random(world.seed)
    world.chain_ids = [c.pk for c in get_or_create_chains(vocab.CHAINS)]
    batches = []
    for i in range(world.scale.programs):
        home = vocab.HOME_CITIES[i % len(vocab.HOME_CITIES)]
        kind = vocab.PROGRAM_KINDS[i % len(vocab.PROGRAM_KINDS)]
        program = programs.create_program(
            None,
            code=program_code(world.scale, world.seed, i),
            name=f"{home}经济型干部培养计划（第{i + 1}期）",
            kind=kind,
            organiser=f"中共{home}委组织部",
            region=home,
        )
        world.programs.append(program)
        first = dt.date(2024, 3, 4) + dt.timedelta(days=rng.randrange(28))
        for number, start in ((1, first), (2, first + dt.timedelta(days=364))):
            end = start + dt.timedelta(days=300)
            status = Batch.Status.COMPLETED if number == 1 else Batch.Status.ONGOING
            batch = programs.create_batch(
                None,
                program,
                number=number,
                name=f"第{number}批",
                start_date=start,
                end_date=end,
                status=status,
            )
            batches.append((batch.pk, start, end))
    return batches


def _org_units() -> list[int]:
    ids = []
    for city in vocab.HOME_CITIES:
        root = get_or_create_unit(city, kind=OrgUnit.Kind.REGION)
        ids.extend(
            get_or_create_unit(d, parent=root, kind=OrgUnit.Kind.GOVERNMENT).pk for d in vocab.DEPARTMENTS
        )
    return ids


def build_cadres(world: World, out: BulkWriter) -> list[int]:
    rng = random.Random(world.seed + 1)
    units = _org_units()
    first = out.next_id(Cadre)
    ids = list(range(first, first + world.scale.cadres))

    def rows():
        for cid in ids:
            name = rng.choice(vocab.SURNAMES) + "".join(rng.choices(vocab.GIVEN, k=rng.choice((1, 2, 2))))
            tags = rng.sample(vocab.CHAINS, k=rng.randint(1, 3))
            born = dt.date(rng.randint(1972, 1996), rng.randint(1, 12), 1)
            yield (cid, name, text_key(name), rng.choice("MF"), born.isoformat(), rng.choice(units),
                   rng.choice(vocab.RANKS), json.dumps(tags, ensure_ascii=False), rng.random() < 0.6,
                   rng.random() < 0.5, rng.random() < 0.2, rng.random() < 0.15)  # fmt: skip

    cols = ["id", "name", "name_key", "gender", "birth_month", "unit_id", "rank", "tags",
            "has_studied_economy", "has_worked_economy", "has_managed_economy", "is_reserve"]  # fmt: skip
    out.write(Cadre, cols, rows(), "干部")
    return ids


def build_participants(world: World, out: BulkWriter, batches: list, cadre_ids: list[int]) -> None:
    """Cadre i takes part in program i mod P (and one in twenty also in the next program), alternating
    between its two batches; each batch has four teams led by their first member."""
    rng = random.Random(world.seed + 2)
    n_programs = len(world.programs)
    rosters: list[list[int]] = [[] for _ in range(n_programs)]
    for i, cid in enumerate(cadre_ids):
        rosters[i % n_programs].append(cid)
        if n_programs > 1 and i % 20 == 0:
            rosters[(i + 1) % n_programs].append(cid)
    team_id, part_id = out.next_id(Team), out.next_id(Participant)
    teams, parts = [], []
    for p, program in enumerate(world.programs):
        world.members[program.pk] = []
        program_batches = batches[2 * p : 2 * p + 2]
        team_ids = {}
        for b in range(len(program_batches)):
            team_ids[b] = list(range(team_id, team_id + 4))
            team_id += 4
        leaders: dict[int, int] = {}
        for k, cid in enumerate(rosters[p]):
            b = k % 2
            batch_id, start, end = program_batches[b]
            tid = team_ids[b][(k // 2) % 4]
            leaders.setdefault(tid, part_id)
            track = rng.choice(vocab.TRACKS) if program.kind == "growth_camp" else ""
            parts.append((part_id, program.pk, cid, f"C{k + 1:04d}", batch_id, tid, track))
            world.members[program.pk].append(Member(part_id, program.pk, start, end))
            part_id += 1
        for b, (batch_id, _, _) in enumerate(program_batches):
            for t, tid in enumerate(team_ids[b]):
                teams.append((tid, batch_id, f"第{'一二三四'[t]}小分队", leaders.get(tid)))
    out.write(Team, ["id", "batch_id", "name", "leader_id"], teams, "小分队")
    cols = ["id", "program_id", "cadre_id", "code", "batch_id", "team_id", "track"]
    out.write(Participant, cols, parts, "参与干部")


def build_posts(world: World, out: BulkWriter) -> None:
    """Host units, the programs' posts (with chains), and for seconding programs an assignment of every
    participant to a post of the same program within its capacity."""
    rng = random.Random(world.seed + 3)
    host_first = out.next_id(HostUnit)
    hosts = []
    for h in range(world.scale.host_units):
        city = vocab.HOST_CITIES[h % len(vocab.HOST_CITIES)]
        name = f"{city}{vocab.BRANDS[h % len(vocab.BRANDS)]}{vocab.HOST_WORDS[h % len(vocab.HOST_WORDS)]}"
        # (city, brand, word) cycle with periods 12, 50 and 7: distinct for the first 2,100 units.
        hosts.append(
            (host_first + h, name, text_key(name), city, vocab.HOST_KINDS[h % len(vocab.HOST_KINDS)])
        )
    # Units already in the database (an earlier seed) keep their row; the new ones are written.
    existing = set(HostUnit.objects.values_list("city", "name_key"))
    hosts = [h for h in hosts if (h[3], h[2]) not in existing]
    out.write(HostUnit, ["id", "name", "name_key", "city", "kind"], hosts, "派驻单位")
    host_ids = [h[0] for h in hosts] or list(HostUnit.objects.values_list("pk", flat=True))
    per_program = max(1, world.scale.posts // len(world.programs))
    post_id = out.next_id(Post)
    posts, post_chains, assignments = [], [], []
    assignment_id = out.next_id(Assignment)
    for program in world.programs:
        members = world.members[program.pk]
        capacity = max(1, math.ceil(len(members) / per_program))
        first_post = post_id
        for g in range(per_program):
            chains = rng.sample(world.chain_ids, k=rng.randint(1, 2))
            posts.append((post_id, program.pk, f"G{g + 1:03d}", rng.choice(host_ids), "招商专员", capacity))
            post_chains.extend((post_id, c) for c in chains)
            post_id += 1
        if program.kind not in SECONDED_KINDS:
            continue
        for j, m in enumerate(members):
            status = "returned" if m.end < dt.date(2025, 3, 1) else "in_post"
            returned = m.end.isoformat() if status == "returned" else None
            assignments.append((assignment_id, m.id, first_post + j // capacity, m.start.isoformat(),
                                m.end.isoformat(), status, m.start.isoformat(),
                                (m.start + dt.timedelta(days=1)).isoformat(), returned))  # fmt: skip
            assignment_id += 1
    out.write(Post, ["id", "program_id", "code", "host_id", "title", "capacity"], posts, "岗位")
    out.write(Post.chains.through, ["post_id", "chain_id"], post_chains, "岗位产业链")
    cols = ["id", "participant_id", "post_id", "start_date", "end_date", "status", "departed_on", "arrived_on",
            "returned_on"]  # fmt: skip
    out.write(Assignment, cols, assignments, "派驻")
