"""Recommendation selectors: hard constraints exclude, reasons are data, visibility holds."""

from __future__ import annotations

from decimal import Decimal

from backend.directory.models import FinancingNeed
from backend.engine import parties
from backend.engine import recommend as rec


def _codes(item) -> set[str]:
    return {r["code"] for r in item.reasons}


def test_mentors_for_startup_best_first_with_reasons_and_only_active(eco):
    items = rec.mentors_for_startup(eco.guangji, k=5)
    ids = [x.id for x in items]
    assert ids[0] == eco.optics_mentor.pk
    assert eco.inactive_mentor.pk not in ids
    top = items[0]
    assert top.kind == "mentor" and top.name == "周明哲" and 0 < top.score <= 1
    assert {"industry", "region"} <= _codes(top)
    industry = next(r for r in top.reasons if r["code"] == "industry")
    assert industry["zh"] == "产业：光电子" and industry["en"] and industry["contribution"] > 0
    assert abs(sum(r["contribution"] for r in top.reasons) - top.score) < 1e-4
    assert top.detail == {"title": "研究员", "affiliation": "长春光机所", "places_left": 2}
    assert items[0].score >= items[-1].score


def test_mentors_without_places_left_are_not_recommended(eco, monkeypatch):
    monkeypatch.setattr(parties, "_mentor_load_providers", [lambda ids: {eco.optics_mentor.pk: 2}])
    assert eco.optics_mentor.pk not in [x.id for x in rec.mentors_for_startup(eco.guangji)]


def test_mentors_exclude_and_candidates(eco):
    assert eco.optics_mentor.pk not in [
        x.id for x in rec.mentors_for_startup(eco.guangji, exclude=[eco.optics_mentor.pk])
    ]
    only = rec.mentors_for_startup(eco.guangji, candidates=[eco.bio_mentor.pk])
    assert [x.id for x in only] == [eco.bio_mentor.pk]


def test_not_a_startup_gives_an_empty_list(eco):
    assert rec.mentors_for_startup(eco.optics_vc) == []
    assert rec.investors_for_startup(eco.bank) == []
    assert rec.loan_products_for_startup(eco.chipco) == []  # no open debt need


def test_investors_for_startup_uses_its_own_equity_need(eco):
    items = rec.investors_for_startup(eco.guangji)
    assert items[0].id == eco.optics_vc.pk
    amount = next(r for r in items[0].reasons if r["code"] == "amount")
    assert "300万元" in amount["zh"]  # its own figure: the startup may see it
    assert items[0].detail["ticket_min"] == "1000000.00"


def test_loan_products_for_need_hard_constraints_exclude(eco):
    items = rec.loan_products_for_need(eco.debt_need)
    ids = [x.id for x in items]
    # 初创贷 fits (startup stage, 200万 in 50–300万, unsecured); 创客贷 is seed-only and up to 100万;
    # 停办贷 is not published; 成长通 wants growth stage and a patent pledge.
    assert ids == [eco.startup_loan.pk]
    assert {"stage", "amount", "collateral"} <= _codes(items[0])
    assert items[0].detail["bank_name"] == "吉林银行"

    why = {r["code"] for r in rec.loan_product_exclusions(eco.debt_need, eco.other_loan)}
    assert {"stage", "collateral"} <= why
    assert rec.loan_product_exclusions(eco.debt_need, eco.startup_loan) == []


def test_equity_needs_fit_no_loan_product(eco):
    assert rec.loan_products_for_need(eco.equity_need) == []


def test_loan_products_for_startup_name_the_need(eco):
    items = rec.loan_products_for_startup(eco.guangji)
    assert [x.id for x in items] == [eco.startup_loan.pk]
    assert items[0].detail["need_id"] == eco.debt_need.pk
    assert items[0].detail["need_amount"] == "2000000.00"


def test_startups_for_investor_without_need_amounts_or_confidential_figures(eco):
    items = rec.startups_for_investor(eco.optics_vc, k=3)
    assert items[0].id == eco.guangji.pk
    assert "amount" not in _codes(items[0])
    blob = repr([x.as_dict() for x in items])
    assert "3000000" not in blob and "300万" not in blob  # the equity need is not shown to investors
    assert "12345678" not in blob and "98765432" not in blob  # nor revenue, valuation
    assert items[0].detail["stage"] == "startup" and items[0].detail["carrier"] == "吉林省光电子产业孵化器"


def test_startups_for_investor_with_published_amounts(eco):
    items = rec.startups_for_investor(eco.optics_vc, amounts={eco.guangji.pk: Decimal("2000000")})
    guangji = next(x for x in items if x.id == eco.guangji.pk)
    assert "200万元" in next(r for r in guangji.reasons if r["code"] == "amount")["zh"]


def test_startups_for_investor_within_candidates(eco):
    items = rec.startups_for_investor(eco.optics_vc, candidates=[eco.biotech.pk, eco.chipco.pk])
    assert {x.id for x in items} <= {eco.biotech.pk, eco.chipco.pk}
    assert rec.startups_for_investor(eco.guangji) == []  # not an investor


def test_exposure_is_capped_across_investors(eco, make_investor, industries, settings):
    settings.ENGINE_MAX_SHARE = 0.34
    vcs = [
        make_investor(industries=[industries.optoelectronics], stages=["startup"], target_regions=[]) for _ in range(4)
    ]
    tops = [rec.startups_for_investor(vc, k=1)[0].id for vc in [*vcs, eco.optics_vc]]
    # 6 investors (with 生物医药基金), a share of 0.34: 光迹, the best for 5 of them, is in at most 2 lists.
    assert tops.count(eco.guangji.pk) <= 2
    assert len(set(tops)) >= 2


def test_startups_for_mentor(eco):
    items = rec.startups_for_mentor(eco.optics_mentor, k=2)
    assert items[0].id == eco.guangji.pk
    assert "industry" in _codes(items[0])
    assert rec.startups_for_mentor(eco.inactive_mentor) == []


def test_needs_for_bank_only_needs_its_products_fit(eco, make_need):
    seed_startup_need = make_need(eco.chipco, amount="800000")  # 创客贷 fits: seed, 80万, unsecured
    too_big = make_need(eco.guangji, amount="90000000")
    items = rec.needs_for_bank(eco.bank)
    by_id = {x.id: x for x in items}
    assert set(by_id) == {eco.debt_need.pk, seed_startup_need.pk}
    assert too_big.pk not in by_id and eco.bio_need.pk not in by_id and eco.equity_need.pk not in by_id
    assert by_id[eco.debt_need.pk].detail["product_id"] == eco.startup_loan.pk
    assert by_id[seed_startup_need.pk].detail["product_name"] == "创客贷"
    assert "stage" in _codes(by_id[eco.debt_need.pk])
    # The other bank's 成长通 fits the biotech need only.
    assert [x.id for x in rec.needs_for_bank(eco.other_bank)] == [eco.bio_need.pk]


def test_needs_for_bank_without_products(eco, make_bank):
    assert rec.needs_for_bank(make_bank()) == []


def test_selector_query_count_is_bounded(eco, make_mentor, industries, django_assert_max_num_queries):
    with django_assert_max_num_queries(22):
        rec.mentors_for_startup(eco.guangji)
    for _ in range(20):
        make_mentor(industries=[industries.optoelectronics])
    with django_assert_max_num_queries(22):
        assert len(rec.mentors_for_startup(eco.guangji, k=10)) == 10


def test_as_dict_is_json_ready(eco):
    import json

    payload = [x.as_dict() for x in rec.needs_for_bank(eco.bank)]
    assert json.loads(json.dumps(payload))[0]["reasons"][0]["zh"]
    assert FinancingNeed.objects.get(pk=payload[0]["id"]).amount == Decimal(payload[0]["detail"]["amount"])
