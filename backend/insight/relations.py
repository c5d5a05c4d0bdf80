"""Helpers for sections' ecosystem relations: who a user stands for in the graph.

A person appears as their mentor profile (``mentor:<profile id>``) or as the
investor or bank they work for (``investor:<organisation id>``); people
without either stay out of the map.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from backend.directory.models import Membership, MentorProfile, OrgKind


def node(node_type: str, ident) -> str:
    return f"{node_type}:{ident}"


def mentor_of(user_field: str) -> Subquery:
    """The mentor profile id of the user in *user_field* (or NULL)."""
    return Subquery(MentorProfile.objects.filter(user=OuterRef(user_field)).values("pk")[:1])


def organisation_of(user_field: str, kind: str) -> Subquery:
    """The (first) organisation of *kind* the user in *user_field* belongs to (or NULL)."""
    return Subquery(
        Membership.objects.filter(user=OuterRef(user_field), organisation__kind=kind)
        .order_by("organisation_id")
        .values("organisation_id")[:1]
    )


def investor_of(user_field: str) -> Subquery:
    return organisation_of(user_field, OrgKind.INVESTOR)


def bank_of(user_field: str) -> Subquery:
    return organisation_of(user_field, OrgKind.BANK)


def person_nodes(mentor, investor, bank) -> list[str]:
    """The nodes a person stands for (mentor profile, investor, bank), those that exist."""
    found = []
    if mentor:
        found.append(node("mentor", mentor))
    if investor:
        found.append(node("investor", investor))
    if bank:
        found.append(node("bank", bank))
    return found
