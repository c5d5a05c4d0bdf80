"""/api/regions and /api/industries: whole trees for everyone, changes by admins."""

import pytest

from backend.accounts.models import Role
from backend.directory.models import Industry, Region

pytestmark = pytest.mark.django_db


def test_regions_are_one_unpaginated_list_in_tree_order(api, regions):
    response = api.get("/api/regions")
    assert response.status_code == 200
    assert [row["name"] for row in response.data] == ["吉林省", "长春市", "朝阳区", "吉林市", "河北省", "邢台市"]
    chaoyang = response.data[2]
    assert chaoyang == {
        "id": regions.chaoyang.pk,
        "name": "朝阳区",
        "name_en": "",
        "level": "county",
        "code": "220104",
        "parent": regions.changchun.pk,
        "depth": 2,
        "path": regions.chaoyang.path,
    }


def test_region_filters_level_parent_and_within(api, regions):
    assert [r["name"] for r in api.get("/api/regions?level=province").data] == ["吉林省", "河北省"]
    assert [r["name"] for r in api.get(f"/api/regions?parent={regions.jilin.pk}").data] == ["长春市", "吉林市"]
    within = api.get(f"/api/regions?within={regions.changchun.pk}").data
    assert [r["name"] for r in within] == ["长春市", "朝阳区"]


@pytest.mark.parametrize("query", ["level=planet", "parent=999999", "within=abc"])
def test_region_bad_filters_are_field_errors(api, regions, query):
    response = api.get(f"/api/regions?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.data["errors"]


def test_region_detail(api, regions):
    assert api.get(f"/api/regions/{regions.xingtai.pk}").data["name"] == "邢台市"


def test_industries_filter_by_group_and_within(api, industries):
    assert [i["name"] for i in api.get("/api/industries").data] == ["电子信息", "光电子", "集成电路", "生物医药"]
    Industry.objects.filter(pk=industries.biomed.pk).update(group="traditional")
    assert [i["name"] for i in api.get("/api/industries?group=traditional").data] == ["生物医药"]
    within = api.get(f"/api/industries?within={industries.electronics.pk}").data
    assert [i["slug"] for i in within] == ["electronics", "optoelectronics", "integrated-circuits"]


def test_tree_list_costs_one_query_for_any_size(api, regions, queries_for):
    assert queries_for(api, "/api/regions") == 1
    Region.objects.create(name="延边州", level="city", parent=regions.jilin)
    assert queries_for(api, "/api/regions") == 1


@pytest.mark.parametrize("role", [Role.STARTUP, Role.ORGANIZER, Role.BANK])
def test_non_admins_cannot_change_regions(client_for, make_user, regions, role):
    client = client_for(make_user(role))
    assert (
        client.post("/api/regions", {"name": "四平市", "level": "city", "parent": regions.jilin.pk}).status_code == 403
    )
    assert client.patch(f"/api/regions/{regions.xingtai.pk}", {"name": "邢台"}).status_code == 403
    assert client.delete(f"/api/regions/{regions.xingtai.pk}").status_code == 403
    assert Region.objects.filter(name="邢台市").exists()


def test_anonymous_cannot_change_industries(api, industries):
    assert api.post("/api/industries", {"name": "新材料", "slug": "materials"}).status_code == 401


def test_admin_creates_moves_and_deletes_regions(client_for, admin_user, regions):
    client = client_for(admin_user)
    created = client.post("/api/regions", {"name": "四平市", "level": "city", "parent": regions.jilin.pk})
    assert created.status_code == 201, created.data
    assert created.data["path"] == f"{regions.jilin.path}{created.data['id']}/"
    moved = client.patch(f"/api/regions/{regions.changchun.pk}", {"parent": regions.hebei.pk})
    assert moved.status_code == 200
    regions.chaoyang.refresh_from_db()
    assert regions.chaoyang.path.startswith(regions.hebei.path)
    assert client.delete(f"/api/regions/{created.data['id']}").status_code == 204


def test_moving_a_node_below_itself_is_a_field_error(client_for, admin_user, regions):
    response = client_for(admin_user).patch(f"/api/regions/{regions.jilin.pk}", {"parent": regions.chaoyang.pk})
    assert response.status_code == 400
    assert "parent" in response.data["errors"]


def test_deleting_a_region_in_use_is_a_conflict(client_for, admin_user, regions, make_startup):
    make_startup(region=regions.xingtai)
    response = client_for(admin_user).delete(f"/api/regions/{regions.xingtai.pk}")
    assert response.status_code == 409
    assert response.data["code"] == "in_use"
    parent_response = client_for(admin_user).delete(f"/api/regions/{regions.jilin.pk}")
    assert parent_response.status_code == 409  # it has children


def test_industry_slug_must_be_unique(client_for, admin_user, industries):
    response = client_for(admin_user).post("/api/industries", {"name": "光电", "slug": "optoelectronics"})
    assert response.status_code == 400
    assert "slug" in response.data["errors"]
