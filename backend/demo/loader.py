"""``load_demo()``: plan every area (pure data), then write it in one transaction.

Each step is a module with ``plan(ctx)`` (no database; names instead of ids,
all randomness from ``ctx.rng(<step>)``) and ``write(ctx)`` (bulk upserts by
natural key). Later areas (events, journeys …) add a module to ``STEPS``.
"""

from __future__ import annotations

import hashlib
import json
import time

from django.db import transaction

from backend.demo import directory, mentoring, people, reference
from backend.demo import finance as finance_demo
from backend.demo import pool as pool_demo
from backend.demo.context import DemoContext
from backend.demo.events import load_events
from backend.demo.matchmaking import load_matchmaking
from backend.directory.models import Carrier, LoanProduct, MentorProfile, Organisation
from backend.directory.services import search_documents_refresh

STEPS = [reference, directory, people, mentoring]
STEPS += [pool_demo, finance_demo]  # the investors' pool; banks' answers to needs


def plan_demo() -> DemoContext:
    ctx = DemoContext()
    for step in STEPS:
        step.plan(ctx)
    return ctx


def plan_digest(ctx: DemoContext | None = None) -> str:
    """SHA-256 of the plans: equal digests mean equal demo data."""
    ctx = ctx or plan_demo()
    blob = json.dumps(ctx.plans, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def demo_data_present() -> bool:
    """True when the directory holds anything beyond reference data (demo or real)."""
    from backend.directory.models import Carrier, Organisation

    return Organisation.objects.exists() or Carrier.objects.exists()


def load_demo() -> DemoContext:
    """Create or update the demo data; running it again writes nothing."""
    started = time.perf_counter()
    ctx = plan_demo()
    ctx.stats["plan ms"] = round((time.perf_counter() - started) * 1000)
    with transaction.atomic():
        for step in STEPS:
            step_started = time.perf_counter()
            step.write(ctx)
            ctx.stats[f"{step.__name__.rsplit('.', 1)[-1]} ms"] = round((time.perf_counter() - step_started) * 1000)
        # Documents mention industries, which are linked after the rows exist.
        for model in (Organisation, Carrier, LoanProduct, MentorProfile):
            ctx.stats[f"{model.__name__} search documents"] += search_documents_refresh(queryset=model.objects.all())
        # Events are dated around today (a year of them: half past, half upcoming),
        # so they go through the events services once rather than a static plan.
        step_started = time.perf_counter()
        ctx.stats["events created"] = load_events(ctx.rng("events")).get("events", 0)
        ctx.stats["events ms"] = round((time.perf_counter() - step_started) * 1000)
        ctx.stats.update(load_matchmaking(ctx.rng("matchmaking")))
    ctx.stats["total ms"] = round((time.perf_counter() - started) * 1000)
    return ctx
