"""`cadreforge generate --scale small|city|province [--seed N]`: deterministic synthetic data for benchmarks.

The few programs and batches go through the services (audited); the bulk — cadres, participants, posts,
visits, leads, projects, stage histories, weekly reports — goes straight into the models' tables (COPY on
PostgreSQL), with every invariant the services keep: keys computed with core.text, a stage-history row for
every stage reached, dates in order, each record's cadre taking part in the record's program.
"""

import random
import time
from collections.abc import Callable

from django.db import transaction

from cadreforge.core.errors import DomainError
from cadreforge.programs.models import Program

from . import activity, cohort
from .bulk import BulkWriter
from .scales import SCALES, Scale

__all__ = ["SCALES", "Scale", "generate"]


def generate(scale: str, seed: int = 1, log: Callable[[str], None] = print) -> dict[str, int]:
    """Write one synthetic world; returns the number of rows written per table (Chinese labels)."""
    if scale not in SCALES:
        raise DomainError(f"未知的规模“{scale}”：可选 {', '.join(SCALES)}")
    size = SCALES[scale]
    taken = Program.objects.filter(code=cohort.program_code(size, seed, 0))
    if taken.exists():
        raise DomainError(
            f"数据库中已有规模 {scale}、种子 {seed} 生成的计划（{taken.get().code}），请换一个 --seed 或使用空数据库"
        )
    started = time.perf_counter()
    log(f"生成 {scale} 规模数据（种子 {seed}）：{size.describe()}")
    world = cohort.World(seed=seed, scale=size)
    out = BulkWriter(log)
    with transaction.atomic():
        out.check_now(False)  # a caller's transaction may have made them immediate
        batches = cohort.build_programs(world)
        cadre_ids = cohort.build_cadres(world, out)
        cohort.build_participants(world, out, batches, cadre_ids)
        out.check_now()  # teams and participants refer to each other; all that follows refers backwards
        cohort.build_posts(world, out)
        enterprises = activity.build_enterprises(world, out)
        names = dict(enterprises)
        places = {pk: name[:2] + "市" for pk, name in enterprises}
        rng = random.Random(seed + 5)
        ids = [pk for pk, _ in enterprises]
        pool_size = max(50, len(ids) // 10)
        pools = {p.pk: rng.sample(ids, k=min(pool_size, len(ids))) for p in world.programs}
        activity.build_visits(world, out, pools, places)
        leads = activity.build_leads(world, out, pools)
        activity.build_projects(world, out, pools, names, leads)
        activity.build_talents_and_outputs(world, out)
        activity.build_weekly_reports(world, out)
        out.finish()
    log(f"完成：{time.perf_counter() - started:.1f} 秒")
    return {"计划": len(world.programs), "批次": len(batches), **out.counts}
