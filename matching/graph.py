"""The innovation ecosystem as a graph, and the signals matching reads from it.

Nodes are strings ``"<type>:<id>"`` (see :func:`node_key`) with attributes
``type``, ``id`` and ``name``. Edges are undirected and typed: one edge per
pair of nodes carries the set of relation ``types`` and a ``weight`` (the
number of relations). Graph signals (shared neighbours, personalized
PageRank, distance, conflicts) use only the *social* edge types by default,
so that everybody sharing a huge industry or region node does not count as
being acquainted.

The graph is built in sorted order, so the same parties and relations give
the same graph whatever order they come in, and seeded algorithms give the
same answers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
from scipy import sparse

from matching.types import (
    Bank,
    Carrier,
    Event,
    Investor,
    Mentor,
    Organisation,
    Person,
    Reason,
    Startup,
    Tree,
)

__all__ = [
    "EDGE_TYPES",
    "NODE_TYPES",
    "SOCIAL_EDGE_TYPES",
    "SocialIndex",
    "adamic_adar",
    "centrality",
    "communities",
    "conflicts_of_interest",
    "ecosystem_graph",
    "isolated_startups",
    "node_key",
    "party_node",
    "personalized_pagerank",
    "personalized_pagerank_matrix",
    "shared_neighbours",
    "social_distance",
    "social_graph",
]

PARTY_TYPES: dict[type, str] = {
    Startup: "startup",
    Mentor: "mentor",
    Investor: "investor",
    Bank: "bank",
    Carrier: "carrier",
    Event: "event",
    Organisation: "organisation",
    Person: "person",
}
NODE_TYPES: tuple[str, ...] = (*PARTY_TYPES.values(), "industry", "region")

#: Relations between people and organisations: who knows, funds or hosts whom.
SOCIAL_EDGE_TYPES: frozenset[str] = frozenset(
    {
        "incubated_at",  # startup - carrier
        "mentors",  # mentor - startup
        "met",  # anyone - anyone (a meeting at a matchmaking day, a logged session)
        "pitched_at",  # startup - event
        "attended",  # anyone - event
        "judged",  # judge - event
        "invested_in",  # investor - startup
        "financed",  # bank - startup (a signed loan)
        "member_of",  # person - organisation, startup - organisation (group)
        "operates",  # organisation - carrier
    }
)
#: Descriptive relations: shared by many, weak evidence of acquaintance.
DESCRIPTIVE_EDGE_TYPES: frozenset[str] = frozenset({"in_industry", "interested_in", "in_region"})
EDGE_TYPES: frozenset[str] = SOCIAL_EDGE_TYPES | DESCRIPTIVE_EDGE_TYPES


def node_key(node_type: str, id: str | int) -> str:
    """The graph node for a party, industry or region.

    Examples
    --------
    >>> node_key("startup", 42)
    'startup:42'
    >>> node_key("region", "吉林省/长春市")
    'region:吉林省/长春市'
    """
    if node_type not in NODE_TYPES:
        raise ValueError(f"unknown node type {node_type!r}; expected one of {', '.join(NODE_TYPES)}")
    return f"{node_type}:{id}"


def party_node(party: object) -> str:
    """The graph node of a party dataclass (:class:`~matching.types.Startup` …)."""
    return node_key(PARTY_TYPES[type(party)], party.id)  # type: ignore[attr-defined]


def _node_type(key: str) -> str:
    node_type = key.split(":", 1)[0]
    if ":" not in key or node_type not in NODE_TYPES:
        raise ValueError(f"not a node key: {key!r} (expected '<type>:<id>')")
    return node_type


def ecosystem_graph(
    parties: Iterable[object] = (),
    relations: Iterable[tuple[str, str, str]] = (),
    *,
    industries: Tree | None = None,
) -> nx.Graph:
    """Build the ecosystem graph from parties and typed relations.

    Parameters
    ----------
    parties : iterable of party dataclasses
        Startups, mentors, investors, banks, carriers, events, organisations
        and persons. Their industries and regions become ``in_industry``
        (``interested_in`` for investors) and ``in_region`` edges to
        ``industry:`` and ``region:`` nodes.
    relations : iterable of ``(u, v, type)``
        Node keys (:func:`node_key`) and a type from :data:`EDGE_TYPES`.
        Nodes not among ``parties`` are added with the type their key names.
    industries : Tree, optional
        Names for industry nodes.

    Returns
    -------
    networkx.Graph
        Built in sorted order of nodes and edges (deterministic).

    Raises
    ------
    ValueError
        For an unknown relation type, a malformed node key or a self-loop.

    Examples
    --------
    >>> G = ecosystem_graph(
    ...     [Startup("s1", "光启科技", industries=["光电子"]), Mentor("m1", "王老师")],
    ...     [("mentor:m1", "startup:s1", "mentors"), ("mentor:m1", "startup:s1", "met")],
    ... )
    >>> sorted(G.nodes)
    ['industry:光电子', 'mentor:m1', 'startup:s1']
    >>> sorted(G.edges["mentor:m1", "startup:s1"]["types"]), G.edges["mentor:m1", "startup:s1"]["weight"]
    (['mentors', 'met'], 2)
    """
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], list[str]] = {}

    def add_edge(u: str, v: str, edge_type: str) -> None:
        if edge_type not in EDGE_TYPES:
            raise ValueError(f"unknown relation type {edge_type!r}")
        if u == v:
            raise ValueError(f"self-loop on {u!r}")
        for key in (u, v):
            if key not in nodes:
                node_type = _node_type(key)
                ident = key.split(":", 1)[1]
                name = industries.label(ident) if node_type == "industry" and industries else ident.split("/")[-1]
                nodes[key] = {"type": node_type, "id": ident, "name": name}
        edges.setdefault((min(u, v), max(u, v)), []).append(edge_type)

    pending: list[tuple[str, str, str]] = []
    for party in parties:
        key = party_node(party)
        if key in nodes:
            raise ValueError(f"duplicate party {key!r}")
        nodes[key] = {"type": PARTY_TYPES[type(party)], "id": party.id, "name": party.name or party.id}  # type: ignore[attr-defined]
        industry_edge = "interested_in" if isinstance(party, Investor) else "in_industry"
        for industry in getattr(party, "industries", ()):
            pending.append((key, node_key("industry", industry), industry_edge))
        region = getattr(party, "region", ())
        if region:
            pending.append((key, node_key("region", "/".join(region)), "in_region"))
    for u, v, edge_type in [*pending, *relations]:
        add_edge(u, v, edge_type)

    G = nx.Graph()
    for key in sorted(nodes):
        G.add_node(key, **nodes[key])
    for (u, v), types in sorted(edges.items()):
        G.add_edge(u, v, types=frozenset(types), weight=len(types))
    return G


def social_graph(G: nx.Graph, edge_types: Iterable[str] | None = SOCIAL_EDGE_TYPES) -> nx.Graph:
    """A copy of ``G`` with every node but only edges of ``edge_types`` (``None``: all edges).

    Edges without a ``types`` attribute (graphs not built by
    :func:`ecosystem_graph`) count as social.
    """
    if edge_types is None:
        return G
    wanted = frozenset(edge_types)
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(
        (u, v, d) for u, v, d in G.edges(data=True) if "types" not in d or not wanted.isdisjoint(d["types"])
    )
    return H


def shared_neighbours(
    G: nx.Graph, u: str, v: str, *, edge_types: Iterable[str] | None = SOCIAL_EDGE_TYPES
) -> list[tuple[str, float]]:
    """Common neighbours of ``u`` and ``v`` with their Adamic–Adar weights ``1 / log(degree)``.

    Sorted by weight (largest first), then by node. Degrees count only
    ``edge_types`` edges.

    Examples
    --------
    >>> G = nx.Graph([("a", "w"), ("b", "w"), ("a", "x"), ("b", "x"), ("x", "y")])
    >>> [(n, round(w, 4)) for n, w in shared_neighbours(G, "a", "b", edge_types=None)]
    [('w', 1.4427), ('x', 0.9102)]
    """
    H = social_graph(G, edge_types)
    common = sorted(nx.common_neighbors(H, u, v))
    weighted = [(w, 1.0 / math.log(H.degree(w))) for w in common]
    return sorted(weighted, key=lambda item: (-item[1], item[0]))


def adamic_adar(G: nx.Graph, u: str, v: str, *, edge_types: Iterable[str] | None = SOCIAL_EDGE_TYPES) -> float:
    """Adamic–Adar index of ``u`` and ``v``: sum of ``1 / log(deg(w))`` over common neighbours ``w``.

    Parameters
    ----------
    G : networkx.Graph
    u, v : node
    edge_types : set of str or None
        Edge types that count (default: social relations); None uses all.

    Returns
    -------
    float

    Notes
    -----
    ``O(deg(u) + deg(v))`` after restricting the graph (``O(|E|)``).
    Rare common neighbours count more than hubs: a small salon says more
    than a forum everybody attended.

    References
    ----------
    .. [1] Adamic, L. A. and Adar, E. "Friends and neighbors on the Web."
       Social Networks 25(3), 211–230, 2003.

    Examples
    --------
    >>> G = nx.Graph([("a", "w"), ("b", "w"), ("a", "x"), ("b", "x"), ("x", "y")])
    >>> round(adamic_adar(G, "a", "b", edge_types=None), 6) == round(1 / math.log(2) + 1 / math.log(3), 6)
    True
    """
    return float(sum(weight for _, weight in shared_neighbours(G, u, v, edge_types=edge_types)))


def personalized_pagerank(
    G: nx.Graph,
    source: str | Mapping[str, float],
    *,
    alpha: float = 0.85,
    edge_types: Iterable[str] | None = SOCIAL_EDGE_TYPES,
    tol: float = 1e-10,
    max_iter: int = 1000,
) -> dict[str, float]:
    """PageRank personalised to ``source``: where a surfer restarting there spends its time.

    Parameters
    ----------
    G : networkx.Graph
    source : node or mapping node -> weight
        The restart distribution.
    alpha : float
        Probability of following an edge instead of restarting.
    edge_types : set of str or None
        Edge types the walk may follow (default: social relations).

    Returns
    -------
    dict
        node -> probability; the values sum to 1.

    Notes
    -----
    Power iteration, ``O(|E|)`` per step and ``O(log(tol) / log(alpha))``
    steps. A walk at a node without edges returns to ``source``.

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R. and Winograd, T. "The PageRank
       citation ranking: bringing order to the Web." Stanford InfoLab, 1999.
    .. [2] Haveliwala, T. H. "Topic-sensitive PageRank." WWW 2002.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> ppr = personalized_pagerank(G, "a", edge_types=None)
    >>> {node: round(p, 4) for node, p in ppr.items()}
    {'a': 0.3453, 'b': 0.4595, 'c': 0.1953}
    >>> round(sum(ppr.values()), 9)
    1.0
    """
    H = social_graph(G, edge_types)
    personalization = dict(source) if isinstance(source, Mapping) else {source: 1.0}
    for node in personalization:
        if node not in H:
            raise nx.NodeNotFound(f"source {node!r} is not in the graph")
    # nx's tolerance is per node (err < N * tol); ours is total, hence the division.
    return nx.pagerank(
        H, alpha=alpha, personalization=personalization, tol=tol / max(len(H), 1), max_iter=max_iter, weight=None
    )


class SocialIndex:
    """Sparse adjacency of the social part of a graph, for vectorised signals.

    Built once per matching run; :meth:`ppr`, :meth:`adamic_adar` and
    :meth:`distances` then work on many sources at a time.

    Parameters
    ----------
    G : networkx.Graph
    edge_types : set of str or None
        Edge types that count (default: social relations).
    """

    def __init__(self, G: nx.Graph, edge_types: Iterable[str] | None = SOCIAL_EDGE_TYPES) -> None:
        self.graph = social_graph(G, edge_types)
        self.nodelist: list[str] = list(self.graph)
        self.index: dict[str, int] = {node: i for i, node in enumerate(self.nodelist)}
        n = len(self.nodelist)
        rows, cols = [], []
        for u, v in self.graph.edges():
            i, j = self.index[u], self.index[v]
            rows += [i, j]
            cols += [j, i]
        self.adjacency = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        self.degree = np.asarray(self.adjacency.sum(axis=1)).ravel()
        self.volume = float(self.degree.sum())
        inv = np.divide(1.0, self.degree, out=np.zeros(n), where=self.degree > 0)
        # Column-stochastic transpose of the walk, so one step is a sparse @ dense product.
        self._step = sparse.csr_matrix((sparse.diags(inv) @ self.adjacency).T)
        self._dangling = self.degree == 0
        aa = np.zeros(n)
        hubs = self.degree > 1
        aa[hubs] = 1.0 / np.log(self.degree[hubs])
        self._aa_weighted = sparse.csr_matrix(self.adjacency @ sparse.diags(aa))

    def positions(self, nodes: Sequence[str]) -> np.ndarray:
        """Index of each node in :attr:`nodelist`, -1 for nodes not in the graph."""
        return np.array([self.index.get(node, -1) for node in nodes], dtype=np.int64)

    def ppr(self, sources: np.ndarray, *, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 1000) -> np.ndarray:
        """Personalized PageRank from each source position: ``len(sources) x N``, rows sum to 1."""
        sources = np.asarray(sources, dtype=np.int64)
        n = len(self.nodelist)
        restart = np.zeros((len(sources), n))
        restart[np.arange(len(sources)), sources] = 1.0
        x = restart.copy()
        for _ in range(max_iter):
            dangling = x[:, self._dangling].sum(axis=1, keepdims=True)
            new = alpha * (self._step @ x.T).T + (alpha * dangling + (1.0 - alpha)) * restart
            err = np.abs(new - x).sum(axis=1).max(initial=0.0)
            x = new
            if err < tol:
                return x
        raise nx.PowerIterationFailedConvergence(max_iter)

    def adamic_adar(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Adamic–Adar for all pairs of positions ``rows x cols`` (dense)."""
        left = self._aa_weighted[np.asarray(rows)]
        right = self.adjacency[np.asarray(cols)]
        return np.asarray((left @ right.T).toarray())

    def distances(self, source: int, cutoff: int) -> dict[int, int]:
        """Hop distance from one position to the positions within ``cutoff``."""
        lengths = nx.single_source_shortest_path_length(self.graph, self.nodelist[source], cutoff=cutoff)
        return {self.index[node]: d for node, d in lengths.items()}


def personalized_pagerank_matrix(
    G: nx.Graph,
    sources: Sequence[str],
    *,
    alpha: float = 0.85,
    edge_types: Iterable[str] | None = SOCIAL_EDGE_TYPES,
    tol: float = 1e-10,
    max_iter: int = 1000,
) -> tuple[np.ndarray, list[str]]:
    """Personalized PageRank from many sources at once.

    Returns
    -------
    (matrix, nodelist)
        ``matrix[i, j]`` is the PPR of ``nodelist[j]`` from ``sources[i]``.

    Notes
    -----
    One vectorised power iteration for all sources: ``O(|E| * len(sources))``
    per step. For undirected graphs ``ppr_s(t) / deg(t) = ppr_t(s) / deg(s)``,
    which scoring uses to compute from whichever side is smaller.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> M, nodes = personalized_pagerank_matrix(G, ["a", "c"], edge_types=None)
    >>> nodes, M.sum(axis=1).round(9).tolist()
    (['a', 'b', 'c'], [1.0, 1.0])
    >>> bool(abs(M[0, 2] - personalized_pagerank(G, "a", edge_types=None)["c"]) < 1e-9)
    True
    """
    index = SocialIndex(G, edge_types)
    positions = index.positions(sources)
    if (positions < 0).any():
        missing = [s for s, p in zip(sources, positions, strict=True) if p < 0]
        raise nx.NodeNotFound(f"sources not in the graph: {missing}")
    return index.ppr(positions, alpha=alpha, tol=tol, max_iter=max_iter), index.nodelist


def social_distance(
    G: nx.Graph, u: str, v: str, *, edge_types: Iterable[str] | None = SOCIAL_EDGE_TYPES, cutoff: int | None = None
) -> int | None:
    """Hops from ``u`` to ``v`` over ``edge_types`` edges; None if farther than ``cutoff`` or unreachable.

    Notes
    -----
    Bidirectional breadth-first search, ``O(|E|)`` in the worst case.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> social_distance(G, "a", "c", edge_types=None), social_distance(G, "a", "d", edge_types=None, cutoff=2)
    (2, None)
    """
    H = social_graph(G, edge_types)
    try:
        d = nx.shortest_path_length(H, u, v)
    except nx.NetworkXNoPath:
        return None
    return None if cutoff is not None and d > cutoff else int(d)


def centrality(
    G: nx.Graph,
    *,
    k: int | None = None,
    seed: int = 0,
    edge_types: Iterable[str] | None = SOCIAL_EDGE_TYPES,
    exact_limit: int = 1000,
) -> dict[str, dict[str, float]]:
    """Degree and betweenness centrality of every node.

    Parameters
    ----------
    k : int, optional
        Sample ``k`` source nodes for betweenness. By default exact up to
        ``exact_limit`` nodes and ``k = 256`` samples above.
    seed : int
        Seed of the sampling (results are reproducible).

    Returns
    -------
    dict
        ``{"degree": {node: value}, "betweenness": {node: value}}``,
        normalised as networkx does.

    Notes
    -----
    Degree ``O(|V|)``; betweenness ``O(|V||E|)`` exact (Brandes) or
    ``O(k|E|)`` sampled.

    References
    ----------
    .. [1] Brandes, U. "A faster algorithm for betweenness centrality."
       Journal of Mathematical Sociology 25(2), 2001.
    .. [2] Brandes, U. and Pich, C. "Centrality estimation in large
       networks." Int. J. Bifurcation and Chaos 17(7), 2007.

    Examples
    --------
    >>> c = centrality(nx.star_graph(3), edge_types=None)
    >>> c["betweenness"][0], c["degree"][0]
    (1.0, 1.0)
    """
    H = social_graph(G, edge_types)
    if k is None and len(H) > exact_limit:
        k = 256
    if k is not None and k >= len(H):
        k = None
    return {
        "degree": nx.degree_centrality(H),
        "betweenness": nx.betweenness_centrality(H, k=k, seed=seed),
    }


def communities(
    G: nx.Graph,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    edge_types: Iterable[str] | None = SOCIAL_EDGE_TYPES,
    include_isolated: bool = False,
) -> list[frozenset[str]]:
    """Communities by Louvain modularity optimisation with a fixed seed.

    Returns
    -------
    list of frozenset
        Largest first, ties by smallest node; nodes without social edges are
        left out unless ``include_isolated``.

    Notes
    -----
    Louvain runs in about ``O(|E| log |V|)``. The graph is rebuilt in sorted
    node order first, so the result does not depend on insertion order.

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E.
       "Fast unfolding of communities in large networks." J. Stat. Mech. 2008.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> [sorted(c) for c in communities(G, edge_types=None)]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    H = social_graph(G, edge_types)
    canonical = nx.Graph()
    nodes = sorted(H) if include_isolated else sorted(n for n in H if H.degree(n) > 0)
    canonical.add_nodes_from(nodes)
    canonical.add_edges_from(
        (u, v, {"weight": H.edges[u, v].get("weight", 1)}) for u, v in sorted(tuple(sorted(e)) for e in H.edges())
    )
    found = nx.community.louvain_communities(canonical, weight="weight", resolution=resolution, seed=seed)
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(c)))


def isolated_startups(G: nx.Graph) -> list[str]:
    """Startups without any social edge to a mentor, investor or bank (sorted).

    These are the ones the platform should introduce to someone.

    Examples
    --------
    >>> G = ecosystem_graph([Startup("a"), Startup("b"), Mentor("m")], [("mentor:m", "startup:a", "mentors")])
    >>> isolated_startups(G)
    ['startup:b']
    """
    wanted = {"mentor", "investor", "bank"}
    isolated = []
    for node, data in G.nodes(data=True):
        if data.get("type") != "startup":
            continue
        linked = any(
            G.nodes[other].get("type") in wanted and not SOCIAL_EDGE_TYPES.isdisjoint(d.get("types", SOCIAL_EDGE_TYPES))
            for other, d in G[node].items()
        )
        if not linked:
            isolated.append(node)
    return sorted(isolated)


_DIRECT_CONFLICTS: dict[str, tuple[str, str, str]] = {
    "invested_in": ("conflict.invested", "评委投资了该企业", "judge invested in the startup"),
    "financed": ("conflict.financed", "评委所在银行向该企业放款", "judge's bank lent to the startup"),
    "mentors": ("conflict.mentors", "评委是该企业的导师", "judge mentors the startup"),
    "member_of": ("conflict.member", "评委是该企业成员", "judge belongs to the startup"),
}
_VIA_ORGANISATION: dict[str, tuple[str, str]] = {
    "invested_in": ("投资了该企业", "invested in the startup"),
    "financed": ("向该企业放款", "lent to the startup"),
    "mentors": ("辅导该企业", "mentors the startup"),
    "member_of": ("与该企业同属一个机构", "is also the startup's organisation"),
    "incubated_at": ("孵化该企业", "incubates the startup"),
}


def conflicts_of_interest(G: nx.Graph, judges: Iterable[str], startups: Iterable[str]) -> dict[tuple[str, str], Reason]:
    """Forbidden (judge, startup) pairs and why.

    A judge may not score a startup when the judge invested in it, lent to
    it, mentors it or belongs to it (a direct edge of that type), or when an
    organisation the judge is ``member_of`` invested in, lent to, mentors,
    incubates or also contains the startup.

    Parameters
    ----------
    G : networkx.Graph
        Built by :func:`ecosystem_graph`.
    judges, startups : iterables of node keys

    Returns
    -------
    dict
        ``(judge, startup) -> Reason`` in sorted order; use it as the
        forbidden set of an assignment (``pair in conflicts``).

    Notes
    -----
    ``O(sum over judges of deg(judge) * deg(organisation))``.

    Examples
    --------
    >>> G = ecosystem_graph(
    ...     [Person("p1", "李评委"), Organisation("o1", "长春光电创投"), Startup("s1"), Startup("s2"), Startup("s3")],
    ...     [
    ...         ("person:p1", "organisation:o1", "member_of"),
    ...         ("organisation:o1", "startup:s1", "invested_in"),
    ...         ("person:p1", "startup:s2", "mentors"),
    ...     ],
    ... )
    >>> conflicts = conflicts_of_interest(G, ["person:p1"], ["startup:s1", "startup:s2", "startup:s3"])
    >>> [(pair, reason.code) for pair, reason in conflicts.items()]
    [(('person:p1', 'startup:s1'), 'conflict.organisation'), (('person:p1', 'startup:s2'), 'conflict.mentors')]
    >>> conflicts["person:p1", "startup:s1"].zh
    '评委所在机构 长春光电创投 投资了该企业'
    """
    startup_set = set(startups)
    found: dict[tuple[str, str], Reason] = {}

    def types_of(u: str, v: str) -> frozenset[str]:
        return frozenset(G.edges[u, v].get("types", ()))

    for judge in sorted(set(judges)):
        if judge not in G:
            continue
        for startup in sorted(startup_set & set(G[judge])):
            for edge_type, (code, zh, en) in _DIRECT_CONFLICTS.items():
                if edge_type in types_of(judge, startup):
                    found[judge, startup] = Reason(code, zh, en, data={"judge": judge, "startup": startup})
                    break
        for organisation in sorted(G[judge]):
            if "member_of" not in types_of(judge, organisation) or organisation in startup_set:
                continue
            name = G.nodes[organisation].get("name", organisation)
            for startup in sorted(startup_set & set(G[organisation])):
                if (judge, startup) in found:
                    continue
                for edge_type, (zh, en) in _VIA_ORGANISATION.items():
                    if edge_type in types_of(organisation, startup):
                        found[judge, startup] = Reason(
                            "conflict.organisation",
                            f"评委所在机构 {name} {zh}",
                            f"judge's organisation {name} {en}",
                            data={"judge": judge, "startup": startup, "organisation": organisation, "via": edge_type},
                        )
                        break
    return dict(sorted(found.items()))
