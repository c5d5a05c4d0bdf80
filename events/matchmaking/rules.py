"""Who may do what on a matchmaking day. Pure predicates over the requester.

* The day's organizers (see :func:`events.rules.can_manage_event`) and platform
  admins manage it: settings, slots, tables, unavailability, the scheduler,
  locks, publishing, check-in, repair, the outcomes overview.
* A participant acts through its organisation: every member of a
  participating organisation may edit its profile, send and answer its
  requests, read its agenda and record its outcomes and follow-ups.
* Participants and managers see the participant list (offers and seeks are
  meant for the other side); everyone who may see the event sees the day's
  basic settings. Nobody else sees requests, meetings or outcomes.
"""

from __future__ import annotations

from events import rules as event_rules
from events.matchmaking.models import Participant


def member_org_ids(user) -> set[int]:
    """Organisations *user* belongs to (any kind)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_member_org_ids", None)
    if cached is None:
        cached = set(user.memberships.values_list("organisation_id", flat=True))
        user._member_org_ids = cached
    return cached


def can_manage(user, event) -> bool:
    return event_rules.can_manage_event(user, event)


def acts_for(user, participant: Participant) -> bool:
    """Whether *user* may act for *participant* (a member of its organisation)."""
    return participant.organisation_id in member_org_ids(user)


def my_participants(user, day_id: int):
    return Participant.objects.filter(day_id=day_id, organisation_id__in=member_org_ids(user))


def is_participant(user, day_id: int) -> bool:
    return bool(member_org_ids(user)) and my_participants(user, day_id).exists()


def can_see_participants(user, event) -> bool:
    return can_manage(user, event) or is_participant(user, event.pk)
