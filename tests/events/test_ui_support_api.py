"""API the browser pages need beyond the core: judges' pitch list, "my" filters,
a people picker for invitations and judges, and a series rule preview."""

from datetime import timedelta

import pytest

from backend.accounts.models import Role
from backend.directory.models import Membership
from events.models import Booking, EventType, Judge
from tests.events.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def pitches(roadshow, make_startup):
    """One approved and one pending booking."""
    slots = list(roadshow.slots.all())
    (u1, s1), (u2, s2) = make_startup(), make_startup()
    approved = Booking.objects.create(event=roadshow, slot=slots[0], startup=s1, applicant=u1, status="approved")
    pending = Booking.objects.create(event=roadshow, slot=slots[1], startup=s2, applicant=u2, status="pending")
    return roadshow, approved, pending, (u1, u2)


def test_judges_see_approved_pitches_but_not_pending_applications(client_for, make_user, pitches):
    event, approved, pending, _ = pitches
    judge = make_user(Role.MENTOR)
    Judge.objects.create(event=event, user=judge)
    rows = client_for(judge).get(f"/api/events/{event.pk}/bookings").data["results"]
    assert [row["id"] for row in rows] == [approved.pk]


def test_people_without_a_scoring_seat_see_no_pitches(client_for, make_user, pitches):
    event, *_ = pitches
    for user in (make_user(Role.MENTOR), make_user(Role.INVESTOR)):
        assert client_for(user).get(f"/api/events/{event.pk}/bookings").data["count"] == 0


def test_startup_with_approved_pitch_still_sees_only_its_own(client_for, pitches):
    event, approved, pending, (u1, u2) = pitches
    assert [r["id"] for r in client_for(u2).get(f"/api/events/{event.pk}/bookings").data["results"]] == [pending.pk]


def test_judging_and_booked_filters(client_for, make_user, make_event, pitches):
    event, approved, pending, (u1, u2) = pitches
    other = make_event(title="另一场")
    judge = make_user(Role.INVESTOR)
    Judge.objects.create(event=event, user=judge)
    judged = client_for(judge).get("/api/events", {"judging": "true"}).data["results"]
    assert [row["id"] for row in judged] == [event.pk]
    booked = client_for(u2).get("/api/events", {"booked": "true"}).data["results"]
    assert [row["id"] for row in booked] == [event.pk]
    Booking.objects.filter(pk=pending.pk).update(status="rejected")
    assert client_for(u2).get("/api/events", {"booked": "true"}).data["count"] == 0
    assert client_for(u2).get("/api/events").data["count"] == 2
    assert other.pk in [row["id"] for row in client_for(u2).get("/api/events").data["results"]]


def test_people_lookup_for_organizers_only(client_for, organizer, other_organizer, make_user, make_event, bureau):
    event = make_event()
    wang = make_user(Role.INVESTOR, name="王投资", email="wang@example.com")
    Membership.objects.create(organisation=bureau, user=wang)
    make_user(Role.MENTOR, name="李导师", phone="13800000001")
    client = client_for(organizer)
    by_name = client.get(f"/api/events/{event.pk}/people", {"q": "王"}).data
    assert [(p["name"], p["organisations"]) for p in by_name] == [("王投资", [bureau.name])]
    assert "email" not in by_name[0]
    assert [p["name"] for p in client.get(f"/api/events/{event.pk}/people", {"q": "WANG@example.com"}).data] == [
        "王投资"
    ]
    assert [p["name"] for p in client.get(f"/api/events/{event.pk}/people", {"q": "13800000001"}).data] == ["李导师"]
    assert client.get(f"/api/events/{event.pk}/people", {"q": "1380000"}).data == []
    response = client.get(f"/api/events/{event.pk}/people", {"q": " "})
    assert response.status_code == 400
    assert "q" in response.data["errors"]
    assert client_for(other_organizer).get(f"/api/events/{event.pk}/people", {"q": "王"}).status_code == 403
    assert client_for(wang).get(f"/api/events/{event.pk}/people", {"q": "王"}).status_code == 403


def test_series_preview_lists_dates_and_saves_nothing(client_for, organizer):
    body = {"rrule": "FREQ=MONTHLY;BYDAY=+2TH;COUNT=3", "dtstart": "2030-01-10T14:00:00+08:00", "duration_minutes": 120}
    response = client_for(organizer).post("/api/series/preview", body, format="json")
    assert response.status_code == 200, response.data
    assert [row["starts"][:10] for row in response.data] == ["2030-01-10", "2030-02-14", "2030-03-14"]
    assert response.data[0]["ends"].startswith("2030-01-10T16:00:00+08:00")
    from events.models import Series

    assert Series.objects.count() == 0


def test_series_preview_bad_rule_is_400_with_field(client_for, organizer):
    body = {"rrule": "FREQ=SOMETIMES", "dtstart": at(3).isoformat(), "duration_minutes": 60}
    response = client_for(organizer).post("/api/series/preview", body, format="json")
    assert response.status_code == 400
    assert "rrule" in response.data["errors"]


def test_series_preview_needs_login(api):
    body = {"rrule": "FREQ=WEEKLY;COUNT=2", "dtstart": at(3).isoformat(), "duration_minutes": 60}
    assert api.post("/api/series/preview", body, format="json").status_code in (401, 403)


def test_roadshow_type_is_pitch_event(make_event):
    assert make_event(type=EventType.ROADSHOW, starts=at(3), ends=at(3) + timedelta(hours=1)).is_pitch_event


def test_can_score_tells_judges_and_seated_investors(client_for, make_user, roadshow, organizer):
    from events.models import Registration

    judge, investor, seated, mentor = (
        make_user(Role.MENTOR),
        make_user(Role.INVESTOR),
        make_user(Role.INVESTOR),
        make_user(Role.MENTOR),
    )
    Judge.objects.create(event=roadshow, user=judge)
    Registration.objects.create(event=roadshow, user=seated, status="confirmed", queued_at=roadshow.created_at)
    Registration.objects.create(event=roadshow, user=mentor, status="confirmed", queued_at=roadshow.created_at)
    expected = {judge: True, investor: False, seated: True, mentor: False, organizer: False}
    for user, can in expected.items():
        assert client_for(user).get(f"/api/events/{roadshow.pk}").data["can_score"] is can, user.name
        listed = client_for(user).get("/api/events").data["results"]
        assert [row["can_score"] for row in listed if row["id"] == roadshow.pk] == [can]


def test_chinese_search_matches_words_in_title_description_organiser_and_venue(api, make_event, room, bureau):
    roadshow = make_event(title="月月有路演·光电子产业项目路演", title_en="Monthly roadshow", room=room)
    matchmaking = make_event(title="银企对接会", description="科技支行与企业面对面", starts=at(9), ends=at(9, 17))

    def found(q):
        return [row["id"] for row in api.get("/api/events", {"q": q}).data["results"]]

    assert found("光电路演") == [roadshow.pk]
    assert found("光电 路演") == [roadshow.pk]
    assert found("roadshow") == [roadshow.pk]
    assert found("科技支行") == [matchmaking.pk]
    assert found("孵化器") == [roadshow.pk]  # the carrier of its room
    assert sorted(found(bureau.name)) == sorted([roadshow.pk, matchmaking.pk])
    assert found("路演 银企") == []
