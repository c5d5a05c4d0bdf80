"""Reads: querysets with their joins, scoped to what the requester may see."""

from __future__ import annotations

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from backend.directory.models import Region
from events import rules
from events.models import (
    Booking,
    Event,
    EventStatus,
    Feedback,
    Invitation,
    Judge,
    PitchSlot,
    Registration,
    ScoreSheet,
    Visibility,
)


def _count(model, status: str | None = None, **extra) -> Subquery:
    qs = model.objects.filter(event=OuterRef("pk"), **extra)
    if status is not None:
        qs = qs.filter(status=status)
    return Coalesce(
        Subquery(qs.order_by().values("event").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
        Value(0),
    )


def events_visible_to(user) -> QuerySet[Event]:
    """Public published events for all; drafts to managers; invitation events to invitees, judges and managers."""
    qs = Event.objects.all()
    if user.is_authenticated and user.is_platform_admin:
        return qs
    public = Q(visibility=Visibility.PUBLIC) & ~Q(status=EventStatus.DRAFT)
    if not user.is_authenticated:
        return qs.filter(public)
    invited = Exists(Invitation.objects.filter(event=OuterRef("pk"), user=user)) | Exists(
        Judge.objects.filter(event=OuterRef("pk"), user=user)
    )
    return qs.filter(
        public | Q(organisation_id__in=rules.organised_org_ids(user)) | (invited & ~Q(status=EventStatus.DRAFT))
    )


def event_list(user) -> QuerySet[Event]:
    qs = events_visible_to(user).select_related("organisation", "room__carrier__region", "series", "previous_round")
    qs = qs.annotate(
        confirmed_count=_count(Registration, Registration.Status.CONFIRMED),
        waiting_count=_count(Registration, Registration.Status.WAITING),
        slot_count=_count(PitchSlot),
    )
    if user.is_authenticated:
        mine = Registration.objects.filter(event=OuterRef("pk"), user=user).exclude(
            status=Registration.Status.CANCELLED
        )
        qs = qs.annotate(
            my_registration_status=Subquery(mine.values("status")[:1]),
            is_judge=Exists(Judge.objects.filter(event=OuterRef("pk"), user=user)),
        )
    return qs.order_by("starts", "id")


def in_region(qs: QuerySet[Event], region: Region) -> QuerySet[Event]:
    """Events in *region* or below: the carrier's region for events in a room,
    the organising organisation's region for online ones."""
    return qs.filter(
        Q(room__carrier__region__path__startswith=region.path)
        | Q(room__isnull=True, organisation__region__path__startswith=region.path)
    )


def event_counts(event: Event) -> dict[str, int]:
    """Live counts for the check-in screen, in one query."""
    return Registration.objects.filter(event=event).aggregate(
        registered=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )


def registrations_of(event: Event) -> QuerySet[Registration]:
    waiting_ahead = (
        Registration.objects.filter(
            event=OuterRef("event"), status=Registration.Status.WAITING, queued_at__lt=OuterRef("queued_at")
        )
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        Registration.objects.filter(event=event)
        .select_related("user", "event")
        .annotate(ahead=Coalesce(Subquery(waiting_ahead, output_field=IntegerField()), Value(0)))
        .order_by("queued_at", "id")
    )


def bookings_of(event: Event, user) -> QuerySet[Booking]:
    """Managers see every booking; a startup member their startup's; judges (and
    investors who may score) the approved pitches they score, never pending ones."""
    from events.services.pitches import can_score

    qs = Booking.objects.filter(event=event).select_related("slot", "startup", "applicant")
    if rules.can_manage_event(user, event):
        return qs.order_by("slot__starts", "id")
    visible = Q(startup_id__in=rules.startup_ids(user))
    if can_score(user, event):
        visible |= Q(status=Booking.Status.APPROVED)
    return qs.filter(visible).order_by("slot__starts", "id")


def slots_of(event: Event, user) -> QuerySet[PitchSlot]:
    """Slots with whether each is free (no one learns who holds a pending slot)."""
    live = Booking.objects.filter(slot=OuterRef("pk"), status__in=[Booking.Status.PENDING, Booking.Status.APPROVED])
    qs = PitchSlot.objects.filter(event=event).annotate(is_taken=Exists(live)).order_by("starts", "id")
    approved = Booking.objects.filter(slot=OuterRef("pk"), status=Booking.Status.APPROVED)
    # The programme is public once approved: who pitches when.
    return qs.annotate(
        approved_startup_id=Subquery(approved.values("startup_id")[:1]),
        approved_startup_name=Subquery(approved.values("startup__name")[:1]),
    )


def score_sheets_of(event: Event, user) -> QuerySet[ScoreSheet]:
    qs = (
        ScoreSheet.objects.filter(booking__event=event)
        .select_related("booking__startup", "judge")
        .prefetch_related("scores__criterion")
        .order_by("booking__slot__starts", "id")
    )
    if rules.can_manage_event(user, event):
        return qs
    return qs.filter(judge=user)


def ranking(event: Event) -> QuerySet[Booking]:
    """Approved pitches by weighted mean score, computed in the database.

    Every sheet scores every criterion (the service insists), so
    Σ(value·weight) / Σ(weight) over all of a pitch's scores equals the mean of
    the judges' weighted means.
    """
    score = "score_sheets__scores"
    weighted = Cast(
        Sum(F(f"{score}__value") * F(f"{score}__criterion__weight"), output_field=DecimalField())
        / Sum(f"{score}__criterion__weight", output_field=DecimalField()),
        DecimalField(max_digits=8, decimal_places=3),
    )
    return (
        Booking.objects.filter(event=event, status=Booking.Status.APPROVED)
        .select_related("startup", "slot")
        .annotate(weighted_score=weighted, sheet_count=Count("score_sheets", distinct=True))
        .order_by(F("weighted_score").desc(nulls_last=True), "slot__starts", "id")
    )


def feedback_summary(event: Event) -> dict:
    data = Feedback.objects.filter(event=event).aggregate(
        count=Count("pk"),
        average=Avg("rating"),
        **{f"r{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)},
    )
    return {
        "count": data["count"],
        "average": round(data["average"], 2) if data["average"] is not None else None,
        "distribution": {str(n): data[f"r{n}"] for n in range(1, 6)},
    }


def people_matching(text: str) -> QuerySet:
    """Active people by name (contains) or exact email or phone, for organizers' pickers."""
    from backend.accounts.models import User
    from backend.directory.models import Membership

    text = text.strip()
    match = Q(name__icontains=text) | Q(email__iexact=text) | Q(phone=text)
    memberships = Prefetch("memberships", queryset=Membership.objects.select_related("organisation"))
    return User.objects.filter(match, is_active=True).prefetch_related(memberships).order_by("name", "id")
