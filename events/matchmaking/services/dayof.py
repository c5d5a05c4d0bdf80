"""On the day and after: check-in, cancellation with backfill, outcomes, the 3- and 6-month follow-ups."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from backend.core.errors import ApplicationError, Conflict
from events.matchmaking.models import (
    FOLLOW_UP_MONTHS,
    LIVE_REQUEST,
    FollowUp,
    Intention,
    MatchmakingDay,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    Side,
)
from events.matchmaking.services.common import link, tell
from events.services.locking import lock_events

MSG_NOT_ACTIVE = "该会谈已取消 · The meeting was cancelled."
MSG_NOT_PLACED = "该会谈尚未排定 · The meeting has no slot yet."
MSG_NOT_TODAY = "活动当天才能签到 · Check-in opens on the day of the event."
MSG_NOT_CHECKED_IN = "该会谈未签到（视为未到场），不能登记结果 · The meeting was not checked in (a no-show)."
MSG_AMOUNT_WITHOUT_INTENTION = "只有贷款或投资意向才填写金额 · An amount goes only with a loan or investment intention."
MSG_NOT_DUE = "尚未到回访时间 · This follow-up is not due yet."
MSG_RESULT_REQUIRED = "请选择结果 · Choose a result."
MSG_AMOUNT_WITHOUT_DEAL = "只有已签约或已投资才填写金额 · An amount goes only with a signed or invested result."
BACKFILL_OFFERS = 5


# --------------------------------------------------------------------------- check-in


@transaction.atomic
def meeting_checkin(*, actor, meeting: Meeting, undo: bool = False) -> tuple[Meeting, bool]:
    """Mark both sides present at the table (or undo it); returns ``(meeting, already)``."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("day__event", "slot").get(pk=meeting.pk)
    if meeting.status != Meeting.Status.ACTIVE:
        raise Conflict(MSG_NOT_ACTIVE, code="cancelled")
    if meeting.slot_id is None:
        raise Conflict(MSG_NOT_PLACED, code="not_placed")
    if timezone.localdate() < timezone.localtime(meeting.day.event.starts).date():
        raise Conflict(MSG_NOT_TODAY, code="not_today")
    if undo:
        meeting.checked_in_at, meeting.checked_in_by = None, None
        meeting.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        return meeting, False
    if meeting.checked_in_at is not None:
        return meeting, True
    meeting.checked_in_at, meeting.checked_in_by = timezone.now(), actor
    meeting.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    return meeting, False


# --------------------------------------------------------------------------- cancellation and backfill


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting, reason: str = "") -> tuple[Meeting, list[MeetingRequest]]:
    """Cancel a meeting: its slot and table are free again and are offered to waiting requests.

    Returns the meeting and the requests the freed slot was offered to.
    """
    lock_events(meeting.day_id)
    meeting = Meeting.objects.select_related(
        "day__event", "slot", "enterprise__organisation", "partner__organisation"
    ).get(pk=meeting.pk)
    if meeting.status != Meeting.Status.ACTIVE:
        raise Conflict(MSG_NOT_ACTIVE, code="cancelled")
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_at, meeting.cancelled_by, meeting.cancel_reason = timezone.now(), actor, reason
    meeting.locked = False
    meeting.sequence += 1
    meeting.save()
    MeetingRequest.objects.filter(pk=meeting.request_id).update(status=MeetingRequest.Status.CANCELLED)
    FollowUp.objects.filter(meeting=meeting).delete()
    day = meeting.day
    for mine, other in ((meeting.enterprise, meeting.partner), (meeting.partner, meeting.enterprise)):
        tell(
            [mine],
            "mm_cancelled",
            zh=f"与 {other.organisation.name} 的会谈已取消",
            en=f"Your meeting with {other.organisation.name} was cancelled",
            link=link(day.pk, "agenda"),
            target=meeting,
        )
    offers = []
    if meeting.slot_id is not None and meeting.slot.starts > timezone.now():
        offers = backfill(day=day, meeting=meeting)
    return meeting, offers


def backfill(*, day: MatchmakingDay, meeting: Meeting, limit: int = BACKFILL_OFFERS) -> list[MeetingRequest]:
    """Offer a freed slot to unanswered requests of either side of the cancelled meeting.

    Candidates: requests still pending, or expired without an answer (they are
    re-opened until the slot starts), whose two sides are both free and
    available in the slot and have no other live request or meeting; "must
    meet" first, then the oldest. The recipients are told; accepting places
    the meeting in the slot (:func:`..schedule.place_late_meeting`).
    """
    slot = meeting.slot
    parties = [meeting.enterprise_id, meeting.partner_id]
    busy = set()
    for e, p in Meeting.objects.filter(day=day, status=Meeting.Status.ACTIVE, slot=slot).values_list(
        "enterprise_id", "partner_id"
    ):
        busy.update((e, p))
    away = set(
        Participant.unavailable.through.objects.filter(meetingslot_id=slot.pk).values_list("participant_id", flat=True)
    )
    candidates = (
        MeetingRequest.objects.filter(day=day, answered_at__isnull=True)
        .filter(Q(status=MeetingRequest.Status.PENDING) | Q(status=MeetingRequest.Status.EXPIRED))
        .filter(Q(sender_id__in=parties) | Q(recipient_id__in=parties))
        .annotate(must=Case(When(preference="must", then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("must", "created_at", "id")
        .select_related("sender__organisation", "recipient__organisation")
    )
    offered = []
    for request in candidates:
        if len(offered) >= limit:
            break
        pair = {request.sender_id, request.recipient_id}
        if pair & (busy | away):
            continue
        if request.status == MeetingRequest.Status.EXPIRED:
            live = MeetingRequest.objects.filter(LIVE_REQUEST, sender_id__in=pair, recipient_id__in=pair)
            if live.exists():
                continue
        request.status = MeetingRequest.Status.PENDING
        request.offered_slot = slot
        request.save(update_fields=["status", "offered_slot"])
        offered.append(request)
        when = timezone.localtime(slot.starts).strftime("%H:%M")
        tell(
            [request.recipient],
            "mm_backfill",
            zh=f"{when} 空出一个时段：接受 {request.sender.organisation.name} 的会谈请求即可在该时段会谈",
            en=f"A slot at {when} is free: accept {request.sender.organisation.name}'s request to meet then",
            link=link(day.pk),
            target=request,
        )
    return offered


# --------------------------------------------------------------------------- outcomes


@transaction.atomic
def outcome_record(
    *,
    actor,
    meeting: Meeting,
    side: str,
    follow_up_planned: bool = False,
    intention: str = Intention.NONE,
    amount: Decimal | None = None,
    note: str = "",
) -> MeetingOutcome:
    """One side's account of a meeting that took place (checked in)."""
    if meeting.status != Meeting.Status.ACTIVE:
        raise Conflict(MSG_NOT_ACTIVE, code="cancelled")
    if meeting.checked_in_at is None:
        raise Conflict(MSG_NOT_CHECKED_IN, code="no_show")
    if amount is not None and intention not in (Intention.LOAN, Intention.INVESTMENT):
        raise ApplicationError(MSG_AMOUNT_WITHOUT_INTENTION, errors={"amount": [MSG_AMOUNT_WITHOUT_INTENTION]})
    outcome, _ = MeetingOutcome.objects.update_or_create(
        meeting=meeting,
        side=side,
        defaults={
            "follow_up_planned": follow_up_planned,
            "intention": intention,
            "amount": amount,
            "note": note,
            "recorded_by": actor,
        },
    )
    return outcome


# --------------------------------------------------------------------------- follow-ups


def follow_ups_ensure(*, day: MatchmakingDay, meetings: list[Meeting]) -> int:
    """Create the 3- and 6-month questions for both sides of *meetings* (idempotent)."""
    ends = timezone.localtime(day.event.ends).date()
    rows = [
        FollowUp(meeting=meeting, side=side, months=months, due_on=ends + relativedelta(months=months))
        for meeting in meetings
        if meeting.status == Meeting.Status.ACTIVE
        for side in (Side.ENTERPRISE, Side.PARTNER)
        for months in FOLLOW_UP_MONTHS
    ]
    return len(FollowUp.objects.bulk_create(rows, ignore_conflicts=True))


@transaction.atomic
def followups_ask(*, now: datetime | None = None) -> int:
    """Ask each side of every meeting that took place what came of it, once per due question."""
    today = timezone.localdate(now or timezone.now())
    due = list(
        FollowUp.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(due_on__lte=today, asked_at__isnull=True, result="")
        .filter(meeting__status=Meeting.Status.ACTIVE, meeting__checked_in_at__isnull=False)
        .select_related("meeting__enterprise__organisation", "meeting__partner__organisation", "meeting__day")
    )
    for follow_up in due:
        meeting = follow_up.meeting
        mine = meeting.participant_for(follow_up.side)
        other = meeting.partner if follow_up.side == Side.ENTERPRISE else meeting.enterprise
        tell(
            [mine],
            "mm_followup",
            zh=f"{follow_up.months} 个月前与 {other.organisation.name} 的会谈，后来有结果吗？",
            en=f"Your meeting with {other.organisation.name} {follow_up.months} months ago: what came of it?",
            link=link(meeting.day_id, "outcomes"),
            target=follow_up,
        )
    FollowUp.objects.filter(pk__in=[f.pk for f in due]).update(asked_at=timezone.now())
    return len(due)


@transaction.atomic
def followup_answer(
    *, actor, follow_up: FollowUp, result: str, amount: Decimal | None = None, note: str = ""
) -> FollowUp:
    if follow_up.due_on > timezone.localdate():
        raise Conflict(MSG_NOT_DUE, code="not_due")
    if not result:
        raise ApplicationError(MSG_RESULT_REQUIRED, errors={"result": [MSG_RESULT_REQUIRED]})
    if amount is not None and result not in (FollowUp.Result.SIGNED, FollowUp.Result.INVESTED):
        raise ApplicationError(MSG_AMOUNT_WITHOUT_DEAL, errors={"amount": [MSG_AMOUNT_WITHOUT_DEAL]})
    follow_up.result, follow_up.amount, follow_up.note = result, amount, note
    follow_up.answered_at, follow_up.answered_by = timezone.now(), actor
    follow_up.save()
    return follow_up
