"""What a statistics request covers (region subtree, carriers, period) and who may ask for it.

An organizer's reach comes from the organisations they belong to: a bureau
(or any organisation that operates no carrier) gives its region with every
sub-region; a carrier operator gives the carriers it operates. Platform admins
reach everything. Nobody else reads statistics.

Sections turn a :class:`Scope` into ``Q`` objects for their own models with
the helpers below, so each area decides which of its fields carry the region,
the carrier and the date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import PermissionDenied

from backend.accounts.models import Role
from backend.core.permissions import is_platform_admin
from backend.core.trees import subtree_q
from backend.directory.models import Carrier, Membership, Region

NOT_ALLOWED = _("只有组织者和管理员可以查看统计 · Only organizers and admins may read statistics.")
OUT_OF_REACH = _("该地区或载体不在您的管辖范围内 · This region or carrier is outside your remit.")
NO_REMIT = _("您所在机构没有关联的地区或载体 · Your organisation has no region or carrier to report on.")


@dataclass(frozen=True)
class Scope:
    """A region subtree (or all), a set of carriers (or all) and a period of local dates, both ends included."""

    date_from: date
    date_to: date
    regions: tuple[Region, ...] = ()
    carriers: tuple[Carrier, ...] | None = None
    # Filled by the request: what the viewer picked, for titles and exports.
    label: str = ""
    meta: dict = field(default_factory=dict, compare=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(settings.TIME_ZONE)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.date_from, time.min, tzinfo=self.tz)

    @property
    def end(self) -> datetime:
        """Exclusive end: midnight after ``date_to``."""
        return datetime.combine(self.date_to + timedelta(days=1), time.min, tzinfo=self.tz)

    @property
    def carrier_ids(self) -> list[int] | None:
        return None if self.carriers is None else [c.pk for c in self.carriers]

    def in_period(self, field_name: str) -> Q:
        """Rows whose datetime *field_name* falls in the period."""
        return Q(**{f"{field_name}__gte": self.start, f"{field_name}__lt": self.end})

    def in_years(self, field_name: str) -> Q:
        """Rows whose year number *field_name* lies in the period's years."""
        return Q(**{f"{field_name}__gte": self.date_from.year, f"{field_name}__lte": self.date_to.year})

    def in_region(self, region_field: str) -> Q:
        """Rows whose *region_field* (a FK path to Region) lies in the scope's subtrees; all when no region."""
        return subtree_q(region_field, self.regions) if self.regions else Q()

    def at_carriers(self, carrier_field: str) -> Q:
        """Rows whose *carrier_field* is one of the scope's carriers; all when no carrier is chosen."""
        return Q() if self.carriers is None else Q(**{f"{carrier_field}__in": self.carrier_ids})

    def where(self, *, region: str | None = None, carrier: str | None = None) -> Q:
        q = Q()
        if region is not None:
            q &= self.in_region(region)
        if carrier is not None:
            q &= self.at_carriers(carrier)
        return q


@dataclass(frozen=True)
class Remit:
    """What a viewer may see: everything (admin) or some region subtrees and carriers."""

    everything: bool = False
    regions: tuple[Region, ...] = ()
    carriers: tuple[Carrier, ...] = ()

    def covers_region(self, region: Region) -> bool:
        return self.everything or any(region.path.startswith(r.path) for r in self.regions)

    def covers_carrier(self, carrier: Carrier) -> bool:
        return self.everything or any(c.pk == carrier.pk for c in self.carriers) or self.covers_region(carrier.region)


def remit_of(user) -> Remit:
    """The regions and carriers *user* may read statistics of; PermissionDenied for non-organizers."""
    if is_platform_admin(user):
        return Remit(everything=True)
    if user is None or not user.is_authenticated or not user.has_role(Role.ORGANIZER):
        raise PermissionDenied(NOT_ALLOWED)
    memberships = list(
        Membership.objects.filter(user=user).select_related("organisation__region").order_by("organisation_id")
    )
    org_ids = [m.organisation_id for m in memberships]
    carriers = tuple(Carrier.objects.filter(operator_id__in=org_ids).select_related("region").order_by("name"))
    operators = {c.operator_id for c in carriers}
    regions = tuple(m.organisation.region for m in memberships if m.organisation_id not in operators)
    if not regions and not carriers:
        raise PermissionDenied(NO_REMIT)
    return Remit(regions=regions, carriers=carriers)


def scope_for(
    user,
    *,
    date_from: date,
    date_to: date,
    region: Region | None = None,
    carrier: Carrier | None = None,
) -> Scope:
    """The scope *user* asked for, narrowed to their remit; PermissionDenied outside it.

    Without a region or carrier, an organizer gets their whole remit (their
    regions, or their carriers), an admin everything.
    """
    remit = remit_of(user)
    if region is not None and not remit.covers_region(region):
        raise PermissionDenied(OUT_OF_REACH)
    if carrier is not None and not remit.covers_carrier(carrier):
        raise PermissionDenied(OUT_OF_REACH)
    regions: tuple[Region, ...] = (region,) if region is not None else ()
    carriers: tuple[Carrier, ...] | None = (carrier,) if carrier is not None else None
    if region is None and carrier is None and not remit.everything:
        if remit.regions:
            regions = _outermost(remit.regions)
            # Carriers operated by the same person but outside those regions join in only
            # when they pick them; a mixed remit is rare and a union would mislead.
        else:
            carriers = remit.carriers
    label = "、".join([r.name for r in regions] + ([c.name for c in carriers] if carriers is not None else [])) or str(
        _("全部地区 · all regions")
    )
    return Scope(date_from=date_from, date_to=date_to, regions=regions, carriers=carriers, label=label)


def _outermost(regions: tuple[Region, ...]) -> tuple[Region, ...]:
    """Drop regions that lie inside another one of the list (their rows would count once anyway)."""
    unique = {r.pk: r for r in regions}.values()
    return tuple(
        sorted(
            (r for r in unique if not any(o.pk != r.pk and r.path.startswith(o.path) for o in unique)),
            key=lambda r: r.path,
        )
    )
