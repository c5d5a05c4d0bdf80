from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import pytest

from matching.graph import (
    SocialIndex,
    adamic_adar,
    centrality,
    communities,
    conflicts_of_interest,
    ecosystem_graph,
    isolated_startups,
    node_key,
    personalized_pagerank,
    personalized_pagerank_matrix,
    shared_neighbours,
    social_distance,
)
from matching.types import Bank, Carrier, Event, Investor, Mentor, Organisation, Person, Startup

INCUBATOR = "吉林省光电子产业孵化器"


def small_ecosystem():
    """Two startups at one incubator, a mentor, an investor, a salon and a shared industry."""
    parties = [
        Startup("s1", "光启科技", industries=["光电子"], region=["吉林省", "长春市", "朝阳区"]),
        Startup("s2", "长光微电", industries=["光电子"], region=["吉林省", "长春市", "朝阳区"]),
        Startup("s3", "吉纺新材", industries=["纺织"]),
        Mentor("m1", "王导师", industries=["光电子"]),
        Investor("i1", "长春光电创投", industries=["光电子"]),
        Carrier("c1", INCUBATOR),
        Event("e1", "光电子创业沙龙"),
    ]
    relations = [
        ("startup:s1", "carrier:c1", "incubated_at"),
        ("startup:s2", "carrier:c1", "incubated_at"),
        ("mentor:m1", "startup:s2", "mentors"),
        ("startup:s1", "event:e1", "attended"),
        ("mentor:m1", "event:e1", "attended"),
        ("investor:i1", "startup:s2", "invested_in"),
    ]
    return parties, relations


# --- building -------------------------------------------------------------------


def test_ecosystem_graph_adds_typed_nodes_and_descriptive_edges():
    parties, relations = small_ecosystem()

    G = ecosystem_graph(parties, relations)

    assert G.nodes["startup:s1"] == {"type": "startup", "id": "s1", "name": "光启科技"}
    assert G.nodes["industry:光电子"]["type"] == "industry"
    assert G.nodes["region:吉林省/长春市/朝阳区"]["name"] == "朝阳区"
    assert G.edges["investor:i1", "industry:光电子"]["types"] == frozenset({"interested_in"})
    assert G.edges["startup:s1", "industry:光电子"]["types"] == frozenset({"in_industry"})
    assert G.edges["startup:s1", "carrier:c1"]["types"] == frozenset({"incubated_at"})


def test_ecosystem_graph_merges_relations_of_one_pair():
    G = ecosystem_graph([], [("mentor:m", "startup:s", "mentors"), ("startup:s", "mentor:m", "met")])

    assert G.edges["mentor:m", "startup:s"]["types"] == frozenset({"mentors", "met"})
    assert G.edges["mentor:m", "startup:s"]["weight"] == 2


@pytest.mark.parametrize(
    ("relations", "message"),
    [
        ([("startup:s", "mentor:m", "likes")], "unknown relation type"),
        ([("s", "mentor:m", "met")], "not a node key"),
        ([("planet:x", "mentor:m", "met")], "not a node key"),
        ([("startup:s", "startup:s", "met")], "self-loop"),
    ],
)
def test_ecosystem_graph_rejects_bad_relations(relations, message):
    with pytest.raises(ValueError, match=message):
        ecosystem_graph([], relations)


def test_ecosystem_graph_rejects_duplicate_parties():
    with pytest.raises(ValueError, match="duplicate party"):
        ecosystem_graph([Startup("s1"), Startup("s1")])


def test_ecosystem_graph_is_independent_of_input_order():
    parties, relations = small_ecosystem()
    shuffled_parties, shuffled_relations = parties[:], relations[:]
    random.Random(3).shuffle(shuffled_parties)
    random.Random(4).shuffle(shuffled_relations)

    a = ecosystem_graph(parties, relations)
    b = ecosystem_graph(shuffled_parties, shuffled_relations)

    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))


def test_node_key_rejects_unknown_type():
    with pytest.raises(ValueError, match="unknown node type"):
        node_key("planet", "x")


# --- Adamic-Adar, PPR, distance ---------------------------------------------------------


def test_adamic_adar_counts_only_social_edges():
    parties, relations = small_ecosystem()
    G = ecosystem_graph(parties, relations)

    social = adamic_adar(G, "startup:s1", "startup:s2")
    everything = adamic_adar(G, "startup:s1", "startup:s2", edge_types=None)

    # Social common neighbour: the incubator (degree 2 there). With all edges the
    # industry and region nodes join in.
    assert social == pytest.approx(1 / math.log(2))
    deg_industry = G.degree("industry:光电子")
    deg_region = G.degree("region:吉林省/长春市/朝阳区")
    deg_carrier = G.degree("carrier:c1")
    assert everything == pytest.approx(
        1 / math.log(deg_carrier) + 1 / math.log(deg_industry) + 1 / math.log(deg_region)
    )


def test_adamic_adar_by_hand_on_a_small_graph():
    G = nx.Graph([("a", "w1"), ("b", "w1"), ("a", "w2"), ("b", "w2"), ("c", "w2"), ("d", "w2"), ("a", "x")])

    value = adamic_adar(G, "a", "b", edge_types=None)

    assert value == pytest.approx(1 / math.log(2) + 1 / math.log(4))
    assert shared_neighbours(G, "a", "b", edge_types=None)[0][0] == "w1"


def test_personalized_pagerank_sums_to_one_and_matches_networkx():
    parties, relations = small_ecosystem()
    G = ecosystem_graph(parties, relations)

    ppr = personalized_pagerank(G, "startup:s1")
    H = nx.Graph((u, v) for u, v, d in G.edges(data=True) if d["types"] & {"incubated_at", "mentors", "attended"})
    H.add_edges_from([("investor:i1", "startup:s2")])
    reference = nx.pagerank(H, personalization={"startup:s1": 1.0}, tol=1e-14, max_iter=10_000)

    assert sum(ppr.values()) == pytest.approx(1.0, abs=1e-12)
    for node, value in reference.items():
        assert ppr[node] == pytest.approx(value, abs=1e-8)
    assert ppr["industry:光电子"] == 0.0


def test_personalized_pagerank_matrix_matches_single_source_runs():
    parties, relations = small_ecosystem()
    G = ecosystem_graph(parties, relations)
    sources = ["startup:s1", "mentor:m1", "startup:s3"]

    matrix, nodes = personalized_pagerank_matrix(G, sources)

    np.testing.assert_allclose(matrix.sum(axis=1), 1.0, atol=1e-12)
    for row, source in enumerate(sources):
        single = personalized_pagerank(G, source)
        np.testing.assert_allclose(matrix[row], [single[n] for n in nodes], atol=1e-8)
    # A source without social edges keeps all its mass.
    assert matrix[2, nodes.index("startup:s3")] == pytest.approx(1.0)


def test_personalized_pagerank_is_symmetric_up_to_degree():
    G = nx.karate_club_graph()
    G = nx.relabel_nodes(G, {n: f"person:{n}" for n in G})
    index = SocialIndex(G, edge_types=None)
    ppr = index.ppr(np.arange(len(index.nodelist)))

    ratio = ppr / index.degree[None, :]

    np.testing.assert_allclose(ratio, ratio.T, atol=1e-9)


def test_personalized_pagerank_unknown_source_raises():
    with pytest.raises(nx.NodeNotFound):
        personalized_pagerank(nx.path_graph(["a", "b"]), "z", edge_types=None)


def test_social_distance_ignores_descriptive_edges():
    parties, relations = small_ecosystem()
    G = ecosystem_graph(parties, relations)

    assert social_distance(G, "startup:s1", "startup:s2") == 2
    assert social_distance(G, "startup:s1", "investor:i1") == 3
    assert social_distance(G, "startup:s1", "investor:i1", cutoff=2) is None
    # s3 shares nothing social; through the industry node it would be 2 hops from s1.
    assert social_distance(G, "startup:s1", "startup:s3") is None
    assert social_distance(G, "startup:s1", "startup:s1") == 0


# --- centrality, communities, isolation ----------------------------------------------


def test_centrality_of_a_star_is_exact_for_small_graphs():
    G = nx.relabel_nodes(nx.star_graph(4), str)

    c = centrality(G, edge_types=None)

    assert c["betweenness"]["0"] == 1.0
    assert c["betweenness"]["1"] == 0.0
    assert c["degree"]["0"] == 1.0


def test_centrality_sampling_is_reproducible_with_a_seed():
    G = nx.relabel_nodes(nx.barabasi_albert_graph(300, 2, seed=1), str)

    a = centrality(G, k=20, seed=5, edge_types=None)
    b = centrality(G, k=20, seed=5, edge_types=None)
    exact = centrality(G, edge_types=None)

    assert a == b
    assert a["betweenness"] != exact["betweenness"]


def test_communities_are_found_and_stable_under_insertion_order():
    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")]
    shuffled = edges[:]
    random.Random(9).shuffle(shuffled)

    first = communities(nx.Graph(edges), edge_types=None)
    second = communities(nx.Graph(shuffled), edge_types=None)

    assert first == second == [frozenset("abc"), frozenset("xyz")]


def test_isolated_startups_have_no_mentor_investor_or_bank():
    parties, relations = small_ecosystem()
    parties.append(Bank("b1", "吉林银行"))
    relations.append(("bank:b1", "startup:s3", "in_region"))  # descriptive: does not count
    G = ecosystem_graph(parties, relations)

    assert isolated_startups(G) == ["startup:s1", "startup:s3"]


# --- conflicts of interest ------------------------------------------------------------


@pytest.mark.parametrize(
    ("relation", "code"),
    [
        ("invested_in", "conflict.invested"),
        ("financed", "conflict.financed"),
        ("mentors", "conflict.mentors"),
        ("member_of", "conflict.member"),
    ],
)
def test_conflict_through_a_direct_relation(relation, code):
    G = ecosystem_graph([Person("p1"), Startup("s1"), Startup("s2")], [("person:p1", "startup:s1", relation)])

    conflicts = conflicts_of_interest(G, ["person:p1"], ["startup:s1", "startup:s2"])

    assert list(conflicts) == [("person:p1", "startup:s1")]
    assert conflicts["person:p1", "startup:s1"].code == code


@pytest.mark.parametrize(
    ("relation", "zh"),
    [
        ("invested_in", "评委所在机构 长春光电创投 投资了该企业"),
        ("incubated_at", "评委所在机构 长春光电创投 孵化该企业"),
        ("member_of", "评委所在机构 长春光电创投 与该企业同属一个机构"),
        ("mentors", "评委所在机构 长春光电创投 辅导该企业"),
    ],
)
def test_conflict_through_the_judges_organisation(relation, zh):
    G = ecosystem_graph(
        [Person("p1"), Organisation("o1", "长春光电创投"), Startup("s1")],
        [("person:p1", "organisation:o1", "member_of"), ("organisation:o1", "startup:s1", relation)],
    )

    conflicts = conflicts_of_interest(G, ["person:p1"], ["startup:s1"])

    reason = conflicts["person:p1", "startup:s1"]
    assert reason.code == "conflict.organisation"
    assert reason.zh == zh
    assert reason.data["organisation"] == "organisation:o1"


def test_no_conflict_for_meetings_shared_events_or_strangers():
    G = ecosystem_graph(
        [Mentor("m1"), Startup("s1"), Startup("s2"), Event("e1"), Organisation("o1")],
        [
            ("mentor:m1", "startup:s1", "met"),
            ("mentor:m1", "event:e1", "attended"),
            ("startup:s2", "event:e1", "attended"),
            ("mentor:m1", "organisation:o1", "met"),
            ("organisation:o1", "startup:s2", "invested_in"),
        ],
    )

    assert conflicts_of_interest(G, ["mentor:m1", "judge:unknown"], ["startup:s1", "startup:s2"]) == {}


def test_investor_judge_conflicts_with_its_portfolio():
    parties, relations = small_ecosystem()
    G = ecosystem_graph(parties, relations)

    conflicts = conflicts_of_interest(G, ["investor:i1", "mentor:m1"], ["startup:s1", "startup:s2", "startup:s3"])

    assert {pair: r.code for pair, r in conflicts.items()} == {
        ("investor:i1", "startup:s2"): "conflict.invested",
        ("mentor:m1", "startup:s2"): "conflict.mentors",
    }
