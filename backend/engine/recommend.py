"""Recommendations with reasons, read from the database and scored by :mod:`matching`.

Selectors for other apps (mentoring, the project pool, matchmaking) and for
the "recommended for me" API. Each returns a list of :class:`Recommendation`
(best first): the counterpart's ``kind``, ``id`` and ``name``, its ``score``
in [0, 1], its ``reasons`` as data (``code``, ``zh``, ``en``,
``contribution``, ``data``; contributions sum to the score) and a few public
``detail`` fields for a card.

============================================  =================================================
selector                                      returns
============================================  =================================================
``mentors_for_startup(org, k)``               active mentors with places left
``investors_for_startup(org, k)``             investor organisations
``loan_products_for_need(need, k)``           active loan products; hard constraints (stage,
                                              amount, collateral, industry, certification)
                                              exclude, never only lower the score
``loan_products_for_startup(org, k)``         the same over the startup's open debt needs
                                              (best need per product, ``detail.need_id``)
``startups_for_investor(org, k, candidates)`` startups, exposure-capped across all investors'
                                              lists; ``candidates``: the pool's listed startups
``startups_for_mentor(profile, k, cand.)``    startups, exposure-capped across all mentors
``needs_for_bank(org, k, candidates)``        open debt needs that fit one of the bank's
                                              active products (``detail.product_id``)
``loan_product_exclusions(need, product)``    why a product does not fit a need (reasons)
============================================  =================================================

``org``/``profile``/``need`` may be a model instance or a primary key; an
organisation of the wrong kind or without its profile gives an empty list.
Every selector takes ``inputs`` (a :class:`backend.engine.parties.Inputs`)
to share the trees and the graph between several calls of one request.

Visibility: the selectors never put confidential figures (revenue,
valuation …) into inputs at all. Startups shown to investors and mentors
carry no financing need amounts; for investors the pool's published
``funding_sought`` may count (``amounts=``); needs go to banks, who see open
needs anyway. Callers still decide
who may ask (see :mod:`backend.engine.views`).

Exposure fairness: investor → startup and mentor → startup lists are
allocated for every investor (mentor) at once, so that no startup takes
more than ``ENGINE_MAX_SHARE`` of the lists (default 0.3), while the total
is at most ``ENGINE_FAIR_MAX_CELLS`` scored pairs (default four million);
the allocation uses content scores, the chosen items are then scored with
the graph too. Beyond that each list is plain top-k.

Query counts (measured in the tests): the trees (2), both sides (2–4 each),
the graph (11) and one query of display fields, about 20 in all, whatever
the number of parties.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

import matching as m
from backend.directory.models import FinancingNeed, LoanProduct, MentorProfile, Organisation
from backend.engine.parties import Inputs
from matching.types import format_cny

__all__ = [
    "Recommendation",
    "investors_for_startup",
    "loan_product_exclusions",
    "loan_products_for_need",
    "loan_products_for_startup",
    "mentors_for_startup",
    "needs_for_bank",
    "reason_dict",
    "startups_for_investor",
    "startups_for_mentor",
]

DEFAULT_MAX_SHARE = 0.3
DEFAULT_FAIR_MAX_CELLS = 4_000_000


@dataclass(frozen=True)
class Recommendation:
    """One recommended counterpart with its score and reasons (plain data, JSON-ready via :meth:`as_dict`)."""

    kind: str  # mentor | investor | loan_product | startup | need
    id: int
    name: str
    score: float
    reasons: list[dict[str, Any]] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def reason_dict(reason: m.Reason) -> dict[str, Any]:
    """A :class:`matching.Reason` as JSON-ready data."""
    return {
        "code": reason.code,
        "zh": reason.zh,
        "en": reason.en,
        "contribution": round(reason.contribution, 6),
        "data": _jsonable(reason.data),
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, str | int | bool) or value is None:
        return value
    return float(value) if hasattr(value, "__float__") else str(value)


def _pk(obj: Any) -> int:
    return int(getattr(obj, "pk", obj))


def _max_share() -> float:
    return float(getattr(settings, "ENGINE_MAX_SHARE", DEFAULT_MAX_SHARE))


def _fair_max_cells() -> int:
    return int(getattr(settings, "ENGINE_FAIR_MAX_CELLS", DEFAULT_FAIR_MAX_CELLS))


def _scorer(kind: m.PairKind, left: list, right: list, inputs: Inputs) -> m.Scorer:
    return m.Scorer(kind, left, right, industries=inputs.industries, graph=inputs.social_index)


def _match(match: m.Match, kind: str, target: str, name: str, detail: dict | None = None) -> Recommendation:
    return Recommendation(
        kind=kind,
        id=int(target),
        name=name,
        score=round(match.score, 6),
        reasons=[reason_dict(r) for r in match.reasons],
        detail=detail or {},
    )


# --- for a startup --------------------------------------------------------------------


def _startup(org: Organisation | int, inputs: Inputs) -> m.Startup | None:
    found = inputs.startups([_pk(org)])
    return found[0] if found else None


def mentors_for_startup(
    org: Organisation | int,
    k: int = 5,
    *,
    diversity: float = 0.0,
    exclude: Iterable[int] = (),
    candidates: QuerySet[MentorProfile] | Iterable[int] | None = None,
    inputs: Inputs | None = None,
) -> list[Recommendation]:
    """Active mentors with places left for a startup, best first.

    ``exclude``: mentor profile ids to leave out (current mentors, declined
    requests); ``candidates`` restricts the mentors (a programme's set).
    """
    inputs = inputs or Inputs()
    startup = _startup(org, inputs)
    if startup is None:
        return []
    mentors = inputs.mentors(candidates)
    if not mentors:
        return []
    scorer = _scorer(m.PairKind.STARTUP_MENTOR, [startup], mentors, inputs)
    matches = m.recommend(scorer, startup.id, k, side="left", diversity=diversity, exclude=[str(x) for x in exclude])
    details = {
        row["pk"]: row
        for row in MentorProfile.objects.filter(pk__in=[int(x.right) for x in matches]).values(
            "pk", "title", "affiliation", "capacity"
        )
    }
    places = {mentor.id: mentor.capacity for mentor in mentors}
    out = []
    for match in matches:
        row = details.get(int(match.right), {})
        detail = {
            "title": row.get("title", ""),
            "affiliation": row.get("affiliation", ""),
            "places_left": places[match.right],
        }
        out.append(_match(match, "mentor", match.right, scorer.right[scorer.right_index[match.right]].name, detail))
    return out


def investors_for_startup(
    org: Organisation | int,
    k: int = 5,
    *,
    diversity: float = 0.0,
    exclude: Iterable[int] = (),
    inputs: Inputs | None = None,
) -> list[Recommendation]:
    """Investor organisations for a startup (its own equity need amount counts), best first."""
    inputs = inputs or Inputs()
    startup = _startup(org, inputs)
    if startup is None:
        return []
    investors = inputs.investors()
    if not investors:
        return []
    scorer = _scorer(m.PairKind.STARTUP_INVESTOR, [startup], investors, inputs)
    matches = m.recommend(scorer, startup.id, k, side="left", diversity=diversity, exclude=[str(x) for x in exclude])
    by_id = {inv.id: inv for inv in investors}
    out = []
    for match in matches:
        inv = by_id[match.right]
        detail = {
            "stages": list(inv.stages),
            "ticket_min": _money(inv.ticket_min),
            "ticket_max": _money(inv.ticket_max),
        }
        out.append(_match(match, "investor", match.right, inv.name, detail))
    return out


def _money(value: Any) -> str | None:
    return None if value is None else str(value)


def _product_detail(product: m.LoanProduct) -> dict[str, Any]:
    return {
        "bank_id": int(product.bank_id),
        "bank_name": product.bank_name,
        "stages": list(product.stages),
        "amount_min": _money(product.amount_min),
        "amount_max": _money(product.amount_max),
        "collateral": sorted(product.collateral),
    }


def loan_products_for_need(
    need: FinancingNeed | int,
    k: int | None = None,
    *,
    candidates: QuerySet[LoanProduct] | Iterable[int] | None = None,
    inputs: Inputs | None = None,
) -> list[Recommendation]:
    """Active loan products that fit a financing need (all that fit when ``k`` is None), best first.

    A product whose stages, amount range, collateral, industries or required
    certifications rule the need out is not in the list at all; ask
    :func:`loan_product_exclusions` why. Equity needs fit no loan product.
    """
    inputs = inputs or Inputs()
    needs = inputs.needs([_pk(need)])
    products = inputs.loan_products(candidates)
    if not needs or not products:
        return []
    scorer = _scorer(m.PairKind.NEED_PRODUCT, needs, products, inputs)
    matches = m.recommend(scorer, needs[0].id, k or len(products), side="left")
    by_id = {p.id: p for p in products}
    return [
        _match(match, "loan_product", match.right, by_id[match.right].name, _product_detail(by_id[match.right]))
        for match in matches
    ]


def loan_products_for_startup(
    org: Organisation | int, k: int = 5, *, inputs: Inputs | None = None
) -> list[Recommendation]:
    """Loan products for a startup's open debt needs: each product once, with the need it fits best.

    A startup without an open debt need gets none (a product's amount range
    is a hard constraint, so there is nothing to compare it with).
    """
    inputs = inputs or Inputs()
    need_ids = list(
        FinancingNeed.objects.filter(
            startup_id=_pk(org), kind=FinancingNeed.Kind.DEBT, status=FinancingNeed.Status.OPEN
        ).values_list("pk", flat=True)
    )
    if not need_ids:
        return []
    needs = inputs.needs(need_ids)
    products = inputs.loan_products()
    if not needs or not products:
        return []
    scorer = _scorer(m.PairKind.NEED_PRODUCT, needs, products, inputs)
    best: dict[str, m.Match] = {}
    for match in _all_matches(scorer):
        current = best.get(match.right)
        if current is None or match.score > current.score:
            best[match.right] = match
    ranked = sorted(best.values(), key=lambda x: (-x.score, int(x.right)))[:k]
    by_id = {p.id: p for p in products}
    amounts = {n.id: n.amount for n in needs}
    out = []
    for match in ranked:
        detail = _product_detail(by_id[match.right]) | {
            "need_id": int(match.left),
            "need_amount": _money(amounts[match.left]),
        }
        out.append(_match(match, "loan_product", match.right, by_id[match.right].name, detail))
    return out


def _all_matches(scorer: m.Scorer) -> list[m.Match]:
    """Every allowed pair of a (small) scorer, with reasons."""
    pairs = [(i, j) for i in range(scorer.shape[0]) for j in range(scorer.shape[1])]
    return [x for x in scorer.matches(pairs) if x is not None]


def loan_product_exclusions(
    need: FinancingNeed | int, product: LoanProduct | int, *, inputs: Inputs | None = None
) -> list[dict[str, Any]]:
    """The hard constraints by which ``product`` does not fit ``need`` (empty if it fits)."""
    inputs = inputs or Inputs()
    needs = inputs.needs([_pk(need)])
    products = inputs.loan_products([_pk(product)])
    if not needs or not products:
        return []
    return [reason_dict(r) for r in m.why_not(m.PairKind.NEED_PRODUCT, needs[0], products[0])]


# --- for investors, mentors, banks ---------------------------------------------------


def _fair_list(scorer: m.Scorer, user: str, k: int, exclude: Sequence[str] = ()) -> list[m.Match]:
    """The list of ``user`` (right side) over the left side, exposure-capped across all right users.

    The allocation of places in everybody's lists uses content scores only (a
    scorer without the graph): graph signals need a walk and a search per
    party, too slow for every list at once in a request. The chosen items are
    then scored in full (graph included) for their order, scores and reasons.
    """
    n_users, n_items = scorer.shape[1], scorer.shape[0]
    if exclude or n_users * n_items > _fair_max_cells() or n_users < 2:
        return m.recommend(scorer, user, k, side="right", exclude=list(exclude))
    content = m.Scorer(scorer.kind, scorer.left, scorer.right, industries=scorer.industry_tree, text=scorer.text_model)
    chosen = m.recommend_all(content, k, side="right", max_share=_max_share()).ids(user)
    u = scorer.right_index[user]
    matches = [x for x in scorer.matches([(scorer.left_index[i], u) for i in chosen]) if x is not None]
    return sorted(matches, key=lambda x: (-x.score, int(x.left)))


def _startup_details(ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = Organisation.objects.filter(pk__in=ids).values(
        "pk", "startup__stage", "region__name", "startup__carrier__name"
    )
    return {
        row["pk"]: {
            "stage": row["startup__stage"],
            "region": row["region__name"],
            "carrier": row["startup__carrier__name"] or "",
        }
        for row in rows
    }


def startups_for_investor(
    investor_org: Organisation | int,
    k: int = 10,
    *,
    candidates: QuerySet[Organisation] | Iterable[int] | None = None,
    amounts: Mapping[int, Any] | None = None,
    exclude: Iterable[int] = (),
    inputs: Inputs | None = None,
) -> list[Recommendation]:
    """Startups for an investor organisation, exposure-capped across every investor's list.

    ``candidates``: the startups the investor may see (the project pool's
    listed startups; default every startup). ``amounts``: the amount each
    startup seeks as the investor may see it (the pool's ``funding_sought``),
    compared with ticket ranges; startups' own financing needs never count.
    """
    inputs = inputs or Inputs(startup_amounts=False)
    investors = inputs.investors()
    me = str(_pk(investor_org))
    if me not in {inv.id for inv in investors}:
        return []
    startups = inputs.startups(candidates)
    if amounts is not None:
        startups = [replace(s, seeking_amount=amounts.get(int(s.id))) for s in startups]
    if not startups:
        return []
    scorer = _scorer(m.PairKind.STARTUP_INVESTOR, startups, investors, inputs)
    matches = _fair_list(scorer, me, k, [str(x) for x in exclude])
    details = _startup_details([int(x.left) for x in matches])
    names = {s.id: s.name for s in startups}
    return [_match(x, "startup", x.left, names[x.left], details.get(int(x.left))) for x in matches]


def startups_for_mentor(
    profile: MentorProfile | int,
    k: int = 10,
    *,
    candidates: QuerySet[Organisation] | Iterable[int] | None = None,
    exclude: Iterable[int] = (),
    inputs: Inputs | None = None,
) -> list[Recommendation]:
    """Startups for a mentor, exposure-capped across every active mentor's list.

    A mentor whose places are all taken still gets a list (the capacity
    limits assignments, not what a mentor may look at).
    """
    inputs = inputs or Inputs(startup_amounts=False)
    mentors = [replace_capacity(x) for x in inputs.mentors()]
    me = str(_pk(profile))
    if me not in {x.id for x in mentors}:
        return []
    startups = inputs.startups(candidates)
    if not startups:
        return []
    scorer = _scorer(m.PairKind.STARTUP_MENTOR, startups, mentors, inputs)
    matches = _fair_list(scorer, me, k, [str(x) for x in exclude])
    details = _startup_details([int(x.left) for x in matches])
    names = {s.id: s.name for s in startups}
    return [_match(x, "startup", x.left, names[x.left], details.get(int(x.left))) for x in matches]


def replace_capacity(mentor: m.Mentor, capacity: int = 1) -> m.Mentor:
    """The mentor with at least ``capacity`` places (for lists that are not assignments)."""
    return mentor if mentor.capacity >= capacity else replace(mentor, capacity=capacity)


def needs_for_bank(
    bank_org: Organisation | int,
    k: int = 10,
    *,
    candidates: QuerySet[FinancingNeed] | Iterable[int] | None = None,
    inputs: Inputs | None = None,
) -> list[Recommendation]:
    """Open debt needs that fit one of the bank's active products, best first, with that product.

    Needs no product of the bank can serve (stage, amount, collateral …) are
    left out; ``detail.product_id`` names the best-fitting product.
    """
    inputs = inputs or Inputs()
    banks = inputs.banks([_pk(bank_org)])
    if not banks or not banks[0].products:
        return []
    if candidates is None:
        candidates = FinancingNeed.objects.filter(status=FinancingNeed.Status.OPEN, kind=FinancingNeed.Kind.DEBT)
    needs = inputs.needs(candidates)
    if not needs:
        return []
    bank = banks[0]
    scorer = _scorer(m.PairKind.ENTERPRISE_BANK, needs, [bank], inputs)
    matches = m.recommend(scorer, bank.id, k, side="right")
    products = {p.id: p for p in bank.products}
    by_id = {n.id: n for n in needs}
    out = []
    for match in matches:
        need = by_id[match.left]
        product = products[match.via]
        detail = {
            "startup_id": int(need.startup.id),
            "startup_name": need.startup.name,
            "amount": _money(need.amount),
            "term_months": need.term_months,
            "product_id": int(product.id),
            "product_name": product.name,
        }
        name = f"{need.startup.name} · {format_cny(need.amount)[0]}"
        out.append(_match(match, "need", match.left, name, detail))
    return out
