"""A small ecosystem whose figures are counted by hand in the docstrings of the tests.

Regions:    吉林省 ─┬─ 长春市 ─── 朝阳区           河北省 ─── 邢台市
                    └─ 吉林市
Industries: 电子信息 ─── 光电子         生物医药

Carriers:   A 光电孵化器 (朝阳区, incubator, national; operated by 光电运营; graded B 2024, A 2025)
            B 吉林众创 (吉林市, maker space, provincial; graded C 2025)
            C 邢台综合体 (邢台市, innovation complex, municipal; never graded)

Startups (stage, carrier, region, revenue 万元, certifications, industries):
  s1 seed     A 长春市  100  high_tech            光电子
  s2 startup  A 朝阳区  200  tech_sme, graduated 2025   电子信息
  s3 growth   A 长春市  300  high_tech, tech_sme  生物医药, 光电子
  s4 seed     B 吉林市   50  —                    生物医药
  s5 growth   C 邢台市   —   high_tech            —

Events of 2025 (counted ones; see each registration below):
  e1 roadshow  2025-03-10 room at A       confirmed u1 u2(checked) u3(checked), waiting u4, cancelled u5;
               feedback 4, 5; bookings s1 approved, s2 approved, s3 rejected;
               interest 长春光电创投 → s1; judge m1
  e2 salon     2025-05-08 online, 长春 bureau   confirmed u1(checked) u6; feedback 3
  e3 forum     2025-05-20 room at B       confirmed u7
  e8 talk      2025-07-01 online, A's operator  confirmed u2(checked)
  e4 roadshow  2025-06-05 room at C       confirmed u1 u8
Not counted: e5 draft (A, 2025), e6 cancelled (A, 2025), e7 roadshow at A on 2024-11-05 (other period).

Mentors: m1 长春市 active appointed 2025 (electronics), m2 吉林市 active appointed 2022, m3 邢台市 inactive.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from backend.accounts.models import Role
from backend.directory.models import (
    Carrier,
    CarrierEvaluation,
    FinancingNeed,
    Industry,
    Level,
    Membership,
    MentorProfile,
    Organisation,
    OrgKind,
    Region,
    StartupProfile,
)
from events.models import (
    Booking,
    Event,
    EventStatus,
    EventType,
    Feedback,
    InvestorInterest,
    Judge,
    PitchSlot,
    Registration,
    Room,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR = {"date_from": "2025-01-01", "date_to": "2025-12-31"}


def local(y: int, m: int, d: int, hour: int = 14) -> datetime:
    return datetime(y, m, d, hour, tzinfo=SHANGHAI)


@pytest.fixture
def world(no_reference_trees, make_user) -> SimpleNamespace:
    w = SimpleNamespace()
    w.jilin = Region.objects.create(name="吉林省", level=Region.Level.PROVINCE)
    w.changchun = Region.objects.create(name="长春市", level=Region.Level.CITY, parent=w.jilin)
    w.chaoyang = Region.objects.create(name="朝阳区", level=Region.Level.COUNTY, parent=w.changchun)
    w.jilin_city = Region.objects.create(name="吉林市", level=Region.Level.CITY, parent=w.jilin)
    w.hebei = Region.objects.create(name="河北省", level=Region.Level.PROVINCE)
    w.xingtai = Region.objects.create(name="邢台市", level=Region.Level.CITY, parent=w.hebei)
    electronics = Industry.objects.create(name="电子信息", slug="electronics")
    opto = Industry.objects.create(name="光电子", slug="optoelectronics", parent=electronics)
    biomed = Industry.objects.create(name="生物医药", slug="biomedicine")

    def org(kind, name, region):
        return Organisation.objects.create(kind=kind, name=name, region=region)

    w.bureau_jilin = org(OrgKind.BUREAU, "吉林省科学技术厅", w.jilin)
    w.bureau_changchun = org(OrgKind.BUREAU, "长春市科学技术局", w.changchun)
    w.bureau_hebei = org(OrgKind.BUREAU, "邢台市科学技术局", w.xingtai)
    w.operator_a = org(OrgKind.CARRIER_OPERATOR, "光电运营", w.changchun)
    w.operator_b = org(OrgKind.CARRIER_OPERATOR, "吉林众创运营", w.jilin_city)

    w.a = Carrier.objects.create(
        name="光电孵化器", kind=Carrier.Kind.INCUBATOR, level=Level.NATIONAL, region=w.chaoyang,
        operator=w.operator_a, area_m2=Decimal("12000"), workstations=300,
    )  # fmt: skip
    w.b = Carrier.objects.create(
        name="吉林众创", kind=Carrier.Kind.MAKER_SPACE, level=Level.PROVINCIAL, region=w.jilin_city,
        operator=w.operator_b, area_m2=Decimal("3000"), workstations=80,
    )  # fmt: skip
    w.c = Carrier.objects.create(
        name="邢台综合体", kind=Carrier.Kind.INNOVATION_COMPLEX, level=Level.MUNICIPAL, region=w.xingtai
    )
    CarrierEvaluation.objects.create(carrier=w.a, year=2024, grade="B")
    CarrierEvaluation.objects.create(carrier=w.a, year=2025, grade="A")
    CarrierEvaluation.objects.create(carrier=w.b, year=2025, grade="C")

    def startup(name, region, stage, carrier, revenue=None, certs=(), industries=(), **extra):
        o = org(OrgKind.STARTUP, name, region)
        o.industries.set(industries)
        StartupProfile.objects.create(
            organisation=o, stage=stage, carrier=carrier, certifications=list(certs),
            revenue=None if revenue is None else Decimal(revenue) * 10000, employees=10, ip_count=2, **extra,
        )  # fmt: skip
        return o

    w.s1 = startup("光启科技", w.changchun, "seed", w.a, 100, ["high_tech"], [opto])
    w.s2 = startup("长光辰英", w.chaoyang, "startup", w.a, 200, ["tech_sme"], [electronics],
                   graduated=True, graduated_year=2025)  # fmt: skip
    w.s3 = startup("希达电子", w.changchun, "growth", w.a, 300, ["high_tech", "tech_sme"], [biomed, opto])
    w.s4 = startup("吉林药谷", w.jilin_city, "seed", w.b, 50, [], [biomed])
    w.s5 = startup("邢台轴承", w.xingtai, "growth", w.c, None, ["high_tech"], [])

    w.admin = make_user(Role.ADMIN, name="管理员")
    w.organizer_jilin = make_user(Role.ORGANIZER, name="省厅组织者")
    w.organizer_changchun = make_user(Role.ORGANIZER, name="市局组织者")
    w.organizer_hebei = make_user(Role.ORGANIZER, name="邢台组织者")
    w.organizer_a = make_user(Role.ORGANIZER, name="孵化器组织者")
    w.organizer_nowhere = make_user(Role.ORGANIZER, name="无机构组织者")
    w.startup_user = make_user(Role.STARTUP, name="创始人")
    for user, organisation in [
        (w.organizer_jilin, w.bureau_jilin),
        (w.organizer_changchun, w.bureau_changchun),
        (w.organizer_hebei, w.bureau_hebei),
        (w.organizer_a, w.operator_a),
        (w.startup_user, w.s1),
    ]:
        Membership.objects.create(organisation=organisation, user=user)

    room_a = Room.objects.create(carrier=w.a, name="路演厅", capacity=100)
    room_b = Room.objects.create(carrier=w.b, name="会议室", capacity=40)
    room_c = Room.objects.create(carrier=w.c, name="报告厅", capacity=200)

    def event(title, type_, starts, *, room=None, organisation=None, status=EventStatus.FINISHED):
        return Event.objects.create(
            title=title, type=type_, starts=starts, ends=starts + timedelta(hours=2), capacity=100, status=status,
            room=room, organisation=organisation or w.bureau_jilin,
            online_url="" if room else "https://meeting.example.com/x",
        )  # fmt: skip

    w.e1 = event("光电子项目路演", EventType.ROADSHOW, local(2025, 3, 10), room=room_a)
    w.e2 = event("创业沙龙", EventType.SALON, local(2025, 5, 8), organisation=w.bureau_changchun)
    w.e3 = event("创新论坛", EventType.FORUM, local(2025, 5, 20), room=room_b)
    w.e4 = event("邢台路演", EventType.ROADSHOW, local(2025, 6, 5), room=room_c, organisation=w.bureau_hebei)
    w.e8 = event("创业宣讲", EventType.TALK, local(2025, 7, 1), organisation=w.operator_a)
    event("草稿", EventType.SALON, local(2025, 8, 1), room=room_a, status=EventStatus.DRAFT)
    event("取消", EventType.SALON, local(2025, 9, 1), room=room_a, status=EventStatus.CANCELLED)
    event("去年路演", EventType.ROADSHOW, local(2024, 11, 5), room=room_a)

    users = {i: make_user(Role.STARTUP, name=f"参与者{i}") for i in range(1, 9)}

    def register(ev, n, status="confirmed", checked=False):
        Registration.objects.create(
            event=ev, user=users[n], status=status, queued_at=ev.starts - timedelta(days=3),
            checked_in_at=ev.starts if checked else None,
        )  # fmt: skip

    register(w.e1, 1)
    register(w.e1, 2, checked=True)
    register(w.e1, 3, checked=True)
    register(w.e1, 4, "waiting")
    register(w.e1, 5, "cancelled")
    register(w.e2, 1, checked=True)
    register(w.e2, 6)
    register(w.e3, 7)
    register(w.e8, 2, checked=True)
    register(w.e4, 1)
    register(w.e4, 8)
    Feedback.objects.create(event=w.e1, user=users[2], rating=4)
    Feedback.objects.create(event=w.e1, user=users[3], rating=5)
    Feedback.objects.create(event=w.e2, user=users[1], rating=3)

    for i, (s, status) in enumerate([(w.s1, "approved"), (w.s2, "approved"), (w.s3, "rejected")]):
        starts = w.e1.starts + timedelta(minutes=15 * i)
        slot = PitchSlot.objects.create(event=w.e1, starts=starts, ends=starts + timedelta(minutes=15))
        Booking.objects.create(event=w.e1, slot=slot, startup=s, applicant=w.startup_user, status=status)
    w.investor = make_user(Role.INVESTOR, name="投资人")
    w.fund = org(OrgKind.INVESTOR, "长春光电创投", w.changchun)
    Membership.objects.create(organisation=w.fund, user=w.investor)
    InvestorInterest.objects.create(event=w.e1, startup=w.s1, investor=w.investor)

    def mentor(name, region, year, active=True, industries=()):
        profile = MentorProfile.objects.create(
            user=make_user(Role.MENTOR, name=name), region=region, appointed_year=year, active=active, capacity=3
        )
        profile.industries.set(industries)
        return profile

    w.m1 = mentor("王导师", w.changchun, 2025, industries=[electronics])
    w.m2 = mentor("李导师", w.jilin_city, 2022)
    w.m3 = mentor("张导师", w.xingtai, 2020, active=False)
    Judge.objects.create(event=w.e1, user=w.m1.user)
    w.year = date(2025, 1, 1), date(2025, 12, 31)
    return w


def sections_by_key(payload: dict) -> dict[str, dict]:
    return {s["key"]: s for s in payload["sections"]}


def figures(payload: dict, section: str) -> dict:
    return {f["key"]: f["value"] for f in sections_by_key(payload)[section]["figures"]}


def breakdown(payload: dict, section: str, key: str) -> dict[str, dict]:
    found = next(b for b in sections_by_key(payload)[section]["breakdowns"] if b["key"] == key)
    return {r["key"]: r["values"] for r in found["rows"]}


@pytest.fixture
def journeys(world) -> SimpleNamespace:
    """Mentoring, pool, finance and matchmaking on top of ``world``; counts in test_journeys.py.

    Dates that models stamp themselves (created_at …) are set afterwards with update().
    """
    from backend.finance.models import BankResponse
    from backend.mentoring.models import MentoringRequest, MentoringSession, Mentorship
    from backend.pool.models import AccessLog, AccessRequest, PipelineEntry, PipelineStep, PoolEntry
    from events.matchmaking.models import (
        FollowUp,
        MatchmakingDay,
        Meeting,
        MeetingOutcome,
        MeetingRequest,
        Participant,
    )

    w = world
    d = lambda y, m, day=1: local(y, m, day)  # noqa: E731
    # Mentoring: ms1 m1→s1 (2025, active), ms2 m2→s4 (2024-06 → 2025-03), ms3 m1→s2 (2024 only), ms4 m3→s5 (河北).
    ms1 = Mentorship.objects.create(startup=w.s1, mentor=w.m1)
    ms2 = Mentorship.objects.create(startup=w.s4, mentor=w.m2, status="ended", ended_at=d(2025, 3))
    ms3 = Mentorship.objects.create(startup=w.s2, mentor=w.m1, status="ended", ended_at=d(2024, 12))
    ms4 = Mentorship.objects.create(startup=w.s5, mentor=w.m3)
    for ms, started in [(ms1, d(2025, 2)), (ms2, d(2024, 6)), (ms3, d(2024, 1)), (ms4, d(2025, 5))]:
        Mentorship.objects.filter(pk=ms.pk).update(started_at=started)
    for ms, day, minutes in [
        (ms1, date(2025, 3, 5), 60),
        (ms1, date(2025, 4, 10), 90),
        (ms2, date(2025, 1, 15), 30),
        (ms3, date(2024, 6, 1), 45),
    ]:
        MentoringSession.objects.create(mentorship=ms, date=day, duration_minutes=minutes)
    for startup, mentor, status in [(w.s1, w.m1, "accepted"), (w.s3, w.m1, "declined"), (w.s3, w.m2, "pending")]:
        r = MentoringRequest.objects.create(
            startup=startup, mentor=mentor, status=status, decided_at=None if status == "pending" else d(2025, 2)
        )
        MentoringRequest.objects.filter(pk=r.pk).update(created_at=d(2025, 1, 20))

    # Pool: s1, s2 listed in 2025, s3 in 2024, s4 unlisted.
    w.fund2 = Organisation.objects.create(kind=OrgKind.INVESTOR, name="吉林天使基金", region=w.jilin)
    for startup, listed, when, wan in [
        (w.s1, True, d(2025, 2), 500),
        (w.s2, True, d(2025, 3), 300),
        (w.s3, True, d(2024, 5), 200),
        (w.s4, False, None, 100),
    ]:
        PoolEntry.objects.create(
            startup=startup, summary="项目", funding_sought=Decimal(wan) * 10000, listed=listed, listed_at=when
        )
    for startup, investor, status, decided in [
        (w.s1, w.fund, "granted", d(2025, 3)),
        (w.s2, w.fund2, "declined", d(2025, 4)),
        (w.s3, w.fund, "pending", None),
    ]:
        a = AccessRequest.objects.create(startup=startup, investor=investor, status=status, decided_at=decided)
        AccessRequest.objects.filter(pk=a.pk).update(created_at=d(2025, 2, 15))
    for what in ["figures", "figures", "deck"]:
        log = AccessLog.objects.create(startup=w.s1, investor=w.fund, user=w.investor, what=what)
        AccessLog.objects.filter(pk=log.pk).update(created_at=d(2025, 3, 20))
    for investor, startup, steps in [
        (
            w.fund,
            w.s1,
            [("interested", date(2025, 3, 10)), ("meeting", date(2025, 4, 1)), ("invested", date(2025, 6, 1))],
        ),
        (w.fund, w.s2, [("interested", date(2025, 5, 1))]),
        (w.fund2, w.s3, [("interested", date(2024, 10, 1)), ("passed", date(2025, 2, 1))]),
    ]:
        entry = PipelineEntry.objects.create(
            investor=investor, startup=startup, stage=steps[-1][0], stage_date=steps[-1][1]
        )
        for stage, day in steps:
            PipelineStep.objects.create(entry=entry, stage=stage, date=day)

    # Finance: needs of s1, s2, s4 in 2025 and s3 in 2024; two banks answer.
    w.bank1 = Organisation.objects.create(kind=OrgKind.BANK, name="吉林银行长春科技支行", region=w.changchun)
    w.bank2 = Organisation.objects.create(kind=OrgKind.BANK, name="中国银行吉林省分行", region=w.jilin)
    needs = {}
    for startup, kind, wan, created in [
        (w.s1, "debt", 100, d(2025, 4)),
        (w.s2, "debt", 200, d(2025, 4)),
        (w.s4, "equity", 50, d(2025, 4)),
        (w.s3, "debt", 80, d(2024, 4)),
    ]:
        need = FinancingNeed.objects.create(startup=startup, kind=kind, amount=Decimal(wan) * 10000, purpose="研发")
        FinancingNeed.objects.filter(pk=need.pk).update(created_at=created)
        needs[startup.pk] = need
    money = lambda n: None if n is None else Decimal(n) * 10000  # noqa: E731
    for need, bank, status, intended, approved, disbursed, disbursed_on, approved_at in [
        (needs[w.s1.pk], w.bank1, "disbursed", 100, 100, 80, date(2025, 5, 10), d(2025, 5)),
        (needs[w.s2.pk], w.bank1, "approved", 200, 150, None, None, d(2025, 6)),
        (needs[w.s1.pk], w.bank2, "intent", 50, None, None, None, None),
        (needs[w.s4.pk], w.bank2, "declined", 50, None, None, None, None),
    ]:
        response = BankResponse.objects.create(
            need=need, bank=bank, status=status, intended_amount=money(intended), approved_amount=money(approved),
            disbursed_amount=money(disbursed), disbursed_on=disbursed_on, approved_at=approved_at,
        )  # fmt: skip
        BankResponse.objects.filter(pk=response.pk).update(created_at=d(2025, 4, 15))

    # Matchmaking: a bank–enterprise day at A in September 2025.
    room = Room.objects.get(carrier=w.a)
    w.e9 = Event.objects.create(
        title="银企对接会", type=EventType.BANK_MATCHMAKING, starts=local(2025, 9, 1), ends=local(2025, 9, 1, 17),
        capacity=100, status=EventStatus.FINISHED, room=room, organisation=w.bureau_jilin,
    )  # fmt: skip
    day = MatchmakingDay.objects.create(event=w.e9)
    p = {
        org.pk: Participant.objects.create(day=day, organisation=org, side=side)
        for org, side in [
            (w.s1, "enterprise"),
            (w.s2, "enterprise"),
            (w.s3, "enterprise"),
            (w.bank1, "partner"),
            (w.fund, "partner"),
        ]
    }

    def meet(enterprise, partner, checked):
        request = MeetingRequest.objects.create(
            day=day, sender=p[enterprise.pk], recipient=p[partner.pk], status="accepted"
        )
        return Meeting.objects.create(
            day=day, request=request, enterprise=p[enterprise.pk], partner=p[partner.pk],
            checked_in_at=w.e9.starts if checked else None,
        )  # fmt: skip

    m1 = meet(w.s1, w.bank1, True)
    m2 = meet(w.s2, w.bank1, True)
    m3 = meet(w.s3, w.fund, False)
    MeetingRequest.objects.create(day=day, sender=p[w.s1.pk], recipient=p[w.fund.pk], status="declined")
    MeetingOutcome.objects.create(
        meeting=m1, side="enterprise", intention="loan", amount=money(100), follow_up_planned=True
    )
    MeetingOutcome.objects.create(meeting=m2, side="partner", intention="loan", amount=money(50))
    MeetingOutcome.objects.create(meeting=m3, side="enterprise", intention="investment")
    FollowUp.objects.create(
        meeting=m1, side="enterprise", months=3, due_on=date(2025, 12, 1), asked_at=d(2025, 12),
        result="signed", amount=money(100), answered_at=d(2025, 12, 2),
    )  # fmt: skip
    return w
