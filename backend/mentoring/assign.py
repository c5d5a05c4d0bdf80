"""Plain inputs for the matching engine from a programme's rows, and its answer.

Thin on purpose: the shared engine adapter (``backend/engine``, another branch)
will provide party builders and ``assignment_run``; until it lands this module
builds the startup and mentor parties itself and calls
:func:`matching.assign` directly. No Django model is passed to ``matching``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import matching
from backend.directory.models import Industry, MentorProfile, Organisation, Region
from matching import PairKind, Party, Tree


@dataclass(frozen=True)
class Proposed:
    startup_id: int
    mentor_id: int
    score: float
    reasons: list[dict]


def _industry_tree() -> Tree:
    rows = list(Industry.objects.values_list("pk", "parent_id", "name", "name_en"))
    return Tree(
        {str(pk): (None if parent is None else str(parent)) for pk, parent, _n, _e in rows},
        labels={str(pk): name for pk, _p, name, _e in rows},
        labels_en={str(pk): name_en or name for pk, _p, name, name_en in rows},
    )


def _region_paths(region_ids: Iterable[int | None]) -> dict[int, tuple[str, ...]]:
    names = dict(Region.objects.values_list("pk", "name"))
    paths = dict(Region.objects.filter(pk__in=[r for r in region_ids if r]).values_list("pk", "path"))
    return {pk: tuple(names[int(part)] for part in path.strip("/").split("/") if part) for pk, path in paths.items()}


def startup_parties(startups: list[Organisation]) -> list[matching.Startup]:
    regions = _region_paths(s.region_id for s in startups)
    parties = []
    for org in startups:
        profile = getattr(org, "startup", None)
        parties.append(
            matching.Startup(
                id=str(org.pk),
                name=org.name,
                industries=[str(i.pk) for i in org.industries.all()],
                region=regions.get(org.region_id, ()),
                stage=profile.stage if profile else None,
                certifications=profile.certifications if profile else (),
                description=org.description,
            )
        )
    return parties


def mentor_parties(mentors: list[MentorProfile], capacities: dict[int, int]) -> list[matching.Mentor]:
    regions = _region_paths(m.region_id for m in mentors)
    return [
        matching.Mentor(
            id=str(m.pk),
            name=m.user.name,
            industries=[str(i.pk) for i in m.industries.all()],
            region=regions.get(m.region_id, ()),
            description=" ".join([m.title, m.affiliation, m.bio, *m.expertise]),
            capacity=capacities[m.pk],
        )
        for m in mentors
    ]


def propose(
    startups: list[Organisation],
    mentors: list[MentorProfile],
    *,
    capacities: dict[int, int],
    locked: set[tuple[int, int]],
    forbidden: set[tuple[int, int]],
) -> list[Proposed]:
    """The optimal assignment (max total score, one mentor per startup, mentors within capacities).

    *locked* pairs (confirmed) stay; *forbidden* pairs (declined, already mentoring) are never used.
    """
    if not startups or not mentors:
        return []
    left = startup_parties(startups)
    right = mentor_parties(mentors, capacities)
    scores = {
        (int(m.left), int(m.right)): m
        for m in matching.score_all(PairKind.STARTUP_MENTOR, left, right, industries=_industry_tree())
    }
    # A confirmed pair stays even if the scorer would now exclude it.
    candidates = [(str(s), str(m), match.score) for (s, m), match in scores.items() if (s, m) not in forbidden]
    candidates += [(str(s), str(m), 0.0) for s, m in locked if (s, m) not in scores]
    result = matching.assign(
        [Party(p.id, 1) for p in left],
        [Party(p.id, p.capacity) for p in right],
        candidates,
        forbidden=[(str(s), str(m)) for s, m in forbidden],
        locked=[(str(s), str(m)) for s, m in locked],
    )
    proposed = []
    for s, m, score in result.pairs:
        match = scores.get((int(s), int(m)))
        reasons = [
            {"code": r.code, "zh": r.zh, "en": r.en, "contribution": round(r.contribution, 4)}
            for r in (match.reasons if match else ())
        ]
        proposed.append(Proposed(int(s), int(m), round(float(score), 4), reasons))
    return proposed
