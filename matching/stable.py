"""Stable matching with capacities (hospitals/residents), from either side.

Residents are the parties that get one partner each (startups, enterprises);
hospitals take up to a capacity (mentors, trainings, banks).  Both sides rank
the other; lists may be incomplete, and a pair is *acceptable* only when each
lists the other.  A matching is *stable* when no acceptable pair ``(r, h)``
*blocks* it: ``r`` is unmatched or prefers ``h`` to its hospital, and ``h`` has
a free place or prefers ``r`` to one of its residents.

:func:`stable_matching` runs Gale and Shapley's deferred acceptance [1]_ with
capacities [2]_ [3]_: resident-proposing gives the resident-optimal stable
matching (every resident gets its best partner over all stable matchings),
hospital-proposing the hospital-optimal one (which is resident-pessimal).
:func:`blocking_pairs` checks any matching.

References
----------
.. [1] D. Gale, L. S. Shapley, "College admissions and the stability of
   marriage", *American Mathematical Monthly* 69 (1962) 9-15.
.. [2] A. E. Roth, "The evolution of the labor market for medical interns and
   residents: a case study in game theory", *Journal of Political Economy* 92
   (1984) 991-1016.
.. [3] D. Gusfield, R. W. Irving, *The Stable Marriage Problem: Structure and
   Algorithms*, MIT Press, 1989, section 1.6.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Hashable, Mapping, Sequence
from typing import Literal

__all__ = ["blocking_pairs", "stable_matching"]


def _ranks(
    prefs: Mapping[Hashable, Sequence[Hashable]], others: Mapping[Hashable, object], side: str, other_side: str
) -> dict[Hashable, dict[Hashable, int]]:
    ranks: dict[Hashable, dict[Hashable, int]] = {}
    for party, listed in prefs.items():
        rank: dict[Hashable, int] = {}
        for i, other in enumerate(listed):
            if other not in others:
                raise ValueError(f"{side} {party!r} ranks unknown {other_side} {other!r}")
            if other in rank:
                raise ValueError(f"{side} {party!r} ranks {other_side} {other!r} twice")
            rank[other] = i
        ranks[party] = rank
    return ranks


def _capacities(
    hospital_prefs: Mapping[Hashable, Sequence[Hashable]], capacities: Mapping[Hashable, int] | None
) -> dict[Hashable, int]:
    caps = dict.fromkeys(hospital_prefs, 1)
    for h, c in (capacities or {}).items():
        if h not in hospital_prefs:
            raise ValueError(f"capacity given for unknown hospital {h!r}")
        if isinstance(c, bool) or not isinstance(c, int):
            raise ValueError(f"capacity of hospital {h!r} must be an integer, got {c!r}")
        if c < 0:
            raise ValueError(f"capacity of hospital {h!r} must not be negative, got {c}")
        caps[h] = c
    return caps


def _validate(resident_prefs, hospital_prefs, capacities):
    r_rank = _ranks(resident_prefs, hospital_prefs, "resident", "hospital")
    h_rank = _ranks(hospital_prefs, resident_prefs, "hospital", "resident")
    return r_rank, h_rank, _capacities(hospital_prefs, capacities)


def stable_matching(
    resident_prefs: Mapping[Hashable, Sequence[Hashable]],
    hospital_prefs: Mapping[Hashable, Sequence[Hashable]],
    capacities: Mapping[Hashable, int] | None = None,
    *,
    proposing: Literal["residents", "hospitals"] = "residents",
) -> dict[Hashable, Hashable]:
    """Stable matching of residents to hospitals with capacities (deferred acceptance).

    Parameters
    ----------
    resident_prefs : mapping resident -> sequence of hospitals
        Each resident's acceptable hospitals, best first.
    hospital_prefs : mapping hospital -> sequence of residents
        Each hospital's acceptable residents, best first.
    capacities : mapping hospital -> int, optional
        Places per hospital; a hospital not mentioned has 1.
    proposing : {"residents", "hospitals"}, default "residents"
        Which side proposes.  Residents proposing yields the resident-optimal
        stable matching, hospitals proposing the hospital-optimal one.

    Returns
    -------
    dict
        ``resident -> hospital`` for every matched resident, in the order the
        residents were given.  Unmatched residents are absent.

    Raises
    ------
    ValueError
        If a list names an unknown party or a party twice, or a capacity is
        negative, not an integer or given for an unknown hospital.

    Notes
    -----
    A proposal is made at most once per list entry, and a hospital keeps its
    held residents in a heap keyed by rank, so the running time is
    ``O(L log c)`` for ``L`` list entries in total and largest capacity ``c``
    (``O(L)`` when hospitals propose).  Every stable matching matches the same
    residents and fills each hospital to the same count (the rural hospitals
    theorem [2]_ [3]_).  Deterministic: ties in the proposal order follow the
    input order.

    References
    ----------
    .. [1] D. Gale, L. S. Shapley, "College admissions and the stability of
       marriage", *American Mathematical Monthly* 69 (1962) 9-15.
    .. [2] A. E. Roth, "On the allocation of residents to rural hospitals: a
       general property of two-sided matching markets", *Econometrica* 54
       (1986) 425-427.
    .. [3] D. Gusfield, R. W. Irving, *The Stable Marriage Problem: Structure
       and Algorithms*, MIT Press, 1989.

    Examples
    --------
    Three startups, two mentors; mentor ``m1`` takes two mentees:

    >>> from matching.stable import stable_matching
    >>> startups = {"s1": ["m1", "m2"], "s2": ["m1", "m2"], "s3": ["m1"]}
    >>> mentors = {"m1": ["s3", "s2", "s1"], "m2": ["s1", "s2"]}
    >>> stable_matching(startups, mentors, {"m1": 2})
    {'s1': 'm2', 's2': 'm1', 's3': 'm1'}

    Residents and hospitals disagree on who is best; each proposing side gets
    its own optimum:

    >>> residents = {"r1": ["h1", "h2"], "r2": ["h2", "h1"]}
    >>> hospitals = {"h1": ["r2", "r1"], "h2": ["r1", "r2"]}
    >>> stable_matching(residents, hospitals)
    {'r1': 'h1', 'r2': 'h2'}
    >>> stable_matching(residents, hospitals, proposing="hospitals")
    {'r1': 'h2', 'r2': 'h1'}
    """
    r_rank, h_rank, caps = _validate(resident_prefs, hospital_prefs, capacities)
    if proposing == "residents":
        match = _residents_propose(resident_prefs, r_rank, h_rank, caps)
    elif proposing == "hospitals":
        match = _hospitals_propose(hospital_prefs, r_rank, h_rank, caps)
    else:
        raise ValueError(f"proposing must be 'residents' or 'hospitals', got {proposing!r}")
    return {r: match[r] for r in resident_prefs if r in match}


def _residents_propose(resident_prefs, r_rank, h_rank, caps) -> dict:
    held: dict[Hashable, list[tuple[int, int, Hashable]]] = {h: [] for h in caps}  # max-heap on rank
    order = {r: i for i, r in enumerate(resident_prefs)}
    nxt = dict.fromkeys(resident_prefs, 0)
    free = deque(resident_prefs)
    match: dict[Hashable, Hashable] = {}
    while free:
        r = free.popleft()
        prefs = resident_prefs[r]
        while nxt[r] < len(prefs):
            h = prefs[nxt[r]]
            nxt[r] += 1
            rank = h_rank[h].get(r)
            if rank is None or caps[h] == 0:
                continue  # not mutually acceptable
            heap = held[h]
            if len(heap) < caps[h]:
                heapq.heappush(heap, (-rank, order[r], r))
                match[r] = h
                break
            if -heap[0][0] > rank:  # h prefers r to its worst held resident
                _, _, worst = heapq.heapreplace(heap, (-rank, order[r], r))
                del match[worst]
                free.append(worst)
                match[r] = h
                break
    return match


def _hospitals_propose(hospital_prefs, r_rank, h_rank, caps) -> dict:
    nxt = dict.fromkeys(hospital_prefs, 0)
    count = dict.fromkeys(hospital_prefs, 0)
    queue = deque(hospital_prefs)
    queued = set(hospital_prefs)
    match: dict[Hashable, Hashable] = {}
    while queue:
        h = queue.popleft()
        queued.discard(h)
        prefs = hospital_prefs[h]
        while count[h] < caps[h] and nxt[h] < len(prefs):
            r = prefs[nxt[h]]
            nxt[h] += 1
            rank = r_rank[r].get(h)
            if rank is None:
                continue
            current = match.get(r)
            if current is not None and r_rank[r][current] < rank:
                continue  # r keeps the hospital it prefers
            match[r] = h
            count[h] += 1
            if current is not None:
                count[current] -= 1
                if current not in queued:
                    queue.append(current)
                    queued.add(current)
    return match


def blocking_pairs(
    matching: Mapping[Hashable, Hashable],
    resident_prefs: Mapping[Hashable, Sequence[Hashable]],
    hospital_prefs: Mapping[Hashable, Sequence[Hashable]],
    capacities: Mapping[Hashable, int] | None = None,
) -> list[tuple[Hashable, Hashable]]:
    """Pairs that block a matching; none for a stable matching.

    Parameters
    ----------
    matching : mapping resident -> hospital
        The matching to check (unmatched residents absent or mapped to None).
    resident_prefs, hospital_prefs, capacities
        As for :func:`stable_matching`.

    Returns
    -------
    list of (resident, hospital)
        Acceptable pairs ``(r, h)`` not in the matching where ``r`` is
        unmatched or prefers ``h`` to its hospital, and ``h`` has a free place
        or prefers ``r`` to its worst resident.  Ordered by resident (input
        order), then by the resident's preference.

    Raises
    ------
    ValueError
        If the matching uses an unknown party or an unacceptable pair, or
        exceeds a capacity; or the lists are invalid as for
        :func:`stable_matching`.

    Notes
    -----
    ``O(L)`` for ``L`` list entries in total: each hospital's worst resident
    is found once.

    Examples
    --------
    >>> from matching.stable import blocking_pairs
    >>> residents = {"r1": ["h1", "h2"], "r2": ["h1"]}
    >>> hospitals = {"h1": ["r1", "r2"], "h2": ["r1"]}
    >>> blocking_pairs({"r1": "h2", "r2": "h1"}, residents, hospitals)
    [('r1', 'h1')]
    >>> blocking_pairs({"r1": "h1"}, residents, hospitals)
    []
    """
    r_rank, h_rank, caps = _validate(resident_prefs, hospital_prefs, capacities)
    assigned: dict[Hashable, list[Hashable]] = {h: [] for h in caps}
    for r, h in matching.items():
        if h is None:
            continue
        if r not in r_rank:
            raise ValueError(f"matching names unknown resident {r!r}")
        if h not in h_rank:
            raise ValueError(f"matching names unknown hospital {h!r}")
        if h not in r_rank[r] or r not in h_rank[h]:
            raise ValueError(f"matched pair ({r!r}, {h!r}) is not mutually acceptable")
        assigned[h].append(r)
    worst: dict[Hashable, int] = {}
    for h, rs in assigned.items():
        if len(rs) > caps[h]:
            raise ValueError(f"hospital {h!r} has {len(rs)} residents but capacity {caps[h]}")
        # A hospital with a free place accepts anyone acceptable: worst rank = infinity.
        worst[h] = max(h_rank[h][r] for r in rs) if len(rs) == caps[h] and rs else len(h_rank[h]) + 1
    blocking = []
    for r, prefs in resident_prefs.items():
        mine = matching.get(r)
        limit = r_rank[r][mine] if mine is not None else len(prefs)
        for h in prefs[:limit]:
            rank = h_rank[h].get(r)
            if rank is not None and caps[h] > 0 and rank < worst[h]:
                blocking.append((r, h))
    return blocking
