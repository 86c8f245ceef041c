"""Importing a 100,000-row ledger workbook, compared with calamine's raw read of the same file.

The workbook is generated deterministically (fixed seed): mostly 走访 visits, with the cadres, posts,
assignments, leads and projects they refer to. Each import runs into a fresh (just migrated) SQLite
database, and (`import_100k_pg_vs_raw_read_ratio`) into an emptied PostgreSQL database created for the
run in a child process (on BENCH_PG_URL's server, named after its database: cf_bench → cf_bench_ledger);
the figures are medians of RUNS runs, each import beside a raw read in the same run.

python -m benchmarks.ledger_import WORKBOOK RUNS — the PostgreSQL runs (DATABASE_URL set), JSON on stdout.
"""

import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from openpyxl import Workbook

from benchmarks import entry, register

ROWS = 100_000
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PG_SERVER, _PG_BENCH_NAME = os.environ.get(
    "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/cf_bench"
).rsplit("/", 1)
PG_NAME = f"{_PG_BENCH_NAME}_ledger"  # beside BENCH_PG_URL's database: cf_bench → cf_bench_ledger
CADRES, POSTS, LEADS, PROJECTS, ENTERPRISES = 1000, 200, 5000, 1000, 20000
CHAINS = ["新材料", "高端装备", "生物医药", "新能源汽车", "电子信息", "绿色食品", "文旅康养", "数字经济"]
SUFFIXES = ["有限公司", "股份有限公司", "", "集团有限公司"]
STAGES = ["考察", "意向", "签约", "开工", "投产"]


def generate(path: Path, seed: int = 3360) -> dict[str, int]:
    rng = random.Random(seed)
    wb = Workbook(write_only=True)

    def sheet(name: str, header: list[str], rows) -> int:
        ws = wb.create_sheet(name)
        ws.append(header)
        n = 0
        for row in rows:
            ws.append(row)
            n += 1
        return n

    counts = {
        "计划": sheet("计划", ["计划代码", "计划名称", "类型"], [["bench-100k", "基准测试计划", "驻点招商"]])
    }
    counts["批次"] = sheet(
        "批次", ["批次", "名称", "开始日期"], [[1, "先锋团", dt.date(2024, 3, 1)], [2, "二团", "2025-03-01"]]
    )
    codes = [f"C{i:04d}" for i in range(1, CADRES + 1)]
    counts["干部"] = sheet(
        "干部",
        ["干部编号", "姓名", "工作单位", "职级", "专业领域", "批次"],
        (
            [c, f"干部{c}", f"单位{i % 40}", "科级", rng.choice(CHAINS), 1 + i % 2]
            for i, c in enumerate(codes)
        ),
    )
    posts = [f"G{i:03d}" for i in range(1, POSTS + 1)]
    counts["岗位"] = sheet(
        "岗位",
        ["岗位编号", "城市", "派驻单位", "单位类型", "产业链", "名额"],
        ([p, "深圳", f"派驻单位{i}", "开发园区", rng.choice(CHAINS), 5] for i, p in enumerate(posts)),
    )
    counts["派驻"] = sheet(
        "派驻",
        ["干部编号", "岗位编号", "开始日期"],
        ([c, posts[i // 5], "2024-03-01"] for i, c in enumerate(codes)),
    )
    names = [f"{rng.choice('华中海天金新恒泰')}{i:05d}科技{rng.choice(SUFFIXES)}" for i in range(ENTERPRISES)]
    counts["线索"] = sheet(
        "线索",
        ["线索编号", "报送日期", "干部编号", "企业名称", "产业链", "预计投资额(万元)", "有价值"],
        (
            [f"L{i:05d}", dt.date(2024, 3, 1) + dt.timedelta(days=i % 300), rng.choice(codes), rng.choice(names),
             rng.choice(CHAINS), round(rng.uniform(100, 50000), 2), rng.choice(["是", "否"])]
            for i in range(LEADS)
        ),
    )  # fmt: skip

    def project(i: int) -> list:
        stage = rng.randrange(5)
        dates = [dt.date(2024, 4, 1) + dt.timedelta(days=30 * s) if s <= stage else None for s in range(5)]
        return [f"X{i:04d}", f"项目{i}", rng.choice(names), f"L{i:05d}", rng.choice(codes), rng.choice(CHAINS),
                round(rng.uniform(1000, 100000), 2), STAGES[stage], *dates]  # fmt: skip

    counts["项目"] = sheet(
        "项目",
        [
            "项目编号",
            "项目名称",
            "投资方",
            "来源线索编号",
            "引荐干部编号",
            "产业链",
            "投资额(万元)",
            "当前阶段",
        ]
        + [f"{s}日期" for s in STAGES],
        (project(i) for i in range(PROJECTS)),
    )
    visits = ROWS - sum(counts.values())  # the rest of the 100,000 data rows (headers not counted)
    seen = set()

    def visit_rows():
        i = 0
        while i < visits:
            key = (
                dt.date(2024, 3, 1) + dt.timedelta(days=rng.randrange(600)),
                rng.choice(codes),
                rng.choice(names),
            )
            if key in seen:
                continue
            seen.add(key)
            i += 1
            yield [key[0], key[1], key[2], "广东省深圳市", rng.choice(CHAINS), ""]

    counts["走访"] = sheet(
        "走访", ["走访日期", "干部编号", "企业名称", "企业所在地", "产业链", "备注"], visit_rows()
    )
    wb.save(path)
    return counts


def raw_read(path: Path) -> float:
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    with CalamineWorkbook.from_path(str(path)) as wb:
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return time.perf_counter() - started


def timed_import(path: Path, pristine: Path, db: Path) -> tuple[float, dict[str, float]]:
    """The import's seconds, and the seconds of each of its phases as its progress reports tell them."""
    from django.db import connection

    from cadreforge.exchange.ledger.importer import import_ledger

    connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(pristine, db)
    marks: list[tuple[float, str]] = []
    started = time.perf_counter()
    import_ledger(None, path, progress=lambda fraction, what: marks.append((time.perf_counter(), what)))
    return time.perf_counter() - started, _phases(started, marks)


def _phases(started: float, marks: list[tuple[float, str]]) -> dict[str, float]:
    """Seconds per phase from the progress messages: 读取工作簿 and 校验单元格 last until the next message;
    each "已处理：<sheet>" ends the writing of that sheet; what follows the last sheet (the audit entry and
    the commit) is 提交."""
    phases: dict[str, float] = {}
    since, previous = started, None
    for at, message in marks:
        if message.startswith("已处理："):
            label = "写入" + message.removeprefix("已处理：")
        elif previous in ("读取工作簿", "校验单元格"):
            label = previous
        else:
            label = "提交"
        if previous is not None:
            phases[label] = round(phases.get(label, 0.0) + at - since, 3)
        since, previous = at, message
    return phases


@register
def import_100k() -> dict[str, dict]:
    from django.conf import settings
    from django.db import connection

    workdir = Path(os.environ["BENCH_WORKDIR"])
    path = workdir / "ledger-100k.xlsx"
    counts = generate(path)
    db = Path(settings.DATABASES["default"]["NAME"])
    connection.close()
    pristine = workdir / "pristine.sqlite3"
    shutil.copy(db, pristine)
    raws, imports = [], []
    for _ in range(RUNS):
        raws.append(raw_read(path))
        imports.append(timed_import(path, pristine, db))
    raw, (full, phases) = statistics.median(raws), sorted(imports, key=lambda run: run[0])[len(imports) // 2]
    rows = sum(counts.values())
    return {
        "import_100k_vs_raw_read_ratio": entry(
            full / raw,
            "ratio",
            baseline=round(raw, 4),
            goal=2.0,
            ratio=round(full / raw, 3),
            rows=rows,
            phases_s=phases,
        ),
        "import_100k_seconds": entry(full, "s", baseline=round(raw, 4), goal=round(2 * raw, 4), rows=rows),
        "import_100k_pg_vs_raw_read_ratio": _postgresql(path, rows),
    }


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql.format(name=PG_NAME))


def _postgresql(path: Path, rows: int) -> dict:
    """The same import into PostgreSQL, in a child process (this one's Django runs on SQLite)."""
    try:
        _admin("DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        _admin("CREATE DATABASE {name}")
    except Exception as exc:  # no server: say so in the results instead of failing the whole run
        return {"value": None, "unit": None, "baseline": None, "ratio": None, "goal": 2.0,
                "note": f"PostgreSQL 不可用（{PG_SERVER}）：{exc}"}  # fmt: skip
    try:
        env = {**os.environ, "DATABASE_URL": f"{PG_SERVER}/{PG_NAME}"}
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.ledger_import", str(path), str(RUNS)],
            env=env, cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
    finally:
        _admin("DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    if done.returncode != 0:
        return {"value": None, "unit": None, "baseline": None, "ratio": None, "goal": 2.0,
                "note": f"PostgreSQL 上的导入失败（退出码 {done.returncode}），详情见标准错误输出"}  # fmt: skip
    raw, full = json.loads(done.stdout)
    return entry(
        full / raw, "ratio", baseline=round(raw, 4), goal=2.0, ratio=round(full / raw, 3), rows=rows,
        import_seconds=round(full, 4),
    )  # fmt: skip


def _postgresql_runs(path: Path, runs: int) -> tuple[float, float]:
    """Median raw read and median import, each import into the emptied database."""
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadreforge.settings")
    django.setup()
    from cadreforge.exchange.ledger.importer import import_ledger

    call_command("migrate", verbosity=0)
    raws, imports = [], []
    for _ in range(runs):
        call_command("flush", "--no-input", verbosity=0)
        raws.append(raw_read(path))
        started = time.perf_counter()
        import_ledger(None, path)
        imports.append(time.perf_counter() - started)
    return statistics.median(raws), statistics.median(imports)


if __name__ == "__main__":
    print(json.dumps(_postgresql_runs(Path(sys.argv[1]), int(sys.argv[2]))))
