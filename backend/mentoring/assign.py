"""A programme's proposal run: inputs from the engine adapter, the assignment from ``matching``.

The parties come from ``backend.engine.parties`` (the same builders as every
recommendation, so scores and reasons agree with "recommended for you");
this module only sets each mentor's places for the run and calls
:func:`matching.assign` with the confirmed pairs locked and the declined ones
forbidden. ``backend.engine`` has no assignment runner yet; when it gets one
(``assignment_run``) this call is the place to switch.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import matching as m
from backend.engine.parties import Inputs
from backend.engine.recommend import reason_dict


@dataclass(frozen=True)
class Proposed:
    startup_id: int
    mentor_id: int
    score: float
    reasons: list[dict]


def propose(
    startup_ids: list[int],
    mentor_ids: list[int],
    *,
    capacities: dict[int, int],
    locked: set[tuple[int, int]],
    forbidden: set[tuple[int, int]],
    inputs: Inputs | None = None,
) -> list[Proposed]:
    """The optimal assignment: maximum total score, one mentor per startup, mentors within *capacities*.

    *locked* pairs (confirmed) stay in; *forbidden* pairs (declined, already mentoring) are never used.
    """
    inputs = inputs or Inputs()
    # Mentors inactive since they joined the programme drop out here (build_mentors: active only).
    startups = inputs.startups(startup_ids)
    mentors = [replace(mentor, capacity=capacities[int(mentor.id)]) for mentor in inputs.mentors(mentor_ids)]
    if not startups or not mentors:
        return []
    found = m.score_all(
        m.PairKind.STARTUP_MENTOR, startups, mentors, industries=inputs.industries, graph=inputs.social_index
    )
    matches = {(int(x.left), int(x.right)): x for x in found}
    candidates = [(str(s), str(r), x.score) for (s, r), x in matches.items() if (s, r) not in forbidden]
    # A confirmed pair stays even if the scorer would now exclude it (a profile changed since).
    candidates += [(str(s), str(r), 0.0) for s, r in locked if (s, r) not in matches]
    known_startups = {int(s.id) for s in startups}
    known_mentors = {int(r.id) for r in mentors}
    result = m.assign(
        [m.Party(s.id, 1) for s in startups],
        [m.Party(r.id, r.capacity) for r in mentors],
        candidates,
        forbidden=[(str(s), str(r)) for s, r in forbidden if s in known_startups and r in known_mentors],
        locked=[(str(s), str(r)) for s, r in locked if s in known_startups and r in known_mentors],
    )
    out = []
    for s, r, score in result.pairs:
        match = matches.get((int(s), int(r)))
        reasons = [reason_dict(reason) for reason in match.reasons] if match else []
        out.append(Proposed(int(s), int(r), round(float(score), 6), reasons))
    return out
