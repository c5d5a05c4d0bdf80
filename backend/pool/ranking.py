"""Recommendations for the pool, through the matching engine.

The shared engine adapter (``backend/engine``, another branch) was not on
``main`` when this was written, so this module feeds :mod:`matching` directly
with the same signature the engine will offer,
``startups_for_investor(investor_org, k, candidates=queryset)``; swapping to
the engine is a one-line import change. Parties are built in a fixed number
of queries: the two small trees, the candidates with their industries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

import matching as m
from backend.directory.models import Industry, InvestorProfile, Organisation, Region
from backend.pool.models import PoolEntry


@dataclass(frozen=True)
class Ranked:
    """One recommended row with the engine's score and reasons."""

    item: object
    score: float
    reasons: tuple[m.Reason, ...]


def industry_tree() -> m.Tree:
    rows = list(Industry.objects.values_list("pk", "path", "name", "name_en"))
    return m.Tree.from_paths(
        [path for _pk, path, _name, _en in rows],
        labels={str(pk): name for pk, _path, name, _en in rows},
        labels_en={str(pk): en or name for pk, _path, name, en in rows},
    )


class RegionNames:
    """Region id → names from the province down (the engine's region paths)."""

    def __init__(self) -> None:
        rows = list(Region.objects.values_list("pk", "path", "name"))
        self._names = {pk: name for pk, _path, name in rows}
        self._paths = {pk: path for pk, path, _name in rows}

    def path(self, region_id: int | None) -> tuple[str, ...]:
        if region_id is None or region_id not in self._paths:
            return ()
        return tuple(self._names[int(p)] for p in self._paths[region_id].strip("/").split("/") if p)


def startup_party(organisation: Organisation, regions: RegionNames, *, seeking=None, pitch: str = "") -> m.Startup:
    profile = getattr(organisation, "startup", None)
    return m.Startup(
        str(organisation.pk),
        organisation.name,
        industries=[str(i.pk) for i in organisation.industries.all()],
        region=regions.path(organisation.region_id),
        stage=profile.stage if profile else None,
        certifications=profile.certifications if profile else (),
        description=" ".join(part for part in (pitch, organisation.description) if part),
        seeking_amount=seeking,
    )


def investor_party(organisation: Organisation, regions: RegionNames) -> m.Investor:
    profile: InvestorProfile | None = getattr(organisation, "investor", None)
    return m.Investor(
        str(organisation.pk),
        organisation.name,
        industries=[str(i.pk) for i in organisation.industries.all()],
        region=regions.path(organisation.region_id),
        regions=[regions.path(r.pk) for r in profile.regions.all()] if profile else (),
        stages=profile.stages if profile else (),
        ticket_min=profile.ticket_min if profile else None,
        ticket_max=profile.ticket_max if profile else None,
        description=organisation.description,
    )


def startups_for_investor(investor_org: Organisation, k: int, *, candidates: QuerySet[PoolEntry]) -> list[Ranked]:
    """The *k* pool entries of *candidates* that suit *investor_org* best, with reasons, best first."""
    investor = (
        Organisation.objects.select_related("investor")
        .prefetch_related("industries", "investor__regions")
        .get(pk=investor_org.pk)
    )
    entries = {
        str(e.pk): e
        for e in candidates.prefetch_related(None)
        .select_related("startup__startup__carrier", "startup__region")
        .prefetch_related(Prefetch("startup__industries", queryset=Industry.objects.order_by("path")))
    }
    if not entries:
        return []
    regions = RegionNames()
    startups = [startup_party(e.startup, regions, seeking=e.funding_sought, pitch=e.summary) for e in entries.values()]
    scorer = m.Scorer(
        m.PairKind.STARTUP_INVESTOR, startups, [investor_party(investor, regions)], industries=industry_tree()
    )
    matches = m.recommend(scorer, str(investor.pk), k=k, side="right")
    return [Ranked(entries[match.left], match.score, match.reasons) for match in matches]
