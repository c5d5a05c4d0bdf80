"""Pitch slots, bookings, rubric and scores, competition rounds, awards, interest.

A slot holds at most one live (pending or approved) booking and a startup at
most one live booking per event: partial unique indexes enforce both; the
event row lock (see :mod:`events.services.locking`) makes concurrent attempts
queue, so that losers get a clean 409 instead of a constraint error.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import Role
from backend.core.errors import ApplicationError, Conflict, NotFound
from backend.directory.models import Organisation, OrgKind
from backend.notifications.models import Notification
from backend.notifications.services import notify_on_commit
from backend.pool.services import pipeline_record_roadshow_interest
from events import rules
from events.live import publish
from events.models import (
    LIVE_BOOKING,
    Award,
    Booking,
    Criterion,
    Event,
    EventStatus,
    EventType,
    InvestorInterest,
    Judge,
    PitchSlot,
    Registration,
    RoundEntry,
    Score,
    ScoreSheet,
)
from events.services.events import MSG_ENDS_BEFORE_STARTS, _constraint_name, local_tz
from events.services.locking import lock_events

MAX_SLOTS = 100

MSG_SLOT_TAKEN = "该时段已被预约 · This slot is taken."
MSG_ALREADY_BOOKED = "贵企业已预约本场路演 · Your startup already holds a slot at this event."
MSG_SLOT_OVERLAP = "与已有时段重叠 · Overlaps an existing slot."
MSG_NOT_PITCH_EVENT = "该活动没有路演时段 · This event has no pitch slots."
MSG_SCORING_CLOSED = "评分已关闭 · Scoring is closed."
MSG_NOT_A_SCORER = "您不是本场活动的评委 · You are not a judge of this event."


def _slot_brief(slot: PitchSlot) -> dict[str, Any]:
    tz = local_tz()
    return {
        "id": slot.pk,
        "starts": slot.starts.astimezone(tz).isoformat(),
        "ends": slot.ends.astimezone(tz).isoformat(),
    }


def _require_pitch_event(event: Event) -> None:
    if not event.is_pitch_event:
        raise ApplicationError(_(MSG_NOT_PITCH_EVENT), code="not_pitch_event")


# --- slots -------------------------------------------------------------------


def _check_slot(event: Event, starts: datetime, ends: datetime, exclude_id: int | None = None) -> None:
    if ends <= starts:
        raise ApplicationError(_(MSG_ENDS_BEFORE_STARTS), errors={"ends": [_(MSG_ENDS_BEFORE_STARTS)]})
    if starts < event.starts or ends > event.ends:
        message = _("时段须在活动时间内 · Slots must lie within the event's time.")
        raise ApplicationError(message, code="slot_outside_event", errors={"starts": [message]})
    clash = PitchSlot.objects.filter(event=event, starts__lt=ends, ends__gt=starts).exclude(pk=exclude_id).first()
    if clash is not None:
        raise Conflict(
            _(MSG_SLOT_OVERLAP),
            code="slot_overlap",
            errors={"starts": [_(MSG_SLOT_OVERLAP)]},
            extra={"conflict": _slot_brief(clash)},
        )


def _save_slots(slots: list[PitchSlot]) -> list[PitchSlot]:
    try:
        with transaction.atomic():
            for slot in slots:
                slot.save()
    except IntegrityError as exc:
        if _constraint_name(exc) == "slot_no_overlap_in_event":
            raise Conflict(_(MSG_SLOT_OVERLAP), code="slot_overlap", errors={"starts": [_(MSG_SLOT_OVERLAP)]})
        raise
    return slots


@transaction.atomic
def slot_create(*, event: Event, starts: datetime, ends: datetime, label: str = "") -> PitchSlot:
    _require_pitch_event(event)
    _check_slot(event, starts, ends)
    return _save_slots([PitchSlot(event=event, starts=starts, ends=ends, label=label)])[0]


@transaction.atomic
def slots_generate(
    *, event: Event, start: datetime, count: int, minutes: int, gap_minutes: int = 0, label_prefix: str = ""
) -> list[PitchSlot]:
    """Lay out *count* slots of *minutes* each from *start* (e.g. ten 12-minute pitches): all or nothing."""
    _require_pitch_event(event)
    if not 1 <= count <= MAX_SLOTS:
        raise ApplicationError(_("时段数量无效 · Invalid number of slots."), errors={"count": [f"1–{MAX_SLOTS}"]})
    if minutes < 1 or gap_minutes < 0:
        raise ApplicationError(
            _("时长无效 · Invalid duration."), errors={"minutes": [_("须为正数 · Must be positive.")]}
        )
    slots = []
    for index in range(count):
        starts = start + timedelta(minutes=index * (minutes + gap_minutes))
        ends = starts + timedelta(minutes=minutes)
        _check_slot(event, starts, ends)
        label = f"{label_prefix}{index + 1}" if label_prefix else f"#{index + 1}"
        slots.append(PitchSlot(event=event, starts=starts, ends=ends, label=label))
    return _save_slots(slots)


@transaction.atomic
def slot_update(*, slot: PitchSlot, **changes: Any) -> PitchSlot:
    starts = changes.get("starts", slot.starts)
    ends = changes.get("ends", slot.ends)
    _check_slot(slot.event, starts, ends, exclude_id=slot.pk)
    for field, value in changes.items():
        setattr(slot, field, value)
    return _save_slots([slot])[0]


@transaction.atomic
def slot_delete(*, slot: PitchSlot) -> None:
    if slot.bookings.filter(LIVE_BOOKING).exists():
        raise Conflict(_("该时段已有预约 · The slot has a booking."), code="slot_booked")
    slot.delete()


# --- bookings ----------------------------------------------------------------


def _startup_for(user, startup_id: int | None) -> Organisation:
    if not user.has_role(Role.STARTUP):
        raise ApplicationError(
            _("仅创业企业可预约路演 · Only startups can book pitch slots."), code="not_startup", status_code=403
        )
    mine = rules.startup_ids(user)
    if startup_id is None:
        if len(mine) != 1:
            message = _("请选择企业 · Choose your startup.")
            raise ApplicationError(message, errors={"startup": [message]})
        startup_id = next(iter(mine))
    if startup_id not in mine:
        message = _("您不是该企业成员 · You are not a member of that startup.")
        raise ApplicationError(message, code="not_member", errors={"startup": [message]}, status_code=403)
    return Organisation.objects.get(pk=startup_id, kind=OrgKind.STARTUP)


@transaction.atomic
def booking_apply(
    *, user, event: Event, slot_id: int, startup_id: int | None = None, pitch_title: str = "", note: str = ""
) -> Booking:
    """Apply for a pitch slot. 409 when the slot is taken or the startup already holds one."""
    _require_pitch_event(event)
    startup = _startup_for(user, startup_id)
    if event.status != EventStatus.PUBLISHED:
        raise Conflict(_("该活动当前不接受预约 · The event does not take bookings now."), code="booking_closed")
    closes = event.registration_closes or event.starts
    if (event.registration_opens and timezone.now() < event.registration_opens) or timezone.now() >= closes:
        raise Conflict(_("当前不在预约时间内 · Booking is not open."), code="booking_closed")
    if event.previous_round_id and not RoundEntry.objects.filter(event=event, startup=startup).exists():
        raise ApplicationError(
            _("贵企业未晋级本轮 · Your startup did not qualify for this round."), code="not_qualified", status_code=403
        )
    try:
        slot = PitchSlot.objects.get(pk=slot_id, event=event)
    except PitchSlot.DoesNotExist:
        message = _("时段不存在 · No such slot.")
        raise ApplicationError(message, code="no_slot", errors={"slot": [message]})

    lock_events(event.pk)  # late, but before looking at what is free
    if Booking.objects.filter(LIVE_BOOKING, slot=slot).exists():
        raise Conflict(_(MSG_SLOT_TAKEN), code="slot_taken", errors={"slot": [_(MSG_SLOT_TAKEN)]})
    if Booking.objects.filter(LIVE_BOOKING, event=event, startup=startup).exists():
        raise Conflict(_(MSG_ALREADY_BOOKED), code="already_booked")
    try:
        with transaction.atomic():
            return Booking.objects.create(
                event=event, slot=slot, startup=startup, applicant=user, pitch_title=pitch_title, note=note
            )
    except IntegrityError as exc:
        # Only reachable without the lock (or outside this function): the indexes decide.
        if _constraint_name(exc) == "booking_one_live_per_startup":
            raise Conflict(_(MSG_ALREADY_BOOKED), code="already_booked")
        raise Conflict(_(MSG_SLOT_TAKEN), code="slot_taken", errors={"slot": [_(MSG_SLOT_TAKEN)]})


def _locked_booking(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().select_related("event", "slot", "startup").get(pk=booking.pk)


@transaction.atomic
def booking_decide(*, actor, booking: Booking, approve: bool, note: str = "") -> Booking:
    """Approve or reject a pending booking; the applicant is told after commit.
    Rejecting frees the slot (nothing gets scarcer, so the event is not locked)."""
    booking = _locked_booking(booking)
    if booking.status != Booking.Status.PENDING:
        raise Conflict(
            _("该申请已处理 · The application was already decided."),
            code="already_decided",
            extra={"status": booking.status},
        )
    booking.status = Booking.Status.APPROVED if approve else Booking.Status.REJECTED
    booking.decided_at = timezone.now()
    booking.decided_by = actor
    booking.decision_note = note
    booking.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    when = timezone.localtime(booking.slot.starts).strftime("%Y-%m-%d %H:%M")
    if approve:
        kind, zh, en = Notification.Kind.BOOKING_APPROVED, "路演申请已通过", "Pitch booking approved"
    else:
        kind, zh, en = Notification.Kind.BOOKING_REJECTED, "路演申请未通过", "Pitch booking rejected"
    notify_on_commit(
        [booking.applicant_id],
        kind,
        title_zh=f"{zh}：{booking.event.title}",
        title_en=f"{en}: {booking.event.title_en or booking.event.title}",
        body=f"{when} {note}".strip(),
        link=f"/events/{booking.event_id}",
        target_type="booking",
        target_id=booking.pk,
    )
    return booking


@transaction.atomic
def booking_withdraw(*, user, booking: Booking) -> Booking:
    booking = _locked_booking(booking)
    if booking.status not in (Booking.Status.PENDING, Booking.Status.APPROVED):
        raise Conflict(_("该申请不能撤回 · This booking cannot be withdrawn."), code="not_withdrawable")
    if booking.event.status in (EventStatus.FINISHED, EventStatus.CANCELLED):
        raise Conflict(_("活动已结束或取消 · The event is over or cancelled."), code="event_closed")
    booking.status = Booking.Status.WITHDRAWN
    booking.save(update_fields=["status"])
    return booking


# --- rubric, judges, scores --------------------------------------------------


@transaction.atomic
def criteria_set(*, event: Event, criteria: list[dict[str, Any]]) -> list[Criterion]:
    """Replace the rubric (refused once scoring has begun)."""
    _require_pitch_event(event)
    if ScoreSheet.objects.filter(booking__event=event).exists():
        raise Conflict(_("已有评分，不能修改评分标准 · Scores exist; the rubric is fixed."), code="rubric_in_use")
    names = [c["name"] for c in criteria]
    if len(names) != len(set(names)):
        message = _("评分项名称重复 · Duplicate criterion names.")
        raise ApplicationError(message, errors={"criteria": [message]})
    Criterion.objects.filter(event=event).delete()
    rows = [
        Criterion(event=event, name=c["name"], name_en=c.get("name_en", ""), weight=c["weight"], order=index)
        for index, c in enumerate(criteria)
    ]
    return Criterion.objects.bulk_create(rows)


@transaction.atomic
def judge_add(*, event: Event, user, kind: str = Judge.Kind.JUDGE) -> Judge:
    judge, _created = Judge.objects.update_or_create(event=event, user=user, defaults={"kind": kind})
    return judge


@transaction.atomic
def judge_remove(*, event: Event, user_id: int) -> None:
    Judge.objects.filter(event=event, user_id=user_id).delete()


def can_score(user, event: Event) -> bool:
    """Assigned judges, and investors with a confirmed seat in the audience."""
    if not user.is_authenticated:
        return False
    if Judge.objects.filter(event=event, user=user).exists():
        return True
    return (
        user.has_role(Role.INVESTOR)
        and Registration.objects.filter(event=event, user=user, status=Registration.Status.CONFIRMED).exists()
    )


@transaction.atomic
def score_submit(*, judge, booking: Booking, scores: dict[int, int], comment: str = "") -> ScoreSheet:
    """Create or replace *judge*'s sheet for one pitch: every criterion, 1–10 each."""
    event = booking.event
    if not can_score(judge, event):
        raise ApplicationError(_(MSG_NOT_A_SCORER), code="not_a_judge", status_code=403)
    if event.scoring_closed_at is not None:
        raise Conflict(_(MSG_SCORING_CLOSED), code="scoring_closed")
    if booking.status != Booking.Status.APPROVED:
        message = _("只能为已通过的路演评分 · Only approved pitches are scored.")
        raise ApplicationError(message, code="not_approved", errors={"booking": [message]})
    criteria = {c.pk: c for c in event.criteria.all()}
    if not criteria:
        raise Conflict(_("本活动尚未设置评分标准 · The event has no rubric yet."), code="no_rubric")
    errors: dict[str, list[str]] = {}
    missing = sorted(set(criteria) - set(scores))
    unknown = sorted(set(scores) - set(criteria))
    if missing:
        errors["scores"] = [_("缺少评分项 · Missing criteria: ") + ", ".join(criteria[i].name for i in missing)]
    if unknown:
        errors.setdefault("scores", []).append(_("未知评分项 · Unknown criteria: ") + ", ".join(map(str, unknown)))
    for criterion_id, value in scores.items():
        if not isinstance(value, int) or not 1 <= value <= 10:
            errors[f"scores.{criterion_id}"] = [_("分值须在 1–10 之间 · Scores are 1–10.")]
    if errors:
        raise ApplicationError(_("输入有误 · Invalid input."), errors=errors)
    sheet, _created = ScoreSheet.objects.get_or_create(booking=booking, judge=judge, defaults={"comment": comment})
    if not _created:
        sheet.comment = comment
        sheet.save(update_fields=["comment", "updated_at"])
        sheet.scores.all().delete()
    Score.objects.bulk_create([Score(sheet=sheet, criterion_id=cid, value=value) for cid, value in scores.items()])
    publish.ranking_changed(event.pk)  # the organizer's live ranking, after commit
    return sheet


@transaction.atomic
def scoring_close(*, event: Event) -> Event:
    if event.scoring_closed_at is None:
        event.scoring_closed_at = timezone.now()
        event.save(update_fields=["scoring_closed_at", "updated_at"])
    return event


@transaction.atomic
def scoring_reopen(*, event: Event) -> Event:
    if event.next_rounds.filter(entries__isnull=False).exists():
        raise Conflict(_("已有企业晋级，不能重开评分 · Entrants already advanced."), code="already_advanced")
    event.scoring_closed_at = None
    event.save(update_fields=["scoring_closed_at", "updated_at"])
    return event


# --- competition rounds and awards -------------------------------------------


@transaction.atomic
def competition_advance(*, actor, event: Event, top_n: int, next_event: Event | None = None) -> list[RoundEntry]:
    """Advance the top *top_n* pitches of a closed round into the next round (ties: earlier slot first)."""
    from events.selectors import ranking

    if event.type != EventType.COMPETITION:
        raise ApplicationError(_("仅大赛可晋级 · Only competitions have rounds."), code="not_competition")
    if event.scoring_closed_at is None:
        raise Conflict(_("请先关闭评分 · Close scoring first."), code="scoring_open")
    if next_event is None:
        next_event = event.next_rounds.order_by("starts").first()
    if next_event is None or next_event.previous_round_id != event.pk:
        message = _("没有下一轮 · There is no next round.")
        raise ApplicationError(message, code="no_next_round", errors={"next_event": [message]})
    if top_n < 1:
        raise ApplicationError(_("晋级数量无效 · Invalid number."), errors={"top_n": ["≥ 1"]})
    lock_events(event.pk, next_event.pk)  # fixed order: ascending ids
    ranked = [row for row in ranking(event) if row.weighted_score is not None][:top_n]
    existing = set(RoundEntry.objects.filter(event=next_event).values_list("startup_id", flat=True))
    rows = [
        RoundEntry(event=next_event, startup_id=row.startup_id, from_rank=index + 1, score=row.weighted_score)
        for index, row in enumerate(ranked)
        if row.startup_id not in existing
    ]
    RoundEntry.objects.bulk_create(rows)
    applicants = [row.applicant_id for row in ranked]
    notify_on_commit(
        applicants,
        Notification.Kind.ROUND_ADVANCED,
        title_zh=f"恭喜晋级：{next_event.title}",
        title_en=f"Advanced to: {next_event.title_en or next_event.title}",
        link=f"/events/{next_event.pk}",
        target_type="event",
        target_id=next_event.pk,
    )
    return list(RoundEntry.objects.filter(event=next_event).select_related("startup"))


@transaction.atomic
def award_set(*, event: Event, startup_id: int, title: str, rank: int = 1) -> Award:
    if not Booking.objects.filter(event=event, startup_id=startup_id, status=Booking.Status.APPROVED).exists():
        message = _("该企业未在本场路演 · The startup did not pitch here.")
        raise ApplicationError(message, code="not_pitched", errors={"startup": [message]})
    award, _created = Award.objects.update_or_create(
        event=event, startup_id=startup_id, defaults={"title": title, "rank": rank}
    )
    return award


@transaction.atomic
def award_remove(*, event: Event, award_id: int) -> None:
    deleted, _rows = Award.objects.filter(event=event, pk=award_id).delete()
    if not deleted:
        raise NotFound(_("未找到 · Not found."))


@transaction.atomic
def interest_mark(*, investor, event: Event, startup_id: int, note: str = "") -> InvestorInterest:
    """An investor's interest in a startup that pitched (stored for the pipeline)."""
    if not investor.has_role(Role.INVESTOR):
        raise ApplicationError(_("仅投资人可标记意向 · Investors only."), code="not_investor", status_code=403)
    pitched = Booking.objects.filter(event=event, startup_id=startup_id, status=Booking.Status.APPROVED).exists()
    if not pitched:
        message = _("该企业未在本场路演 · The startup did not pitch here.")
        raise ApplicationError(message, code="not_pitched", errors={"startup": [message]})
    interest, _created = InvestorInterest.objects.update_or_create(
        event=event, startup_id=startup_id, investor=investor, defaults={"note": note}
    )
    pipeline_record_roadshow_interest(interest=interest)  # the investor's pipeline is where it is followed up
    publish.interests_changed(event.pk)  # the organizer's live console, after commit
    return interest
