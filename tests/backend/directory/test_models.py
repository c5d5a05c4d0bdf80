"""Each database constraint of the directory refuses the bad row (not only Python checks)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from backend.directory.models import (
    MAX_AMOUNT,
    Carrier,
    CarrierEvaluation,
    FinancingNeed,
    Industry,
    InvestorProfile,
    LoanProduct,
    Membership,
    MentorProfile,
    Organisation,
    Region,
    StartupProfile,
)
from backend.directory.services import search_documents_refresh

pytestmark = pytest.mark.django_db


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_region_names_are_unique_within_a_parent(regions):
    assert refused(lambda: Region.objects.create(name="长春市", level="city", parent=regions.jilin))
    assert not refused(lambda: Region.objects.create(name="长春市", level="city", parent=regions.hebei))


def test_industry_names_are_unique_within_a_parent_and_slugs_everywhere(industries):
    assert refused(lambda: Industry.objects.create(name="光电子", slug="other", parent=industries.electronics))
    assert refused(lambda: Industry.objects.create(name="新名", slug="optoelectronics"))
    assert not refused(lambda: Industry.objects.create(name="光电子", slug="opto-2", parent=industries.biomed))


def test_tree_paths_follow_parents(regions):
    assert regions.chaoyang.path == f"/{regions.jilin.pk}/{regions.changchun.pk}/{regions.chaoyang.pk}/"
    assert regions.chaoyang.depth == 2
    regions.changchun.parent = regions.hebei
    regions.changchun.save()
    regions.chaoyang.refresh_from_db()
    assert regions.chaoyang.path == f"/{regions.hebei.pk}/{regions.changchun.pk}/{regions.chaoyang.pk}/"


def test_organisation_names_are_unique(make_organisation, regions):
    make_organisation(name="长春市科技局")
    assert refused(lambda: Organisation.objects.create(kind="bureau", name="长春市科技局", region=regions.jilin))


def test_one_membership_per_person_and_organisation(make_organisation, make_user):
    user = make_user()
    organisation = make_organisation(owner=user)
    assert refused(lambda: Membership.objects.create(organisation=organisation, user=user, role="member"))


@pytest.mark.parametrize(
    ("kind", "demo_base_type"), [("demo_base", ""), ("incubator", "region"), ("maker_space", "enterprise")]
)
def test_demo_base_type_if_and_only_if_demo_base(regions, kind, demo_base_type):
    assert refused(
        lambda: Carrier.objects.create(
            name="某载体", kind=kind, demo_base_type=demo_base_type, level="national", region=regions.jilin
        )
    )


def test_demo_base_with_type_is_accepted(regions):
    assert not refused(
        lambda: Carrier.objects.create(
            name="某基地", kind="demo_base", demo_base_type="region", level="national", region=regions.jilin
        )
    )


@pytest.mark.parametrize("field", ["area_m2", "seed_fund"])
def test_carrier_area_and_seed_fund_are_not_negative(make_carrier, field):
    carrier = make_carrier()
    assert refused(lambda: Carrier.objects.filter(pk=carrier.pk).update(**{field: Decimal("-1")}))


def test_carrier_names_are_unique(make_carrier):
    make_carrier(name="吉林省光电子产业孵化器")
    assert refused(lambda: make_carrier(name="吉林省光电子产业孵化器"))


def test_one_evaluation_per_carrier_and_year(make_carrier):
    carrier = make_carrier()
    CarrierEvaluation.objects.create(carrier=carrier, year=2023, grade="A")
    assert refused(lambda: CarrierEvaluation.objects.create(carrier=carrier, year=2023, grade="B"))


def test_startup_certifications_must_be_known(make_startup):
    startup = make_startup()
    assert refused(lambda: StartupProfile.objects.filter(pk=startup.pk).update(certifications=["nobel"]))


def test_graduated_year_only_for_graduated_startups(make_startup):
    startup = make_startup()
    assert refused(lambda: StartupProfile.objects.filter(pk=startup.pk).update(graduated_year=2020))
    assert not refused(lambda: StartupProfile.objects.filter(pk=startup.pk).update(graduated=True, graduated_year=2020))


@pytest.mark.parametrize(("low", "high"), [("10", "5"), ("-1", "5")])
def test_investor_ticket_range_is_valid(make_investor, low, high):
    investor = make_investor()
    assert refused(
        lambda: InvestorProfile.objects.filter(pk=investor.pk).update(ticket_min=Decimal(low), ticket_max=Decimal(high))
    )


def test_investor_stages_must_be_known(make_investor):
    investor = make_investor()
    assert refused(lambda: InvestorProfile.objects.filter(pk=investor.pk).update(stages=["unicorn"]))


def test_loan_product_names_are_unique_per_bank(make_product, make_bank):
    product = make_product(name="创客贷")
    assert refused(lambda: make_product(bank=product.bank, name="创客贷"))
    assert not refused(lambda: make_product(bank=make_bank(), name="创客贷"))


@pytest.mark.parametrize(
    "update",
    [
        {"amount_min": Decimal("0")},
        {"amount_min": Decimal("-5")},
        {"amount_min": Decimal("2000000"), "amount_max": Decimal("1000000")},
        {"stages": []},
        {"stages": ["unicorn"]},
        {"collateral": []},
        {"collateral": ["goodwill"]},
    ],
)
def test_loan_product_constraints(make_product, update):
    product = make_product()
    assert refused(lambda: LoanProduct.objects.filter(pk=product.pk).update(**update))


def test_mentor_capacity_is_sane_and_one_profile_per_user(make_mentor):
    mentor = make_mentor()
    assert refused(lambda: MentorProfile.objects.filter(pk=mentor.pk).update(capacity=101))
    assert refused(lambda: MentorProfile.objects.create(user=mentor.user))


@pytest.mark.parametrize(
    "fields",
    [
        {"amount": Decimal("0")},
        {"amount": Decimal("-1")},
        {"amount": MAX_AMOUNT + 1},
        {"amount": Decimal("1"), "collateral_offered": ["goodwill"]},
    ],
)
def test_financing_need_constraints(make_startup, fields):
    startup = make_startup()
    assert refused(lambda: FinancingNeed.objects.create(startup=startup, kind="debt", purpose="扩产", **fields))


def test_search_document_names_industries_and_bulk_refresh(make_startup, industries):
    startup = make_startup(org={"name": "某科技"}, industries=[industries.optoelectronics])
    startup.refresh_from_db()
    assert "光电子" in startup.search_document.split()
    Organisation.objects.filter(pk=startup.pk).update(search_document="")
    assert search_documents_refresh(queryset=Organisation.objects.all()) == 1
    startup.refresh_from_db()
    assert "光电子" in startup.search_document.split()


@pytest.mark.parametrize("model", ["Region", "Industry"])
def test_two_roots_with_one_name_are_refused(no_reference_trees, model):
    from backend.directory import models as directory_models

    cls = getattr(directory_models, model)
    extra = {"level": "province"} if model == "Region" else {"slug": "root-a"}
    cls.objects.create(name="同名", **extra)
    extra = {"level": "province"} if model == "Region" else {"slug": "root-b"}
    with pytest.raises(IntegrityError), transaction.atomic():
        cls.objects.create(name="同名", **extra)
