"""Reads for mentoring, scoped to the viewer (see rules.py); a constant number of queries per page."""

from __future__ import annotations

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest

from backend.core.permissions import is_platform_admin
from backend.core.search import search
from backend.directory.models import Industry, Membership, MentorProfile, OrgKind
from backend.mentoring import rules
from backend.mentoring.models import (
    MentoringRequest,
    MentoringSession,
    Mentorship,
    Programme,
    ProgrammeMentor,
    ProgrammeStartup,
    Proposal,
)


def _count(queryset: QuerySet, column: str) -> Coalesce:
    counted = queryset.order_by().values(column).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _my_startups(user) -> QuerySet:
    return Membership.objects.filter(user=user.pk, organisation__kind=OrgKind.STARTUP).values("organisation_id")


def _side_scope(user, side: str | None) -> Q:
    """Rows where *user* is the mentor (side "mentor"), a startup member ("startup"), or either."""
    as_startup = Q(startup__in=_my_startups(user))
    as_mentor = Q(mentor__user=user.pk)
    if side == "startup":
        return as_startup
    if side == "mentor":
        return as_mentor
    return as_startup | as_mentor


def request_list(*, user, side: str | None = None) -> QuerySet[MentoringRequest]:
    queryset = MentoringRequest.objects.select_related("startup", "mentor__user", "requested_by")
    if is_platform_admin(user) and side is None:
        return queryset
    return queryset.filter(_side_scope(user, side))


def mentorship_list(*, user, side: str | None = None) -> QuerySet[Mentorship]:
    sessions = MentoringSession.objects.filter(mentorship=OuterRef("pk"))
    minutes = sessions.order_by().values("mentorship").annotate(m=Sum("duration_minutes")).values("m")
    queryset = (
        Mentorship.objects.select_related(
            "startup__region", "startup__startup", "mentor__user", "request", "proposal__programme", "ended_by"
        )
        .prefetch_related(Prefetch("startup__industries", queryset=Industry.objects.order_by("path")))
        .annotate(
            sessions_count=_count(sessions, "mentorship"),
            minutes_total=Coalesce(Subquery(minutes, output_field=IntegerField()), Value(0)),
        )
    )
    if is_platform_admin(user) and side is None:
        return queryset
    return queryset.filter(_side_scope(user, side))


def session_list(*, mentorship: Mentorship) -> QuerySet[MentoringSession]:
    return MentoringSession.objects.filter(mentorship=mentorship).select_related("logged_by")


def mentee_team(*, mentorship: Mentorship) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=mentorship.startup_id).select_related("user").order_by("pk")


def mentor_directory(*, user, text: str = "", industry: int | None = None) -> QuerySet[MentorProfile]:
    """Active mentors with their free places; for a startup member, whether one of their startups
    already has an open request to or a mentorship with each."""
    active = Mentorship.objects.filter(mentor=OuterRef("pk"), status=Mentorship.Status.ACTIVE)
    queryset = MentorProfile.objects.filter(active=True).select_related("user", "region")
    if text:
        queryset = search(queryset, text)
    else:
        queryset = queryset.order_by("user__name", "pk")
    if industry:
        subtree = Industry.objects.filter(pk=industry).values_list("path", flat=True).first() or "-"
        queryset = queryset.filter(industries__path__startswith=subtree).distinct()
    queryset = queryset.prefetch_related(Prefetch("industries", queryset=Industry.objects.order_by("path")))
    queryset = queryset.annotate(active_mentees=_count(active, "mentor"))
    queryset = queryset.annotate(free_places=Greatest(Value(0), F("capacity") - F("active_mentees")))
    mine = _my_startups(user) if rules.authenticated(user) else Membership.objects.none().values("organisation_id")
    return queryset.annotate(
        open_request=Exists(
            MentoringRequest.objects.filter(
                mentor=OuterRef("pk"), startup__in=mine, status=MentoringRequest.Status.PENDING
            )
        ),
        mentoring_me=Exists(
            Mentorship.objects.filter(mentor=OuterRef("pk"), startup__in=mine, status=Mentorship.Status.ACTIVE)
        ),
    )


# --- programmes ------------------------------------------------------------------------------------


def programme_list(*, user) -> QuerySet[Programme]:
    queryset = Programme.objects.select_related("organisation").annotate(
        startups_count=_count(ProgrammeStartup.objects.filter(programme=OuterRef("pk")), "programme"),
        mentors_count=_count(ProgrammeMentor.objects.filter(programme=OuterRef("pk")), "programme"),
        proposed_count=_count(Proposal.objects.filter(programme=OuterRef("pk"), status="proposed"), "programme"),
        confirmed_count=_count(Proposal.objects.filter(programme=OuterRef("pk"), status="confirmed"), "programme"),
    )
    if is_platform_admin(user) or rules.is_organizer(user):
        return queryset
    return queryset.filter(
        Q(programme_mentors__mentor__user=user.pk) | Q(programme_startups__startup__in=_my_startups(user))
    ).distinct()


def proposal_list(*, user, programme: Programme | None = None) -> QuerySet[Proposal]:
    queryset = Proposal.objects.select_related("programme", "startup", "mentor__user")
    if programme is not None:
        queryset = queryset.filter(programme=programme)
        if rules.is_organizer(user):  # admins hold every role
            return queryset
    return queryset.filter(_side_scope(user, None))


def programme_startups(*, programme: Programme) -> QuerySet[ProgrammeStartup]:
    return ProgrammeStartup.objects.filter(programme=programme).select_related("startup__startup", "startup__region")


def programme_mentors(*, programme: Programme) -> QuerySet[ProgrammeMentor]:
    active = Mentorship.objects.filter(mentor=OuterRef("mentor"), status=Mentorship.Status.ACTIVE)
    return (
        ProgrammeMentor.objects.filter(programme=programme)
        .select_related("mentor__user")
        .annotate(active_mentees=_count(active, "mentor"))
    )


def programme_session_counts(*, programme: Programme) -> dict[str, int]:
    """Aggregated counts only: what organizers may know of the programme's mentorships."""
    mentorships = Mentorship.objects.filter(proposal__programme=programme)
    sessions = MentoringSession.objects.filter(mentorship__in=mentorships)
    totals = sessions.aggregate(n=Count("pk"), minutes=Coalesce(Sum("duration_minutes"), 0))
    return {
        "mentorships_active": mentorships.filter(status=Mentorship.Status.ACTIVE).count(),
        "mentorships_ended": mentorships.filter(status=Mentorship.Status.ENDED).count(),
        "sessions": totals["n"],
        "session_minutes": totals["minutes"],
    }


# --- counts ------------------------------------------------------------------------------------------


def summary(*, user) -> dict[str, int]:
    """The viewer's own counts (home cards)."""
    mine = _my_startups(user)
    return {
        "incoming_pending": MentoringRequest.objects.filter(mentor__user=user.pk, status="pending").count(),
        "mentees_active": Mentorship.objects.filter(mentor__user=user.pk, status="active").count(),
        "proposals_pending": Proposal.objects.filter(mentor__user=user.pk, status="proposed").count(),
        "requests_pending": MentoringRequest.objects.filter(startup__in=mine, status="pending").count(),
        "mentorships_active": Mentorship.objects.filter(startup__in=mine, status="active").count(),
    }


def stats() -> dict[str, int]:
    """Platform-wide aggregated counts for organizers and admins (no session content)."""
    requests = MentoringRequest.objects.aggregate(
        pending=Count("pk", filter=Q(status="pending")),
        accepted=Count("pk", filter=Q(status="accepted")),
        declined=Count("pk", filter=Q(status="declined")),
    )
    mentorships = Mentorship.objects.aggregate(
        active=Count("pk", filter=Q(status="active")), ended=Count("pk", filter=Q(status="ended"))
    )
    sessions = MentoringSession.objects.aggregate(n=Count("pk"), minutes=Coalesce(Sum("duration_minutes"), 0))
    return {
        "requests_pending": requests["pending"],
        "requests_accepted": requests["accepted"],
        "requests_declined": requests["declined"],
        "mentorships_active": mentorships["active"],
        "mentorships_ended": mentorships["ended"],
        "sessions": sessions["n"],
        "session_minutes": sessions["minutes"],
        "mentors_with_mentees": Mentorship.objects.filter(status="active").values("mentor").distinct().count(),
    }
