"""Province scale (issue 11): `cadreforge generate` into a fresh PostgreSQL database and a fresh SQLite file,
then one program's funnel beside the hand-written SQL aggregate of the same figures, and (PostgreSQL) an API
list endpoint's throughput under 16 concurrent clients beside a hello-world view on the same server.

BENCH_SCALE (small|city|province, default province) chooses the scale; BENCH_PG_URL the PostgreSQL server
database to create and drop (default postgres://postgres@127.0.0.1:5432/cf_bench); BENCH_RUNS the repeats.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks import entry, register

HERE = Path(__file__).resolve().parent
SCALE = os.environ.get("BENCH_SCALE", "province")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/cf_bench")
FUNNEL_GOAL_MS, API_GOAL = 50.0, 0.5
PG_FIGURES = ("funnel_program_pg_ms", "api_list_vs_hello_ratio", "api_floor_vs_hello_ratio")


def _admin(sql: str) -> None:
    """Run one statement on the server's maintenance database (CREATE/DROP DATABASE)."""
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql.format(name=name))


def _missing(note: str) -> dict:
    return {"value": None, "unit": None, "baseline": None, "ratio": None, "goal": None, "note": note}


def _run(database_url: str, *args: str) -> dict:
    """The raw figures, or {"error": …} when the run failed (its traceback is on stderr, as is progress)."""
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks._scale_run", SCALE, str(RUNS), *args],
        env=env, cwd=HERE.parent, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        return {"error": f"子进程退出码 {done.returncode}，错误详情见本次运行的标准错误输出"}
    return json.loads(done.stdout)


def _missed(value: float, goal: float, lower_is_better: bool, why: str) -> str | None:
    met = value <= goal if lower_is_better else value >= goal
    if met:
        return None
    by = value / goal if lower_is_better else goal / value
    return f"未达目标：实测 {value:.3g}，目标 {goal:g}，差 {by:.2f} 倍。{why}"


def _funnel_entry(figures: dict, note_if_missed: str) -> dict:
    ms = figures["funnel_ms"]
    return entry(
        ms, "ms", baseline=round(figures["sql_ms"], 3), goal=FUNNEL_GOAL_MS,
        scale=figures["scale"], queries=figures["queries"], same_figures=figures["same_figures"],
        visits_in_program=figures["visits_in_program"], generate_s=figures["generate_s"],
        note=_missed(ms, FUNNEL_GOAL_MS, True, note_if_missed),
    )  # fmt: skip


@register
def scale_postgresql() -> dict[str, dict]:
    try:
        _admin("DROP DATABASE IF EXISTS {name}")
        _admin("CREATE DATABASE {name}")
    except Exception as exc:  # no server: say so in the results instead of failing the whole run
        empty = _missing(f"PostgreSQL 不可用（{PG_URL}）：{exc}")
        return dict.fromkeys(PG_FIGURES, empty)
    try:
        explain = HERE / "results" / "explain_funnel_pg.txt"
        explain.parent.mkdir(exist_ok=True)
        figures = _run(PG_URL, "--api", "--explain", str(explain))
    finally:
        _admin("DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    if "error" in figures:
        empty = _missing(f"PostgreSQL 上的运行失败：{figures['error']}")
        return dict.fromkeys(PG_FIGURES, empty)
    ratio = figures["api_rps"] / figures["hello_rps"]
    floor = figures["floor_rps"] / figures["hello_rps"]
    cpu = figures.get("server_cpu_ms") or {}
    return {
        "funnel_program_pg_ms": _funnel_entry(figures, "见 results/explain_funnel_pg.txt。"),
        "api_list_vs_hello_ratio": entry(
            ratio, "ratio", baseline=round(figures["hello_rps"], 1), goal=API_GOAL, ratio=round(ratio, 3),
            api_rps=round(figures["api_rps"], 1), endpoint=figures["api_path"], clients=16,
            server=f"wsgiref 单进程 + {figures['server_threads']} 线程", scale=figures["scale"],
            requests_per_run=figures["requests"], server_cpu_ms_per_request=cpu,
            note=_missed(ratio, API_GOAL, False, "列表每次请求查询2次（令牌连同本地址的失败计数；计划、一页、产业链连同总数）"
                         "外加连接健康检查，hello world 不查库；单进程受 GIL 限制，比值约等于两者服务器 CPU 时间之比，"
                         "见 server_cpu_ms_per_request、api_floor_vs_hello_ratio 与 docs/scaling.md。"),
        ),
        # Reported beside the goal: the lightest authenticated list on the same server in the same run. When
        # even it is far below the goal, the gap is the cost of any API call, not of the visits list.
        "api_floor_vs_hello_ratio": entry(
            floor, "ratio", baseline=round(figures["hello_rps"], 1), goal=None, ratio=round(floor, 3),
            floor_rps=round(figures["floor_rps"], 1), endpoint=figures["floor_path"], clients=16,
            server_cpu_ms_per_request={k: cpu[k] for k in ("hello", "floor") if k in cpu},
            one_query_cpu_us=figures["query_cpu_us"],
            note="最轻的带令牌列表（计划的批次，两行）：令牌、计划、计数、一页共4次查询，不设目标，"
                 "用来区分任何接口调用的固定开销与走访列表自身的开销；one_query_cpu_us 为同一条单行查询经 ORM"
                 "与直接执行 SQL 各自的本进程 CPU 微秒数。",
        ),
    }  # fmt: skip


@register
def scale_sqlite() -> dict[str, dict]:
    db = Path(os.environ["BENCH_WORKDIR"]) / "scale.sqlite3"
    figures = _run(f"sqlite:///{db}")
    if "error" in figures:
        return {"funnel_program_sqlite_ms": _missing(f"SQLite 上的运行失败：{figures['error']}")}
    return {"funnel_program_sqlite_ms": _funnel_entry(figures, "SQLite 为演示与测试用的嵌入式数据库。")}
