"""Who may see and do what in mentoring; one place, asked by selectors, services and views.

* A request or mentorship belongs to two sides: the startup's members and the
  mentor (the user of the mentor profile). Only they see it, plus platform
  admins (read-only, never the session logs).
* Session logs and the mentee's team are for the two sides alone.
* Programmes are managed by organizers who are members of the programme's
  organisation, and by admins; organizers see every programme and aggregated
  counts, never a session log.
"""

from __future__ import annotations

from backend.accounts.models import Role
from backend.core.permissions import has_any_role, is_platform_admin
from backend.directory.models import Membership, MentorProfile, OrgKind

MANAGING_KINDS = (OrgKind.BUREAU, OrgKind.CARRIER_OPERATOR)


def authenticated(user) -> bool:
    return user is not None and user.is_authenticated


def startup_ids(user) -> set[int]:
    """The startups *user* is a member of."""
    if not authenticated(user):
        return set()
    return set(
        Membership.objects.filter(user=user.pk, organisation__kind=OrgKind.STARTUP).values_list(
            "organisation_id", flat=True
        )
    )


def mentor_profile_id(user) -> int | None:
    if not authenticated(user):
        return None
    return MentorProfile.objects.filter(user=user.pk).values_list("pk", flat=True).first()


def is_startup_member(user, startup_id: int) -> bool:
    return authenticated(user) and Membership.objects.filter(user=user.pk, organisation=startup_id).exists()


def is_mentor(user, mentor: MentorProfile) -> bool:
    return authenticated(user) and mentor.user_id == user.pk


def is_party(user, obj) -> bool:
    """The mentor or a member of the startup of a request, mentorship or proposal."""
    return is_mentor(user, obj.mentor) or is_startup_member(user, obj.startup_id)


def may_read(user, obj) -> bool:
    return is_party(user, obj) or is_platform_admin(user)


def is_organizer(user) -> bool:
    return has_any_role(user, Role.ORGANIZER)


def may_manage_programme(user, programme) -> bool:
    if is_platform_admin(user):
        return True
    return (
        has_any_role(user, Role.ORGANIZER)
        and Membership.objects.filter(user=user.pk, organisation=programme.organisation_id).exists()
    )


def may_create_programme_for(user, organisation) -> bool:
    if organisation.kind not in MANAGING_KINDS:
        return False
    if is_platform_admin(user):
        return True
    return (
        has_any_role(user, Role.ORGANIZER)
        and Membership.objects.filter(user=user.pk, organisation=organisation.pk).exists()
    )
