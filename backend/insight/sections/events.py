"""Activities: events by type and month, registrations, attendance, feedback, pitches.

Six queries whatever the data: registrations are counted per event in one
pass, and the totals, the figures by type and by month are conditional sums
over those per-event rows in the same query.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Avg, Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from backend.insight.relations import bank_of, investor_of, mentor_of, node, person_nodes
from backend.insight.scope import Scope
from backend.insight.sections import (
    COUNT,
    PERCENT,
    SCORE,
    Breakdown,
    Column,
    Figure,
    Row,
    Section,
    SectionData,
    choice_rows,
    month_rows,
    months,
    ratio,
    register,
)
from backend.insight.selectors import event_q, events_in
from events.models import Booking, EventType, Feedback, InvestorInterest, Judge, Registration

CONFIRMED = Registration.Status.CONFIRMED
RATINGS = (1, 2, 3, 4, 5)


def _sum(field: str, condition: Q | None = None) -> Coalesce:
    return Coalesce(Sum(field, filter=condition), 0)


def _in_month(scope: Scope, first: date) -> Q:
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return Q(starts__gte=datetime.combine(first, time.min, tzinfo=scope.tz)) & Q(
        starts__lt=datetime.combine(after, time.min, tzinfo=scope.tz)
    )


def _round(value, digits: int = 2):
    return None if value is None else round(float(value), digits)


@register
class EventsSection(Section):
    key = "events"
    title = "活动"
    title_en = "Events"
    order = 10

    def compute(self, scope: Scope) -> SectionData:
        types = EventType.values
        now = timezone.now()
        events = events_in(scope)

        # One pass over the registrations, grouped by event; the figures by type and by month
        # are then conditional sums over those few thousand per-event rows (one query).
        reg = Q(registrations__status=CONFIRMED)
        per_event = events.annotate(
            r_confirmed=Count("registrations", filter=reg),
            r_waiting=Count("registrations", filter=Q(registrations__status="waiting")),
            r_ended=Count("registrations", filter=reg & Q(ends__lt=now)),
            r_checked=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
        )
        month_list = months(scope.date_from, scope.date_to)
        agg = per_event.aggregate(
            n_events=Count("pk"),
            n_confirmed=_sum("r_confirmed"),
            n_waiting=_sum("r_waiting"),
            n_ended=_sum("r_ended"),
            n_checked=_sum("r_checked"),
            **{f"events_{t}": Count("pk", filter=Q(type=t)) for t in types},
            **{f"confirmed_{t}": _sum("r_confirmed", Q(type=t)) for t in types},
            **{f"ended_{t}": _sum("r_ended", Q(type=t)) for t in types},
            **{f"checked_{t}": _sum("r_checked", Q(type=t)) for t in types},
            **{f"events_m{i}": Count("pk", filter=_in_month(scope, m)) for i, m in enumerate(month_list)},
            **{f"confirmed_m{i}": _sum("r_confirmed", _in_month(scope, m)) for i, m in enumerate(month_list)},
            **{f"checked_m{i}": _sum("r_checked", _in_month(scope, m)) for i, m in enumerate(month_list)},
        )
        # People counted once however many events they registered for (a hashed DISTINCT).
        people = (
            Registration.objects.filter(event_q(scope, "event__"), status=CONFIRMED).values("user").distinct().count()
        )
        fb = Feedback.objects.filter(event_q(scope, "event__")).aggregate(
            count=Count("pk"),
            avg=Avg("rating"),
            **{f"avg_{t}": Avg("rating", filter=Q(event__type=t)) for t in types},
            **{f"r{r}": Count("pk", filter=Q(rating=r)) for r in RATINGS},
        )
        pitches = Booking.objects.filter(event_q(scope, "event__"), status=Booking.Status.APPROVED).aggregate(
            pitches=Count("pk"), startups=Count("startup", distinct=True)
        )
        interests = InvestorInterest.objects.filter(event_q(scope, "event__")).count()
        by_month = {
            m: {
                "events": agg[f"events_m{i}"],
                "registrations": agg[f"confirmed_m{i}"],
                "checked_in": agg[f"checked_m{i}"],
            }
            for i, m in enumerate(month_list)
        }

        type_counts = {
            t: {
                "events": agg[f"events_{t}"],
                "registrations": agg[f"confirmed_{t}"],
                "checked_in": agg[f"checked_{t}"],
                "attendance_rate": ratio(agg[f"checked_{t}"], agg[f"ended_{t}"]),
                "rating_avg": _round(fb[f"avg_{t}"]),
            }
            for t in types
        }
        type_columns = ["events", "registrations", "checked_in", "attendance_rate", "rating_avg"]
        return self.data(
            [
                Figure("events", "活动场次", "Events held", agg["n_events"]),
                Figure("registrations", "报名人次", "Registrations", agg["n_confirmed"]),
                Figure("people", "参与人数", "People registered", people),
                Figure("waiting", "候补人次", "On waiting lists", agg["n_waiting"]),
                Figure("checked_in", "签到人次", "Check-ins", agg["n_checked"]),
                Figure(
                    "attendance_rate",
                    "到场率",
                    "Attendance rate",
                    ratio(agg["n_checked"], agg["n_ended"]),
                    PERCENT,
                ),
                Figure("feedback", "评价条数", "Feedback given", fb["count"]),
                Figure("rating_avg", "平均评分", "Average rating", _round(fb["avg"]), SCORE),
                Figure("pitches", "路演项目", "Pitches held", pitches["pitches"]),
                Figure("startups_pitched", "路演企业", "Startups pitched", pitches["startups"]),
                Figure("investor_interests", "投资意向", "Investor interests", interests),
            ],
            [
                Breakdown(
                    "by_type",
                    "按类型",
                    "By type",
                    [
                        Column("events", "活动场次", "Events"),
                        Column("registrations", "报名人次", "Registrations"),
                        Column("checked_in", "签到人次", "Check-ins"),
                        Column("attendance_rate", "到场率", "Attendance rate", PERCENT, plotted=False),
                        Column("rating_avg", "平均评分", "Average rating", SCORE, plotted=False),
                    ],
                    choice_rows(EventType.choices, type_counts, type_columns),
                    chart="bar",
                ),
                Breakdown(
                    "by_month",
                    "按月份",
                    "By month",
                    [
                        Column("events", "活动场次", "Events"),
                        Column("registrations", "报名人次", "Registrations"),
                        Column("checked_in", "签到人次", "Check-ins"),
                    ],
                    month_rows(scope, by_month, ["events", "registrations", "checked_in"]),
                    chart="line",
                ),
                Breakdown(
                    "ratings",
                    "评分分布",
                    "Ratings",
                    [Column("feedback", "评价条数", "Feedback", COUNT)],
                    [Row(str(r), f"{r}分", f"{r} stars", {"feedback": fb[f"r{r}"]}) for r in RATINGS],
                    chart="pie",
                ),
            ],
        )

    def relations(self, scope: Scope):
        events = events_in(scope).values("pk")
        for startup, event in Booking.objects.filter(event__in=events, status=Booking.Status.APPROVED).values_list(
            "startup_id", "event_id"
        ):
            yield node("startup", startup), node("event", event), "pitched_at"
        judges = (
            Judge.objects.filter(event__in=events)
            .annotate(mentor=mentor_of("user"), investor=investor_of("user"), bank=bank_of("user"))
            .values_list("event_id", "mentor", "investor", "bank")
        )
        for event, *person in judges:
            for who in person_nodes(*person):
                yield who, node("event", event), "judged"
        interests = (
            InvestorInterest.objects.filter(event__in=events)
            .annotate(organisation=investor_of("investor"))
            .filter(organisation__isnull=False)
            .values_list("organisation", "startup_id")
        )
        for investor, startup in interests:
            yield node("investor", investor), node("startup", startup), "met"

    def paragraph(self, data: SectionData, scope: Scope) -> str:
        rows = [r for r in data.breakdown("by_type").rows if r.values["events"]]
        kinds = "、".join(r.label.replace("/", "、") for r in rows[:4]) or "各类"
        parts = [f"共组织开展{kinds}等活动{data.value('events')}场"]
        parts.append(f"报名{data.value('registrations')}人次（{data.value('people')}人）")
        parts.append(f"签到{data.value('checked_in')}人次")
        if data.value("attendance_rate") is not None:
            parts.append(f"到场率{data.value('attendance_rate')}%")
        if data.value("feedback"):
            parts.append(f"收到评价{data.value('feedback')}条，平均评分{data.value('rating_avg')}分")
        if data.value("pitches"):
            parts.append(f"路演项目{data.value('pitches')}个（{data.value('startups_pitched')}家企业）")
        if data.value("investor_interests"):
            parts.append(f"投资机构表达投资意向{data.value('investor_interests')}次")
        detail = "，".join(f"{r.label}{r.values['events']}场" for r in rows)
        text = "，".join(parts) + "。"
        if detail:
            text += f"其中{detail}。"
        return text
