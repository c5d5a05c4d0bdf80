"""Innolink's matching engine: pure Python on networkx, no Django.

Feeds on plain data (dataclasses) built by the backend and returns plain
results; see the submodules for graph signals, scoring, assignment, stable
matching, recommendations and meeting scheduling.
"""

from matching import assignment as _assignment
from matching import schedule as _schedule
from matching import stable as _stable
from matching.assignment import *  # noqa: F403
from matching.graph import (
    EDGE_TYPES,
    NODE_TYPES,
    SOCIAL_EDGE_TYPES,
    SocialIndex,
    adamic_adar,
    centrality,
    communities,
    conflicts_of_interest,
    ecosystem_graph,
    isolated_startups,
    node_key,
    party_node,
    personalized_pagerank,
    personalized_pagerank_matrix,
    shared_neighbours,
    social_distance,
    social_graph,
)
from matching.recommend import (
    ExposureStats,
    Recommendations,
    exposure,
    exposure_stats,
    fair_rerank,
    gini,
    mmr,
    recommend,
    recommend_all,
    top_candidates,
)
from matching.schedule import *  # noqa: F403
from matching.scoring import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    Scorer,
    resolve_weights,
    score_all,
    score_enterprise_bank,
    score_need_product,
    score_pair,
    score_startup_investor,
    score_startup_mentor,
    why_not,
)
from matching.stable import *  # noqa: F403
from matching.text import TextModel, text_similarity, tokenize
from matching.types import (
    STAGES,
    Bank,
    Carrier,
    Event,
    FinancingNeed,
    IndustryTree,
    Investor,
    LoanProduct,
    Match,
    Mentor,
    Organisation,
    PairKind,
    Person,
    Reason,
    RegionTree,
    Startup,
    Tree,
)

# Graph, scoring, text and recommendation API (types shared by all modules).
__all__ = [
    "adamic_adar",
    "Bank",
    "Carrier",
    "centrality",
    "communities",
    "COMPONENTS",
    "conflicts_of_interest",
    "DEFAULT_WEIGHTS",
    "ecosystem_graph",
    "EDGE_TYPES",
    "Event",
    "exposure",
    "exposure_stats",
    "ExposureStats",
    "fair_rerank",
    "FinancingNeed",
    "gini",
    "IndustryTree",
    "Investor",
    "isolated_startups",
    "LoanProduct",
    "Match",
    "Mentor",
    "mmr",
    "node_key",
    "NODE_TYPES",
    "Organisation",
    "PairKind",
    "party_node",
    "Person",
    "personalized_pagerank",
    "personalized_pagerank_matrix",
    "Reason",
    "recommend",
    "recommend_all",
    "Recommendations",
    "RegionTree",
    "resolve_weights",
    "score_all",
    "score_enterprise_bank",
    "score_need_product",
    "score_pair",
    "score_startup_investor",
    "score_startup_mentor",
    "Scorer",
    "shared_neighbours",
    "social_distance",
    "SOCIAL_EDGE_TYPES",
    "social_graph",
    "SocialIndex",
    "STAGES",
    "Startup",
    "text_similarity",
    "TextModel",
    "tokenize",
    "top_candidates",
    "Tree",
    "why_not",
]
# Assignment, stable matching and scheduling export through their own __all__.
__all__ += [*_assignment.__all__, *_schedule.__all__, *_stable.__all__]
