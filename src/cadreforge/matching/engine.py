"""The assignment engine, free of Django: cadres × posts with integer fit scores on the eligible pairs.

`solve_optimal` assigns as many cadres as possible and, among those assignments, maximises the total score
(min-cost max-flow; CP-SAT when the per-home-unit limit at one host binds). `solve_stable` is cadre-proposing
deferred acceptance with post capacities: no cadre and post would both rather have each other.
"""

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

Cadre = Hashable
Post = Hashable


@dataclass
class Problem:
    cadres: list
    posts: list
    capacity: dict  # post → seats
    scores: dict  # (cadre, post) → int ≥ 0; only eligible pairs appear
    unit_of: dict = field(default_factory=dict)  # cadre → home unit
    host_of: dict = field(default_factory=dict)  # post → host unit
    max_per_unit_at_host: int | None = None
    cadre_prefs: dict = field(default_factory=dict)  # cadre → posts, most wanted first
    post_prefs: dict = field(default_factory=dict)  # post → cadres, most wanted first

    def eligible_posts(self) -> dict:
        result = defaultdict(list)
        for c, p in self.scores:
            result[c].append(p)
        return result


def violations(problem: Problem, assignment: dict) -> list[str]:
    """Every broken constraint of an assignment (cadre → post); empty when it is feasible."""
    problems = []
    load: dict = defaultdict(int)
    unit_host: dict = defaultdict(int)
    for c, p in assignment.items():
        if (c, p) not in problem.scores:
            problems.append(f"{c}→{p} 不可派驻")
        load[p] += 1
        unit_host[(problem.unit_of.get(c), problem.host_of.get(p, p))] += 1
    problems += [f"{p} 超员" for p, n in load.items() if n > problem.capacity[p]]
    k = problem.max_per_unit_at_host
    if k is not None:
        problems += [f"{u}@{h} 超过{k}人" for (u, h), n in unit_host.items() if n > k]
    return problems


def total_score(problem: Problem, assignment: dict) -> int:
    return sum(problem.scores[(c, p)] for c, p in assignment.items())


def solve_optimal(problem: Problem) -> dict:
    """Maximum number of cadres assigned, then maximum total score, within every constraint."""
    assignment = _min_cost_flow(problem)
    if problem.max_per_unit_at_host is not None and violations(problem, assignment):
        assignment = _cp_sat(problem)
    return assignment


def _min_cost_flow(problem: Problem) -> dict:
    from ortools.graph.python import min_cost_flow

    flow = min_cost_flow.SimpleMinCostFlow()
    c_index = {c: i + 2 for i, c in enumerate(problem.cadres)}
    p_index = {p: i + 2 + len(c_index) for i, p in enumerate(problem.posts)}
    source, sink = 0, 1
    top = max(problem.scores.values(), default=0)
    for i in c_index.values():
        flow.add_arc_with_capacity_and_unit_cost(source, i, 1, 0)
    arcs = {}
    for (c, p), score in problem.scores.items():
        arcs[flow.add_arc_with_capacity_and_unit_cost(c_index[c], p_index[p], 1, top - score)] = (c, p)
    for p, j in p_index.items():
        flow.add_arc_with_capacity_and_unit_cost(j, sink, problem.capacity[p], 0)
    # Offer every cadre at the source; max-flow-with-min-cost sends as many as the network lets through.
    flow.set_node_supply(source, len(c_index))
    flow.set_node_supply(sink, -len(c_index))
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min cost flow failed: {status}")
    return {arcs[a][0]: arcs[a][1] for a in arcs if flow.flow(a) > 0}


def _cp_sat(problem: Problem, seconds: float = 60.0) -> dict:
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x = {pair: model.new_bool_var(f"x{i}") for i, pair in enumerate(problem.scores)}
    by_cadre, by_post, by_unit_host = defaultdict(list), defaultdict(list), defaultdict(list)
    for (c, p), var in x.items():
        by_cadre[c].append(var)
        by_post[p].append(var)
        by_unit_host[(problem.unit_of.get(c), problem.host_of.get(p, p))].append(var)
    for vars_ in by_cadre.values():
        model.add_at_most_one(vars_)
    for p, vars_ in by_post.items():
        model.add(sum(vars_) <= problem.capacity[p])
    for vars_ in by_unit_host.values():
        if len(vars_) > problem.max_per_unit_at_host:
            model.add(sum(vars_) <= problem.max_per_unit_at_host)
    # Coverage first: one more cadre assigned outweighs any difference of score.
    best: dict = defaultdict(int)
    for (c, _), score in problem.scores.items():
        best[c] = max(best[c], score)
    bonus = sum(best.values()) + 1
    model.maximize(sum((bonus + problem.scores[pair]) * var for pair, var in x.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 8
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError("CP-SAT found no assignment")
    return {c: p for (c, p), var in x.items() if solver.value(var)}


def preference_orders(problem: Problem) -> tuple[dict, dict]:
    """Each cadre's order of eligible posts and each post's order of cadres: stated preferences first,
    then by fit score (higher first), then by the order given, so every order is total."""
    eligible = problem.eligible_posts()
    post_pos = {p: i for i, p in enumerate(problem.posts)}
    cadre_pos = {c: i for i, c in enumerate(problem.cadres)}
    cadre_order = {}
    for c in problem.cadres:
        stated = [p for p in problem.cadre_prefs.get(c, []) if (c, p) in problem.scores]
        rest = sorted(set(eligible[c]) - set(stated), key=lambda p: (-problem.scores[(c, p)], post_pos[p]))
        cadre_order[c] = stated + rest
    post_rank = {}
    for p in problem.posts:
        stated = problem.post_prefs.get(p, [])
        ranks = {c: i for i, c in enumerate(stated)}
        post_rank[p] = lambda c, p=p, ranks=ranks: (
            ranks.get(c, len(ranks)),
            -problem.scores.get((c, p), 0),
            cadre_pos[c],
        )
    return cadre_order, post_rank


def solve_stable(problem: Problem) -> dict:
    """Cadre-proposing deferred acceptance with capacities. With a per-home-unit limit at a host, a post
    that would exceed it may only swap a cadre of the same unit it likes less."""
    cadre_order, post_rank = preference_orders(problem)
    k = problem.max_per_unit_at_host
    held: dict = defaultdict(list)
    unit_host: dict = defaultdict(list)  # (unit, host) → cadres held there
    match: dict = {}
    next_choice = dict.fromkeys(problem.cadres, 0)
    free = list(reversed(problem.cadres))
    while free:
        c = free.pop()
        order = cadre_order[c]
        if next_choice[c] >= len(order):
            continue
        p = order[next_choice[c]]
        next_choice[c] += 1
        rank = post_rank[p]
        uh = (problem.unit_of.get(c), problem.host_of.get(p, p))
        rejected = None
        if k is not None and len(unit_host[uh]) >= k:
            same = [d for d in held[p] if problem.unit_of.get(d) == uh[0]]
            worst = max(same, key=rank, default=None)
            if worst is None or rank(c) >= rank(worst):
                free.append(c)
                continue
            rejected = worst
        elif len(held[p]) >= problem.capacity[p]:
            worst = max(held[p], key=rank)
            if rank(c) >= rank(worst):
                free.append(c)
                continue
            rejected = worst
        if rejected is not None:
            held[p].remove(rejected)
            unit_host[(problem.unit_of.get(rejected), uh[1])].remove(rejected)
            del match[rejected]
            free.append(rejected)
        held[p].append(c)
        unit_host[uh].append(c)
        match[c] = p
    return match


def blocking_pairs(problem: Problem, assignment: dict) -> list[tuple]:
    """Pairs (cadre, post) that would both rather be together than with what they have (capacities only)."""
    cadre_order, post_rank = preference_orders(problem)
    holders = defaultdict(list)
    for c, p in assignment.items():
        holders[p].append(c)
    pairs = []
    for c in problem.cadres:
        order = cadre_order[c]
        current = order.index(assignment[c]) if c in assignment else len(order)
        for p in order[:current]:
            rank = post_rank[p]
            if len(holders[p]) < problem.capacity[p] or any(rank(c) < rank(d) for d in holders[p]):
                pairs.append((c, p))
    return pairs
