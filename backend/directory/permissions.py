"""Who may change what in the directory.

Reading the public directory needs no account. Writes need one, and:
creating needs a role (``view.create_roles``; admins hold every role),
changing needs membership of the organisation the object belongs to
(``view.organisation_of(obj)``) or platform admin rights, and deleting is
for admins unless the view says members may (``view.members_may_delete``).
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from backend.accounts.models import Role
from backend.core.permissions import has_any_role, is_platform_admin
from backend.directory.selectors import is_member


def can_manage_organisation(user, organisation_id: int | None) -> bool:
    return is_platform_admin(user) or is_member(user, organisation_id)


class DirectoryWrite(BasePermission):
    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        if view.action == "create":
            return has_any_role(request.user, *getattr(view, "create_roles", ()))
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if view.action == "destroy" and not getattr(view, "members_may_delete", False):
            return is_platform_admin(request.user)
        return can_manage_organisation(request.user, view.organisation_of(obj))


class MentorWrite(BasePermission):
    """Mentors create and change their own profile; admins change all."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if view.action == "create":
            return has_any_role(request.user, Role.MENTOR)
        return request.user.is_authenticated

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return is_platform_admin(request.user) or obj.user_id == request.user.pk


class OrganizerWrite(BasePermission):
    """Everyone reads; organizers and admins write (carrier evaluations)."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or has_any_role(request.user, Role.ORGANIZER)
