"""The organizer's setup of a day (settings, slots, tables, unavailability) and joining it."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.core.errors import ApplicationError, Conflict
from backend.directory.models import Organisation
from events.matchmaking import rules
from events.matchmaking.models import (
    ENTERPRISE_KINDS,
    PARTNER_KINDS,
    MatchmakingDay,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    Participant,
    Side,
)
from events.matchmaking.services.common import day_for, require_matchmaking, require_open
from events.services.locking import lock_events

MSG_DEADLINE_AFTER_END = "请求截止时间须早于活动结束 · The request deadline must be before the event ends."
MSG_SLOTS_OUTSIDE = "时段须在活动时间之内 · Slots must lie within the event's time."
MSG_SLOT_IN_USE = "有会谈安排在将删除的时段，请先调整 · Meetings sit in slots that would be removed; move them first."
MSG_SLOTS_OVERLAP = "时段与保留的时段重叠 · The slots overlap slots that are kept."
MSG_TABLE_IN_USE = "有会谈安排在将删除的桌位 · Meetings sit at tables that would be removed."
MSG_NOT_MEMBER = "只能以本人所在机构参加 · You can only take part for an organisation you belong to."
MSG_KIND_NOT_ALLOWED = "该类机构不能参加本场对接 · Organisations of this kind cannot take part in this day."
MSG_ALREADY_PARTICIPATING = "该机构已参加本场对接 · This organisation already takes part."
MSG_DRAFT = "活动尚未发布 · The event is not published yet."
MSG_UNKNOWN_SLOTS = "时段不属于本场对接 · Slots not of this day."


@transaction.atomic
def day_update(
    *,
    actor,
    event,
    request_cap: int | None = None,
    request_deadline: datetime | None = None,
    clear_deadline: bool = False,
    reminder_hours: int | None = None,
) -> MatchmakingDay:
    """Change the day's settings. A new deadline re-arms the reminder of pending requests."""
    day = day_for(event)
    if request_cap is not None:
        day.request_cap = request_cap
    if reminder_hours is not None:
        day.reminder_hours = reminder_hours
    if clear_deadline:
        day.request_deadline = None
    elif request_deadline is not None:
        if request_deadline >= event.ends:
            raise ApplicationError(MSG_DEADLINE_AFTER_END, errors={"request_deadline": [MSG_DEADLINE_AFTER_END]})
        if request_deadline != day.request_deadline:
            MeetingRequest.objects.filter(day=day, status=MeetingRequest.Status.PENDING).update(reminded_at=None)
        day.request_deadline = request_deadline
    day.save()
    return day


def _label(starts: datetime, ends: datetime) -> str:
    return f"{timezone.localtime(starts):%H:%M}–{timezone.localtime(ends):%H:%M}"


@transaction.atomic
def slots_generate(*, actor, event, first_starts: datetime, minutes: int, count: int, gap_minutes: int = 0):
    """Set the day's slots to *count* slots of *minutes* from *first_starts*, *gap_minutes* apart.

    Slots that keep their start stay (with the meetings in them); a slot that
    would go away while an active meeting sits in it is refused (409).
    """
    day = day_for(event)
    wanted = []
    for index in range(count):
        starts = first_starts + timedelta(minutes=index * (minutes + gap_minutes))
        wanted.append((starts, starts + timedelta(minutes=minutes)))
    if wanted[0][0] < event.starts or wanted[-1][1] > event.ends:
        raise ApplicationError(MSG_SLOTS_OUTSIDE, errors={"first_starts": [MSG_SLOTS_OUTSIDE]})
    lock_events(event.pk)
    existing = {slot.starts: slot for slot in MeetingSlot.objects.filter(day=day)}
    wanted_starts = {starts for starts, _ in wanted}
    removed = [slot for starts, slot in existing.items() if starts not in wanted_starts]
    if Meeting.objects.filter(slot__in=removed, status=Meeting.Status.ACTIVE).exists():
        raise Conflict(MSG_SLOT_IN_USE, code="slot_in_use")
    # Cancelled meetings keep their place only as history; it goes with the slot.
    Meeting.objects.filter(slot__in=removed).update(slot=None, table=None, locked=False)
    MeetingSlot.objects.filter(pk__in=[s.pk for s in removed]).delete()
    try:
        with transaction.atomic():
            for starts, ends in wanted:
                slot = existing.get(starts)
                if slot is None:
                    MeetingSlot.objects.create(day=day, starts=starts, ends=ends, label=_label(starts, ends))
                elif slot.ends != ends:
                    slot.ends, slot.label = ends, _label(starts, ends)
                    slot.save(update_fields=["ends", "label"])
    except IntegrityError:
        raise Conflict(MSG_SLOTS_OVERLAP, code="slot_overlap") from None
    return list(MeetingSlot.objects.filter(day=day))


@transaction.atomic
def tables_set(*, actor, event, count: int, labels: list[str] | None = None):
    """Number the day's tables 1..*count* (labels optional); removing a used table is refused."""
    day = day_for(event)
    lock_events(event.pk)
    labels = labels or []
    gone = MeetingTable.objects.filter(day=day, number__gt=count)
    if Meeting.objects.filter(table__in=gone, status=Meeting.Status.ACTIVE).exists():
        raise Conflict(MSG_TABLE_IN_USE, code="table_in_use")
    Meeting.objects.filter(table__in=gone).update(slot=None, table=None, locked=False)
    gone.delete()
    for number in range(1, count + 1):
        label = labels[number - 1] if number <= len(labels) and labels[number - 1] else f"{number}号桌"
        MeetingTable.objects.update_or_create(day=day, number=number, defaults={"label": label[:32]})
    return list(MeetingTable.objects.filter(day=day))


def side_for(event, organisation: Organisation) -> str:
    if organisation.kind in ENTERPRISE_KINDS:
        return Side.ENTERPRISE
    if organisation.kind in PARTNER_KINDS[event.type]:
        return Side.PARTNER
    raise ApplicationError(MSG_KIND_NOT_ALLOWED, errors={"organisation": [MSG_KIND_NOT_ALLOWED]})


@transaction.atomic
def participant_join(
    *,
    actor,
    event,
    organisation: Organisation,
    offer: str = "",
    seek: str = "",
    amount: Decimal | None = None,
) -> Participant:
    """Take part in the day for *organisation* (a member), or add it (an organizer)."""
    require_matchmaking(event)
    manager = rules.can_manage(actor, event)
    member = organisation.pk in rules.member_org_ids(actor)
    if not manager and not member:
        raise ApplicationError(MSG_NOT_MEMBER, errors={"organisation": [MSG_NOT_MEMBER]}, status_code=403)
    if not manager and event.status == "draft":
        raise Conflict(MSG_DRAFT, code="draft")
    require_open(event)
    side = side_for(event, organisation)
    day = day_for(event)
    if Participant.objects.filter(day=day, organisation=organisation).exists():
        raise Conflict(MSG_ALREADY_PARTICIPATING, code="already_participating")
    return Participant.objects.create(
        day=day,
        organisation=organisation,
        side=side,
        contact=actor if member else None,
        offer=offer,
        seek=seek,
        amount=amount,
    )


_UNSET = object()


@transaction.atomic
def participant_update(*, actor, participant: Participant, offer=_UNSET, seek=_UNSET, amount=_UNSET) -> Participant:
    if offer is not _UNSET:
        participant.offer = offer
    if seek is not _UNSET:
        participant.seek = seek
    if amount is not _UNSET:
        participant.amount = amount
    participant.save()
    return participant


@transaction.atomic
def participant_set_unavailable(*, actor, participant: Participant, slot_ids: list[int]) -> Participant:
    """Replace the slots in which *participant* cannot meet (a repair moves what sits there)."""
    slots = list(MeetingSlot.objects.filter(day_id=participant.day_id, pk__in=set(slot_ids)))
    if len(slots) != len(set(slot_ids)):
        raise ApplicationError(MSG_UNKNOWN_SLOTS, errors={"slots": [MSG_UNKNOWN_SLOTS]})
    participant.unavailable.set(slots)
    return participant
