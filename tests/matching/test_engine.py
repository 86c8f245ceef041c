"""The engine against brute force (optimal) and the definition of stability (stable), on small random
instances drawn by hypothesis; and no constraint is ever broken."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from cadreforge.matching import engine


@st.composite
def problems(draw, with_unit_limit: bool = True):
    n_cadres = draw(st.integers(1, 5))
    n_posts = draw(st.integers(1, 4))
    cadres = [f"c{i}" for i in range(n_cadres)]
    posts = [f"p{j}" for j in range(n_posts)]
    capacity = {p: draw(st.integers(1, 2)) for p in posts}
    scores = {}
    for c in cadres:
        for p in posts:
            if draw(st.booleans()) or draw(st.booleans()):
                scores[(c, p)] = draw(st.integers(0, 30))
    unit_of = {c: draw(st.sampled_from(["u1", "u2"])) for c in cadres}
    host_of = {p: draw(st.sampled_from(["h1", "h2"])) for p in posts}
    k = draw(st.one_of(st.none(), st.integers(1, 2))) if with_unit_limit else None
    cadre_prefs = {c: draw(st.permutations(posts))[: draw(st.integers(0, n_posts))] for c in cadres}
    post_prefs = {p: draw(st.permutations(cadres))[: draw(st.integers(0, n_cadres))] for p in posts}
    return engine.Problem(cadres, posts, capacity, scores, unit_of, host_of, k, cadre_prefs, post_prefs)


def brute_force_best(problem: engine.Problem) -> tuple[int, int]:
    """(most cadres assigned, best total score among those) over every feasible assignment."""
    options = [[None] + [p for p in problem.posts if (c, p) in problem.scores] for c in problem.cadres]
    best = (0, 0)
    for choice in itertools.product(*options):
        assignment = {c: p for c, p in zip(problem.cadres, choice, strict=True) if p is not None}
        if engine.violations(problem, assignment):
            continue
        best = max(best, (len(assignment), engine.total_score(problem, assignment)))
    return best


@settings(max_examples=150, deadline=None)
@given(problems())
def test_optimal_mode_matches_brute_force_on_coverage_then_score(problem):
    assignment = engine.solve_optimal(problem)
    assert engine.violations(problem, assignment) == []
    assert (len(assignment), engine.total_score(problem, assignment)) == brute_force_best(problem)


@settings(max_examples=200, deadline=None)
@given(problems(with_unit_limit=False))
def test_stable_mode_leaves_no_blocking_pair(problem):
    assignment = engine.solve_stable(problem)
    assert engine.violations(problem, assignment) == []
    assert engine.blocking_pairs(problem, assignment) == []


@settings(max_examples=200, deadline=None)
@given(problems())
def test_stable_mode_never_breaks_capacity_eligibility_or_unit_limit(problem):
    assert engine.violations(problem, engine.solve_stable(problem)) == []


def test_unit_limit_forces_second_best_host_in_optimal_mode():
    problem = engine.Problem(
        cadres=["a", "b"],
        posts=["p1", "p2"],
        capacity={"p1": 2, "p2": 1},
        scores={("a", "p1"): 10, ("b", "p1"): 10, ("b", "p2"): 1},
        unit_of={"a": "u", "b": "u"},
        host_of={"p1": "h", "p2": "g"},
        max_per_unit_at_host=1,
    )
    assert engine.solve_optimal(problem) == {"a": "p1", "b": "p2"}


def test_stable_mode_honours_cadre_wish_over_score():
    problem = engine.Problem(
        cadres=["a"],
        posts=["p1", "p2"],
        capacity={"p1": 1, "p2": 1},
        scores={("a", "p1"): 50, ("a", "p2"): 5},
        cadre_prefs={"a": ["p2"]},
    )
    assert engine.solve_stable(problem) == {"a": "p2"}
