"""Rooms (venues): public to read; kept by organizers of the carrier's operator."""

import pytest

from backend.accounts.models import Role
from backend.directory.models import Membership
from events.models import Room

pytestmark = pytest.mark.django_db


@pytest.fixture
def carrier_organizer(make_user, operator_org):
    user = make_user(Role.ORGANIZER)
    Membership.objects.create(organisation=operator_org, user=user)
    return user


def test_rooms_are_listed_for_everyone_with_carrier_filter(api, room, carrier):
    response = api.get(f"/api/rooms?carrier={carrier.pk}")
    assert response.status_code == 200
    assert [r["name"] for r in response.data["results"]] == ["一号路演厅"]
    assert response.data["results"][0]["carrier"]["region"]["name"] == "朝阳区"


def test_carrier_operator_organizer_creates_and_edits_rooms(client_for, carrier_organizer, carrier):
    client = client_for(carrier_organizer)
    response = client.post(
        "/api/rooms", {"carrier_id": carrier.pk, "name": "二号会议室", "capacity": 30}, format="json"
    )
    assert response.status_code == 201, response.data
    room_id = response.data["id"]
    assert client.patch(f"/api/rooms/{room_id}", {"capacity": 35}, format="json").data["capacity"] == 35
    again = client.post("/api/rooms", {"carrier_id": carrier.pk, "name": "二号会议室", "capacity": 30}, format="json")
    assert again.status_code == 400  # unique name per carrier, as a field error


@pytest.mark.parametrize("who", ["bureau_organizer", "startup"])
def test_others_cannot_create_rooms(client_for, organizer, make_user, carrier, who):
    user = organizer if who == "bureau_organizer" else make_user(Role.STARTUP)
    response = client_for(user).post(
        "/api/rooms", {"carrier_id": carrier.pk, "name": "x", "capacity": 5}, format="json"
    )
    assert response.status_code == 403
    assert not Room.objects.filter(name="x").exists()


def test_room_capacity_must_be_positive(client_for, carrier_organizer, carrier):
    response = client_for(carrier_organizer).post(
        "/api/rooms", {"carrier_id": carrier.pk, "name": "y", "capacity": 0}, format="json"
    )
    assert response.status_code == 400
    assert "capacity" in response.data["errors"]


def test_room_list_query_count_is_constant(api, carrier, django_assert_num_queries):
    Room.objects.create(carrier=carrier, name="A", capacity=10)
    with django_assert_num_queries(2):
        assert api.get("/api/rooms").data["count"] == 1
    Room.objects.create(carrier=carrier, name="B", capacity=10)
    Room.objects.create(carrier=carrier, name="C", capacity=10)
    with django_assert_num_queries(2):
        assert api.get("/api/rooms").data["count"] == 3
