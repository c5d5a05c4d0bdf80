"""Reads for the pool: who acts for which investor, who may see what, and the lists.

Confidential data is decided in one place, :func:`confidential_access`; list
selectors annotate each entry with what the viewer's investor organisations
hold (grant, pending request, pipeline stage) in subqueries, so a page costs
a constant number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.fields import CharField

from backend.accounts.models import Role
from backend.core.permissions import has_any_role, is_platform_admin
from backend.directory.models import Industry, Membership, Organisation, OrgKind
from backend.pool.models import AccessLog, AccessRequest, PipelineEntry, PipelineStage, PipelineStep, PoolEntry


def member_org_ids(user, kind: str) -> QuerySet:
    """Ids of *user*'s organisations of *kind* (a subquery)."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none().values("pk")
    return Membership.objects.filter(user=user.pk, organisation__kind=kind).values("organisation_id")


def investor_orgs(user) -> QuerySet[Organisation]:
    """The investor organisations *user* acts for, by name."""
    return Organisation.objects.filter(pk__in=member_org_ids(user, OrgKind.INVESTOR)).order_by("name", "pk")


def is_startup_member(user, startup_id: int) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user.pk, organisation=startup_id).exists()


def can_browse(user) -> bool:
    """The pool is for investors; organizers (finance roadshows) and admins look too."""
    return has_any_role(user, Role.INVESTOR, Role.ORGANIZER)


@dataclass(frozen=True)
class Access:
    """What a viewer may see of one startup's confidential data, and as whom the read is logged."""

    allowed: bool
    logged: bool = False  # reads by outsiders (granted investors, admins) are logged
    investor: Organisation | None = None
    reason: str = "none"  # member | granted | admin | pending | none


def confidential_access(user, startup_id: int) -> Access:
    """The rule: the startup's members; investors it granted; platform admins (logged)."""
    if user is None or not user.is_authenticated:
        return Access(False)
    if is_startup_member(user, startup_id):
        return Access(True, reason="member")
    requests = AccessRequest.objects.filter(
        startup=startup_id, investor__in=member_org_ids(user, OrgKind.INVESTOR), status__in=AccessRequest.ACTIVE
    ).select_related("investor")
    granted = next((r for r in requests if r.status == AccessRequest.Status.GRANTED), None)
    if granted is not None:
        return Access(True, logged=True, investor=granted.investor, reason="granted")
    if is_platform_admin(user):
        return Access(True, logged=True, reason="admin")
    return Access(False, reason="pending" if requests else "none")


def _viewer_annotations(user) -> dict:
    investor_ids = member_org_ids(user, OrgKind.INVESTOR)
    active = AccessRequest.objects.filter(startup=OuterRef("pk"), investor__in=investor_ids)
    stage = PipelineEntry.objects.filter(startup=OuterRef("pk"), investor__in=investor_ids).order_by("-updated_at")
    return {
        "viewer_granted": Exists(active.filter(status=AccessRequest.Status.GRANTED)),
        "viewer_pending": Exists(active.filter(status=AccessRequest.Status.PENDING)),
        "viewer_stage": Subquery(stage.values("stage")[:1], output_field=CharField()),
    }


def pool_entries(*, user) -> QuerySet[PoolEntry]:
    """Listed entries with their startup, annotated with the viewer's access and pipeline stage."""
    queryset = PoolEntry.objects.select_related("startup__region", "startup__startup__carrier").prefetch_related(
        Prefetch("startup__industries", queryset=Industry.objects.order_by("path"))
    )
    annotations = (
        _viewer_annotations(user)
        if user is not None and user.is_authenticated
        else {
            "viewer_granted": Value(False),
            "viewer_pending": Value(False),
            "viewer_stage": Value(None, output_field=CharField()),
        }
    )
    return queryset.annotate(**annotations)


def pool_list(*, user) -> QuerySet[PoolEntry]:
    return pool_entries(user=user).filter(listed=True)


def pool_entry_for(*, user, startup_id: int) -> PoolEntry | None:
    """One entry as the viewer may see it: listed ones for browsers, any of one's own; else None."""
    entry = pool_entries(user=user).filter(pk=startup_id).first()
    if entry is None:
        return None
    if is_startup_member(user, startup_id) or is_platform_admin(user):
        return entry
    if entry.listed and can_browse(user):
        return entry
    return None


def my_entries(*, user) -> QuerySet[PoolEntry]:
    return pool_entries(user=user).filter(startup__in=member_org_ids(user, OrgKind.STARTUP))


def access_requests(*, user) -> QuerySet[AccessRequest]:
    """Requests to the user's startups and from the user's investor organisations; admins see all."""
    queryset = AccessRequest.objects.select_related("startup", "investor", "requested_by", "decided_by")
    if is_platform_admin(user):
        return queryset
    return queryset.filter(
        Q(startup__in=member_org_ids(user, OrgKind.STARTUP)) | Q(investor__in=member_org_ids(user, OrgKind.INVESTOR))
    )


def access_log(*, user) -> QuerySet[AccessLog]:
    """The reads of the user's startups' confidential data; admins see all."""
    queryset = AccessLog.objects.select_related("startup", "investor", "user")
    if is_platform_admin(user):
        return queryset
    return queryset.filter(startup__in=member_org_ids(user, OrgKind.STARTUP))


def pipeline(*, user) -> QuerySet[PipelineEntry]:
    """The pipelines of the user's investor organisations (private to them), with the startups."""
    return (
        PipelineEntry.objects.filter(investor__in=member_org_ids(user, OrgKind.INVESTOR))
        .select_related("investor", "startup__startup", "startup__region")
        .annotate(in_pool=Exists(PoolEntry.objects.filter(pk=OuterRef("startup_id"), listed=True)))
        .prefetch_related(Prefetch("steps", queryset=PipelineStep.objects.select_related("event", "by")))
    )


def interested_investors(*, startup_id: int) -> QuerySet[PipelineEntry]:
    """Who is interested in a startup: pipelines still open (not passed); the notes stay out."""
    return (
        PipelineEntry.objects.filter(startup=startup_id)
        .exclude(stage=PipelineStage.PASSED)
        .select_related("investor")
        .order_by("-updated_at", "pk")
    )
