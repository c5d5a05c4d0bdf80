"""Registration, waiting list, check-in tokens and feedback.

Seats follow the locking rule of :mod:`events.services.locking`: registering
and cancelling lock the event row before counting confirmed seats.
"""

from __future__ import annotations

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.core.errors import ApplicationError, Conflict
from backend.notifications.models import Notification
from backend.notifications.services import notify_on_commit
from events import rules
from events.live import publish
from events.models import Event, EventStatus, Feedback, Registration, Visibility
from events.services.locking import lock_events

CHECKIN_SALT = "innolink.events.checkin"

MSG_NOT_OPEN = "当前不在报名时间内 · Registration is not open."
MSG_ALREADY_REGISTERED = "您已报名该活动 · You are already registered."
MSG_ROLE_NOT_ALLOWED = "您的角色不能报名该活动 · Your role may not register for this event."
MSG_NOT_INVITED = "该活动仅限受邀人员 · This event is by invitation only."
MSG_TOKEN_INVALID = "签到码无效 · Invalid check-in code."
MSG_TOKEN_WRONG_EVENT = "该签到码不属于本活动 · This code is for another event."
MSG_NOT_CONFIRMED = "该报名未确认（候补或已取消） · The registration is not confirmed."
MSG_FEEDBACK_NOT_ATTENDEE = "仅到场参会者可评价 · Only attendees can rate the event."
MSG_FEEDBACK_TOO_EARLY = "活动结束后才能评价 · Rate the event after it ends."


# --- tokens ------------------------------------------------------------------


def checkin_token(registration: Registration) -> str:
    """Signed ``<event>-<registration>`` with a salt only check-in uses."""
    return signing.Signer(salt=CHECKIN_SALT).sign(f"{registration.event_id}-{registration.pk}")


def parse_checkin_token(token: str, *, event_id: int) -> int:
    """The registration id in *token*; 400 if forged or for another event."""
    try:
        value = signing.Signer(salt=CHECKIN_SALT).unsign((token or "").strip())
        token_event, registration_id = (int(part) for part in value.split("-", 1))
    except (signing.BadSignature, ValueError):
        raise ApplicationError(_(MSG_TOKEN_INVALID), code="token_invalid", errors={"token": [_(MSG_TOKEN_INVALID)]})
    if token_event != event_id:
        raise ApplicationError(
            _(MSG_TOKEN_WRONG_EVENT), code="token_wrong_event", errors={"token": [_(MSG_TOKEN_WRONG_EVENT)]}
        )
    return registration_id


# --- registration ------------------------------------------------------------


def registration_window_open(event: Event, now=None) -> bool:
    now = now or timezone.now()
    opens = event.registration_opens
    closes = event.registration_closes or event.starts
    return event.status == EventStatus.PUBLISHED and (opens is None or opens <= now) and now < closes


def _check_may_register(*, user, event: Event) -> None:
    if not registration_window_open(event):
        raise Conflict(_(MSG_NOT_OPEN), code="registration_closed", extra={"status": event.status})
    if event.allowed_roles and not (user.is_platform_admin or any(user.has_role(r) for r in event.allowed_roles)):
        raise ApplicationError(_(MSG_ROLE_NOT_ALLOWED), code="role_not_allowed", status_code=403)
    if (
        event.visibility == Visibility.INVITATION
        and not rules.can_manage_event(user, event)
        and not event.invitations.filter(user=user).exists()
    ):
        raise ApplicationError(_(MSG_NOT_INVITED), code="not_invited", status_code=403)


@transaction.atomic
def registration_create(*, user, event: Event) -> Registration:
    """Register *user*: a confirmed seat while any is left, else the waiting list."""
    _check_may_register(user=user, event=event)
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing is not None and existing.status != Registration.Status.CANCELLED:
        raise Conflict(_(MSG_ALREADY_REGISTERED), code="already_registered", extra={"registration": existing.pk})

    lock_events(event.pk)  # late, but before counting seats
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()
    capacity = Event.objects.values_list("capacity", flat=True).get(pk=event.pk)
    status = Registration.Status.CONFIRMED if confirmed < capacity else Registration.Status.WAITING
    now = timezone.now()
    try:
        with transaction.atomic():
            if existing is not None:
                # Coming back after cancelling: a fresh place in the queue.
                updated = Registration.objects.filter(pk=existing.pk, status=Registration.Status.CANCELLED).update(
                    status=status, queued_at=now, checked_in_at=None, checked_in_by=None, updated_at=now
                )
                if not updated:
                    raise Conflict(_(MSG_ALREADY_REGISTERED), code="already_registered")
                existing.refresh_from_db()
                return existing
            return Registration.objects.create(event=event, user=user, status=status, queued_at=now)
    except IntegrityError:
        # A concurrent request of the same person won (unique event+user).
        raise Conflict(_(MSG_ALREADY_REGISTERED), code="already_registered")


def promote_waiting(*, event: Event) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served.

    Call with the event row locked (inside the caller's transaction); the
    promoted are notified after commit.
    """
    lock_events(event.pk)
    capacity = Event.objects.values_list("capacity", flat=True).get(pk=event.pk)
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()
    free = capacity - confirmed
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.filter(event=event, status=Registration.Status.WAITING).order_by("queued_at", "id")[:free]
    )
    if not promoted:
        return []
    Registration.objects.filter(pk__in=[r.pk for r in promoted]).update(
        status=Registration.Status.CONFIRMED, updated_at=timezone.now()
    )
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
    notify_on_commit(
        [r.user_id for r in promoted],
        Notification.Kind.WAITLIST_PROMOTED,
        title_zh=f"候补成功，您已获得名额：{event.title}",
        title_en=f"You have a seat now: {event.title_en or event.title}",
        link=f"/events/{event.pk}",
        target_type="event",
        target_id=event.pk,
    )
    return promoted


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> Registration:
    """Cancel; a freed seat goes to the first person waiting, in the same transaction."""
    event = registration.event
    lock_events(event.pk)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        return registration
    if registration.checked_in_at is not None:
        raise Conflict(_("已签到，不能取消 · Already checked in."), code="already_checked_in")
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if was_confirmed and event.status in (EventStatus.PUBLISHED, EventStatus.ONGOING):
        promote_waiting(event=event)
    return registration


def waiting_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Registration.Status.WAITING, queued_at__lt=registration.queued_at
    ).count()
    return ahead + 1


# --- check-in ----------------------------------------------------------------


@transaction.atomic
def registration_checkin(*, actor, event: Event, token: str) -> tuple[Registration, bool]:
    """Check in by token. Returns (registration, already_checked_in); twice is harmless."""
    registration_id = parse_checkin_token(token, event_id=event.pk)
    if event.status not in (EventStatus.PUBLISHED, EventStatus.ONGOING):
        raise Conflict(_("活动不在签到状态 · The event is not open for check-in."), code="checkin_closed")
    try:
        registration = Registration.objects.select_related("user").get(pk=registration_id, event=event)
    except Registration.DoesNotExist:
        raise ApplicationError(_(MSG_TOKEN_INVALID), code="token_invalid", errors={"token": [_(MSG_TOKEN_INVALID)]})
    if registration.status != Registration.Status.CONFIRMED:
        raise Conflict(_(MSG_NOT_CONFIRMED), code="not_confirmed", extra={"status": registration.status})
    now = timezone.now()
    # Conditional update: two scanners at once check in one person once.
    updated = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=now, checked_in_by=actor, updated_at=now
    )
    registration.refresh_from_db()
    if updated:
        publish.counts_changed(event.pk)  # the check-in counter on the live console, after commit
    return registration, updated == 0


# --- feedback ----------------------------------------------------------------


@transaction.atomic
def feedback_submit(*, user, event: Event, rating: int, comment: str = "") -> Feedback:
    """Rate an event once (later calls edit the same row); attendees only, after it ends."""
    if event.status == EventStatus.CANCELLED or (event.status != EventStatus.FINISHED and event.ends > timezone.now()):
        raise Conflict(_(MSG_FEEDBACK_TOO_EARLY), code="feedback_too_early")
    attended = Registration.objects.filter(
        event=event, user=user, status=Registration.Status.CONFIRMED, checked_in_at__isnull=False
    ).exists()
    if not attended:
        raise ApplicationError(_(MSG_FEEDBACK_NOT_ATTENDEE), code="not_attendee", status_code=403)
    if not 1 <= rating <= 5:
        raise ApplicationError(_("评分须在 1–5 之间 · Rating must be 1–5."), errors={"rating": ["1–5"]})
    feedback, _created = Feedback.objects.update_or_create(
        event=event, user=user, defaults={"rating": rating, "comment": comment}
    )
    return feedback
