"""The weekly-report burst (issue 10 §7): 500 cadres file their weekly study report (学习周报) within a few
minutes against gunicorn and PostgreSQL on 127.0.0.1. Zero failed requests, and every report stored (counted
in the database afterwards).

The world is built in a fresh PostgreSQL database with bulk inserts: one seconding program, its host units
and posts, 500 + 20 cadres, each with a user (role cadre), an API token, a participation and an assignment
covering the current week. The cadres authenticate with their API tokens — the phone app's real path; the web
login's password hashing (PBKDF2, ~0.3 s of CPU per login by design) would measure the hasher, not filing.

The load is locust (benchmarks/_burst_load.py, in its own process because gevent patches the standard
library): BENCH_BURST_USERS users (500) arrive at BENCH_BURST_RATE per second (5: all within 100 s, three
times the "500 within five minutes" pace), each opens their report list and submits this week's report, then
idles. The baseline is the latency of the same two calls made one cadre at a time (20 cadres) before the burst.

python -m benchmarks.weekly_burst setup FILE | count FILE — the database steps, run with DATABASE_URL set.
BENCH_BURST_PG_URL: the database to create and drop (default postgres://postgres@127.0.0.1:5432/cf_bench_burst).
"""

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks import entry, register

HERE = Path(__file__).resolve().parent
PG_URL = os.environ.get("BENCH_BURST_PG_URL", "postgres://postgres@127.0.0.1:5432/cf_bench_burst")
USERS = int(os.environ.get("BENCH_BURST_USERS", "500"))
RATE = float(os.environ.get("BENCH_BURST_RATE", "5"))
BASELINE_CADRES = 20
# gunicorn for a 2-core machine: worker processes (about cores + 1) × threads each.
WORKERS = int(os.environ.get("BENCH_BURST_WORKERS", "3"))
THREADS = int(os.environ.get("BENCH_BURST_THREADS", "4"))
PROGRAM_CODE = "burst-weekly"
# The load must end within this; the whole entry stays under ~6 minutes (make bench: 20 minutes).
MAX_LOAD_SECONDS = 300


# --- database steps (run in a subprocess with DATABASE_URL of the burst database) -----------------------


def setup_world(out: Path) -> None:
    """Migrate, then bulk-create the program and its cadres; writes {program, week_start, tokens} to `out`."""
    from django.core.management import call_command
    from django.utils import timezone

    from cadreforge.accounts.models import Role, User
    from cadreforge.api.models import ApiToken
    from cadreforge.api.tokens import hash_token, new_clear_token, token_prefix
    from cadreforge.core.text import text_key
    from cadreforge.org.models import OrgUnit
    from cadreforge.org.services import get_or_create_unit
    from cadreforge.people.models import Cadre
    from cadreforge.programs import services as programs
    from cadreforge.programs.models import Batch, HostUnit, Participant, Post
    from cadreforge.secondment.models import Assignment
    from cadreforge.secondment.selectors import OPEN, get_own_participant, participant_slots

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    start = today - dt.timedelta(days=today.weekday() + 7 * 8)  # a Monday, eight weeks ago
    end = start + dt.timedelta(days=180)
    program = programs.create_program(
        None, code=PROGRAM_CODE, name="周报压力测试驻点招商计划", kind="stationed_investment",
        organiser="中共某市委组织部", region="某市",
    )  # fmt: skip
    batch = programs.create_batch(
        None, program, number=1, name="第1批", start_date=start, end_date=end, status=Batch.Status.ONGOING
    )
    unit = get_or_create_unit("某市商务局", kind=OrgUnit.Kind.GOVERNMENT)
    total = USERS + BASELINE_CADRES
    hosts = HostUnit.objects.bulk_create(
        HostUnit(name=f"长三角招商联络处{h + 1:02d}", name_key=text_key(f"长三角招商联络处{h + 1:02d}"), city="上海")
        for h in range(10)
    )  # fmt: skip
    posts = Post.objects.bulk_create(
        Post(program=program, code=f"P{p + 1:03d}", host=hosts[p % len(hosts)], title="招商专员", capacity=5)
        for p in range((total + 4) // 5)
    )
    users = User.objects.bulk_create(
        User(username=f"burst-cadre-{i + 1:04d}", role=Role.CADRE, display_name=f"压测干部{i + 1:04d}",
             password="!", must_change_password=False, password_changed_at=timezone.now())
        for i in range(total)
    )  # fmt: skip
    cadres = Cadre.objects.bulk_create(
        Cadre(name=f"压测干部{i + 1:04d}", name_key=text_key(f"压测干部{i + 1:04d}"), unit=unit, user=user)
        for i, user in enumerate(users)
    )
    participants = Participant.objects.bulk_create(
        Participant(program=program, cadre=cadre, code=f"B{i + 1:04d}", batch=batch)
        for i, cadre in enumerate(cadres)
    )
    Assignment.objects.bulk_create(
        Assignment(participant=part, post=posts[i // 5], start_date=start, end_date=end, status="in_post",
                   departed_on=start, arrived_on=start)
        for i, part in enumerate(participants)
    )  # fmt: skip
    clear = [new_clear_token() for _ in users]
    ApiToken.objects.bulk_create(
        ApiToken(user=user, name="手机端", prefix=token_prefix(token), key_hash=hash_token(token))
        for user, token in zip(users, clear, strict=True)
    )
    # The week to file: the one open today, as the API itself works it out.
    slots = participant_slots(get_own_participant(users[0], program), today)
    week = next(s.week_start for s in slots if s.state == OPEN)
    out.write_text(json.dumps({"program": PROGRAM_CODE, "week_start": week.isoformat(), "tokens": clear}))


def count_reports(setup_file: Path) -> dict:
    """Reports submitted in the database for the burst week, and all rows of the table."""
    from cadreforge.secondment.models import WeeklyReport

    world = json.loads(setup_file.read_text())
    reports = WeeklyReport.objects.filter(
        participant__program__code=world["program"], week_start=world["week_start"]
    )
    return {
        "submitted": reports.filter(status=WeeklyReport.Status.SUBMITTED).count(),
        "rows": WeeklyReport.objects.count(),
    }


# --- the run ----------------------------------------------------------------------------------------------


def _admin(sql: str) -> None:
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql.format(name=name))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _step(*args: str) -> None:
    env = {**os.environ, "DATABASE_URL": PG_URL}
    subprocess.run(
        [sys.executable, "-m", "benchmarks.weekly_burst", *args], env=env, cwd=HERE.parent, check=True
    )


def _gunicorn(port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": PG_URL, "DJANGO_SETTINGS_MODULE": "cadreforge.settings"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cadreforge.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--worker-class", "gthread", "--threads", str(THREADS),
         "--timeout", "60", "--error-logfile", str(log), "--log-level", "warning"],
        env=env, cwd=HERE.parent,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5)
            return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn 未能启动，见 {log}") from None
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn 60 秒内未就绪")


def _load(port: int, world: Path, result: Path, users: int, rate: float, skip: int, in_turn: int = 1) -> dict:
    subprocess.run(
        [sys.executable, "-m", "benchmarks._burst_load", f"http://127.0.0.1:{port}", str(world), str(result),
         str(users), str(rate), str(skip), str(MAX_LOAD_SECONDS), str(in_turn)],
        cwd=HERE.parent, check=True, timeout=MAX_LOAD_SECONDS + 120,
    )  # fmt: skip
    return json.loads(result.read_text())


def _missing(note: str) -> dict[str, dict]:
    empty = {"value": None, "unit": None, "baseline": None, "ratio": None, "goal": None, "note": note}
    return {"weekly_burst_errors": empty, "weekly_burst_p95_ms": dict(empty)}


@register
def weekly_burst() -> dict[str, dict]:
    try:
        _admin("DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        _admin("CREATE DATABASE {name}")
    except Exception as exc:  # no server: say so in the results instead of failing the whole run
        return _missing(f"PostgreSQL 不可用（{PG_URL}）：{exc}")
    work = Path(tempfile.mkdtemp(prefix="cadreforge-burst-"))
    world = work / "world.json"
    server = None
    begun = time.perf_counter()
    try:
        _step("setup", str(world))
        setup_s = time.perf_counter() - begun
        port = _free_port()
        server = _gunicorn(port, work / "gunicorn.log")
        # Baseline: the first 20 cadres one at a time, nobody else on the server.
        alone = _load(port, world, work / "alone.json", 1, 1, 0, in_turn=BASELINE_CADRES)
        started = time.perf_counter()
        burst = _load(port, world, work / "burst.json", USERS, RATE, BASELINE_CADRES)
        elapsed = time.perf_counter() - started
        server.terminate()
        server.wait(timeout=30)
        server = None
        _step("count", str(world))
        stored = json.loads((work / "count.json").read_text())
    except (subprocess.SubprocessError, RuntimeError, OSError) as exc:
        return _missing(f"周报压力测试未能完成：{exc}（服务器日志在 {work}）")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        _admin("DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    shutil.rmtree(work, ignore_errors=True)  # kept only when the run failed, for its server log
    expected = USERS + BASELINE_CADRES
    lost = max(0, expected - stored["submitted"])
    errors = burst["failures"] + alone["failures"] + lost
    common = {
        "users": USERS, "spawn_rate_per_s": RATE, "load_s": round(elapsed, 1), "requests": burst["requests"],
        "failures": burst["failures"], "failure_samples": burst["failure_samples"],
        "reports_expected": expected, "reports_stored": stored["submitted"],
        "setup_s": round(setup_s, 1), "total_s": round(time.perf_counter() - begun, 1),
        "server": f"gunicorn {WORKERS} 进程 × {THREADS} 线程 + PostgreSQL，127.0.0.1",
        "client": "locust（FastHttpUser，API 令牌认证）",
    }  # fmt: skip
    submit, alone_submit = burst["put"], alone["put"]
    note = (
        None
        if errors == 0
        else f"未达目标：{errors} 个错误（失败请求 {errors - lost}，缺少周报 {lost} 份）。"
    )
    if submit["p95"] is None or alone_submit["p50"] is None:  # no submission was answered: no latency
        latency = _missing("没有成功的提交，无法计算延迟；见 weekly_burst_errors。")["weekly_burst_p95_ms"]
        return {"weekly_burst_errors": entry(errors, "errors", goal=0, note=note, **common),
                "weekly_burst_p95_ms": latency}  # fmt: skip
    return {
        "weekly_burst_errors": entry(errors, "errors", goal=0, note=note, **common),
        "weekly_burst_p95_ms": entry(
            submit["p95"],
            "ms",
            baseline=alone_submit["p50"],
            p50_ms=submit["p50"],
            p99_ms=submit["p99"],
            max_ms=submit["max"],
            list_p95_ms=burst["get"]["p95"],
            note="提交周报（PUT）在压力下的第95百分位延迟；基线为无并发时逐一提交的中位数。本项未设目标。",
        ),
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadreforge.settings")
    import django

    django.setup()
    step, path = sys.argv[1], Path(sys.argv[2])
    if step == "setup":
        setup_world(path)
    elif step == "count":
        path.with_name("count.json").write_text(json.dumps(count_reports(path)))
    else:
        raise SystemExit(f"unknown step {step}")


if __name__ == "__main__":
    main()
