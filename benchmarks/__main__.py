"""Run every registered benchmark on a fresh SQLite database and write results/latest.json."""

import importlib
import json
import os
import pkgutil
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Figures issue 11 asks for that other benchmark modules provide; absent ones are listed as missing.
EXPECTED = {
    "dashboard_pg_ms": "the dashboard benchmark",
    "match_5k_s": "benchmarks/match_5k.py",
    "dedup_200k_s": "benchmarks/dedup.py",
    "dedup_f1": "benchmarks/dedup.py",
    "weekly_burst_errors": "benchmarks/weekly_burst.py",
    "weekly_burst_p95_ms": "benchmarks/weekly_burst.py",
}


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="cadreforge-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["BENCH_WORKDIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadreforge.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from benchmarks import BENCHMARKS

    for module in pkgutil.iter_modules([str(HERE)]):
        if not module.name.startswith("_"):
            importlib.import_module(f"benchmarks.{module.name}")
    only = sys.argv[1:]
    results: dict[str, dict] = {}
    for name, func in BENCHMARKS.items():
        if only and not any(o in name for o in only):
            continue
        started = time.perf_counter()
        print(f"▶ {name}", file=sys.stderr)
        results.update(func())
        print(f"  done in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    if not only:
        for name, source in EXPECTED.items():
            results.setdefault(
                name,
                {"value": None, "unit": None, "baseline": None, "ratio": None, "goal": None,
                 "note": f"missing: {source} ran but did not report `{name}`" if (HERE.parent / source).is_file()
                 else f"missing: {source} is not in this tree yet"},
            )  # fmt: skip
    out = HERE / "results" / "latest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(results, ensure_ascii=False, indent=2))
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
