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
