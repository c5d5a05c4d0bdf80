"""Counterparts the matching engine recommends to a participant, with its reasons.

A thin adapter: participants become :mod:`matching` parties and
:class:`matching.Scorer` scores them. (The shared ``backend/engine`` party
builders were not on main when this was written; when they land, the
builders below can give way to them.)

* enterprise ↔ bank: the enterprise's financing need (the amount it states for
  the day, else its latest open debt need) against the bank's loan products;
  hard constraints of a product (stage, amount range, collateral) exclude it;
* enterprise ↔ investor: the startup against the investor's stages, ticket
  range, regions and industries;
* an enterprise without an amount, and institutes (成果对接), are scored on
  industry, stage, region and text alone (the partner taken as a party
  without a ticket range).

Offers and seeks of the day are added to the descriptions, so that what a
participant writes for this day counts in the text similarity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import matching
from backend.directory.models import FinancingNeed, Industry, LoanProduct, OrgKind, Region
from events.matchmaking.models import Participant, Side

DEFAULT_LIMIT = 10


@dataclass(frozen=True)
class Recommendation:
    participant: Participant
    score: float
    reasons: list[dict[str, Any]]
    via: str = ""


def _industry_tree() -> matching.Tree:
    rows = list(Industry.objects.values_list("id", "path", "name", "name_en"))
    return matching.Tree.from_paths(
        [path for _id, path, _n, _e in rows if path],
        labels={str(pk): name for pk, _p, name, _e in rows},
        labels_en={str(pk): (en or name) for pk, _p, name, en in rows},
    )


def _region_names(participants: list[Participant]) -> dict[int, tuple[str, ...]]:
    """Region id -> names from the province down (what the engine compares)."""
    paths = {p.organisation.region_id: p.organisation.region.path for p in participants}
    ids = {int(x) for path in paths.values() for x in path.strip("/").split("/") if x}
    names = dict(Region.objects.filter(pk__in=ids).values_list("id", "name"))
    return {
        region_id: tuple(names[int(x)] for x in path.strip("/").split("/") if x and int(x) in names)
        for region_id, path in paths.items()
    }


def _text(p: Participant) -> str:
    return " ".join(part for part in (p.organisation.description, p.offer, p.seek) if part)


def _industries(p: Participant) -> list[str]:
    return [str(i.pk) for i in p.organisation.industries.all()]


def _startup(p: Participant, regions) -> matching.Startup:
    profile = getattr(p.organisation, "startup", None)
    return matching.Startup(
        f"p{p.pk}",
        p.organisation.name,
        industries=_industries(p),
        region=regions[p.organisation.region_id],
        stage=profile.stage if profile else None,
        certifications=profile.certifications if profile else (),
        description=_text(p),
        seeking_amount=p.amount,
    )


def _need(p: Participant, startup: matching.Startup) -> matching.FinancingNeed | None:
    need = (
        FinancingNeed.objects.filter(startup=p.organisation, kind=FinancingNeed.Kind.DEBT, status="open")
        .order_by("-created_at")
        .first()
    )
    amount: Decimal | None = p.amount or (need.amount if need else None)
    if amount is None:
        return None
    return matching.FinancingNeed(
        f"p{p.pk}",
        startup,
        amount=amount,
        kind="debt",
        collateral_offered=need.collateral_offered if need else (),
        purpose=" ".join(x for x in (need.purpose if need else "", p.seek) if x),
        term_months=need.term_months if need else None,
    )


def _bank(p: Participant, regions) -> matching.Bank:
    products = [
        matching.LoanProduct(
            str(lp.pk),
            lp.name,
            bank_id=f"p{p.pk}",
            bank_name=p.organisation.name,
            stages=lp.stages,
            amount_min=lp.amount_min,
            amount_max=lp.amount_max,
            collateral=lp.collateral,
            industries=[str(i.pk) for i in lp.industries.all()],
            description=lp.description,
        )
        for lp in LoanProduct.objects.filter(bank=p.organisation, active=True).prefetch_related("industries")
    ]
    return matching.Bank(
        f"p{p.pk}",
        p.organisation.name,
        region=regions[p.organisation.region_id],
        products=products,
        description=_text(p),
    )


def _investor(p: Participant, regions) -> matching.Investor:
    profile = getattr(p.organisation, "investor", None) if p.organisation.kind == OrgKind.INVESTOR else None
    return matching.Investor(
        f"p{p.pk}",
        p.organisation.name,
        industries=_industries(p),
        region=regions[p.organisation.region_id],
        stages=profile.stages if profile else (),
        ticket_min=profile.ticket_min if profile else None,
        ticket_max=profile.ticket_max if profile else None,
        description=_text(p),
    )


def _reasons(match: matching.Match) -> list[dict[str, Any]]:
    return [{"code": r.code, "zh": r.zh, "en": r.en, "contribution": round(r.contribution, 4)} for r in match.reasons]


def recommend_for(participant: Participant, *, limit: int = DEFAULT_LIMIT) -> list[Recommendation]:
    """The best counterparts on the other side of *participant*'s day, best first, with reasons."""
    qs = (
        Participant.objects.filter(day_id=participant.day_id)
        .select_related("organisation__region", "organisation__startup", "organisation__investor")
        .prefetch_related("organisation__industries")
    )
    everyone = list(qs)
    me = next(p for p in everyone if p.pk == participant.pk)
    others = [p for p in everyone if p.side != me.side]
    if not others:
        return []
    regions = _region_names(everyone)
    tree = _industry_tree()
    enterprises = [me] if me.side == Side.ENTERPRISE else others
    partners = others if me.side == Side.ENTERPRISE else [me]
    by_id = {f"p{p.pk}": p for p in everyone}
    startups = {f"p{p.pk}": _startup(p, regions) for p in enterprises}

    pairs: list[tuple[str, str, str]] = []  # (kind, enterprise id, partner id)
    lefts: dict[str, dict[str, Any]] = {kind: {} for kind in matching.PairKind}
    rights: dict[str, dict[str, Any]] = {kind: {} for kind in matching.PairKind}
    for e in enterprises:
        eid = f"p{e.pk}"
        need = _need(e, startups[eid])
        for partner in partners:
            pid = f"p{partner.pk}"
            if partner.organisation.kind == OrgKind.BANK and need is not None:
                kind = matching.PairKind.ENTERPRISE_BANK
                lefts[kind][eid] = need
                rights[kind].setdefault(pid, _bank(partner, regions))
            else:
                kind = matching.PairKind.STARTUP_INVESTOR
                lefts[kind][eid] = startups[eid]
                rights[kind].setdefault(pid, _investor(partner, regions))
            pairs.append((kind, eid, pid))

    found: list[Recommendation] = []
    for kind in matching.PairKind:
        mine = [(e, p) for k, e, p in pairs if k == kind]
        if not mine:
            continue
        scorer = matching.Scorer(kind, lefts[kind].values(), rights[kind].values(), industries=tree)
        for (eid, pid), match in zip(mine, scorer.matches(mine), strict=True):
            if match is None:
                continue
            other = by_id[pid] if me.side == Side.ENTERPRISE else by_id[eid]
            via = ""
            if match.via:
                via = next((lp.name for lp in rights[kind][pid].products if lp.id == match.via), "")
            found.append(Recommendation(other, round(match.score, 4), _reasons(match), via))
    found.sort(key=lambda r: (-r.score, r.participant.organisation.name))
    return found[:limit]
