"""Reads of matchmaking days: querysets with their joins, scoped to what the requester may see."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from events.matchmaking import rules
from events.matchmaking.models import (
    LIVE_REQUEST,
    FollowUp,
    MatchmakingDay,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    Side,
)


def day_or_default(event) -> MatchmakingDay:
    """The saved day, or an unsaved one with the defaults (reads never create rows)."""
    day = MatchmakingDay.objects.filter(pk=event.pk).first() or MatchmakingDay(event=event)
    day.event = event
    return day


def participants(day_id: int) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(day_id=day_id)
        .select_related("organisation__region")
        .prefetch_related("organisation__industries", "unavailable")
        .annotate(
            requests_sent=Count(
                "sent_requests", filter=Q(sent_requests__status__in=["pending", "accepted"]), distinct=True
            ),
            meetings_count=Count("enterprise_meetings", filter=Q(enterprise_meetings__status="active"), distinct=True)
            + Count("partner_meetings", filter=Q(partner_meetings__status="active"), distinct=True),
        )
        .order_by("side", "organisation__name", "id")
    )


def requests_visible(user, event) -> QuerySet[MeetingRequest]:
    qs = MeetingRequest.objects.filter(day_id=event.pk).select_related(
        "sender__organisation", "recipient__organisation", "offered_slot"
    )
    if rules.can_manage(user, event):
        return qs
    mine = rules.my_participants(user, event.pk)
    return qs.filter(Q(sender__in=mine) | Q(recipient__in=mine))


def meetings_visible(user, event) -> QuerySet[Meeting]:
    qs = (
        Meeting.objects.filter(day_id=event.pk)
        .select_related("slot", "table", "enterprise__organisation", "partner__organisation")
        .prefetch_related("outcomes")
    )
    if rules.can_manage(user, event):
        return qs
    mine = rules.my_participants(user, event.pk)
    return qs.filter(Q(enterprise__in=mine) | Q(partner__in=mine))


def attendance(meeting: Meeting, now=None) -> str:
    """``checked_in``, ``no_show`` (its slot ended unchecked), ``cancelled``, ``unplaced`` or ``upcoming``."""
    if meeting.status == Meeting.Status.CANCELLED:
        return "cancelled"
    if meeting.checked_in_at is not None:
        return "checked_in"
    if meeting.slot is None:
        return "unplaced"
    return "no_show" if meeting.slot.ends <= (now or timezone.now()) else "upcoming"


def agenda(participant: Participant) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(Q(enterprise=participant) | Q(partner=participant), slot__isnull=False)
        .select_related(
            "slot", "table", "enterprise__organisation", "partner__organisation", "day__event__room__carrier"
        )
        .order_by("slot__starts", "id")
    )


def live_sent(participant: Participant) -> int:
    return MeetingRequest.objects.filter(LIVE_REQUEST, sender=participant).count()


def follow_ups_visible(user, event) -> QuerySet[FollowUp]:
    qs = FollowUp.objects.filter(meeting__day_id=event.pk).select_related(
        "meeting__enterprise__organisation", "meeting__partner__organisation", "meeting__slot"
    )
    if rules.can_manage(user, event):
        return qs
    mine = list(rules.my_participants(user, event.pk).values_list("id", "side"))
    q = Q(pk__in=[])
    for pk, side in mine:
        q |= (
            Q(side=side, meeting__enterprise_id=pk) if side == Side.ENTERPRISE else Q(side=side, meeting__partner_id=pk)
        )
    return qs.filter(q)


def outcomes_overview(day_id: int) -> dict[str, Any]:
    """What the statistics need: attendance, intentions with amounts, and what came of them."""
    now = timezone.now()
    meetings = list(Meeting.objects.filter(day_id=day_id).select_related("slot"))
    counts = {"meetings": 0, "checked_in": 0, "no_show": 0, "cancelled": 0, "upcoming": 0, "unplaced": 0}
    for meeting in meetings:
        state = attendance(meeting, now)
        counts[state] += 1
        if state != "cancelled":
            counts["meetings"] += 1
    intentions = []
    for row in (
        MeetingOutcome.objects.filter(meeting__day_id=day_id)
        .values("side", "intention")
        .annotate(count=Count("id"), amount=Sum("amount"))
        .order_by("side", "intention")
    ):
        intentions.append({**row, "amount": row["amount"] or Decimal("0")})
    follow_ups = []
    for row in (
        FollowUp.objects.filter(meeting__day_id=day_id)
        .values("months", "result")
        .annotate(count=Count("id"), amount=Sum("amount"))
        .order_by("months", "result")
    ):
        follow_ups.append({**row, "amount": row["amount"] or Decimal("0")})
    planned = MeetingOutcome.objects.filter(meeting__day_id=day_id, follow_up_planned=True).count()
    return {**counts, "follow_up_planned": planned, "intentions": intentions, "follow_ups": follow_ups}
