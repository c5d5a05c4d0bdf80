"""Plain inputs and outputs of the matching engine.

The backend builds these from querysets; nothing here knows about Django.
Parties are frozen dataclasses whose sequence fields are coerced to tuples
(and sets to frozensets), so lists from the adapter are accepted and the
objects stay hashable and comparable.

Vocabulary follows the directory models: stages ``seed < startup < growth <
mature``; certifications ``high_tech``, ``specialized``, ``little_giant``,
``tech_sme``; collateral ``credit`` (纯信用), ``patent_pledge``,
``equity_pledge``, ``receivables``, ``guarantee``, ``mortgage``. Unknown codes
are kept and shown as they are. Money is CNY (``Decimal``, ``int`` or
``float``); regions are paths from the province down, e.g.
``("吉林省", "长春市", "朝阳区")``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

__all__ = [
    "CERTIFICATION_LABELS",
    "COLLATERAL_LABELS",
    "STAGES",
    "STAGE_LABELS",
    "Bank",
    "Carrier",
    "Event",
    "FinancingNeed",
    "IndustryTree",
    "Investor",
    "LoanProduct",
    "Match",
    "Mentor",
    "Organisation",
    "PairKind",
    "Person",
    "Reason",
    "RegionTree",
    "Startup",
    "Tree",
    "format_cny",
]

Amount = Decimal | int | float

STAGES: tuple[str, ...] = ("seed", "startup", "growth", "mature")
STAGE_LABELS: dict[str, tuple[str, str]] = {
    "seed": ("种子期", "seed"),
    "startup": ("初创期", "startup"),
    "growth": ("成长期", "growth"),
    "mature": ("成熟期", "mature"),
}
CERTIFICATION_LABELS: dict[str, tuple[str, str]] = {
    "high_tech": ("高新技术企业", "high-tech enterprise"),
    "specialized": ("专精特新", "specialized and innovative"),
    "little_giant": ("专精特新“小巨人”", "little giant"),
    "tech_sme": ("科技型中小企业", "tech SME"),
}
COLLATERAL_LABELS: dict[str, tuple[str, str]] = {
    "credit": ("纯信用", "unsecured (credit)"),
    "patent_pledge": ("专利质押", "patent pledge"),
    "equity_pledge": ("股权质押", "equity pledge"),
    "receivables": ("应收账款质押", "receivables pledge"),
    "guarantee": ("担保", "guarantee"),
    "mortgage": ("抵押", "mortgage"),
}


def format_cny(amount: Amount | None) -> tuple[str, str]:
    """Format a CNY amount as ``(zh, en)``: 万元 in Chinese, millions in English.

    Examples
    --------
    >>> format_cny(3_000_000)
    ('300万元', 'CNY 3m')
    >>> format_cny(Decimal("125000.00"))
    ('12.5万元', 'CNY 0.125m')
    """
    if amount is None:
        return ("不限", "open")
    value = float(amount)
    wan = f"{value / 1e4:.2f}".rstrip("0").rstrip(".")
    millions = f"{value / 1e6:.3f}".rstrip("0").rstrip(".")
    return (f"{wan}万元", f"CNY {millions}m")


def _tuple(value: Iterable[str] | str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(str(v) for v in value)


def _frozen(value: Iterable[str] | None) -> frozenset[str]:
    return frozenset(str(v) for v in value) if value else frozenset()


def _paths(value: Iterable[Sequence[str]] | None) -> tuple[tuple[str, ...], ...]:
    return tuple(_tuple(path) for path in value) if value else ()


class _Coerce:
    """Mixin: coerce sequence fields of a frozen dataclass after init."""

    _tuples: tuple[str, ...] = ()
    _sets: tuple[str, ...] = ()
    _path_lists: tuple[str, ...] = ()
    _texts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in self._texts:
            value = getattr(self, name)
            if not isinstance(value, str):
                # Pre-tokenised text (a sequence of jieba tokens).
                object.__setattr__(self, name, tuple(str(v) for v in value or ()))
        for name in self._tuples:
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        for name in self._sets:
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        for name in self._path_lists:
            object.__setattr__(self, name, _paths(getattr(self, name)))
        object.__setattr__(self, "id", str(self.id))  # type: ignore[attr-defined]


# --- parties -----------------------------------------------------------------


@dataclass(frozen=True)
class Startup(_Coerce):
    """A startup or tech SME (在孵企业, 科技型中小企业).

    ``seeking_amount`` is the equity financing it looks for (compared with
    investors' ticket ranges); debt needs are :class:`FinancingNeed`.
    """

    id: str
    name: str = ""
    industries: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    stage: str | None = None
    certifications: frozenset[str] = frozenset()
    description: str | Sequence[str] = ""
    seeking_amount: Amount | None = None

    _tuples = ("industries", "region")
    _sets = ("certifications",)
    _texts = ("description",)


@dataclass(frozen=True)
class Mentor(_Coerce):
    """创业导师. ``stages`` are preferred stages (soft); ``capacity`` places left."""

    id: str
    name: str = ""
    industries: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    description: str | Sequence[str] = ""
    capacity: int = 3

    _tuples = ("industries", "region", "stages")
    _texts = ("description",)


@dataclass(frozen=True)
class Investor(_Coerce):
    """天使 / 创投. ``regions`` are the areas it invests in (paths, any level).

    ``hard_stages`` / ``hard_ticket`` turn the stage list and the ticket range
    from preferences into constraints that exclude a startup.
    """

    id: str
    name: str = ""
    industries: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    regions: tuple[tuple[str, ...], ...] = ()
    stages: tuple[str, ...] = ()
    ticket_min: Amount | None = None
    ticket_max: Amount | None = None
    preferred_certifications: frozenset[str] = frozenset()
    description: str | Sequence[str] = ""
    hard_stages: bool = False
    hard_ticket: bool = False

    _tuples = ("industries", "region", "stages")
    _sets = ("preferred_certifications",)
    _path_lists = ("regions",)
    _texts = ("description",)


@dataclass(frozen=True)
class LoanProduct(_Coerce):
    """A bank's loan product (e.g. 吉林银行 初创贷).

    Hard constraints: ``stages``, ``amount_min``..``amount_max``, accepted
    ``collateral`` (any one suffices; ``credit`` accepts every need),
    ``industries`` (empty: every industry; otherwise the startup needs an
    industry in one of these subtrees), ``required_certifications`` (any one),
    ``active``. ``region`` defaults to the bank's when empty.
    """

    id: str
    name: str = ""
    bank_id: str = ""
    bank_name: str = ""
    stages: tuple[str, ...] = ()
    amount_min: Amount | None = None
    amount_max: Amount | None = None
    collateral: frozenset[str] = frozenset()
    industries: tuple[str, ...] = ()
    required_certifications: frozenset[str] = frozenset()
    region: tuple[str, ...] = ()
    description: str | Sequence[str] = ""
    active: bool = True

    _tuples = ("stages", "industries", "region")
    _sets = ("collateral", "required_certifications")
    _texts = ("description",)


@dataclass(frozen=True)
class Bank(_Coerce):
    """A bank (or tech branch, 科技支行) at a bank–enterprise matchmaking day."""

    id: str
    name: str = ""
    region: tuple[str, ...] = ()
    products: tuple[LoanProduct, ...] = ()
    description: str | Sequence[str] = ""

    _tuples = ("region",)
    _texts = ("description",)

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "products", tuple(self.products))


@dataclass(frozen=True)
class FinancingNeed(_Coerce):
    """A startup's financing need (融资需求); ``kind`` is ``debt`` or ``equity``."""

    id: str
    startup: Startup
    amount: Amount
    kind: str = "debt"
    collateral_offered: frozenset[str] = frozenset()
    purpose: str | Sequence[str] = ""
    term_months: int | None = None

    _sets = ("collateral_offered",)
    _texts = ("purpose",)


@dataclass(frozen=True)
class Carrier(_Coerce):
    """孵化载体: incubator, maker space, innovation complex …"""

    id: str
    name: str = ""
    region: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()

    _tuples = ("region", "industries")


@dataclass(frozen=True)
class Event(_Coerce):
    """An event (roadshow, salon, matchmaking day …) as a graph node."""

    id: str
    name: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Organisation(_Coerce):
    """Any other organisation (institute, bureau, carrier operator, company group)."""

    id: str
    name: str = ""
    region: tuple[str, ...] = ()

    _tuples = ("region",)


@dataclass(frozen=True)
class Person(_Coerce):
    """A person who is neither mentor nor party of their own (e.g. a judge, a founder)."""

    id: str
    name: str = ""


# --- trees -------------------------------------------------------------------


class Tree:
    """A rooted forest given by a parent map, for industries and regions.

    Nodes are strings; a node missing from the map is its own root, so exact
    matches still work for ids the tree does not know.

    Parameters
    ----------
    parents : mapping
        ``node -> parent`` (``None`` for roots).
    labels : mapping, optional
        ``node -> display name`` (Chinese, or as the seeds write it).
    labels_en : mapping, optional
        ``node -> English name``; falls back to ``labels``.

    Examples
    --------
    >>> t = Tree({"电子信息": None, "光电子": "电子信息", "集成电路": "电子信息", "纺织": None})
    >>> t.ancestors("光电子")
    ('电子信息', '光电子')
    >>> t.similarity("光电子", "光电子"), t.similarity("光电子", "电子信息")
    (1.0, 0.7)
    >>> round(t.similarity("光电子", "集成电路"), 2), t.similarity("光电子", "纺织")
    (0.49, 0.0)
    >>> t.within("光电子", ["电子信息"])
    True
    """

    def __init__(
        self,
        parents: Mapping[str, str | None],
        labels: Mapping[str, str] | None = None,
        labels_en: Mapping[str, str] | None = None,
    ) -> None:
        self._parent: dict[str, str | None] = {
            str(k): (None if v is None else str(v)) for k, v in sorted(parents.items())
        }
        for parent in list(self._parent.values()):
            if parent is not None and parent not in self._parent:
                self._parent[parent] = None
        self._labels = {str(k): v for k, v in (labels or {}).items()}
        self._labels_en = {str(k): v for k, v in (labels_en or {}).items()}
        self._ancestors: dict[str, tuple[str, ...]] = {}
        for node in self._parent:
            self._ancestors[node] = self._walk(node)

    def _walk(self, node: str) -> tuple[str, ...]:
        path = [node]
        seen = {node}
        parent = self._parent.get(node)
        while parent is not None:
            if parent in seen:
                raise ValueError(f"cycle in tree at {parent!r}")
            seen.add(parent)
            path.append(parent)
            parent = self._parent.get(parent)
        return tuple(reversed(path))

    @classmethod
    def from_paths(
        cls,
        paths: Iterable[Sequence[str] | str],
        labels: Mapping[str, str] | None = None,
        labels_en: Mapping[str, str] | None = None,
    ) -> Tree:
        """Build a tree from root-to-node paths.

        A path is a sequence of node ids or a materialized path string such as
        ``"/1/5/23/"`` (the form ``backend.core.trees`` stores).

        Examples
        --------
        >>> t = Tree.from_paths(["/1/", "/1/5/", "/1/5/23/"], labels={"23": "光电子"})
        >>> t.ancestors("23"), t.label("23"), t.label("5")
        (('1', '5', '23'), '光电子', '5')
        """
        parents: dict[str, str | None] = {}
        for path in paths:
            parts = [p for p in path.split("/") if p] if isinstance(path, str) else [str(p) for p in path]
            for depth, node in enumerate(parts):
                parents[node] = parts[depth - 1] if depth else None
        return cls(parents, labels, labels_en)

    def __contains__(self, node: object) -> bool:
        return node in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    @property
    def nodes(self) -> list[str]:
        """All nodes, sorted."""
        return sorted(self._parent)

    def parent(self, node: str) -> str | None:
        return self._parent.get(node)

    def ancestors(self, node: str) -> tuple[str, ...]:
        """The path from the root down to ``node`` (inclusive)."""
        return self._ancestors.get(node, (node,))

    def depth(self, node: str) -> int:
        return len(self.ancestors(node)) - 1

    def label(self, node: str) -> str:
        return self._labels.get(node, node)

    def label_en(self, node: str) -> str:
        return self._labels_en.get(node, self.label(node))

    def within(self, node: str, roots: Iterable[str]) -> bool:
        """Whether ``node`` is one of ``roots`` or below one of them."""
        path = set(self.ancestors(node))
        return any(root in path for root in roots)

    def steps(self, a: str, b: str) -> tuple[int, int] | None:
        """Steps up from ``a`` and from ``b`` to their lowest common ancestor, or None."""
        pa, pb = self.ancestors(a), self.ancestors(b)
        common = 0
        for x, y in zip(pa, pb, strict=False):
            if x != y:
                break
            common += 1
        if common == 0:
            return None
        return len(pa) - common, len(pb) - common

    def similarity(self, a: str, b: str, decay: float = 0.7) -> float:
        """Credit for ``a`` against ``b``: ``decay ** (steps_a + steps_b)`` to the common ancestor.

        Exact match 1; parent/child ``decay``; siblings ``decay**2``; nodes in
        different roots 0.
        """
        if a == b:
            return 1.0
        steps = self.steps(a, b)
        if steps is None:
            return 0.0
        return float(decay ** (steps[0] + steps[1]))


IndustryTree = Tree
RegionTree = Tree


# --- results -----------------------------------------------------------------


class PairKind(StrEnum):
    """What is matched with what; the left side is always the startup side."""

    STARTUP_MENTOR = "startup_mentor"
    STARTUP_INVESTOR = "startup_investor"
    NEED_PRODUCT = "need_product"
    ENTERPRISE_BANK = "enterprise_bank"


@dataclass(frozen=True)
class Reason:
    """One part of a score, or one hard constraint that excludes a pair.

    Attributes
    ----------
    code : str
        Machine code: ``industry``, ``stage``, ``amount``, ``region``,
        ``text``, ``certification``, ``graph.shared_neighbours``,
        ``graph.ppr``, ``graph.distance``; exclusions use the constraint's
        code (``stage``, ``amount``, ``collateral``, ``industry``, ``kind`` …)
        and conflicts ``conflict.*``.
    contribution : float
        Share of the score this part adds (the contributions of a match sum
        to its score); 0 for exclusions.
    credit : float
        The component's value in [0, 1] before weighting.
    weight : float
        The component's normalised weight.
    zh, en : str
        Human-readable labels with the concrete data.
    data : dict
        The concrete data behind the label (ids, names, amounts).
    """

    code: str
    zh: str
    en: str
    contribution: float = 0.0
    credit: float = 0.0
    weight: float = 0.0
    data: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def label(self) -> str:
        """``"中文 · English"``, the form user-facing text takes in Innolink."""
        return f"{self.zh} · {self.en}"


@dataclass(frozen=True)
class Match:
    """A scored pair: ``score`` in [0, 1] and the reasons, largest first.

    ``via`` names the item that made the match when the right side is a
    group (the loan product for an enterprise–bank pair).
    """

    kind: PairKind
    left: str
    right: str
    score: float
    reasons: tuple[Reason, ...] = ()
    via: str | None = None

    @property
    def pair(self) -> tuple[str, str]:
        return (self.left, self.right)
