"""/api/mentors: public profiles without contact details; mentors keep their own, admins all."""

import pytest

from backend.accounts.models import Role
from backend.directory.models import MentorProfile

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    assert response.status_code == 200, response.data
    return [row["name"] for row in response.data["results"]]


def test_profile_shows_name_but_never_contact_details(api, make_user, make_mentor, regions, industries):
    user = make_user(Role.MENTOR, name="王导师", email="wang@example.com", phone="13800001234")
    mentor = make_mentor(user=user, title="教授", region=regions.changchun, industries=[industries.chips])
    response = api.get(f"/api/mentors/{mentor.pk}")
    assert response.data["name"] == "王导师"
    assert response.data["user"] == user.pk
    assert response.data["region_name"] == "长春市"
    assert response.data["industries"] == [industries.chips.pk]
    body = response.content.decode()
    assert "wang@example.com" not in body
    assert "13800001234" not in body


def test_mentor_creates_one_profile(client_for, make_user, industries):
    user = make_user(Role.MENTOR)
    client = client_for(user)
    payload = {"title": "高级工程师", "expertise": ["融资", " 融资 ", "知识产权"], "industries": [industries.chips.pk]}
    response = client.post("/api/mentors", payload)
    assert response.status_code == 201, response.data
    assert response.data["expertise"] == ["融资", "知识产权"]
    assert MentorProfile.objects.get().user == user
    again = client.post("/api/mentors", payload)
    assert again.status_code == 409
    assert MentorProfile.objects.count() == 1


@pytest.mark.parametrize("role", [Role.STARTUP, Role.INVESTOR])
def test_non_mentors_cannot_create_profiles(client_for, make_user, role):
    assert client_for(make_user(role)).post("/api/mentors", {"title": "x"}).status_code == 403


def test_anonymous_cannot_create_profiles(api):
    assert api.post("/api/mentors", {"title": "x"}).status_code == 401


def test_user_field_is_read_only(client_for, make_user):
    user, other = make_user(Role.MENTOR), make_user(Role.MENTOR)
    response = client_for(user).post("/api/mentors", {"user": other.pk})
    assert response.status_code == 201
    assert MentorProfile.objects.get().user == user


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"capacity": 101}, "capacity"),
        ({"capacity": -1}, "capacity"),
        ({"industries": [999999]}, "industries"),
        ({"region": 999999}, "region"),
        ({"expertise": ["x" * 33]}, "expertise.0"),
        ({"appointed_year": 1800}, "appointed_year"),
    ],
)
def test_bad_input_is_a_field_error(client_for, make_user, payload, field):
    response = client_for(make_user(Role.MENTOR)).post("/api/mentors", payload)
    assert response.status_code == 400
    assert field in response.data["errors"], response.data


def test_mentor_edits_own_profile_only(client_for, make_mentor):
    own, other = make_mentor(), make_mentor()
    client = client_for(own.user)
    assert client.patch(f"/api/mentors/{own.pk}", {"capacity": 5}).status_code == 200
    assert client.patch(f"/api/mentors/{other.pk}", {"capacity": 5}).status_code == 403
    assert client.delete(f"/api/mentors/{other.pk}").status_code == 403
    assert MentorProfile.objects.get(pk=own.pk).capacity == 5
    assert MentorProfile.objects.get(pk=other.pk).capacity == 3


def test_admin_edits_any_profile(client_for, admin_user, make_mentor):
    mentor = make_mentor()
    assert client_for(admin_user).patch(f"/api/mentors/{mentor.pk}", {"active": False}).status_code == 200
    assert client_for(admin_user).delete(f"/api/mentors/{mentor.pk}").status_code == 204


def test_inactive_profiles_are_visible_to_their_mentor_and_admins_only(
    api, client_for, admin_user, make_mentor, stranger
):
    mentor = make_mentor(active=False)
    assert api.get(f"/api/mentors/{mentor.pk}").status_code == 404
    assert client_for(stranger).get(f"/api/mentors/{mentor.pk}").status_code == 404
    assert client_for(mentor.user).get(f"/api/mentors/{mentor.pk}").status_code == 200
    assert client_for(admin_user).get(f"/api/mentors/{mentor.pk}").status_code == 200


def test_filters(api, make_user, make_mentor, regions, industries):
    make_mentor(user=make_user(name="甲"), region=regions.chaoyang, industries=[industries.chips], expertise=["融资"])
    make_mentor(user=make_user(name="乙"), region=regions.xingtai, industries=[industries.biomed], expertise=["法务"])
    make_mentor(user=make_user(name="丙"), region=regions.jilin_city, bio="二十年光电子行业经验")
    assert names(api.get(f"/api/mentors?region={regions.jilin.pk}")) == ["丙", "甲"]
    assert names(api.get(f"/api/mentors?industry={industries.electronics.pk}")) == ["甲"]
    assert names(api.get("/api/mentors?expertise=法务")) == ["乙"]
    assert names(api.get("/api/mentors?q=光电")) == ["丙"]
    assert names(api.get("/api/mentors?q=芯片")) == []


@pytest.mark.parametrize(("query", "field"), [("industry=999999", "industry"), ("region=x", "region")])
def test_bad_filters(api, query, field):
    response = api.get(f"/api/mentors?{query}")
    assert response.status_code == 400
    assert field in response.data["errors"]


def test_list_costs_the_same_queries_for_one_and_three_rows(api, make_mentor, regions, industries, queries_for):
    make_mentor(region=regions.jilin, industries=[industries.chips])
    one = queries_for(api, "/api/mentors")
    for _ in range(2):
        make_mentor(region=regions.hebei, industries=[industries.chips, industries.biomed])
    assert one == queries_for(api, "/api/mentors") == 3
