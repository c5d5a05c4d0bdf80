"""The registry of statistics sections: one module per area.

A section turns a :class:`~backend.insight.scope.Scope` into a
:class:`SectionData` — headline figures and breakdowns (rows × columns) — with
a bounded number of database queries, and writes its paragraph of the Chinese
report. The dashboard, the Excel workbook and the printable report are all
built from the same ``SectionData``, so they cannot disagree.

Sections also say who is connected to whom in their area
(:meth:`Section.relations`), which the ecosystem map puts together.

Adding an area means adding a module here that defines a :class:`Section`
subclass decorated with :func:`register`; modules are discovered on first use.

Confidential company figures (revenue, valuation, loan amounts) only ever
leave a section as aggregates over at least :data:`MIN_GROUP` companies; below
that the value is ``None`` and ``suppressed`` is set (see :func:`guarded`).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import ClassVar

from backend.insight.scope import Scope

#: Aggregates of confidential figures over fewer companies than this are withheld.
MIN_GROUP = 3
SUPPRESSED_NOTE = "suppressed, fewer than 3"
SUPPRESSED_NOTE_ZH = "少于3家企业，不予显示"

Number = int | float | None

# Units the frontend and the workbook know how to show.
COUNT, PERCENT, YUAN, SCORE, HOURS = "count", "percent", "yuan", "score", "hours"


def number(value) -> Number:
    """Database values (Decimal, int, None) as JSON numbers."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


def ratio(part, whole, digits: int = 1) -> float | None:
    """Percentage of two database counts (None when nothing to divide by)."""
    if not whole:
        return None
    return round(100.0 * float(part or 0) / float(whole), digits)


def guarded(value, companies: int | None) -> tuple[Number, bool]:
    """A confidential aggregate: the value over ``companies`` companies, or ``(None, True)`` below MIN_GROUP."""
    if (companies or 0) < MIN_GROUP:
        return None, True
    return number(value), False


@dataclass
class Figure:
    key: str
    label: str
    label_en: str
    value: Number
    unit: str = COUNT
    confidential: bool = False
    suppressed: bool = False

    @property
    def note(self) -> str:
        return SUPPRESSED_NOTE if self.suppressed else ""


@dataclass
class Column:
    key: str
    label: str
    label_en: str
    unit: str = COUNT
    confidential: bool = False
    # Drawn in the chart (False: a total or a rate shown in the table only).
    plotted: bool = True


@dataclass
class Row:
    key: str
    label: str
    label_en: str
    values: dict[str, Number]
    # Column keys whose value is withheld (small group).
    suppressed: list[str] = field(default_factory=list)


@dataclass
class Breakdown:
    key: str
    label: str
    label_en: str
    columns: list[Column]
    rows: list[Row]
    # How the dashboard draws it: bar, stacked, line, pie, funnel.
    chart: str = "bar"


@dataclass
class SectionData:
    key: str
    title: str
    title_en: str
    figures: list[Figure]
    breakdowns: list[Breakdown] = field(default_factory=list)
    # The section's sentences in the Chinese report.
    paragraph: str = ""

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def value(self, key: str) -> Number:
        return self.figure(key).value

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


class Section:
    """One area of the statistics. Subclasses set the class attributes and implement :meth:`compute`."""

    key: ClassVar[str]
    title: ClassVar[str]
    title_en: ClassVar[str]
    order: ClassVar[int] = 100

    def compute(self, scope: Scope) -> SectionData:
        raise NotImplementedError

    def paragraph(self, data: SectionData, scope: Scope) -> str:
        """The section's part of the report's 基本情况 (Chinese)."""
        return ""

    def relations(self, scope: Scope) -> Iterable[tuple[str, str, str]]:
        """Who is connected to whom in this area, as ``(node, node, edge type)`` for the ecosystem map.

        Node keys are ``matching.graph.node_key`` strings (``"startup:12"``);
        edge types come from ``matching.graph.SOCIAL_EDGE_TYPES``.
        """
        return ()

    def run(self, scope: Scope) -> SectionData:
        data = self.compute(scope)
        data.paragraph = self.paragraph(data, scope)
        return data

    def data(self, figures: list[Figure], breakdowns: list[Breakdown] | None = None) -> SectionData:
        return SectionData(self.key, self.title, self.title_en, figures, breakdowns or [])


_REGISTRY: dict[str, Section] = {}
_LOADED = False


def register(cls: type[Section]) -> type[Section]:
    if cls.key in _REGISTRY and type(_REGISTRY[cls.key]) is not cls:
        raise ValueError(f"two statistics sections named {cls.key!r}")
    _REGISTRY[cls.key] = cls()
    return cls


def sections(keys: Iterable[str] | None = None) -> list[Section]:
    """Registered sections in display order (only *keys* when given)."""
    global _LOADED
    if not _LOADED:
        for module in pkgutil.iter_modules(__path__):
            if not module.name.startswith("_"):
                importlib.import_module(f"{__name__}.{module.name}")
        _LOADED = True
    chosen = sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))
    if keys is not None:
        wanted = set(keys)
        chosen = [s for s in chosen if s.key in wanted]
    return chosen


# --- helpers for sections -----------------------------------------------------


def choice_rows(
    choices: Sequence[tuple[str, str]],
    counted: dict[str, dict[str, Number]],
    columns: Sequence[str],
) -> list[Row]:
    """Rows for every choice of a TextChoices (zeros where the database found none).

    ``choices`` are ``(value, "中文 · English")`` pairs as the models define them.
    """
    rows = []
    for value, label in choices:
        zh, _, en = str(label).partition(" · ")
        found = counted.get(value, {})
        rows.append(Row(value, zh, en or zh, {c: found.get(c, 0) for c in columns}))
    return rows


def months(date_from: date, date_to: date) -> list[date]:
    """First days of the months the period touches."""
    out, current = [], date_from.replace(day=1)
    while current <= date_to:
        out.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return out


def month_rows(scope: Scope, counted: dict[date, dict[str, Number]], columns: Sequence[str]) -> list[Row]:
    """One row per month of the period (zeros where nothing happened)."""
    return [
        Row(
            m.strftime("%Y-%m"),
            f"{m.year}年{m.month}月",
            m.strftime("%Y-%m"),
            {c: counted.get(m, {}).get(c, 0) for c in columns},
        )
        for m in months(scope.date_from, scope.date_to)
    ]


def suppress_small_groups(rows: list[Row], value_columns: Sequence[str], companies: dict[str, int]) -> None:
    """Withhold confidential columns of rows over fewer than MIN_GROUP companies.

    ``companies`` maps row key → distinct companies behind the row's values
    (rows without companies hold no company figure and are left alone).
    Because a published total minus the shown rows gives the withheld rows'
    sum, more rows are withheld, smallest first, until the withheld rows
    together cover at least MIN_GROUP companies (secondary suppression).
    """
    counted = [r for r in rows if companies.get(r.key, 0) > 0]
    withheld = [r for r in counted if companies[r.key] < MIN_GROUP]
    if withheld:
        others = sorted((r for r in counted if r not in withheld), key=lambda r: (companies[r.key], r.key))
        while others and sum(companies[r.key] for r in withheld) < MIN_GROUP:
            withheld.append(others.pop(0))
    for row in withheld:
        for column in value_columns:
            row.values[column] = None
            if column not in row.suppressed:
                row.suppressed.append(column)
