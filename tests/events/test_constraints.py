"""The database itself refuses what the rules forbid, whatever the Python code does."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from events.models import Booking, EventStatus, PitchSlot, Registration
from tests.events.conftest import at

pytestmark = pytest.mark.django_db


def raw_insert_event(room_id, org_id, starts, ends, status="published"):
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO events_event (title, title_en, description, type, organisation_id, room_id, online_url,
                   capacity, allowed_roles, visibility, starts, ends, status, sequence, round_name,
                   cancelled_reason, created_at, updated_at)
               VALUES ('raw', '', '', 'salon', %s, %s, '', 10, '{}', 'public', %s, %s, %s, 0, '', '', now(), now())""",
            [org_id, room_id, starts, ends, status],
        )


def test_room_overlap_raw_insert_is_refused_by_exclusion_constraint(make_event, room, bureau):
    make_event(room=room, starts=at(3, 14), ends=at(3, 16))
    with pytest.raises(IntegrityError, match="event_room_no_overlap"), transaction.atomic():
        raw_insert_event(room.pk, bureau.pk, at(3, 15), at(3, 17))


def test_room_touching_times_are_allowed(make_event, room, bureau):
    make_event(room=room, starts=at(3, 14), ends=at(3, 16))
    raw_insert_event(room.pk, bureau.pk, at(3, 16), at(3, 18))  # [14,16) and [16,18) do not overlap


def test_room_overlap_with_cancelled_event_is_allowed(make_event, room, bureau):
    make_event(room=room, starts=at(3, 14), ends=at(3, 16), status=EventStatus.CANCELLED)
    raw_insert_event(room.pk, bureau.pk, at(3, 15), at(3, 17))


def test_other_room_same_time_is_allowed(make_event, room, bureau):
    other = type(room).objects.create(carrier=room.carrier, name="二号会议室", capacity=30)
    make_event(room=room, starts=at(3, 14), ends=at(3, 16))
    raw_insert_event(other.pk, bureau.pk, at(3, 14), at(3, 16))


def test_end_before_start_is_refused_by_check_constraint(room, bureau):
    with pytest.raises(IntegrityError, match="event_ends_after_starts"), transaction.atomic():
        raw_insert_event(room.pk, bureau.pk, at(3, 16), at(3, 14))


def test_overlapping_slots_in_one_event_are_refused(roadshow):
    first = roadshow.slots.first()
    with pytest.raises(IntegrityError, match="slot_no_overlap_in_event"), transaction.atomic():
        PitchSlot.objects.create(event=roadshow, starts=first.starts + timedelta(minutes=5), ends=first.ends)


def test_second_live_booking_of_a_slot_is_refused(roadshow, make_startup):
    slot = roadshow.slots.first()
    (u1, s1), (u2, s2) = make_startup(), make_startup()
    Booking.objects.create(event=roadshow, slot=slot, startup=s1, applicant=u1)
    with pytest.raises(IntegrityError, match="booking_one_live_per_slot"), transaction.atomic():
        Booking.objects.create(event=roadshow, slot=slot, startup=s2, applicant=u2)
    # A rejected booking frees the slot.
    Booking.objects.filter(slot=slot).update(status=Booking.Status.REJECTED)
    Booking.objects.create(event=roadshow, slot=slot, startup=s2, applicant=u2)


def test_second_live_booking_of_a_startup_in_one_event_is_refused(roadshow, make_startup):
    user, startup = make_startup()
    first, second = roadshow.slots.all()[:2]
    Booking.objects.create(event=roadshow, slot=first, startup=startup, applicant=user)
    with pytest.raises(IntegrityError, match="booking_one_live_per_startup"), transaction.atomic():
        Booking.objects.create(event=roadshow, slot=second, startup=startup, applicant=user)


def test_one_registration_per_person_and_event(make_event, make_user):
    event, user = make_event(), make_user()
    Registration.objects.create(event=event, user=user, status="confirmed", queued_at=at())
    with pytest.raises(IntegrityError, match="registration_once_per_person"), transaction.atomic():
        Registration.objects.create(event=event, user=user, status="waiting", queued_at=at())
