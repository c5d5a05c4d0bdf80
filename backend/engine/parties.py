"""Build the matching library's plain inputs from the database.

Every builder reads with ``values()`` (no model instances) and a fixed number
of queries, whatever the number of rows:

=============================  ==========================================
builder                        queries
=============================  ==========================================
:func:`industry_tree`          1
:func:`region_paths`           1
:func:`build_startups`         3 (profiles, industries, equity needs)
:func:`build_mentors`          2 (+ the registered load providers)
:func:`build_investors`        3 (profiles, industries, regions)
:func:`build_loan_products`    2 (products, industries)
:func:`build_banks`            1 + :func:`build_loan_products`
:func:`build_needs`            1 + :func:`build_startups` on their startups
:func:`build_carriers`         2 (carriers, focus industries)
:func:`build_graph`            11 (+ one per registered relation provider)
=============================  ==========================================

:class:`Inputs` bundles them for one request or one run, building each part
lazily and once (the trees and the graph are shared by every side).

Identifiers: a party's ``id`` is the primary key as a string: the
organisation's for startups, investors and banks, the ``MentorProfile``'s for
mentors, the ``LoanProduct``'s, the ``FinancingNeed``'s. Graph nodes are
``startup:<org>``, ``investor:<org>``, ``bank:<org>``, ``organisation:<org>``
(institutes, bureaus, carrier operators), ``carrier:<id>``, ``event:<id>``,
``mentor:<profile>`` for people with a mentor profile and ``person:<user>``
for everybody else. Industries are industry ids (labels from the tree);
regions are paths of names from the province down.

Relations of the ecosystem graph:

* ``incubated_at``: ``StartupProfile.carrier``;
* ``operates``: ``Carrier.operator``;
* ``member_of``: memberships (person or mentor → organisation), and the
  staff of a carrier's operator → the carrier;
* ``attended``: confirmed registrations of public, published events (the
  person, and the startup when the person belongs to one);
* ``pitched_at``: approved pitch bookings;
* ``judged``: judges of events;
* ``met``: investor interests (the investor person, and their investor
  organisations, met the startup).

Other apps add relations they own (mentorships, meetings, loans) and the
places their mentors already hold with :func:`register_relations` and
:func:`register_mentor_load`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
from django.db.models import QuerySet

import matching as m
from backend.directory.models import (
    Carrier,
    FinancingNeed,
    Industry,
    LoanProduct,
    Membership,
    MentorProfile,
    Organisation,
    OrgKind,
    Region,
)

Relation = tuple[str, str, str]
RelationProvider = Callable[[], Iterable[Relation]]
MentorLoadProvider = Callable[[list[int]], dict[int, int]]

_relation_providers: list[RelationProvider] = []
_mentor_load_providers: list[MentorLoadProvider] = []

PARTY_NODE_TYPES = {
    OrgKind.STARTUP: "startup",
    OrgKind.INVESTOR: "investor",
    OrgKind.BANK: "bank",
}


def register_relations(provider: RelationProvider) -> RelationProvider:
    """Add a source of graph relations: a callable returning ``(node, node, type)`` triples.

    Use the node helpers of this module (:func:`org_node`, :func:`user_nodes`
    …) for the keys. Usable as a decorator; call it at import time of the
    app (its ``apps.py`` ``ready``).
    """
    if provider not in _relation_providers:
        _relation_providers.append(provider)
    return provider


def register_mentor_load(provider: MentorLoadProvider) -> MentorLoadProvider:
    """Add a source of places already taken: ``f(profile_ids) -> {profile_id: mentees}``."""
    if provider not in _mentor_load_providers:
        _mentor_load_providers.append(provider)
    return provider


# --- node keys --------------------------------------------------------------------


def org_node(org_id: int, kind: str) -> str:
    return m.node_key(PARTY_NODE_TYPES.get(kind, "organisation"), org_id)


def carrier_node(carrier_id: int) -> str:
    return m.node_key("carrier", carrier_id)


def event_node(event_id: int) -> str:
    return m.node_key("event", event_id)


def mentor_node(profile_id: int) -> str:
    return m.node_key("mentor", profile_id)


def user_nodes(user_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Node key per user: ``mentor:<profile>`` for mentors, ``person:<user>`` otherwise (1 query)."""
    profiles = MentorProfile.objects.all()
    if user_ids is not None:
        user_ids = list(user_ids)
        profiles = profiles.filter(user_id__in=user_ids)
    mentors = dict(profiles.values_list("user_id", "pk"))
    keys = {uid: mentor_node(pid) for uid, pid in mentors.items()}
    if user_ids is not None:
        for uid in user_ids:
            keys.setdefault(uid, m.node_key("person", uid))
    return keys


def user_node(keys: dict[int, str], user_id: int) -> str:
    return keys.get(user_id) or m.node_key("person", user_id)


# --- trees ---------------------------------------------------------------------------


def industry_tree() -> m.Tree:
    """The industry tree with ids as nodes, Chinese and English names as labels (1 query)."""
    rows = list(Industry.objects.values_list("pk", "path", "name", "name_en"))
    return m.Tree.from_paths(
        [path for _, path, _, _ in rows],
        labels={str(pk): name for pk, _, name, _ in rows},
        labels_en={str(pk): name_en or name for pk, _, name, name_en in rows},
    )


def region_paths() -> dict[int, tuple[str, ...]]:
    """Region id -> names from the province down, e.g. ``("吉林省", "长春市", "朝阳区")`` (1 query)."""
    rows = {pk: (path, name) for pk, path, name in Region.objects.values_list("pk", "path", "name")}
    out: dict[int, tuple[str, ...]] = {}
    for pk, (path, _) in rows.items():
        ids = [int(part) for part in path.strip("/").split("/") if part]
        out[pk] = tuple(rows[i][1] for i in ids if i in rows)
    return out


def _m2m(through, owner: str, target: str, owners: list[int] | None) -> dict[int, list[str]]:
    """``owner id -> [target ids as str]`` from a many-to-many through table (1 query)."""
    rows = through.objects.all()
    if owners is not None:
        rows = rows.filter(**{f"{owner}__in": owners})
    out: dict[int, list[str]] = defaultdict(list)
    for a, b in rows.order_by(owner, target).values_list(owner, target):
        out[a].append(str(b))
    return out


def _ids(queryset: QuerySet | Iterable[int] | None) -> QuerySet | list[int] | None:
    if queryset is None or isinstance(queryset, QuerySet):
        return queryset
    return list(queryset)


# --- parties -------------------------------------------------------------------------


def build_startups(
    queryset: QuerySet[Organisation] | Iterable[int] | None = None,
    *,
    regions: dict[int, tuple[str, ...]],
    amounts: bool = True,
) -> list[m.Startup]:
    """Startups (organisations with a startup profile) as :class:`matching.Startup`.

    ``queryset`` restricts the organisations (a queryset or ids); the
    default is every startup. ``seeking_amount`` is the largest open equity
    need; pass ``amounts=False`` when the result is shown to someone who may
    not see the startup's financing needs (3 queries, 2 without amounts).
    """
    orgs = Organisation.objects.filter(kind=OrgKind.STARTUP, startup__isnull=False)
    restrict = _ids(queryset)
    if isinstance(restrict, QuerySet):
        orgs = orgs.filter(pk__in=restrict.values("pk"))
    elif restrict is not None:
        orgs = orgs.filter(pk__in=restrict)
    rows = list(
        orgs.order_by("pk").values(
            "pk", "name", "description", "region_id", "startup__stage", "startup__certifications"
        )
    )
    ids = [row["pk"] for row in rows]
    industries = _m2m(Organisation.industries.through, "organisation_id", "industry_id", ids)
    seeking: dict[int, object] = {}
    if amounts and ids:
        needs = FinancingNeed.objects.filter(
            startup_id__in=ids, kind=FinancingNeed.Kind.EQUITY, status=FinancingNeed.Status.OPEN
        )
        for startup_id, amount in needs.order_by("startup_id", "amount").values_list("startup_id", "amount"):
            seeking[startup_id] = amount  # the largest wins (ordered by amount)
    return [
        m.Startup(
            id=row["pk"],
            name=row["name"],
            industries=industries.get(row["pk"], ()),
            region=regions.get(row["region_id"], ()),
            stage=row["startup__stage"] or None,
            certifications=row["startup__certifications"] or (),
            description=row["description"] or "",
            seeking_amount=seeking.get(row["pk"]),
        )
        for row in rows
    ]


def build_mentors(
    queryset: QuerySet[MentorProfile] | Iterable[int] | None = None,
    *,
    regions: dict[int, tuple[str, ...]],
    active_only: bool = True,
) -> list[m.Mentor]:
    """Mentors as :class:`matching.Mentor`; ``capacity`` is the places left.

    Places taken come from the providers registered with
    :func:`register_mentor_load` (the mentoring app's accepted mentees).
    """
    profiles = MentorProfile.objects.all()
    if active_only:
        profiles = profiles.filter(active=True)
    restrict = _ids(queryset)
    if isinstance(restrict, QuerySet):
        profiles = profiles.filter(pk__in=restrict.values("pk"))
    elif restrict is not None:
        profiles = profiles.filter(pk__in=restrict)
    rows = list(
        profiles.order_by("pk").values(
            "pk", "user__name", "title", "affiliation", "bio", "expertise", "region_id", "capacity"
        )
    )
    ids = [row["pk"] for row in rows]
    industries = _m2m(MentorProfile.industries.through, "mentorprofile_id", "industry_id", ids)
    taken: dict[int, int] = defaultdict(int)
    for provider in _mentor_load_providers:
        for pk, count in provider(ids).items():
            taken[pk] += count
    return [
        m.Mentor(
            id=row["pk"],
            name=row["user__name"],
            industries=industries.get(row["pk"], ()),
            region=regions.get(row["region_id"], ()),
            description="\n".join(
                part for part in (row["title"], row["affiliation"], row["bio"], " ".join(row["expertise"])) if part
            ),
            capacity=max(0, row["capacity"] - taken.get(row["pk"], 0)),
        )
        for row in rows
    ]


def build_investors(
    queryset: QuerySet[Organisation] | Iterable[int] | None = None,
    *,
    regions: dict[int, tuple[str, ...]],
) -> list[m.Investor]:
    """Investor organisations (with an investor profile) as :class:`matching.Investor` (3 queries)."""
    from backend.directory.models import InvestorProfile

    orgs = Organisation.objects.filter(kind=OrgKind.INVESTOR, investor__isnull=False)
    restrict = _ids(queryset)
    if isinstance(restrict, QuerySet):
        orgs = orgs.filter(pk__in=restrict.values("pk"))
    elif restrict is not None:
        orgs = orgs.filter(pk__in=restrict)
    rows = list(
        orgs.order_by("pk").values(
            "pk", "name", "description", "region_id", "investor__stages", "investor__ticket_min", "investor__ticket_max"
        )
    )
    ids = [row["pk"] for row in rows]
    industries = _m2m(Organisation.industries.through, "organisation_id", "industry_id", ids)
    covered = _m2m(InvestorProfile.regions.through, "investorprofile_id", "region_id", ids)
    return [
        m.Investor(
            id=row["pk"],
            name=row["name"],
            industries=industries.get(row["pk"], ()),
            region=regions.get(row["region_id"], ()),
            regions=[regions[int(r)] for r in covered.get(row["pk"], ()) if int(r) in regions],
            stages=row["investor__stages"] or (),
            ticket_min=row["investor__ticket_min"],
            ticket_max=row["investor__ticket_max"],
            description=row["description"] or "",
        )
        for row in rows
    ]


def build_loan_products(
    queryset: QuerySet[LoanProduct] | Iterable[int] | None = None,
    *,
    regions: dict[int, tuple[str, ...]],
    active_only: bool = True,
) -> list[m.LoanProduct]:
    """Loan products as :class:`matching.LoanProduct` (2 queries); only active ones by default."""
    products = LoanProduct.objects.all()
    if active_only:
        products = products.filter(active=True)
    restrict = _ids(queryset)
    if isinstance(restrict, QuerySet):
        products = products.filter(pk__in=restrict.values("pk"))
    elif restrict is not None:
        products = products.filter(pk__in=restrict)
    rows = list(
        products.order_by("pk").values(
            "pk",
            "name",
            "series",
            "description",
            "bank_id",
            "bank__name",
            "bank__region_id",
            "stages",
            "amount_min",
            "amount_max",
            "collateral",
            "active",
        )
    )
    industries = _m2m(LoanProduct.industries.through, "loanproduct_id", "industry_id", [row["pk"] for row in rows])
    return [
        m.LoanProduct(
            id=row["pk"],
            name=row["name"],
            bank_id=str(row["bank_id"]),
            bank_name=row["bank__name"],
            stages=row["stages"],
            amount_min=row["amount_min"],
            amount_max=row["amount_max"],
            collateral=row["collateral"],
            industries=industries.get(row["pk"], ()),
            region=regions.get(row["bank__region_id"], ()),
            description="\n".join(part for part in (row["name"], row["series"], row["description"]) if part),
            active=row["active"],
        )
        for row in rows
    ]


def build_banks(
    queryset: QuerySet[Organisation] | Iterable[int] | None = None,
    *,
    regions: dict[int, tuple[str, ...]],
) -> list[m.Bank]:
    """Banks with their active products as :class:`matching.Bank` (3 queries)."""
    orgs = Organisation.objects.filter(kind=OrgKind.BANK)
    restrict = _ids(queryset)
    if isinstance(restrict, QuerySet):
        orgs = orgs.filter(pk__in=restrict.values("pk"))
    elif restrict is not None:
        orgs = orgs.filter(pk__in=restrict)
    rows = list(orgs.order_by("pk").values("pk", "name", "description", "region_id"))
    products: dict[str, list[m.LoanProduct]] = defaultdict(list)
    ids = [row["pk"] for row in rows]
    for product in build_loan_products(LoanProduct.objects.filter(bank_id__in=ids), regions=regions):
        products[product.bank_id].append(product)
    return [
        m.Bank(
            id=row["pk"],
            name=row["name"],
            region=regions.get(row["region_id"], ()),
            products=products.get(str(row["pk"]), ()),
            description=row["description"] or "",
        )
        for row in rows
    ]


def build_needs(
    queryset: QuerySet[FinancingNeed] | Iterable[int] | None = None,
    *,
    regions: dict[int, tuple[str, ...]],
    startups: dict[str, m.Startup] | None = None,
) -> list[m.FinancingNeed]:
    """Financing needs as :class:`matching.FinancingNeed` with their startups.

    Default: every open need. ``startups`` reuses startups built already
    (by id); the missing ones are built (1 query + :func:`build_startups`).
    """
    needs = FinancingNeed.objects.all()
    restrict = _ids(queryset)
    if restrict is None:
        needs = needs.filter(status=FinancingNeed.Status.OPEN)
    elif isinstance(restrict, QuerySet):
        needs = needs.filter(pk__in=restrict.values("pk"))
    else:
        needs = needs.filter(pk__in=restrict)
    rows = list(
        needs.order_by("pk").values(
            "pk", "startup_id", "amount", "kind", "purpose", "term_months", "collateral_offered"
        )
    )
    known = dict(startups or {})
    missing = sorted({row["startup_id"] for row in rows if str(row["startup_id"]) not in known})
    if missing:
        for startup in build_startups(missing, regions=regions, amounts=False):
            known[startup.id] = startup
    return [
        m.FinancingNeed(
            id=row["pk"],
            startup=known[str(row["startup_id"])],
            amount=row["amount"],
            kind=row["kind"],
            collateral_offered=row["collateral_offered"],
            purpose=row["purpose"] or "",
            term_months=row["term_months"],
        )
        for row in rows
        if str(row["startup_id"]) in known  # a need of an organisation without a startup profile
    ]


def build_carriers(*, regions: dict[int, tuple[str, ...]]) -> list[m.Carrier]:
    """Carriers as :class:`matching.Carrier` (2 queries)."""
    rows = list(Carrier.objects.order_by("pk").values("pk", "name", "region_id"))
    industries = _m2m(Carrier.focus_industries.through, "carrier_id", "industry_id", None)
    return [
        m.Carrier(
            id=row["pk"],
            name=row["name"],
            region=regions.get(row["region_id"], ()),
            industries=industries.get(row["pk"], ()),
        )
        for row in rows
    ]


# --- the ecosystem graph -------------------------------------------------------------


def graph_relations() -> tuple[list[object], list[Relation]]:
    """Every node (named, without attributes) and every relation of the ecosystem (11 queries + providers)."""
    from backend.accounts.models import User
    from backend.directory.models import StartupProfile
    from events.models import Booking, Event, EventStatus, InvestorInterest, Judge, Registration, Visibility

    nodes: list[object] = []
    relations: list[Relation] = []

    # Every organisation named on its node; kinds that are not matched become Organisation nodes (1).
    org_kind: dict[int, str] = {}
    node_class = {OrgKind.STARTUP: m.Startup, OrgKind.INVESTOR: m.Investor, OrgKind.BANK: m.Bank}
    for pk, kind, name in Organisation.objects.values_list("pk", "kind", "name"):
        org_kind[pk] = kind
        nodes.append(node_class.get(kind, m.Organisation)(id=pk, name=name))
    carriers = list(Carrier.objects.values_list("pk", "name", "operator_id"))

    # Carriers, their operators and incubated startups (2).
    for carrier_id, name, operator_id in carriers:
        nodes.append(m.Carrier(id=carrier_id, name=name))
        if operator_id is not None:
            relations.append((org_node(operator_id, org_kind[operator_id]), carrier_node(carrier_id), "operates"))
    for org_id, carrier_id in StartupProfile.objects.filter(carrier__isnull=False).values_list(
        "organisation_id", "carrier_id"
    ):
        relations.append((org_node(org_id, OrgKind.STARTUP), carrier_node(carrier_id), "incubated_at"))

    # People: mentors keep their mentor node; everybody else is a person (2).
    keys = {}
    for user_id, pk, name in MentorProfile.objects.values_list("user_id", "pk", "user__name"):
        keys[user_id] = mentor_node(pk)
        nodes.append(m.Mentor(id=pk, name=name))
    orgs_of: dict[int, list[int]] = defaultdict(list)
    operated: dict[int, list[int]] = defaultdict(list)
    for carrier_id, _, operator_id in carriers:
        if operator_id is not None:
            operated[operator_id].append(carrier_id)
    for user_id, org_id in Membership.objects.values_list("user_id", "organisation_id"):
        orgs_of[user_id].append(org_id)
        person = user_node(keys, user_id)
        relations.append((person, org_node(org_id, org_kind[org_id]), "member_of"))
        # The operator's staff work at its carriers (so a carrier's staff judging its startups is a conflict).
        for carrier_id in operated.get(org_id, ()):
            relations.append((person, carrier_node(carrier_id), "member_of"))

    # Events: public and held or upcoming; registrations, pitches, judges (4).
    events = Event.objects.filter(visibility=Visibility.PUBLIC).exclude(
        status__in=[EventStatus.DRAFT, EventStatus.CANCELLED]
    )
    for pk, title, kind in events.values_list("pk", "title", "type"):
        nodes.append(m.Event(id=pk, name=title, kind=kind))
    registrations = Registration.objects.filter(event__in=events, status=Registration.Status.CONFIRMED).values_list(
        "user_id", "event_id"
    )
    for user_id, event_id in registrations:
        node = event_node(event_id)
        relations.append((user_node(keys, user_id), node, "attended"))
        for org_id in orgs_of.get(user_id, ()):
            if org_kind[org_id] == OrgKind.STARTUP:
                relations.append((org_node(org_id, OrgKind.STARTUP), node, "attended"))
    for startup_id, event_id in Booking.objects.filter(event__in=events, status=Booking.Status.APPROVED).values_list(
        "startup_id", "event_id"
    ):
        relations.append((org_node(startup_id, OrgKind.STARTUP), event_node(event_id), "pitched_at"))
    for user_id, event_id in Judge.objects.filter(event__in=events).values_list("user_id", "event_id"):
        relations.append((user_node(keys, user_id), event_node(event_id), "judged"))
    for investor_id, startup_id in InvestorInterest.objects.values_list("investor_id", "startup_id"):
        target = org_node(startup_id, OrgKind.STARTUP)
        relations.append((user_node(keys, investor_id), target, "met"))
        for org_id in orgs_of.get(investor_id, ()):
            if org_kind[org_id] == OrgKind.INVESTOR:
                relations.append((org_node(org_id, OrgKind.INVESTOR), target, "met"))

    for provider in _relation_providers:
        relations.extend(provider())

    # Persons (users without a mentor profile) named on their nodes (1).
    person_ids = {int(key[7:]) for rel in relations for key in rel[:2] if key.startswith("person:")}
    for user_id, name in User.objects.filter(pk__in=person_ids).values_list("pk", "name"):
        nodes.append(m.Person(id=user_id, name=name))
    return nodes, [rel for rel in relations if rel[0] != rel[1]]


def build_graph(*, industries: m.Tree | None = None) -> nx.Graph:
    """The ecosystem graph: every organisation, carrier, mentor, event and person, and their relations.

    Nodes carry names only: scoring reads the parties' industries and
    regions from the party inputs, and graph signals follow social edges.
    The graph does not depend on which parties are being matched, so one
    graph serves every side of a request (11 queries + one per provider).
    """
    nodes, relations = graph_relations()
    return m.ecosystem_graph(nodes, relations, industries=industries)


# --- one bundle per request or run ---------------------------------------------------


@dataclass
class Inputs:
    """Lazily built inputs for one request or matching run; each part is read once.

    ``startup_amounts`` says whether startups carry their equity need amount
    (only for the startup itself, banks and organizers; not for investors
    until the project pool grants it).
    """

    startup_amounts: bool = True

    @cached_property
    def industries(self) -> m.Tree:
        return industry_tree()

    @cached_property
    def regions(self) -> dict[int, tuple[str, ...]]:
        return region_paths()

    def startups(self, queryset=None) -> list[m.Startup]:
        return build_startups(queryset, regions=self.regions, amounts=self.startup_amounts)

    def mentors(self, queryset=None) -> list[m.Mentor]:
        return build_mentors(queryset, regions=self.regions)

    def investors(self, queryset=None) -> list[m.Investor]:
        return build_investors(queryset, regions=self.regions)

    def loan_products(self, queryset=None) -> list[m.LoanProduct]:
        return build_loan_products(queryset, regions=self.regions)

    def banks(self, queryset=None) -> list[m.Bank]:
        return build_banks(queryset, regions=self.regions)

    def needs(self, queryset=None, *, startups: Iterable[m.Startup] = ()) -> list[m.FinancingNeed]:
        return build_needs(queryset, regions=self.regions, startups={s.id: s for s in startups})

    def carriers(self) -> list[m.Carrier]:
        return build_carriers(regions=self.regions)

    @cached_property
    def graph(self) -> nx.Graph:
        return build_graph(industries=self.industries)

    @cached_property
    def social_index(self) -> m.SocialIndex:
        """The graph's social part as sparse matrices; pass it to :class:`matching.Scorer` as ``graph``."""
        return m.SocialIndex(self.graph)
