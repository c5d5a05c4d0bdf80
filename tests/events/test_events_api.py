"""Events: create, edit, lifecycle, room conflicts, visibility per role, calendar filters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from backend.accounts.models import Role
from backend.directory.models import Carrier, Level, OrgKind
from backend.notifications.models import Notification
from events.models import Event, EventStatus, EventType, Invitation, Registration, Room, Visibility
from tests.events.conftest import at

pytestmark = pytest.mark.django_db


def payload(org, room=None, **extra):
    data = {
        "title": "创业沙龙：光电子产业",
        "type": "salon",
        "organisation": org.pk,
        "room": room.pk if room else None,
        "starts": at(10, 14).isoformat(),
        "ends": at(10, 16).isoformat(),
        "capacity": 60,
    }
    data.update(extra)
    return data


# --- create ------------------------------------------------------------------


def test_create_event_as_organizer_gives_draft(client_for, organizer, bureau, room):
    response = client_for(organizer).post("/api/events", payload(bureau, room), format="json")
    assert response.status_code == 201, response.data
    assert response.data["status"] == "draft"
    assert response.data["room"]["carrier"]["name"] == "吉林省光电子产业孵化器"
    assert response.data["can_manage"] is True


@pytest.mark.parametrize("who", ["anonymous", "startup", "other_organizer", "member_not_organizer"])
def test_create_event_refused_for_non_organizers(
    who, client_for, make_user, other_organizer, member_not_organizer, bureau
):
    user = {
        "anonymous": None,
        "startup": make_user(Role.STARTUP),
        "other_organizer": other_organizer,
        "member_not_organizer": member_not_organizer,
    }[who]
    response = client_for(user).post("/api/events", payload(bureau), format="json")
    assert response.status_code == (401 if user is None else 400)
    if user is not None:
        assert "organisation" in response.data["errors"]
    assert not Event.objects.exists()


def test_admin_may_create_for_any_organisation(client_for, admin_user, bureau):
    response = client_for(admin_user).post("/api/events", payload(bureau), format="json")
    assert response.status_code == 201


def test_end_before_start_is_400_with_field_error(client_for, organizer, bureau):
    data = payload(bureau, starts=at(10, 16).isoformat(), ends=at(10, 14).isoformat())
    response = client_for(organizer).post("/api/events", data, format="json")
    assert response.status_code == 400
    assert "ends" in response.data["errors"]
    assert not Event.objects.exists()


def test_capacity_above_room_capacity_is_400(client_for, organizer, bureau, room):
    response = client_for(organizer).post("/api/events", payload(bureau, room, capacity=500), format="json")
    assert response.status_code == 400
    assert "capacity" in response.data["errors"]


def test_room_and_online_url_together_is_400(client_for, organizer, bureau, room):
    data = payload(bureau, room, online_url="https://meeting.example.com/1")
    response = client_for(organizer).post("/api/events", data, format="json")
    assert response.status_code == 400
    assert "online_url" in response.data["errors"]


def test_room_overlap_is_409_with_the_conflicting_event(client_for, organizer, bureau, room, make_event):
    existing = make_event(title="已有的路演", room=room, starts=at(10, 13), ends=at(10, 15))
    response = client_for(organizer).post("/api/events", payload(bureau, room), format="json")
    assert response.status_code == 409
    assert response.data["code"] == "room_taken"
    assert response.data["conflict"]["id"] == existing.pk
    assert response.data["conflict"]["title"] == "已有的路演"
    assert response.data["conflict"]["starts"] == existing.starts.isoformat()
    assert Event.objects.count() == 1


def test_moving_into_an_occupied_room_is_409_and_nothing_changes(client_for, organizer, room, make_event):
    make_event(room=room, starts=at(10, 13), ends=at(10, 15))
    movable = make_event(room=room, starts=at(11, 13), ends=at(11, 15))
    response = client_for(organizer).patch(
        f"/api/events/{movable.pk}", {"starts": at(10, 14).isoformat(), "ends": at(10, 16).isoformat()}, format="json"
    )
    assert response.status_code == 409
    movable.refresh_from_db()
    assert movable.starts == at(11, 13)
    assert movable.sequence == 0


# --- update and lifecycle ------------------------------------------------------


def test_move_bumps_sequence_and_notifies_registrants(
    client_for, organizer, make_event, make_user, django_capture_on_commit_callbacks
):
    event = make_event()
    attendee = make_user()
    Registration.objects.create(event=event, user=attendee, status="confirmed", queued_at=at())
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organizer).patch(
            f"/api/events/{event.pk}", {"starts": at(8, 9).isoformat(), "ends": at(8, 11).isoformat()}, format="json"
        )
    assert response.status_code == 200, response.data
    assert response.data["sequence"] == 1
    notification = Notification.objects.get(user=attendee)
    assert notification.kind == "event_moved"
    assert notification.target_id == event.pk


def test_title_edit_does_not_bump_sequence(client_for, organizer, make_event):
    event = make_event()
    response = client_for(organizer).patch(f"/api/events/{event.pk}", {"title": "新标题"}, format="json")
    assert response.status_code == 200
    assert response.data["sequence"] == 0


@pytest.mark.parametrize("who", ["other_organizer", "member_not_organizer", "startup"])
def test_update_refused_for_non_managers(who, client_for, make_event, other_organizer, member_not_organizer, make_user):
    user = {"other_organizer": other_organizer, "member_not_organizer": member_not_organizer}.get(who) or make_user(
        Role.STARTUP
    )
    event = make_event()
    response = client_for(user).patch(f"/api/events/{event.pk}", {"title": "x"}, format="json")
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title != "x"


def test_lifecycle_draft_published_ongoing_finished(client_for, organizer, make_event):
    # Relative to now, not to a clock time: "started an hour ago" at any time of day.
    now = timezone.now()
    event = make_event(status=EventStatus.DRAFT, starts=now - timedelta(hours=1), ends=now + timedelta(hours=2))
    client = client_for(organizer)
    assert client.post(f"/api/events/{event.pk}/publish").data["status"] == "published"
    assert client.post(f"/api/events/{event.pk}/start").data["status"] == "ongoing"
    assert client.post(f"/api/events/{event.pk}/finish").data["status"] == "finished"
    response = client.post(f"/api/events/{event.pk}/publish")
    assert response.status_code == 409
    assert response.data["code"] == "invalid_transition"


def test_finish_before_start_is_409(client_for, organizer, make_event):
    event = make_event()
    response = client_for(organizer).post(f"/api/events/{event.pk}/finish")
    assert response.status_code == 409
    assert response.data["code"] == "not_started"


def test_cancel_notifies_registrants_and_frees_the_room(
    client_for, organizer, make_event, room, make_user, bureau, django_capture_on_commit_callbacks
):
    event = make_event(room=room, starts=at(10, 13), ends=at(10, 15))
    people = [make_user(), make_user()]
    for person, status in zip(people, ["confirmed", "waiting"], strict=True):
        Registration.objects.create(event=event, user=person, status=status, queued_at=at())
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organizer).post(f"/api/events/{event.pk}/cancel", {"reason": "场地检修"}, format="json")
    assert response.status_code == 200
    assert response.data["status"] == "cancelled"
    assert response.data["sequence"] == 1
    assert set(Notification.objects.filter(kind="event_cancelled").values_list("user_id", flat=True)) == {
        p.pk for p in people
    }
    # The room is free again.
    again = client_for(organizer).post("/api/events", payload(bureau, room), format="json")
    assert again.status_code == 201


def test_delete_only_drafts(client_for, organizer, make_event):
    draft, published = make_event(status=EventStatus.DRAFT), make_event()
    client = client_for(organizer)
    assert client.delete(f"/api/events/{published.pk}").status_code == 409
    assert client.delete(f"/api/events/{draft.pk}").status_code == 204
    assert list(Event.objects.values_list("pk", flat=True)) == [published.pk]


def test_capacity_below_confirmed_is_409_and_unchanged(client_for, organizer, make_event, make_user):
    event = make_event(capacity=5)
    for _ in range(3):
        Registration.objects.create(event=event, user=make_user(), status="confirmed", queued_at=at())
    response = client_for(organizer).patch(f"/api/events/{event.pk}", {"capacity": 2}, format="json")
    assert response.status_code == 409
    assert response.data["code"] == "capacity_below_confirmed"
    assert "capacity" in response.data["errors"]
    event.refresh_from_db()
    assert event.capacity == 5


def test_capacity_increase_promotes_the_waiting_list(
    client_for, organizer, make_event, make_user, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    first, second, third = make_user(), make_user(), make_user()
    Registration.objects.create(event=event, user=first, status="confirmed", queued_at=at(-3))
    Registration.objects.create(event=event, user=second, status="waiting", queued_at=at(-2))
    Registration.objects.create(event=event, user=third, status="waiting", queued_at=at(-1))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organizer).patch(f"/api/events/{event.pk}", {"capacity": 2}, format="json")
    assert response.status_code == 200
    statuses = dict(Registration.objects.filter(event=event).values_list("user_id", "status"))
    assert statuses == {first.pk: "confirmed", second.pk: "confirmed", third.pk: "waiting"}
    assert Notification.objects.get(kind="waitlist_promoted").user_id == second.pk


# --- visibility ----------------------------------------------------------------


@pytest.fixture
def visibility_events(make_event):
    return {
        "public": make_event(title="公开活动"),
        "draft": make_event(title="草稿", status=EventStatus.DRAFT),
        "invitation": make_event(title="闭门对接会", visibility=Visibility.INVITATION),
    }


def _titles(response):
    return {row["title"] for row in response.data["results"]}


def test_anonymous_sees_public_published_only(api, visibility_events):
    assert _titles(api.get("/api/events")) == {"公开活动"}
    assert api.get(f"/api/events/{visibility_events['draft'].pk}").status_code == 404
    assert api.get(f"/api/events/{visibility_events['invitation'].pk}").status_code == 404


def test_invitee_sees_invitation_event(client_for, make_user, visibility_events):
    invitee = make_user()
    Invitation.objects.create(event=visibility_events["invitation"], user=invitee)
    assert _titles(client_for(invitee).get("/api/events")) == {"公开活动", "闭门对接会"}


def test_other_user_gets_404_for_invitation_event(client_for, make_user, visibility_events):
    response = client_for(make_user()).get(f"/api/events/{visibility_events['invitation'].pk}")
    assert response.status_code == 404


def test_organizer_sees_drafts_of_own_organisation(client_for, organizer, other_organizer, visibility_events):
    assert _titles(client_for(organizer).get("/api/events")) == {"公开活动", "草稿", "闭门对接会"}
    assert _titles(client_for(other_organizer).get("/api/events")) == {"公开活动"}


def test_admin_sees_everything(client_for, admin_user, visibility_events):
    assert _titles(client_for(admin_user).get("/api/events")) == {"公开活动", "草稿", "闭门对接会"}


def test_invitation_management_by_organizer(client_for, organizer, make_user, visibility_events):
    event, guest = visibility_events["invitation"], make_user()
    client = client_for(organizer)
    response = client.post(f"/api/events/{event.pk}/invitations", {"users": [guest.pk]}, format="json")
    assert response.status_code == 201
    assert [row["user"]["id"] for row in response.data] == [guest.pk]
    assert client_for(guest).get(f"/api/events/{event.pk}").status_code == 200
    assert client.delete(f"/api/events/{event.pk}/invitations/{guest.pk}").status_code == 204
    assert client_for(guest).get(f"/api/events/{event.pk}").status_code == 404
    assert client_for(make_user()).get(f"/api/events/{event.pk}/invitations").status_code == 404


# --- calendar filters and pagination ----------------------------------------


def test_filters_type_region_carrier_organisation_dates_status(
    client_for, organizer, make_event, room, regions, make_org
):
    hebei_org = make_org(OrgKind.BUREAU, "邢台市科学技术局", regions["hebei"])
    hebei_carrier = Carrier.objects.create(
        name="邢台市众创空间", kind=Carrier.Kind.MAKER_SPACE, level=Level.MUNICIPAL, region=regions["hebei"]
    )
    hebei_room = Room.objects.create(carrier=hebei_carrier, name="大厅", capacity=100)
    make_event(title="长春路演", type=EventType.ROADSHOW, room=room, starts=at(30, 14), ends=at(30, 16))
    make_event(
        title="邢台论坛", type=EventType.FORUM, organisation=hebei_org, room=hebei_room, starts=at(40), ends=at(40, 16)
    )
    make_event(
        title="线上培训", type=EventType.TRAINING, online_url="https://live.example.com", starts=at(5), ends=at(5, 16)
    )
    make_event(title="已取消", status=EventStatus.CANCELLED)
    client = client_for(organizer)

    def titles(query):
        response = client.get(f"/api/events?{query}")
        assert response.status_code == 200, response.data
        return _titles(response)

    assert titles("type=roadshow&type=forum") == {"长春路演", "邢台论坛"}
    # Region includes sub-regions: the carrier is in 朝阳区 below 吉林省; the online event's organiser is in 长春市.
    assert titles(f"region={regions['jilin'].pk}") == {"长春路演", "线上培训", "已取消"}
    assert titles(f"region={regions['hebei'].pk}") == {"邢台论坛"}
    assert titles(f"carrier={hebei_carrier.pk}") == {"邢台论坛"}
    assert titles(f"organisation={hebei_org.pk}") == {"邢台论坛"}
    day = at(30).date().isoformat()
    assert titles(f"date_from={day}&date_to={day}") == {"长春路演"}
    assert titles("status=cancelled") == {"已取消"}


def test_list_query_count_is_constant(client_for, organizer, make_event, room, django_assert_num_queries):
    client = client_for(organizer)
    make_event(room=room, starts=at(3), ends=at(3, 16))
    client.get("/api/events")  # warm caches (content types …)
    # count + page; the organizer's organisations are cached on the (forced) user by the warm-up.
    with django_assert_num_queries(2):
        one = client.get("/api/events")
    for days in (4, 5):
        make_event(room=room, starts=at(days), ends=at(days, 16))
    with django_assert_num_queries(2):
        three = client.get("/api/events")
    assert (one.data["count"], three.data["count"]) == (1, 3)


def test_list_is_paginated(api, make_event):
    for days in range(25):
        make_event(starts=at(days + 1), ends=at(days + 1, 16))
    response = api.get("/api/events?page_size=10")
    assert response.data["count"] == 25
    assert len(response.data["results"]) == 10


def test_event_detail_shows_counts_and_my_status(client_for, make_user, make_event):
    event, me = make_event(capacity=1), make_user()
    Registration.objects.create(event=event, user=make_user(), status="confirmed", queued_at=at(-1))
    Registration.objects.create(event=event, user=me, status="waiting", queued_at=at())
    data = client_for(me).get(f"/api/events/{event.pk}").data
    assert (data["confirmed_count"], data["waiting_count"], data["my_registration_status"]) == (1, 1, "waiting")
    assert data["can_manage"] is False
