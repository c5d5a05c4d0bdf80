"""/api/investors: profile fields, filters (stage, region coverage, ticket amount), permissions."""

from decimal import Decimal

import pytest

from backend.accounts.models import Role
from backend.directory.models import InvestorProfile, Membership, Organisation
from backend.directory.serializers import RANGE_INVERTED

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    assert response.status_code == 200, response.data
    return [row["name"] for row in response.data["results"]]


def investor_payload(region_tree, **extra):
    return {
        "name": "吉林省天使投资基金",
        "region": region_tree.changchun.pk,
        "investor_type": "angel",
        "stages": ["startup", "seed"],
        "ticket_min": "500000",
        "ticket_max": "5000000",
        "regions": [region_tree.jilin.pk],
        **extra,
    }


def test_detail_flattens_the_profile(api, make_investor, regions):
    investor = make_investor(org={"name": "某创投"}, target_regions=[regions.jilin], stages=["seed"])
    data = api.get(f"/api/investors/{investor.pk}").data
    assert data["name"] == "某创投"
    assert data["kind"] == "investor"
    assert data["investor_type"] == "vc"
    assert data["stages"] == ["seed"]
    assert data["ticket_min"] == "1000000.00"
    assert data["ticket_max"] == "10000000.00"
    assert data["regions"] == [regions.jilin.pk]


def test_investor_role_creates_and_owns(client_for, make_user, regions):
    user = make_user(Role.INVESTOR)
    response = client_for(user).post("/api/investors", investor_payload(regions))
    assert response.status_code == 201, response.data
    assert response.data["stages"] == ["seed", "startup"]  # de-duplicated, in stage order
    organisation = Organisation.objects.get(pk=response.data["id"])
    assert organisation.investor.investor_type == "angel"
    assert list(organisation.investor.regions.all()) == [regions.jilin]
    assert Membership.objects.get(organisation=organisation, user=user).role == "owner"


@pytest.mark.parametrize("role", [Role.STARTUP, Role.BANK])
def test_other_roles_cannot_create_investors(client_for, make_user, regions, role):
    assert client_for(make_user(role)).post("/api/investors", investor_payload(regions)).status_code == 403


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"ticket_min": "6000000"}, "ticket_max"),
        ({"ticket_min": "-1"}, "ticket_min"),
        ({"stages": ["unicorn"]}, "stages.0"),
        ({"regions": [999999]}, "regions"),
        ({"investor_type": "uncle"}, "investor_type"),
    ],
)
def test_create_rejects_bad_input(client_for, make_user, regions, extra, field):
    response = client_for(make_user(Role.INVESTOR)).post("/api/investors", investor_payload(regions, **extra))
    assert response.status_code == 400
    assert field in response.data["errors"], response.data


def test_patch_checks_the_range_against_stored_values(client_for, make_user, make_investor):
    owner = make_user(Role.INVESTOR)
    investor = make_investor(owner=owner)
    response = client_for(owner).patch(f"/api/investors/{investor.pk}", {"ticket_min": "20000000"})
    assert response.status_code == 400
    assert response.data["errors"]["ticket_max"] == [RANGE_INVERTED]
    ok = client_for(owner).patch(f"/api/investors/{investor.pk}", {"ticket_max": "30000000", "ticket_min": "20000000"})
    assert ok.status_code == 200
    assert InvestorProfile.objects.get(pk=investor.pk).ticket_min == Decimal("20000000")


def test_non_member_cannot_patch(client_for, make_investor, make_user):
    investor = make_investor(owner=make_user(Role.INVESTOR))
    assert client_for(make_user(Role.INVESTOR)).patch(f"/api/investors/{investor.pk}", {"name": "x"}).status_code == 403


def test_filters(api, make_investor, regions, industries):
    make_investor(
        org={"name": "全国"}, stages=["growth"], ticket_min=Decimal("5000000"), ticket_max=Decimal("50000000")
    )
    make_investor(org={"name": "吉林"}, target_regions=[regions.jilin], stages=["seed"], industries=[industries.chips])
    make_investor(org={"name": "长春"}, target_regions=[regions.changchun], stages=["seed", "startup"])
    make_investor(org={"name": "河北"}, target_regions=[regions.hebei], stages=["startup"])
    assert names(api.get("/api/investors?stage=seed")) == ["吉林", "长春"]
    assert names(api.get("/api/investors?stage=growth&stage=startup")) == ["全国", "河北", "长春"]
    # covering: a province covers its cities, no target regions covers everywhere
    assert names(api.get(f"/api/investors?region={regions.chaoyang.pk}")) == ["全国", "吉林", "长春"]
    assert names(api.get(f"/api/investors?region={regions.jilin.pk}")) == ["全国", "吉林", "长春"]
    assert names(api.get(f"/api/investors?region={regions.xingtai.pk}")) == ["全国", "河北"]
    assert names(api.get("/api/investors?amount=20000000")) == ["全国"]
    assert names(api.get("/api/investors?amount=5000000")) == ["全国", "吉林", "河北", "长春"]
    assert names(api.get(f"/api/investors?industry={industries.electronics.pk}")) == ["吉林"]


@pytest.mark.parametrize(
    ("query", "field"),
    [("amount=0", "amount"), ("amount=-5", "amount"), ("amount=abc", "amount"), ("stage=x", "stage")],
)
def test_bad_filters_are_field_errors(api, query, field):
    response = api.get(f"/api/investors?{query}")
    assert response.status_code == 400
    assert field in response.data["errors"]


def test_list_costs_the_same_queries_for_one_and_three_rows(api, make_investor, regions, industries, queries_for):
    make_investor(target_regions=[regions.jilin], industries=[industries.chips])
    one = queries_for(api, "/api/investors")
    for _ in range(2):
        make_investor(target_regions=[regions.jilin, regions.hebei], industries=[industries.biomed])
    assert one == queries_for(api, "/api/investors") == 4  # count, page, industries, target regions
