"""All sections for one scope: what the dashboard, the workbook and the report show."""

from __future__ import annotations

from collections.abc import Iterable

from backend.insight.scope import Scope
from backend.insight.sections import SectionData, sections


def statistics(scope: Scope, keys: Iterable[str] | None = None) -> list[SectionData]:
    """Every registered section's figures for *scope* (only *keys* when given), in display order."""
    return [section.run(scope) for section in sections(keys)]
