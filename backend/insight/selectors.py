"""The rows a scope covers, as querysets other sections filter by (``event__in=events_in(scope)``).

Where things are:

* an event is where its room's carrier is, or (online, no room) where its
  organising organisation is; it belongs to a carrier held in its rooms, or
  (online) organised by the carrier's operator; only published, ongoing and
  finished events count (drafts and cancellations are not activities);
* a startup is in its organisation's region and at its incubating carrier;
* a carrier is in its region;
* a mentor is in their region; mentors are not attached to carriers, so a
  carrier scope counts the mentors of the carriers' regions.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from backend.core.trees import subtree_q
from backend.directory.models import Carrier, MentorProfile, Organisation, OrgKind, Region, StartupProfile
from backend.insight.scope import Remit, Scope
from events.models import Event, EventStatus

COUNTED_EVENT_STATUSES = (EventStatus.PUBLISHED, EventStatus.ONGOING, EventStatus.FINISHED)


def event_q(scope: Scope, prefix: str = "", *, period: bool = True) -> Q:
    """Events of the scope (``prefix`` reaches the event from another model, e.g. ``"event__"``)."""
    p = prefix
    q = Q(**{f"{p}status__in": COUNTED_EVENT_STATUSES})
    if period:
        q &= scope.in_period(f"{p}starts")
    if scope.regions:
        q &= Q(**{f"{p}room__isnull": False}) & scope.in_region(f"{p}room__carrier__region") | Q(
            **{f"{p}room__isnull": True}
        ) & scope.in_region(f"{p}organisation__region")
    if scope.carriers is not None:
        operators = Carrier.objects.filter(pk__in=scope.carrier_ids, operator__isnull=False).values("operator_id")
        q &= Q(**{f"{p}room__carrier__in": scope.carrier_ids}) | Q(
            **{f"{p}room__isnull": True, f"{p}organisation__in": operators}
        )
    return q


def events_in(scope: Scope, *, period: bool = True) -> QuerySet[Event]:
    return Event.objects.filter(event_q(scope, period=period))


def startup_q(scope: Scope, prefix: str = "") -> Q:
    """Startup profiles of the scope; ``prefix`` reaches the profile (e.g. ``"startup__startup__"``)."""
    return scope.where(region=f"{prefix}organisation__region", carrier=f"{prefix}carrier")


def startup_org_q(scope: Scope, field: str) -> Q:
    """Rows whose *field* (a foreign key to a startup Organisation) is one of the scope's startups."""
    return scope.where(region=f"{field}__region", carrier=f"{field}__startup__carrier")


def startups_in(scope: Scope) -> QuerySet[StartupProfile]:
    return StartupProfile.objects.filter(startup_q(scope), organisation__kind=OrgKind.STARTUP)


def startup_organisations_in(scope: Scope) -> QuerySet[Organisation]:
    """The scope's startups as organisations (what journeys point at)."""
    return Organisation.objects.filter(pk__in=startups_in(scope).values("organisation_id"))


def carriers_in(scope: Scope) -> QuerySet[Carrier]:
    q = scope.in_region("region")
    if scope.carriers is not None:
        q &= Q(pk__in=scope.carrier_ids)
    return Carrier.objects.filter(q)


def mentor_q(scope: Scope, prefix: str = "") -> Q:
    if scope.regions:
        return scope.in_region(f"{prefix}region")
    if scope.carriers is not None:
        return subtree_q(f"{prefix}region", [c.region for c in scope.carriers])
    return Q()


def mentors_in(scope: Scope) -> QuerySet[MentorProfile]:
    return MentorProfile.objects.filter(mentor_q(scope))


def remit_regions(remit: Remit) -> QuerySet[Region]:
    """Regions the viewer may pick: everything, or their regions with every sub-region."""
    if remit.everything:
        return Region.objects.order_by("path")
    if not remit.regions:
        return Region.objects.none()
    return Region.objects.filter(_region_subtrees(remit.regions)).order_by("path")


def _region_subtrees(regions) -> Q:
    q = Q(pk__in=[])
    for region in regions:
        q |= Q(path__startswith=region.path)
    return q


def remit_carriers(remit: Remit) -> QuerySet[Carrier]:
    """Carriers the viewer may pick: in their regions or operated by their organisations."""
    carriers = Carrier.objects.order_by("name")
    if remit.everything:
        return carriers
    q = Q(pk__in=[c.pk for c in remit.carriers])
    if remit.regions:
        q |= subtree_q("region", remit.regions)
    return carriers.filter(q)
