"""Demo matchmaking days: the two 银企对接 days of the events demo, filled in.

* The past day: enterprises and banks with what they offer and seek, answered
  requests, the schedule (by the real scheduler) published two days before,
  check-ins, a cancellation and no-shows, both sides' outcomes (loan
  intentions with amounts) and the 3- and 6-month follow-up questions.
* The upcoming day: participants, slots and tables set, requests waiting for
  answers (some accepted, some declined), not scheduled yet.

The demo logins take part: 长春光迹光电科技有限公司 (startup) and 吉林银行
(bank) on both days; 吉林省科学技术厅 (organizer) runs them.

Idempotent: once a day exists for these events nothing is written. The past
day is written directly (the services refuse to change a day that is over);
the upcoming one goes through the services like a real one.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role, User
from backend.demo.logins import LOGIN_BY_ROLE, STARTUP_NAME
from backend.directory.models import FinancingNeed, LoanProduct, Membership, Organisation, OrgKind
from events.matchmaking.models import (
    FollowUp,
    Intention,
    MatchmakingDay,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    Side,
)
from events.matchmaking.services import dayof, schedule, setup
from events.matchmaking.services import requests as request_services
from events.models import Event, EventType

EVENT_TITLE = "银企对接会：科技金融助力企业成长"
PURPOSES = ["研发投入", "扩大产能", "补充流动资金", "购置检测设备", "新产品中试"]
DECLINE_REASONS = ["暂不符合准入条件", "本期额度已满", "建议先申请创客贷"]


def _organizer(event: Event) -> User | None:
    membership = (
        Membership.objects.filter(organisation=event.organisation, user__roles__contains=[Role.ORGANIZER])
        .select_related("user")
        .order_by("id")
        .first()
    )
    return membership.user if membership else None


def _member(org: Organisation) -> User | None:
    membership = Membership.objects.filter(organisation=org).select_related("user").order_by("id").first()
    return membership.user if membership else None


def _banks(limit: int) -> list[Organisation]:
    with_products = set(LoanProduct.objects.filter(active=True).values_list("bank_id", flat=True))
    banks = [
        o
        for o in Organisation.objects.filter(kind=OrgKind.BANK, memberships__isnull=False).distinct().order_by("name")
        if o.pk in with_products
    ]
    first = LOGIN_BY_ROLE["bank"].organisation
    banks.sort(key=lambda o: (o.name != first, o.name))
    return banks[:limit]


def _enterprises(rng: random.Random, count: int, skip: set[int]) -> list[Organisation]:
    pool = list(
        Organisation.objects.filter(kind=OrgKind.STARTUP, startup__isnull=False, memberships__isnull=False)
        .exclude(pk__in=skip)
        .distinct()
        .order_by("name")
    )
    login = next((o for o in pool if o.name == STARTUP_NAME), None)
    rest = [o for o in pool if o is not login]
    chosen = rng.sample(rest, min(count - (login is not None), len(rest)))
    return ([login] if login else []) + chosen


def _profile(rng: random.Random, org: Organisation) -> dict:
    """What a participant writes for the day: offer, seek and amount."""
    if org.kind == OrgKind.BANK:
        names = list(LoanProduct.objects.filter(bank=org, active=True).values_list("name", flat=True)[:3])
        return {
            "offer": f"{'、'.join(names)}等科技金融产品，支持知识产权质押",
            "seek": "初创期、成长期科技型中小企业，有明确用款计划",
            "amount": None,
        }
    need = FinancingNeed.objects.filter(startup=org, kind=FinancingNeed.Kind.DEBT).order_by("-amount").first()
    amount = need.amount if need else Decimal(rng.choice([50, 100, 200, 300, 500]) * 10000)
    purpose = rng.choice(PURPOSES)
    return {
        "offer": (org.description or "科技型中小企业")[:120],
        "seek": f"科技贷款 {amount / 10000:.0f} 万元，用于{purpose}",
        "amount": amount,
    }


def _pairs(rng: random.Random, enterprises: list[Participant], banks: list[Participant]) -> list[tuple]:
    """Who asks whom: each enterprise two or three banks, the first one "must meet"; a few banks ask too."""
    pairs = []
    for e in enterprises:
        for index, bank in enumerate(rng.sample(banks, min(rng.choice([2, 2, 3]), len(banks)))):
            pairs.append((e, bank, "must" if index == 0 else "nice"))
    return pairs


def _past_day(event: Event, rng: random.Random, organizer: User) -> dict[str, int]:
    day = MatchmakingDay.objects.create(
        event=event, request_cap=6, request_deadline=event.starts - timedelta(days=3), reminder_hours=24
    )
    first = event.starts.replace(minute=30) if event.starts.minute == 0 else event.starts
    setup.slots_generate(actor=organizer, event=event, first_starts=first, minutes=20, count=10)
    setup.tables_set(actor=organizer, event=event, count=5)
    banks = [
        Participant.objects.create(day=day, organisation=o, side=Side.PARTNER, contact=_member(o), **_profile(rng, o))
        for o in _banks(5)
    ]
    enterprises = [
        Participant.objects.create(
            day=day, organisation=o, side=Side.ENTERPRISE, contact=_member(o), **_profile(rng, o)
        )
        for o in _enterprises(rng, 10, set())
    ]
    asked_at = event.starts - timedelta(days=12)
    meetings = []
    for e, bank, preference in _pairs(rng, enterprises, banks):
        accepted = rng.random() < 0.8
        request = MeetingRequest.objects.create(
            day=day,
            sender=e,
            recipient=bank,
            preference=preference,
            message="希望当面沟通贷款方案" if preference == "must" else "",
            status=MeetingRequest.Status.ACCEPTED if accepted else MeetingRequest.Status.DECLINED,
            created_by=e.contact,
            answered_at=asked_at + timedelta(days=2),
            answered_by=bank.contact,
            reason="" if accepted else rng.choice(DECLINE_REASONS),
        )
        if accepted:
            meetings.append(
                Meeting.objects.create(day=day, request=request, enterprise=e, partner=bank, preference=preference)
            )
    info = schedule.schedule_compute(event_id=event.pk, time_limit=2)
    if not info["feasible"]:  # not expected with ten slots; then the day stays unpublished
        return {"matchmaking meetings": len(meetings)}
    MatchmakingDay.objects.filter(pk=day.pk).update(
        published_at=event.starts - timedelta(days=2), published_by=organizer
    )
    day.refresh_from_db()
    meetings = list(Meeting.objects.filter(day=day).select_related("slot", "enterprise", "partner"))
    dayof.follow_ups_ensure(day=day, meetings=meetings)
    cancelled = rng.choice(meetings)
    outcomes = 0
    for meeting in meetings:
        if meeting is cancelled:
            Meeting.objects.filter(pk=meeting.pk).update(
                status=Meeting.Status.CANCELLED,
                cancelled_at=meeting.slot.starts - timedelta(hours=1),
                cancelled_by=meeting.enterprise.contact,
                cancel_reason="企业临时有事",
            )
            MeetingRequest.objects.filter(pk=meeting.request_id).update(status=MeetingRequest.Status.CANCELLED)
            FollowUp.objects.filter(meeting=meeting).delete()
            continue
        if rng.random() < 0.12:
            continue  # a no-show: nobody checked it in
        Meeting.objects.filter(pk=meeting.pk).update(
            checked_in_at=meeting.slot.starts + timedelta(minutes=rng.randint(0, 4)), checked_in_by=organizer
        )
        loan = rng.random() < 0.55
        amount = meeting.enterprise.amount if loan else None
        for side, who in ((Side.ENTERPRISE, meeting.enterprise), (Side.PARTNER, meeting.partner)):
            side_amount = None
            if loan and amount:
                share = Decimal(rng.choice([5, 6, 8, 10])) / 10
                side_amount = (amount * share / 100000).quantize(Decimal("1")) * 100000 or amount
            MeetingOutcome.objects.create(
                meeting=meeting,
                side=side,
                follow_up_planned=loan or rng.random() < 0.4,
                intention=Intention.LOAN if loan else rng.choice([Intention.NONE, Intention.COOPERATION]),
                amount=side_amount,
                note="约定两周内提交授信材料" if loan else "",
                recorded_by=who.contact,
            )
            outcomes += 1
    return {"matchmaking meetings": len(meetings), "matchmaking outcomes": outcomes}


def _upcoming_day(event: Event, rng: random.Random, organizer: User) -> dict[str, int]:
    setup.day_update(
        actor=organizer,
        event=event,
        request_cap=5,
        request_deadline=event.starts - timedelta(days=3),
        reminder_hours=48,
    )
    first = event.starts.replace(minute=30) if event.starts.minute == 0 else event.starts
    setup.slots_generate(actor=organizer, event=event, first_starts=first, minutes=20, count=10)
    setup.tables_set(actor=organizer, event=event, count=5)
    joined = []
    for org in _banks(4) + _enterprises(rng, 8, set()):
        user = _member(org)
        joined.append(setup.participant_join(actor=user, event=event, organisation=org, **_profile(rng, org)))
    banks = [p for p in joined if p.side == Side.PARTNER]
    enterprises = [p for p in joined if p.side == Side.ENTERPRISE]
    requests = 0
    for e, bank, preference in _pairs(rng, enterprises, banks):
        request = request_services.request_send(
            actor=e.contact,
            sender=e,
            recipient=bank,
            preference=preference,
            message="希望了解知识产权质押贷款" if preference == "must" else "",
        )
        requests += 1
        # The demo bank login finds requests to answer; others have answered some already.
        if bank.organisation.name == LOGIN_BY_ROLE["bank"].organisation:
            continue
        roll = rng.random()
        if roll < 0.45:
            request_services.request_accept(actor=bank.contact, request=request)
        elif roll < 0.6:
            request_services.request_decline(actor=bank.contact, request=request, reason=rng.choice(DECLINE_REASONS))
    return {"matchmaking requests": requests}


@transaction.atomic
def load_matchmaking(rng: random.Random) -> dict[str, int]:
    """Fill the demo's bank–enterprise days (once); returns what was created."""
    events = list(Event.objects.filter(type=EventType.BANK_MATCHMAKING, title=EVENT_TITLE).order_by("starts"))
    if not events or MatchmakingDay.objects.filter(event__in=events).exists():
        return {}
    now = timezone.now()
    stats: dict[str, int] = {}
    past = [e for e in events if e.ends <= now]
    upcoming = [e for e in events if e.starts > now]
    if past and (organizer := _organizer(past[-1])):
        stats.update(_past_day(past[-1], rng, organizer))
    if upcoming and (organizer := _organizer(upcoming[0])):
        stats.update(_upcoming_day(upcoming[0], rng, organizer))
    return stats
