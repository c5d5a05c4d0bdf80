"""Meeting scheduling for a matchmaking day (银企对接): time slots and tables.

Accepted meetings are the edges of a multigraph on the parties (enterprises on
one side, banks and investors on the other; two meetings between the same pair
are two parallel edges).  A schedule gives each meeting a slot and a table so
that no party is in two meetings in one slot and no slot uses more than ``T``
tables.  ``slots_used`` is the length of the day: the last slot holding a
meeting, plus one.

Every schedule needs at least ``LB = max(Δ, ⌈E/T⌉)`` slots (a party with ``Δ``
meetings; ``E`` meetings on ``T`` tables), raised further by unavailability
(a party's ``d``-th available slot) and locked meetings.  Without
unavailability and locks, and for two-sided meetings, :func:`schedule_meetings`
always reaches ``LB`` exactly:

1. König's theorem [1]_: a bipartite multigraph has a proper edge colouring
   with ``Δ`` colours.  :func:`bipartite_edge_coloring` builds one by
   alternating-path (Kempe chain) recolouring [3]_.
2. With ``k = LB`` colours, the colour classes are balanced to sizes differing
   by at most one (an equitable edge colouring, de Werra [2]_): the union of two
   classes is a set of paths and even cycles, and swapping the colours on a
   path with one more edge of the larger class moves one edge over.  Then
   every class has ``⌈E/k⌉ ≤ T`` meetings.
3. Colour classes become slots; tables are numbered within each slot, keeping
   the busier party of a meeting at the same table where possible.

With unavailability or locks the problem is NP-hard in general.  The colouring
is tried first with its classes permuted onto slots by a bipartite matching
(exact when it succeeds); otherwise the better of two heuristic starts (the
colouring with its rule-breaking meetings re-placed first-fit, and plain
first-fit) goes to OR-Tools CP-SAT, which minimises the slots used within a
time limit and says whether the result is proven optimal.  :func:`repair_schedule` re-plans after
a change (a cancelled or late meeting, a party becoming unavailable) moving as
few meetings as possible.

References
----------
.. [1] D. König, "Über Graphen und ihre Anwendung auf Determinantentheorie und
   Mengenlehre", *Mathematische Annalen* 77 (1916) 453-465.
.. [2] D. de Werra, "Equitable colorations of graphs", *Revue française
   d'informatique et de recherche opérationnelle* R-3 (1971) 3-8.
.. [3] A. Schrijver, *Combinatorial Optimization: Polyhedra and Efficiency*,
   Springer, 2003, section 20.1.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "Repair",
    "Schedule",
    "ScheduleInfeasible",
    "bipartite_edge_coloring",
    "check_schedule",
    "greedy_schedule",
    "lower_bound",
    "repair_schedule",
    "schedule_meetings",
]

Meeting = tuple[Hashable, Hashable]

# CP-SAT models with more slot literals than this are not built: the heuristic answer is returned.
_CP_SAT_MAX_LITERALS = 1_000_000
# Slot numbers index arrays; no day has this many slots, and a typo like 10**9 must not exhaust memory.
MAX_SLOTS = 100_000


class ScheduleInfeasible(ValueError):
    """No schedule exists (``proven``) or none was found within the time limit.

    Attributes
    ----------
    reason : str
        One line saying why, e.g. that the day is too short.
    proven : bool
        True if infeasibility is certain, False if the search ran out of time.
    """

    def __init__(self, reason: str, *, proven: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.proven = proven


@dataclass(frozen=True, slots=True)
class Schedule:
    """A schedule of meetings: plain lists indexed like the meetings.

    Attributes
    ----------
    slots : list of int
        Slot of each meeting (0 is the first slot of the day).
    tables : list of int
        Table of each meeting, ``0 <= table < T``, unique within a slot.
    slots_used : int
        Length of the day: the last slot holding a meeting, plus one.
    lower_bound : int
        No schedule of these meetings uses fewer slots.
    optimal : bool
        True if ``slots_used`` is proven minimal.
    method : str
        How it was found: ``"edge-coloring"`` (exact), ``"edge-coloring+first-fit"``
        (the colouring with rule-breaking meetings re-placed), ``"first-fit"``,
        ``"cp-sat"`` or ``"repair"``.
    """

    slots: list[int]
    tables: list[int]
    slots_used: int
    lower_bound: int
    optimal: bool
    method: str = field(default="edge-coloring")

    @property
    def gap(self) -> int:
        """Slots above the lower bound (0 when the bound is met)."""
        return self.slots_used - self.lower_bound

    def placements(self) -> list[tuple[int, int]]:
        """``(slot, table)`` per meeting, the form :func:`repair_schedule` takes as ``previous``."""
        return list(zip(self.slots, self.tables, strict=True))


@dataclass(frozen=True, slots=True)
class Repair:
    """Result of :func:`repair_schedule`.

    Attributes
    ----------
    schedule : Schedule
        The repaired schedule of the new meeting list.
    moved : list of int
        Indices of meetings that were placed before and now sit in another slot.
    minimal : bool
        True if no schedule meeting the constraints moves fewer meetings.
    """

    schedule: Schedule
    moved: list[int]
    minimal: bool


# --------------------------------------------------------------------------- input


@dataclass(slots=True)
class _Instance:
    parties: list[Hashable]
    eu: list[int]
    ev: list[int]
    tables: int
    slots: int | None
    unavailable: list[frozenset[int]]
    locked: dict[int, int]
    incident: list[list[int]]

    @property
    def degree(self) -> list[int]:
        return [len(ms) for ms in self.incident]


def _slot_number(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} must be a non-negative integer slot, got {value!r}")
    if value >= MAX_SLOTS:
        raise ValueError(f"{what} must be below {MAX_SLOTS}, got {value}")
    return value


def _prepare(
    meetings: Iterable[Meeting],
    *,
    tables: int,
    slots: int | None,
    unavailable: Mapping[Hashable, Iterable[int]] | None,
    locked: Mapping[int, int] | None,
    parties: Iterable[Hashable] | None,
) -> _Instance:
    if isinstance(tables, bool) or not isinstance(tables, int) or tables < 1:
        raise ValueError(f"tables must be a positive integer, got {tables!r}")
    if slots is not None and (isinstance(slots, bool) or not isinstance(slots, int) or slots < 0):
        raise ValueError(f"slots must be a non-negative integer, got {slots!r}")
    if slots is not None and slots > MAX_SLOTS:
        raise ValueError(f"slots must be at most {MAX_SLOTS}, got {slots}")
    known = None if parties is None else set(parties)
    index: dict[Hashable, int] = {}
    names: list[Hashable] = []
    eu: list[int] = []
    ev: list[int] = []
    for i, meeting in enumerate(meetings):
        try:
            a, b = meeting
            hash(a), hash(b)
        except (TypeError, ValueError):
            raise ValueError(f"meeting {i} must be a pair of party ids, got {meeting!r}") from None
        if a == b:
            raise ValueError(f"meeting {i} is a self-meeting of {a!r}")
        for p in (a, b):
            if known is not None and p not in known:
                raise ValueError(f"meeting {i}: unknown party {p!r}")
            if p not in index:
                index[p] = len(names)
                names.append(p)
        eu.append(index[a])
        ev.append(index[b])
    if known is not None:
        for p in parties:  # parties without meetings, for validating `unavailable`
            if p not in index:
                index[p] = len(names)
                names.append(p)
    unavail: list[frozenset[int]] = [frozenset()] * len(names)
    for p, bad in (unavailable or {}).items():
        if p not in index:
            raise ValueError(f"unavailable: unknown party {p!r}")
        unavail[index[p]] = frozenset(_slot_number(s, f"unavailable slot of {p!r}") for s in bad)
    fixed: dict[int, int] = {}
    for m, s in (locked or {}).items():
        if isinstance(m, bool) or not isinstance(m, int) or not 0 <= m < len(eu):
            raise ValueError(f"locked: meeting index {m!r} out of range ({len(eu)} meetings)")
        fixed[m] = _slot_number(s, f"locked slot of meeting {m}")
    incident: list[list[int]] = [[] for _ in names]
    for m, (u, v) in enumerate(zip(eu, ev, strict=True)):
        incident[u].append(m)
        incident[v].append(m)
    return _Instance(names, eu, ev, tables, slots, unavail, dict(sorted(fixed.items())), incident)


def _bound(inst: _Instance) -> tuple[int, str]:
    """The lower bound on slots used, and what sets it."""
    e = len(inst.eu)
    best = (0, "no meetings")
    for value, why in (
        (max(inst.degree, default=0), "the busiest party's meetings"),
        (-(-e // inst.tables), f"{e} meetings on {inst.tables} table{'s' if inst.tables > 1 else ''}"),
    ):
        if value > best[0]:
            best = (value, why)
    for m, s in inst.locked.items():
        if s + 1 > best[0]:
            best = (s + 1, f"meeting {m} is locked to slot {s}")
    for p, bad in enumerate(inst.unavailable):
        if not bad:
            continue
        last = len(inst.incident[p]) - 1  # the d-th available slot: d - 1 plus the unavailable ones below it
        for s in sorted(bad):
            if s <= last:
                last += 1
            else:
                break
        if last + 1 > best[0]:
            best = (last + 1, f"{inst.parties[p]!r} has {len(inst.incident[p])} meetings and unavailable slots")
    return best


def _check_feasible(inst: _Instance) -> int:
    """Lower bound, after raising ScheduleInfeasible for the reasons that are cheap to see."""
    per_slot: dict[int, list[int]] = {}
    for m, s in inst.locked.items():
        if inst.slots is not None and s >= inst.slots:
            raise ScheduleInfeasible(f"meeting {m} is locked to slot {s} but the day has only {inst.slots} slots")
        for p in (inst.eu[m], inst.ev[m]):
            if s in inst.unavailable[p]:
                raise ScheduleInfeasible(f"meeting {m} is locked to slot {s} when {inst.parties[p]!r} is unavailable")
        per_slot.setdefault(s, []).append(m)
    for s, ms in per_slot.items():
        if len(ms) > inst.tables:
            raise ScheduleInfeasible(f"slot {s} has {len(ms)} locked meetings but only {inst.tables} tables")
        seen: dict[int, int] = {}
        for m in ms:
            for p in (inst.eu[m], inst.ev[m]):
                if p in seen:
                    raise ScheduleInfeasible(
                        f"meetings {seen[p]} and {m} of {inst.parties[p]!r} are both locked to slot {s}"
                    )
                seen[p] = m
    lb, why = _bound(inst)
    if inst.slots is not None and lb > inst.slots:
        raise ScheduleInfeasible(f"the day is too short: {inst.slots} slots, but at least {lb} are needed ({why})")
    return lb


# --------------------------------------------------------------------------- edge colouring


def _two_sides(n: int, eu: list[int], ev: list[int], incident: list[list[int]]) -> list[int] | None:
    """A 2-colouring of the parties (the two sides), or None if there is an odd cycle."""
    side = [-1] * n
    for start in range(n):
        if side[start] >= 0:
            continue
        side[start] = 0
        queue = deque([start])
        while queue:
            x = queue.popleft()
            for m in incident[x]:
                y = ev[m] if eu[m] == x else eu[m]
                if side[y] < 0:
                    side[y] = 1 - side[x]
                    queue.append(y)
                elif side[y] == side[x]:
                    return None
    return side


def _kempe_coloring(n: int, eu: list[int], ev: list[int]) -> tuple[list[int], list[dict[int, int]]]:
    """Proper edge colouring of a bipartite multigraph with Δ colours (König).

    ``at[x][c]`` is the meeting of colour ``c`` at party ``x``.  Each meeting
    takes a colour free at both ends if there is one among the two ends'
    lowest free colours; otherwise the a/b path from ``v`` is swapped, which
    frees ``a`` at ``v`` and cannot reach ``u`` in a bipartite graph.
    """
    at: list[dict[int, int]] = [{} for _ in range(n)]
    low = [0] * n  # every colour below low[x] is in use at x
    col = [-1] * len(eu)
    for e in range(len(eu)):
        u, v = eu[e], ev[e]
        au, av = at[u], at[v]
        a = low[u]
        while a in au:
            a += 1
        low[u] = a
        if a not in av:
            col[e] = a
            au[a] = av[a] = e
            continue
        b = low[v]
        while b in av:
            b += 1
        low[v] = b
        if b not in au:
            col[e] = b
            au[b] = av[b] = e
            continue
        path = []
        x, c = v, a
        while c in at[x]:
            f = at[x][c]
            path.append(f)
            x = ev[f] if eu[f] == x else eu[f]
            c = b if c == a else a
        _swap(path, a, b, eu, ev, col, at)
        if b < low[x] and b not in at[x]:
            low[x] = b
        if a < low[x] and a not in at[x]:
            low[x] = a
        col[e] = a
        au[a] = av[a] = e
    return col, at


def _swap(path: list[int], a: int, b: int, eu, ev, col, at, members=None) -> None:
    """Exchange colours a and b on an alternating path (all at once, so the dicts stay consistent)."""
    for f in path:
        c = col[f]
        del at[eu[f]][c]
        del at[ev[f]][c]
        if members is not None:
            members[c].discard(f)
    for f in path:
        c = b if col[f] == a else a
        col[f] = c
        at[eu[f]][c] = at[ev[f]][c] = f
        if members is not None:
            members[c].add(f)


def _equalize(k: int, eu, ev, col, at) -> None:
    """Make colour class sizes differ by at most one (de Werra), keeping the colouring proper.

    Repeatedly pairs the largest class ``a`` with the smallest ``b``: in their
    union every component is a path or an even cycle, and there are at least
    ``|a| - |b|`` paths with one more ``a`` edge than ``b`` edges; swapping
    ``(|a| - |b|) // 2`` of them balances the pair.
    """
    members: list[set[int]] = [set() for _ in range(k)]
    for e, c in enumerate(col):
        members[c].add(e)
    largest = [(-len(ms), c) for c, ms in enumerate(members)]
    smallest = [(len(ms), c) for c, ms in enumerate(members)]
    heapq.heapify(largest)
    heapq.heapify(smallest)
    while True:
        while -largest[0][0] != len(members[largest[0][1]]):
            heapq.heappop(largest)
        while smallest[0][0] != len(members[smallest[0][1]]):
            heapq.heappop(smallest)
        a, b = largest[0][1], smallest[0][1]
        need = (len(members[a]) - len(members[b])) // 2
        if need == 0:
            return
        walked: set[int] = set()
        for f in sorted(members[a]):  # sorted: deterministic choice of paths
            if need == 0:
                break
            if f in walked:
                continue
            for x in (eu[f], ev[f]):
                if b in at[x]:
                    continue  # not a path end
                path = []
                y, c = x, a
                while c in at[y]:
                    g = at[y][c]
                    path.append(g)
                    y = ev[g] if eu[g] == y else eu[g]
                    c = b if c == a else a
                walked.update(path)
                if len(path) % 2 == 1:  # starts and ends with an a edge
                    _swap(path, a, b, eu, ev, col, at, members)
                    need -= 1
                break
        for c in (a, b):
            heapq.heappush(largest, (-len(members[c]), c))
            heapq.heappush(smallest, (len(members[c]), c))


def _coloring(n: int, eu: list[int], ev: list[int], k: int | None, equitable: bool) -> tuple[list[int], list]:
    col, at = _kempe_coloring(n, eu, ev)
    delta = max((len(d) for d in at), default=0)
    k = delta if k is None else k
    if equitable and k > 0 and eu:
        _equalize(k, eu, ev, col, at)
    return col, at


def bipartite_edge_coloring(
    meetings: Sequence[Meeting], *, colors: int | None = None, equitable: bool = False
) -> list[int]:
    """Proper edge colouring of a bipartite multigraph with the fewest colours.

    Parameters
    ----------
    meetings : sequence of (a, b)
        The edges; repeated pairs are parallel edges.
    colors : int, optional
        Number of colours ``k >= Δ`` to use; default ``Δ``, the maximum degree.
    equitable : bool, default False
        Balance the colour classes so their sizes differ by at most one.

    Returns
    -------
    list of int
        The colour ``0 <= c < k`` of each edge; edges sharing an end differ.

    Raises
    ------
    ValueError
        On a self-loop, an odd cycle (the graph is not bipartite), or
        ``colors < Δ``.

    Notes
    -----
    König's theorem [1]_ guarantees ``Δ`` colours.  Edges are coloured one by
    one; when the two ends have no common free colour, an alternating (Kempe)
    path is swapped [3]_, so the worst case is ``O(E V)`` time and ``O(E)``
    memory; on matchmaking days (5,000 parties, 50,000 meetings) paths are a
    few edges long and colouring takes well under a second.  Balancing
    (de Werra [2]_) costs ``O(E)`` per pair of classes balanced.  A faster
    worst case, ``O(E log Δ)``, is Cole, Ost and Schirra's algorithm [4]_.

    References
    ----------
    .. [1] D. König, "Über Graphen und ihre Anwendung auf Determinantentheorie
       und Mengenlehre", *Mathematische Annalen* 77 (1916) 453-465.
    .. [2] D. de Werra, "Equitable colorations of graphs", *Revue française
       d'informatique et de recherche opérationnelle* R-3 (1971) 3-8.
    .. [3] A. Schrijver, *Combinatorial Optimization*, Springer, 2003, 20.1.
    .. [4] R. Cole, K. Ost, S. Schirra, "Edge-coloring bipartite multigraphs
       in O(E log D) time", *Combinatorica* 21 (2001) 5-12.

    Examples
    --------
    >>> from matching.schedule import bipartite_edge_coloring
    >>> meetings = [("e1", "bank"), ("e2", "bank"), ("e1", "fund"), ("e2", "fund")]
    >>> bipartite_edge_coloring(meetings)
    [0, 1, 1, 0]
    >>> bipartite_edge_coloring(meetings, colors=4, equitable=True)
    [2, 3, 1, 0]
    """
    inst = _prepare(meetings, tables=1, slots=None, unavailable=None, locked=None, parties=None)
    n = len(inst.parties)
    if _two_sides(n, inst.eu, inst.ev, inst.incident) is None:
        raise ValueError("the meetings do not form a bipartite graph (some parties meet in an odd cycle)")
    delta = max(inst.degree, default=0)
    if colors is not None and colors < delta:
        raise ValueError(f"colors must be at least the maximum degree {delta}, got {colors}")
    col, _ = _coloring(n, inst.eu, inst.ev, colors, equitable)
    return col


# --------------------------------------------------------------------------- tables


def _tables(inst: _Instance, slot_of: list[int], keep: Mapping[int, int] | None = None) -> list[int]:
    """Number the tables within each slot.

    The busier party of a meeting (its host) has a home table, so a bank
    stays put while enterprises move.  ``keep`` maps meetings to tables they
    should keep (repair), which takes precedence when valid.
    """
    degree = inst.degree
    hosts = sorted(range(len(inst.parties)), key=lambda p: (-degree[p], p))
    home = {p: i % inst.tables for i, p in enumerate(hosts)}
    host = [v if degree[v] >= degree[u] else u for u, v in zip(inst.eu, inst.ev, strict=True)]
    by_slot: dict[int, list[int]] = {}
    for m, s in enumerate(slot_of):
        by_slot.setdefault(s, []).append(m)
    table = [-1] * len(slot_of)
    for ms in by_slot.values():
        used: set[int] = set()
        if keep:
            for m in ms:
                t = keep.get(m)
                if t is not None and 0 <= t < inst.tables and t not in used:
                    table[m] = t
                    used.add(t)
        ms_sorted = sorted((m for m in ms if table[m] < 0), key=lambda m: (-degree[host[m]], m))
        rest = []
        for m in ms_sorted:
            t = home[host[m]]
            if t in used:
                rest.append(m)
            else:
                table[m] = t
                used.add(t)
        free = (t for t in range(inst.tables) if t not in used)
        for m in rest:
            table[m] = next(free)
    return table


def _schedule(inst: _Instance, slot_of: list[int], lb: int, optimal: bool | None, method: str, keep=None) -> Schedule:
    used = max(slot_of, default=-1) + 1
    return Schedule(
        slots=list(slot_of),
        tables=_tables(inst, slot_of, keep),
        slots_used=used,
        lower_bound=lb,
        optimal=used == lb if optimal is None else optimal,
        method=method,
    )


# --------------------------------------------------------------------------- heuristics


def _allowed(inst: _Instance, m: int, horizon: int) -> list[int]:
    """Slots below ``horizon`` that meeting m may take."""
    if m in inst.locked:
        return [inst.locked[m]] if inst.locked[m] < horizon else []
    bad = inst.unavailable[inst.eu[m]] | inst.unavailable[inst.ev[m]]
    return [s for s in range(horizon) if s not in bad]


def _first_fit(
    inst: _Instance,
    order: Iterable[int],
    horizon: int | None,
    fixed: Mapping[int, int] | None = None,
    *,
    partial: bool = False,
) -> list[int] | None:
    """Place each meeting in the lowest slot free for both parties with a free table.

    ``fixed`` meetings are placed first as given.  Returns None if some
    meeting does not fit below ``horizon``; with ``partial``, leaves it at -1
    instead.
    """
    busy: list[set[int]] = [set() for _ in inst.parties]
    count: dict[int, int] = {}
    low = [0] * len(inst.parties)  # every slot below low[p] is busy or unavailable for p
    full_below = 0  # every slot below this has all tables taken
    slot_of = [-1] * len(inst.eu)

    def put(m: int, s: int) -> None:
        slot_of[m] = s
        busy[inst.eu[m]].add(s)
        busy[inst.ev[m]].add(s)
        count[s] = count.get(s, 0) + 1

    for m, s in (fixed or {}).items():
        put(m, s)
    for m, s in inst.locked.items():
        if slot_of[m] < 0:
            if s in busy[inst.eu[m]] or s in busy[inst.ev[m]] or count.get(s, 0) >= inst.tables:
                if partial:
                    continue
                return None  # the locked slot is taken by a fixed meeting
            put(m, s)
    for m in order:
        if slot_of[m] >= 0:
            continue
        u, v = inst.eu[m], inst.ev[m]
        bu, bv = busy[u], busy[v]
        nu, nv = inst.unavailable[u], inst.unavailable[v]
        while low[u] in bu or low[u] in nu:
            low[u] += 1
        while low[v] in bv or low[v] in nv:
            low[v] += 1
        while count.get(full_below, 0) >= inst.tables:
            full_below += 1
        s = max(low[u], low[v], full_below)
        while s in bu or s in bv or s in nu or s in nv or count.get(s, 0) >= inst.tables:
            s += 1
        if horizon is not None and s >= horizon:
            if partial:
                continue
            return None
        put(m, s)
    return slot_of


def _kempe_insert(inst: _Instance, slot_of: list[int], pending: Sequence[int], horizon: int) -> bool:
    """Place the pending meetings (slot -1) into a full schedule by Kempe-chain swaps, in place.

    For a pending meeting ``(x, y)`` with ``x`` free in slot ``a`` and ``y``
    free in ``b``, swapping ``a`` and ``b`` along the alternating path from
    ``y`` frees ``a`` at ``y``; the shortest valid path is taken (it must not
    end at ``x``, hold a locked meeting, move a meeting into a slot where a
    party is unavailable, or overfill a slot).  A slot free for both but out of
    tables is relieved by moving one of its meetings elsewhere.  Returns False
    if some meeting could not be placed (left at -1).
    """
    eu, ev, tables = inst.eu, inst.ev, inst.tables
    unavailable = inst.unavailable
    at: list[dict[int, int]] = [{} for _ in inst.parties]
    count = [0] * horizon
    members: list[set[int]] = [set() for _ in range(horizon)]

    def put(g: int, s: int) -> None:
        slot_of[g] = s
        at[eu[g]][s] = at[ev[g]][s] = g
        count[s] += 1
        members[s].add(g)

    def lift(g: int) -> None:
        s = slot_of[g]
        del at[eu[g]][s], at[ev[g]][s]
        count[s] -= 1
        members[s].discard(g)

    def free(p: int, s: int) -> bool:
        return s not in at[p] and s not in unavailable[p]

    for g, s in enumerate(slot_of):
        if s >= 0:
            put(g, s)
    for m in pending:
        best: tuple[int, int, list[int], int | None] | None = None  # (cost, slot, path, relief slot)
        for x, y in ((eu[m], ev[m]), (ev[m], eu[m])):
            free_y = [b for b in range(horizon) if free(y, b)]
            for a in range(horizon):
                if best is not None and best[0] <= 1:
                    break
                if not free(x, a) or a in unavailable[y]:
                    continue
                if a not in at[y]:  # both free in a
                    if count[a] < tables:
                        best = (0, a, [], None)
                        break
                    for g in sorted(members[a]):  # out of tables: move one meeting elsewhere
                        if g in inst.locked:
                            continue
                        c = next(
                            (c for c in range(horizon) if count[c] < tables and free(eu[g], c) and free(ev[g], c)), None
                        )
                        if c is not None:
                            best = (1, a, [g], c)
                            break
                    continue
                for b in free_y:
                    if b == a:
                        continue
                    limit = best[0] if best is not None else len(eu) + 1
                    path: list[int] = []
                    z, c = y, a
                    while c in at[z] and len(path) < limit:
                        g = at[z][c]
                        path.append(g)
                        z = ev[g] if eu[g] == z else eu[g]
                        c = b if c == a else a
                    if len(path) >= limit or c in at[z] or z == x:
                        continue
                    in_a = sum(1 for g in path if slot_of[g] == a)
                    if (
                        count[a] - in_a + (len(path) - in_a) + 1 > tables
                        or count[b] - (len(path) - in_a) + in_a > tables
                    ):
                        continue
                    if any(
                        g in inst.locked or (b if slot_of[g] == a else a) in unavailable[eu[g]] | unavailable[ev[g]]
                        for g in path
                    ):
                        continue
                    best = (len(path), a, path, b)
                    if len(path) == 1:
                        break
        if best is None:
            return False
        _, a, path, other = best
        moves = [(g, (other if slot_of[g] == a else a)) for g in path]
        for g, _ in moves:
            lift(g)
        for g, target in moves:
            put(g, target)
        put(m, a)
    return True


def _tight_order(inst: _Instance) -> list[int]:
    """Most constrained meetings first: most unavailable slots, then busiest parties."""
    degree = inst.degree

    def key(m: int) -> tuple[int, int, int, int]:
        u, v = inst.eu[m], inst.ev[m]
        blocked = len(inst.unavailable[u] | inst.unavailable[v])
        return (-blocked, -max(degree[u], degree[v]), -min(degree[u], degree[v]), m)

    return sorted(range(len(inst.eu)), key=key)


def _permute_onto_slots(inst: _Instance, col: list[int], k: int, *, partial: bool = False) -> list[int] | None:
    """Map colour classes one-to-one onto slots 0..k-1 respecting unavailability and locks.

    A perfect bipartite matching of classes to slots, where class c may take
    slot s when no party in c is unavailable in s and every locked meeting of
    c is locked to s.  Kuhn's augmenting paths, most constrained classes
    first, each first trying a free slot directly (almost always enough, as
    unavailability is sparse).  Returns the slot of each meeting, or None if
    no such mapping exists; with ``partial``, classes left over (and those
    with locks to different slots) take the remaining slots in order instead,
    breaking some constraints, as a start for :func:`_keep`.
    """
    blocked: list[set[int]] = [set() for _ in range(k)]
    pinned: list[set[int]] = [set() for _ in range(k)]
    for m, c in enumerate(col):
        blocked[c] |= inst.unavailable[inst.eu[m]]
        blocked[c] |= inst.unavailable[inst.ev[m]]
        if m in inst.locked:
            pinned[c].add(inst.locked[m])
    if any(len(p) > 1 for p in pinned):
        if not partial:
            return None
        pinned = [p if len(p) <= 1 else set() for p in pinned]

    def options(c: int) -> Iterable[int]:
        if pinned[c]:
            return [s for s in pinned[c] if s < k and s not in blocked[c]]
        return (s for s in range(k) if s not in blocked[c])

    owner = [-1] * k  # slot -> class
    slot_of_class = [-1] * k
    free = list(range(k))  # sorted free slots
    for c in sorted(range(k), key=lambda c: (not pinned[c], -len(blocked[c]), c)):
        if not pinned[c]:
            direct = next((s for s in free if s not in blocked[c]), None)
            if direct is not None:
                free.remove(direct)
                owner[direct], slot_of_class[c] = c, direct
                continue
        # Augmenting path search (iterative DFS): stack[i] takes via[i], owned by stack[i + 1].
        seen: set[int] = set()
        stack = [(c, iter(options(c)))]
        via: list[int] = []
        done = False
        while stack and not done:
            cls, it = stack[-1]
            for s in it:
                if s in seen:
                    continue
                seen.add(s)
                if owner[s] < 0:
                    free.remove(s)
                    owner[s], slot_of_class[cls] = cls, s
                    for (level, _), taken in zip(stack, via, strict=False):
                        owner[taken], slot_of_class[level] = level, taken
                    done = True
                else:
                    via.append(s)
                    stack.append((owner[s], iter(options(owner[s]))))
                break
            else:
                stack.pop()
                if via:
                    via.pop()
        if not done and not partial:
            return None
    if partial:
        leftover = iter(free)
        slot_of_class = [s if s >= 0 else next(leftover) for s in slot_of_class]
    return [slot_of_class[c] for c in col]


def _keep(inst: _Instance, prev_slot: Mapping[int, int]) -> tuple[dict[int, int], list[int], list[int]]:
    """Split previously placed meetings into kept, forced to move, and displaced.

    A meeting is *forced* when its own slot is now invalid (outside the day, a
    party unavailable, locked elsewhere); *displaced* when it clashes with a
    meeting kept before it (locked meetings first, then by index).
    """
    forced: list[int] = []
    kept: dict[int, int] = {}
    displaced: list[int] = []
    busy: set[tuple[int, int]] = set()
    count: dict[int, int] = {}
    for m in sorted(prev_slot, key=lambda m: (m not in inst.locked, m)):
        s = prev_slot[m]
        u, v = inst.eu[m], inst.ev[m]
        if (
            (inst.slots is not None and s >= inst.slots)
            or s in inst.unavailable[u]
            or s in inst.unavailable[v]
            or inst.locked.get(m, s) != s
        ):
            forced.append(m)
        elif (u, s) in busy or (v, s) in busy or count.get(s, 0) >= inst.tables:
            displaced.append(m)
        else:
            kept[m] = s
            busy.update(((u, s), (v, s)))
            count[s] = count.get(s, 0) + 1
    return kept, sorted(forced), sorted(displaced)


# --------------------------------------------------------------------------- CP-SAT


def _cp_sat(
    inst: _Instance,
    horizon: int,
    free: Sequence[int],
    fixed: Mapping[int, int],
    *,
    lower: int,
    hint: Sequence[int] | None,
    previous: Mapping[int, int] | None,
    time_limit: float,
    seed: int,
):
    """Solve with CP-SAT: ``free`` meetings get slots below ``horizon``; ``fixed`` ones stay.

    Minimises the slots used, or (with ``previous``) first the number of free
    meetings not in their previous slot, then the slots used.  Returns
    ``(status, slot_of or None, proven lower bound on slots or on moves)``.
    """
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    busy: dict[tuple[int, int], int] = {}
    count: dict[int, int] = {}
    for m, s in fixed.items():
        for p in (inst.eu[m], inst.ev[m]):
            busy[(p, s)] = busy.get((p, s), 0) + 1
        count[s] = count.get(s, 0) + 1
    x: dict[tuple[int, int], object] = {}
    at_party: dict[tuple[int, int], list] = {}
    at_slot: dict[int, list] = {}
    for m in free:
        options = [
            s
            for s in _allowed(inst, m, horizon)
            if busy.get((inst.eu[m], s), 0) == 0 and busy.get((inst.ev[m], s), 0) == 0
        ]
        if not options:
            return cp_model.INFEASIBLE, None, None
        lits = []
        for s in options:
            lit = model.new_bool_var(f"x{m}_{s}")
            x[(m, s)] = lit
            lits.append(lit)
            at_party.setdefault((inst.eu[m], s), []).append(lit)
            at_party.setdefault((inst.ev[m], s), []).append(lit)
            at_slot.setdefault(s, []).append(lit)
        model.add_exactly_one(lits)
    for lits in at_party.values():
        if len(lits) > 1:
            model.add_at_most_one(lits)
    for s, lits in at_slot.items():
        room = inst.tables - count.get(s, 0)
        if len(lits) > room:
            model.add(sum(lits) <= room)
    opened = [model.new_bool_var(f"open{s}") for s in range(horizon)]
    for s in range(horizon - 1):
        model.add_implication(opened[s + 1], opened[s])
    last_fixed = max(fixed.values(), default=-1)
    for s in range(min(last_fixed + 1, horizon)):
        model.add(opened[s] == 1)
    for (_, s), lit in x.items():
        model.add_implication(lit, opened[s])
    used = sum(opened)
    model.add(used >= min(lower, horizon))
    moves = None
    if previous is not None:
        stay = [x[(m, previous[m])] for m in free if m in previous and (m, previous[m]) in x]
        moved_free = sum(1 for m in free if m in previous)
        moves = moved_free - sum(stay)
        model.minimize(moves * (horizon + 1) + used)
    else:
        model.minimize(used)
    if hint is not None:
        for (m, s), lit in x.items():
            model.add_hint(lit, hint[m] == s)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # one worker and deterministic time: same input, same answer
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = time_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None, None
    slot_of = [-1] * len(inst.eu)
    for m, s in fixed.items():
        slot_of[m] = s
    for (m, s), lit in x.items():
        if solver.boolean_value(lit):
            slot_of[m] = s
    bound = math.ceil(solver.best_objective_bound - 1e-9)
    if previous is not None:
        bound = bound // (horizon + 1)  # the objective's moves part
    return status, slot_of, bound


def _status_name(status) -> str:
    from ortools.sat.python import cp_model

    return {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible", cp_model.INFEASIBLE: "infeasible"}.get(
        status, "unknown"
    )


# --------------------------------------------------------------------------- public API


def lower_bound(
    meetings: Sequence[Meeting],
    *,
    tables: int,
    unavailable: Mapping[Hashable, Iterable[int]] | None = None,
    locked: Mapping[int, int] | None = None,
    parties: Iterable[Hashable] | None = None,
) -> int:
    """Fewest slots any schedule of the meetings can use.

    Parameters
    ----------
    meetings : sequence of (a, b)
        The meetings; repeated pairs are separate meetings.
    tables : int
        Tables in the room, ``T``.
    unavailable : mapping party -> iterable of int, optional
        Slots in which a party cannot meet.
    locked : mapping meeting index -> int, optional
        Meetings fixed to a slot.
    parties : iterable, optional
        All parties; if given, meetings and ``unavailable`` may name only these.

    Returns
    -------
    int
        ``max(Δ, ⌈E/T⌉, last locked slot + 1, max over parties of the
        d-th available slot + 1)`` where ``d`` is the party's number of meetings.

    Notes
    -----
    ``O(E + U log U)`` for ``U`` unavailable slots in total.  Without
    unavailability and locks, two-sided meetings can always be scheduled in
    exactly this many slots (see :func:`schedule_meetings`).

    Examples
    --------
    >>> from matching.schedule import lower_bound
    >>> meetings = [("e1", "bank"), ("e2", "bank"), ("e3", "bank"), ("e1", "fund")]
    >>> lower_bound(meetings, tables=1), lower_bound(meetings, tables=2)
    (4, 3)
    >>> lower_bound(meetings, tables=2, unavailable={"bank": [0]})
    4
    """
    inst = _prepare(meetings, tables=tables, slots=None, unavailable=unavailable, locked=locked, parties=parties)
    return _bound(inst)[0]


def schedule_meetings(
    meetings: Sequence[Meeting],
    *,
    tables: int,
    slots: int | None = None,
    unavailable: Mapping[Hashable, Iterable[int]] | None = None,
    locked: Mapping[int, int] | None = None,
    parties: Iterable[Hashable] | None = None,
    time_limit: float = 10.0,
    seed: int = 0,
) -> Schedule:
    """Schedule meetings into slots and tables using as few slots as possible.

    Parameters
    ----------
    meetings : sequence of (a, b)
        Accepted meetings, e.g. (enterprise, bank); a repeated pair is a second
        meeting of the same two parties.
    tables : int
        Tables in the room, ``T >= 1``: at most ``T`` meetings per slot.
    slots : int, optional
        Slots in the day, ``S``; unlimited if None.
    unavailable : mapping party -> iterable of int, optional
        Slots in which a party cannot meet.
    locked : mapping meeting index -> int, optional
        Meetings that must take the given slot.
    parties : iterable, optional
        All parties; if given, meetings and ``unavailable`` may name only these.
    time_limit : float, default 10.0
        Budget for CP-SAT in its deterministic time units, so that the same
        input gives the same schedule on any machine and load; wall-clock time
        differs (one unit took up to two seconds on a shared 2-core machine),
        plus the time to build the model.  0 skips CP-SAT.
    seed : int, default 0
        CP-SAT's random seed.

    Returns
    -------
    Schedule
        Slots and tables per meeting, ``slots_used``, ``lower_bound``,
        ``optimal`` and ``gap``.

    Raises
    ------
    ScheduleInfeasible
        With the reason: the day is too short (``S`` below the lower bound), a
        party has fewer available slots than meetings, locked meetings clash,
        CP-SAT proves there is no schedule, or (``proven=False``) none was found
        within the time limit.
    ValueError
        On malformed input: a self-meeting, a locked index out of range, an
        unknown party, a negative slot or ``tables < 1``.

    Notes
    -----
    Without unavailability and locks, for two-sided meetings: an exact
    ``LB``-slot schedule by König edge colouring and de Werra balancing (see
    the module notes); ``O(E V)`` worst case, under half a second for 5,000
    parties and 50,000 meetings (bench/bench_schedule.py).  Otherwise, in order: the same colouring with its
    classes matched onto slots avoiding unavailable ones (exact when it
    succeeds); the better of two starts: that colouring with the meetings
    that break a rule re-placed first-fit, and first-fit with the most
    constrained meetings first (both ``O(E log E)`` plus the slots skipped);
    CP-SAT on one boolean per meeting and allowed slot (not built above a
    million of them, e.g. 50,000 meetings over 20 slots), at most one
    meeting per party and slot, at most ``T`` per slot, and a monotone "slot
    is open" chain whose sum is minimised.  The result is the best found;
    ``optimal`` is True only when proven.  One CP-SAT worker and a
    deterministic time limit make results reproducible.

    References
    ----------
    .. [1] D. König, "Über Graphen und ihre Anwendung auf Determinantentheorie
       und Mengenlehre", *Mathematische Annalen* 77 (1916) 453-465.
    .. [2] D. de Werra, "Equitable colorations of graphs", *Revue française
       d'informatique et de recherche opérationnelle* R-3 (1971) 3-8.
    .. [3] L. Perron, F. Didier, "CP-SAT", Google OR-Tools, 2024.

    Examples
    --------
    Three enterprises meet a bank and a fund; two tables:

    >>> from matching.schedule import schedule_meetings
    >>> meetings = [("e1", "bank"), ("e2", "bank"), ("e3", "bank"), ("e1", "fund"), ("e2", "fund")]
    >>> plan = schedule_meetings(meetings, tables=2)
    >>> plan.slots, plan.tables
    ([0, 1, 2, 1, 0], [0, 0, 0, 1, 1])
    >>> plan.slots_used, plan.lower_bound, plan.optimal
    (3, 3, True)

    The bank is away in slot 0, so the day needs a fourth slot; the colour
    classes are mapped onto slots around the gap:

    >>> plan = schedule_meetings(meetings, tables=2, unavailable={"bank": [0]})
    >>> plan.slots_used, plan.lower_bound, plan.optimal, plan.method
    (4, 4, True, 'edge-coloring')
    >>> plan.slots
    [1, 2, 3, 2, 1]

    A day too short is refused with the reason:

    >>> schedule_meetings(meetings, tables=1, slots=4)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    matching.schedule.ScheduleInfeasible: the day is too short: 4 slots, but at least 5 are needed (5 meetings on...)
    """
    inst = _prepare(meetings, tables=tables, slots=slots, unavailable=unavailable, locked=locked, parties=parties)
    lb = _check_feasible(inst)
    e = len(inst.eu)
    if e == 0:
        return Schedule([], [], 0, 0, True)
    n = len(inst.parties)
    sides = _two_sides(n, inst.eu, inst.ev, inst.incident)
    if sides is not None:
        k = max(max(inst.degree), -(-e // inst.tables))
        col, _ = _coloring(n, inst.eu, inst.ev, k, equitable=True)
        constrained = bool(inst.locked) or any(any(s < lb for s in bad) for bad in inst.unavailable)
        if not constrained and k == lb:
            return _schedule(inst, col, lb, True, "edge-coloring")
        # Locks or unavailability: try to put the classes (padded with empty ones up to LB) onto slots.
        slot_of = _permute_onto_slots(inst, col, lb)
        if slot_of is not None:
            return _schedule(inst, slot_of, lb, True, "edge-coloring")
    horizon = inst.slots
    order = _tight_order(inst)
    best, method = _first_fit(inst, order, horizon), "first-fit"
    if sides is not None:
        # Second start: the colouring as it best fits, with the meetings that break a rule re-placed.
        guess = _permute_onto_slots(inst, col, lb, partial=True)
        kept, _, _ = _keep(inst, {**dict(enumerate(guess)), **inst.locked})
        refilled = _first_fit(inst, order, horizon, fixed=kept)
        if refilled is not None and (best is None or max(refilled) < max(best)):
            best, method = refilled, "edge-coloring+first-fit"
    if best is not None:
        best_used = max(best) + 1
        if best_used == lb:
            return _schedule(inst, best, lb, True, method)
    cp_horizon = horizon if horizon is not None else best_used
    if time_limit > 0 and e * cp_horizon <= _CP_SAT_MAX_LITERALS:
        status, slot_of, bound = _cp_sat(
            inst,
            cp_horizon,
            range(e),
            {},
            lower=lb,
            hint=best,
            previous=None,
            time_limit=time_limit,
            seed=seed,
        )
        name = _status_name(status)
        if name == "infeasible":
            if horizon is None:  # pragma: no cover - the first-fit schedule is a solution
                raise RuntimeError("CP-SAT rejected a feasible first-fit schedule")
            raise ScheduleInfeasible(
                f"no schedule fits in {horizon} slots with the given unavailability and locks (proved by CP-SAT)"
            )
        if slot_of is not None:
            lb = max(lb, bound)
            used = max(slot_of) + 1
            if best is None or used <= max(best) + 1:
                return _schedule(inst, slot_of, lb, name == "optimal" or used == lb, "cp-sat")
    if best is None:
        raise ScheduleInfeasible(
            f"no schedule in {horizon} slots was found within the time limit (lower bound {lb}); "
            "allow more time or more slots",
            proven=False,
        )
    return _schedule(inst, best, lb, None, method)


def greedy_schedule(
    meetings: Sequence[Meeting],
    *,
    tables: int,
    slots: int | None = None,
    unavailable: Mapping[Hashable, Iterable[int]] | None = None,
    locked: Mapping[int, int] | None = None,
    parties: Iterable[Hashable] | None = None,
) -> Schedule:
    """First-fit baseline: each meeting in input order takes the lowest slot that fits.

    For comparison in benchmarks; :func:`schedule_meetings` is never worse.

    Notes
    -----
    ``O(E + E·g)`` where ``g`` is the number of slots skipped per meeting,
    small in practice thanks to per-party pointers to the lowest free slot.

    Raises
    ------
    ScheduleInfeasible
        If a meeting does not fit within ``slots``.

    Examples
    --------
    >>> from matching.schedule import greedy_schedule
    >>> from matching.schedule import schedule_meetings
    >>> meetings = [("e1", "b1"), ("e3", "b1"), ("e2", "b2"), ("e3", "b2")]
    >>> greedy_schedule(meetings, tables=2).slots, schedule_meetings(meetings, tables=2).slots
    ([0, 1, 0, 2], [0, 1, 1, 0])
    """
    inst = _prepare(meetings, tables=tables, slots=slots, unavailable=unavailable, locked=locked, parties=parties)
    lb = _check_feasible(inst)
    slot_of = _first_fit(inst, range(len(inst.eu)), inst.slots)
    if slot_of is None:
        raise ScheduleInfeasible(f"first-fit does not fit the meetings into {inst.slots} slots", proven=False)
    return _schedule(inst, slot_of, lb, None, "first-fit")


def check_schedule(
    meetings: Sequence[Meeting],
    placements: Sequence[tuple[int, int]],
    *,
    tables: int,
    slots: int | None = None,
    unavailable: Mapping[Hashable, Iterable[int]] | None = None,
    locked: Mapping[int, int] | None = None,
    parties: Iterable[Hashable] | None = None,
) -> list[str]:
    """Every rule a schedule breaks, as one line each; empty for a valid schedule.

    Parameters
    ----------
    meetings : sequence of (a, b)
        The meetings.
    placements : sequence of (slot, table)
        One per meeting, e.g. ``Schedule.placements()``.
    tables, slots, unavailable, locked, parties
        As for :func:`schedule_meetings`.

    Notes
    -----
    ``O(E)``.

    Examples
    --------
    >>> from matching.schedule import check_schedule
    >>> check_schedule([("a", "b"), ("a", "c")], [(0, 0), (0, 1)], tables=2)
    ["'a' is in meetings 0 and 1 in slot 0"]
    """
    inst = _prepare(meetings, tables=tables, slots=slots, unavailable=unavailable, locked=locked, parties=parties)
    if len(placements) != len(inst.eu):
        return [f"{len(placements)} placements for {len(inst.eu)} meetings"]
    problems = []
    party_at: dict[tuple[int, int], int] = {}
    table_at: dict[tuple[int, int], int] = {}
    for m, (s, t) in enumerate(placements):
        if s < 0 or (inst.slots is not None and s >= inst.slots):
            problems.append(f"meeting {m} is in slot {s}, outside the day")
        if not 0 <= t < inst.tables:
            problems.append(f"meeting {m} is at table {t}, but tables are 0..{inst.tables - 1}")
        if m in inst.locked and inst.locked[m] != s:
            problems.append(f"meeting {m} is locked to slot {inst.locked[m]} but is in slot {s}")
        if (s, t) in table_at:
            problems.append(f"meetings {table_at[(s, t)]} and {m} share table {t} in slot {s}")
        table_at[(s, t)] = m
        for p in (inst.eu[m], inst.ev[m]):
            if s in inst.unavailable[p]:
                problems.append(f"meeting {m} is in slot {s} when {inst.parties[p]!r} is unavailable")
            if (p, s) in party_at:
                problems.append(f"{inst.parties[p]!r} is in meetings {party_at[(p, s)]} and {m} in slot {s}")
            party_at[(p, s)] = m
    return problems


def repair_schedule(
    meetings: Sequence[Meeting],
    previous: Sequence[tuple[int, int] | None],
    *,
    tables: int,
    slots: int | None = None,
    unavailable: Mapping[Hashable, Iterable[int]] | None = None,
    locked: Mapping[int, int] | None = None,
    parties: Iterable[Hashable] | None = None,
    time_limit: float = 10.0,
    seed: int = 0,
) -> Repair:
    """Re-plan after a change, moving as few already placed meetings as possible.

    Express the change in the arguments: drop a cancelled meeting from
    ``meetings`` and ``previous``; append a late meeting with ``previous``
    None; add a party's new unavailability to ``unavailable``.

    Parameters
    ----------
    meetings : sequence of (a, b)
        The meetings after the change.
    previous : sequence of (slot, table) or None
        Where each meeting was (``Schedule.placements()`` with the same
        edits), None for a new meeting.
    tables, slots, unavailable, locked, parties, time_limit, seed
        As for :func:`schedule_meetings`.

    Returns
    -------
    Repair
        The new schedule, the ``moved`` meetings (placed before, now in another
        slot) and whether that number is proven ``minimal``.  Meetings that
        stay keep their table where it is still free.

    Raises
    ------
    ScheduleInfeasible, ValueError
        As for :func:`schedule_meetings`.

    Notes
    -----
    A meeting must move when its old slot is outside the day, a party is now
    unavailable in it, or it is locked elsewhere; that count, plus one if some
    meeting to place fits in no slot beside the staying ones, is a lower bound
    on the moves.  First every other meeting stays and the rest are inserted
    first-fit (``O(E)`` plus slots skipped); if that succeeds without
    displacing anything else the repair is minimal.  What does not fit is
    inserted along the shortest valid Kempe chain (an alternating path of
    two slots whose meetings swap slots, ``O(S^2)`` paths tried per meeting).
    Then, unless the lower bound is met, CP-SAT minimises moves (then slots
    used) on the whole day, proving minimality, if it has at most a million
    meeting-slot literals; on a larger day CP-SAT only runs when the
    heuristics failed, on the meetings sharing a party with those to place.

    Examples
    --------
    The bank becomes unavailable in slot 1; only its meeting there moves:

    >>> from matching.schedule import repair_schedule, schedule_meetings
    >>> meetings = [("e1", "bank"), ("e2", "bank"), ("e1", "fund"), ("e2", "fund")]
    >>> plan = schedule_meetings(meetings, tables=2, slots=3)
    >>> plan.slots
    [0, 1, 1, 0]
    >>> fix = repair_schedule(meetings, plan.placements(), tables=2, slots=3, unavailable={"bank": [1]})
    >>> fix.schedule.slots, fix.moved, fix.minimal
    ([0, 2, 1, 0], [1], True)

    A late meeting joins without moving anyone:

    >>> fix = repair_schedule(meetings + [("e3", "fund")], plan.placements() + [None], tables=2, slots=3)
    >>> fix.schedule.slots, fix.moved
    ([0, 1, 1, 0, 2], [])
    """
    inst = _prepare(meetings, tables=tables, slots=slots, unavailable=unavailable, locked=locked, parties=parties)
    if len(previous) != len(inst.eu):
        raise ValueError(f"previous has {len(previous)} entries for {len(inst.eu)} meetings")
    prev_slot: dict[int, int] = {}
    prev_table: dict[int, int] = {}
    for m, place in enumerate(previous):
        if place is None:
            continue
        try:
            s, t = place
        except (TypeError, ValueError):
            raise ValueError(f"previous[{m}] must be (slot, table) or None, got {place!r}") from None
        prev_slot[m] = _slot_number(s, f"previous slot of meeting {m}")
        prev_table[m] = _slot_number(t, f"previous table of meeting {m}")
    lb = _check_feasible(inst)
    e = len(inst.eu)
    if e == 0:
        return Repair(Schedule([], [], 0, 0, True, "repair"), [], True)

    kept, forced, displaced = _keep(inst, prev_slot)
    keep_tables = {m: prev_table[m] for m in kept}

    def result(slot_of: list[int], minimal: bool) -> Repair:
        moved = sorted(m for m, s in prev_slot.items() if slot_of[m] != s)
        return Repair(_schedule(inst, slot_of, lb, None, "repair", keep_tables), moved, minimal)

    slot_of = _first_fit(inst, _tight_order(inst), inst.slots, fixed=kept, partial=True)
    unplaced = [m for m, s in enumerate(slot_of) if s < 0]
    if not unplaced and not displaced:
        return result(slot_of, True)  # only forced moves: the lower bound is met
    horizon = inst.slots if inst.slots is not None else max(slot_of) + 1

    def moves_of(found: list[int]) -> int:
        return sum(1 for m, s in prev_slot.items() if found[m] != s)

    # Kempe chains fit in what first-fit could not place, moving few meetings.
    best = slot_of if not unplaced or _kempe_insert(inst, slot_of, unplaced, horizon) else None
    # Lower bound on moves: the forced ones, plus one if some meeting fits nowhere beside the kept ones.
    busy = {(p, s) for m, s in kept.items() for p in (inst.eu[m], inst.ev[m])}
    used = Counter(kept.values())
    stuck = any(
        all(
            (inst.eu[m], s) in busy or (inst.ev[m], s) in busy or used[s] >= inst.tables
            for s in _allowed(inst, m, horizon)
        )
        for m in range(e)
        if m not in kept
    )
    fewest = len(forced) + stuck
    minimal = best is not None and moves_of(best) == fewest
    to_place = set(range(e)) - set(kept)
    near = set(to_place)
    for m in to_place:
        for p in (inst.eu[m], inst.ev[m]):
            near.update(inst.incident[p])
    # CP-SAT on everything proves minimality; when that is too large and the heuristics failed,
    # on the neighbourhood of the meetings to place.
    attempts = [list(range(e))]
    if e * horizon > _CP_SAT_MAX_LITERALS and best is None and len(near) < e:
        attempts = [sorted(near)]
    for free in attempts:
        if minimal or time_limit <= 0 or len(free) * horizon > _CP_SAT_MAX_LITERALS:
            break
        in_free = set(free)
        hint = best if best is not None else [prev_slot.get(m, 0) for m in range(e)]
        status, found, _ = _cp_sat(
            inst,
            horizon,
            free,
            {m: s for m, s in kept.items() if m not in in_free},
            lower=lb,
            hint=hint,
            previous={m: s for m, s in prev_slot.items() if m in in_free},
            time_limit=time_limit,
            seed=seed,
        )
        name = _status_name(status)
        whole = len(free) == e
        if found is not None:
            if best is None or moves_of(found) <= moves_of(best):
                best = found
            if moves_of(best) == fewest or (whole and name == "optimal"):
                minimal = True
                break
        elif name == "infeasible" and whole:
            raise ScheduleInfeasible(
                f"no schedule fits in {horizon} slots with the given unavailability and locks (proved by CP-SAT)"
            )
    if best is not None:
        return result(best, minimal)
    raise ScheduleInfeasible(
        f"no repaired schedule in {horizon} slots was found within the time limit; allow more time or more slots",
        proven=False,
    )
