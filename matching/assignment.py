"""Optimal capacitated assignment (startups to mentors, startups to trainings, judges to pitches).

A *left* party (a startup) wants up to ``capacity`` partners (its demand, 1 by
default); a *right* party (a mentor) takes up to ``capacity`` partners.  Scored
candidate pairs say who may meet whom and how good that is; forbidden pairs
(conflicts of interest) are never used.  :func:`assign` returns an assignment
of maximum total score, solved exactly as a min-cost flow with OR-Tools'
``SimpleMinCostFlow`` [1]_ [2]_; :func:`reference_assignment_networkx` solves
the same flow with :func:`networkx.network_simplex` and exists for tests and
the benchmark; :func:`reassign` re-solves after a mentor declines.

Integer costs
-------------
Min-cost flow solvers work on integers, so every score ``s`` becomes
``w = round(s * 10**decimals)`` (``decimals=6`` by default).  For scores
written with at most ``decimals`` decimal places (and ``|s| < 10**9``) this is
the exact value times ``10**decimals``: no rounding happens, every tie stays a
tie, and the optimum of the integer problem *is* the optimum of the given
scores.  Scores with more decimals are rounded to the nearest
``10**-decimals``; the assignment is then optimal for the rounded scores and its
true total is within ``pairs * 0.5 * 10**-decimals`` of the true optimum.

The objective is lexicographic and still a single min-cost flow:

* ``maximize_count=False`` (default): maximum total score; among those, the
  most pairs (so zero-score pairs are used rather than left out).  Pair cost
  ``-(w * (K + 1) + 1)`` where ``K`` bounds the number of pairs; the ``+ 1``
  terms sum to at most ``K``, less than one unit of score.  Pairs with a
  negative score are never used.
* ``maximize_count=True``: as many pairs as possible first, then maximum total
  score (pairs with a negative score may be used to serve one more party).
  Pair cost ``-(w + M)`` with the offset ``M = 2 * K * A + 1`` (``A`` the
  largest ``|w|``): two assignments' scores differ by at most ``2 * K * A < M``,
  so one more pair always outweighs any score difference.

References
----------
.. [1] R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows: Theory,
   Algorithms, and Applications*, Prentice Hall, 1993 (ch. 9-11).
.. [2] A. V. Goldberg, "An efficient implementation of a scaling minimum-cost
   flow algorithm", *Journal of Algorithms* 22 (1997) 1-29.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

import numpy as np

__all__ = [
    "Assignment",
    "Candidate",
    "Party",
    "Reassignment",
    "assign",
    "reassign",
    "reference_assignment_networkx",
]

# The cost-scaling solver multiplies costs by (nodes + 1); stay well inside int64.
_COST_LIMIT = 2**62


@dataclass(frozen=True, slots=True)
class Party:
    """A party on one side of an assignment.

    Parameters
    ----------
    id : hashable
        Identifier, unique on its side (the same id may appear on both sides).
    capacity : int, default 1
        For a left party its demand (how many partners it wants at most), for
        a right party how many partners it takes at most.  ``0`` takes none.
    """

    id: Hashable
    capacity: int = 1


class Candidate(NamedTuple):
    """A scored candidate pair ``(left, right, score)``; plain 3-tuples are accepted too.

    A named tuple rather than a dataclass because instances come by the
    million (50 candidates per startup) and tuples are several times cheaper.
    """

    left: Hashable
    right: Hashable
    score: float


Pair = tuple[Hashable, Hashable, float]


@dataclass(frozen=True, slots=True)
class Assignment:
    """Result of :func:`assign`.

    Attributes
    ----------
    pairs : list of (left, right, score)
        Chosen pairs, in the order the candidates were given.
    total_score : float
        Sum of the chosen scores (:func:`math.fsum`), rounded to ``decimals``
        places: exactly the decimal sum for scores with that many decimals.
    unassigned : list
        Left parties with a positive demand that received no partner at all,
        in the order the left parties were given.
    """

    pairs: list[Pair]
    total_score: float
    unassigned: list[Hashable]


@dataclass(frozen=True, slots=True)
class Reassignment:
    """Result of :func:`reassign`: the new assignment and what changed.

    Attributes
    ----------
    assignment : Assignment
        The new assignment.
    added : list of (left, right, score)
        Pairs in the new assignment that were not in the current one.
    removed : list of (left, right, score)
        Pairs of the current assignment that are gone (the declined ones
        among them).
    """

    assignment: Assignment
    added: list[Pair]
    removed: list[Pair]


@dataclass(slots=True)
class _Problem:
    """Validated instance as arrays; the flow network both solvers build from."""

    left_ids: list[Hashable]
    right_ids: list[Hashable]
    demand: np.ndarray  # residual demand per left (after locked pairs)
    capacity: np.ndarray  # residual capacity per right
    li: np.ndarray  # free candidate pairs: left index
    ri: np.ndarray  # right index
    scores: np.ndarray  # float scores as given
    costs: np.ndarray  # int64 unit costs of the pair arcs
    bound: int  # K: an upper bound on the number of free pairs in any assignment
    positions: np.ndarray  # index of each free pair among the candidates, for ordering the result
    locked: list[tuple[int, Pair]]  # (candidate index, pair)
    original_demand: np.ndarray
    decimals: int


def _parties(parties: Iterable[Party | Hashable], side: str) -> tuple[list[Hashable], np.ndarray]:
    ids: list[Hashable] = []
    caps: list[int] = []
    seen: set[Hashable] = set()
    for p in parties:
        pid, cap = (p.id, p.capacity) if isinstance(p, Party) else (p, 1)
        if pid in seen:
            raise ValueError(f"duplicate {side} party {pid!r}")
        if isinstance(cap, bool) or not isinstance(cap, int | np.integer):
            raise ValueError(f"capacity of {side} party {pid!r} must be an integer, got {cap!r}")
        if cap < 0:
            raise ValueError(f"capacity of {side} party {pid!r} must not be negative, got {cap}")
        seen.add(pid)
        ids.append(pid)
        caps.append(int(cap))
    return ids, np.asarray(caps, dtype=np.int64)


def _index_pairs(
    pairs: Iterable[tuple[Hashable, Hashable]], lidx: dict, ridx: dict, what: str
) -> list[tuple[int, int]]:
    out = []
    for pair in pairs:
        left, right = pair[0], pair[1]
        if left not in lidx:
            raise ValueError(f"{what} pair ({left!r}, {right!r}): unknown left party {left!r}")
        if right not in ridx:
            raise ValueError(f"{what} pair ({left!r}, {right!r}): unknown right party {right!r}")
        out.append((lidx[left], ridx[right]))
    return out


def _prepare(
    lefts: Iterable[Party | Hashable],
    rights: Iterable[Party | Hashable],
    candidates: Iterable[Candidate | tuple[Hashable, Hashable, float]],
    *,
    forbidden: Iterable[tuple[Hashable, Hashable]],
    locked: Iterable[tuple[Hashable, Hashable]],
    maximize_count: bool,
    decimals: int,
) -> _Problem:
    left_ids, demand = _parties(lefts, "left")
    right_ids, capacity = _parties(rights, "right")
    lidx = {p: i for i, p in enumerate(left_ids)}
    ridx = {p: i for i, p in enumerate(right_ids)}
    cands = candidates if isinstance(candidates, list) else list(candidates)
    n = len(cands)

    # Vectorised lookups: one pass per column, unknown ids become -1 and are reported below.
    try:  # map/itemgetter keep the per-candidate loop in C
        li = np.fromiter(map(lidx.get, map(itemgetter(0), cands), repeat(-1)), dtype=np.int64, count=n)
        ri = np.fromiter(map(ridx.get, map(itemgetter(1), cands), repeat(-1)), dtype=np.int64, count=n)
    except (TypeError, IndexError) as exc:  # unhashable id or a candidate that is not a triple
        raise ValueError(f"candidates must be (left, right, score) triples of hashable ids: {exc}") from None
    for arr, side in ((li, "left"), (ri, "right")):
        bad = np.flatnonzero(arr < 0)
        if bad.size:
            c = cands[int(bad[0])]
            raise ValueError(f"pair ({c[0]!r}, {c[1]!r}): unknown {side} party {c[0 if side == 'left' else 1]!r}")
    try:
        scores = np.fromiter(map(itemgetter(2), cands), dtype=np.float64, count=n)
    except (TypeError, ValueError, IndexError):
        for c in cands:
            if len(c) != 3:
                raise ValueError(f"candidate {tuple(c)!r} must be a (left, right, score) triple") from None
            try:
                float(c[2])
            except (TypeError, ValueError):
                raise ValueError(f"pair ({c[0]!r}, {c[1]!r}): score must be a number, got {c[2]!r}") from None
        raise
    bad = np.flatnonzero(~np.isfinite(scores))
    if bad.size:
        c = cands[int(bad[0])]
        raise ValueError(f"pair ({c[0]!r}, {c[1]!r}): score must be a finite number, got {c[2]!r}")
    nr = max(len(right_ids), 1)
    keys = li * nr + ri
    if n:
        order = np.argsort(keys, kind="stable")
        dup = np.flatnonzero(keys[order][1:] == keys[order][:-1])
        if dup.size:
            c = cands[int(order[dup[0] + 1])]
            raise ValueError(f"duplicate pair ({c[0]!r}, {c[1]!r})")
    scale = 10**decimals
    if n and float(np.abs(scores).max()) * scale >= 2**53:
        raise ValueError(f"scores must be smaller than {2**53 / scale:.3g} in absolute value to be scaled exactly")
    w = np.rint(scores * scale).astype(np.int64)

    keep = np.ones(n, dtype=bool)
    forbidden_keys = {li_ * nr + ri_ for li_, ri_ in _index_pairs(forbidden, lidx, ridx, "forbidden")}
    if forbidden_keys:
        keep &= ~np.isin(keys, np.fromiter(forbidden_keys, dtype=np.int64))

    # Locked pairs are fixed first; the flow assigns what remains of the capacities.
    locked = list(locked)
    locked_pairs: list[tuple[int, Pair]] = []
    locked_idx = _index_pairs(locked, lidx, ridx, "locked")
    if locked_idx:
        pos = {int(k): i for i, k in enumerate(keys)}
        demand_left = demand.copy()
        cap_left = capacity.copy()
        for (a, b), pair in zip(locked_idx, locked, strict=True):
            k = a * nr + b
            where = f"locked pair ({pair[0]!r}, {pair[1]!r})"
            if k in forbidden_keys:
                raise ValueError(f"{where} is forbidden")
            if k not in pos:
                raise ValueError(f"{where} is not a candidate pair")
            i = pos[k]
            if not keep[i]:
                raise ValueError(f"{where} is given twice")
            keep[i] = False
            demand_left[a] -= 1
            cap_left[b] -= 1
            if demand_left[a] < 0:
                raise ValueError(f"{where} exceeds the capacity of left party {pair[0]!r}")
            if cap_left[b] < 0:
                raise ValueError(f"{where} exceeds the capacity of right party {pair[1]!r}")
            locked_pairs.append((i, (left_ids[a], right_ids[b], float(scores[i]))))
    else:
        demand_left, cap_left = demand, capacity

    sel = np.flatnonzero(keep)
    li, ri, scores, w = li[sel], ri[sel], scores[sel], w[sel]
    # K: no assignment has more free pairs than demand, capacity or candidate pairs allow.
    per_left = np.minimum(demand_left, np.bincount(li, minlength=len(left_ids)))
    per_right = np.minimum(cap_left, np.bincount(ri, minlength=len(right_ids)))
    bound = int(min(per_left.sum(), per_right.sum()))
    big = int(np.abs(w).max()) if w.size else 0
    if maximize_count:
        offset = 2 * bound * big + 1
        costs = -(w + offset)
        largest = big + offset
    else:
        costs = -(w * (bound + 1) + 1)
        largest = big * (bound + 1) + 1
    nodes = len(left_ids) + len(right_ids) + 2
    if largest * (nodes + 1) >= _COST_LIMIT:
        raise ValueError(
            f"scores too large for exact integer costs: lower `decimals` (now {decimals}) or rescale the scores"
        )
    return _Problem(
        left_ids=left_ids,
        right_ids=right_ids,
        demand=per_left,
        capacity=per_right,
        li=li,
        ri=ri,
        scores=scores,
        costs=costs.astype(np.int64),
        bound=bound,
        positions=sel,
        locked=locked_pairs,
        original_demand=demand,
        decimals=decimals,
    )


def _network(prob: _Problem) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Arcs source -> left -> right -> sink plus a zero-cost bypass source -> sink.

    Node 0 is the source, 1 the sink, then the lefts, then the rights.  The
    source supplies K units; what is not assigned takes the bypass, so the flow
    is always feasible and only profitable pairs carry flow.
    """
    nl, nr, m = len(prob.left_ids), len(prob.right_ids), len(prob.li)
    tails = np.concatenate([np.zeros(nl), prob.li + 2, np.arange(nr) + 2 + nl, [0]]).astype(np.int32)
    heads = np.concatenate([np.arange(nl) + 2, prob.ri + 2 + nl, np.ones(nr), [1]]).astype(np.int32)
    caps = np.concatenate([prob.demand, np.ones(m), prob.capacity, [prob.bound]]).astype(np.int64)
    costs = np.concatenate([np.zeros(nl, dtype=np.int64), prob.costs, np.zeros(nr + 1, dtype=np.int64)])
    return tails, heads, caps, costs


def _result(prob: _Problem, chosen: np.ndarray) -> Assignment:
    """Build the plain result from the chosen free pairs (boolean mask over prob.li)."""
    idx = np.flatnonzero(chosen)
    left_ids, right_ids = prob.left_ids, prob.right_ids
    found = [
        (int(i), (left_ids[a], right_ids[b], float(s)))
        for i, a, b, s in zip(prob.positions[idx], prob.li[idx], prob.ri[idx], prob.scores[idx], strict=True)
    ]
    pairs = [pair for _, pair in sorted(found + prob.locked, key=lambda item: item[0])]
    got = {left for left, _, _ in pairs}
    unassigned = [p for p, d in zip(prob.left_ids, prob.original_demand, strict=True) if d > 0 and p not in got]
    total = round(math.fsum(s for _, _, s in pairs), prob.decimals)
    return Assignment(pairs=pairs, total_score=total, unassigned=unassigned)


def assign(
    lefts: Iterable[Party | Hashable],
    rights: Iterable[Party | Hashable],
    candidates: Iterable[Candidate | tuple[Hashable, Hashable, float]],
    *,
    forbidden: Iterable[tuple[Hashable, Hashable]] = (),
    locked: Iterable[tuple[Hashable, Hashable]] = (),
    maximize_count: bool = False,
    decimals: int = 6,
) -> Assignment:
    """Assign left parties to right parties with maximum total score.

    Parameters
    ----------
    lefts, rights : iterable of Party or hashable
        The two sides; a bare id stands for ``Party(id, 1)``.  A left party's
        capacity is its demand.
    candidates : iterable of Candidate or (left, right, score)
        The pairs that may be assigned, each at most once.
    forbidden : iterable of (left, right), optional
        Pairs never to assign (conflicts of interest), even if they are candidates.
    locked : iterable of (left, right), optional
        Candidate pairs that must be in the result (confirmed pairs); they use
        up capacity on both sides.
    maximize_count : bool, default False
        If true, assign as many pairs as possible first and maximise the score
        among those; otherwise maximise the score (ties: more pairs).
    decimals : int, default 6
        Scores are scaled by ``10**decimals`` to integer costs (see the module
        notes); the result is exact for scores with at most that many decimals.

    Returns
    -------
    Assignment
        ``pairs`` (left, right, score) in the order of the candidates;
        ``total_score``; ``unassigned`` lefts.

    Raises
    ------
    ValueError
        On a negative or non-integer capacity, a duplicate party or pair, a
        pair naming an unknown party, a NaN or infinite score, or a locked pair
        that is forbidden, not a candidate or over capacity.

    Notes
    -----
    The network has a node per party plus a source and a sink: source -> left
    (capacity = demand), left -> right (capacity 1, cost = minus the scaled
    score), right -> sink (capacity = capacity) and a zero-cost bypass arc
    source -> sink.  OR-Tools solves it with Goldberg's cost-scaling
    push-relabel algorithm [2]_ in ``O(n^2 m log(n C))`` for ``n`` nodes,
    ``m`` arcs and largest cost ``C``; in practice about 0.7 s for 20,000
    startups, 2,000 mentors and a million candidate pairs.  Optimality follows
    from integrality of min-cost flows [1]_.  The solver is deterministic: the
    same input gives the same assignment.

    References
    ----------
    .. [1] R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows: Theory,
       Algorithms, and Applications*, Prentice Hall, 1993.
    .. [2] A. V. Goldberg, "An efficient implementation of a scaling
       minimum-cost flow algorithm", *Journal of Algorithms* 22 (1997) 1-29.

    Examples
    --------
    Two startups, one mentor who takes one mentee, and a conflict of interest:

    >>> from matching.assignment import Party, assign
    >>> result = assign(
    ...     ["s1", "s2"],
    ...     [Party("m1", capacity=1), Party("m2", capacity=2)],
    ...     [("s1", "m1", 0.9), ("s2", "m1", 0.8), ("s2", "m2", 0.5)],
    ...     forbidden=[("s2", "m2")],
    ... )
    >>> result.pairs, result.total_score, result.unassigned
    ([('s1', 'm1', 0.9)], 0.9, ['s2'])

    Serving both startups first costs score:

    >>> assign(["s1", "s2"], ["m1", "m2"], [("s1", "m1", 0.9), ("s1", "m2", 0.2), ("s2", "m1", 0.8)],
    ...        maximize_count=True).pairs
    [('s1', 'm2', 0.2), ('s2', 'm1', 0.8)]
    """
    prob = _prepare(
        lefts, rights, candidates, forbidden=forbidden, locked=locked, maximize_count=maximize_count, decimals=decimals
    )
    if prob.bound == 0:
        return _result(prob, np.zeros(len(prob.li), dtype=bool))
    return _result(prob, _solve_ortools(prob))


def _solve_ortools(prob: _Problem) -> np.ndarray:
    """Chosen free pairs (boolean mask) by OR-Tools' cost-scaling min-cost flow."""
    from ortools.graph.python import min_cost_flow

    tails, heads, caps, costs = _network(prob)
    solver = min_cost_flow.SimpleMinCostFlow()
    arcs = solver.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    solver.set_node_supply(0, prob.bound)
    solver.set_node_supply(1, -prob.bound)
    status = solver.solve()
    if status != solver.OPTIMAL:  # pragma: no cover - guarded by the checks in _prepare
        raise RuntimeError(f"min-cost flow failed with status {status!r}")
    flows = solver.flows(arcs)
    nl = len(prob.left_ids)
    return flows[nl : nl + len(prob.li)] > 0


def reference_assignment_networkx(
    lefts: Iterable[Party | Hashable],
    rights: Iterable[Party | Hashable],
    candidates: Iterable[Candidate | tuple[Hashable, Hashable, float]],
    *,
    forbidden: Iterable[tuple[Hashable, Hashable]] = (),
    locked: Iterable[tuple[Hashable, Hashable]] = (),
    maximize_count: bool = False,
    decimals: int = 6,
) -> Assignment:
    """Same contract as :func:`assign`, solved with :func:`networkx.network_simplex`.

    For tests and the benchmark: an independent solver on the very same
    network and integer costs, so both must reach the same optimum (the pairs
    may differ where optima tie).

    Notes
    -----
    Network simplex [1]_ in pure Python; typically 100 times slower or more
    than :func:`assign` on instances of 250,000 candidate pairs.

    References
    ----------
    .. [1] R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows: Theory,
       Algorithms, and Applications*, Prentice Hall, 1993, ch. 11.

    Examples
    --------
    >>> from matching.assignment import reference_assignment_networkx
    >>> reference_assignment_networkx(["s1", "s2"], ["m1"], [("s1", "m1", 0.9), ("s2", "m1", 0.8)]).pairs
    [('s1', 'm1', 0.9)]
    """
    import networkx as nx

    prob = _prepare(
        lefts, rights, candidates, forbidden=forbidden, locked=locked, maximize_count=maximize_count, decimals=decimals
    )
    if prob.bound == 0:
        return _result(prob, np.zeros(len(prob.li), dtype=bool))
    tails, heads, caps, costs = _network(prob)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(prob.left_ids) + len(prob.right_ids) + 2))
    graph.nodes[0]["demand"] = -prob.bound
    graph.nodes[1]["demand"] = prob.bound
    graph.add_edges_from(
        (int(t), int(h), {"capacity": int(c), "weight": int(w)})
        for t, h, c, w in zip(tails, heads, caps, costs, strict=True)
    )
    _, flow = nx.network_simplex(graph)
    nl = len(prob.left_ids)
    chosen = np.fromiter(
        (flow[int(a) + 2][int(b) + 2 + nl] > 0 for a, b in zip(prob.li, prob.ri, strict=True)),
        dtype=bool,
        count=len(prob.li),
    )
    return _result(prob, chosen)


def reassign(
    lefts: Iterable[Party | Hashable],
    rights: Iterable[Party | Hashable],
    candidates: Iterable[Candidate | tuple[Hashable, Hashable, float]],
    current: Iterable[tuple[Hashable, Hashable] | Pair],
    declined: Iterable[tuple[Hashable, Hashable]],
    *,
    confirmed: Iterable[tuple[Hashable, Hashable]] | None = None,
    forbidden: Iterable[tuple[Hashable, Hashable]] = (),
    maximize_count: bool = False,
    decimals: int = 6,
) -> Reassignment:
    """Re-solve after declines: the freed places go to the next-best proposals.

    The declined pairs become forbidden and the confirmed pairs stay locked;
    everything else is re-optimised with :func:`assign`.

    Parameters
    ----------
    lefts, rights, candidates, forbidden, maximize_count, decimals
        As for :func:`assign`.
    current : iterable of (left, right) or (left, right, score)
        The assignment in force, e.g. ``Assignment.pairs``.
    declined : iterable of (left, right)
        Pairs declined by either side; they are forbidden from now on.
    confirmed : iterable of (left, right), optional
        Pairs that must stay.  Default: every current pair that was not declined,
        so that only the declined places move.

    Returns
    -------
    Reassignment
        The new assignment, the pairs ``added`` and the pairs ``removed``.

    Notes
    -----
    One call of :func:`assign`; same complexity.

    Examples
    --------
    Mentor ``m1`` declines ``s1``; ``s1`` gets its next-best mentor and
    ``m1``'s place goes to ``s2``:

    >>> from matching.assignment import reassign
    >>> from matching.assignment import Party
    >>> cands = [("s1", "m1", 0.9), ("s1", "m2", 0.6), ("s2", "m1", 0.5), ("s3", "m2", 0.7)]
    >>> change = reassign(["s1", "s2", "s3"], ["m1", Party("m2", 2)], cands,
    ...                   current=[("s1", "m1"), ("s3", "m2")], declined=[("s1", "m1")])
    >>> change.added, change.removed
    ([('s1', 'm2', 0.6), ('s2', 'm1', 0.5)], [('s1', 'm1', 0.9)])
    >>> change.assignment.total_score
    1.8
    """
    cands = candidates if isinstance(candidates, list) else list(candidates)
    declined_set = {(p[0], p[1]) for p in declined}
    current_pairs = [(p[0], p[1]) for p in current]
    keep = (
        [p for p in current_pairs if p not in declined_set] if confirmed is None else [(p[0], p[1]) for p in confirmed]
    )
    clash = declined_set.intersection(keep)
    if clash:
        left, right = sorted(clash, key=repr)[0]
        raise ValueError(f"pair ({left!r}, {right!r}) is both declined and confirmed")
    result = assign(
        lefts,
        rights,
        cands,
        forbidden=[*forbidden, *declined_set],
        locked=keep,
        maximize_count=maximize_count,
        decimals=decimals,
    )
    score = {(c[0], c[1]): float(c[2]) for c in cands}
    before = set(current_pairs)
    after = {(left, right) for left, right, _ in result.pairs}
    added = [p for p in result.pairs if (p[0], p[1]) not in before]
    removed = [
        (left, right, score.get((left, right), math.nan)) for left, right in current_pairs if (left, right) not in after
    ]
    return Reassignment(assignment=result, added=added, removed=removed)
