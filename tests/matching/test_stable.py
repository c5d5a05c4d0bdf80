"""Stable matching: no blocking pairs from either side; optimality properties checked by brute force."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.stable import blocking_pairs, stable_matching

SIDES = ["residents", "hospitals"]


@st.composite
def prefix_of_permutation(draw, items):
    order = draw(st.permutations(items))
    return list(order[: draw(st.integers(0, len(order)))])


@st.composite
def markets(draw, max_residents=6, max_hospitals=4):
    residents = [f"r{i}" for i in range(draw(st.integers(0, max_residents)))]
    hospitals = [f"h{j}" for j in range(draw(st.integers(1, max_hospitals)))]
    # Incomplete lists on both sides, so some pairs are acceptable to one side only.
    resident_prefs = {r: draw(prefix_of_permutation(hospitals)) for r in residents}
    hospital_prefs = {h: draw(prefix_of_permutation(residents)) for h in hospitals}
    capacities = {h: draw(st.integers(0, 3)) for h in hospitals}
    return resident_prefs, hospital_prefs, capacities


def naive_is_stable(matching, resident_prefs, hospital_prefs, capacities):
    """Textbook definition, written independently of blocking_pairs."""
    for r, hs in resident_prefs.items():
        for h in hs:
            if r not in hospital_prefs[h] or matching.get(r) == h:
                continue
            mine = matching.get(r)
            r_wants = mine is None or hs.index(h) < hs.index(mine)
            held = [x for x, y in matching.items() if y == h]
            h_wants = len(held) < capacities[h] or any(
                hospital_prefs[h].index(r) < hospital_prefs[h].index(x) for x in held
            )
            if r_wants and h_wants:
                return False
    return True


def all_stable_matchings(resident_prefs, hospital_prefs, capacities):
    residents = list(resident_prefs)
    options = [[None] + [h for h in resident_prefs[r] if r in hospital_prefs[h]] for r in residents]
    found = []
    for choice in itertools.product(*options):
        matching = {r: h for r, h in zip(residents, choice, strict=True) if h is not None}
        counts = {}
        for h in matching.values():
            counts[h] = counts.get(h, 0) + 1
        if all(counts[h] <= capacities[h] for h in counts) and naive_is_stable(
            matching, resident_prefs, hospital_prefs, capacities
        ):
            found.append(matching)
    return found


def check_valid(matching, resident_prefs, hospital_prefs, capacities):
    counts = {}
    for r, h in matching.items():
        assert h in resident_prefs[r]
        assert r in hospital_prefs[h]
        counts[h] = counts.get(h, 0) + 1
    assert all(counts[h] <= capacities[h] for h in counts)


@pytest.mark.parametrize("proposing", SIDES)
@settings(max_examples=150, deadline=None)
@given(market=markets(max_residents=12, max_hospitals=6))
def test_stable_matching_has_no_blocking_pair(proposing, market):
    resident_prefs, hospital_prefs, capacities = market

    matching = stable_matching(resident_prefs, hospital_prefs, capacities, proposing=proposing)

    check_valid(matching, resident_prefs, hospital_prefs, capacities)
    assert blocking_pairs(matching, resident_prefs, hospital_prefs, capacities) == []
    assert naive_is_stable(matching, resident_prefs, hospital_prefs, capacities)
    assert list(matching) == [r for r in resident_prefs if r in matching]


def rank(prefs, h):
    return len(prefs) if h is None else prefs.index(h)


@settings(max_examples=150, deadline=None)
@given(market=markets())
def test_stable_matching_residents_optimal_hospitals_proposing_resident_pessimal(market):
    resident_prefs, hospital_prefs, capacities = market
    stable = all_stable_matchings(resident_prefs, hospital_prefs, capacities)

    by_residents = stable_matching(resident_prefs, hospital_prefs, capacities, proposing="residents")
    by_hospitals = stable_matching(resident_prefs, hospital_prefs, capacities, proposing="hospitals")

    assert by_residents in stable
    assert by_hospitals in stable
    for r, prefs in resident_prefs.items():
        ranks = [rank(prefs, m.get(r)) for m in stable]
        assert rank(prefs, by_residents.get(r)) == min(ranks)
        assert rank(prefs, by_hospitals.get(r)) == max(ranks)


@settings(max_examples=100, deadline=None)
@given(market=markets())
def test_stable_matching_rural_hospitals_same_residents_matched(market):
    resident_prefs, hospital_prefs, capacities = market
    stable = all_stable_matchings(resident_prefs, hospital_prefs, capacities)

    assert {frozenset(m) for m in stable} == {frozenset(stable_matching(resident_prefs, hospital_prefs, capacities))}


@pytest.mark.parametrize("proposing", SIDES)
def test_stable_matching_incomplete_lists_leave_unacceptable_pairs_out(proposing):
    # r2 lists h1 but h1 does not list r2: never matched, though h1 has room.
    residents = {"r1": ["h1"], "r2": ["h1"]}
    hospitals = {"h1": ["r1"]}

    matching = stable_matching(residents, hospitals, {"h1": 5}, proposing=proposing)

    assert matching == {"r1": "h1"}


@pytest.mark.parametrize("proposing", SIDES)
def test_stable_matching_zero_capacity_hospital_takes_nobody(proposing):
    matching = stable_matching({"r1": ["h1", "h2"]}, {"h1": ["r1"], "h2": ["r1"]}, {"h1": 0}, proposing=proposing)

    assert matching == {"r1": "h2"}


def test_stable_matching_sides_differ_on_classic_instance():
    residents = {"r1": ["h1", "h2"], "r2": ["h2", "h1"]}
    hospitals = {"h1": ["r2", "r1"], "h2": ["r1", "r2"]}

    assert stable_matching(residents, hospitals, proposing="residents") == {"r1": "h1", "r2": "h2"}
    assert stable_matching(residents, hospitals, proposing="hospitals") == {"r1": "h2", "r2": "h1"}


@pytest.mark.parametrize(
    ("residents", "hospitals", "capacities", "message"),
    [
        ({"r1": ["hX"]}, {"h1": []}, None, "resident 'r1' ranks unknown hospital 'hX'"),
        ({"r1": []}, {"h1": ["rX"]}, None, "hospital 'h1' ranks unknown resident 'rX'"),
        ({"r1": ["h1", "h1"]}, {"h1": []}, None, "resident 'r1' ranks hospital 'h1' twice"),
        ({"r1": []}, {"h1": []}, {"h1": -1}, "capacity of hospital 'h1' must not be negative, got -1"),
        ({"r1": []}, {"h1": []}, {"h9": 1}, "capacity given for unknown hospital 'h9'"),
        ({"r1": []}, {"h1": []}, {"h1": "2"}, "capacity of hospital 'h1' must be an integer, got '2'"),
    ],
)
def test_stable_matching_bad_input_raises_value_error(residents, hospitals, capacities, message):
    with pytest.raises(ValueError) as excinfo:
        stable_matching(residents, hospitals, capacities)

    assert str(excinfo.value) == message


def test_stable_matching_unknown_proposing_side_raises():
    with pytest.raises(ValueError, match="proposing must be 'residents' or 'hospitals', got 'mentors'"):
        stable_matching({}, {}, proposing="mentors")


def test_blocking_pairs_reports_each_blocking_pair_in_resident_order():
    residents = {"r1": ["h1", "h2"], "r2": ["h2", "h1"], "r3": ["h1"]}
    hospitals = {"h1": ["r1", "r2", "r3"], "h2": ["r2", "r1"]}
    matching = {"r1": "h2", "r2": "h1"}  # both prefer the other hospital, which prefers them back

    pairs = blocking_pairs(matching, residents, hospitals, {"h1": 1, "h2": 1})

    assert pairs == [("r1", "h1"), ("r2", "h2")]


def test_blocking_pairs_free_place_blocks_with_unmatched_resident():
    assert blocking_pairs({}, {"r1": ["h1"]}, {"h1": ["r1"]}) == [("r1", "h1")]


@pytest.mark.parametrize(
    ("matching", "message"),
    [
        ({"r1": "h2"}, "matched pair ('r1', 'h2') is not mutually acceptable"),
        ({"rX": "h1"}, "matching names unknown resident 'rX'"),
        ({"r1": "hX"}, "matching names unknown hospital 'hX'"),
        ({"r1": "h1", "r2": "h1"}, "hospital 'h1' has 2 residents but capacity 1"),
    ],
)
def test_blocking_pairs_invalid_matching_raises(matching, message):
    residents = {"r1": ["h1"], "r2": ["h1"]}
    hospitals = {"h1": ["r1", "r2"], "h2": []}

    with pytest.raises(ValueError) as excinfo:
        blocking_pairs(matching, residents, hospitals)

    assert str(excinfo.value) == message
