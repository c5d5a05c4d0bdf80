"""Demo events: a year in the seeds' spirit, "月月有路演、季季有论坛".

:func:`load_events` builds on the directory demo data (carriers such as
吉林省光电子产业孵化器, 摆渡创新工场, 淮海壹号众创空间; bureaus; startups;
investors; banks) and adds, from six months ago to six months ahead:

* a monthly roadshow series at each of up to three carriers, with pitch slots,
  approved bookings and the scores of past ones;
* a quarterly forum series;
* salons and trainings (some online);
* a competition in three rounds (初赛 → 复赛 → 决赛) with a rubric, judges,
  advancement of the best and awards;
* two bank–enterprise matchmaking days (银企对接);
* registrations, check-ins and feedback for what is past.

Idempotent (a second call adds nothing) and deterministic for a given
``random.Random`` seed and day.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role, User
from backend.directory.models import Carrier, Membership, Organisation, OrgKind
from events.models import (
    Award,
    Booking,
    Criterion,
    Event,
    EventStatus,
    EventType,
    Feedback,
    Judge,
    PitchSlot,
    Registration,
    Room,
    Score,
    ScoreSheet,
    Series,
    Visibility,
)
from events.selectors import ranking
from events.services import events as event_services
from events.services import pitches

TZ = ZoneInfo("Asia/Shanghai")
PREFERRED_CARRIERS = ["吉林省光电子产业孵化器", "摆渡创新工场", "淮海壹号众创空间"]
MARKER_SERIES = "月月有路演"  # the first roadshow series' title starts with this: present means loaded
ROADSHOW_DAYS = ["+2TH", "+3TU", "+4WE"]
COMMENTS = [
    "路演环节组织有序，投资人点评很专业。",
    "对接效率高，认识了两家意向投资机构。",
    "希望下次增加一对一交流时间。",
    "干货很多，政策解读清晰。",
    "场地交通方便，服务周到。",
    "Great Q&A with the investors.",
    "",
]
SALON_TOPICS = ["光电子产业链协同", "电子商务与智能仓储", "大学生创新创业", "专精特新企业成长", "知识产权运营"]
TRAINING_TOPICS = ["创业孵化从业人员培训（初级）", "科技型中小企业融资实务", "高新技术企业认定辅导", "商业计划书写作"]
RUBRIC = [("技术创新性", 30), ("市场前景", 25), ("团队能力", 25), ("商业模式", 20)]


def _local(day: datetime, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day.date(), time(hour, minute), tzinfo=TZ)


def _month_start(months_from_now: int) -> datetime:
    today = timezone.localtime(timezone.now(), TZ)
    month = today.month - 1 + months_from_now
    return datetime(today.year + month // 12, month % 12 + 1, 1, tzinfo=TZ)


def _carriers() -> list[Carrier]:
    named = {c.name: c for c in Carrier.objects.filter(name__in=PREFERRED_CARRIERS)}
    chosen = [named[n] for n in PREFERRED_CARRIERS if n in named]
    if len(chosen) < 3:
        chosen += list(Carrier.objects.exclude(pk__in=[c.pk for c in chosen]).order_by("name")[: 3 - len(chosen)])
    return chosen


def _rooms(carrier: Carrier) -> tuple[Room, Room]:
    hall, _ = Room.objects.get_or_create(carrier=carrier, name="路演厅", defaults={"capacity": 120})
    meeting, _ = Room.objects.get_or_create(carrier=carrier, name="多功能会议室", defaults={"capacity": 40})
    return hall, meeting


def _organiser(carrier: Carrier, bureau: Organisation) -> Organisation:
    return carrier.operator or bureau


def _organizer_user(org: Organisation) -> User | None:
    membership = (
        Membership.objects.filter(organisation=org, user__roles__contains=[Role.ORGANIZER])
        .select_related("user")
        .order_by("id")
        .first()
    )
    return membership.user if membership else None


def _members(kind: str) -> list[tuple[User, Organisation]]:
    rows = Membership.objects.filter(organisation__kind=kind, user__is_active=True).select_related(
        "user", "organisation"
    )
    seen, out = set(), []
    for m in rows.order_by("organisation__name", "id"):
        if m.organisation_id not in seen:
            seen.add(m.organisation_id)
            out.append((m.user, m.organisation))
    return out


class _Loader:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.now = timezone.now()
        self.startups = _members(OrgKind.STARTUP)
        self.investors = [u for u, _o in _members(OrgKind.INVESTOR)]
        self.bank_users = [u for u, _o in _members(OrgKind.BANK)]
        self.people = sorted(
            {u.pk: u for u in User.objects.filter(is_active=True).exclude(roles__contains=[Role.ADMIN])}.values(),
            key=lambda u: u.pk,
        )
        self.busy: set[tuple[int, object]] = set()  # (room id, local date) already used

    # --- attendance ---------------------------------------------------------

    def attend(self, event: Event, pool: list[User] | None = None, share: float = 0.6) -> None:
        pool = pool if pool is not None else self.people
        if not pool:
            return
        count = min(len(pool), max(1, int(len(pool) * share)), event.capacity + 5)
        chosen = self.rng.sample(pool, count)
        past = event.ends <= self.now
        rows = []
        for index, user in enumerate(chosen):
            queued = event.starts - timedelta(days=10, minutes=index)
            confirmed = index < event.capacity
            status = Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITING
            checked_in = event.starts + timedelta(minutes=self.rng.randint(-20, 15))
            rows.append(
                Registration(
                    event=event,
                    user=user,
                    status=status,
                    queued_at=queued,
                    checked_in_at=checked_in if past and confirmed and self.rng.random() < 0.8 else None,
                )
            )
        Registration.objects.bulk_create(rows)
        if past:
            feedback = [
                Feedback(
                    event=event,
                    user=r.user,
                    rating=self.rng.choice([3, 4, 4, 5, 5]),
                    comment=self.rng.choice(COMMENTS),
                )
                for r in rows
                if r.checked_in_at and self.rng.random() < 0.6
            ]
            Feedback.objects.bulk_create(feedback)

    def finish_past(self, events: list[Event]) -> None:
        past = [e.pk for e in events if e.ends <= self.now]
        Event.objects.filter(pk__in=past).update(status=EventStatus.FINISHED)
        for event in events:
            if event.pk in past:
                event.status = EventStatus.FINISHED

    # --- pitches ------------------------------------------------------------

    def pitch_programme(self, event: Event, startups: list[tuple[User, Organisation]], slots: int = 8) -> list[Booking]:
        made = [
            PitchSlot(
                event=event,
                starts=event.starts + timedelta(minutes=15 * i),
                ends=event.starts + timedelta(minutes=15 * i + 12),
                label=f"#{i + 1}",
            )
            for i in range(slots)
        ]
        made = PitchSlot.objects.bulk_create(made)
        if event.starts > self.now + timedelta(days=35):
            return []  # far ahead: slots open, nobody booked yet
        bookings = [
            Booking(
                event=event,
                slot=slot,
                startup=org,
                applicant=user,
                status=Booking.Status.APPROVED
                if event.starts <= self.now + timedelta(days=14)
                else Booking.Status.PENDING,
                pitch_title=f"{org.name}项目路演",
                decided_at=event.starts - timedelta(days=7) if event.starts <= self.now + timedelta(days=14) else None,
            )
            for slot, (user, org) in zip(made, startups, strict=False)
        ]
        return Booking.objects.bulk_create(bookings)

    def rubric_and_scores(self, event: Event, bookings: list[Booking], judges: list[User]) -> None:
        criteria = Criterion.objects.bulk_create(
            [Criterion(event=event, name=name, weight=Decimal(w), order=i) for i, (name, w) in enumerate(RUBRIC)]
        )
        Judge.objects.bulk_create([Judge(event=event, user=u, kind=Judge.Kind.INVESTOR) for u in judges])
        if event.ends > self.now:
            return
        for booking in bookings:
            quality = self.rng.randint(4, 9)
            for judge in judges:
                sheet = ScoreSheet.objects.create(booking=booking, judge=judge)
                Score.objects.bulk_create(
                    [
                        Score(sheet=sheet, criterion=c, value=max(1, min(10, quality + self.rng.randint(-2, 1))))
                        for c in criteria
                    ]
                )
        event.scoring_closed_at = event.ends
        event.save(update_fields=["scoring_closed_at"])

    # --- the year -------------------------------------------------------------

    def free_day(self, room: Room, day: datetime) -> datetime:
        while (room.pk, day.date()) in self.busy or day.weekday() >= 5:
            day += timedelta(days=1)
        self.busy.add((room.pk, day.date()))
        return day

    def load(self) -> dict[str, int]:
        carriers = _carriers()
        bureau = Organisation.objects.filter(kind=OrgKind.BUREAU).order_by("name").first()
        if not carriers or bureau is None:
            return {"events": 0}
        start = _month_start(-6)
        venues = [(c, *_rooms(c)) for c in carriers]
        all_events: list[Event] = []

        # 月月有路演: a monthly roadshow series per carrier.
        for index, (carrier, hall, _meeting) in enumerate(venues):
            org = _organiser(carrier, bureau)
            title = f"{MARKER_SERIES}·{carrier.name}项目路演" if index == 0 else f"{carrier.name}月度项目路演"
            series = event_services.series_create(
                actor=_organizer_user(org),
                organisation=org,
                rrule=f"FREQ=MONTHLY;BYDAY={ROADSHOW_DAYS[index % 3]};COUNT=12",
                dtstart=_local(start, 14),
                duration_minutes=180,
                title=title,
                title_en=f"Monthly roadshow at {carrier.name_en or carrier.name}",
                description="月月有路演：在孵企业向投资机构路演，投资人现场点评。",
                type=EventType.ROADSHOW,
                room=hall,
                capacity=100,
                allowed_roles=[],
                visibility=Visibility.PUBLIC,
            )
            occurrences = list(series.occurrences.order_by("starts"))
            for event in occurrences:
                self.busy.add((hall.pk, timezone.localtime(event.starts, TZ).date()))
            self.finish_past(occurrences)
            for event in occurrences:
                picked = self.rng.sample(self.startups, min(6, len(self.startups)))
                bookings = self.pitch_programme(event, picked)
                judges = self.rng.sample(self.investors, min(2, len(self.investors)))
                if bookings and judges:
                    self.rubric_and_scores(event, [b for b in bookings if b.status == "approved"], judges)
                self.attend(event, share=0.3)
            all_events += occurrences

        # 季季有论坛: a quarterly forum.
        carrier, hall, _meeting = venues[0]
        forum = event_services.series_create(
            actor=_organizer_user(bureau),
            organisation=bureau,
            rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=+1FR;COUNT=4",
            dtstart=_local(start, 9),
            duration_minutes=300,
            title="季季有论坛·科技创新高峰论坛",
            title_en="Quarterly innovation forum",
            description="季季有论坛：政策解读、成果展示、对接交流。",
            type=EventType.FORUM,
            room=hall,
            capacity=120,
            allowed_roles=[],
            visibility=Visibility.PUBLIC,
        )
        forums = list(forum.occurrences.order_by("starts"))
        self.finish_past(forums)
        for event in forums:
            self.busy.add((hall.pk, timezone.localtime(event.starts, TZ).date()))
            self.attend(event, share=0.5)
        all_events += forums

        # Salons and trainings.
        singles: list[Event] = []
        for month in range(12):
            carrier, _hall, meeting = venues[month % len(venues)]
            org = _organiser(carrier, bureau)
            day = self.free_day(meeting, _month_start(-6 + month) + timedelta(days=self.rng.randint(2, 20)))
            topic = SALON_TOPICS[month % len(SALON_TOPICS)]
            singles.append(
                Event.objects.create(
                    title=f"创业沙龙：{topic}",
                    type=EventType.SALON,
                    organisation=org,
                    room=meeting,
                    starts=_local(day, 19),
                    ends=_local(day, 21),
                    capacity=30,
                    status=EventStatus.PUBLISHED,
                    created_by=_organizer_user(org),
                )
            )
            if month % 3 == 1:
                online = month % 2 == 1
                tday = _month_start(-6 + month) + timedelta(days=self.rng.randint(3, 24))
                if not online:
                    tday = self.free_day(meeting, tday)
                singles.append(
                    Event.objects.create(
                        title=TRAINING_TOPICS[(month // 3) % len(TRAINING_TOPICS)],
                        type=EventType.TRAINING,
                        organisation=bureau,
                        room=None if online else meeting,
                        online_url="https://live.innolink.example/training" if online else "",
                        starts=_local(tday, 9),
                        ends=_local(tday, 16),
                        capacity=60,
                        status=EventStatus.PUBLISHED,
                    )
                )
        self.finish_past(singles)
        for event in singles:
            self.attend(event, share=0.25)
        all_events += singles

        # 创新创业大赛 in three rounds.
        all_events += self.competition(bureau, venues)

        # 银企对接: two bank–enterprise matchmaking days.
        for offset in (-2, 3):
            carrier, hall, _meeting = venues[-1]
            day = self.free_day(hall, _month_start(offset) + timedelta(days=9))
            event = Event.objects.create(
                title="银企对接会：科技金融助力企业成长",
                title_en="Bank–enterprise matchmaking day",
                type=EventType.BANK_MATCHMAKING,
                organisation=bureau,
                room=hall,
                starts=_local(day, 9),
                ends=_local(day, 17),
                capacity=80,
                allowed_roles=[Role.STARTUP, Role.BANK, Role.ORGANIZER],
                status=EventStatus.PUBLISHED,
            )
            self.finish_past([event])
            self.attend(event, pool=[u for u, _o in self.startups] + self.bank_users, share=0.7)
            all_events.append(event)
        return {
            "events": len(all_events),
            "registrations": Registration.objects.filter(event__in=all_events).count(),
            "feedback": Feedback.objects.filter(event__in=all_events).count(),
        }

    def competition(self, bureau: Organisation, venues) -> list[Event]:
        """初赛 → 复赛 → 决赛: each round advances its best through the service; the final gives awards."""
        judges = self.investors[:3]
        _carrier, hall, _meeting = venues[1 % len(venues)]
        by_org = {org.pk: (user, org) for user, org in self.startups}
        entrants = self.startups[:10]
        events: list[Event] = []
        previous, previous_advance = None, 0
        for name, month, advance in (("初赛", -4, 6), ("复赛", -3, 3), ("决赛", -1, 0)):
            day = self.free_day(hall, _month_start(month) + timedelta(days=14))
            event = Event.objects.create(
                title=f"创新创业大赛·{name}",
                title_en=f"Innovation and entrepreneurship competition · {name}",
                type=EventType.COMPETITION,
                organisation=bureau,
                room=hall,
                starts=_local(day, 9),
                ends=_local(day, 17),
                capacity=100,
                status=EventStatus.PUBLISHED,
                previous_round=previous,
                round_name=name,
            )
            if previous is not None and previous.scoring_closed_at and judges:
                entries = pitches.competition_advance(
                    actor=None, event=previous, top_n=previous_advance, next_event=event
                )
                entrants = [by_org[e.startup_id] for e in entries if e.startup_id in by_org]
            bookings = self.pitch_programme(event, entrants, slots=max(len(entrants), 1))
            if judges and bookings:
                self.rubric_and_scores(event, bookings, judges)
            self.attend(event, share=0.3)
            self.finish_past([event])
            events.append(event)
            previous, previous_advance = event, advance
        final = events[-1]
        titles = ["一等奖", "二等奖", "三等奖"]
        for rank, row in enumerate(list(ranking(final))[:3], start=1):
            if row.weighted_score is not None:
                Award.objects.create(event=final, startup_id=row.startup_id, title=titles[rank - 1], rank=rank)
        return events


@transaction.atomic
def load_events(rng: random.Random) -> dict[str, int]:
    """Create the demo year of events (once); returns what was created."""
    if Series.objects.filter(title__startswith=MARKER_SERIES).exists():
        return {"events": 0}
    return _Loader(rng).load()
