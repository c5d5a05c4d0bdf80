"""A roadshow on the day with three approved pitches, and people around it."""

from __future__ import annotations

import pytest

from backend.accounts.models import Role
from events.models import Booking, EventStatus, Registration


@pytest.fixture
def pitches(roadshow, make_startup):
    """Three approved pitches in slots #1, #3 and #5 (slot order, not booking order)."""
    bookings = []
    for index, slot_index in enumerate([4, 0, 2]):
        user, org = make_startup(f"路演企业{index + 1}")
        slot = roadshow.slots.order_by("starts")[slot_index]
        bookings.append(
            Booking.objects.create(
                event=roadshow,
                slot=slot,
                startup=org,
                applicant=user,
                status=Booking.Status.APPROVED,
                pitch_title=f"项目{index + 1}",
            )
        )
    return sorted(bookings, key=lambda b: b.slot.starts)


@pytest.fixture
def investor(make_user, roadshow):
    user = make_user(Role.INVESTOR, name="天使投资人")
    Registration.objects.create(
        event=roadshow, user=user, status=Registration.Status.CONFIRMED, queued_at=roadshow.starts
    )
    return user


@pytest.fixture
def audience(make_user):
    return make_user(Role.STARTUP, name="观众")


@pytest.fixture
def draft_event(make_event):
    return make_event(title="草稿活动", status=EventStatus.DRAFT)
