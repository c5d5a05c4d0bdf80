"""What mentoring tells the matching engine: places taken, and who mentors whom."""

from __future__ import annotations

from collections import Counter

from backend.directory.models import OrgKind
from backend.engine.parties import Relation, mentor_node, org_node
from backend.mentoring.models import Mentorship


def active_mentees(profile_ids: list[int]) -> dict[int, int]:
    """Places taken per mentor profile: their active mentorships (1 query)."""
    rows = Mentorship.objects.filter(mentor__in=profile_ids, status=Mentorship.Status.ACTIVE)
    return dict(Counter(rows.values_list("mentor_id", flat=True)))


def mentorship_relations() -> list[Relation]:
    """Mentor → startup edges ("mentors") for every mentorship, active or ended (1 query)."""
    pairs = Mentorship.objects.values_list("mentor_id", "startup_id").distinct()
    return [(mentor_node(mentor), org_node(startup, OrgKind.STARTUP), "mentors") for mentor, startup in pairs]
