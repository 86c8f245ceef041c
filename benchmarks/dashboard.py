"""`dashboard_pg_ms` (issue 9): server time of one program's dashboard page (GET /dashboard/CODE/ through
Django's test client: every selector plus the template) on data made by `cadreforge generate`, on PostgreSQL.

BENCH_SCALE (small|city|province, default province) chooses the scale; BENCH_DASH_PG_URL the database to create
and drop (default postgres://postgres@127.0.0.1:5432/cf_bench_dash); BENCH_RUNS the repeats.
Run alone: python -m benchmarks.dashboard (prints the entry).
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import entry, register

HERE = Path(__file__).resolve().parent
SCALE = os.environ.get("BENCH_SCALE", "province")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PG_URL = os.environ.get("BENCH_DASH_PG_URL", "postgres://postgres@127.0.0.1:5432/cf_bench_dash")
GOAL_MS = 300.0  # issue 11: one program's dashboard at province scale, on this 2-core machine


def _admin(sql: str) -> None:
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql.format(name=name))


def _missing(note: str) -> dict:
    return {"value": None, "unit": None, "baseline": None, "ratio": None, "goal": None, "note": note}


def _measure(scale: str, runs: int) -> dict:
    """In the child process: migrate, generate, then time the page (median of runs×3 after one warm-up)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadreforge.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from cadreforge.accounts.models import Role, User
    from cadreforge.exchange.generate import generate

    call_command("migrate", verbosity=0)
    generate(scale, 1, log=lambda m: print(m, file=sys.stderr))
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
    user = User.objects.create_user("bench-dashboard", role=Role.LEADER)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    path = f"/dashboard/gen-{scale}-1-001/"
    assert client.get(path).status_code == 200, path
    times = []
    for _ in range(runs * 3):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return {"ms": statistics.median(times), "path": path, "scale": scale, "runs": len(times)}


@register
def dashboard_postgresql() -> dict[str, dict]:
    try:
        _admin("DROP DATABASE IF EXISTS {name}")
        _admin("CREATE DATABASE {name}")
    except Exception as exc:
        return {"dashboard_pg_ms": _missing(f"PostgreSQL 不可用（{PG_URL}）：{exc}")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.dashboard", "--child", SCALE, str(RUNS)],
            env={**os.environ, "DATABASE_URL": PG_URL}, cwd=HERE.parent, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
    finally:
        _admin("DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    if done.returncode != 0:
        return {"dashboard_pg_ms": _missing(f"PostgreSQL 上的运行失败：子进程退出码 {done.returncode}")}
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    note = (
        None if figures["ms"] <= GOAL_MS else f"未达目标：实测 {figures['ms']:.0f} ms，目标 {GOAL_MS:g} ms。"
    )
    return {
        "dashboard_pg_ms": entry(
            figures["ms"], "ms", goal=GOAL_MS, scale=figures["scale"], page=figures["path"],
            requests=figures["runs"], note=note,
        )
    }  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_measure(sys.argv[2], int(sys.argv[3]))))
    else:
        print(json.dumps(dashboard_postgresql(), ensure_ascii=False, indent=2))
