"""/api/startups filters, ordering, pagination and query counts."""

from datetime import date

import pytest

from backend.accounts.models import Role

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    assert response.status_code == 200, response.data
    return [row["name"] for row in response.data["results"]]


def test_industry_filter_includes_sub_industries(api, make_startup, industries):
    make_startup(org={"name": "光"}, industries=[industries.optoelectronics])
    make_startup(org={"name": "芯"}, industries=[industries.chips, industries.optoelectronics])
    make_startup(org={"name": "药"}, industries=[industries.biomed])
    assert names(api.get(f"/api/startups?industry={industries.electronics.pk}")) == ["光", "芯"]
    assert names(api.get(f"/api/startups?industry={industries.chips.pk}")) == ["芯"]


def test_region_filter_includes_sub_regions(api, make_startup, regions):
    make_startup(org={"name": "朝阳"}, region=regions.chaoyang)
    make_startup(org={"name": "吉林"}, region=regions.jilin_city)
    make_startup(org={"name": "邢台"}, region=regions.xingtai)
    assert names(api.get(f"/api/startups?region={regions.jilin.pk}")) == ["吉林", "朝阳"]
    assert names(api.get(f"/api/startups?region={regions.changchun.pk}")) == ["朝阳"]


def test_stage_filter_takes_several_values(api, make_startup):
    make_startup(org={"name": "a"}, stage="seed")
    make_startup(org={"name": "b"}, stage="growth")
    make_startup(org={"name": "c"}, stage="mature")
    assert names(api.get("/api/startups?stage=seed&stage=mature")) == ["a", "c"]


def test_certification_filter_needs_all_given(api, make_startup):
    make_startup(org={"name": "a"}, certifications=["high_tech"])
    make_startup(org={"name": "b"}, certifications=["high_tech", "specialized"])
    assert names(api.get("/api/startups?certification=high_tech")) == ["a", "b"]
    assert names(api.get("/api/startups?certification=high_tech&certification=specialized")) == ["b"]


def test_carrier_and_graduated_filters(api, make_startup, make_carrier):
    carrier = make_carrier()
    make_startup(org={"name": "在孵"}, carrier=carrier)
    make_startup(org={"name": "毕业"}, carrier=carrier, graduated=True)
    make_startup(org={"name": "别处"})
    assert names(api.get(f"/api/startups?carrier={carrier.pk}")) == ["在孵", "毕业"]
    assert names(api.get(f"/api/startups?carrier={carrier.pk}&graduated=true")) == ["毕业"]
    assert names(api.get("/api/startups?graduated=false")) == ["别处", "在孵"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("industry=999999", "industry"),
        ("industry=abc", "industry"),
        ("region=999999", "region"),
        ("carrier=999999", "carrier"),
        ("stage=unicorn", "stage"),
        ("certification=nobel", "certification"),
        ("ordering=revenue", "ordering"),
    ],
)
def test_bad_filters_are_field_errors(api, query, field):
    response = api.get(f"/api/startups?{query}")
    assert response.status_code == 400
    assert field in response.data["errors"]


def test_ordering_by_employees_ip_count_founded_and_name(api, make_startup):
    make_startup(org={"name": "甲", "founded": date(2020, 1, 1)}, employees=5, ip_count=9)
    make_startup(org={"name": "乙", "founded": date(2018, 1, 1)}, employees=50, ip_count=1)
    make_startup(org={"name": "丙"}, employees=20, ip_count=3)
    assert names(api.get("/api/startups?ordering=-employees")) == ["乙", "丙", "甲"]
    assert names(api.get("/api/startups?ordering=ip_count")) == ["乙", "丙", "甲"]
    assert names(api.get("/api/startups?ordering=founded")) == ["乙", "甲", "丙"]  # unknown founding date last
    assert names(api.get("/api/startups?ordering=-name")) == sorted(["甲", "乙", "丙"], reverse=True)


def test_pagination(api, make_startup):
    for index in range(5):
        make_startup(org={"name": f"企业{index}"})
    first = api.get("/api/startups?page_size=2")
    assert first.data["count"] == 5
    assert [row["name"] for row in first.data["results"]] == ["企业0", "企业1"]
    third = api.get("/api/startups?page_size=2&page=3")
    assert [row["name"] for row in third.data["results"]] == ["企业4"]
    assert third.data["next"] is None


def test_search_filter_finds_by_description_and_industry_name(api, make_startup, industries):
    make_startup(org={"name": "长春光芯", "description": "专注光电子芯片研发"})
    make_startup(org={"name": "某科技"}, industries=[industries.optoelectronics])
    make_startup(org={"name": "某药业", "description": "创新药"})
    assert sorted(names(api.get("/api/startups?q=光电"))) == ["某科技", "长春光芯"]
    assert names(api.get("/api/startups?q=，。！")) == []


@pytest.mark.parametrize("as_member", [False, True])
def test_list_costs_the_same_queries_for_one_and_three_rows(
    client_for, make_startup, make_carrier, industries, founder, queries_for, as_member
):
    client = client_for(founder)
    carrier = make_carrier()
    owner = founder if as_member else None
    make_startup(owner=owner, carrier=carrier, industries=[industries.chips])
    one = queries_for(client, "/api/startups")
    for _ in range(2):
        make_startup(owner=owner, carrier=carrier, industries=[industries.chips, industries.biomed])
    three = queries_for(client, "/api/startups")
    assert one == three == 3  # count, page, industries


def test_list_as_anonymous_costs_three_queries(api, make_startup, make_user, queries_for):
    for _ in range(3):
        make_startup(owner=make_user(Role.STARTUP))
    assert queries_for(api, "/api/startups") == 3
