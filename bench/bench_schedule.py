"""Matchmaking-day scheduling: exact König/de Werra scheduler against greedy baselines.

Prints figures; never fails on time.  Run: ``.venv/bin/python -m bench schedule``.
"""

from __future__ import annotations

import random
import time
from collections import Counter

import networkx as nx

from matching.schedule import check_schedule, greedy_schedule, repair_schedule, schedule_meetings

# networkx's line graph holds every pair of meetings sharing a party; past this it takes minutes and gigabytes.
LINE_GRAPH_LIMIT = 2_000_000


def skewed_day(seed: int = 2024, parties: int = 5_000, meetings: int = 50_000, banks: int = 500, popular: int = 20):
    """Enterprises request banks/investors; 20 popular banks draw 30% of all requests."""
    rng = random.Random(seed)
    enterprises = parties - banks
    weights = [0.3 / popular] * popular + [0.7 / (banks - popular)] * (banks - popular)
    chosen = rng.choices(range(banks), weights=weights, k=meetings)
    # Every enterprise has at least one meeting, so all parties take part.
    who = [i if i < enterprises else rng.randrange(enterprises) for i in range(meetings)]
    return [(f"enterprise-{e}", f"bank-{b}") for e, b in zip(who, chosen, strict=True)]


def uniform_day(seed: int = 2024, parties: int = 5_000, meetings: int = 50_000):
    """Two equal sides, meetings drawn uniformly: every party has about 20 meetings."""
    rng = random.Random(seed)
    half = parties // 2
    return [(f"enterprise-{rng.randrange(half)}", f"investor-{rng.randrange(half)}") for _ in range(meetings)]


def line_graph_edges(meetings) -> int:
    return sum(d * (d - 1) // 2 for d in Counter(p for m in meetings for p in m).values())


def timed(fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - started


def networkx_line_graph_colors(meetings) -> tuple[int, float]:
    started = time.perf_counter()
    graph = nx.MultiGraph()
    graph.add_edges_from(meetings)
    coloring = nx.greedy_color(nx.line_graph(graph))
    return max(coloring.values()) + 1, time.perf_counter() - started


def main() -> None:
    meetings = skewed_day()
    parties = len({p for m in meetings for p in m})
    tables = 60
    plan, took = timed(schedule_meetings, meetings, tables=tables)
    valid = check_schedule(meetings, plan.placements(), tables=tables) == []
    print(
        f"schedule: parties={parties} meetings={len(meetings)} tables={tables} lower_bound={plan.lower_bound} "
        f"slots_used={plan.slots_used} optimal={plan.optimal} valid={valid} time={took:.2f}s",
        flush=True,
    )
    greedy, took = timed(greedy_schedule, meetings, tables=tables)
    print(f"schedule_greedy_first_fit: slots_used={greedy.slots_used} time={took:.2f}s", flush=True)

    rng = random.Random(7)
    names = sorted({p for m in meetings for p in m})
    unavailable = {p: sorted(rng.sample(range(800), 2)) for p in rng.sample(names, len(names) // 100)}
    locked = {m: rng.randrange(800) for m in rng.sample(range(len(meetings)), 20)}
    plan, took = timed(schedule_meetings, meetings, tables=tables, slots=900, unavailable=unavailable, locked=locked)
    print(
        f"schedule_constrained: unavailable_parties={len(unavailable)} locked={len(locked)} slots=900 "
        f"lower_bound={plan.lower_bound} slots_used={plan.slots_used} gap={plan.gap} optimal={plan.optimal} "
        f"method={plan.method} time={took:.2f}s",
        flush=True,
    )

    plan = schedule_meetings(meetings, tables=tables)
    previous = plan.placements()
    late = [*meetings, ("enterprise-1", "bank-0")]  # a popular bank on a full day
    repair, took = timed(repair_schedule, late, [*previous, None], tables=tables, slots=plan.slots_used)
    print(
        f"schedule_repair_late_meeting: slots={plan.slots_used} moved={len(repair.moved)} minimal={repair.minimal} "
        f"time={took:.2f}s",
        flush=True,
    )
    away = {meetings[0][1]: [plan.slots[0]]}
    repair, took = timed(repair_schedule, meetings, previous, tables=tables, slots=plan.slots_used, unavailable=away)
    print(
        f"schedule_repair_party_away: moved={len(repair.moved)} minimal={repair.minimal} time={took:.2f}s",
        flush=True,
    )

    edges = line_graph_edges(meetings)
    if edges <= LINE_GRAPH_LIMIT:
        colors, took = networkx_line_graph_colors(meetings)
        print(f"schedule_networkx_line_graph: colors={colors} time={took:.1f}s (tables not modelled)", flush=True)
        return
    print(
        f"schedule_networkx_line_graph: skipped on this instance (its line graph has {edges} edges, "
        f"over {LINE_GRAPH_LIMIT}); measured on a uniform day instead",
        flush=True,
    )
    uniform = uniform_day()
    unlimited = len(uniform)
    plan, took = timed(schedule_meetings, uniform, tables=unlimited)
    print(
        f"schedule_uniform: parties={len({p for m in uniform for p in m})} meetings={len(uniform)} tables=unlimited "
        f"lower_bound={plan.lower_bound} slots_used={plan.slots_used} time={took:.2f}s",
        flush=True,
    )
    greedy, took = timed(greedy_schedule, uniform, tables=unlimited)
    print(f"schedule_uniform_greedy_first_fit: slots_used={greedy.slots_used} time={took:.2f}s", flush=True)
    colors, took = networkx_line_graph_colors(uniform)
    print(
        f"schedule_uniform_networkx_line_graph: line_graph_edges={line_graph_edges(uniform)} slots_used={colors} "
        f"time={took:.1f}s",
        flush=True,
    )
    # Fewest tables that still allow Δ slots: both parts of the bound bind, the hard case for greedy.
    delta = max(Counter(p for m in uniform for p in m).values())
    tight = -(-len(uniform) // delta)
    plan, took = timed(schedule_meetings, uniform, tables=tight)
    greedy, greedy_took = timed(greedy_schedule, uniform, tables=tight)
    print(
        f"schedule_uniform_tight_tables: tables={tight} lower_bound={plan.lower_bound} slots_used={plan.slots_used} "
        f"time={took:.2f}s greedy_first_fit_slots={greedy.slots_used} greedy_time={greedy_took:.2f}s",
        flush=True,
    )
