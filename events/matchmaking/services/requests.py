"""Meeting requests: send within the cap, answer, withdraw; expiry at the deadline and reminders before it."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from backend.core.errors import ApplicationError, Conflict
from events.matchmaking.models import LIVE_REQUEST, MatchmakingDay, Meeting, MeetingRequest, Participant, Side
from events.matchmaking.services.common import link, lock_participant, require_open, tell
from events.services.locking import lock_events

MSG_SELF = "不能向自己发送请求 · You cannot request a meeting with yourself."
MSG_SAME_SIDE = "只能向对方发送请求（企业 ↔ 银行/投资机构） · Requests go to the other side."
MSG_OTHER_DAY = "对方不是本场对接的参加方 · The recipient does not take part in this day."
MSG_CAP = "已达到本场请求上限（{cap} 个） · You reached this day's request cap ({cap})."
MSG_PAIR = "与该方已有进行中的请求或会谈 · There is already a live request or meeting with this participant."
MSG_DEADLINE = "请求已截止 · The request deadline has passed."
MSG_NOT_PENDING = "该请求已处理 · The request was already answered."
MSG_EXPIRED = "该请求已过期 · The request has expired."

Status = MeetingRequest.Status


def deadline_passed(day: MatchmakingDay, now: datetime | None = None) -> bool:
    return day.request_deadline is not None and (now or timezone.now()) >= day.request_deadline


def live_sent(participant: Participant) -> int:
    return MeetingRequest.objects.filter(LIVE_REQUEST, sender=participant).count()


@transaction.atomic
def request_send(
    *, actor, sender: Participant, recipient: Participant, preference: str = "nice", message: str = ""
) -> MeetingRequest:
    """Ask *recipient* (the other side) for a meeting; at most ``request_cap`` live requests per sender."""
    if recipient.day_id != sender.day_id:
        raise ApplicationError(MSG_OTHER_DAY, errors={"recipient": [MSG_OTHER_DAY]})
    if recipient.pk == sender.pk or recipient.organisation_id == sender.organisation_id:
        raise ApplicationError(MSG_SELF, errors={"recipient": [MSG_SELF]})
    if recipient.side == sender.side:
        raise ApplicationError(MSG_SAME_SIDE, errors={"recipient": [MSG_SAME_SIDE]})
    day = MatchmakingDay.objects.select_related("event").get(pk=sender.day_id)
    require_open(day.event)
    if deadline_passed(day):
        raise Conflict(MSG_DEADLINE, code="deadline_passed")
    # Lock late, before counting: concurrent requests of one sender queue here.
    lock_participant(sender.pk)
    if live_sent(sender) >= day.request_cap:
        raise Conflict(MSG_CAP.format(cap=day.request_cap), code="request_cap")
    both = [sender, recipient]
    pair = MeetingRequest.objects.filter(LIVE_REQUEST, sender__in=both, recipient__in=both)
    if pair.exists():
        raise Conflict(MSG_PAIR, code="pair_taken")
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                day=day,
                sender=sender,
                recipient=recipient,
                preference=preference,
                message=message,
                created_by=actor,
            )
    except IntegrityError:  # the same pair, raced from the other side
        raise Conflict(MSG_PAIR, code="pair_taken") from None
    name = sender.organisation.name
    must = request.preference == "must"
    tell(
        [recipient],
        "mm_request",
        zh=f"{name} 希望与您会谈{'（必须见）' if must else ''}",
        en=f"{name} asks to meet you{' (must meet)' if must else ''}",
        link=link(day.pk),
        target=request,
    )
    return request


def is_late(request: MeetingRequest, day: MatchmakingDay, now: datetime | None = None) -> bool:
    """Past the deadline; a backfill offer keeps a request open until its slot starts."""
    now = now or timezone.now()
    if request.offered_slot_id is not None:
        return request.offered_slot.starts <= now
    return deadline_passed(day, now)


def _expire_if_late(request: MeetingRequest) -> None:
    """Past the deadline a pending request is expired even if the periodic expiry has not run yet.

    Runs in its own transaction, before the answer's, so that the expiry sticks
    although the answer is refused.
    """
    request = MeetingRequest.objects.select_related("day", "offered_slot").get(pk=request.pk)
    if request.status == Status.PENDING and is_late(request, request.day):
        MeetingRequest.objects.filter(pk=request.pk, status=Status.PENDING).update(
            status=Status.EXPIRED, offered_slot=None
        )


def _pending(request: MeetingRequest) -> MeetingRequest:
    """Lock the request's row and check it is still open to an answer."""
    request = (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related("day__event", "sender__organisation", "recipient__organisation", "offered_slot")
        .get(pk=request.pk)
    )
    if request.status == Status.EXPIRED or (request.status == Status.PENDING and is_late(request, request.day)):
        raise Conflict(MSG_EXPIRED, code="expired")
    if request.status != Status.PENDING:
        raise Conflict(MSG_NOT_PENDING, code="not_pending")
    return request


def request_accept(*, actor, request: MeetingRequest) -> MeetingRequest:
    """The recipient accepts: the meeting exists (and is placed at once if the schedule is out)."""
    from events.matchmaking.services.schedule import place_late_meeting

    _expire_if_late(request)
    with transaction.atomic():
        day = MatchmakingDay.objects.select_related("event").get(pk=request.day_id)
        if day.published_at is not None:
            lock_events(day.pk)  # the event first: the meeting is placed right away
        request = _pending(request)
        require_open(day.event)
        request.status = Status.ACCEPTED
        request.answered_at = timezone.now()
        request.answered_by = actor
        request.save(update_fields=["status", "answered_at", "answered_by"])
        sender, recipient = request.sender, request.recipient
        enterprise, partner = (sender, recipient) if sender.side == Side.ENTERPRISE else (recipient, sender)
        meeting = Meeting.objects.create(
            day=day, request=request, enterprise=enterprise, partner=partner, preference=request.preference
        )
        tell(
            [sender],
            "mm_accepted",
            zh=f"{recipient.organisation.name} 接受了您的会谈请求",
            en=f"{recipient.organisation.name} accepted your meeting request",
            link=link(day.pk),
            target=request,
        )
        if day.published_at is not None:
            place_late_meeting(day=day, meeting=meeting, offered_slot_id=request.offered_slot_id)
    return request


def _answer(request: MeetingRequest, status: str, actor, reason: str = "") -> MeetingRequest:
    _expire_if_late(request)
    with transaction.atomic():
        request = _pending(request)
        request.status = status
        request.answered_at = timezone.now()
        request.answered_by = actor
        request.reason = reason
        request.offered_slot = None
        request.save(update_fields=["status", "answered_at", "answered_by", "reason", "offered_slot"])
        if status == Status.DECLINED:
            name = request.recipient.organisation.name
            tell(
                [request.sender],
                "mm_declined",
                zh=f"{name} 婉拒了您的会谈请求{('：' + reason) if reason else ''}",
                en=f"{name} declined your meeting request{(': ' + reason) if reason else ''}",
                link=link(request.day_id),
                target=request,
            )
    return request


def request_decline(*, actor, request: MeetingRequest, reason: str = "") -> MeetingRequest:
    return _answer(request, Status.DECLINED, actor, reason)


def request_withdraw(*, actor, request: MeetingRequest) -> MeetingRequest:
    return _answer(request, Status.WITHDRAWN, actor)


@transaction.atomic
def requests_expire(*, now: datetime | None = None) -> int:
    """Expire every pending request past its day's deadline and tell both sides; returns how many."""
    now = now or timezone.now()
    due = list(
        MeetingRequest.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status=Status.PENDING, day__request_deadline__lte=now)
        .filter(Q(offered_slot__isnull=True) | Q(offered_slot__starts__lte=now))
        .select_related("sender__organisation", "recipient__organisation")
    )
    if not due:
        return 0
    MeetingRequest.objects.filter(pk__in=[r.pk for r in due], status=Status.PENDING).update(
        status=Status.EXPIRED, offered_slot=None
    )
    for request in due:
        tell(
            [request.sender],
            "mm_expired",
            zh=f"您向 {request.recipient.organisation.name} 发出的会谈请求已过期未获回复",
            en=f"Your meeting request to {request.recipient.organisation.name} expired unanswered",
            link=link(request.day_id),
            target=request,
        )
    return len(due)


@transaction.atomic
def requests_remind(*, now: datetime | None = None) -> int:
    """Remind recipients of pending requests whose deadline is within the day's reminder window.

    One notification per recipient and day; each request is reminded once
    (a new deadline re-arms it). Returns the number of requests reminded.
    """
    now = now or timezone.now()
    candidates = (
        MeetingRequest.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status=Status.PENDING, reminded_at__isnull=True, day__request_deadline__gt=now)
        .select_related("day__event", "recipient")
    )
    due = [r for r in candidates if r.day.request_deadline - timedelta(hours=r.day.reminder_hours) <= now]
    if not due:
        return 0
    by_recipient: dict[int, list[MeetingRequest]] = defaultdict(list)
    for request in due:
        by_recipient[request.recipient_id].append(request)
    for requests in by_recipient.values():
        recipient, day = requests[0].recipient, requests[0].day
        when = timezone.localtime(day.request_deadline).strftime("%m-%d %H:%M")
        tell(
            [recipient],
            "mm_reminder",
            zh=f"您有 {len(requests)} 个会谈请求待回复，{when} 截止",
            en=f"{len(requests)} meeting request(s) await your answer before {when}",
            link=link(day.pk),
            target=day.event,
        )
    MeetingRequest.objects.filter(pk__in=[r.pk for r in due]).update(reminded_at=now)
    return len(due)
