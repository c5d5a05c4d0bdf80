"""Series (RFC 5545 RRULE) and calendars (.ics per event, private feeds parsed with icalendar)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from backend.accounts.models import Role
from events.models import Booking, Event, EventStatus, EventType, PitchSlot, Registration, Series
from tests.events.conftest import SHANGHAI, at

pytestmark = pytest.mark.django_db


def next_month_start() -> datetime:
    today = at(0)
    month_start = (today.replace(day=1) + timedelta(days=32)).replace(day=1, hour=14, minute=0)
    return month_start


def series_payload(org, room, **extra):
    data = {
        "title": "光电子项目路演日",
        "type": "roadshow",
        "organisation": org.pk,
        "room": room.pk,
        "capacity": 80,
        "rrule": "FREQ=MONTHLY;BYDAY=+2TH;COUNT=6",
        "dtstart": next_month_start().isoformat(),
        "duration_minutes": 180,
    }
    data.update(extra)
    return data


def test_monthly_series_generates_second_thursdays(client_for, organizer, bureau, room):
    response = client_for(organizer).post("/api/series", series_payload(bureau, room), format="json")
    assert response.status_code == 201, response.data
    assert response.data["occurrence_count"] == 6
    events = list(Event.objects.filter(series_id=response.data["id"]).order_by("starts"))
    assert len(events) == 6
    for event in events:
        local = event.starts.astimezone(SHANGHAI)
        assert (local.weekday(), 8 <= local.day <= 14, local.hour) == (3, True, 14)
        assert event.recurrence_id == event.starts
        assert event.ends - event.starts == timedelta(hours=3)
        assert event.status == EventStatus.PUBLISHED


def test_quarterly_forum_without_count_is_capped_by_horizon(client_for, organizer, bureau, room):
    data = series_payload(bureau, room, type="forum", rrule="FREQ=MONTHLY;INTERVAL=3", duration_minutes=240)
    response = client_for(organizer).post("/api/series", data, format="json")
    assert response.status_code == 201, response.data
    assert response.data["occurrence_count"] == 5  # 400 days ahead: months 0, 3, 6, 9, 12


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        ("FREQ=SOMETIMES", "invalid_rrule"),
        ("not a rule", "invalid_rrule"),
        ("FREQ=DAILY;COUNT=500", "too_many_occurrences"),
        ("FREQ=DAILY;COUNT=2\nDTSTART:20200101T000000", "invalid_rrule"),
    ],
)
def test_bad_rules_are_400_and_create_nothing(client_for, organizer, bureau, room, rule, code):
    response = client_for(organizer).post("/api/series", series_payload(bureau, room, rrule=rule), format="json")
    assert response.status_code == 400
    assert response.data["code"] == code
    assert "rrule" in response.data["errors"]
    assert not Series.objects.exists()
    assert not Event.objects.exists()


def test_series_colliding_with_an_event_in_the_room_is_409(client_for, organizer, bureau, room, make_event):
    start = next_month_start()
    series_start = start + timedelta(days=(3 - start.weekday()) % 7 + 7)  # the 2nd Thursday
    blocker = make_event(room=room, starts=series_start + timedelta(hours=1), ends=series_start + timedelta(hours=2))
    response = client_for(organizer).post("/api/series", series_payload(bureau, room), format="json")
    assert response.status_code == 409
    assert response.data["conflicts"][0]["conflict"]["id"] == blocker.pk
    assert not Series.objects.exists()


def test_move_and_cancel_one_occurrence_then_regenerate_keeps_them(client_for, organizer, bureau, room):
    client = client_for(organizer)
    series_id = client.post("/api/series", series_payload(bureau, room), format="json").data["id"]
    occurrences = list(Event.objects.filter(series_id=series_id).order_by("starts"))
    moved, cancelled, untouched = occurrences[1], occurrences[2], occurrences[3]
    new_start = moved.starts + timedelta(days=1)
    response = client.patch(
        f"/api/events/{moved.pk}",
        {"starts": new_start.isoformat(), "ends": (new_start + timedelta(hours=3)).isoformat()},
        format="json",
    )
    assert response.status_code == 200
    assert response.data["is_moved"] is True
    assert client.post(f"/api/events/{cancelled.pk}/cancel").status_code == 200
    # Others untouched.
    untouched.refresh_from_db()
    assert (untouched.sequence, untouched.status) == (0, "published")
    # Regenerating creates nothing new and recreates neither the moved nor the cancelled one.
    response = client.post(f"/api/series/{series_id}/regenerate")
    assert response.status_code == 200
    assert Event.objects.filter(series_id=series_id).count() == 6
    moved.refresh_from_db()
    assert moved.starts == new_start
    assert Event.objects.get(pk=cancelled.pk).status == "cancelled"


def test_series_update_title_flows_to_untouched_occurrences_only(client_for, organizer, bureau, room, make_user):
    client = client_for(organizer)
    series_id = client.post("/api/series", series_payload(bureau, room), format="json").data["id"]
    occurrences = list(Event.objects.filter(series_id=series_id).order_by("starts"))
    Registration.objects.create(event=occurrences[0], user=make_user(), status="confirmed", queued_at=at())
    response = client.patch(f"/api/series/{series_id}", {"title": "月月有路演"}, format="json")
    assert response.status_code == 200, response.data
    titles = list(Event.objects.filter(series_id=series_id).order_by("starts").values_list("title", flat=True))
    assert titles == ["光电子项目路演日"] + ["月月有路演"] * 5


def test_series_management_per_role(client_for, organizer, other_organizer, bureau, room, make_user, api):
    assert api.post("/api/series", series_payload(bureau, room), format="json").status_code == 401
    response = client_for(other_organizer).post("/api/series", series_payload(bureau, room), format="json")
    assert response.status_code == 400
    assert "organisation" in response.data["errors"]
    series_id = client_for(organizer).post("/api/series", series_payload(bureau, room), format="json").data["id"]
    assert client_for(other_organizer).get(f"/api/series/{series_id}").status_code == 404
    assert client_for(make_user(Role.STARTUP)).get("/api/series").data["count"] == 0
    assert client_for(organizer).get("/api/series").data["count"] == 1


# --- calendars ------------------------------------------------------------------


def parse(content: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(content)


def vevents(cal: icalendar.Calendar) -> list:
    return [c for c in cal.walk("VEVENT")]


def test_event_ics_has_vtimezone_stable_uid_and_dtstamp_in_utc(api, make_event, room):
    event = make_event(title="创业沙龙", room=room, starts=at(5, 14), ends=at(5, 16))
    response = api.get(f"/api/events/{event.pk}/ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = parse(response.content)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    (vevent,) = vevents(cal)
    assert str(vevent["UID"]) == f"event-{event.pk}@innolink"
    assert vevent["SUMMARY"] == "创业沙龙"
    assert vevent.decoded("DTSTART") == at(5, 14)
    assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert vevent.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert b"DTSTAMP:" in response.content and b"Z\r\n" in response.content
    assert vevent["STATUS"] == "CONFIRMED"
    assert int(vevent["SEQUENCE"]) == 0
    assert "吉林省光电子产业孵化器" in str(vevent["LOCATION"])


def test_moved_and_cancelled_events_in_ics(client_for, organizer, make_event, api):
    event = make_event(starts=at(5, 14), ends=at(5, 16))
    client = client_for(organizer)
    client.patch(
        f"/api/events/{event.pk}", {"starts": at(6, 9).isoformat(), "ends": at(6, 11).isoformat()}, format="json"
    )
    (moved,) = vevents(parse(api.get(f"/api/events/{event.pk}/ics").content))
    assert (int(moved["SEQUENCE"]), moved.decoded("DTSTART")) == (1, at(6, 9))
    client.post(f"/api/events/{event.pk}/cancel")
    (cancelled,) = vevents(parse(api.get(f"/api/events/{event.pk}/ics").content))
    assert (cancelled["STATUS"], int(cancelled["SEQUENCE"]), str(cancelled["UID"])) == (
        "CANCELLED",
        2,
        f"event-{event.pk}@innolink",
    )


def test_invisible_event_ics_is_404(api, make_event):
    assert api.get(f"/api/events/{make_event(status=EventStatus.DRAFT).pk}/ics").status_code == 404


def test_private_feed_lists_registrations_and_pitch_slots(client_for, make_event, make_startup, api):
    user, startup = make_startup()
    salon = make_event(title="创业沙龙", starts=at(3), ends=at(3, 16))
    waiting = make_event(title="满员培训", starts=at(4), ends=at(4, 16))
    cancelled = make_event(title="取消的论坛", starts=at(5), ends=at(5, 16), status=EventStatus.CANCELLED)
    make_event(title="未报名的活动")
    Registration.objects.create(event=salon, user=user, status="confirmed", queued_at=at())
    Registration.objects.create(event=waiting, user=user, status="waiting", queued_at=at())
    Registration.objects.create(event=cancelled, user=user, status="confirmed", queued_at=at())
    roadshow = make_event(title="项目路演", type=EventType.ROADSHOW, starts=at(6, 14), ends=at(6, 17))
    slot = PitchSlot.objects.create(event=roadshow, starts=at(6, 14, 24), ends=at(6, 14, 36))
    booking = Booking.objects.create(event=roadshow, slot=slot, startup=startup, applicant=user, status="approved")

    feed = client_for(user).get("/api/calendar").data
    assert feed["url"].endswith(f"/api/calendar/feed/{user.calendar_token}.ics")
    assert feed["webcal_url"].startswith("webcal://")
    response = api.get(f"/api/calendar/feed/{user.calendar_token}.ics")  # no login: calendar apps have none
    assert response.status_code == 200
    events = {str(v["SUMMARY"]): v for v in vevents(parse(response.content))}
    assert set(events) == {"创业沙龙", "满员培训", "取消的论坛", f"路演 Pitch: {startup.name} @ 项目路演"}
    assert events["满员培训"]["STATUS"] == "TENTATIVE"
    assert events["取消的论坛"]["STATUS"] == "CANCELLED"
    pitch = events[f"路演 Pitch: {startup.name} @ 项目路演"]
    assert str(pitch["UID"]) == f"pitch-{booking.pk}@innolink"
    assert pitch.decoded("DTSTART") == at(6, 14, 24).astimezone(ZoneInfo("Asia/Shanghai"))


def test_rotating_the_token_revokes_the_old_feed(client_for, make_user, api):
    user = make_user()
    old = user.calendar_token
    response = client_for(user).post("/api/calendar/rotate")
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.calendar_token != old
    assert response.data["url"].endswith(f"{user.calendar_token}.ics")
    assert api.get(f"/api/calendar/feed/{old}.ics").status_code == 404
    assert api.get(f"/api/calendar/feed/{user.calendar_token}.ics").status_code == 200


def test_calendar_endpoints_need_login(api):
    assert api.get("/api/calendar").status_code == 401
    assert api.post("/api/calendar/rotate").status_code == 401
    assert api.get("/api/calendar/feed/unknown-token.ics").status_code == 404
