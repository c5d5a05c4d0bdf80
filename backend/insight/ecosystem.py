"""The ecosystem map: who is connected to whom, built with ``matching.graph`` (networkx).

Every section contributes its relations (incubation, pitch slots, judging,
investor interest, and the journeys' mentorships, meetings, pipelines and
loans); the scope's startups are always nodes, so that the ones nobody has
reached show up as isolated — the organizer's to-do list. Names are loaded
afterwards, one query per kind of node.

The map answer is bounded for the browser: the most connected nodes (at most
``max_nodes``) with the edges among them; centrality, communities and the
to-do list are computed on the whole graph.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from backend.directory.models import Carrier, MentorProfile, Organisation, StartupProfile
from backend.insight.scope import Scope
from backend.insight.sections import sections
from backend.insight.selectors import startups_in
from events.models import Event
from matching.graph import centrality, communities, ecosystem_graph, isolated_startups, social_graph
from matching.types import Startup

MAX_NODES = 400
TOP_CENTRAL = 10
ISOLATED_LIMIT = 200
ACTOR_TYPES = ("startup", "mentor", "investor", "bank", "carrier")
# Betweenness costs (sources) x (nodes of their component), in Python. Within this
# budget every component is exact; beyond it each component samples the same share
# of its nodes as sources (at least MIN_SAMPLES), so a province's map takes seconds.
BETWEENNESS_BUDGET = 500_000
MIN_SAMPLES = 8


def _significant(value: float) -> float:
    """Four significant digits: large maps have tiny normalised centralities."""
    return float(f"{value:.4g}")


def build_graph(scope: Scope) -> nx.Graph:
    """The scope's startups plus every section's relations, with names on the nodes."""
    startups = startups_in(scope).values_list("organisation_id", "organisation__name")
    parties = [Startup(str(pk), name) for pk, name in startups]
    relations = [rel for section in sections() for rel in section.relations(scope)]
    known = {p.id for p in parties}
    # A relation may reach a startup outside the scope (it pitched here): it joins the map.
    graph = ecosystem_graph(parties, relations)
    _name_nodes(graph, known)
    return graph


def _name_nodes(graph: nx.Graph, known_startups: set[str]) -> None:
    ids: dict[str, list[int]] = {}
    for _key, data in graph.nodes(data=True):
        if data["type"] == "startup" and data["id"] in known_startups:
            continue
        ids.setdefault(data["type"], []).append(int(data["id"]))
    org_ids = ids.get("startup", []) + ids.get("investor", []) + ids.get("bank", [])
    names: dict[str, str] = {}
    for pk, name in Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name"):
        for t in ("startup", "investor", "bank"):
            names[f"{t}:{pk}"] = name
    for pk, name in MentorProfile.objects.filter(pk__in=ids.get("mentor", [])).values_list("pk", "user__name"):
        names[f"mentor:{pk}"] = name
    for pk, name in Carrier.objects.filter(pk__in=ids.get("carrier", [])).values_list("pk", "name"):
        names[f"carrier:{pk}"] = name
    for pk, name in Event.objects.filter(pk__in=ids.get("event", [])).values_list("pk", "title"):
        names[f"event:{pk}"] = name
    for key, name in names.items():
        if key in graph:
            graph.nodes[key]["name"] = name


def component_centrality(graph: nx.Graph, *, budget: int = BETWEENNESS_BUDGET) -> tuple[dict, dict]:
    """Degree and betweenness centrality over the social edges, one connected component at a time.

    Shortest paths never leave a component, so computing each component on
    its own (with ``matching.graph.centrality``) and rescaling to the whole
    graph's normalisation gives the whole graph's values: exact while the
    sum of squared component sizes fits ``budget``, else from the same share
    of sampled sources in every component. networkx's sampled betweenness
    on the whole graph builds per-source tables over *every* node, which made
    a province's map (60,000 mostly unconnected startups) take over a minute.
    """
    social = social_graph(graph)
    n = len(social)
    degree = {v: (d / (n - 1) if n > 1 else 0.0) for v, d in social.degree()}
    betweenness = dict.fromkeys(social, 0.0)
    components = [c for c in nx.connected_components(social) if len(c) >= 3]  # smaller: nobody in between
    work = sum(len(c) ** 2 for c in components)
    share = min(1.0, budget / work) if work else 1.0
    for nodes in components:
        size = len(nodes)
        k = None if share >= 1.0 else min(size, max(MIN_SAMPLES, round(size * share)))
        component = social.subgraph(nodes).copy()  # a plain graph: views are slow to walk
        measures = centrality(component, k=None if k == size else k, edge_types=None, exact_limit=size)
        rescale = (size - 1) * (size - 2) / ((n - 1) * (n - 2))
        for v, value in measures["betweenness"].items():
            betweenness[v] = value * rescale
    return degree, betweenness


def ecosystem_map(scope: Scope, *, max_nodes: int = MAX_NODES) -> dict:
    graph = build_graph(scope)
    degree, betweenness = component_centrality(graph)
    found = communities(graph)
    community_of = {node: index for index, members in enumerate(found) for node in members}
    links = dict(graph.degree())

    def describe(key: str) -> dict:
        data = graph.nodes[key]
        return {
            "id": key,
            "name": data["name"],
            "type": data["type"],
            "links": links[key],
            "degree": _significant(degree.get(key, 0.0)),
            "betweenness": _significant(betweenness.get(key, 0.0)),
            "community": community_of.get(key),
        }

    actors = [n for n in graph if graph.nodes[n]["type"] in ACTOR_TYPES and links[n]]
    by_betweenness = sorted(actors, key=lambda n: (-betweenness.get(n, 0.0), -links[n], n))[:TOP_CENTRAL]
    by_degree = sorted(actors, key=lambda n: (-links[n], n))[:TOP_CENTRAL]

    shown = sorted(graph, key=lambda n: (-links[n], n))[:max_nodes]
    shown_set = set(shown)
    edges = [
        {"source": u, "target": v, "types": sorted(d["types"]), "weight": d["weight"]}
        for u, v, d in graph.edges(data=True)
        if u in shown_set and v in shown_set
    ]
    isolated = isolated_startups(graph)
    todo = [int(graph.nodes[key]["id"]) for key in isolated[:ISOLATED_LIMIT]]
    profiles = {
        row["organisation_id"]: row
        for row in StartupProfile.objects.filter(organisation_id__in=todo).values(
            "organisation_id", "stage", "carrier__name"
        )
    }
    return {
        "nodes": [describe(n) for n in shown],
        "edges": edges,
        "central_by_degree": [describe(n) for n in by_degree],
        "central_by_betweenness": [describe(n) for n in by_betweenness],
        "communities": [
            {
                "index": index,
                "size": len(members),
                "types": dict(Counter(graph.nodes[n]["type"] for n in members)),
                "leaders": [graph.nodes[n]["name"] for n in sorted(members, key=lambda n: (-links[n], n))[:5]],
            }
            for index, members in enumerate(found)
        ],
        "isolated": [
            {
                "id": f"startup:{pk}",
                "organisation": pk,
                "name": graph.nodes[f"startup:{pk}"]["name"],
                "stage": profiles.get(pk, {}).get("stage", ""),
                "carrier": profiles.get(pk, {}).get("carrier__name") or "",
                "links": links[f"startup:{pk}"],
            }
            for pk in todo
        ],
        "totals": {
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "startups": sum(1 for _, d in graph.nodes(data=True) if d["type"] == "startup"),
            "isolated": len(isolated),
            "communities": len(found),
            "shown_nodes": len(shown),
        },
    }
