"""Mentor assignment: exact OR-Tools min-cost flow at scale, and against networkx's network simplex.

Prints figures; never fails on time.  Run: ``.venv/bin/python -m bench assignment``.
"""

from __future__ import annotations

import time

import numpy as np

from matching.assignment import Party, _prepare, _solve_ortools, assign, reference_assignment_networkx


def mentor_instance(startups: int, mentors: int, per_startup: int, capacity: int, seed: int):
    """Startups each with ``per_startup`` distinct candidate mentors; scores in [0, 1) with 6 decimals."""
    rng = np.random.default_rng(seed)
    # Popular mentors are proposed more often (Zipf-like weights), as recommendation lists are.
    weights = 1.0 / np.arange(1, mentors + 1) ** 0.5
    weights /= weights.sum()
    lefts = [Party(f"startup-{i}", 1) for i in range(startups)]
    rights = [Party(f"mentor-{j}", capacity) for j in range(mentors)]
    names = [p.id for p in rights]
    candidates = []
    for i in range(startups):
        chosen = rng.choice(mentors, size=per_startup, replace=False, p=weights)
        scores = np.round(rng.random(per_startup), 6)
        left = lefts[i].id
        candidates.extend((left, names[j], float(s)) for j, s in zip(chosen, scores, strict=True))
    return lefts, rights, candidates


def main() -> None:
    import ortools.graph.python.min_cost_flow  # noqa: F401  - import once, outside the timings

    lefts, rights, candidates = mentor_instance(20_000, 2_000, 50, 10, seed=1)
    started = time.perf_counter()
    result = assign(lefts, rights, candidates)
    total_time = time.perf_counter() - started
    started = time.perf_counter()
    prob = _prepare(lefts, rights, candidates, forbidden=(), locked=(), maximize_count=False, decimals=6)
    build = time.perf_counter() - started
    started = time.perf_counter()
    _solve_ortools(prob)
    solve = time.perf_counter() - started
    print(
        f"assignment: startups={len(lefts)} mentors={len(rights)} pairs={len(candidates)} "
        f"optimal_total={result.total_score:.6f} assigned={len(result.pairs)} time={total_time:.2f}s "
        f"(validate+arrays {build:.2f}s, min-cost flow {solve:.2f}s)",
        flush=True,
    )

    lefts, rights, candidates = mentor_instance(5_000, 1_000, 50, 10, seed=2)
    started = time.perf_counter()
    ours = assign(lefts, rights, candidates)
    ortools_time = time.perf_counter() - started
    started = time.perf_counter()
    theirs = reference_assignment_networkx(lefts, rights, candidates)
    networkx_time = time.perf_counter() - started
    print(
        f"assignment_vs_networkx: startups={len(lefts)} mentors={len(rights)} pairs={len(candidates)} "
        f"ortools={ortools_time:.2f}s networkx={networkx_time:.1f}s speedup={networkx_time / ortools_time:.0f}x "
        f"same_total={ours.total_score == theirs.total_score} total={ours.total_score:.6f}",
        flush=True,
    )
