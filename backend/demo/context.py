"""What the demo steps share: seeded randomness, fixed dates, the plans and the rows written."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

SEED = "innolink-demo-2026"
TZ = ZoneInfo("Asia/Shanghai")
# Everything dated is relative to this day, never to today: loads are reproducible.
ANCHOR_DATE = date(2026, 1, 1)
ANCHOR = datetime(2026, 1, 1, 9, 0, tzinfo=TZ)


@dataclass
class DemoContext:
    """Plans are pure data (names, not ids) built first; writers then resolve names to rows."""

    plans: dict[str, Any] = field(default_factory=dict)
    stats: Counter = field(default_factory=Counter)
    # Filled by the writers: natural key -> saved instance / id.
    regions: dict[str, int] = field(default_factory=dict)
    industries: dict[str, int] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)
    carriers: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def rng(step: str) -> random.Random:
        """One generator per step (string seeds hash deterministically), so steps do not shift each other."""
        return random.Random(f"{SEED}:{step}")


def days_before(days: int, *, hour: int = 9, minute: int = 0) -> datetime:
    return (ANCHOR - timedelta(days=days)).replace(hour=hour, minute=minute)


def yuan(amount: float | int, *, step: int = 1000) -> Decimal:
    """CNY rounded down to *step* yuan (default 千元), as Decimal with two places."""
    return Decimal(int(amount) // step * step).quantize(Decimal("0.01"))


def wan(amount_wan: float | int) -> Decimal:
    """万元 → yuan Decimal."""
    return (Decimal(str(amount_wan)) * 10000).quantize(Decimal("0.01"))
