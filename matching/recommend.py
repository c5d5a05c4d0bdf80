"""Top-k recommendations with diversity and exposure fairness.

For one party: the best ``k`` counterparts, optionally diversified with
maximal marginal relevance. For every party of one side (all investors'
lists over the project pool): plain top-k, and a re-ranking that caps how
many lists any one item may appear in, so that the same few startups do not
take every investor's attention while comparable ones are never shown.

Lists are integer arrays ``n_users x k`` of item indices (into the sorted
other side of a :class:`~matching.scoring.Scorer`), ``-1`` for an empty slot,
with the scores alongside (``nan`` for empty slots).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from matching.scoring import Scorer
from matching.types import Match

__all__ = [
    "ExposureStats",
    "Recommendations",
    "exposure",
    "exposure_stats",
    "fair_rerank",
    "gini",
    "mmr",
    "recommend",
    "recommend_all",
    "top_candidates",
]

_BLOCK_CELLS = 2_000_000  # scores computed per block: about 16 MB of float64


def gini(values: Sequence[float] | np.ndarray) -> float:
    """Gini coefficient of non-negative values: 0 for equal, near 1 for concentrated.

    Notes
    -----
    ``O(n log n)`` (a sort); ``G = sum((2i - n - 1) x_i) / (n sum x)`` over the
    values in ascending order, ``i = 1..n``.

    Examples
    --------
    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 4])
    0.75
    """
    x = np.sort(np.asarray(values, dtype=np.float64).ravel())
    n = len(x)
    if n == 0 or x.sum() == 0:
        return 0.0
    i = np.arange(1, n + 1)
    return float(np.sum((2 * i - n - 1) * x) / (n * x.sum()))


def exposure(
    lists: np.ndarray | Sequence[Sequence[int]], n_items: int, *, position_weighted: bool = False
) -> np.ndarray:
    """Exposure of every item: in how many lists it appears.

    With ``position_weighted`` a place at rank ``r`` (1-based) counts
    ``1 / log2(1 + r)``, the position bias model of Singh & Joachims.

    Examples
    --------
    >>> exposure([[0, 1], [0, 2]], 4).tolist()
    [2.0, 1.0, 1.0, 0.0]
    """
    items = _as_lists(lists)
    weights = np.ones(items.shape[1]) if not position_weighted else 1.0 / np.log2(np.arange(2, items.shape[1] + 2))
    valid = items >= 0
    return np.bincount(items[valid], weights=np.broadcast_to(weights, items.shape)[valid], minlength=n_items).astype(
        np.float64
    )


@dataclass(frozen=True)
class ExposureStats:
    """How evenly attention is spread over the items.

    Attributes
    ----------
    gini : float
        Gini coefficient of the items' exposure (all items, shown or not).
    max_share : float
        Largest share of lists one item appears in.
    coverage : float
        Share of items shown in at least one list.
    mean_score : float
        Mean score of the filled slots.
    relevance_loss : float
        Mean over lists of ``1 - sum(scores) / sum(baseline scores)``
        (0 without a baseline); the price of fairness.
    filled : float
        Share of the ``n_lists x k`` slots that hold an item.
    """

    gini: float
    max_share: float
    coverage: float
    mean_score: float
    relevance_loss: float
    filled: float
    n_lists: int
    n_items: int


def exposure_stats(
    lists: np.ndarray | Sequence[Sequence[int]],
    n_items: int,
    *,
    scores: np.ndarray | None = None,
    baseline_scores: np.ndarray | None = None,
    position_weighted: bool = False,
) -> ExposureStats:
    """Exposure statistics of a set of lists (see :class:`ExposureStats`).

    Examples
    --------
    >>> s = exposure_stats([[0, 1], [0, 1], [0, 2]], 4)
    >>> round(s.gini, 3), round(s.max_share, 3), s.coverage
    (0.417, 1.0, 0.75)
    """
    items = _as_lists(lists)
    n_lists = items.shape[0]
    counts = exposure(items, n_items)
    weighted = exposure(items, n_items, position_weighted=True) if position_weighted else counts
    filled = items >= 0
    mean_score = 0.0
    loss = 0.0
    if scores is not None and filled.any():
        mean_score = float(np.nanmean(np.where(filled, scores, np.nan)))
        if baseline_scores is not None:
            got = np.nansum(np.where(filled, scores, 0.0), axis=1)
            base = np.nansum(baseline_scores, axis=1)
            ok = base > 0
            loss = float(np.mean(1.0 - got[ok] / base[ok])) if ok.any() else 0.0
    return ExposureStats(
        gini=gini(weighted),
        max_share=float(counts.max() / n_lists) if n_lists and n_items else 0.0,
        coverage=float((counts > 0).mean()) if n_items else 0.0,
        mean_score=mean_score,
        relevance_loss=loss,
        filled=float(filled.mean()) if filled.size else 0.0,
        n_lists=n_lists,
        n_items=n_items,
    )


def _as_lists(lists) -> np.ndarray:
    if isinstance(lists, np.ndarray):
        return lists.astype(np.int64, copy=False).reshape(len(lists), -1)
    width = max((len(row) for row in lists), default=0)
    out = np.full((len(lists), width), -1, dtype=np.int64)
    for i, row in enumerate(lists):
        out[i, : len(row)] = row
    return out


# --- candidates -------------------------------------------------------------------


def _top_n(block: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Top ``n`` per row by (score desc, index asc); excluded (NaN) cells never chosen."""
    rows, m = block.shape
    values = np.nan_to_num(block, nan=-np.inf)
    n = min(n, m)
    if n == 0:
        return np.zeros((rows, 0), dtype=np.int64), np.zeros((rows, 0))
    part = np.argpartition(values, m - n, axis=1)[:, m - n :] if n < m else np.tile(np.arange(m), (rows, 1))
    vals = np.take_along_axis(values, part, axis=1)
    order = np.lexsort((part, -vals), axis=1)
    part = np.take_along_axis(part, order, axis=1)
    vals = np.take_along_axis(vals, order, axis=1)
    if n < m:
        # argpartition may cut a tie at the boundary arbitrarily; redo those rows by index.
        last = vals[:, -1:]
        cut = ((values >= last).sum(axis=1) != (vals >= last).sum(axis=1)) & np.isfinite(last[:, 0])
        for r in np.flatnonzero(cut):
            t = last[r, 0]
            above = np.flatnonzero(values[r] > t)
            ties = np.flatnonzero(values[r] == t)[: n - len(above)]
            idx = np.concatenate([above, ties])
            idx = idx[np.lexsort((idx, -values[r, idx]))]
            part[r], vals[r] = idx, values[r, idx]
    excluded = ~np.isfinite(vals)
    part[excluded] = -1
    vals = vals.astype(np.float64)
    vals[excluded] = np.nan
    return part, vals


def _rescore(scorer: Scorer, side: str, users: np.ndarray, items: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Exact scores for candidate lists, each list re-sorted by (score desc, index asc)."""
    valid = items >= 0
    user_of = np.broadcast_to(users[:, None], items.shape)[valid]
    item_of = items[valid]
    left, right = (user_of, item_of) if side == "left" else (item_of, user_of)
    exact = np.full(items.shape, np.nan)
    exact[valid] = scorer.score_pairs(left, right)
    key_items = np.where(valid, items, np.iinfo(np.int64).max)
    order = np.lexsort((key_items, -np.nan_to_num(exact, nan=-np.inf)), axis=1)
    return np.take_along_axis(items, order, axis=1), np.take_along_axis(exact, order, axis=1)


def top_candidates(
    scorer: Scorer, n: int, *, side: str = "left", rows: Sequence[int] | np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The ``n`` best items for each party of ``side`` (all, or ``rows``).

    Returns
    -------
    (items, scores)
        ``len(rows) x n`` arrays sorted by score (ties by index); ``-1`` and
        ``nan`` where fewer than ``n`` items are allowed.

    Notes
    -----
    Scores are computed in float32 row blocks of about two million cells,
    reduced with ``argpartition`` and the ``n`` chosen rescored exactly:
    ``O(n_users * n_items)`` time, ``O(block)`` memory. Items whose float32
    scores tie with the ``n``-th within ~1e-6 may be swapped at that boundary.
    """
    n_users = scorer.shape[0] if side == "left" else scorer.shape[1]
    n_items = scorer.shape[1] if side == "left" else scorer.shape[0]
    users = np.arange(n_users) if rows is None else np.asarray(rows, dtype=np.int64)
    n = min(n, n_items)
    items = np.full((len(users), n), -1, dtype=np.int64)
    scores = np.full((len(users), n), np.nan)
    step = max(1, _BLOCK_CELLS // max(n_items, 1))
    for start in range(0, len(users), step):
        chunk = users[start : start + step]
        block = scorer.block(chunk, by=side, fast=True)
        chosen, _ = _top_n(block, n)
        items[start : start + len(chunk)], scores[start : start + len(chunk)] = _rescore(scorer, side, chunk, chosen)
    return items, scores


# --- fairness ---------------------------------------------------------------------


def fair_rerank(
    items: np.ndarray, scores: np.ndarray, k: int, cap: int, *, method: str = "greedy"
) -> tuple[np.ndarray, np.ndarray]:
    """Pick ``k`` items per user from their candidates so no item is in more than ``cap`` lists.

    Parameters
    ----------
    items, scores : arrays ``n_users x C``
        Candidates per user, best first (``-1`` / ``nan`` for none).
    k : int
        List length.
    cap : int
        Most lists an item may appear in.
    method : {"greedy", "flow"}
        ``greedy`` takes all (user, item) candidates in order of score
        (ties by user, then item) and keeps each while the user has room and
        the item is under its cap. ``flow`` solves the same problem exactly
        as a min-cost flow: the most filled slots, then the largest total
        score.

    Returns
    -------
    (items, scores)
        ``n_users x k``, each list sorted by score; ``-1`` / ``nan`` for
        slots the caps leave empty.

    Notes
    -----
    This is a maximum-weight b-matching between users (capacity ``k``) and
    items (capacity ``cap``). Greedy runs in ``O(nC log(nC))`` for ``n``
    users and ``C`` candidates each and is a 1/2-approximation of the
    optimal total score; the flow is exact (among equally good solutions
    the solver's choice is deterministic, not by id) but runs network
    simplex in pure Python, for event-sized inputs. Capping exposure lets items of
    nearly the same score share the attention the top few would take,
    in the spirit of fairness of exposure.

    References
    ----------
    .. [1] Singh, A. and Joachims, T. "Fairness of exposure in rankings."
       KDD 2018.
    .. [2] Mestre, J. "Greedy in approximation algorithms." ESA 2006
       (greedy for b-matching).

    Examples
    --------
    >>> items = np.array([[0, 1, 2], [0, 1, 2], [0, 2, 1]])
    >>> scores = np.array([[0.9, 0.8, 0.7], [0.9, 0.8, 0.7], [0.9, 0.8, 0.7]])
    >>> fair_rerank(items, scores, 2, cap=2)[0].tolist()
    [[0, 1], [0, 1], [2, -1]]

    Greedy leaves user 2 a slot short; the flow fills every slot:

    >>> fair_rerank(items, scores, 2, cap=2, method="flow")[0].tolist()
    [[1, 2], [0, 1], [0, 2]]
    """
    if method == "flow":
        return _flow_rerank(items, scores, k, cap)
    if method != "greedy":
        raise ValueError("method must be 'greedy' or 'flow'")
    n_users, width = items.shape
    valid = items >= 0
    users = np.broadcast_to(np.arange(n_users)[:, None], items.shape)[valid]
    cand = items[valid]
    vals = scores[valid]
    order = np.lexsort((cand, users, -vals))
    counts: dict[int, int] = {}
    filled = np.zeros(n_users, dtype=np.int64)
    out = np.full((n_users, k), -1, dtype=np.int64)
    out_scores = np.full((n_users, k), np.nan)
    remaining = n_users * k
    for p in order.tolist():
        u = int(users[p])
        if filled[u] >= k:
            continue
        item = int(cand[p])
        if counts.get(item, 0) >= cap:
            continue
        counts[item] = counts.get(item, 0) + 1
        out[u, filled[u]] = item
        out_scores[u, filled[u]] = vals[p]
        filled[u] += 1
        remaining -= 1
        if remaining == 0:
            break
    return _sort_lists(out, out_scores)


def _flow_rerank(items: np.ndarray, scores: np.ndarray, k: int, cap: int) -> tuple[np.ndarray, np.ndarray]:
    G = nx.DiGraph()
    n_users = items.shape[0]
    for u in range(n_users):
        G.add_edge("s", ("u", u), capacity=k, weight=0)
        for item, score in zip(items[u], scores[u], strict=True):
            if item >= 0:
                # Integer costs (network simplex); larger scores are cheaper.
                G.add_edge(("u", u), ("i", int(item)), capacity=1, weight=-round(float(score) * 1_000_000))
    for node in sorted((n for n in G if n[0] == "i"), key=lambda n: n[1]):
        G.add_edge(node, "t", capacity=cap, weight=0)
    out = np.full((n_users, k), -1, dtype=np.int64)
    out_scores = np.full((n_users, k), np.nan)
    if "t" not in G:
        return out, out_scores
    flow = nx.max_flow_min_cost(G, "s", "t")
    for u in range(n_users):
        chosen = sorted(item for (_, item), f in flow.get(("u", u), {}).items() if f > 0)
        lookup = dict(zip(items[u].tolist(), scores[u].tolist(), strict=True))
        for slot, item in enumerate(chosen[:k]):
            out[u, slot] = item
            out_scores[u, slot] = lookup[item]
    return _sort_lists(out, out_scores)


def _sort_lists(items: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    key_items = np.where(items >= 0, items, np.iinfo(np.int64).max)
    key_scores = np.where(items >= 0, -np.nan_to_num(scores, nan=0.0), np.inf)
    order = np.lexsort((key_items, key_scores), axis=1)
    return np.take_along_axis(items, order, axis=1), np.take_along_axis(scores, order, axis=1)


# --- diversity --------------------------------------------------------------------


def mmr(
    relevance: Sequence[float] | np.ndarray, similarity: np.ndarray, k: int, *, trade_off: float = 0.7
) -> list[int]:
    """Maximal marginal relevance: pick ``k`` indices balancing relevance and novelty.

    Each step takes the candidate maximising
    ``trade_off * relevance - (1 - trade_off) * max similarity to those picked``;
    ties go to the lower index (candidates come best first).

    Notes
    -----
    ``O(k * n)`` for ``n`` candidates given the ``n x n`` similarity matrix.

    References
    ----------
    .. [1] Carbonell, J. and Goldstein, J. "The use of MMR, diversity-based
       reranking for reordering documents and producing summaries." SIGIR 1998.

    Examples
    --------
    >>> rel = [0.9, 0.88, 0.5]
    >>> sim = np.array([[1.0, 0.95, 0.1], [0.95, 1.0, 0.1], [0.1, 0.1, 1.0]])
    >>> mmr(rel, sim, 2, trade_off=1.0), mmr(rel, sim, 2, trade_off=0.5)
    ([0, 1], [0, 2])
    """
    rel = np.asarray(relevance, dtype=np.float64)
    n = len(rel)
    chosen: list[int] = []
    closest = np.zeros(n)
    available = ~np.isnan(rel)
    for _ in range(min(k, int(available.sum()))):
        gain = trade_off * rel - (1.0 - trade_off) * closest if chosen else rel.copy()
        gain[~available] = -np.inf
        pick = int(np.argmax(gain))
        chosen.append(pick)
        available[pick] = False
        closest = np.maximum(closest, similarity[:, pick])
    return chosen


# --- entry points -----------------------------------------------------------------


def _side_of(scorer: Scorer, party: str, side: str | None) -> tuple[str, int]:
    if side is None:
        in_left, in_right = party in scorer.left_index, party in scorer.right_index
        if in_left == in_right:
            raise ValueError(f"cannot tell the side of {party!r}; pass side='left' or side='right'")
        side = "left" if in_left else "right"
    index = scorer.left_index if side == "left" else scorer.right_index
    if party not in index:
        raise KeyError(party)
    return side, index[party]


def _pairs(side: str, user: int, items: Sequence[int]) -> list[tuple[int, int]]:
    return [(user, int(i)) if side == "left" else (int(i), user) for i in items]


def recommend(
    scorer: Scorer,
    party: str,
    k: int = 10,
    *,
    side: str | None = None,
    diversity: float = 0.0,
    candidates: int = 50,
    exclude: Sequence[str] = (),
) -> list[Match]:
    """The ``k`` best counterparts for one party, with reasons.

    Parameters
    ----------
    scorer : Scorer
    party : str
        Id of a party on either side (``side`` says which if both sides have it).
    diversity : float in [0, 1]
        0 ranks by score alone; larger values trade score for variety
        (MMR over industries and descriptions of the candidates).
    candidates : int
        How many of the best items MMR chooses from.
    exclude : ids of the other side to leave out (already contacted …).

    Returns
    -------
    list of Match
        In recommendation order.

    Examples
    --------
    >>> from matching.types import Mentor, Startup
    >>> startups = [Startup("s1", industries=["光电子"], stage="startup")]
    >>> mentors = [Mentor("m1", industries=["纺织"]), Mentor("m2", industries=["光电子"]),
    ...            Mentor("m3", industries=["光电子"], capacity=0)]
    >>> [m.right for m in recommend(Scorer("startup_mentor", startups, mentors), "s1", k=2)]
    ['m2', 'm1']
    """
    side, user = _side_of(scorer, party, side)
    row = scorer.block([user], by=side)
    if exclude:
        other_index = scorer.right_index if side == "left" else scorer.left_index
        row[0, [other_index[x] for x in exclude if x in other_index]] = np.nan
    n = max(k, candidates) if diversity > 0 else k
    items, scores = _top_n(row, n)
    items, scores = items[0][items[0] >= 0], scores[0][items[0] >= 0]
    if diversity > 0 and len(items):
        other_side = "right" if side == "left" else "left"
        order = mmr(scores, scorer.similarity(items, side=other_side), k, trade_off=1.0 - diversity)
        items = items[order]
    return [m for m in scorer.matches(_pairs(side, user, items[:k])) if m is not None]


@dataclass(frozen=True)
class Recommendations:
    """Lists for every party of one side, plain and fair.

    ``items`` / ``scores`` are the lists returned (fair when a cap was
    given), ``plain_items`` / ``plain_scores`` the plain top-k for
    comparison; rows follow ``user_ids`` and item indices ``item_ids``.
    """

    scorer: Scorer
    side: str
    k: int
    cap: int | None
    user_ids: list[str]
    item_ids: list[str]
    items: np.ndarray
    scores: np.ndarray
    plain_items: np.ndarray
    plain_scores: np.ndarray

    def ids(self, user: str) -> list[str]:
        """Item ids of one user's list."""
        row = self.items[self.user_ids.index(user)]
        return [self.item_ids[i] for i in row if i >= 0]

    def matches(self, user: str) -> list[Match]:
        """One user's list as matches with reasons."""
        u = self.user_ids.index(user)
        row = [int(i) for i in self.items[u] if i >= 0]
        return [m for m in self.scorer.matches(_pairs(self.side, u, row)) if m is not None]

    def stats(self) -> tuple[ExposureStats, ExposureStats]:
        """Exposure statistics of (plain, returned) lists."""
        n_items = len(self.item_ids)
        plain = exposure_stats(self.plain_items, n_items, scores=self.plain_scores)
        fair = exposure_stats(self.items, n_items, scores=self.scores, baseline_scores=self.plain_scores)
        return plain, fair


def recommend_all(
    scorer: Scorer,
    k: int = 10,
    *,
    side: str = "left",
    max_share: float | None = None,
    candidates: int | None = None,
    method: str = "greedy",
    pool: tuple[np.ndarray, np.ndarray] | None = None,
) -> Recommendations:
    """Top-k lists for every party of ``side``, optionally exposure-capped.

    Parameters
    ----------
    scorer : Scorer
    k : int
        List length.
    side : {"left", "right"}
        Whose lists: ``"right"`` gives every investor (mentor, product) a
        list of startups (needs).
    max_share : float, optional
        Most lists one item may appear in, as a share of all lists
        (``cap = max(1, floor(max_share * n_lists))``). None: plain top-k.
    candidates : int, optional
        Candidates per user for the re-ranking (default ``5 * k``). Users
        whose candidates are all capped get a second pass over every item.
    method : {"greedy", "flow"}
        See :func:`fair_rerank`.
    pool : (items, scores), optional
        Candidates from :func:`top_candidates` to reuse (e.g. to compare
        several caps); at least ``k`` wide.

    Notes
    -----
    Candidate generation dominates: ``O(n_users * n_items)`` vectorised
    scoring in blocks. The greedy re-ranking adds ``O(nC log(nC))``.

    References
    ----------
    .. [1] Singh, A. and Joachims, T. "Fairness of exposure in rankings."
       KDD 2018.

    Examples
    --------
    >>> from matching.types import Investor, Startup
    >>> startups = [Startup(f"s{i}", industries=["光电子"], certifications=["high_tech"] if i == 0 else [])
    ...             for i in range(4)]
    >>> investors = [Investor(f"i{j}", industries=["光电子"], preferred_certifications=["high_tech"])
    ...              for j in range(4)]
    >>> rec = recommend_all(Scorer("startup_investor", startups, investors), k=1, side="right", max_share=0.5)
    >>> [rec.ids(f"i{j}") for j in range(4)]
    [['s0'], ['s0'], ['s1'], ['s1']]
    >>> rec.plain_items.ravel().tolist()
    [0, 0, 0, 0]
    """
    n_users = scorer.shape[0] if side == "left" else scorer.shape[1]
    item_ids = scorer.right_ids if side == "left" else scorer.left_ids
    user_ids = scorer.left_ids if side == "left" else scorer.right_ids
    cap = None if max_share is None else max(1, int(np.floor(max_share * n_users + 1e-9)))
    # A margin beyond k even for plain lists: candidates are chosen in float32.
    width = candidates or (2 * k if cap is None else 5 * k)
    cand, cand_scores = pool if pool is not None else top_candidates(scorer, max(width, k + 5), side=side)
    plain_items, plain_scores = cand[:, :k].copy(), cand_scores[:, :k].copy()
    if cap is None:
        items, scores = plain_items, plain_scores
    else:
        items, scores = fair_rerank(cand, cand_scores, k, cap, method=method)
        items, scores = _fill_short(scorer, side, items.copy(), scores.copy(), cap)
    return Recommendations(
        scorer=scorer,
        side=side,
        k=k,
        cap=cap,
        user_ids=list(user_ids),
        item_ids=list(item_ids),
        items=items,
        scores=scores,
        plain_items=plain_items,
        plain_scores=plain_scores,
    )


def _fill_short(
    scorer: Scorer, side: str, items: np.ndarray, scores: np.ndarray, cap: int
) -> tuple[np.ndarray, np.ndarray]:
    """Greedy passes for users left short by the caps, over every item that still has room.

    Each pass rescores only the short users' rows; it stops when every list
    is full or a pass adds nothing (no allowed item has room left).
    """
    k = items.shape[1]
    n_items = scorer.shape[1] if side == "left" else scorer.shape[0]
    width = min(n_items, max(5 * k, 50))
    step = max(1, _BLOCK_CELLS // max(n_items, 1))
    while True:
        short = np.flatnonzero((items < 0).any(axis=1))
        if len(short) == 0:
            return items, scores
        counts = np.bincount(items[items >= 0], minlength=n_items)
        full = counts >= cap
        extra_items = np.full((len(short), width), -1, dtype=np.int64)
        extra_scores = np.full((len(short), width), np.nan)
        for start in range(0, len(short), step):
            chunk = short[start : start + step]
            block = scorer.block(chunk, by=side, fast=True)
            block[:, full] = np.nan
            taken = items[chunk]
            rows = np.broadcast_to(np.arange(len(chunk))[:, None], taken.shape)
            block[rows[taken >= 0], taken[taken >= 0]] = np.nan
            chosen, _ = _top_n(block, width)
            extra_items[start : start + len(chunk)], extra_scores[start : start + len(chunk)] = _rescore(
                scorer, side, chunk, chosen
            )
        need = (items[short] < 0).sum(axis=1)
        new_items, new_scores = _greedy_fill(extra_items, extra_scores, need, np.maximum(cap - counts, 0))
        if (new_items < 0).all():
            return items, scores
        for row, u in enumerate(short):
            slots = np.flatnonzero(items[u] < 0)
            got = new_items[row][new_items[row] >= 0]
            items[u, slots[: len(got)]] = got
            scores[u, slots[: len(got)]] = new_scores[row][: len(got)]
        items, scores = _sort_lists(items, scores)


def _greedy_fill(
    items: np.ndarray, scores: np.ndarray, need: np.ndarray, remaining: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    n_users, width = items.shape
    valid = items >= 0
    users = np.broadcast_to(np.arange(n_users)[:, None], items.shape)[valid]
    cand, vals = items[valid], scores[valid]
    order = np.lexsort((cand, users, -vals))
    left = remaining.copy()
    filled = np.zeros(n_users, dtype=np.int64)
    out = np.full((n_users, width), -1, dtype=np.int64)
    out_scores = np.full((n_users, width), np.nan)
    for p in order.tolist():
        u, item = int(users[p]), int(cand[p])
        if filled[u] < need[u] and left[item] > 0:
            left[item] -= 1
            out[u, filled[u]] = item
            out_scores[u, filled[u]] = vals[p]
            filled[u] += 1
    return out, out_scores
