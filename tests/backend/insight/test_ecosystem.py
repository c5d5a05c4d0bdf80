"""The ecosystem map of the hand-built world: who reached whom, who is central, who is still alone."""

from __future__ import annotations

import pytest

from tests.backend.insight.conftest import YEAR

URL = "/api/insight/ecosystem"


def test_map_of_a_province(world, client_for):
    """吉林省: s1–s4 incubated at A or B; s1 and s2 pitched at e1 (judged by m1); 长春光电创投 met s1."""
    response = client_for(world.organizer_jilin).get(URL, YEAR)
    assert response.status_code == 200, response.content
    data = response.json()
    nodes = {n["id"]: n for n in data["nodes"]}
    s = {k: f"startup:{getattr(world, k).pk}" for k in ("s1", "s2", "s3", "s4", "s5")}
    a, b, e1 = f"carrier:{world.a.pk}", f"carrier:{world.b.pk}", f"event:{world.e1.pk}"
    fund, m1 = f"investor:{world.fund.pk}", f"mentor:{world.m1.pk}"
    assert set(nodes) == {s["s1"], s["s2"], s["s3"], s["s4"], a, b, e1, fund, m1}  # s5 is in 河北
    assert nodes[a]["name"] == "光电孵化器" and nodes[m1]["name"] == "王导师" and nodes[fund]["type"] == "investor"
    edges = {(e["source"], e["target"]): e["types"] for e in data["edges"]}
    assert edges[tuple(sorted((s["s1"], a)))] == ["incubated_at"]
    assert edges[tuple(sorted((s["s2"], e1)))] == ["pitched_at"]
    assert edges[tuple(sorted((m1, e1)))] == ["judged"]
    assert edges[tuple(sorted((fund, s["s1"])))] == ["met"]
    assert len(edges) == 8  # 4 incubations, 2 pitches, 1 judge, 1 interest

    # s1 is linked to carrier A, event e1 and the fund: the best connected actor with A (3 links each).
    assert {n["id"] for n in data["central_by_degree"][:2]} == {s["s1"], a}
    assert data["central_by_betweenness"][0]["id"] in {s["s1"], a}
    assert all(n["type"] != "event" for n in data["central_by_betweenness"])

    # Only s1 was reached by an investor; the rest are the organizer's to-do list.
    assert {i["name"] for i in data["isolated"]} == {"长光辰英", "希达电子", "吉林药谷"}
    todo = {i["name"]: i for i in data["isolated"]}
    assert todo["吉林药谷"]["carrier"] == "吉林众创" and todo["吉林药谷"]["stage"] == "seed"
    assert data["totals"] == {
        "nodes": 9,
        "edges": 8,
        "startups": 4,
        "isolated": 3,
        "communities": len(data["communities"]),
        "shown_nodes": 9,
    }
    assert sum(c["size"] for c in data["communities"]) == 9  # every node here has a link


def test_map_follows_the_remit(world, client_for):
    assert client_for(world.organizer_hebei).get(URL, {**YEAR, "region": world.jilin.pk}).status_code == 403
    assert client_for(world.startup_user).get(URL, YEAR).status_code == 403
    hebei = client_for(world.organizer_hebei).get(URL, YEAR).json()
    assert [n["name"] for n in hebei["isolated"]] == ["邢台轴承"]
    assert hebei["totals"]["startups"] == 1


def test_map_is_bounded_in_queries(world, client_for, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        assert client_for(world.admin).get(URL, YEAR).status_code == 200


def test_centrality_per_component_equals_the_whole_graph():
    """Computed component by component and rescaled, betweenness and degree match networkx on the whole graph."""
    import networkx as nx

    from backend.insight.ecosystem import component_centrality

    graph = nx.disjoint_union_all([nx.star_graph(6), nx.path_graph(5), nx.karate_club_graph(), nx.empty_graph(4)])
    graph = nx.relabel_nodes(graph, {v: f"startup:{v}" for v in graph})
    degree, betweenness = component_centrality(graph)
    expected = nx.betweenness_centrality(graph)
    assert betweenness == pytest.approx(expected, abs=1e-12)
    assert degree == pytest.approx(nx.degree_centrality(graph), abs=1e-12)
    # Over budget: sampled sources, same order of magnitude for the star's centre.
    _, sampled = component_centrality(graph, budget=100)
    assert sampled["startup:0"] == pytest.approx(expected["startup:0"], rel=0.5)
    assert set(sampled) == set(expected)
