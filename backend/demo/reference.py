"""Demo step 0: the reference trees (normally there from migration 0002), and the lookups by name."""

from __future__ import annotations

from backend.demo.context import DemoContext
from backend.directory.reference import region_key


def plan(ctx: DemoContext) -> None:
    """Nothing to plan: the trees are plain data in ``backend.directory.reference``."""


def write(ctx: DemoContext) -> None:
    from backend.directory.models import Industry, Region
    from backend.directory.reference import load_reference

    ctx.stats["reference rows written"] += load_reference(Region, Industry)
    regions = list(Region.objects.only("id", "parent_id", "name"))
    by_id = {r.pk: r for r in regions}

    def names(region) -> tuple[str, ...]:
        return (*names(by_id[region.parent_id]), region.name) if region.parent_id else (region.name,)

    ctx.regions.update({region_key(*names(r)): r.pk for r in regions})
    ctx.industries.update(dict(Industry.objects.values_list("name", "id")))
