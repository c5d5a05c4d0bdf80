from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from matching.recommend import (
    exposure,
    exposure_stats,
    fair_rerank,
    gini,
    mmr,
    recommend,
    recommend_all,
    top_candidates,
)
from matching.scoring import Scorer
from matching.types import Investor, Mentor, Startup, Tree

METHODS = ["greedy", "flow"]


def skewed_instance(n_investors: int = 40, n_startups: int = 120, seed: int = 0):
    """Every investor likes 光电子; three 'stars' hold every wanted certification."""
    rng = random.Random(seed)
    tree = Tree({"光电子": "电子信息", "集成电路": "电子信息", "纺织": None})
    startups = []
    for k in range(n_startups):
        star = k < 3
        startups.append(
            Startup(
                f"s{k:03d}",
                industries=["光电子"] if star or rng.random() < 0.5 else [rng.choice(["集成电路", "纺织"])],
                stage="startup",
                certifications=["high_tech", "specialized"] if star else rng.choice([[], ["tech_sme"]]),
                seeking_amount=rng.choice([2_000_000, 3_000_000, 8_000_000]),
            )
        )
    investors = [
        Investor(
            f"i{j:03d}",
            industries=["光电子"],
            stages=["startup"],
            ticket_min=1_000_000,
            ticket_max=5_000_000,
            preferred_certifications=["high_tech", "specialized"],
        )
        for j in range(n_investors)
    ]
    return Scorer("startup_investor", startups, investors, industries=tree)


# --- statistics -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [([1, 1, 1, 1], 0.0), ([0, 0, 0, 4], 0.75), ([0, 0, 0, 0], 0.0), ([1, 2, 3, 4], 0.25), ([], 0.0)],
)
def test_gini_known_values(values, expected):
    assert gini(values) == pytest.approx(expected)


def test_exposure_counts_lists_and_weights_positions():
    lists = np.array([[0, 1], [0, -1]])

    assert exposure(lists, 3).tolist() == [2.0, 1.0, 0.0]
    assert exposure(lists, 3, position_weighted=True).tolist() == pytest.approx([2.0, 1 / np.log2(3), 0.0])


def test_exposure_stats_relevance_loss_against_baseline():
    lists = np.array([[0, 2], [1, 2]])
    scores = np.array([[0.9, 0.5], [0.8, 0.5]])
    baseline = np.array([[0.9, 0.7], [0.8, 0.7]])

    stats = exposure_stats(lists, 4, scores=scores, baseline_scores=baseline)

    assert stats.max_share == 1.0
    assert stats.coverage == 0.75
    assert stats.filled == 1.0
    assert stats.mean_score == pytest.approx(0.675)
    assert stats.relevance_loss == pytest.approx(np.mean([1 - 1.4 / 1.6, 1 - 1.3 / 1.5]))


# --- candidates and plain top-k ------------------------------------------------------


def test_top_candidates_break_ties_by_id_and_skip_excluded():
    startups = [Startup(f"s{k}", industries=["光电子"]) for k in range(6)]
    mentors = [Mentor("m1", industries=["光电子"]), Mentor("m0", industries=["光电子"], capacity=0)]
    scorer = Scorer("startup_mentor", startups, mentors)

    items, scores = top_candidates(scorer, 3, side="right")

    # m0 (row 0) is full: nothing allowed. m1: six equal scores, the three smallest ids win.
    assert items.tolist() == [[-1, -1, -1], [0, 1, 2]]
    assert np.isnan(scores[0]).all()
    assert scores[1].tolist() == [1.0, 1.0, 1.0]


def test_top_candidates_equal_full_sort():
    scorer = skewed_instance()
    matrix = scorer.block(np.arange(scorer.shape[1]), by="right")

    items, scores = top_candidates(scorer, 7, side="right")

    for u in range(matrix.shape[0]):
        row = np.where(np.isnan(matrix[u]), -np.inf, matrix[u])
        expected = np.lexsort((np.arange(len(row)), -row))[:7]
        assert items[u].tolist() == expected.tolist()
        np.testing.assert_allclose(scores[u], row[expected])


# --- fairness ----------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_fair_lists_respect_the_cap_and_spread_exposure(method):
    scorer = skewed_instance()
    max_share = 0.25

    rec = recommend_all(scorer, k=5, side="right", max_share=max_share, method=method)
    plain, fair = rec.stats()

    assert rec.cap == 10
    assert plain.max_share == 1.0  # the stars top every plain list
    assert fair.max_share <= max_share
    assert fair.coverage >= plain.coverage
    assert fair.gini < plain.gini
    assert fair.filled == 1.0
    assert 0.0 <= fair.relevance_loss < 0.2


@pytest.mark.parametrize("method", METHODS)
def test_fair_lists_are_sorted_without_duplicates_from_candidates(method):
    scorer = skewed_instance()
    cand, cand_scores = top_candidates(scorer, 15, side="right")

    items, scores = fair_rerank(cand, cand_scores, 5, cap=8, method=method)

    for u in range(len(items)):
        row = items[u][items[u] >= 0]
        assert len(set(row.tolist())) == len(row)
        assert set(row.tolist()) <= set(cand[u].tolist())
        assert scores[u][: len(row)].tolist() == sorted(scores[u][: len(row)].tolist(), reverse=True)
    assert np.bincount(items[items >= 0]).max() <= 8


def test_flow_is_at_least_as_good_as_greedy_and_greedy_within_half():
    scorer = skewed_instance(n_investors=20, n_startups=60, seed=3)
    cand, cand_scores = top_candidates(scorer, 10, side="right")

    g_items, g_scores = fair_rerank(cand, cand_scores, 4, cap=3, method="greedy")
    f_items, f_scores = fair_rerank(cand, cand_scores, 4, cap=3, method="flow")

    greedy_total, flow_total = np.nansum(g_scores), np.nansum(f_scores)
    assert (f_items >= 0).sum() >= (g_items >= 0).sum()
    assert flow_total >= 0.5 * greedy_total
    if (f_items >= 0).sum() == (g_items >= 0).sum():
        assert flow_total >= greedy_total - 1e-9


def test_short_lists_are_filled_from_beyond_the_candidates():
    scorer = skewed_instance(n_investors=30, n_startups=60)

    rec = recommend_all(scorer, k=3, side="right", max_share=0.1, candidates=3)

    assert (rec.items >= 0).all()
    assert np.bincount(rec.items.ravel()).max() <= rec.cap


def test_without_a_cap_lists_are_plain_top_k():
    scorer = skewed_instance()

    rec = recommend_all(scorer, k=4, side="right")
    items, _ = top_candidates(scorer, 4, side="right")

    assert rec.cap is None
    assert np.array_equal(rec.items, items)
    assert np.array_equal(rec.items, rec.plain_items)


def test_recommend_all_is_deterministic_under_shuffled_input():
    scorer = skewed_instance()
    lefts, rights = scorer.left[:], scorer.right[:]
    random.Random(5).shuffle(lefts)
    random.Random(6).shuffle(rights)
    shuffled = Scorer("startup_investor", lefts, rights, industries=scorer.industry_tree)

    a = recommend_all(scorer, k=5, side="right", max_share=0.2)
    b = recommend_all(shuffled, k=5, side="right", max_share=0.2)

    assert [a.ids(u) for u in a.user_ids] == [b.ids(u) for u in b.user_ids]


def test_recommendations_explain_their_matches():
    scorer = skewed_instance()
    rec = recommend_all(scorer, k=3, side="right", max_share=0.25)

    matches = rec.matches("i000")

    assert [m.left for m in matches] == rec.ids("i000")
    assert all(m.right == "i000" and m.reasons for m in matches)


# --- one party: top-k and diversity --------------------------------------------------


def test_recommend_for_one_party_ranks_by_score_and_honours_exclude():
    scorer = skewed_instance()

    top = recommend(scorer, "i000", k=4)
    without_stars = recommend(scorer, "i000", k=4, exclude=["s000", "s001", "s002"])

    assert [m.left for m in top][:3] == ["s000", "s001", "s002"]
    assert [m.score for m in top] == sorted((m.score for m in top), reverse=True)
    assert not {"s000", "s001", "s002"} & {m.left for m in without_stars}


def test_diversity_brings_in_other_industries():
    tree = Tree({"光电子": "电子信息", "集成电路": "电子信息", "纺织": None})
    startups = [
        Startup("a1", industries=["光电子"], description="激光雷达 光电子"),
        Startup("a2", industries=["光电子"], description="激光雷达 光电子"),
        Startup("a3", industries=["光电子"], description="激光雷达 光电子"),
        Startup("b1", industries=["集成电路"], description="芯片设计"),
    ]
    mentor = Mentor("m", industries=["光电子"], description="激光雷达")
    scorer = Scorer("startup_mentor", startups, [mentor], industries=tree)

    plain = [m.left for m in recommend(scorer, "m", k=2)]
    diverse = [m.left for m in recommend(scorer, "m", k=2, diversity=0.7)]

    assert plain == ["a1", "a2"]
    assert diverse == ["a1", "b1"]


def test_recommend_needs_the_side_when_ids_collide():
    scorer = Scorer("startup_mentor", [Startup("x")], [Mentor("x")])

    with pytest.raises(ValueError, match="side"):
        recommend(scorer, "x")
    assert [m.right for m in recommend(scorer, "x", side="left")] == ["x"]


# --- properties ---------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 8), st.integers(1, 12)), elements=st.floats(0, 1)),
    st.integers(1, 4),
    st.integers(1, 5),
    st.sampled_from(METHODS),
)
def test_property_fair_rerank_invariants(matrix, k, cap, method):
    n_users, n_items = matrix.shape
    order = np.lexsort((np.tile(np.arange(n_items), (n_users, 1)), -matrix), axis=1)
    cand = order[:, : min(n_items, 2 * k)]
    cand_scores = np.take_along_axis(matrix, cand, axis=1)

    items, scores = fair_rerank(cand, cand_scores, k, cap, method=method)

    assert items.shape == (n_users, k)
    shown = items[items >= 0]
    if len(shown):
        assert np.bincount(shown).max() <= cap
    for u in range(n_users):
        row = items[u][items[u] >= 0]
        assert len(set(row.tolist())) == len(row)
        np.testing.assert_allclose(scores[u][: len(row)], matrix[u, row])
        # Empty slots only at the end.
        assert (items[u][len(row) :] == -1).all()


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(1, 10), elements=st.floats(0, 1)),
    st.integers(1, 12),
    st.floats(0, 1),
)
def test_property_mmr_picks_distinct_and_starts_with_the_best(relevance, k, trade_off):
    n = len(relevance)
    rng = np.random.default_rng(0)
    sim = rng.random((n, n))
    sim = (sim + sim.T) / 2
    np.fill_diagonal(sim, 1.0)

    picked = mmr(relevance, sim, k, trade_off=trade_off)

    assert len(picked) == min(k, n)
    assert len(set(picked)) == len(picked)
    assert picked[0] == int(np.argmax(relevance))


def test_benchmark_runs_on_a_small_instance(capsys):
    from bench.bench_recommend import main

    main(n_investors=30, n_startups=300, k=5, max_share=0.1)

    out = capsys.readouterr().out
    assert out.startswith("recommend: investors=30 pool=300 k=5 time=")
    assert "max_share_fair=0.100" in out
