"""Role checks shared by the apps' APIs.

Object rules (membership, ownership) belong to each app; here only the
platform-wide questions: is this an admin, does this person hold a role.
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission


def is_platform_admin(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_platform_admin)


def has_any_role(user, *roles: str) -> bool:
    """True for an authenticated user holding one of *roles*; admins hold every role."""
    if user is None or not user.is_authenticated:
        return False
    return is_platform_admin(user) or any(user.has_role(role) for role in roles)


class IsPlatformAdminOrReadOnly(BasePermission):
    """Everyone reads; platform admins write."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or is_platform_admin(request.user)
