"""The load of the weekly-report burst (benchmarks/weekly_burst.py), in its own process: locust's gevent patches
the standard library on import, which the Django process must not see.

Each locust user is one cadre with their API token: they open their report list (GET …/weekly-reports/mine),
submit this week's report (PUT …/mine/{week}, submit=true), and then idle (a user that stopped would be
replaced by a new one). The run ends when every cadre is done or
after MAX_SECONDS, whichever comes first, and writes the figures as JSON.

python -m benchmarks._burst_load HOST WORLD_JSON RESULT_JSON USERS SPAWN_RATE SKIP MAX_SECONDS [IN_TURN]

With IN_TURN > 1 each locust user files for IN_TURN cadres one after the other (the unloaded baseline: one
user, twenty cadres in turn).
"""

import itertools
import json
import statistics
import sys
import time
from pathlib import Path

import gevent
from locust import FastHttpUser, events, task
from locust.env import Environment

HOST, WORLD, RESULT = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
USERS, RATE, SKIP, MAX_SECONDS = int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
IN_TURN = int(sys.argv[8]) if len(sys.argv) > 8 else 1
CADRES = USERS * IN_TURN

world = json.loads(WORLD.read_text())
tokens = iter(world["tokens"][SKIP : SKIP + CADRES])
numbers = itertools.count(SKIP + 1)
latencies: dict[str, list[float]] = {"get": [], "put": []}
failures: list[str] = []
finished = 0

PARAGRAPH = (
    "本周围绕驻点城市新能源汽车及零部件产业链开展走访，拜访企业{n}家，重点了解企业扩产计划与用地需求，"
    "梳理出可跟进线索两条。学习了《关于进一步优化营商环境的若干措施》，体会是招商要从“拼政策”转向“拼服务”，"
    "下周计划与派驻单位一起对接两家链主企业的配套供应商。"
)


@events.request.add_listener
def _record(request_type, name, response_time, exception, **kwargs):
    latencies[name].append(response_time)
    if exception is not None and len(failures) < 5:
        failures.append(f"{request_type} {name}: {exception}"[:300])


class Cadre(FastHttpUser):
    """One cadre filing this week's report from their phone."""

    def on_start(self) -> None:
        self.base = f"/api/v1/programs/{world['program']}/weekly-reports/mine"
        self.left = IN_TURN

    @task
    def file_report(self) -> None:
        global finished
        if not self.left:  # one report per cadre: afterwards the user idles (a stopped one would be replaced)
            gevent.sleep(MAX_SECONDS)
            return
        self.left -= 1
        self.number = next(numbers)
        self.headers = {"Authorization": f"Bearer {next(tokens)}"}
        try:
            with self.client.get(self.base, headers=self.headers, name="get", catch_response=True) as answer:
                if answer.status_code != 200 or not any(s["state"] == "open" for s in _json(answer, [])):
                    answer.failure(f"HTTP {answer.status_code}: {answer.text[:200]}")
            content = PARAGRAPH.format(n=self.number % 7 + 2) * (1 + self.number % 3)
            with self.client.put(
                f"{self.base}/{world['week_start']}", json={"content": content, "submit": True},
                headers=self.headers, name="put", catch_response=True,
            ) as answer:  # fmt: skip
                if answer.status_code != 200 or _json(answer, {}).get("state") not in ("on_time", "late"):
                    answer.failure(f"HTTP {answer.status_code}: {answer.text[:200]}")
        finally:
            finished += 1


def _json(answer, default):
    try:
        return answer.json()
    except ValueError:
        return default


def _percentiles(values: list[float]) -> dict:
    if not values:
        return {"p50": None, "p95": None, "p99": None, "max": None}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": round(cuts[49], 1), "p95": round(cuts[94], 1), "p99": round(cuts[98], 1),
            "max": round(max(values), 1)}  # fmt: skip


def main() -> None:
    env = Environment(user_classes=[Cadre], host=HOST, events=events)
    runner = env.create_local_runner()
    started = time.monotonic()
    runner.start(USERS, spawn_rate=RATE)
    while finished < CADRES and time.monotonic() - started < MAX_SECONDS:
        gevent.sleep(0.2)
    elapsed = time.monotonic() - started
    runner.quit()
    requests = len(latencies["get"]) + len(latencies["put"])
    # Failed requests, and exceptions raised inside a cadre's task (locust logs them and goes on).
    failed = env.stats.total.num_failures + sum(e["count"] for e in runner.exceptions.values())
    RESULT.write_text(
        json.dumps(
            {
                "cadres_done": finished, "cadres": CADRES, "seconds": round(elapsed, 1), "requests": requests,
                # A cadre who never got to file (time ran out) counts as a failure too.
                "failures": failed + (CADRES - finished), "failure_samples": failures,
                "get": _percentiles(latencies["get"]), "put": _percentiles(latencies["put"]),
            }
        )
    )  # fmt: skip


if __name__ == "__main__":
    main()
