"""Assignment: optimal against brute force and networkx, capacities and forbidden pairs respected."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.assignment import Candidate, Party, assign, reassign, reference_assignment_networkx

SOLVERS = [assign, reference_assignment_networkx]


def objective(pairs, maximize_count):
    """The lexicographic key both solvers maximise, on exact integer (micro) scores."""
    total = sum(round(s * 10**6) for _, _, s in pairs)
    return (len(pairs), total) if maximize_count else (total, len(pairs))


def brute_force(lefts, rights, candidates, forbidden, maximize_count):
    demand = {p.id: p.capacity for p in lefts}
    capacity = {p.id: p.capacity for p in rights}
    usable = [c for c in candidates if (c[0], c[1]) not in set(forbidden)]
    best = objective([], maximize_count)
    for k in range(1, len(usable) + 1):
        for subset in itertools.combinations(usable, k):
            lc = {}
            rc = {}
            for left, right, _ in subset:
                lc[left] = lc.get(left, 0) + 1
                rc[right] = rc.get(right, 0) + 1
            if all(lc[p] <= demand[p] for p in lc) and all(rc[p] <= capacity[p] for p in rc):
                best = max(best, objective(subset, maximize_count))
    return best


def check_feasible(result, lefts, rights, candidates, forbidden):
    demand = {p.id: p.capacity for p in lefts}
    capacity = {p.id: p.capacity for p in rights}
    score = {(c[0], c[1]): c[2] for c in candidates}
    used_left = {}
    used_right = {}
    for left, right, s in result.pairs:
        assert (left, right) in score
        assert score[(left, right)] == s
        assert (left, right) not in set(forbidden)
        used_left[left] = used_left.get(left, 0) + 1
        used_right[right] = used_right.get(right, 0) + 1
    assert all(used_left[p] <= demand[p] for p in used_left)
    assert all(used_right[p] <= capacity[p] for p in used_right)
    assert len({(p[0], p[1]) for p in result.pairs}) == len(result.pairs)
    assert result.unassigned == [p.id for p in lefts if p.capacity > 0 and p.id not in used_left]
    assert result.total_score == round(math.fsum(s for _, _, s in result.pairs), 6)


@st.composite
def instances(draw):
    n_left = draw(st.integers(1, 4))
    n_right = draw(st.integers(1, 3))
    lefts = [Party(f"s{i}", draw(st.integers(0, 2))) for i in range(n_left)]
    rights = [Party(f"m{j}", draw(st.integers(0, 2))) for j in range(n_right)]
    all_pairs = [(p.id, q.id) for p in lefts for q in rights]
    chosen = draw(st.lists(st.sampled_from(all_pairs), unique=True, max_size=8))
    # Two decimals and negative scores: ties and unprofitable pairs are common.
    candidates = [Candidate(a, b, draw(st.integers(-50, 100)) / 100) for a, b in chosen]
    forbidden = draw(st.lists(st.sampled_from(all_pairs), unique=True, max_size=3))
    return lefts, rights, candidates, forbidden


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("maximize_count", [False, True])
@settings(max_examples=60, deadline=None)
@given(instance=instances())
def test_assignment_optimal_against_brute_force(solver, maximize_count, instance):
    lefts, rights, candidates, forbidden = instance

    result = solver(lefts, rights, candidates, forbidden=forbidden, maximize_count=maximize_count)

    check_feasible(result, lefts, rights, candidates, forbidden)
    assert objective(result.pairs, maximize_count) == brute_force(lefts, rights, candidates, forbidden, maximize_count)


def random_instance(seed, n_left=60, n_right=15, per_left=6):
    rng = random.Random(seed)
    lefts = [Party(f"s{i}", rng.choice([1, 1, 1, 2])) for i in range(n_left)]
    rights = [Party(f"m{j}", rng.randint(0, 5)) for j in range(n_right)]
    candidates = [
        Candidate(p.id, f"m{j}", round(rng.uniform(-0.2, 1.0), 6))
        for p in lefts
        for j in rng.sample(range(n_right), per_left)
    ]
    forbidden = [(c.left, c.right) for c in rng.sample(candidates, 20)]
    return lefts, rights, candidates, forbidden


@pytest.mark.parametrize("maximize_count", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_assignment_equals_networkx_optimum_on_random_instances(seed, maximize_count):
    lefts, rights, candidates, forbidden = random_instance(seed)

    ours = assign(lefts, rights, candidates, forbidden=forbidden, maximize_count=maximize_count)
    theirs = reference_assignment_networkx(
        lefts, rights, candidates, forbidden=forbidden, maximize_count=maximize_count
    )

    check_feasible(ours, lefts, rights, candidates, forbidden)
    check_feasible(theirs, lefts, rights, candidates, forbidden)
    assert objective(ours.pairs, maximize_count) == objective(theirs.pairs, maximize_count)
    assert ours.total_score == theirs.total_score


def test_assignment_same_input_same_result():
    lefts, rights, candidates, forbidden = random_instance(7)

    first = assign(lefts, rights, candidates, forbidden=forbidden)
    second = assign(lefts, rights, list(candidates), forbidden=forbidden)

    assert first == second


def test_assignment_six_decimals_decide_the_optimum():
    # s1 is better with m1 by one millionth; the optimum must see it.
    candidates = [("s1", "m1", 0.500001), ("s1", "m2", 0.5), ("s2", "m1", 0.5), ("s2", "m2", 0.5)]

    result = assign(["s1", "s2"], ["m1", "m2"], candidates)

    assert result.pairs == [("s1", "m1", 0.500001), ("s2", "m2", 0.5)]
    assert result.total_score == 1.000001


def test_assignment_score_mode_skips_negative_pairs_count_mode_uses_them():
    candidates = [("s1", "m1", 1.0), ("s2", "m1", 0.8), ("s2", "m2", -0.1)]

    by_score = assign(["s1", "s2"], ["m1", "m2"], candidates)
    by_count = assign(["s1", "s2"], ["m1", "m2"], candidates, maximize_count=True)

    assert by_score.pairs == [("s1", "m1", 1.0)]
    assert by_score.unassigned == ["s2"]
    assert by_count.pairs == [("s1", "m1", 1.0), ("s2", "m2", -0.1)]
    assert by_count.unassigned == []


def test_assignment_zero_score_pairs_are_used():
    result = assign(["s1", "s2"], ["m1"], [("s1", "m1", 0.0)])

    assert result.pairs == [("s1", "m1", 0.0)]
    assert result.unassigned == ["s2"]


def test_assignment_locked_pairs_stay_and_use_capacity():
    candidates = [("s1", "m1", 0.1), ("s2", "m1", 0.9), ("s2", "m2", 0.3)]

    result = assign(["s1", "s2"], ["m1", "m2"], candidates, locked=[("s1", "m1")])

    assert result.pairs == [("s1", "m1", 0.1), ("s2", "m2", 0.3)]
    assert result.total_score == 0.4


def test_assignment_left_demand_above_one_gets_several_partners():
    result = assign([Party("s1", 2)], ["m1", "m2", "m3"], [("s1", "m1", 0.2), ("s1", "m2", 0.9), ("s1", "m3", 0.5)])

    assert result.pairs == [("s1", "m2", 0.9), ("s1", "m3", 0.5)]


def test_assignment_empty_instance():
    result = assign([], [], [])

    assert result.pairs == []
    assert result.total_score == 0
    assert result.unassigned == []


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize(
    ("lefts", "rights", "candidates", "kwargs", "message"),
    [
        (["s1"], [Party("m1", -1)], [], {}, "capacity of right party 'm1' must not be negative, got -1"),
        ([Party("s1", -2)], ["m1"], [], {}, "capacity of left party 's1' must not be negative, got -2"),
        ([Party("s1", 1.5)], ["m1"], [], {}, "capacity of left party 's1' must be an integer, got 1.5"),
        (["s1", "s1"], ["m1"], [], {}, "duplicate left party 's1'"),
        (["s1"], ["m1"], [("s1", "mX", 0.5)], {}, "pair ('s1', 'mX'): unknown right party 'mX'"),
        (["s1"], ["m1"], [("sX", "m1", 0.5)], {}, "pair ('sX', 'm1'): unknown left party 'sX'"),
        (["s1"], ["m1"], [("s1", "m1", math.nan)], {}, "pair ('s1', 'm1'): score must be a finite number, got nan"),
        (["s1"], ["m1"], [("s1", "m1", math.inf)], {}, "pair ('s1', 'm1'): score must be a finite number, got inf"),
        (["s1"], ["m1"], [("s1", "m1", "high")], {}, "pair ('s1', 'm1'): score must be a number, got 'high'"),
        (["s1"], ["m1"], [("s1", "m1")], {}, "candidate ('s1', 'm1') must be a (left, right, score) triple"),
        (["s1"], ["m1"], [("s1", "m1", 0.1), ("s1", "m1", 0.2)], {}, "duplicate pair ('s1', 'm1')"),
        (["s1"], ["m1"], [], {"forbidden": [("s1", "m9")]}, "forbidden pair ('s1', 'm9'): unknown right party 'm9'"),
        (["s1"], ["m1"], [], {"locked": [("s1", "m1")]}, "locked pair ('s1', 'm1') is not a candidate pair"),
        (
            ["s1"],
            ["m1"],
            [("s1", "m1", 0.1)],
            {"locked": [("s1", "m1")], "forbidden": [("s1", "m1")]},
            "locked pair ('s1', 'm1') is forbidden",
        ),
        (
            ["s1", "s2"],
            ["m1"],
            [("s1", "m1", 0.1), ("s2", "m1", 0.1)],
            {"locked": [("s1", "m1"), ("s2", "m1")]},
            "locked pair ('s2', 'm1') exceeds the capacity of right party 'm1'",
        ),
        (["s1"], ["m1"], [("s1", "m1", 1e12)], {}, "scores must be smaller than"),
    ],
)
def test_assignment_bad_input_raises_value_error(solver, lefts, rights, candidates, kwargs, message):
    with pytest.raises(ValueError) as excinfo:
        solver(lefts, rights, candidates, **kwargs)

    assert str(excinfo.value).startswith(message)


def test_assignment_costs_too_large_for_int64_raise():
    lefts = [f"s{i}" for i in range(3000)]
    candidates = [(s, "m1", 1e8) for s in lefts]

    with pytest.raises(ValueError, match="scores too large for exact integer costs"):
        assign(lefts, [Party("m1", 3000)], candidates)


CANDIDATES = [("s1", "m1", 0.9), ("s1", "m2", 0.6), ("s2", "m1", 0.5), ("s3", "m2", 0.7), ("s3", "m1", 0.4)]


def test_reassign_declined_place_goes_to_next_best_proposal():
    current = [("s1", "m1", 0.9), ("s3", "m2", 0.7)]

    change = reassign(["s1", "s2", "s3"], ["m1", Party("m2", 2)], CANDIDATES, current, [("s1", "m1")])

    assert change.removed == [("s1", "m1", 0.9)]
    assert change.added == [("s1", "m2", 0.6), ("s2", "m1", 0.5)]
    assert change.assignment.pairs == [("s1", "m2", 0.6), ("s2", "m1", 0.5), ("s3", "m2", 0.7)]


def test_reassign_keeps_confirmed_pairs_even_when_moving_them_would_score_more():
    candidates = [("s1", "m1", 0.9), ("s1", "m2", 0.8), ("s3", "m2", 0.3), ("s3", "m1", 0.7)]
    current = [("s1", "m1"), ("s3", "m2")]

    locked = reassign(["s1", "s3"], ["m1", "m2"], candidates, current, [("s1", "m1")])
    free = reassign(["s1", "s3"], ["m1", "m2"], candidates, current, [("s1", "m1")], confirmed=[])

    assert locked.assignment.pairs == [("s3", "m2", 0.3)]
    assert locked.assignment.unassigned == ["s1"]
    assert locked.added == []
    assert free.assignment.pairs == [("s1", "m2", 0.8), ("s3", "m1", 0.7)]
    assert free.added == [("s1", "m2", 0.8), ("s3", "m1", 0.7)]
    assert free.removed == [("s1", "m1", 0.9), ("s3", "m2", 0.3)]


def test_reassign_declined_and_confirmed_at_once_raises():
    with pytest.raises(ValueError, match=r"pair \('s1', 'm1'\) is both declined and confirmed"):
        reassign(["s1"], ["m1"], [("s1", "m1", 1.0)], [("s1", "m1")], [("s1", "m1")], confirmed=[("s1", "m1")])
