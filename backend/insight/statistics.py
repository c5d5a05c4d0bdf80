"""All sections for one scope: what the dashboard, the workbook and the report show."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction

from backend.insight.scope import Scope
from backend.insight.sections import SectionData, sections

# Analytic queries sort and hash hundreds of thousands of rows (COUNT DISTINCT,
# GROUP BY industry); the server default of 4 MB sends them to disk.
WORK_MEM = getattr(settings, "INSIGHT_WORK_MEM", "64MB")
STATEMENT_TIMEOUT = getattr(settings, "INSIGHT_STATEMENT_TIMEOUT", "60s")


def statistics(scope: Scope, keys: Iterable[str] | None = None) -> list[SectionData]:
    """Every registered section's figures for *scope* (only *keys* when given), in display order.

    All sections read one snapshot (a read-only repeatable-read transaction,
    unless the caller already holds a transaction), so figures that depend on
    each other — a total and its breakdown in two queries — always agree.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            if _outermost():
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute(
                "SELECT set_config('work_mem', %s, true), set_config('statement_timeout', %s, true)",
                [WORK_MEM, STATEMENT_TIMEOUT],
            )
        return [section.run(scope) for section in sections(keys)]


def _outermost() -> bool:
    """True when the atomic block just opened is the transaction itself (not a savepoint)."""
    return len(connection.savepoint_ids) == 0
