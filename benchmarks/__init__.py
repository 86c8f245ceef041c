"""Benchmarks: `python -m benchmarks` (make bench) runs every registered benchmark and writes
benchmarks/results/latest.json as {name: {"value", "unit", "baseline", "ratio", "goal"}}.

A benchmark module in this package registers functions with `@register`; each returns a dict of entries.
"""

from collections.abc import Callable

BENCHMARKS: dict[str, Callable[[], dict[str, dict]]] = {}


def register(func: Callable[[], dict[str, dict]]) -> Callable[[], dict[str, dict]]:
    BENCHMARKS[f"{func.__module__}.{func.__name__}"] = func
    return func


def entry(
    value: float, unit: str, baseline: float | None = None, goal: float | None = None, ratio=None, **extra
) -> dict:
    """One result; `ratio` defaults to value/baseline."""
    if ratio is None and baseline:
        ratio = round(value / baseline, 3)
    return {
        "value": round(value, 4),
        "unit": unit,
        "baseline": baseline,
        "ratio": ratio,
        "goal": goal,
        **extra,
    }
