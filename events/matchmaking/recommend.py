"""Counterparts the matching engine recommends to a participant of a day, with its reasons.

Parties come from the engine's builders (:mod:`backend.engine.parties`:
startups, banks with their products, investors, the industry tree and the
ecosystem graph), adjusted by what each participant states for this day:

* enterprise ↔ bank: the enterprise's financing need (the amount it states
  for the day, else its latest open debt need) against the bank's active
  loan products; a product's hard constraints (stage, amount range,
  collateral) exclude it rather than lower the score;
* enterprise ↔ investor: the startup against the investor's stages, ticket
  range, regions and industries;
* an enterprise without any amount, institutes (成果对接) and investors
  without a profile are scored on industry, stage, region, text and the
  graph (the partner taken as a party without a ticket range).

Offers and seeks of the day are added to the descriptions, so what a
participant writes for this day counts in the text similarity. The day's
amount is shown to the other participants anyway, so it may enter reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import matching as m
from backend.directory.models import FinancingNeed, OrgKind
from backend.engine.parties import Inputs
from backend.engine.recommend import reason_dict
from events.matchmaking.models import Meeting, Participant, Side

DEFAULT_LIMIT = 10


@dataclass(frozen=True)
class Recommendation:
    participant: Participant
    score: float
    reasons: list[dict[str, Any]]
    via: str = ""


def _text(p: Participant, base: str = "") -> str:
    return "\n".join(part for part in (base, p.offer, p.seek) if part)


def _plain_partner(p: Participant, regions) -> m.Investor:
    """A partner without a profile the engine knows (an institute …): no ticket, no stages."""
    return m.Investor(
        id=str(p.organisation_id),
        name=p.organisation.name,
        industries=[str(i.pk) for i in p.organisation.industries.all()],
        region=regions.get(p.organisation.region_id, ()),
        description=_text(p, p.organisation.description),
    )


def _need(p: Participant, startup: m.Startup) -> m.FinancingNeed | None:
    need = (
        FinancingNeed.objects.filter(
            startup_id=p.organisation_id, kind=FinancingNeed.Kind.DEBT, status=FinancingNeed.Status.OPEN
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    amount = p.amount or (need.amount if need else None)
    if amount is None:
        return None
    return m.FinancingNeed(
        id=startup.id,
        startup=startup,
        amount=amount,
        kind="debt",
        collateral_offered=need.collateral_offered if need else (),
        purpose=_text(p, need.purpose if need else ""),
        term_months=need.term_months if need else None,
    )


def recommend_for(participant: Participant, *, limit: int = DEFAULT_LIMIT, inputs: Inputs | None = None):
    """The best counterparts on the other side of *participant*'s day, best first, with reasons."""
    inputs = inputs or Inputs(startup_amounts=False)
    everyone = list(
        Participant.objects.filter(day_id=participant.day_id)
        .select_related("organisation")
        .prefetch_related("organisation__industries")
    )
    me = next(p for p in everyone if p.pk == participant.pk)
    others = [p for p in everyone if p.side != me.side]
    if not others:
        return []
    enterprises = [me] if me.side == Side.ENTERPRISE else others
    partners = others if me.side == Side.ENTERPRISE else [me]
    regions = inputs.regions

    startups = {s.id: s for s in inputs.startups([p.organisation_id for p in enterprises])}
    startups = {
        k: replace(s, description=_text(p, s.description), seeking_amount=p.amount)
        for p in enterprises
        if (k := str(p.organisation_id)) in startups
        for s in [startups[k]]
    }
    bank_orgs = [p for p in partners if p.organisation.kind == OrgKind.BANK]
    by_org = {str(p.organisation_id): p for p in partners}
    banks = {
        b.id: replace(b, description=_text(by_org[b.id], b.description))
        for b in inputs.banks([p.organisation_id for p in bank_orgs])
    }
    investors = {
        i.id: replace(i, description=_text(by_org[i.id], i.description))
        for i in inputs.investors([p.organisation_id for p in partners if p.organisation.kind == OrgKind.INVESTOR])
    }

    left: dict[m.PairKind, dict[str, Any]] = {kind: {} for kind in m.PairKind}
    right: dict[m.PairKind, dict[str, Any]] = {kind: {} for kind in m.PairKind}
    pairs: list[tuple[m.PairKind, Participant, Participant]] = []
    for e in enterprises:
        startup = startups.get(str(e.organisation_id))
        if startup is None:  # an enterprise without a startup profile
            continue
        need = _need(e, startup)
        for partner in partners:
            key = str(partner.organisation_id)
            if key in banks and need is not None:
                kind, lhs, rhs = m.PairKind.ENTERPRISE_BANK, need, banks[key]
            else:
                kind, lhs = m.PairKind.STARTUP_INVESTOR, startup
                rhs = investors.get(key) or _plain_partner(partner, regions)
            left[kind][lhs.id] = lhs
            right[kind][rhs.id] = rhs
            pairs.append((kind, e, partner))

    found: list[Recommendation] = []
    for kind in m.PairKind:
        mine = [(e, p) for k, e, p in pairs if k == kind]
        if not mine:
            continue
        scorer = m.Scorer(
            kind, left[kind].values(), right[kind].values(), industries=inputs.industries, graph=inputs.social_index
        )
        keys = [(str(e.organisation_id), str(p.organisation_id)) for e, p in mine]
        for (e, p), match in zip(mine, scorer.matches(keys), strict=True):
            if match is None:
                continue
            via = ""
            if match.via and kind is m.PairKind.ENTERPRISE_BANK:
                via = next((lp.name for lp in right[kind][str(p.organisation_id)].products if lp.id == match.via), "")
            other = p if me.side == Side.ENTERPRISE else e
            found.append(Recommendation(other, round(match.score, 4), [reason_dict(r) for r in match.reasons], via))
    found.sort(key=lambda r: (-r.score, r.participant.organisation.name))
    return found[:limit]


def meeting_relations():
    """Graph relations for the engine: organisations that met at a matchmaking day (checked in)."""
    from backend.engine.parties import org_node

    rows = Meeting.objects.filter(status=Meeting.Status.ACTIVE, checked_in_at__isnull=False).values_list(
        "enterprise__organisation_id", "partner__organisation_id", "partner__organisation__kind"
    )
    return [(org_node(e, OrgKind.STARTUP), org_node(p, kind), "met") for e, p, kind in rows]
