"""Meeting scheduling: never double-booked, exactly LB slots when unconstrained, exact on tiny
constrained instances (brute force), repairs that move no more than necessary."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.schedule import (
    ScheduleInfeasible,
    bipartite_edge_coloring,
    check_schedule,
    greedy_schedule,
    lower_bound,
    repair_schedule,
    schedule_meetings,
)


def degree_bound(meetings, tables):
    degree = Counter(p for m in meetings for p in m)
    return max(max(degree.values(), default=0), math.ceil(len(meetings) / tables))


@st.composite
def bipartite_multigraphs(draw, max_left=8, max_right=6, max_meetings=40):
    n_left = draw(st.integers(1, max_left))
    n_right = draw(st.integers(1, max_right))
    # Drawing pairs with replacement gives parallel edges; biasing towards party 0 gives skew.
    left = st.one_of(st.just(0), st.integers(0, n_left - 1))
    right = st.one_of(st.just(0), st.integers(0, n_right - 1))
    pairs = draw(st.lists(st.tuples(left, right), min_size=0, max_size=max_meetings))
    return [(f"e{i}", f"b{j}") for i, j in pairs]


def skewed_meetings(seed, n_enterprises=400, n_banks=60, n_meetings=3000):
    rng = random.Random(seed)
    weights = [1 / (i + 1) for i in range(n_banks)]
    banks = rng.choices(range(n_banks), weights=weights, k=n_meetings)
    return [(f"e{rng.randrange(n_enterprises)}", f"b{b}") for b in banks]


@settings(max_examples=200, deadline=None)
@given(meetings=bipartite_multigraphs(), tables=st.integers(1, 12))
def test_schedule_unconstrained_uses_exactly_lower_bound_slots(meetings, tables):
    plan = schedule_meetings(meetings, tables=tables)

    assert check_schedule(meetings, plan.placements(), tables=tables) == []
    assert plan.lower_bound == degree_bound(meetings, tables)
    assert plan.slots_used == plan.lower_bound
    assert plan.optimal is True
    assert plan.gap == 0
    sizes = Counter(plan.slots)
    assert not meetings or max(sizes.values()) - min(sizes.values()) <= 1  # equitable
    assert set(sizes) == set(range(plan.slots_used))


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("tables", [5, 40, 200, 10_000])
def test_schedule_skewed_instances_reach_lower_bound(seed, tables):
    meetings = skewed_meetings(seed)

    plan = schedule_meetings(meetings, tables=tables)

    assert check_schedule(meetings, plan.placements(), tables=tables) == []
    assert plan.slots_used == plan.lower_bound == degree_bound(meetings, tables)
    assert plan.method == "edge-coloring"


@settings(max_examples=150, deadline=None)
@given(meetings=bipartite_multigraphs(), equitable=st.booleans(), extra=st.integers(0, 3))
def test_bipartite_edge_coloring_is_proper_with_delta_colors(meetings, equitable, extra):
    delta = max(Counter(p for m in meetings for p in m).values(), default=0)

    colors = bipartite_edge_coloring(meetings, colors=delta + extra, equitable=equitable)

    seen = set()
    for (a, b), c in zip(meetings, colors, strict=True):
        assert 0 <= c < delta + extra
        assert (a, c) not in seen and (b, c) not in seen
        seen.update({(a, c), (b, c)})
    if equitable and meetings:
        sizes = Counter(colors)
        counts = [sizes.get(c, 0) for c in range(delta + extra)]
        assert max(counts) - min(counts) <= 1


def test_bipartite_edge_coloring_rejects_odd_cycle_and_too_few_colors():
    with pytest.raises(ValueError, match="do not form a bipartite graph"):
        bipartite_edge_coloring([("a", "b"), ("b", "c"), ("c", "a")])
    with pytest.raises(ValueError, match="colors must be at least the maximum degree 2, got 1"):
        bipartite_edge_coloring([("a", "b"), ("a", "c")], colors=1)


# --------------------------------------------------------------------------- brute force


def all_schedules(meetings, tables, slots, unavailable, locked):
    """Every valid slot assignment (tables are free to choose within a slot), by backtracking."""
    unavailable = {p: set(s) for p, s in (unavailable or {}).items()}
    locked = locked or {}
    busy = set()
    count = Counter()
    current = []

    def place(m):
        if m == len(meetings):
            yield list(current)
            return
        a, b = meetings[m]
        options = [locked[m]] if m in locked else range(slots)
        for s in options:
            if s >= slots or (a, s) in busy or (b, s) in busy or count[s] >= tables:
                continue
            if s in unavailable.get(a, ()) or s in unavailable.get(b, ()):
                continue
            busy.update({(a, s), (b, s)})
            count[s] += 1
            current.append(s)
            yield from place(m + 1)
            current.pop()
            count[s] -= 1
            busy.difference_update({(a, s), (b, s)})

    yield from place(0)


@st.composite
def general_multigraphs(draw, max_parties=4, max_meetings=6):
    """Any loopless multigraph: odd cycles make Δ slots insufficient."""
    pair = st.tuples(st.integers(0, max_parties - 1), st.integers(0, max_parties - 1)).filter(lambda p: p[0] != p[1])
    return [(f"p{i}", f"p{j}") for i, j in draw(st.lists(pair, max_size=max_meetings))]


@st.composite
def tiny_constrained(draw):
    meetings = draw(st.one_of(bipartite_multigraphs(max_left=3, max_right=3, max_meetings=6), general_multigraphs()))
    tables = draw(st.integers(1, 3))
    slots = degree_bound(meetings, tables) + draw(st.integers(0, 2))
    parties = sorted({p for m in meetings for p in m})
    unavailable = {}
    for p in draw(st.sets(st.sampled_from(parties), max_size=3)) if parties else ():
        unavailable[p] = sorted(draw(st.sets(st.integers(0, slots - 1), min_size=1, max_size=2)))
    locked = {}
    if meetings:
        for m in draw(st.sets(st.integers(0, len(meetings) - 1), max_size=2)):
            locked[m] = draw(st.integers(0, slots - 1))
    return meetings, tables, slots, unavailable, locked


@settings(max_examples=250, deadline=None)
@given(instance=tiny_constrained())
def test_schedule_constrained_matches_brute_force(instance):
    meetings, tables, slots, unavailable, locked = instance
    feasible = list(all_schedules(meetings, tables, slots, unavailable, locked))
    best = min((max(s, default=-1) + 1 for s in feasible), default=None)

    if best is None:
        with pytest.raises(ScheduleInfeasible) as excinfo:
            schedule_meetings(meetings, tables=tables, slots=slots, unavailable=unavailable, locked=locked)
        assert excinfo.value.proven is True
        return
    plan = schedule_meetings(meetings, tables=tables, slots=slots, unavailable=unavailable, locked=locked)

    assert (
        check_schedule(meetings, plan.placements(), tables=tables, slots=slots, unavailable=unavailable, locked=locked)
        == []
    )
    assert all(plan.slots[m] == s for m, s in locked.items())
    assert plan.lower_bound <= best <= plan.slots_used
    assert plan.slots_used == best
    assert plan.optimal is True
    assert lower_bound(meetings, tables=tables, unavailable=unavailable, locked=locked) <= best


def test_schedule_odd_cycle_solved_by_cp_sat_with_raised_bound():
    # Three parties meeting pairwise: Δ = 2 but three slots are needed; CP-SAT proves it.
    plan = schedule_meetings([("a", "b"), ("b", "c"), ("c", "a")], tables=5)

    assert sorted(plan.slots) == [0, 1, 2]
    assert (plan.slots_used, plan.lower_bound, plan.optimal) == (3, 3, True)


def test_schedule_locks_stay_and_unavailability_is_respected_on_a_larger_day():
    meetings = skewed_meetings(5, n_enterprises=40, n_banks=8, n_meetings=120)
    unavailable = {"b0": [0, 1], "b1": [3], "e3": [0, 2, 4]}
    locked = {0: 7, 5: 2}

    plan = schedule_meetings(meetings, tables=6, slots=60, unavailable=unavailable, locked=locked)

    assert check_schedule(meetings, plan.placements(), tables=6, slots=60, unavailable=unavailable, locked=locked) == []
    assert plan.lower_bound <= plan.slots_used <= 60
    assert plan.optimal == (plan.slots_used == plan.lower_bound)


def test_schedule_too_large_for_cp_sat_returns_best_heuristic_with_its_gap():
    # 3,000 meetings over 700 slots is past the CP-SAT size limit: the heuristics answer.
    meetings = skewed_meetings(11)
    rng = random.Random(11)
    parties = sorted({p for m in meetings for p in m})
    unavailable = {p: sorted(rng.sample(range(700), 3)) for p in rng.sample(parties, 40)}
    locked = {m: rng.randrange(600) for m in rng.sample(range(len(meetings)), 30)}
    locked = {m: s for m, s in locked.items() if not any(s in unavailable.get(p, ()) for p in meetings[m])}

    plan = schedule_meetings(meetings, tables=20, slots=700, unavailable=unavailable, locked=locked)

    assert (
        check_schedule(meetings, plan.placements(), tables=20, slots=700, unavailable=unavailable, locked=locked) == []
    )
    assert plan.method in {"edge-coloring", "edge-coloring+first-fit", "first-fit"}
    assert plan.lower_bound <= plan.slots_used <= 700
    assert plan.gap == plan.slots_used - plan.lower_bound
    assert plan.optimal == (plan.gap == 0)


def test_schedule_unavailability_beyond_the_bound_does_not_matter():
    meetings = [("e1", "b1"), ("e2", "b1")]

    plan = schedule_meetings(meetings, tables=2, unavailable={"b1": [5, 6]})

    assert (plan.slots_used, plan.optimal, plan.method) == (2, True, "edge-coloring")


@pytest.mark.parametrize(
    ("meetings", "kwargs", "message"),
    [
        (
            [("a", "b"), ("a", "c")],
            {"tables": 1, "slots": 1},
            "the day is too short: 1 slots, but at least 2 are needed",
        ),
        (
            [("a", "b"), ("a", "c")],
            {"tables": 2, "slots": 2, "unavailable": {"a": [1]}},
            "the day is too short: 2 slots, but at least 3 are needed ('a' has 2 meetings and unavailable slots)",
        ),
        ([("a", "b")], {"tables": 1, "slots": 3, "locked": {0: 3}}, "meeting 0 is locked to slot 3 but the day has"),
        (
            [("a", "b")],
            {"tables": 1, "locked": {0: 1}, "unavailable": {"b": [1]}},
            "meeting 0 is locked to slot 1 when 'b' is unavailable",
        ),
        (
            [("a", "b"), ("a", "c")],
            {"tables": 2, "locked": {0: 1, 1: 1}},
            "meetings 0 and 1 of 'a' are both locked to slot 1",
        ),
        (
            [("a", "b"), ("c", "d")],
            {"tables": 1, "locked": {0: 0, 1: 0}},
            "slot 0 has 2 locked meetings but only 1 tables",
        ),
        (
            [("a", "b"), ("a", "c")],
            {"tables": 2, "slots": 2, "unavailable": {"b": [1], "c": [1]}},
            "no schedule fits in 2 slots with the given unavailability and locks (proved by CP-SAT)",
        ),
    ],
)
def test_schedule_infeasible_says_why(meetings, kwargs, message):
    with pytest.raises(ScheduleInfeasible) as excinfo:
        schedule_meetings(meetings, **kwargs)

    assert excinfo.value.reason.startswith(message)
    assert excinfo.value.proven is True


@pytest.mark.parametrize(
    ("meetings", "kwargs", "message"),
    [
        ([("a", "a")], {"tables": 1}, "meeting 0 is a self-meeting of 'a'"),
        ([("a", "b")], {"tables": 1, "locked": {1: 0}}, "locked: meeting index 1 out of range (1 meetings)"),
        ([("a", "b")], {"tables": 1, "locked": {0: -1}}, "locked slot of meeting 0 must be a non-negative integer"),
        ([("a", "x")], {"tables": 1, "parties": ["a", "b"]}, "meeting 0: unknown party 'x'"),
        ([("a", "b")], {"tables": 1, "unavailable": {"z": [0]}}, "unavailable: unknown party 'z'"),
        ([("a", "b")], {"tables": 1, "unavailable": {"a": [-2]}}, "unavailable slot of 'a' must be a non-negative"),
        ([("a", "b")], {"tables": 0}, "tables must be a positive integer, got 0"),
        ([("a", "b", "c")], {"tables": 1}, "meeting 0 must be a pair of party ids"),
        ([("a", "b")], {"tables": 1, "slots": -1}, "slots must be a non-negative integer, got -1"),
        ([("a", "b")], {"tables": 1, "slots": 10**9}, "slots must be at most 100000, got 1000000000"),
        ([("a", "b")], {"tables": 1, "locked": {0: 10**9}}, "locked slot of meeting 0 must be below 100000"),
    ],
)
def test_schedule_bad_input_raises_value_error(meetings, kwargs, message):
    with pytest.raises(ValueError) as excinfo:
        schedule_meetings(meetings, **kwargs)

    assert not isinstance(excinfo.value, ScheduleInfeasible)
    assert str(excinfo.value).startswith(message)


def test_schedule_empty_day():
    plan = schedule_meetings([], tables=3, slots=0)

    assert (plan.slots, plan.tables, plan.slots_used, plan.lower_bound, plan.optimal) == ([], [], 0, 0, True)


def test_schedule_banks_keep_their_table_when_there_are_enough_tables():
    rng = random.Random(3)
    meetings = [(f"e{i}", f"b{j}") for i in range(12) for j in range(3) if rng.random() < 0.8]

    plan = schedule_meetings(meetings, tables=5)

    for bank in ("b0", "b1", "b2"):
        assert len({t for (_, b), t in zip(meetings, plan.tables, strict=True) if b == bank}) == 1


def test_schedule_same_input_same_schedule():
    meetings = skewed_meetings(9)
    kwargs = {"tables": 30, "slots": 1000, "unavailable": {"b0": [1]}, "locked": {3: 4}}

    assert schedule_meetings(meetings, **kwargs) == schedule_meetings(list(meetings), **kwargs)


@pytest.mark.parametrize("tables", [3, 50])
def test_greedy_schedule_is_valid_and_never_below_the_bound(tables):
    meetings = skewed_meetings(2)

    plan = greedy_schedule(meetings, tables=tables)

    assert check_schedule(meetings, plan.placements(), tables=tables) == []
    assert plan.slots_used >= plan.lower_bound


def test_check_schedule_reports_every_broken_rule():
    meetings = [("a", "b"), ("a", "c"), ("d", "e")]

    problems = check_schedule(
        meetings, [(0, 0), (0, 0), (5, 3)], tables=2, slots=4, unavailable={"d": [5]}, locked={0: 1}
    )

    assert problems == [
        "meeting 0 is locked to slot 1 but is in slot 0",
        "meetings 0 and 1 share table 0 in slot 0",
        "'a' is in meetings 0 and 1 in slot 0",
        "meeting 2 is in slot 5, outside the day",
        "meeting 2 is at table 3, but tables are 0..1",
        "meeting 2 is in slot 5 when 'd' is unavailable",
    ]


# --------------------------------------------------------------------------- repair


def check_repair(repair, meetings, previous, *, tables, slots, unavailable=None, locked=None, parties=None):
    plan = repair.schedule
    placements = plan.placements()
    assert (
        check_schedule(
            meetings, placements, tables=tables, slots=slots, unavailable=unavailable, locked=locked, parties=parties
        )
        == []
    )
    assert repair.moved == [m for m, p in enumerate(previous) if p is not None and plan.slots[m] != p[0]]


@st.composite
def tiny_repairs(draw):
    meetings = draw(
        st.one_of(bipartite_multigraphs(max_left=3, max_right=3, max_meetings=5), general_multigraphs(max_meetings=5))
    )
    tables = draw(st.integers(1, 3))
    slots = degree_bound(meetings, tables) + draw(st.integers(0, 2))
    parties = sorted({p for m in meetings for p in m})
    unavailable = {}
    for p in draw(st.sets(st.sampled_from(parties), max_size=2)) if parties else ():
        unavailable[p] = [draw(st.integers(0, slots - 1))]
    try:
        plan = schedule_meetings(meetings, tables=tables, slots=slots, unavailable=unavailable)
    except ScheduleInfeasible:
        plan = schedule_meetings(meetings, tables=tables)
        unavailable = {}
        slots = plan.slots_used
    previous = plan.placements()
    change = draw(st.sampled_from(["cancel", "add", "unavailable"]))
    if change == "cancel" and meetings:
        gone = draw(st.integers(0, len(meetings) - 1))
        meetings = meetings[:gone] + meetings[gone + 1 :]
        previous = previous[:gone] + previous[gone + 1 :]
    elif change == "add":
        pair = draw(st.sampled_from([*meetings, ("e0", "b0"), ("p0", "p1")]))
        meetings = [*meetings, pair]
        previous = [*previous, None]
    elif meetings:
        party = draw(st.sampled_from(parties))
        unavailable = {**unavailable, party: sorted({*unavailable.get(party, []), draw(st.integers(0, slots - 1))})}
    # Parties stay known after a cancellation, so their unavailability still names a party.
    return meetings, previous, tables, slots, unavailable, sorted({*parties, *(p for m in meetings for p in m)})


@settings(max_examples=200, deadline=None)
@given(instance=tiny_repairs())
def test_repair_moves_no_more_than_brute_force(instance):
    meetings, previous, tables, slots, unavailable, parties = instance
    feasible = list(all_schedules(meetings, tables, slots, unavailable, {}))
    fewest = min(
        (sum(1 for p, s in zip(previous, slots_, strict=True) if p is not None and p[0] != s) for slots_ in feasible),
        default=None,
    )

    if fewest is None:
        with pytest.raises(ScheduleInfeasible):
            repair_schedule(meetings, previous, tables=tables, slots=slots, unavailable=unavailable, parties=parties)
        return
    repair = repair_schedule(meetings, previous, tables=tables, slots=slots, unavailable=unavailable, parties=parties)

    check_repair(repair, meetings, previous, tables=tables, slots=slots, unavailable=unavailable, parties=parties)
    assert len(repair.moved) == fewest
    assert repair.minimal is True


@settings(max_examples=200, deadline=None)
@given(instance=tiny_repairs())
def test_repair_heuristics_alone_give_valid_schedules(instance):
    # time_limit=0: first-fit and Kempe chains only, never CP-SAT.
    meetings, previous, tables, slots, unavailable, parties = instance
    feasible = list(all_schedules(meetings, tables, slots, unavailable, {}))
    fewest = min(
        (sum(1 for p, s in zip(previous, slots_, strict=True) if p is not None and p[0] != s) for slots_ in feasible),
        default=None,
    )

    try:
        repair = repair_schedule(
            meetings, previous, tables=tables, slots=slots, unavailable=unavailable, parties=parties, time_limit=0
        )
    except ScheduleInfeasible as exc:
        assert fewest is None or exc.proven is False
        return

    assert fewest is not None
    check_repair(repair, meetings, previous, tables=tables, slots=slots, unavailable=unavailable, parties=parties)
    assert len(repair.moved) >= fewest
    assert repair.minimal is False or len(repair.moved) == fewest


def test_repair_kempe_chain_moves_one_meeting_on_a_full_day():
    # Slot 0 is full; the late meeting's parties are busy in different slots: a-x swaps to slot 1.
    meetings = [("a", "x"), ("y", "b"), ("c", "d"), ("e", "f"), ("g", "h")]
    previous = [(0, 0), (1, 0), (0, 1), (1, 1), (0, 2)]
    late = [*meetings, ("a", "b")]

    repair = repair_schedule(late, [*previous, None], tables=3, slots=2, time_limit=0)

    check_repair(repair, late, [*previous, None], tables=3, slots=2)
    assert repair.moved == [0]
    assert repair.schedule.slots[5] == 0
    assert repair.minimal is True  # nothing fits beside the staying meetings: one move is the least


def test_repair_kempe_chain_never_moves_a_meeting_where_a_party_is_away():
    # Moving y-b to slot 0 would free slot 1, but y is away in slot 0: a-x moves instead.
    meetings = [("a", "x"), ("y", "b"), ("a", "b")]
    previous = [(0, 0), (1, 0), None]

    repair = repair_schedule(meetings, previous, tables=3, slots=2, unavailable={"y": [0]}, time_limit=0)

    check_repair(repair, meetings, previous, tables=3, slots=2, unavailable={"y": [0]})
    assert repair.moved == [0]
    assert repair.schedule.slots == [1, 1, 0]


def test_repair_cancel_moves_nothing_and_keeps_tables():
    meetings = skewed_meetings(4, n_enterprises=30, n_banks=5, n_meetings=80)
    plan = schedule_meetings(meetings, tables=8)
    previous = plan.placements()

    repair = repair_schedule(meetings[1:], previous[1:], tables=8, slots=plan.slots_used)

    assert repair.moved == []
    assert repair.minimal is True
    assert repair.schedule.placements() == previous[1:]


def test_repair_unavailable_party_moves_only_what_must_move():
    meetings = skewed_meetings(6, n_enterprises=30, n_banks=5, n_meetings=80)
    plan = schedule_meetings(meetings, tables=8)
    slots = plan.slots_used + 2
    bank_slots = sorted(s for (_, b), s in zip(meetings, plan.slots, strict=True) if b == "b1")
    unavailable = {"b1": bank_slots[:2]}

    repair = repair_schedule(meetings, plan.placements(), tables=8, slots=slots, unavailable=unavailable)

    check_repair(repair, meetings, plan.placements(), tables=8, slots=slots, unavailable=unavailable)
    assert len(repair.moved) == 2
    assert repair.minimal is True


def test_repair_late_meeting_takes_a_free_slot_without_moves():
    meetings = [("a", "x"), ("y", "b"), ("a", "b")]
    previous = [(0, 0), (1, 0), None]

    repair = repair_schedule(meetings, previous, tables=2, slots=3)

    check_repair(repair, meetings, previous, tables=2, slots=3)
    assert (repair.moved, repair.minimal, repair.schedule.slots) == ([], True, [0, 1, 2])


def test_repair_late_meeting_in_a_full_day_moves_one_meeting():
    # a is busy in slot 0 and b in slot 1; with two slots one of those meetings must give way.
    meetings = [("a", "x"), ("y", "b"), ("a", "b")]
    previous = [(0, 0), (1, 0), None]

    repair = repair_schedule(meetings, previous, tables=2, slots=2)

    check_repair(repair, meetings, previous, tables=2, slots=2)
    assert len(repair.moved) == 1
    assert repair.minimal is True
    assert repair.schedule.slots_used == 2


def test_repair_rejects_previous_of_wrong_length():
    with pytest.raises(ValueError, match="previous has 0 entries for 1 meetings"):
        repair_schedule([("a", "b")], [], tables=1, slots=1)
