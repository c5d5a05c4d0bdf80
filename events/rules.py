"""Who may do what with an event. Pure predicates; views and selectors use them.

* An event is managed by organizers of its organising organisation: users with
  the organizer role AND a membership in that organisation, or platform admins.
* Public events are visible to everyone once published; invitation events only
  to invitees and managers; drafts only to managers. Out of scope means 404.
"""

from __future__ import annotations

from backend.accounts.models import Role
from backend.directory.models import Membership, OrgKind


def organised_org_ids(user) -> set[int]:
    """Organisations whose events *user* may manage (empty for non-organizers)."""
    if not user.is_authenticated or not user.has_role(Role.ORGANIZER):
        return set()
    cached = getattr(user, "_organised_org_ids", None)
    if cached is None:
        cached = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
        user._organised_org_ids = cached
    return cached


def can_manage_org(user, organisation_id: int) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_platform_admin or organisation_id in organised_org_ids(user)


def can_manage_event(user, event) -> bool:
    return can_manage_org(user, event.organisation_id)


def can_manage_carrier(user, carrier) -> bool:
    """Rooms of a carrier are kept by organizers of its operator (or admins)."""
    if not user.is_authenticated:
        return False
    return user.is_platform_admin or (
        carrier.operator_id is not None and carrier.operator_id in organised_org_ids(user)
    )


def startup_ids(user) -> set[int]:
    """Startup organisations *user* belongs to (for booking pitch slots)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_startup_ids", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user=user, organisation__kind=OrgKind.STARTUP).values_list(
                "organisation_id", flat=True
            )
        )
        user._startup_ids = cached
    return cached
