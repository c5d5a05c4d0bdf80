"""iCalendar (RFC 5545) output that Outlook, Apple Calendar and Google Calendar accept.

* times carry TZID=Asia/Shanghai with a VTIMEZONE in the calendar; DTSTAMP is UTC;
* UIDs are stable (``event-12@innolink``) so that subscribed calendars update
  entries instead of duplicating them; SEQUENCE grows with every move;
* cancelled events stay in the feed with STATUS:CANCELLED so clients remove them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from events.models import Booking, Event, EventStatus

UID_DOMAIN = "innolink"
PRODID = "-//Innolink 创联//Events//ZH"


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _location(event: Event) -> str:
    if event.room_id:
        carrier = event.room.carrier
        return " · ".join(part for part in (carrier.name, event.room.name, carrier.address) if part)
    return event.online_url


def _vevent(
    *,
    uid: str,
    event: Event,
    summary: str,
    starts: datetime,
    ends: datetime,
    status: str,
    description: str = "",
    base_url: str = "",
) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", uid)
    component.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")))
    component.add("dtstart", starts.astimezone(_tz()))
    component.add("dtend", ends.astimezone(_tz()))
    component.add("summary", summary)
    component.add("sequence", event.sequence)
    component.add("status", status)
    component.add("last-modified", event.updated_at.astimezone(ZoneInfo("UTC")))
    location = _location(event)
    if location:
        component.add("location", location)
    if description:
        component.add("description", description)
    if base_url:
        component.add("url", f"{base_url}/events/{event.pk}")
    return component


def event_status(event: Event) -> str:
    return "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED"


def event_vevent(event: Event, *, base_url: str = "", status: str | None = None) -> icalendar.Event:
    return _vevent(
        uid=f"event-{event.pk}@{UID_DOMAIN}",
        event=event,
        summary=event.title,
        starts=event.starts,
        ends=event.ends,
        status=status or event_status(event),
        description=event.description,
        base_url=base_url,
    )


def booking_vevent(booking: Booking, *, base_url: str = "") -> icalendar.Event:
    event = booking.event
    if event.status == EventStatus.CANCELLED:
        status = "CANCELLED"
    else:
        status = "CONFIRMED" if booking.status == Booking.Status.APPROVED else "TENTATIVE"
    return _vevent(
        uid=f"pitch-{booking.pk}@{UID_DOMAIN}",
        event=event,
        summary=f"路演 Pitch: {booking.pitch_title or booking.startup.name} @ {event.title}",
        starts=booking.slot.starts,
        ends=booking.slot.ends,
        status=status,
        base_url=base_url,
    )


def calendar(components: Iterable[icalendar.Event], *, name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for component in components:
        cal.add_component(component)
    cal.add_missing_timezones()
    return cal.to_ical()
