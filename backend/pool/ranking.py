"""Recommendations for the pool, from the matching engine (``backend.engine.recommend``).

The engine ranks startups for an investor organisation over the candidates it
is given (here: the listed entries the viewer may see) and gives reasons; this
module maps its answer back to pool entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from backend.directory.models import Organisation
from backend.engine import recommend
from backend.pool.models import PoolEntry


@dataclass(frozen=True)
class Ranked:
    """One recommended row with the engine's score and reasons (JSON-ready dicts)."""

    item: Any
    score: float
    reasons: list[dict[str, Any]]


def startups_for_investor(investor_org: Organisation, k: int, *, candidates: QuerySet[PoolEntry]) -> list[Ranked]:
    """The *k* entries of *candidates* that suit *investor_org* best, best first, with reasons."""
    entries = {entry.pk: entry for entry in candidates}
    if not entries:
        return []
    ranked = recommend.startups_for_investor(
        investor_org, k, candidates=Organisation.objects.filter(pk__in=list(entries))
    )
    return [Ranked(entries[row.id], row.score, row.reasons) for row in ranked if row.id in entries]
