"""One database at one scale, in its own process (DATABASE_URL set by benchmarks/scale.py):
migrate, `generate --scale`, then time one program's funnel beside the hand-written SQL aggregate of the
same figures, and (with --api) an API list endpoint's throughput beside a hello-world view on the same
server, with the lightest authenticated list measured beside both. Prints one JSON object of raw figures on
stdout; progress on stderr.

python -m benchmarks._scale_run SCALE RUNS [--api] [--explain FILE]
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from decimal import Decimal
from http.client import HTTPConnection
from pathlib import Path

FUNNEL_SQL = """
SELECT c.cadres, v.visits, v.enterprises, l.leads, l.valuable, p.projects,
       p.now1, p.now2, p.now3, p.now4, p.now5, p.signed_yuan, p.landed_yuan, t.talents, o.outputs
FROM (SELECT count(*) AS cadres FROM programs_participant WHERE program_id = %(p)s) c,
     (SELECT count(*) AS visits, count(DISTINCT enterprise_id) AS enterprises
        FROM pipeline_visit WHERE program_id = %(p)s) v,
     (SELECT count(*) AS leads, sum(CASE WHEN valuable THEN 1 ELSE 0 END) AS valuable
        FROM pipeline_lead WHERE program_id = %(p)s) l,
     (SELECT count(*) AS projects,
             sum(CASE WHEN stage = 1 THEN 1 ELSE 0 END) AS now1, sum(CASE WHEN stage = 2 THEN 1 ELSE 0 END) AS now2,
             sum(CASE WHEN stage = 3 THEN 1 ELSE 0 END) AS now3, sum(CASE WHEN stage = 4 THEN 1 ELSE 0 END) AS now4,
             sum(CASE WHEN stage = 5 THEN 1 ELSE 0 END) AS now5,
             sum(CASE WHEN stage >= 3 THEN amount_yuan END) AS signed_yuan,
             sum(CASE WHEN stage >= 5 THEN amount_yuan END) AS landed_yuan
        FROM pipeline_project WHERE program_id = %(p)s) p,
     (SELECT count(*) AS talents FROM pipeline_talent WHERE program_id = %(p)s) t,
     (SELECT count(*) AS outputs FROM secondment_writtenoutput WHERE program_id = %(p)s) o
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed_ms(func, runs: int) -> tuple[float, object]:
    result = func()  # warm caches and connections; not counted
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def funnel_figures(program, runs: int, explain: Path | None) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cadreforge.reports.selectors import get_funnel

    def raw():
        with connection.cursor() as cur:
            cur.execute(FUNNEL_SQL.replace("%(p)s", "%s"), [program.pk] * 6)
            return cur.fetchone()

    funnel_ms, funnel = timed_ms(lambda: get_funnel(program), runs)
    sql_ms, row = timed_ms(raw, runs)
    same = [funnel["cadres"], funnel["visits"], funnel["enterprises_visited"], funnel["leads"],
            funnel["valuable_leads"], funnel["projects"], *funnel["stage_now"].values(),
            Decimal(funnel["amount_yuan"]["signed"]), Decimal(funnel["amount_yuan"]["landed"]), funnel["talents"],
            funnel["outputs"]["count"]] == [x if x is not None else Decimal("0.00") for x in row]  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        get_funnel(program)
    if explain is not None and connection.vendor == "postgresql":
        with connection.cursor() as cur, explain.open("w") as out:
            for q in queries.captured_queries:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                out.write(q["sql"] + "\n" + "\n".join(r[0] for r in cur.fetchall()) + "\n\n")
    return {
        "funnel_ms": funnel_ms,
        "sql_ms": sql_ms,
        "same_figures": same,
        "queries": len(queries.captured_queries),
        "visits_in_program": funnel["visits"],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def throughput(port: int, path: str, headers: dict, total: int, clients: int = 16) -> float:
    """Requests per second for `total` requests spread over `clients` concurrent threads."""
    errors, per_client = [], total // clients

    def client():
        for _ in range(per_client):
            conn = HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(response.status)
            finally:
                conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"{len(errors)} requests failed on {path}: {errors[:5]}")
    return per_client * clients / elapsed


def _cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used so far; None where /proc is not there."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def query_cpu_us(program, calls: int = 500) -> dict:
    """CPU microseconds of this process for one small ORM read (a program by its code) beside the same SQL
    sent through a cursor: what building, compiling and converting a query costs over the round trip
    itself, paid by every ORM query of every API call."""
    from django.db import connection

    from cadreforge.programs.models import Program

    def orm():
        return Program.objects.filter(code=program.code).first()

    # The SQL `.first()` sends: ordered by the primary key, LIMIT 1.
    sql, params = Program.objects.filter(code=program.code).order_by("pk")[:1].query.sql_with_params()

    def raw():
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchone()

    def cpu(func) -> float:
        func()
        times = []
        for _ in range(3):
            started = time.process_time()
            for _ in range(calls):
                func()
            times.append((time.process_time() - started) * 1e6 / calls)
        return round(statistics.median(times), 1)

    return {"orm": cpu(orm), "raw": cpu(raw)}


def api_figures(program, runs: int) -> dict:
    from cadreforge.accounts.models import Role, User
    from cadreforge.api.services import create_token

    user = User.objects.create_user("bench-leader", password="Bench-pass-2026!", role=Role.LEADER)
    _, token = create_token(user, name="基准测试")
    port, threads = _free_port(), int(os.environ.get("BENCH_SERVER_THREADS", "8"))
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks._server", str(port), str(threads)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if server.stdout.readline().strip() != "ready":
            raise RuntimeError("benchmark server did not start")
        api_path = f"/api/v1/programs/{program.code}/visits?page_size=50"
        # The floor: the lightest authenticated list (a program's batches, two rows), to tell what any API
        # call costs from what the visits list adds.
        floor_path = f"/api/v1/programs/{program.code}/batches"
        auth = {"Authorization": f"Bearer {token}"}
        requests = int(os.environ.get("BENCH_REQUESTS", "480"))
        throughput(port, "/bench/hello/", {}, 64)  # warm up every path and the thread pool
        throughput(port, api_path, auth, 64)
        throughput(port, floor_path, auth, 64)
        hello, api, floor, cpu = [], [], [], {"hello": [], "api": [], "floor": []}

        def measured(kind: str, path: str, headers: dict) -> float:
            before = _cpu_s(server.pid)
            rps = throughput(port, path, headers, requests)
            after = _cpu_s(server.pid)
            if before is not None and after is not None:
                cpu[kind].append((after - before) * 1000 / requests)
            return rps

        for _ in range(runs):  # alternate, so a slow moment of the machine hits both alike
            hello.append(measured("hello", "/bench/hello/", {}))
            api.append(measured("api", api_path, auth))
            floor.append(measured("floor", floor_path, auth))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "hello_rps": statistics.median(hello),
        "api_rps": statistics.median(api),
        "api_path": api_path.split("?")[0].replace(program.code, "{code}"),
        "floor_rps": statistics.median(floor),
        "floor_path": floor_path.replace(program.code, "{code}"),
        "server_threads": threads,
        "requests": requests,
        # The server's own CPU per request (the GIL bounds one process): where the ratio comes from.
        "server_cpu_ms": {k: round(statistics.median(v), 2) for k, v in cpu.items() if v},
    }


def main() -> None:
    scale, runs = sys.argv[1], int(sys.argv[2])
    explain = Path(sys.argv[sys.argv.index("--explain") + 1]) if "--explain" in sys.argv else None
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadreforge.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from cadreforge.exchange.generate import generate
    from cadreforge.programs.models import Program

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    generate(scale, 1, log=log)
    generate_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load, done now
    program = Program.objects.get(code=f"gen-{scale}-1-001")
    figures = {
        "scale": scale,
        "generate_s": round(generate_s, 1),
        **funnel_figures(program, runs * 5, explain),
    }
    if "--api" in sys.argv:
        figures.update(api_figures(program, runs), query_cpu_us=query_cpu_us(program))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
