"""Inputs for the matching library built from the database, in a bounded number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest

import matching as m
from backend.accounts.models import Role
from backend.directory.models import Membership
from backend.engine import parties
from backend.engine.parties import Inputs


def test_startups_carry_profile_industries_region_and_open_equity_need(eco, industries):
    inputs = Inputs()
    startups = {s.id: s for s in inputs.startups()}
    guangji = startups[str(eco.guangji.pk)]
    assert guangji.name == "长春光迹光电科技有限公司"
    assert guangji.industries == (str(industries.optoelectronics.pk),)
    assert guangji.region == ("吉林省", "长春市", "朝阳区")
    assert guangji.stage == "startup"
    assert guangji.certifications == frozenset({"high_tech"})
    assert "激光雷达" in guangji.description
    assert guangji.seeking_amount == Decimal("3000000")  # the open equity need, not the debt need
    assert startups[str(eco.biotech.pk)].seeking_amount is None
    assert inputs.industries.label(str(industries.optoelectronics.pk)) == "光电子"
    assert inputs.industries.ancestors(str(industries.optoelectronics.pk))[0] == str(industries.electronics.pk)


def test_startups_without_amounts_for_viewers_who_may_not_see_needs(eco):
    startups = Inputs(startup_amounts=False).startups([eco.guangji.pk])
    assert [s.seeking_amount for s in startups] == [None]


def test_confidential_figures_never_enter_the_inputs(eco):
    guangji = Inputs().startups([eco.guangji.pk])[0]
    text = repr(guangji)
    assert "12345678" not in text and "98765432" not in text


def test_mentors_active_only_with_places_left_from_load_providers(eco, monkeypatch):
    mentors = {x.id: x for x in Inputs().mentors()}
    assert set(mentors) == {str(eco.optics_mentor.pk), str(eco.bio_mentor.pk)}
    optics = mentors[str(eco.optics_mentor.pk)]
    assert optics.capacity == 2 and optics.region == ("吉林省", "长春市")
    assert "激光与光电子器件专家" in optics.description and "研究员" in optics.description

    monkeypatch.setattr(parties, "_mentor_load_providers", [lambda ids: {eco.optics_mentor.pk: 5}])
    assert {x.id: x.capacity for x in Inputs().mentors()}[str(eco.optics_mentor.pk)] == 0


def test_investors_banks_products_needs(eco, regions):
    inputs = Inputs()
    optics_vc = {x.id: x for x in inputs.investors()}[str(eco.optics_vc.pk)]
    assert optics_vc.stages == ("seed", "startup")
    assert optics_vc.ticket_min == Decimal("1000000") and optics_vc.ticket_max == Decimal("5000000")
    assert optics_vc.regions == (("吉林省",),)

    products = {p.id: p for p in inputs.loan_products()}
    assert str(eco.hidden_loan.pk) not in products  # not published
    loan = products[str(eco.startup_loan.pk)]
    assert loan.bank_id == str(eco.bank.pk) and loan.bank_name == "吉林银行"
    assert loan.stages == ("startup",) and loan.collateral == frozenset({"credit"})

    banks = {b.id: b for b in inputs.banks()}
    assert {p.name for p in banks[str(eco.bank.pk)].products} == {"初创贷", "创客贷"}

    needs = {n.id: n for n in inputs.needs()}
    assert set(needs) == {str(eco.debt_need.pk), str(eco.equity_need.pk), str(eco.bio_need.pk)}  # open only
    bio = needs[str(eco.bio_need.pk)]
    assert bio.startup.id == str(eco.biotech.pk) and bio.collateral_offered == frozenset({"patent_pledge"})


def test_graph_relations_from_incubation_memberships_events_pitches_judges_interests(eco):
    G = Inputs().graph
    startup = parties.org_node(eco.guangji.pk, "startup")
    carrier = parties.carrier_node(eco.carrier.pk)
    event = parties.event_node(eco.roadshow.pk)
    founder = m.node_key("person", eco.founder.pk)
    mentor = parties.mentor_node(eco.optics_mentor.pk)
    investor_person = m.node_key("person", eco.investor_user.pk)
    investor = parties.org_node(eco.optics_vc.pk, "investor")

    def types(u, v):
        return G.edges[u, v]["types"] if G.has_edge(u, v) else frozenset()

    assert "incubated_at" in types(startup, carrier)
    assert "member_of" in types(founder, startup)
    assert "attended" in types(founder, event) and "attended" in types(startup, event)
    assert "attended" in types(mentor, event)  # a mentor is one node, whatever they do
    assert "pitched_at" in types(startup, event)
    assert "judged" in types(investor_person, event)
    assert "met" in types(investor_person, startup) and "met" in types(investor, startup)
    assert G.nodes[carrier]["name"] == "吉林省光电子产业孵化器"
    assert G.nodes[event]["name"] == "光电子专场路演"
    assert G.nodes[founder]["name"] == "林晓光"


def test_graph_leaves_out_private_and_draft_events(eco, make_event, register):
    private = make_event(title="闭门会", visibility="invitation")
    draft = make_event(title="草稿", status="draft")
    register(private, eco.founder)
    register(draft, eco.founder)
    G = Inputs().graph
    assert parties.event_node(private.pk) not in G and parties.event_node(draft.pk) not in G


def test_registered_relation_providers_add_edges(eco, monkeypatch):
    mentor = parties.mentor_node(eco.optics_mentor.pk)
    startup = parties.org_node(eco.biotech.pk, "startup")
    monkeypatch.setattr(parties, "_relation_providers", [lambda: [(mentor, startup, "mentors")]])
    assert "mentors" in Inputs().graph.edges[mentor, startup]["types"]


def _build_everything() -> int:
    inputs = Inputs()
    startups = inputs.startups()
    inputs.mentors(), inputs.investors(), inputs.loan_products(), inputs.banks()
    inputs.needs(startups=startups), inputs.carriers()
    return inputs.graph.number_of_nodes()


def test_query_count_does_not_grow_with_the_number_of_parties(
    eco, make_startup, make_mentor, make_user, make_need, register, django_assert_num_queries, industries
):
    # 2 trees + startups 3 + mentors 2 + investors 3 + products 2 + banks 3 + needs 1 + carriers 2 + graph 11,
    # plus one query per provider other apps register (mentoring: places taken, mentorships).
    from backend.engine import parties

    expected = 29 + len(parties._mentor_load_providers) + len(parties._relation_providers)
    with django_assert_num_queries(expected):
        small = _build_everything()
    for _ in range(15):
        user = make_user(Role.STARTUP)
        org = make_startup(owner=user, industries=[industries.chips], stage="seed")
        make_need(org, amount="400000")
        register(eco.roadshow, user)
        make_mentor(industries=[industries.chips])
        Membership.objects.create(organisation=eco.bureau, user=user)
    with django_assert_num_queries(expected):
        large = _build_everything()
    assert large > small + 30


@pytest.mark.parametrize("builder", ["startups", "mentors", "investors", "loan_products"])
def test_restricting_by_ids_or_queryset(eco, builder):
    from backend.directory.models import LoanProduct, MentorProfile, Organisation

    inputs = Inputs()
    source = {
        "startups": (Organisation.objects.filter(pk=eco.guangji.pk), eco.guangji.pk),
        "mentors": (MentorProfile.objects.filter(pk=eco.optics_mentor.pk), eco.optics_mentor.pk),
        "investors": (Organisation.objects.filter(pk=eco.optics_vc.pk), eco.optics_vc.pk),
        "loan_products": (LoanProduct.objects.filter(pk=eco.startup_loan.pk), eco.startup_loan.pk),
    }[builder]
    by_queryset = getattr(inputs, builder)(source[0])
    by_ids = getattr(inputs, builder)([source[1]])
    assert [x.id for x in by_queryset] == [x.id for x in by_ids] == [str(source[1])]
