from __future__ import annotations

import json
import random
from dataclasses import asdict
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.graph import ecosystem_graph
from matching.scoring import (
    COMPONENTS,
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
from matching.text import TextModel
from matching.types import (
    STAGES,
    Bank,
    Carrier,
    FinancingNeed,
    Investor,
    LoanProduct,
    Mentor,
    PairKind,
    Startup,
)

CHANGCHUN_CHAOYANG = ("吉林省", "长春市", "朝阳区")
CHANGCHUN_NANGUAN = ("吉林省", "长春市", "南关区")
JILIN_CHUANYING = ("吉林省", "吉林市", "船营区")
XINGTAI_XINDU = ("河北省", "邢台市", "信都区")

ONLY = {code: 0.0 for code in COMPONENTS}
GRAPH_CODES = ("graph.shared_neighbours", "graph.ppr", "graph.distance")


def only(*codes: str) -> dict[str, float]:
    """Weights that keep just ``codes``."""
    return {**ONLY, **{code: 1.0 for code in codes}}


def startup(id="s1", **kw) -> Startup:
    defaults = {
        "name": "光启科技",
        "industries": ["光电子"],
        "region": CHANGCHUN_CHAOYANG,
        "stage": "startup",
        "description": "激光雷达与光电子器件研发",
        "seeking_amount": Decimal("3000000"),
    }
    return Startup(id, **{**defaults, **kw})


def product(id="p1", **kw) -> LoanProduct:
    defaults = {
        "name": "初创贷",
        "bank_id": "b1",
        "bank_name": "吉林银行",
        "stages": ["startup"],
        "amount_min": Decimal("100000"),
        "amount_max": Decimal("3000000"),
        "collateral": ["patent_pledge", "guarantee"],
        "region": CHANGCHUN_NANGUAN,
        "description": "面向初创期科技企业的知识产权质押贷款",
    }
    return LoanProduct(id, **{**defaults, **kw})


def need(id="n1", amount=Decimal("800000"), **kw) -> FinancingNeed:
    startup_kw = kw.pop("startup_kw", {})
    defaults = {"kind": "debt", "collateral_offered": ["patent_pledge"], "purpose": "购置光电子检测设备"}
    return FinancingNeed(id, startup=startup(**startup_kw), amount=amount, **{**defaults, **kw})


def investor(id="i1", **kw) -> Investor:
    defaults = {
        "name": "长春光电创投",
        "industries": ["光电子"],
        "region": CHANGCHUN_NANGUAN,
        "stages": ["seed", "startup"],
        "ticket_min": 1_000_000,
        "ticket_max": 5_000_000,
        "description": "投资光电子与激光雷达早期项目",
    }
    return Investor(id, **{**defaults, **kw})


def mentor(id="m1", **kw) -> Mentor:
    defaults = {"name": "王导师", "industries": ["光电子"], "region": CHANGCHUN_CHAOYANG, "description": "光电子"}
    return Mentor(id, **{**defaults, **kw})


def bank(id="b1", products=None, **kw) -> Bank:
    return Bank(id, name="吉林银行", region=CHANGCHUN_NANGUAN, products=products or [product()], **kw)


PAIRS = {
    PairKind.STARTUP_MENTOR: (startup, mentor),
    PairKind.STARTUP_INVESTOR: (startup, investor),
    PairKind.NEED_PRODUCT: (need, product),
    PairKind.ENTERPRISE_BANK: (need, bank),
}


# --- the contract shared by every pair kind ---------------------------------------------


@pytest.mark.parametrize("kind", list(PairKind))
def test_score_is_in_unit_interval_and_contributions_sum_to_it(kind, industries):
    make_left, make_right = PAIRS[kind]

    match = score_pair(kind, make_left(), make_right(), industries=industries)

    assert match is not None
    assert 0.0 <= match.score <= 1.0
    assert sum(r.contribution for r in match.reasons) == pytest.approx(match.score, abs=1e-8)
    assert [r.contribution for r in match.reasons] == sorted((r.contribution for r in match.reasons), reverse=True)
    assert all(r.code in COMPONENTS for r in match.reasons)
    assert match.kind is kind


@pytest.mark.parametrize("kind", list(PairKind))
def test_matches_and_exclusions_serialise_to_json(kind, industries):
    make_left, make_right = PAIRS[kind]
    match = score_pair(kind, make_left(), make_right(), industries=industries)
    excluded = why_not(kind, make_left(), make_right(), industries=industries, weights={"text": 0.3})

    payload = json.loads(json.dumps(asdict(match), ensure_ascii=False))

    assert payload["kind"] == kind.value
    assert payload["score"] == match.score
    assert [r["code"] for r in payload["reasons"]] == [r.code for r in match.reasons]
    assert excluded == []


@pytest.mark.parametrize("kind", list(PairKind))
def test_same_input_gives_identical_output(kind, industries):
    make_left, make_right = PAIRS[kind]

    first = score_pair(kind, make_left(), make_right(), industries=industries)
    second = score_pair(kind, make_left(), make_right(), industries=industries)

    assert first == second


@pytest.mark.parametrize("kind", list(PairKind))
def test_matrix_equals_pair_scores_and_block_orientations_agree(kind, industries):
    make_left, make_right = PAIRS[kind]
    lefts = [make_left(f"l{i}") for i in range(3)]
    rights = [make_right(f"r{j}") for j in range(2)]
    scorer = Scorer(kind, lefts, rights, industries=industries)

    matrix = scorer.matrix()
    by_right = scorer.block(np.arange(2), by="right")
    pairs = [(i, j) for i in range(3) for j in range(2)]
    single = scorer.score_pairs([i for i, _ in pairs], [j for _, j in pairs]).reshape(3, 2)

    np.testing.assert_allclose(matrix, by_right.T, atol=1e-9)
    np.testing.assert_allclose(matrix, single, atol=1e-9)
    assert [scorer.match(i, j).score for i, j in pairs] == pytest.approx(single.ravel().tolist(), abs=1e-9)


@pytest.mark.parametrize("kind", list(PairKind))
@pytest.mark.parametrize("by", ["left", "right"])
def test_fast_blocks_are_close_to_exact_ones(kind, by, industries):
    make_left, make_right = PAIRS[kind]
    lefts = [make_left(f"l{i}") for i in range(3)]
    rights = [make_right(f"r{j}") for j in range(2)]
    scorer = Scorer(kind, lefts, rights, industries=industries)
    rows = np.arange(3 if by == "left" else 2)

    exact = scorer.block(rows, by=by)
    fast = scorer.block(rows, by=by, fast=True)

    assert fast.dtype == np.float32 or kind is PairKind.ENTERPRISE_BANK
    np.testing.assert_allclose(fast, exact, atol=1e-6)
    assert np.array_equal(np.isnan(fast), np.isnan(exact))


@pytest.mark.parametrize("kind", list(PairKind))
def test_shuffled_input_gives_the_same_scores_by_id(kind, industries):
    make_left, make_right = PAIRS[kind]
    lefts = [
        make_left(f"l{i}", amount=Decimal(200_000 * (i + 1))) if kind in _NEEDS else make_left(f"l{i}")
        for i in range(5)
    ]
    rights = [make_right(f"r{j}") for j in range(4)]
    shuffled_l, shuffled_r = lefts[:], rights[:]
    random.Random(1).shuffle(shuffled_l)
    random.Random(2).shuffle(shuffled_r)

    a = Scorer(kind, lefts, rights, industries=industries)
    b = Scorer(kind, shuffled_l, shuffled_r, industries=industries)

    assert a.left_ids == b.left_ids == sorted(p.id for p in lefts)
    assert np.array_equal(a.matrix(), b.matrix(), equal_nan=True)
    assert score_all(kind, lefts, rights, industries=industries) == score_all(
        kind, shuffled_l, shuffled_r, industries=industries
    )


_NEEDS = (PairKind.NEED_PRODUCT, PairKind.ENTERPRISE_BANK)


# --- components ----------------------------------------------------------------------


def test_industry_tree_credit_exact_above_sibling_above_unrelated(industries):
    weights = only("industry")
    m = mentor()

    exact = score_startup_mentor(startup(industries=["光电子"]), m, industries=industries, weights=weights)
    parent = score_startup_mentor(startup(industries=["电子信息"]), m, industries=industries, weights=weights)
    sibling = score_startup_mentor(startup(industries=["集成电路"]), m, industries=industries, weights=weights)
    unrelated = score_startup_mentor(startup(industries=["纺织"]), m, industries=industries, weights=weights)

    assert exact.score == 1.0
    assert parent.score == pytest.approx(0.7)
    assert sibling.score == pytest.approx(0.49)
    assert unrelated.score == 0.0
    assert sibling.reasons[0].zh == "相关产业：集成电路 ~ 光电子"
    assert sibling.reasons[0].en == "related industry: 集成电路 ~ optoelectronics"


def test_industry_without_tree_counts_exact_matches_only():
    weights = only("industry")

    sibling = score_startup_mentor(startup(industries=["集成电路"]), mentor(), weights=weights)

    assert sibling.score == 0.0


def test_industry_reason_names_the_industry(industries):
    match = score_startup_investor(
        startup(industries=["新材料", "光电子"]), investor(industries=["新材料"]), industries=industries
    )

    reason = next(r for r in match.reasons if r.code == "industry")
    assert reason.label == "产业：新材料 · industry: new materials"
    assert reason.data == {"left": "新材料", "right": "新材料", "relation": "exact"}


@pytest.mark.parametrize(
    ("mentor_region", "expected", "zh"),
    [
        (CHANGCHUN_CHAOYANG, 1.0, "同在 吉林省长春市朝阳区"),
        (CHANGCHUN_NANGUAN, 0.6, "同在 吉林省长春市"),
        (JILIN_CHUANYING, 0.3, "同在 吉林省"),
        (XINGTAI_XINDU, 0.0, None),
    ],
)
def test_region_proximity_same_county_over_city_over_province(mentor_region, expected, zh):
    match = score_startup_mentor(startup(), mentor(region=mentor_region), weights=only("region"))

    assert match.score == pytest.approx(expected)
    if zh is None:
        assert match.reasons == ()
    else:
        assert match.reasons[0].zh == zh


def test_region_inside_investor_coverage_gets_full_credit():
    inv = investor(region=XINGTAI_XINDU, regions=[("吉林省",)])

    match = score_startup_investor(startup(), inv, weights=only("region"))

    assert match.score == 1.0
    assert match.reasons[0].label == "投资地域含 吉林省 · invests in 吉林省"


@pytest.mark.parametrize(("stage", "expected"), [("startup", 1.0), ("seed", 1.0), ("growth", 0.5), ("mature", 0.0)])
def test_stage_fit_exact_adjacent_far(stage, expected):
    match = score_startup_investor(startup(stage=stage), investor(), weights=only("stage", "industry"))

    stage_reason = [r for r in match.reasons if r.code == "stage"]
    assert (stage_reason[0].credit if stage_reason else 0.0) == expected


@pytest.mark.parametrize(
    ("amount", "expected", "zh"),
    [
        (3_000_000, 1.0, "金额 300万元 在 100万元–500万元 之间"),
        (10_000_000, 0.5, "金额 1000万元 高于 100万元–500万元"),
        (500_000, 0.5, "金额 50万元 低于 100万元–500万元"),
    ],
)
def test_amount_fit_inside_range_and_ratio_outside(amount, expected, zh):
    match = score_startup_investor(startup(seeking_amount=amount), investor(), weights=only("amount"))

    assert match.score == pytest.approx(expected)
    assert match.reasons[0].zh == zh
    assert match.reasons[0].data["amount"] == float(amount)


def test_text_similarity_prefers_the_optoelectronics_mentor():
    opto = mentor("m1", description="光电子器件与激光雷达研发辅导")
    textile = mentor("m2", description="纺织面料与服装制造")
    scorer = Scorer("startup_mentor", [startup()], [opto, textile], weights=only("text"))

    m1, m2 = scorer.match("s1", "m1"), scorer.match("s1", "m2")

    assert m1.score > m2.score == 0.0
    assert "激光雷达" in m1.reasons[0].data["terms"]
    assert m1.reasons[0].zh.startswith("简介相近：")


def test_certification_credit_is_the_share_of_wanted_certifications_held():
    inv = investor(preferred_certifications=["high_tech", "specialized"])

    match = score_startup_investor(startup(certifications=["high_tech"]), inv, weights=only("certification"))

    assert match.score == pytest.approx(0.5)
    assert match.reasons[0].label == "资质：高新技术企业 · certified: high-tech enterprise"


def test_missing_data_is_left_out_not_counted_as_zero():
    full = score_startup_investor(startup(), investor(), weights=only("industry", "stage"))
    no_stages = score_startup_investor(startup(), investor(stages=[]), weights=only("industry", "stage"))

    assert full.score == 1.0
    assert no_stages.score == 1.0
    assert [r.code for r in no_stages.reasons] == ["industry"]


def test_nothing_in_common_scores_zero():
    match = score_startup_mentor(Startup("s"), Mentor("m"))

    assert match.score == 0.0
    assert match.reasons == ()


def test_stage_reason_names_the_loan_product():
    match = score_need_product(need(), product(), weights=only("stage"))

    assert match.reasons[0].label == "阶段匹配 初创贷（初创期） · stage fits 初创贷 (startup)"


def test_unsecured_product_scores_collateral_higher_than_a_secured_one():
    unsecured = score_need_product(need(), product(collateral=["credit"]), weights=only("collateral"))
    secured = score_need_product(need(), product(), weights=only("collateral"))

    assert unsecured.score == 1.0
    assert secured.score == pytest.approx(0.7)
    assert secured.reasons[0].zh == "接受专利质押"


# --- hard constraints -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("the_need", "the_product", "code"),
    [
        (need(startup_kw={"stage": "seed"}), product(), "stage"),
        (need(startup_kw={"stage": None}), product(), "stage"),
        (need(amount=Decimal("5000000")), product(), "amount"),
        (need(amount=Decimal("50000")), product(), "amount"),
        (need(collateral_offered=[]), product(), "collateral"),
        (need(collateral_offered=["mortgage"]), product(), "collateral"),
        (need(), product(industries=["纺织"]), "industry"),
        (need(startup_kw={"industries": []}), product(industries=["电子信息"]), "industry"),
        (need(), product(required_certifications=["high_tech"]), "certification"),
        (need(), product(active=False), "inactive"),
        (need(kind="equity"), product(), "kind"),
    ],
)
def test_loan_product_hard_constraints_exclude(the_need, the_product, code, industries):
    assert score_need_product(the_need, the_product, industries=industries) is None
    assert [r.code for r in why_not("need_product", the_need, the_product, industries=industries)] == [code]


@pytest.mark.parametrize(
    ("the_need", "the_product"),
    [
        (need(collateral_offered=[]), product(collateral=["credit"])),
        (need(), product(industries=["电子信息"])),
        (need(startup_kw={"certifications": ["high_tech"]}), product(required_certifications=["high_tech"])),
        (need(amount=Decimal("3000000")), product()),
        (need(amount=Decimal("100000")), product()),
    ],
)
def test_loan_product_constraints_met_are_scored(the_need, the_product, industries):
    assert score_need_product(the_need, the_product, industries=industries) is not None
    assert why_not("need_product", the_need, the_product, industries=industries) == []


def test_exclusion_reasons_carry_the_concrete_data():
    reasons = why_not("need_product", need(amount=Decimal("5000000"), collateral_offered=[]), product())

    assert [r.label for r in reasons] == [
        "金额 500万元 不在 初创贷 的 10万元–300万元 范围内 · amount CNY 5m outside 初创贷's CNY 0.1m–CNY 3m",
        "初创贷 需要担保、专利质押，需求未提供 · 初创贷 requires guarantee or patent pledge; none offered",
    ]


@pytest.mark.parametrize(
    ("flags", "the_startup", "code"),
    [
        ({"hard_stages": True}, startup(stage="growth"), "stage"),
        ({"hard_ticket": True}, startup(seeking_amount=20_000_000), "amount"),
    ],
)
def test_investor_preferences_exclude_only_when_hard(flags, the_startup, code):
    assert score_startup_investor(the_startup, investor()) is not None
    assert score_startup_investor(the_startup, investor(**flags)) is None
    assert [r.code for r in why_not("startup_investor", the_startup, investor(**flags))] == [code]


def test_hard_investor_constraints_do_not_exclude_unknown_data():
    assert score_startup_investor(
        startup(stage=None, seeking_amount=None), investor(hard_stages=True, hard_ticket=True)
    )


def test_mentor_without_places_is_excluded():
    assert score_startup_mentor(startup(), mentor(capacity=0)) is None
    assert why_not("startup_mentor", startup(), mentor(capacity=0))[0].code == "capacity"


# --- enterprise and bank ------------------------------------------------------------


def test_bank_scores_as_its_best_product_and_names_it():
    good = product("p2", name="成长通", stages=["startup", "growth"], collateral=["credit"])
    the_bank = bank(products=[product("p1"), good, product("p3", stages=["mature"])])
    scorer = Scorer("enterprise_bank", [need()], [the_bank])
    product_scorer = Scorer("need_product", [need()], list(scorer._offer_parties))

    match = scorer.match("n1", "b1")

    assert match.via == "p2"
    assert match.score == max(product_scorer.matrix()[0][~np.isnan(product_scorer.matrix()[0])])
    assert "成长通" in next(r for r in match.reasons if r.code == "stage").zh


def test_bank_with_every_product_excluded_is_excluded_with_each_reason():
    the_bank = bank(products=[product("p1", stages=["mature"]), product("p2", active=False)])

    assert score_enterprise_bank(need(), the_bank) is None
    assert [r.code for r in why_not("enterprise_bank", need(), the_bank)] == ["stage", "inactive"]


def test_bank_without_products_is_excluded():
    the_bank = Bank("b9", name="空银行")

    assert score_enterprise_bank(need(), the_bank) is None
    assert why_not("enterprise_bank", need(), the_bank)[0].code == "products"


def test_product_inherits_the_bank_region():
    the_bank = bank(products=[product(region=())])

    match = Scorer("enterprise_bank", [need()], [the_bank], weights=only("region")).match("n1", "b1")

    assert match.score == pytest.approx(0.6)


# --- graph signals in scores ---------------------------------------------------------


def test_graph_signals_explain_shared_contacts():
    s = startup()
    m = mentor()
    G = ecosystem_graph(
        [s, m, Carrier("c1", "吉林省光电子产业孵化器"), Carrier("c2", "长春净月众创空间")],
        [
            ("startup:s1", "carrier:c1", "incubated_at"),
            ("mentor:m1", "carrier:c1", "member_of"),
            ("startup:s1", "carrier:c2", "incubated_at"),
            ("mentor:m1", "carrier:c2", "met"),
        ],
    )

    stranger = mentor("m2")
    scorer = Scorer("startup_mentor", [s], [m, stranger], graph=G, weights=only(*GRAPH_CODES))

    match = scorer.match("s1", "m1")

    reasons = {r.code: r for r in match.reasons}
    assert reasons["graph.shared_neighbours"].en == "2 shared contacts via 吉林省光电子产业孵化器, 长春净月众创空间"
    assert reasons["graph.shared_neighbours"].data["count"] == 2
    assert reasons["graph.shared_neighbours"].credit == pytest.approx(2 / np.log(2) / (1 + 2 / np.log(2)))
    assert reasons["graph.distance"].en == "2 steps apart in the network"
    assert 0 < reasons["graph.ppr"].credit < 1
    # A mentor outside the graph has no graph signal: the components are left out, score 0.
    assert scorer.match("s1", "m2").score == 0.0


def test_graph_components_match_between_batch_and_pairs():
    startups = [startup(f"s{i}") for i in range(4)]
    mentors = [mentor(f"m{j}") for j in range(3)]
    relations = [
        ("startup:s0", "mentor:m0", "met"),
        ("startup:s1", "carrier:c", "incubated_at"),
        ("mentor:m1", "carrier:c", "member_of"),
        ("startup:s2", "event:e", "attended"),
        ("mentor:m2", "event:e", "attended"),
        ("startup:s0", "event:e", "attended"),
    ]
    G = ecosystem_graph([*startups, *mentors], relations)
    scorer = Scorer("startup_mentor", startups, mentors, graph=G)

    by_left = scorer.matrix()
    by_right = scorer.block(np.arange(3), by="right").T
    pairs = scorer.score_pairs(np.repeat(np.arange(4), 3), np.tile(np.arange(3), 4)).reshape(4, 3)

    np.testing.assert_allclose(by_left, by_right, atol=1e-9)
    np.testing.assert_allclose(by_left, pairs, atol=1e-9)
    np.testing.assert_allclose(scorer.block(np.arange(4), fast=True), by_left, atol=1e-6)
    assert scorer.match("s0", "m0").score > scorer.match("s3", "m0").score


# --- inputs and weights -----------------------------------------------------------------


def test_weights_can_be_overridden_and_are_validated():
    assert resolve_weights("startup_investor", {"text": 0.5})["text"] == 0.5
    with pytest.raises(ValueError, match="unknown score component"):
        resolve_weights("startup_investor", {"charisma": 1.0})
    with pytest.raises(ValueError, match=">= 0"):
        resolve_weights("startup_investor", {"text": -1})


def test_wrong_party_type_and_duplicate_ids_are_rejected():
    with pytest.raises(TypeError, match="expects Mentor"):
        Scorer("startup_mentor", [startup()], [investor()])
    with pytest.raises(ValueError, match="duplicate left id"):
        Scorer("startup_mentor", [startup(), startup()], [mentor()])


def test_a_shared_text_model_keeps_idf_comparable_across_pairs():
    corpus = ["激光雷达研发", "激光雷达与光电子", "纺织面料", "光电子器件"]
    model = TextModel().fit(corpus)

    one = score_startup_mentor(
        startup(description=corpus[0]), mentor(description=corpus[1]), text=model, weights=only("text")
    )

    assert one.score == pytest.approx(model.similarity([corpus[0]], [corpus[1]])[0, 0], abs=1e-9)


def test_score_all_lists_allowed_pairs_best_first():
    needs = [need("n1"), need("n2", startup_kw={"stage": "seed"}), need("n3", amount=Decimal("2500000"))]
    products = [product("p1"), product("p2", stages=["seed"], collateral=["credit"])]

    matches = score_all("need_product", needs, products, min_score=0.0)

    assert {(m.left, m.right) for m in matches} == {("n1", "p1"), ("n3", "p1"), ("n2", "p2")}
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


# --- properties --------------------------------------------------------------------------

industry_ids = st.sampled_from(["电子信息", "光电子", "集成电路", "新材料", "碳纤维", "纺织", "纺织面料"])
regions = st.sampled_from([(), CHANGCHUN_CHAOYANG, CHANGCHUN_NANGUAN, JILIN_CHUANYING, XINGTAI_XINDU, ("吉林省",)])
stages = st.sampled_from([None, *STAGES])
amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=50_000_000))
certs = st.frozensets(st.sampled_from(["high_tech", "specialized", "little_giant", "tech_sme"]), max_size=3)
texts = st.sampled_from(["", "激光雷达研发", "光电子器件", "纺织面料", "碳纤维复合材料", "光电子与激光雷达"])

startups_st = st.builds(
    Startup,
    id=st.text(alphabet="abc", min_size=1, max_size=3),
    industries=st.lists(industry_ids, max_size=3, unique=True),
    region=regions,
    stage=stages,
    certifications=certs,
    description=texts,
    seeking_amount=amounts,
)
investors_st = st.builds(
    Investor,
    id=st.text(alphabet="xyz", min_size=1, max_size=3),
    industries=st.lists(industry_ids, max_size=3, unique=True),
    region=regions,
    regions=st.lists(regions.filter(bool), max_size=2),
    stages=st.lists(st.sampled_from(STAGES), max_size=3, unique=True),
    ticket_min=st.one_of(st.none(), st.integers(0, 5_000_000)),
    ticket_max=st.one_of(st.none(), st.integers(5_000_000, 30_000_000)),
    preferred_certifications=certs,
    description=texts,
    hard_stages=st.booleans(),
    hard_ticket=st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(startups_st, min_size=1, max_size=5, unique_by=lambda s: s.id),
    st.lists(investors_st, min_size=1, max_size=4, unique_by=lambda i: i.id),
)
def test_property_scores_bounded_exclusions_explained_and_order_free(startups, investors):
    from matching.types import Tree

    tree = Tree({"光电子": "电子信息", "集成电路": "电子信息", "碳纤维": "新材料", "纺织面料": "纺织"})
    scorer = Scorer("startup_investor", startups, investors, industries=tree)
    reversed_scorer = Scorer("startup_investor", startups[::-1], investors[::-1], industries=tree)

    matrix = scorer.matrix()

    assert np.array_equal(matrix, reversed_scorer.matrix(), equal_nan=True)
    finite = matrix[~np.isnan(matrix)]
    assert ((finite >= 0) & (finite <= 1)).all()
    for i in range(len(scorer.left)):
        for j in range(len(scorer.right)):
            excluded = np.isnan(matrix[i, j])
            assert excluded == bool(scorer.why_not(i, j))
            match = scorer.match(i, j)
            assert (match is None) == excluded
            if match is not None:
                assert match.score == pytest.approx(matrix[i, j], abs=1e-9)
                assert sum(r.contribution for r in match.reasons) == pytest.approx(match.score, abs=1e-8)


needs_st = st.builds(
    FinancingNeed,
    id=st.text(alphabet="nm", min_size=1, max_size=3),
    startup=startups_st,
    amount=st.integers(1, 10_000_000),
    kind=st.sampled_from(["debt", "debt", "equity"]),
    collateral_offered=st.frozensets(st.sampled_from(["patent_pledge", "guarantee", "mortgage"]), max_size=2),
)
products_st = st.builds(
    LoanProduct,
    id=st.text(alphabet="pq", min_size=1, max_size=3),
    name=st.just("科技贷"),
    bank_id=st.sampled_from(["b1", "b2"]),
    stages=st.lists(st.sampled_from(STAGES), min_size=1, max_size=3, unique=True),
    amount_min=st.integers(1, 1_000_000),
    amount_max=st.integers(1_000_000, 8_000_000),
    collateral=st.frozensets(st.sampled_from(["credit", "patent_pledge", "guarantee", "mortgage"]), min_size=1),
    industries=st.lists(industry_ids, max_size=2, unique=True),
    required_certifications=st.frozensets(st.sampled_from(["high_tech", "tech_sme"]), max_size=1),
    active=st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(needs_st, min_size=1, max_size=4, unique_by=lambda n: n.id),
    st.lists(products_st, min_size=1, max_size=4, unique_by=lambda p: p.id),
)
def test_property_loan_exclusions_agree_between_batch_and_explanations(needs, products):
    from matching.types import Tree

    tree = Tree({"光电子": "电子信息", "集成电路": "电子信息", "碳纤维": "新材料", "纺织面料": "纺织"})
    scorer = Scorer("need_product", needs, products, industries=tree)

    matrix = scorer.matrix()

    for i in range(len(needs)):
        for j in range(len(products)):
            assert np.isnan(matrix[i, j]) == bool(scorer.why_not(i, j))
