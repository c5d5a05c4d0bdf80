"""Scores with reasons for pairs of parties, one pair or thousands at once.

A pair's score is a weighted mean of components, each in [0, 1]:

=========================== =======================================================
code                        credit
=========================== =======================================================
``industry``                best tree credit between the two industry lists
                            (exact 1, parent/child ``decay``, siblings ``decay**2``)
``stage``                   1 if the startup's stage is served, 0.5 if adjacent
``amount``                  1 inside the range, else ``bound / amount`` (or the
                            inverse) of the nearest bound
``region``                  same county 1, same city 0.6, same province 0.3;
                            1 inside an investor's regions
``text``                    TF-IDF cosine of the descriptions (jieba tokens)
``certification``           share of the counterpart's wanted certifications held
``collateral``              1 for unsecured (纯信用) products, 0.7 when an offered
                            collateral is accepted (loan products only)
``graph.shared_neighbours`` Adamic–Adar ``a / (1 + a)`` over social edges
``graph.ppr``               personalized PageRank relative to the stationary
                            walk, ``r / (1 + r)`` with ``r = ppr_s(t) * vol / deg(t)``
``graph.distance``          ``1 / hops`` within 3 hops, else 0
=========================== =======================================================

Weights per pair kind are in :data:`DEFAULT_WEIGHTS` and can be overridden.
A component whose data is missing on either side (an investor without stage
preferences, a startup without a description, no graph given) is left out
and the remaining weights are renormalised, so missing data neither helps
nor hurts. Scores are rounded to 9 decimals so that ties are exact.

Hard constraints exclude a pair (it gets no score; :meth:`Scorer.why_not`
says why): a loan product's kind (debt only), stages, amount range,
collateral (unless 纯信用), industry restriction, required certifications
and ``active`` flag; an investor's stages and ticket range when marked hard;
a mentor without places left.

All parties are sorted by id first, so the result never depends on the
order of the input, and ties are broken by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import networkx as nx
import numpy as np

from matching.graph import SocialIndex, node_key
from matching.text import TextModel, tokenize
from matching.types import (
    CERTIFICATION_LABELS,
    COLLATERAL_LABELS,
    STAGE_LABELS,
    STAGES,
    Bank,
    FinancingNeed,
    Investor,
    LoanProduct,
    Match,
    Mentor,
    PairKind,
    Reason,
    Startup,
    Tree,
    format_cny,
)

__all__ = [
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "REGION_CREDIT",
    "Scorer",
    "resolve_weights",
    "score_all",
    "score_enterprise_bank",
    "score_need_product",
    "score_pair",
    "score_startup_investor",
    "score_startup_mentor",
    "why_not",
]

COMPONENTS: tuple[str, ...] = (
    "industry",
    "stage",
    "amount",
    "region",
    "text",
    "certification",
    "collateral",
    "graph.shared_neighbours",
    "graph.ppr",
    "graph.distance",
)
GRAPH_COMPONENTS = ("graph.shared_neighbours", "graph.ppr", "graph.distance")

#: Default weights; they are normalised to sum to 1 over the components present.
DEFAULT_WEIGHTS: dict[PairKind, dict[str, float]] = {
    PairKind.STARTUP_MENTOR: {
        "industry": 0.35,
        "text": 0.25,
        "region": 0.15,
        "stage": 0.10,
        "graph.shared_neighbours": 0.05,
        "graph.ppr": 0.05,
        "graph.distance": 0.05,
    },
    PairKind.STARTUP_INVESTOR: {
        "industry": 0.25,
        "stage": 0.20,
        "amount": 0.15,
        "region": 0.10,
        "text": 0.10,
        "certification": 0.05,
        "graph.shared_neighbours": 0.05,
        "graph.ppr": 0.05,
        "graph.distance": 0.05,
    },
    PairKind.NEED_PRODUCT: {
        "stage": 0.20,
        "amount": 0.20,
        "collateral": 0.15,
        "industry": 0.15,
        "region": 0.10,
        "text": 0.05,
        "certification": 0.05,
        "graph.shared_neighbours": 0.03,
        "graph.ppr": 0.03,
        "graph.distance": 0.04,
    },
}
DEFAULT_WEIGHTS[PairKind.ENTERPRISE_BANK] = dict(DEFAULT_WEIGHTS[PairKind.NEED_PRODUCT])

#: Region credit by the deepest level two places share (province, city, county).
REGION_CREDIT: tuple[float, float, float] = (0.3, 0.6, 1.0)
ADJACENT_STAGE_CREDIT = 0.5
SECURED_CREDIT = 0.7
DISTANCE_CUTOFF = 3
_UNKNOWN_STAGE = len(STAGES)
_PARTY_TYPES = {
    PairKind.STARTUP_MENTOR: (Startup, Mentor),
    PairKind.STARTUP_INVESTOR: (Startup, Investor),
    PairKind.NEED_PRODUCT: (FinancingNeed, LoanProduct),
    PairKind.ENTERPRISE_BANK: (FinancingNeed, Bank),
}


def resolve_weights(kind: PairKind | str, weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """Default weights of ``kind`` updated by ``weights``, without zero weights.

    Raises
    ------
    ValueError
        For an unknown component or a negative weight.

    Examples
    --------
    >>> resolve_weights("startup_mentor", {"text": 0, "region": 0.5})["region"]
    0.5
    >>> "text" in resolve_weights("startup_mentor", {"text": 0})
    False
    """
    kind = PairKind(kind)
    merged = dict(DEFAULT_WEIGHTS[kind])
    for code, weight in (weights or {}).items():
        if code not in COMPONENTS:
            raise ValueError(f"unknown score component {code!r}; expected one of {', '.join(COMPONENTS)}")
        if not weight >= 0:
            raise ValueError(f"weight of {code!r} must be >= 0, got {weight!r}")
        merged[code] = float(weight)
    return {code: weight for code, weight in merged.items() if weight > 0}


# --- encoding ----------------------------------------------------------------


def _float(value) -> float:
    return float("nan") if value is None else float(value)


def _join_text(*parts: str | Sequence[str]) -> str | tuple[str, ...]:
    """Join texts; if any part is pre-tokenised, tokenise the rest and join tokens."""
    parts = tuple(p for p in parts if p)
    if all(isinstance(p, str) for p in parts):
        return "\n".join(parts)  # type: ignore[arg-type]
    tokens: list[str] = []
    for p in parts:
        tokens.extend(tokenize(p) if isinstance(p, str) else p)
    return tuple(tokens)


@dataclass(slots=True)
class _Subject:
    """A startup-side party flattened to the fields scoring reads."""

    id: str
    name: str
    industries: tuple[str, ...]
    region: tuple[str, ...]
    stage: str | None
    certifications: frozenset[str]
    amount: float
    collateral: frozenset[str]
    need_kind: str | None
    text: str | tuple[str, ...]
    node: str


@dataclass(slots=True)
class _Offer:
    """A counterpart (mentor, investor, loan product) flattened likewise."""

    id: str
    name: str
    industries: tuple[str, ...]
    region: tuple[str, ...]
    coverage: tuple[tuple[str, ...], ...]
    stages: tuple[str, ...]
    lo: float
    hi: float
    certifications: frozenset[str]
    collateral: frozenset[str]
    text: str | tuple[str, ...]
    node: str
    capacity: int | None = None
    active: bool = True
    hard_stages: bool = False
    hard_amount: bool = False
    restricts_industry: bool = False
    requires_certification: bool = False
    is_product: bool = False


@dataclass(slots=True)
class _Arrays:
    """The numeric tables of one precision (exact float64, or fast float32 pre-weighted)."""

    industry: np.ndarray
    stage: np.ndarray
    region: np.ndarray
    certification: np.ndarray
    collateral: np.ndarray
    x: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    ps: np.ndarray
    po: np.ndarray
    w: np.ndarray
    xs: object
    xo: object
    weighted: bool


def _subject(party: Startup | FinancingNeed) -> _Subject:
    if isinstance(party, FinancingNeed):
        s = party.startup
        return _Subject(
            party.id,
            s.name or s.id,
            s.industries,
            s.region,
            s.stage,
            s.certifications,
            _float(party.amount),
            party.collateral_offered,
            party.kind,
            _join_text(party.purpose, s.description),
            node_key("startup", s.id),
        )
    return _Subject(
        party.id,
        party.name or party.id,
        party.industries,
        party.region,
        party.stage,
        party.certifications,
        _float(party.seeking_amount),
        frozenset(),
        None,
        party.description,
        node_key("startup", party.id),
    )


def _offer(party: Mentor | Investor | LoanProduct) -> _Offer:
    if isinstance(party, Mentor):
        return _Offer(
            party.id,
            party.name or party.id,
            party.industries,
            party.region,
            (),
            party.stages,
            float("nan"),
            float("nan"),
            frozenset(),
            frozenset(),
            party.description,
            node_key("mentor", party.id),
            capacity=party.capacity,
        )
    if isinstance(party, Investor):
        return _Offer(
            party.id,
            party.name or party.id,
            party.industries,
            party.region,
            party.regions,
            party.stages,
            _float(party.ticket_min),
            _float(party.ticket_max),
            party.preferred_certifications,
            frozenset(),
            party.description,
            node_key("investor", party.id),
            hard_stages=party.hard_stages,
            hard_amount=party.hard_ticket,
        )
    return _Offer(
        party.id,
        party.name or party.id,
        party.industries,
        party.region,
        (),
        party.stages,
        _float(party.amount_min),
        _float(party.amount_max),
        party.required_certifications,
        party.collateral,
        party.description,
        node_key("bank", party.bank_id) if party.bank_id else "",
        active=party.active,
        hard_stages=True,
        hard_amount=True,
        restricts_industry=bool(party.industries),
        requires_certification=bool(party.required_certifications),
        is_product=True,
    )


def _sorted_unique(parties: Iterable, what: str) -> list:
    parties = sorted(parties, key=lambda p: p.id)
    for a, b in zip(parties, parties[1:], strict=False):
        if a.id == b.id:
            raise ValueError(f"duplicate {what} id {a.id!r}")
    return parties


def _pad(lists: Sequence[Sequence[int]], pad: int) -> np.ndarray:
    width = max((len(x) for x in lists), default=0) or 1
    out = np.full((len(lists), width), pad, dtype=np.int64)
    for i, items in enumerate(lists):
        out[i, : len(items)] = items
    return out


def _stage_label(stage: str) -> tuple[str, str]:
    return STAGE_LABELS.get(stage, (stage, stage))


def _cert_label(code: str) -> tuple[str, str]:
    return CERTIFICATION_LABELS.get(code, (code, code))


def _collateral_label(code: str) -> tuple[str, str]:
    return COLLATERAL_LABELS.get(code, (code, code))


def _range_label(lo: float, hi: float) -> tuple[str, str]:
    lo_zh, lo_en = format_cny(None if np.isnan(lo) else lo)
    hi_zh, hi_en = format_cny(None if np.isnan(hi) else hi)
    return f"{lo_zh}–{hi_zh}", f"{lo_en}–{hi_en}"


class Scorer:
    """Scores every pair of two sides, vectorised, with reasons on demand.

    Parameters
    ----------
    kind : PairKind or str
        ``startup_mentor`` (startups, mentors), ``startup_investor``
        (startups, investors), ``need_product`` (financing needs, loan
        products) or ``enterprise_bank`` (financing needs, banks with their
        products; a bank scores as its best product).
    left, right : iterables of parties
        Sorted by id internally; ids must be unique per side.
    weights : mapping, optional
        Overrides of :data:`DEFAULT_WEIGHTS` (see :func:`resolve_weights`).
    industries, regions : Tree, optional
        Industry tree for partial credit (without it only exact industries
        count) and names for region path elements.
    text : TextModel, optional
        A fitted model; by default one is fitted on the descriptions of both
        sides (once).
    graph : networkx.Graph or SocialIndex, optional
        The ecosystem graph (:func:`matching.graph.ecosystem_graph`); without
        it the graph components are left out.
    decay : float
        Industry tree credit per step to the common ancestor.

    Notes
    -----
    Building is ``O(n_left + n_right)`` plus the TF-IDF fit. :meth:`block`
    scores ``r`` rows against one whole side in ``O(r * n)`` numpy work
    (plus the sparse text product), so a run over millions of pairs works in
    row blocks without Python loops. Reasons are built only for the pairs
    asked for (:meth:`match`, :meth:`matches`).

    Examples
    --------
    >>> s = Startup("s1", "光启科技", industries=["光电子"], region=["吉林省", "长春市", "朝阳区"], stage="startup",
    ...             description="激光雷达与光电子器件研发", seeking_amount=3_000_000)
    >>> i = Investor("i1", "长春光电创投", industries=["光电子"], region=["吉林省", "长春市", "南关区"],
    ...              stages=["seed", "startup"], ticket_min=1_000_000, ticket_max=5_000_000,
    ...              description="投资光电子与激光雷达早期项目")
    >>> scorer = Scorer("startup_investor", [s], [i])
    >>> m = scorer.match("s1", "i1")
    >>> m.score
    0.893847454
    >>> [r.code for r in m.reasons]
    ['industry', 'stage', 'amount', 'region', 'text']
    >>> print(m.reasons[0].label)
    产业：光电子 · industry: 光电子
    >>> print(m.reasons[3].label)
    同在 吉林省长春市 · both in 吉林省 / 长春市
    """

    def __init__(
        self,
        kind: PairKind | str,
        left: Iterable,
        right: Iterable,
        *,
        weights: Mapping[str, float] | None = None,
        industries: Tree | None = None,
        regions: Tree | None = None,
        text: TextModel | None = None,
        graph: nx.Graph | SocialIndex | None = None,
        decay: float = 0.7,
    ) -> None:
        self.kind = PairKind(kind)
        left_type, right_type = _PARTY_TYPES[self.kind]
        self.left = _sorted_unique(left, "left")
        self.right = _sorted_unique(right, "right")
        for party in self.left:
            if not isinstance(party, left_type):
                raise TypeError(f"{self.kind} expects {left_type.__name__} on the left, got {type(party).__name__}")
        for party in self.right:
            if not isinstance(party, right_type):
                raise TypeError(f"{self.kind} expects {right_type.__name__} on the right, got {type(party).__name__}")
        self.left_ids = [p.id for p in self.left]
        self.right_ids = [p.id for p in self.right]
        self.left_index = {pid: i for i, pid in enumerate(self.left_ids)}
        self.right_index = {pid: i for i, pid in enumerate(self.right_ids)}
        self.weights = resolve_weights(self.kind, weights)
        self.decay = decay
        self.regions = regions

        if self.kind is PairKind.ENTERPRISE_BANK:
            products = []
            starts = []
            for bank in self.right:
                starts.append(len(products))
                for product in sorted(bank.products, key=lambda p: p.id):
                    products.append(
                        replace(
                            product,
                            bank_id=bank.id,
                            bank_name=product.bank_name or bank.name,
                            region=product.region or bank.region,
                        )
                    )
            self._offer_parties = products
            self._bank_starts = np.array(starts, dtype=np.int64)
            self._bank_sizes = np.array([len(b.products) for b in self.right], dtype=np.int64)
        else:
            self._offer_parties = list(self.right)
        self._subjects = [_subject(p) for p in self.left]
        self._offers = [_offer(p) for p in self._offer_parties]
        self._encode(industries, text, graph)

    # --- encoding -------------------------------------------------------------

    def _encode(self, industries: Tree | None, text: TextModel | None, graph) -> None:
        sub, off = self._subjects, self._offers
        ns, no = len(sub), len(off)
        w = self.weights
        # Per side: does the party have the data a component needs? A component
        # counts for a pair only when both sides have it.
        self._present_s: dict[str, np.ndarray] = {}
        self._present_o: dict[str, np.ndarray] = {}
        # Subjects are grouped by "signature" (their set of industries, their
        # region, their certifications …); per-offer tables over signatures turn
        # each component into one gather per block instead of a loop.

        # Industries: credit of every offer against every industry used.
        used = sorted({i for p in sub for i in p.industries} | {i for p in off for i in p.industries})
        self.industry_tree = industries if industries is not None else Tree({i: None for i in used})
        tree = self.industry_tree
        self._industries = used
        ind_index = {ind: k for k, ind in enumerate(used)}
        n_ind = len(used)
        credit = np.zeros((n_ind + 1, n_ind + 1))
        by_root: dict[str, list[int]] = {}
        for k, ind in enumerate(used):
            by_root.setdefault(tree.ancestors(ind)[0], []).append(k)
        for group in by_root.values():
            for a in group:
                for b in group:
                    credit[a, b] = tree.similarity(used[a], used[b], self.decay)
        self._industry_credit = credit
        self._s_ind = _pad([sorted(ind_index[i] for i in p.industries) for p in sub], n_ind)
        self._o_ind = _pad([sorted(ind_index[i] for i in p.industries) for p in off], n_ind)
        offer_credit = credit[self._o_ind].max(axis=1) if no else np.zeros((0, n_ind + 1))
        within = np.ones((no, n_ind + 1), dtype=bool)  # loan products' industry restriction
        for k, p in enumerate(off):
            if p.restricts_industry:
                within[k] = [tree.within(ind, p.industries) for ind in used] + [False]
        self._s_ind_sig, sigs = _signatures([tuple(row) for row in self._s_ind])
        sig_pad = np.array(sigs, dtype=np.int64).reshape(len(sigs), self._s_ind.shape[1])
        self._t_industry = offer_credit[:, sig_pad].max(axis=2)
        self._t_within = within[:, sig_pad].any(axis=2)
        self._present_s["industry"] = np.array([bool(p.industries) for p in sub], dtype=bool)
        self._present_o["industry"] = np.array([bool(p.industries) for p in off], dtype=bool)

        # Stages: credit and "served" per offer and stage (last column: unknown stage).
        stage_index = {s: k for k, s in enumerate(STAGES)}
        self._s_stage = np.array([stage_index.get(p.stage, _UNKNOWN_STAGE) for p in sub], dtype=np.int64)
        stage_credit = np.zeros((no, len(STAGES) + 1))
        serves = np.zeros((no, len(STAGES) + 1), dtype=bool)
        for k, p in enumerate(off):
            accepted = [stage_index[s] for s in p.stages if s in stage_index]
            for st in range(len(STAGES)):
                if st in accepted:
                    stage_credit[k, st] = 1.0
                    serves[k, st] = True
                elif any(abs(st - a) == 1 for a in accepted):
                    stage_credit[k, st] = ADJACENT_STAGE_CREDIT
        self._t_stage = stage_credit
        self._t_serves = serves
        self._present_s["stage"] = self._s_stage != _UNKNOWN_STAGE
        self._present_o["stage"] = np.array([bool(p.stages) for p in off], dtype=bool)

        # Amounts: compared arithmetically (continuous).
        self._s_amount = np.array([p.amount for p in sub], dtype=np.float64).reshape(ns)
        self._o_lo = np.array([0.0 if np.isnan(p.lo) else p.lo for p in off], dtype=np.float64).reshape(no)
        self._o_hi = np.array([np.inf if np.isnan(p.hi) else p.hi for p in off], dtype=np.float64).reshape(no)
        self._present_s["amount"] = ~np.isnan(self._s_amount)
        self._present_o["amount"] = np.array([not (np.isnan(p.lo) and np.isnan(p.hi)) for p in off], dtype=bool)
        self._s_amount_filled = np.nan_to_num(self._s_amount, nan=0.0)

        # Regions: ids for each (province), (province, city), (province, city, county) prefix.
        prefix_ids: dict[tuple[str, ...], int] = {}

        seen: dict[tuple[str, ...], tuple[int, int, int]] = {}

        def prefixes(path: tuple[str, ...]) -> tuple[int, int, int]:
            if path not in seen:
                out = [-1, -1, -1]
                for depth in range(min(3, len(path))):
                    out[depth] = prefix_ids.setdefault(path[: depth + 1], len(prefix_ids))
                seen[path] = (out[0], out[1], out[2])
            return seen[path]

        s_region = [prefixes(p.region) for p in sub]
        o_region = np.array([prefixes(p.region) for p in off], dtype=np.int64).reshape(no, 3)
        coverage_sets = [[prefix_ids.setdefault(c[:3], len(prefix_ids)) for c in p.coverage if c] for p in off]
        n_prefix = len(prefix_ids)
        coverage = np.zeros((no, n_prefix + 1), dtype=bool)
        for k, ids in enumerate(coverage_sets):
            coverage[k, ids] = True
        self._s_reg_sig, reg_sigs = _signatures(s_region)
        sr = np.array(reg_sigs, dtype=np.int64).reshape(len(reg_sigs), 3)
        same = (sr[None, :, :] == o_region[:, None, :]) & (sr[None, :, :] >= 0)
        proximity = np.where(
            same[..., 2],
            REGION_CREDIT[2],
            np.where(same[..., 1], REGION_CREDIT[1], np.where(same[..., 0], REGION_CREDIT[0], 0.0)),
        )
        covered = coverage[:, np.where(sr < 0, n_prefix, sr)].any(axis=2)
        self._t_region = np.where(covered, 1.0, proximity)
        self._present_s["region"] = np.array([r[0] >= 0 for r in s_region], dtype=bool).reshape(ns)
        self._present_o["region"] = (o_region[:, 0] >= 0) | coverage.any(axis=1)

        # Certifications and collateral as bit masks, then tables over the masks subjects hold.
        certs = sorted({c for p in sub for c in p.certifications} | {c for p in off for c in p.certifications})
        kinds = sorted({c for p in sub for c in p.collateral} | {c for p in off for c in p.collateral})
        if len(certs) > 63 or len(kinds) > 63:
            raise ValueError("at most 63 distinct certification and collateral codes")

        def mask(codes: Iterable[str], vocabulary: list[str]) -> int:
            return sum(1 << vocabulary.index(c) for c in codes)

        o_cert = np.array([mask(p.certifications, certs) for p in off], dtype=np.uint64).reshape(no)
        o_cert_count = np.bitwise_count(o_cert).astype(np.float64)
        self._s_cert_sig, cert_sigs = _signatures([mask(p.certifications, certs) for p in sub])
        held = np.array(cert_sigs, dtype=np.uint64)[None, :] & o_cert[:, None]
        self._t_cert = np.bitwise_count(held).astype(np.float64) / np.maximum(o_cert_count, 1.0)[:, None]
        requires = np.array([p.requires_certification for p in off], dtype=bool).reshape(no)
        self._t_cert_ok = ~requires[:, None] | (held != 0)
        self._present_s["certification"] = np.ones(ns, dtype=bool)
        self._present_o["certification"] = o_cert_count > 0

        o_coll = np.array([mask(p.collateral, kinds) for p in off], dtype=np.uint64).reshape(no)
        unsecured = np.array(["credit" in p.collateral for p in off], dtype=bool).reshape(no)
        self._s_coll_sig, coll_sigs = _signatures([mask(p.collateral, kinds) for p in sub])
        accepted = (np.array(coll_sigs, dtype=np.uint64)[None, :] & o_coll[:, None]) != 0
        self._t_collateral = np.where(unsecured[:, None], 1.0, np.where(accepted, SECURED_CREDIT, 0.0))
        self._t_collateral_ok = unsecured[:, None] | accepted | (o_coll == 0)[:, None]
        self._present_s["collateral"] = np.ones(ns, dtype=bool)
        self._present_o["collateral"] = np.array([p.is_product and bool(p.collateral) for p in off], dtype=bool)

        # Hard constraints.
        self._o_ok = np.array([(p.capacity is None or p.capacity > 0) and p.active for p in off], dtype=bool)
        self._o_hard_stages = np.array([p.hard_stages and bool(p.stages) for p in off], dtype=bool)
        self._o_hard_amount = np.array(
            [p.hard_amount and not (np.isnan(p.lo) and np.isnan(p.hi)) for p in off], dtype=bool
        )
        self._o_product = np.array([p.is_product for p in off], dtype=bool)
        self._s_debt = np.array([p.need_kind in (None, "debt") for p in sub], dtype=bool)

        # Text.
        self.text_model: TextModel | None = None
        if "text" in w:
            docs_s = [p.text for p in sub]
            docs_o = [p.text for p in off]
            if text is None:
                self.text_model = TextModel()
                both = self.text_model.fit_transform(docs_s + docs_o)
                self._xs, self._xo = both[: len(docs_s)], both[len(docs_s) :]
            else:
                self.text_model = text
                self._xs = text.transform(docs_s)
                self._xo = text.transform(docs_o)
            self._present_s["text"] = np.diff(self._xs.indptr) > 0
            self._present_o["text"] = np.diff(self._xo.indptr) > 0

        # Graph.
        self.graph_index: SocialIndex | None = None
        if graph is not None and any(code in w for code in GRAPH_COMPONENTS):
            index = graph if isinstance(graph, SocialIndex) else SocialIndex(graph)
            self.graph_index = index
            self._s_pos = index.positions([p.node for p in sub])
            self._o_pos = index.positions([p.node for p in off])
            for code in GRAPH_COMPONENTS:
                self._present_s[code] = self._s_pos >= 0
                self._present_o[code] = self._o_pos >= 0

        self._codes = [c for c in COMPONENTS if c in w and c in self._present_s]
        self._weight_vec = np.array([w[c] for c in self._codes])
        self._ps = np.zeros((ns, len(self._codes)))
        self._po = np.zeros((no, len(self._codes)))
        for c, code in enumerate(self._codes):
            self._ps[:, c] = self._present_s[code]
            self._po[:, c] = self._present_o[code]
        self._exact = _Arrays(
            industry=self._t_industry,
            stage=self._t_stage,
            region=self._t_region,
            certification=self._t_cert,
            collateral=self._t_collateral * self._present_o["collateral"][:, None],
            x=self._s_amount_filled,
            lo=self._o_lo,
            hi=self._o_hi,
            ps=self._ps,
            po=self._po,
            w=self._weight_vec,
            xs=getattr(self, "_xs", None),
            xo=getattr(self, "_xo", None),
            weighted=False,
        )
        self._fast: _Arrays | None = None

    def _arrays(self, fast: bool) -> _Arrays:
        """Exact (float64) arrays, or float32 copies with weights folded into the tables."""
        if not fast:
            return self._exact
        if self._fast is None:
            e, w, f = self._exact, self.weights, np.float32

            def weighted(table: np.ndarray, code: str) -> np.ndarray:
                return (table * w.get(code, 0.0)).astype(f)

            self._fast = _Arrays(
                industry=weighted(e.industry, "industry"),
                stage=weighted(e.stage, "stage"),
                region=weighted(e.region, "region"),
                certification=weighted(e.certification, "certification"),
                collateral=weighted(e.collateral, "collateral"),
                x=e.x.astype(f),
                lo=e.lo.astype(f),
                hi=e.hi.astype(f),
                ps=e.ps.astype(f),
                po=e.po.astype(f),
                w=e.w.astype(f),
                xs=None if e.xs is None else e.xs.astype(f),
                xo=None if e.xo is None else e.xo.astype(f),
                weighted=True,
            )
        return self._fast

    # --- vectorised core ------------------------------------------------------
    # Every component takes index arrays in one of three layouts: "pairs"
    # (si[k] with oi[k]), "so" (rows are subjects, columns offers) and "os"
    # (rows are offers). Values are 0 wherever a side lacks the data.

    @staticmethod
    def _layout(si: np.ndarray, oi: np.ndarray, layout: str) -> tuple[np.ndarray, np.ndarray]:
        if layout == "pairs":
            return si, oi
        if layout == "so":
            return si[:, None], oi[None, :]
        return si[None, :], oi[:, None]

    def _text(self, si: np.ndarray, oi: np.ndarray, layout: str, arr: _Arrays) -> np.ndarray:
        if layout == "pairs":
            return np.asarray(arr.xs[si].multiply(arr.xo[oi]).sum(axis=1)).ravel()
        rows_x, rows, other_x, cols = (arr.xs, si, arr.xo, oi) if layout == "so" else (arr.xo, oi, arr.xs, si)
        block = rows_x[rows]
        if block.shape[0] * block.shape[1] <= 8_000_000:
            # Sparse @ dense is much faster than sparse @ sparse when the result is dense.
            full = np.asarray(other_x @ block.toarray().T).T
        else:
            full = np.asarray((block @ other_x.T).toarray())
        return full if _is_range(cols, other_x.shape[0]) else full[:, cols]

    def _graph(self, si: np.ndarray, oi: np.ndarray, layout: str) -> dict[str, np.ndarray]:
        index = self.graph_index
        assert index is not None
        sp = np.where(self._s_pos[si] >= 0, self._s_pos[si], 0)
        op = np.where(self._o_pos[oi] >= 0, self._o_pos[oi], 0)
        # Sources are the row side (subjects for pairs); the PPR ratio, Adamic-Adar
        # and distance are symmetric, so either side gives the same value.
        src, dst = (op, sp) if layout == "os" else (sp, op)
        uniq, inverse = np.unique(src, return_inverse=True)
        out: dict[str, np.ndarray] = {}
        if "graph.ppr" in self.weights:
            ppr = index.ppr(uniq)
            scale = index.volume / np.maximum(index.degree[dst], 1.0)
            ratio = ppr[inverse, dst] * scale if layout == "pairs" else ppr[inverse][:, dst] * scale[None, :]
            out["graph.ppr"] = ratio / (1.0 + ratio)
        if "graph.shared_neighbours" in self.weights:
            if layout == "pairs":
                aa = np.asarray(index._aa_weighted[sp].multiply(index.adjacency[op]).sum(axis=1)).ravel()
            else:
                aa = index.adamic_adar(src, dst)
            out["graph.shared_neighbours"] = aa / (1.0 + aa)
        if "graph.distance" in self.weights:
            dist_rows = [index.distances(int(u), DISTANCE_CUTOFF) for u in uniq]
            if layout == "pairs":
                hops = np.array([dist_rows[r].get(int(d), 0) for r, d in zip(inverse, dst, strict=True)], dtype=float)
            else:
                hops = np.zeros((len(src), len(dst)))
                cols_of: dict[int, list[int]] = {}
                for k, d in enumerate(dst):
                    cols_of.setdefault(int(d), []).append(k)
                for row, r in enumerate(inverse):
                    for node, d in dist_rows[r].items():
                        if node in cols_of and d > 0:
                            hops[row, cols_of[node]] = d
            out["graph.distance"] = np.divide(1.0, hops, out=np.zeros_like(hops), where=hops > 0)
        s, o = self._layout(si, oi, layout)
        present = self._present_s["graph.ppr"][s] & self._present_o["graph.ppr"][o]
        return {code: np.where(present, value, 0.0) for code, value in out.items()}

    def _components(self, si: np.ndarray, oi: np.ndarray, layout: str, fast: bool = False) -> dict[str, np.ndarray]:
        """Component values for the index arrays; already weighted when ``fast``."""
        s, o = self._layout(si, oi, layout)
        w = self.weights
        arr = self._arrays(fast)
        values: dict[str, np.ndarray] = {}
        if "industry" in w:
            values["industry"] = arr.industry[o, self._s_ind_sig[s]]
        if "stage" in w:
            values["stage"] = arr.stage[o, self._s_stage[s]]
        if "amount" in w:
            x, lo, hi = arr.x[s], arr.lo[o], arr.hi[o]
            with np.errstate(divide="ignore", invalid="ignore"):
                value = np.where(x < lo, x / lo, np.where(x > hi, hi / x, x.dtype.type(1.0)))
            present_s, present_o = self._present_s["amount"], self._present_o["amount"]
            if not present_s.all():
                value *= present_s[s]
            if not present_o.all():
                value *= present_o[o]
            if fast:
                value *= x.dtype.type(w["amount"])
            values["amount"] = value
        if "region" in w:
            values["region"] = arr.region[o, self._s_reg_sig[s]]
        if "certification" in w:
            values["certification"] = arr.certification[o, self._s_cert_sig[s]]
        if "collateral" in w:
            values["collateral"] = arr.collateral[o, self._s_coll_sig[s]]
        if "text" in w:
            text = self._text(si, oi, layout, arr)
            np.clip(text, 0.0, 1.0, out=text)
            if fast:
                text *= text.dtype.type(w["text"])
            values["text"] = text
        if self.graph_index is not None:
            graph = self._graph(si, oi, layout)
            if fast:
                graph = {code: (value * w[code]).astype(np.float32) for code, value in graph.items()}
            values.update(graph)
        return values

    def _allowed(self, si: np.ndarray, oi: np.ndarray, layout: str) -> np.ndarray:
        s, o = self._layout(si, oi, layout)
        shape = np.broadcast_shapes(np.shape(s), np.shape(o))
        ok = np.broadcast_to(self._o_ok[o], shape)
        if self._o_hard_stages.any():
            stage = self._s_stage[s]
            unserved = self._o_hard_stages[o] & ~self._t_serves[o, stage]
            ok = ok & ~(unserved & ((stage != _UNKNOWN_STAGE) | self._o_product[o]))
        if self._o_hard_amount.any():
            x = self._s_amount[s]
            outside = ~((x >= self._o_lo[o]) & (x <= self._o_hi[o]))
            ok = ok & ~(self._o_hard_amount[o] & outside & (~np.isnan(x) | self._o_product[o]))
        if self._o_product.any():
            product_ok = (
                self._s_debt[s]
                & self._t_collateral_ok[o, self._s_coll_sig[s]]
                & self._t_cert_ok[o, self._s_cert_sig[s]]
                & self._t_within[o, self._s_ind_sig[s]]
            )
            ok = ok & (~self._o_product[o] | product_ok)
        return np.broadcast_to(ok, shape)

    def _combine(
        self, values: dict[str, np.ndarray], si, oi, layout: str, fast: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """Weighted mean over the components present: (scores, denominators)."""
        arr = self._arrays(fast)
        if layout == "pairs":
            den = np.einsum("pc,c,pc->p", arr.ps[si], arr.w, arr.po[oi])
        elif layout == "so":
            den = (arr.ps[si] * arr.w) @ arr.po[oi].T
        else:
            den = (arr.po[oi] * arr.w) @ arr.ps[si].T
        num = np.zeros(den.shape, dtype=den.dtype)
        if arr.weighted:
            for code in self._codes:
                num += values[code]
        else:
            term = np.empty(den.shape)
            for code, weight in zip(self._codes, arr.w, strict=True):
                np.multiply(values[code], weight, out=term)
                num += term
        # Where no component is present every value is 0, so num stays 0 there.
        np.divide(num, den, out=num, where=den > 0)
        np.clip(num, 0.0, 1.0, out=num)
        return num, den

    def _offer_scores(self, si: np.ndarray, oi: np.ndarray, layout: str, fast: bool = False) -> np.ndarray:
        values = self._components(si, oi, layout, fast)
        scores, _ = self._combine(values, si, oi, layout, fast)
        if not fast:
            np.round(scores, 9, out=scores)
        allowed = self._allowed(si, oi, layout)
        if not allowed.all():
            scores[~allowed] = np.nan
        return scores

    # --- public batch API -----------------------------------------------------

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.left), len(self.right))

    def block(self, rows: Sequence[int] | np.ndarray, *, by: str = "left", fast: bool = False) -> np.ndarray:
        """Scores of ``rows`` (indices into side ``by``) against the whole other side.

        Returns a ``len(rows) x n_other`` float array, NaN where excluded.
        With ``fast`` the arithmetic is float32 (about twice as fast, scores
        off by up to ~1e-6): good for choosing candidates, which callers then
        rescore exactly with :meth:`score_pairs`.
        """
        rows = np.asarray(rows, dtype=np.int64)
        if by == "left":
            offers = np.arange(len(self._offers))
            scores = self._offer_scores(rows, offers, "so", fast)
            return self._reduce_banks(scores, axis=1)
        if by != "right":
            raise ValueError("by must be 'left' or 'right'")
        subjects = np.arange(len(self._subjects))
        if self.kind is not PairKind.ENTERPRISE_BANK:
            return self._offer_scores(subjects, rows, "os", fast)
        products = np.concatenate(
            [np.arange(self._bank_starts[r], self._bank_starts[r] + self._bank_sizes[r]) for r in rows] or [[]]
        ).astype(np.int64)
        scores = self._offer_scores(subjects, products, "os", fast) if len(products) else np.zeros((0, len(subjects)))
        out = np.full((len(rows), len(subjects)), np.nan)
        start = 0
        for k, r in enumerate(rows):
            size = int(self._bank_sizes[r])
            if size:
                out[k] = _nanmax(scores[start : start + size], axis=0)
            start += size
        return out

    def _reduce_banks(self, scores: np.ndarray, axis: int) -> np.ndarray:
        if self.kind is not PairKind.ENTERPRISE_BANK:
            return scores
        out = np.full((scores.shape[0], len(self.right)), np.nan)
        for b, (start, size) in enumerate(zip(self._bank_starts, self._bank_sizes, strict=True)):
            if size:
                out[:, b] = _nanmax(scores[:, start : start + size], axis=1)
        return out

    def matrix(self) -> np.ndarray:
        """All scores ``n_left x n_right``, NaN where excluded (mind the memory for big sides)."""
        return self.block(np.arange(len(self.left)), by="left")

    def score_pairs(self, left: Sequence[int] | np.ndarray, right: Sequence[int] | np.ndarray) -> np.ndarray:
        """Scores of the pairs ``(left[k], right[k])`` given as indices; NaN where excluded."""
        li = np.asarray(left, dtype=np.int64)
        ri = np.asarray(right, dtype=np.int64)
        if self.kind is not PairKind.ENTERPRISE_BANK:
            return self._offer_scores(li, ri, "pairs")
        best, _ = self._best_products(li, ri)
        return best

    def _best_products(self, li: np.ndarray, ri: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        sizes = self._bank_sizes[ri]
        pair_of = np.repeat(np.arange(len(li)), sizes)
        products = np.concatenate(
            [np.arange(self._bank_starts[r], self._bank_starts[r] + self._bank_sizes[r]) for r in ri] or [[]]
        ).astype(np.int64)
        best = np.full(len(li), np.nan)
        best_product = np.full(len(li), -1, dtype=np.int64)
        if len(products):
            scores = self._offer_scores(li[pair_of], products, "pairs")
            for k in range(len(products)):  # products are sorted by id: first maximum wins ties
                p, score = pair_of[k], scores[k]
                if not np.isnan(score) and (np.isnan(best[p]) or score > best[p]):
                    best[p], best_product[p] = score, products[k]
        return best, best_product

    # --- explanations -----------------------------------------------------------

    def _resolve(self, left: str | int, right: str | int) -> tuple[int, int]:
        i = left if isinstance(left, int | np.integer) else self.left_index[str(left)]
        j = right if isinstance(right, int | np.integer) else self.right_index[str(right)]
        return int(i), int(j)

    def match(self, left: str | int, right: str | int) -> Match | None:
        """The scored pair with reasons, or None if a hard constraint excludes it.

        ``left`` and ``right`` are ids (str) or indices (int) into the sorted sides.
        """
        return self.matches([self._resolve(left, right)])[0]

    def matches(self, pairs: Iterable[tuple[str | int, str | int]]) -> list[Match | None]:
        """:meth:`match` for many pairs, scored in one vectorised pass."""
        resolved = [self._resolve(a, b) for a, b in pairs]
        if not resolved:
            return []
        li = np.array([a for a, _ in resolved], dtype=np.int64)
        ri = np.array([b for _, b in resolved], dtype=np.int64)
        if self.kind is PairKind.ENTERPRISE_BANK:
            _, products = self._best_products(li, ri)
            oi = products
        else:
            oi = ri
        keep = oi >= 0
        out: list[Match | None] = [None] * len(resolved)
        if not keep.any():
            return out
        si_k, oi_k = li[keep], oi[keep]
        values = self._components(si_k, oi_k, "pairs")
        scores, den = self._combine(values, si_k, oi_k, "pairs")
        allowed = self._allowed(si_k, oi_k, "pairs")
        for k, pos in enumerate(np.flatnonzero(keep)):
            if not allowed[k]:
                continue
            s, o = int(si_k[k]), int(oi_k[k])
            reasons = []
            for code, weight in zip(self._codes, self._weight_vec, strict=True):
                if not (self._present_s[code][s] and self._present_o[code][o]):
                    continue
                credit = float(values[code][k])
                if credit <= 0:
                    continue
                share = float(weight / den[k])
                reasons.append(self._reason(code, s, o, credit, share))
            reasons.sort(key=lambda r: (-r.contribution, COMPONENTS.index(r.code)))
            via = self._offers[o].id if self.kind is PairKind.ENTERPRISE_BANK else None
            out[pos] = Match(
                kind=self.kind,
                left=self.left_ids[int(li[pos])],
                right=self.right_ids[int(ri[pos])],
                score=float(np.round(scores[k], 9)),
                reasons=tuple(reasons),
                via=via,
            )
        return out

    def why_not(self, left: str | int, right: str | int) -> list[Reason]:
        """The hard constraints that exclude the pair (empty if it is allowed)."""
        i, j = self._resolve(left, right)
        if self.kind is not PairKind.ENTERPRISE_BANK:
            return self._exclusions(i, j)
        size, start = int(self._bank_sizes[j]), int(self._bank_starts[j])
        if size == 0:
            return [Reason("products", "该银行没有贷款产品", "the bank offers no loan products")]
        reasons: list[Reason] = []
        for o in range(start, start + size):
            found = self._exclusions(i, o)
            if not found:
                return []
            reasons.extend(found)
        return reasons

    def _exclusions(self, s: int, o: int) -> list[Reason]:
        sub, off = self._subjects[s], self._offers[o]
        out: list[Reason] = []
        name = off.name
        if off.capacity is not None and off.capacity <= 0:
            out.append(
                Reason("capacity", "导师名额已满", "the mentor has no places left", data={"capacity": off.capacity})
            )
        if not off.active:
            out.append(Reason("inactive", f"{name} 已停办", f"{name} is no longer offered", data={"product": off.id}))
        if off.is_product and sub.need_kind not in (None, "debt"):
            out.append(
                Reason("kind", "股权融资需求，不适用贷款", "an equity need, not a loan", data={"kind": sub.need_kind})
            )
        served = sub.stage in STAGES and sub.stage in off.stages
        if off.hard_stages and off.stages and (sub.stage in STAGES or off.is_product) and not served:
            if sub.stage is None:
                out.append(Reason("stage", "企业阶段未知", "the company's stage is unknown", data={"stage": None}))
            else:
                zh, en = _stage_label(sub.stage)
                if off.is_product:
                    label = (f"{name} 不面向{zh}企业", f"{name} does not serve {en}-stage companies")
                else:
                    label = (f"不投{zh}项目", f"does not invest at the {en} stage")
                out.append(Reason("stage", *label, data={"stage": sub.stage, "stages": list(off.stages)}))
        hard_amount = off.hard_amount and not (np.isnan(off.lo) and np.isnan(off.hi))
        if hard_amount and (not np.isnan(sub.amount) or off.is_product):
            lo = 0.0 if np.isnan(off.lo) else off.lo
            hi = np.inf if np.isnan(off.hi) else off.hi
            if np.isnan(sub.amount) or not lo <= sub.amount <= hi:
                r_zh, r_en = _range_label(off.lo, off.hi)
                a_zh, a_en = format_cny(None if np.isnan(sub.amount) else sub.amount)
                out.append(
                    Reason(
                        "amount",
                        f"金额 {a_zh} 不在 {name} 的 {r_zh} 范围内",
                        f"amount {a_en} outside {name}'s {r_en}",
                        data={"amount": sub.amount, "min": off.lo, "max": off.hi},
                    )
                )
        if (
            off.is_product
            and off.collateral
            and "credit" not in off.collateral
            and not (sub.collateral & off.collateral)
        ):
            kinds = sorted(off.collateral)
            zh = "、".join(_collateral_label(c)[0] for c in kinds)
            en = " or ".join(_collateral_label(c)[1] for c in kinds)
            out.append(
                Reason(
                    "collateral",
                    f"{name} 需要{zh}，需求未提供",
                    f"{name} requires {en}; none offered",
                    data={"accepted": kinds, "offered": sorted(sub.collateral)},
                )
            )
        if off.restricts_industry and not any(self.industry_tree.within(i, off.industries) for i in sub.industries):
            names = [self.industry_tree.label(i) for i in off.industries]
            names_en = [self.industry_tree.label_en(i) for i in off.industries]
            out.append(
                Reason(
                    "industry",
                    f"{name} 仅限 {'、'.join(names)} 产业",
                    f"{name} is limited to {', '.join(names_en)}",
                    data={"industries": list(off.industries), "startup_industries": list(sub.industries)},
                )
            )
        if off.requires_certification and not (sub.certifications & off.certifications):
            kinds = sorted(off.certifications)
            zh = "或".join(_cert_label(c)[0] for c in kinds)
            en = " or ".join(_cert_label(c)[1] for c in kinds)
            out.append(
                Reason("certification", f"{name} 需要{zh}资质", f"{name} requires {en}", data={"required": kinds})
            )
        return out

    def _reason(self, code: str, s: int, o: int, credit: float, share: float) -> Reason:
        sub, off = self._subjects[s], self._offers[o]
        contribution = round(float(credit * share), 9)
        data: dict = {}
        tree = self.industry_tree
        if code == "industry":
            # max() keeps the first of equal credits: ties go to the smallest ids.
            a, b = max(
                ((a, b) for a in sorted(sub.industries) for b in sorted(off.industries)),
                key=lambda ab: tree.similarity(ab[0], ab[1], self.decay),
            )
            data = {"left": a, "right": b, "relation": "exact" if a == b else "related"}
            if a == b:
                zh, en = f"产业：{tree.label(a)}", f"industry: {tree.label_en(a)}"
            else:
                zh = f"相关产业：{tree.label(a)} ~ {tree.label(b)}"
                en = f"related industry: {tree.label_en(a)} ~ {tree.label_en(b)}"
        elif code == "stage":
            st_zh, st_en = _stage_label(sub.stage or "")
            data = {"stage": sub.stage, "stages": list(off.stages), "exact": sub.stage in off.stages}
            if off.is_product:
                zh, en = f"阶段匹配 {off.name}（{st_zh}）", f"stage fits {off.name} ({st_en})"
            elif sub.stage in off.stages:
                if self.kind is PairKind.STARTUP_MENTOR:
                    zh, en = f"擅长辅导{st_zh}企业", f"mentors {st_en}-stage companies"
                else:
                    zh, en = f"投资阶段含{st_zh}", f"invests at the {st_en} stage"
            else:
                zh, en = f"阶段相邻：{st_zh}", f"adjacent stage: {st_en}"
        elif code == "amount":
            a_zh, a_en = format_cny(sub.amount)
            r_zh, r_en = _range_label(off.lo, off.hi)
            data = {
                "amount": sub.amount,
                "min": None if np.isnan(off.lo) else off.lo,
                "max": None if np.isnan(off.hi) else off.hi,
            }
            if credit >= 1.0:
                zh, en = f"金额 {a_zh} 在 {r_zh} 之间", f"amount {a_en} within {r_en}"
            elif sub.amount < self._o_lo[o]:
                zh, en = f"金额 {a_zh} 低于 {r_zh}", f"amount {a_en} below {r_en}"
            else:
                zh, en = f"金额 {a_zh} 高于 {r_zh}", f"amount {a_en} above {r_en}"
        elif code == "region":
            zh, en, data = self._region_reason(sub, off, credit)
        elif code == "text":
            terms = self.text_model.shared_terms(sub.text, off.text) if self.text_model else []
            data = {"terms": terms, "cosine": round(credit, 6)}
            zh = f"简介相近：{'、'.join(terms)}" if terms else "简介相近"
            en = f"similar descriptions: {', '.join(terms)}" if terms else "similar descriptions"
        elif code == "certification":
            held = sorted(sub.certifications & off.certifications)
            data = {"certifications": held}
            zh = f"资质：{'、'.join(_cert_label(c)[0] for c in held)}"
            en = f"certified: {', '.join(_cert_label(c)[1] for c in held)}"
        elif code == "collateral":
            if "credit" in off.collateral:
                data = {"collateral": "credit"}
                zh, en = f"{off.name} 纯信用，无需抵押", f"{off.name} is unsecured; no collateral needed"
            else:
                kinds = sorted(sub.collateral & off.collateral)
                data = {"collateral": kinds}
                zh = f"接受{'、'.join(_collateral_label(c)[0] for c in kinds)}"
                en = f"accepts {', '.join(_collateral_label(c)[1] for c in kinds)}"
        else:
            zh, en, data = self._graph_reason(code, sub, off, credit)
        return Reason(code, zh, en, contribution=contribution, credit=round(credit, 9), weight=share, data=data)

    def _region_name(self, element: str) -> str:
        return self.regions.label(element) if self.regions is not None else element

    def _region_reason(self, sub: _Subject, off: _Offer, credit: float) -> tuple[str, str, dict]:
        for cover in off.coverage:
            if cover and tuple(sub.region[: len(cover)]) == tuple(cover[:3]):
                names = [self._region_name(x) for x in cover[:3]]
                return f"投资地域含 {''.join(names)}", f"invests in {' / '.join(names)}", {"covered": list(cover)}
        shared = []
        for a, b in zip(sub.region[:3], off.region[:3], strict=False):
            if a != b:
                break
            shared.append(a)
        names = [self._region_name(x) for x in shared]
        return f"同在 {''.join(names)}", f"both in {' / '.join(names)}", {"shared": shared}

    def _graph_reason(self, code: str, sub: _Subject, off: _Offer, credit: float) -> tuple[str, str, dict]:
        index = self.graph_index
        assert index is not None
        G = index.graph
        if code == "graph.shared_neighbours":
            common = sorted(nx.common_neighbors(G, sub.node, off.node))
            ranked = sorted(common, key=lambda w: (-1.0 / np.log(max(G.degree(w), 2)), w))
            names = [G.nodes[w].get("name", w) for w in ranked[:2]]
            data = {"count": len(common), "via": ranked}
            return (
                f"{len(common)} 个共同联系，经由 {'、'.join(names)}",
                f"{len(common)} shared contacts via {', '.join(names)}",
                data,
            )
        if code == "graph.ppr":
            ratio = credit / (1.0 - credit) if credit < 1 else float("inf")
            data = {"ratio": round(ratio, 3)}
            return (
                f"生态网络邻近度为平均水平的 {ratio:.1f} 倍",
                f"network proximity {ratio:.1f}× the average",
                data,
            )
        hops = round(1.0 / credit)
        data = {"hops": hops}
        if hops == 1:
            return "已有直接联系", "already directly connected", data
        return f"社交距离 {hops} 步", f"{hops} steps apart in the network", data

    # --- similarity among one side (for diversity) --------------------------------

    def similarity(self, indices: Sequence[int] | np.ndarray, *, side: str = "left") -> np.ndarray:
        """Similarity of parties of one side to each other: mean of industry credit and text cosine.

        Used by diversity re-ranking (MMR); for banks, products are compared
        through the bank's first product.
        """
        idx = np.asarray(indices, dtype=np.int64)
        if side == "left":
            ind, x = self._s_ind, getattr(self, "_xs", None)
        elif side == "right":
            if self.kind is PairKind.ENTERPRISE_BANK:
                idx = np.minimum(self._bank_starts[idx], max(len(self._offers) - 1, 0))
            ind, x = self._o_ind, getattr(self, "_xo", None)
        else:
            raise ValueError("side must be 'left' or 'right'")
        codes = ind[idx]
        sim = self._industry_credit[codes[:, None, :, None], codes[None, :, None, :]].max(axis=(2, 3))
        if x is not None:
            rows = x[idx]
            sim = (sim + np.asarray((rows @ rows.T).toarray())) / 2.0
        return np.clip(sim, 0.0, 1.0)


def _is_range(idx: np.ndarray, n: int) -> bool:
    """Whether ``idx`` is exactly ``0, 1, …, n - 1``."""
    return len(idx) == n and (n == 0 or (idx[0] == 0 and idx[-1] == n - 1 and bool(np.all(np.diff(idx) == 1))))


def _signatures(keys: Sequence) -> tuple[np.ndarray, list]:
    """Number distinct keys in order of first appearance: (id per key, distinct keys)."""
    ids: dict = {}
    out = np.fromiter((ids.setdefault(key, len(ids)) for key in keys), dtype=np.int64, count=len(keys))
    return out, list(ids)


def _nanmax(a: np.ndarray, axis: int) -> np.ndarray:
    if a.size == 0:
        return np.full(a.shape[1 - axis] if a.ndim == 2 else 0, np.nan)
    return np.fmax.reduce(a, axis=axis)


# --- one-pair and small-batch functions ----------------------------------------


def score_pair(kind: PairKind | str, left, right, **options) -> Match | None:
    """Score one pair; None if a hard constraint excludes it.

    ``options`` are those of :class:`Scorer` (weights, industries, regions,
    text, graph). Pass a ``text`` model fitted on the whole corpus when
    scoring many pairs one by one, so IDF weights are comparable.

    Examples
    --------
    >>> need = FinancingNeed("n1", Startup("s1", stage="seed", industries=["光电子"]), amount=800_000)
    >>> product = LoanProduct("p1", "初创贷", bank_id="b1", stages=["startup"], amount_min=100_000,
    ...                       amount_max=3_000_000, collateral=["credit"])
    >>> score_pair("need_product", need, product) is None
    True
    >>> print(why_not("need_product", need, product)[0].label)
    初创贷 不面向种子期企业 · 初创贷 does not serve seed-stage companies
    """
    return Scorer(kind, [left], [right], **options).match(0, 0)


def why_not(kind: PairKind | str, left, right, **options) -> list[Reason]:
    """The hard constraints that exclude one pair (empty if allowed)."""
    return Scorer(kind, [left], [right], **options).why_not(0, 0)


def score_startup_mentor(startup: Startup, mentor: Mentor, **options) -> Match | None:
    """:func:`score_pair` for a startup and a mentor."""
    return score_pair(PairKind.STARTUP_MENTOR, startup, mentor, **options)


def score_startup_investor(startup: Startup, investor: Investor, **options) -> Match | None:
    """:func:`score_pair` for a startup and an investor."""
    return score_pair(PairKind.STARTUP_INVESTOR, startup, investor, **options)


def score_need_product(need: FinancingNeed, product: LoanProduct, **options) -> Match | None:
    """:func:`score_pair` for a financing need and a loan product."""
    return score_pair(PairKind.NEED_PRODUCT, need, product, **options)


def score_enterprise_bank(need: FinancingNeed, bank: Bank, **options) -> Match | None:
    """:func:`score_pair` for an enterprise's need and a bank (its best product)."""
    return score_pair(PairKind.ENTERPRISE_BANK, need, bank, **options)


def score_all(
    kind: PairKind | str, left: Iterable, right: Iterable, *, min_score: float = 0.0, **options
) -> list[Match]:
    """Every allowed pair scoring at least ``min_score``, best first (ties by ids).

    Meant for event-sized inputs (a matchmaking day); for large sides use
    :class:`Scorer` blocks and :mod:`matching.recommend`.
    """
    scorer = Scorer(kind, left, right, **options)
    pairs = []
    for start in range(0, len(scorer.left), 256):
        rows = np.arange(start, min(start + 256, len(scorer.left)))
        block = scorer.block(rows, by="left")
        r, c = np.nonzero(~np.isnan(block) & (np.nan_to_num(block, nan=-1.0) >= min_score))
        pairs.extend(zip((rows[r]).tolist(), c.tolist(), strict=True))
    matches = [m for m in scorer.matches(pairs) if m is not None and m.score >= min_score]
    return sorted(matches, key=lambda m: (-m.score, m.left, m.right))
