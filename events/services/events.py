"""Events, rooms, series and the event lifecycle.

Lifecycle: draft → published → ongoing → finished, and any live state →
cancelled. Moving or cancelling a published event bumps its iCalendar
SEQUENCE and tells registrants and bookers (after commit).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.core.errors import ApplicationError, Conflict
from backend.notifications.models import Notification
from backend.notifications.services import notify_on_commit
from events.models import Booking, Event, EventStatus, Invitation, Registration, Room, Series
from events.services.locking import lock_events

MAX_OCCURRENCES = 60
# A rule without COUNT or UNTIL is expanded this far ahead.
SERIES_HORIZON = timedelta(days=400)

TRANSITIONS: dict[str, set[str]] = {
    EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
    EventStatus.PUBLISHED: {EventStatus.ONGOING, EventStatus.FINISHED, EventStatus.CANCELLED},
    EventStatus.ONGOING: {EventStatus.FINISHED, EventStatus.CANCELLED},
    EventStatus.FINISHED: set(),
    EventStatus.CANCELLED: set(),
}
LIVE_STATUSES = (EventStatus.DRAFT, EventStatus.PUBLISHED, EventStatus.ONGOING)

MSG_ENDS_BEFORE_STARTS = "结束时间须晚于开始时间 · The end must be after the start."
MSG_ROOM_TAKEN = "该场地此时段已被占用 · The room is taken at that time."
MSG_CAPACITY_BELOW_CONFIRMED = "名额不能少于已确认报名人数 · Capacity cannot be below the confirmed registrations."
MSG_INVALID_TRANSITION = "当前状态不允许该操作 · Not possible in the event's current state."
MSG_BAD_RRULE = "重复规则无效 · Invalid recurrence rule."


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def event_brief(event: Event) -> dict[str, Any]:
    """What a 409 says about the event in the way."""
    return {
        "id": event.pk,
        "title": event.title,
        "starts": event.starts.astimezone(local_tz()).isoformat(),
        "ends": event.ends.astimezone(local_tz()).isoformat(),
        "room": event.room_id,
    }


def room_conflicts(*, room_id: int | None, starts: datetime, ends: datetime, exclude_id: int | None = None):
    if room_id is None:
        return Event.objects.none()
    qs = Event.objects.filter(room_id=room_id, starts__lt=ends, ends__gt=starts).exclude(status=EventStatus.CANCELLED)
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    return qs.order_by("starts")


def _raise_room_taken(conflicts) -> None:
    briefs = [event_brief(e) for e in conflicts[:10]]
    raise Conflict(
        _(MSG_ROOM_TAKEN),
        code="room_taken",
        errors={"room": [_(MSG_ROOM_TAKEN)]},
        extra={"conflicts": briefs, "conflict": briefs[0] if briefs else None},
    )


def _save_guarding_room(event: Event, **save_kwargs) -> None:
    """Save; the exclusion constraint has the last word on room overlaps (→ 409)."""
    conflicts = list(room_conflicts(room_id=event.room_id, starts=event.starts, ends=event.ends, exclude_id=event.pk))
    if conflicts and event.status != EventStatus.CANCELLED:
        _raise_room_taken(conflicts)
    try:
        with transaction.atomic():
            event.save(**save_kwargs)
    except IntegrityError as exc:
        if _constraint_name(exc) == "event_room_no_overlap":
            # A concurrent booking of the room won between our check and the insert.
            _raise_room_taken(
                list(room_conflicts(room_id=event.room_id, starts=event.starts, ends=event.ends, exclude_id=event.pk))
            )
        raise


def _constraint_name(exc: IntegrityError) -> str | None:
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None)


def _validate_times_and_place(
    *,
    starts: datetime,
    ends: datetime,
    room: Room | None,
    online_url: str,
    capacity: int,
    registration_opens: datetime | None = None,
    registration_closes: datetime | None = None,
) -> None:
    errors: dict[str, list[str]] = {}
    if ends <= starts:
        errors["ends"] = [_(MSG_ENDS_BEFORE_STARTS)]
    if room is not None and online_url:
        errors["online_url"] = [_("场地与线上链接只能选一个 · Give a room or an online URL, not both.")]
    if room is not None and capacity > room.capacity:
        errors["capacity"] = [
            _("名额超过场地容量 · Capacity exceeds the room's capacity") + f" ({room.capacity})",
        ]
    if registration_opens and registration_closes and registration_closes <= registration_opens:
        errors["registration_closes"] = [
            _("报名截止须晚于报名开始 · Registration must close after it opens."),
        ]
    if registration_closes and registration_closes > ends:
        errors["registration_closes"] = [
            _("报名截止不能晚于活动结束 · Registration cannot close after the event ends."),
        ]
    if errors:
        raise ApplicationError(_("输入有误 · Invalid input."), errors=errors)


def _people_of(event: Event) -> set[int]:
    """Everyone to tell when the event moves or is cancelled."""
    registrants = Registration.objects.filter(
        event=event, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING]
    ).values_list("user_id", flat=True)
    bookers = Booking.objects.filter(
        event=event, status__in=[Booking.Status.PENDING, Booking.Status.APPROVED]
    ).values_list("applicant_id", flat=True)
    return set(registrants) | set(bookers)


# --- rooms -------------------------------------------------------------------


@transaction.atomic
def room_create(*, carrier, name: str, capacity: int, floor: str = "") -> Room:
    if Room.objects.filter(carrier=carrier, name=name).exists():
        raise Conflict(_("该载体已有同名场地 · The carrier already has a room of that name."), code="room_exists")
    return Room.objects.create(carrier=carrier, name=name, capacity=capacity, floor=floor)


# --- events ------------------------------------------------------------------


@transaction.atomic
def event_create(*, actor, organisation, starts: datetime, ends: datetime, capacity: int, **fields: Any) -> Event:
    """Create a draft event. Room overlaps answer 409 with the event in the way."""
    room = fields.get("room")
    _validate_times_and_place(
        starts=starts,
        ends=ends,
        room=room,
        online_url=fields.get("online_url", ""),
        capacity=capacity,
        registration_opens=fields.get("registration_opens"),
        registration_closes=fields.get("registration_closes"),
    )
    previous = fields.get("previous_round")
    if previous is not None and previous.organisation_id != organisation.pk:
        raise ApplicationError(
            _("上一轮须属于同一主办机构 · The previous round must belong to the same organisation."),
            errors={"previous_round": [_("主办机构不同 · Different organisation.")]},
        )
    event = Event(organisation=organisation, starts=starts, ends=ends, capacity=capacity, created_by=actor, **fields)
    _save_guarding_room(event)
    return event


TIME_FIELDS = {"starts", "ends", "room", "online_url"}


@transaction.atomic
def event_update(*, actor, event: Event, **changes: Any) -> Event:
    """Change an event. A move (times or place) bumps SEQUENCE and notifies people;
    capacity may not drop below the confirmed registrations; more capacity promotes
    the waiting list."""
    if event.status in (EventStatus.FINISHED, EventStatus.CANCELLED):
        raise Conflict(_(MSG_INVALID_TRANSITION), code="invalid_state", extra={"status": event.status})
    new = {field: changes.get(field, getattr(event, field)) for field in changes}
    starts = new.get("starts", event.starts)
    ends = new.get("ends", event.ends)
    room = new.get("room", event.room)
    capacity = new.get("capacity", event.capacity)
    _validate_times_and_place(
        starts=starts,
        ends=ends,
        room=room,
        online_url=new.get("online_url", event.online_url),
        capacity=capacity,
        registration_opens=new.get("registration_opens", event.registration_opens),
        registration_closes=new.get("registration_closes", event.registration_closes),
    )
    moved = any(field in new and new[field] != getattr(event, field) for field in TIME_FIELDS)
    capacity_changed = "capacity" in new and new["capacity"] != event.capacity
    if capacity_changed:
        # Seats get scarcer or freer: the locking rule applies.
        lock_events(event.pk)
        event.refresh_from_db()
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        if capacity < confirmed:
            raise Conflict(
                _(MSG_CAPACITY_BELOW_CONFIRMED),
                code="capacity_below_confirmed",
                errors={"capacity": [_(MSG_CAPACITY_BELOW_CONFIRMED) + f" ({confirmed})"]},
                extra={"confirmed": confirmed},
            )
    for field, value in new.items():
        setattr(event, field, value)
    if moved:
        event.sequence += 1
    _save_guarding_room(event)
    if capacity_changed:
        from events.services.registrations import promote_waiting

        promote_waiting(event=event)
    if moved and event.status != EventStatus.DRAFT:
        when = timezone.localtime(event.starts).strftime("%Y-%m-%d %H:%M")
        notify_on_commit(
            _people_of(event),
            Notification.Kind.EVENT_MOVED,
            title_zh=f"活动时间/地点变更：{event.title}",
            title_en=f"Event moved: {event.title_en or event.title}",
            body=f"新时间 · New time: {when}",
            link=f"/events/{event.pk}",
            target_type="event",
            target_id=event.pk,
        )
    return event


def _transition(event: Event, target: str) -> None:
    if target not in TRANSITIONS[event.status]:
        raise Conflict(
            _(MSG_INVALID_TRANSITION),
            code="invalid_transition",
            extra={"status": event.status, "target": target},
        )


@transaction.atomic
def event_publish(*, actor, event: Event) -> Event:
    _transition(event, EventStatus.PUBLISHED)
    if event.ends <= timezone.now():
        raise Conflict(_("活动已结束，不能发布 · The event is already over."), code="event_over")
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    return event


@transaction.atomic
def event_start(*, actor, event: Event) -> Event:
    _transition(event, EventStatus.ONGOING)
    event.status = EventStatus.ONGOING
    event.save(update_fields=["status", "updated_at"])
    return event


@transaction.atomic
def event_finish(*, actor, event: Event) -> Event:
    _transition(event, EventStatus.FINISHED)
    if event.starts > timezone.now():
        raise Conflict(_("活动尚未开始 · The event has not started yet."), code="not_started")
    event.status = EventStatus.FINISHED
    event.save(update_fields=["status", "updated_at"])
    return event


@transaction.atomic
def event_cancel(*, actor, event: Event, reason: str = "") -> Event:
    """Cancel; the room is freed (the exclusion constraint skips cancelled events)
    and everyone registered or booked is told after commit."""
    _transition(event, EventStatus.CANCELLED)
    event.status = EventStatus.CANCELLED
    event.cancelled_reason = reason
    event.sequence += 1
    event.save(update_fields=["status", "cancelled_reason", "sequence", "updated_at"])
    notify_on_commit(
        _people_of(event),
        Notification.Kind.EVENT_CANCELLED,
        title_zh=f"活动取消：{event.title}",
        title_en=f"Event cancelled: {event.title_en or event.title}",
        body=reason,
        link=f"/events/{event.pk}",
        target_type="event",
        target_id=event.pk,
    )
    return event


@transaction.atomic
def event_delete(*, actor, event: Event) -> None:
    if event.status != EventStatus.DRAFT:
        raise Conflict(
            _("只能删除草稿，已发布的活动请取消 · Only drafts can be deleted; cancel published events."),
            code="not_draft",
        )
    event.delete()


@transaction.atomic
def invitation_add(*, event: Event, users: list) -> list[Invitation]:
    existing = set(Invitation.objects.filter(event=event, user__in=users).values_list("user_id", flat=True))
    rows = [Invitation(event=event, user=u) for u in users if u.pk not in existing]
    Invitation.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Invitation.objects.filter(event=event).select_related("user"))


@transaction.atomic
def invitation_remove(*, event: Event, user_id: int) -> None:
    Invitation.objects.filter(event=event, user_id=user_id).delete()


# --- series ------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    starts: datetime
    ends: datetime


_RULE_CLEAN = re.compile(r"^(RRULE:)?", re.IGNORECASE)


def expand_rrule(rule: str, dtstart: datetime, duration: timedelta) -> list[Occurrence]:
    """The occurrences of an RFC 5545 RRULE (at most MAX_OCCURRENCES; 400 on a bad rule)."""
    rule = (rule or "").strip()
    if not rule or "\n" in rule or "\r" in rule or "DTSTART" in rule.upper():
        raise ApplicationError(
            _(MSG_BAD_RRULE),
            code="invalid_rrule",
            errors={"rrule": [_("只填写 RRULE 部分 · Give the RRULE part only.")]},
        )
    if timezone.is_naive(dtstart):
        dtstart = timezone.make_aware(dtstart, local_tz())
    start_local = dtstart.astimezone(local_tz())
    try:
        parsed = rrulestr(_RULE_CLEAN.sub("", rule), dtstart=start_local)
        bounded = "COUNT=" in rule.upper() or "UNTIL=" in rule.upper()
        horizon = start_local + SERIES_HORIZON
        source = parsed if bounded else parsed.between(start_local, horizon, inc=True)
        starts = list(itertools.islice(iter(source), MAX_OCCURRENCES + 1))
    except (ValueError, TypeError, OverflowError) as exc:
        raise ApplicationError(_(MSG_BAD_RRULE), code="invalid_rrule", errors={"rrule": [f"{_(MSG_BAD_RRULE)} {exc}"]})
    if len(starts) > MAX_OCCURRENCES:
        message = _("重复次数过多 · Too many occurrences") + f" (max {MAX_OCCURRENCES})"
        raise ApplicationError(_(MSG_BAD_RRULE), code="too_many_occurrences", errors={"rrule": [message]})
    if not starts:
        raise ApplicationError(
            _(MSG_BAD_RRULE),
            code="no_occurrences",
            errors={"rrule": [_("规则没有产生任何日期 · The rule yields no dates.")]},
        )
    return [Occurrence(starts=s, ends=s + duration) for s in starts]


SHARED_FIELDS = (
    "title",
    "title_en",
    "description",
    "type",
    "organisation",
    "room",
    "online_url",
    "capacity",
    "allowed_roles",
    "visibility",
)


def _occurrence_event(series: Series, occurrence: Occurrence) -> Event:
    return Event(
        **{field: getattr(series, field) for field in SHARED_FIELDS},
        starts=occurrence.starts,
        ends=occurrence.ends,
        registration_opens=occurrence.starts - timedelta(days=series.registration_opens_days),
        registration_closes=occurrence.starts,
        status=EventStatus.PUBLISHED if series.auto_publish else EventStatus.DRAFT,
        series=series,
        recurrence_id=occurrence.starts,
        created_by=series.created_by,
    )


def _series_occurrences(series: Series) -> list[Occurrence]:
    return expand_rrule(series.rrule, series.dtstart, timedelta(minutes=series.duration_minutes))


def _create_missing(series: Series, occurrences: list[Occurrence]) -> list[Event]:
    """Create occurrences not yet present. Existing ones — moved or cancelled
    included — are matched by RECURRENCE-ID and never recreated."""
    known = set(Event.objects.filter(series=series).values_list("recurrence_id", flat=True))
    missing = [o for o in occurrences if o.starts not in known]
    conflicts = []
    for occurrence in missing:
        clash = room_conflicts(room_id=series.room_id, starts=occurrence.starts, ends=occurrence.ends).first()
        if clash is not None:
            conflicts.append({"occurrence": occurrence.starts.isoformat(), "conflict": event_brief(clash)})
    if conflicts:
        raise Conflict(
            _(MSG_ROOM_TAKEN),
            code="room_taken",
            errors={"room": [_(MSG_ROOM_TAKEN)]},
            extra={"conflicts": conflicts},
        )
    events = [_occurrence_event(series, o) for o in missing]
    try:
        with transaction.atomic():
            return Event.objects.bulk_create(events)
    except IntegrityError as exc:
        if _constraint_name(exc) == "event_room_no_overlap":
            raise Conflict(_(MSG_ROOM_TAKEN), code="room_taken", errors={"room": [_(MSG_ROOM_TAKEN)]})
        raise


@transaction.atomic
def series_create(
    *, actor, organisation, rrule: str, dtstart: datetime, duration_minutes: int, **fields: Any
) -> Series:
    """Create a series and its occurrences (as Event rows)."""
    room = fields.get("room")
    _validate_times_and_place(
        starts=dtstart,
        ends=dtstart + timedelta(minutes=duration_minutes),
        room=room,
        online_url=fields.get("online_url", ""),
        capacity=fields["capacity"],
    )
    series = Series(
        organisation=organisation,
        rrule=rrule.strip(),
        dtstart=dtstart,
        duration_minutes=duration_minutes,
        created_by=actor,
        **fields,
    )
    occurrences = _series_occurrences(series)
    series.save()
    _create_missing(series, occurrences)
    return series


@transaction.atomic
def series_update(*, actor, series: Series, **changes: Any) -> Series:
    """Change the rule or the shared fields, then regenerate: future untouched
    occurrences follow; moved or cancelled ones, and ones people registered for,
    stay as they are."""
    for field, value in changes.items():
        setattr(series, field, value)
    _validate_times_and_place(
        starts=series.dtstart,
        ends=series.dtstart + timedelta(minutes=series.duration_minutes),
        room=series.room,
        online_url=series.online_url,
        capacity=series.capacity,
    )
    occurrences = _series_occurrences(series)
    series.save()
    series_regenerate(series=series, occurrences=occurrences)
    return series


def _is_untouched(event: Event) -> bool:
    return event.status != EventStatus.CANCELLED and event.starts == event.recurrence_id and event.sequence == 0


@transaction.atomic
def series_regenerate(*, series: Series, occurrences: list[Occurrence] | None = None) -> list[Event]:
    occurrences = occurrences if occurrences is not None else _series_occurrences(series)
    wanted = {o.starts for o in occurrences}
    now = timezone.now()
    busy = set(Registration.objects.filter(event__series=series).values_list("event_id", flat=True)) | set(
        Booking.objects.filter(event__series=series).values_list("event_id", flat=True)
    )
    stale = [
        e.pk
        for e in Event.objects.filter(series=series, starts__gt=now)
        if e.recurrence_id not in wanted and _is_untouched(e) and e.pk not in busy
    ]
    Event.objects.filter(pk__in=stale).delete()
    # Untouched future occurrences take the series' shared fields.
    followers = Event.objects.filter(series=series, starts__gt=now).exclude(pk__in=busy)
    for event in followers:
        if _is_untouched(event):
            for field in SHARED_FIELDS:
                setattr(event, field, getattr(series, field))
            event.ends = event.starts + timedelta(minutes=series.duration_minutes)
            _save_guarding_room(event)
    future = [o for o in occurrences if o.starts > now]
    return _create_missing(series, future)
