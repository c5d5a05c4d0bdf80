"""Who may see a startup's confidential figures.

The rule lives in :func:`can_view_confidential` alone; serializers ask it per
row. So that a list page does not ask the database once per row, list
selectors annotate each organisation with what the rule needs about the
viewer (:func:`annotate_viewer`); the function falls back to a query when
the annotation is missing (a freshly created row, another viewer).
Later issues extend both with investors' access grants.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet, Value

from backend.core.permissions import is_platform_admin
from backend.directory.models import Membership, Organisation

VIEWER_ID = "viewer_id"
VIEWER_IS_MEMBER = "viewer_is_member"


def annotate_viewer(queryset: QuerySet[Organisation], user) -> QuerySet[Organisation]:
    """Annotate organisations with whether *user* is one of their members."""
    if user is None or not user.is_authenticated:
        return queryset
    return queryset.annotate(
        **{
            VIEWER_ID: Value(user.pk),
            VIEWER_IS_MEMBER: Exists(Membership.objects.filter(organisation=OuterRef("pk"), user=user.pk)),
        }
    )


def _viewer_is_member(user, organisation: Organisation) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if getattr(organisation, VIEWER_ID, None) == user.pk:
        return getattr(organisation, VIEWER_IS_MEMBER)
    return Membership.objects.filter(organisation=organisation, user=user).exists()


def can_view_confidential(user, organisation: Organisation) -> bool:
    """Confidential startup fields: the startup's own members and platform admins."""
    if user is None or not user.is_authenticated:
        return False
    return is_platform_admin(user) or _viewer_is_member(user, organisation)
