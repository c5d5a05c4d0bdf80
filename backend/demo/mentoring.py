"""Demo mentoring: mentorships with session logs, open and answered requests, a programme.

For the demo logins: the demo mentor (周明哲) mentors the demo startup
(长春光迹光电科技有限公司) and two other Changchun startups (one mentorship
ended), has an open request waiting and one declined; the demo startup also
has a finance mentor and an open request of its own. Around them a dozen
mentorships of generated people give the statistics something to count. The
organizer's bureau runs a programme of Changchun startups and optoelectronics
mentors; its proposals come from the engine at the first load (the demo
mentor's stay open, for the demo to confirm or decline).

Dates are relative to ``ANCHOR`` (reproducible); idempotent like every step.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from backend.demo.context import ANCHOR, TZ, DemoContext, days_before
from backend.demo.logins import LOGIN_BY_ROLE, STARTUP_NAME
from backend.demo.sync import upsert

PROGRAMME = "2026年度光电子产业创业导师辅导计划"
PROGRAMME_ORG = "吉林省科学技术厅"
CHANGCHUN = "吉林省/长春市"

TOPICS = {
    "research": ["产品研发", "技术路线", "量产工艺", "科技项目申报", "知识产权布局", "产学研合作"],
    "finance": ["融资规划", "商业计划书", "股权设计", "估值", "银行贷款", "财务规范"],
    "business": ["市场拓展", "客户开发", "团队建设", "供应链", "定价策略", "渠道合作"],
}
NOTES = [
    "梳理了当前产品线和核心技术指标，明确下一阶段的研发重点。",
    "围绕首批客户的试用反馈讨论了改进方案，建议优先解决稳定性问题。",
    "讲解了科技型中小企业评价和高新技术企业认定的准备要点。",
    "复盘商业计划书，建议补充市场规模测算和竞品对比。",
    "讨论了与省内科研院所联合申报项目的可行性。",
    "分析了小批量试产的良率问题，建议引入工艺评审机制。",
    "介绍了知识产权质押融资和“创客贷”“初创贷”等产品的申请条件。",
    "讨论了团队股权激励方案和核心技术人员的保留。",
]
FOLLOW_UPS = [
    "两周内提交修订后的技术路线图。",
    "准备高新技术企业认定材料清单。",
    "联系孵化器对接两家意向客户。",
    "补充近两年财务数据，下次辅导时讨论融资节奏。",
    "整理专利清单，评估质押融资额度。",
    "",
]
NEEDS = ["产品研发", "科技项目申报", "融资规划", "市场拓展", "知识产权布局", "团队建设"]


def _sessions(rng, started_days: int, count: int, area: str) -> list[dict]:
    """*count* sessions spread over the time since the start (days before the anchor)."""
    step = max(7, started_days // (count + 1))
    out = []
    for index in range(count):
        days = started_days - step * (index + 1)
        out.append(
            {
                "date": (ANCHOR - timedelta(days=max(days, 1))).date(),
                "duration_minutes": rng.choice([45, 60, 90, 120]),
                "topics": rng.sample(TOPICS[area], 2),
                "notes": rng.choice(NOTES),
                "follow_ups": rng.choice(FOLLOW_UPS),
            }
        )
    return out


def _area(mentor: dict) -> str:
    finance = {"融资规划", "股权设计", "商业计划书", "估值谈判", "投后管理", "债权融资", "财务管理", "银企对接"}
    research = {"技术转移", "产品研发", "科技项目申报", "产学研合作", "知识产权", "光电技术"}
    tags = set(mentor["expertise"])
    return "finance" if tags & finance else "research" if tags & research else "business"


def plan(ctx: DemoContext) -> None:
    rng = ctx.rng("mentoring")
    directory, people = ctx.plans["directory"], ctx.plans["people"]
    region_of = {o["name"]: o["region"] for o in directory["organisations"]}
    changchun = sorted(
        s["org"]
        for s in directory["startups"]
        if region_of[s["org"]].startswith(CHANGCHUN) and s["org"] != STARTUP_NAME and not s["graduated"]
    )
    demo_mentor = LOGIN_BY_ROLE["mentor"].email
    mentors = {m["email"]: m for m in people["mentors"]}
    local = sorted(
        e
        for e, m in mentors.items()
        if m["region"] == CHANGCHUN and m["active"] and m["capacity"] >= 2 and e != demo_mentor
    )
    others = rng.sample(changchun, 24)
    finance_mentor = next((e for e in local if _area(mentors[e]) == "finance"), local[0])
    requests: list[dict] = []
    mentorships: list[dict] = []
    active: dict[str, int] = {}

    def mentorship(startup: str, mentor: str, started: int, sessions: int, ended: int | None = None, **request):
        area = _area(mentors[mentor])
        row = {
            "startup": startup,
            "mentor": mentor,
            "started_at": days_before(started, hour=10),
            "ended_at": days_before(ended, hour=17) if ended is not None else None,
            "end_note": "阶段辅导目标已完成，企业进入成长期，后续按需联系。" if ended is not None else "",
            "sessions": _sessions(rng, started, sessions, area),
            "request": None,
        }
        if ended is None:
            active[mentor] = active.get(mentor, 0) + 1
        if request:
            requested = days_before(started + 3, hour=9)
            row["request"] = {
                "startup": startup,
                "mentor": mentor,
                "message": request["message"],
                "needs": request["needs"],
                "status": "accepted",
                "decline_reason": "",
                "created_at": requested,
                "decided_at": row["started_at"],
            }
            requests.append(row["request"])
        if ended is not None:
            row["sessions"] = [s for s in row["sessions"] if s["date"] <= row["ended_at"].date()]
        mentorships.append(row)

    # The demo logins' own story.
    mentorship(
        STARTUP_NAME,
        demo_mentor,
        150,
        4,
        message="我们在做微型光谱仪和激光测距模组，想请周老师在量产工艺和项目申报上给些指导。",
        needs=["产品研发", "量产工艺", "科技项目申报"],
    )
    mentorship(STARTUP_NAME, finance_mentor, 90, 2, message="计划明年启动天使轮，想请教融资规划。", needs=["融资规划"])
    mentorship(others[0], demo_mentor, 120, 3, message="希望在产品研发和技术转移上得到辅导。", needs=["产品研发"])
    mentorship(others[1], demo_mentor, 300, 4, ended=40, message="申请科技项目申报方面的辅导。", needs=["科技项目申报"])
    pending = [
        {
            "startup": others[2],
            "mentor": demo_mentor,
            "message": "我们的光学镜头模组准备小批量试产，想请您帮忙把关工艺和供应链。",
            "needs": ["量产工艺", "供应链"],
            "status": "pending",
            "decline_reason": "",
            "created_at": days_before(2, hour=15),
            "decided_at": None,
        },
        {
            "startup": STARTUP_NAME,
            "mentor": local[1] if local[1] != finance_mentor else local[2],
            "message": "想请教市场拓展和渠道合作方面的经验。",
            "needs": ["市场拓展", "渠道合作"],
            "status": "pending",
            "decline_reason": "",
            "created_at": days_before(4, hour=11),
            "decided_at": None,
        },
        {
            "startup": others[3],
            "mentor": demo_mentor,
            "message": "希望得到生物检测仪器方面的指导。",
            "needs": ["产品研发"],
            "status": "declined",
            "decline_reason": "研究方向与贵企业的生物检测领域不太相符，建议联系生物技术方向的导师。",
            "created_at": days_before(30, hour=9),
            "decided_at": days_before(28, hour=18),
        },
    ]
    requests.extend(pending)

    # Generated mentorships around them, within every mentor's capacity.
    for startup in others[4:16]:
        mentor = rng.choice(local)
        if active.get(mentor, 0) >= mentors[mentor]["capacity"] - 1:
            continue
        started = rng.randint(30, 360)
        ended = rng.randint(5, started - 20) if started > 200 and rng.random() < 0.4 else None
        mentorship(startup, mentor, started, rng.randint(1, 4), ended=ended, message="", needs=rng.sample(NEEDS, 2))

    opto = sorted(e for e in local if set(mentors[e]["industries"]) & {"光电子", "光电材料"} and active.get(e, 0) == 0)
    ctx.plans["mentoring"] = {
        "requests": requests,
        "mentorships": mentorships,
        "programme": {
            "organisation": PROGRAMME_ORG,
            "name": PROGRAMME,
            "description": "面向长春市在孵光电子企业，由省科技厅组织创业导师一对一辅导，"
            "按企业需求与导师专长由系统推荐匹配，导师确认后开展为期一年的辅导。",
            "created_by": LOGIN_BY_ROLE["organizer"].email,
            "created_at": days_before(20, hour=10),
            "startups": others[16:24],
            "mentors": [(demo_mentor, 2)] + [(e, 2) for e in opto[:3]],
        },
    }


def write(ctx: DemoContext) -> None:
    from backend.directory.models import Membership, MentorProfile
    from backend.mentoring.models import (
        MentoringRequest,
        MentoringSession,
        Mentorship,
        Programme,
        ProgrammeMentor,
        ProgrammeStartup,
    )

    p: dict[str, Any] = ctx.plans["mentoring"]
    org, user, stats = ctx.organisations, ctx.users, ctx.stats
    profile = dict(MentorProfile.objects.filter(user__in=[u.pk for u in user.values()]).values_list("user_id", "pk"))

    def mentor_id(email: str) -> int:
        return profile[user[email].pk]

    # Who asked: the startup's owner (real companies of the seeds have no staff here).
    founder: dict[int, int] = {}
    memberships = Membership.objects.filter(organisation__in=[org[r["startup"]].pk for r in p["requests"]])
    for org_id, user_id in memberships.order_by("-role", "pk").values_list("organisation_id", "user_id"):
        founder.setdefault(org_id, user_id)

    requests = upsert(
        MentoringRequest,
        [
            {
                "startup_id": org[r["startup"]].pk,
                "mentor_id": mentor_id(r["mentor"]),
                "requested_by_id": founder.get(org[r["startup"]].pk),
                **{k: r[k] for k in ("message", "needs", "status", "decline_reason", "created_at", "decided_at")},
            }
            for r in p["requests"]
        ],
        key=("startup_id", "mentor_id", "created_at"),
        stats=stats,
    )

    def request_id(m: dict) -> int | None:
        r = m["request"]
        return requests[(org[r["startup"]].pk, mentor_id(r["mentor"]), r["created_at"])].pk if r else None

    def pair(m: dict) -> tuple:
        return (org[m["startup"]].pk, mentor_id(m["mentor"]), m["started_at"])

    mentorships = upsert(
        Mentorship,
        [
            {
                "startup_id": org[m["startup"]].pk,
                "mentor_id": mentor_id(m["mentor"]),
                "started_at": m["started_at"],
                "status": "ended" if m["ended_at"] else "active",
                "ended_at": m["ended_at"],
                "ended_by_id": user[m["mentor"]].pk if m["ended_at"] else None,
                "end_note": m["end_note"],
                "request_id": request_id(m),
            }
            for m in p["mentorships"]
        ],
        key=("startup_id", "mentor_id", "started_at"),
        stats=stats,
    )
    upsert(
        MentoringSession,
        [
            {
                "mentorship_id": mentorships[pair(m)].pk,
                "logged_by_id": user[m["mentor"]].pk,
                "created_at": datetime.combine(s["date"], time(20), tzinfo=TZ),
                **s,
            }
            for m in p["mentorships"]
            for s in m["sessions"]
        ],
        key=("mentorship_id", "date"),
        stats=stats,
    )

    g = p["programme"]
    (programme,) = upsert(
        Programme,
        [
            {
                "organisation_id": org[g["organisation"]].pk,
                "name": g["name"],
                "description": g["description"],
                "created_by_id": user[g["created_by"]].pk,
                "created_at": g["created_at"],
            }
        ],
        key=("organisation_id", "name"),
        stats=stats,
    ).values()
    upsert(
        ProgrammeStartup,
        [{"programme_id": programme.pk, "startup_id": org[n].pk, "added_at": g["created_at"]} for n in g["startups"]],
        key=("programme_id", "startup_id"),
        stats=stats,
    )
    upsert(
        ProgrammeMentor,
        [
            {"programme_id": programme.pk, "mentor_id": mentor_id(email), "places": places, "added_at": g["created_at"]}
            for email, places in g["mentors"]
        ],
        key=("programme_id", "mentor_id"),
        stats=stats,
    )
    if not programme.proposals.exists():
        _first_proposals(ctx, programme, demo_mentor=mentor_id(LOGIN_BY_ROLE["mentor"].email))


def _first_proposals(ctx: DemoContext, programme, *, demo_mentor: int) -> None:
    """Run the engine once (the first load); one other mentor confirms a proposal."""
    from backend.directory.models import MentorProfile
    from backend.mentoring import services

    change = services._solve(programme)
    ctx.stats["Proposal created"] += len(change["added"])
    other = next((p for p in change["added"] if p.mentor_id != demo_mentor), None)
    if other is not None:
        mentor_user = MentorProfile.objects.select_related("user").get(pk=other.mentor_id).user
        services.proposal_confirm(user=mentor_user, proposal_id=other.pk)
        ctx.stats["Proposal confirmed"] += 1
