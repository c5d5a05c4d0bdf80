"""Private calendar feeds: what a person's feed lists, and revoking its URL."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.db.models import Q

from events import ics, rules
from events.models import Booking, Event, Registration


@transaction.atomic
def calendar_token_rotate(*, user):
    """A new secret feed URL; calendars subscribed to the old one get 404 from now on."""
    user.calendar_token = secrets.token_urlsafe()
    user.save(update_fields=["calendar_token"])
    return user


def feed_components(user, *, base_url: str = "") -> list:
    """The person's registrations (confirmed or waiting) and their startups' pitch slots.

    Matchmaking meetings (a later issue) join here.
    """
    registrations = (
        Registration.objects.filter(user=user, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING])
        .select_related("event__room__carrier")
        .order_by("event__starts")
    )
    components = []
    for registration in registrations:
        event: Event = registration.event
        status = None if registration.status == Registration.Status.CONFIRMED else "TENTATIVE"
        if event.status == "cancelled":
            status = "CANCELLED"
        components.append(ics.event_vevent(event, base_url=base_url, status=status))
    bookings = (
        Booking.objects.filter(Q(applicant=user) | Q(startup_id__in=rules.startup_ids(user)))
        .filter(status__in=[Booking.Status.PENDING, Booking.Status.APPROVED])
        .select_related("event__room__carrier", "slot", "startup")
        .order_by("slot__starts")
    )
    components.extend(ics.booking_vevent(booking, base_url=base_url) for booking in bookings)
    return components
