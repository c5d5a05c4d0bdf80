"""Demo people: the demo logins, founders and staff of the organisations, 60 mentors.

Only the demo logins (``logins.DEMO_LOGINS``) can log in; generated people
get an unusable password. Real companies of the seeds get no invented staff.
"""

from __future__ import annotations

import string
from typing import Any

from backend.demo import names
from backend.demo.context import DemoContext, days_before
from backend.demo.directory import REAL_STARTUPS
from backend.demo.logins import DEMO_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD, DEMO_PASSWORD_SALT, NO_LOGIN_PASSWORD
from backend.demo.sync import sync_m2m, upsert

MENTORS = 60
TOKEN_ALPHABET = string.ascii_letters + string.digits + "-_"

# Where mentors work: (city region key, scope of the appointment, province, count, industries).
# 59 generated + the demo login = 60.
MENTOR_REGIONS = [
    ("吉林省/长春市", "吉林省", 20, ["光电子", "光电材料", "生物技术", "现代中药", "汽车及零部件", "卫星", "人工智能"]),
    ("吉林省/吉林市", "吉林省", 3, ["化工", "高分子材料", "先进金属材料"]),
    ("河北省/邢台市", "邢台市", 16, ["装备制造", "羊绒", "自行车", "玻璃建材", "电线电缆", "食品加工", "电子商务"]),
    ("安徽省/淮北市", "淮北市", 10, ["电子商务", "电子信息", "机械装备制造", "生物医药", "新材料"]),
    ("河北省/石家庄市", "石家庄市", 10, ["生物医药", "电子信息", "高端装备制造", "新材料", "化工"]),
]
MENTOR_KINDS = ("research", "research", "investor", "entrepreneur", "entrepreneur", "banker", "professional")


def _token(rng) -> str:
    return "".join(rng.choice(TOKEN_ALPHABET) for _ in range(43))


def _user(rng, email: str, name: str, roles: list[str], *, can_login: bool = False, days: int = 700, **extra) -> dict:
    return {
        "email": email,
        "name": name,
        "roles": sorted(roles),
        "can_login": can_login,
        "is_staff": extra.get("is_staff", False),
        "is_superuser": extra.get("is_superuser", False),
        "date_joined": days_before(days, hour=rng.randint(8, 20), minute=rng.randint(0, 59)),
        "calendar_token": _token(rng),
    }


def plan(ctx: DemoContext) -> None:
    rng = ctx.rng("people")
    directory = ctx.plans["directory"]
    orgs_by_kind: dict[str, list[dict]] = {}
    for org in directory["organisations"]:
        orgs_by_kind.setdefault(org["kind"], []).append(org)
    real_startups = {name for name, *_rest in REAL_STARTUPS}

    taken_names = {login.name for login in DEMO_LOGINS}
    users: list[dict] = []
    memberships: list[dict] = []
    demo_org = {login.organisation: login for login in DEMO_LOGINS if login.role not in ("mentor", "admin")}

    for login in DEMO_LOGINS:
        roles = [login.role]
        admin = login.role == "admin"
        users.append(
            _user(rng, login.email, login.name, roles, can_login=True, days=800, is_staff=admin, is_superuser=admin)
        )
        if login.organisation in demo_org and demo_org[login.organisation] is login:
            memberships.append({"org": login.organisation, "email": login.email, "role": "owner", "days": 400})

    # One owner per organisation that people work for, unless a demo login already owns it.
    staff_roles = {"startup": "startup", "investor": "investor", "bank": "bank", "bureau": "organizer"}
    staff_roles["carrier_operator"] = "organizer"
    counters: dict[str, int] = {}
    for kind in ("bureau", "carrier_operator", "bank", "investor", "startup"):
        for org in orgs_by_kind.get(kind, []):
            if org["name"] in demo_org or org["name"] in real_startups:
                continue
            role = staff_roles[kind]
            counters[role] = counters.get(role, 0) + 1
            prefix = "founder" if role == "startup" else role
            email = f"{prefix}-{counters[role]:03d}@{DEMO_DOMAIN}"
            users.append(_user(rng, email, names.person_name(rng, taken_names), [role], days=rng.randint(60, 900)))
            memberships.append({"org": org["name"], "email": email, "role": "owner", "days": rng.randint(30, 600)})

    mentors = _mentors(rng, ctx, taken_names, users)
    ctx.plans["people"] = {"users": users, "memberships": memberships, "mentors": mentors}


def _mentors(rng, ctx: DemoContext, taken_names: set[str], users: list[dict]) -> list[dict]:
    directory = ctx.plans["directory"]
    region_of = {o["name"]: o["region"] for o in directory["organisations"]}
    kind_of = {o["name"]: o["kind"] for o in directory["organisations"]}
    real = {name for name, *_rest in REAL_STARTUPS}
    grown = [s["org"] for s in directory["startups"] if s["stage"] in ("growth", "mature") and s["org"] not in real]
    industries_of = {o["name"]: o["industries"] for o in directory["organisations"]}

    mentor_login = next(login for login in DEMO_LOGINS if login.role == "mentor")
    mentors = [
        {
            "email": mentor_login.email,
            "title": mentor_login.title,
            "affiliation": mentor_login.organisation,
            "bio": f"{mentor_login.name}，{mentor_login.organisation}{mentor_login.title}，"
            "从事光电子技术研发与成果转化20年，2022年受聘为吉林省科技创业导师，擅长光电技术、技术转移和科技项目申报，累计辅导光电子企业15家。",
            "expertise": ["光电技术", "技术转移", "产品研发", "科技项目申报"],
            "industries": ["光电子", "光电材料"],
            "region": "吉林省/长春市",
            "capacity": 5,
            "appointed_year": 2022,
            "active": True,
        }
    ]
    number = 0
    for region, scope, count, industries in MENTOR_REGIONS:
        province = region.split("/")[0]
        local = [name for name, r in region_of.items() if r.startswith(province)]
        for index in range(count):
            number += 1
            kind = MENTOR_KINDS[(number + index) % len(MENTOR_KINDS)]
            name = names.person_name(rng, taken_names)
            title = rng.choice(names.MENTOR_TITLES[kind])
            mentor_industries = rng.sample(industries, rng.randint(1, 3))
            if kind == "research":
                affiliation = rng.choice(names.RESEARCH_AFFILIATIONS[region])
            elif kind == "investor":
                affiliation = rng.choice(sorted(n for n in local if kind_of[n] == "investor") or ["天使投资人"])
            elif kind == "banker":
                affiliation = rng.choice(sorted(n for n in local if kind_of[n] == "bank"))
            elif kind == "entrepreneur":
                affiliation = rng.choice([n for n in grown if region_of[n].startswith(province)])
                mentor_industries = list(industries_of[affiliation])
            else:
                affiliation = rng.choice(names.PROFESSIONAL_FIRMS[province])
            expertise = rng.sample(names.MENTOR_EXPERTISE[kind], rng.randint(2, 3))
            if province == "吉林省":
                appointed = 2022 if rng.random() < 0.6 else rng.randint(2019, 2024)
            else:
                appointed = rng.randint(2018, 2025)
            scope_text = "2022年度吉林省" if appointed == 2022 and province == "吉林省" else f"{appointed}年{scope}"
            email = f"mentor-{number:03d}@{DEMO_DOMAIN}"
            users.append(_user(rng, email, name, ["mentor"], days=rng.randint(100, 1200)))
            mentors.append(
                {
                    "email": email,
                    "title": title,
                    "affiliation": affiliation,
                    "bio": f"{name}，{affiliation}{title}，相关领域从业{rng.randint(8, 30)}年，"
                    f"{scope_text}科技创业导师，擅长{'、'.join(expertise)}，累计辅导企业{rng.randint(3, 40)}家。",
                    "expertise": expertise,
                    "industries": mentor_industries,
                    "region": region,
                    "capacity": rng.randint(2, 8),
                    "appointed_year": appointed,
                    "active": rng.random() > 0.05,
                }
            )
    return mentors


def write(ctx: DemoContext) -> None:
    from django.contrib.auth.hashers import make_password

    from backend.accounts.models import User
    from backend.directory.models import Membership, MentorProfile

    p: dict[str, Any] = ctx.plans["people"]
    demo_hash = make_password(DEMO_PASSWORD, salt=DEMO_PASSWORD_SALT)
    users = upsert(
        User,
        [
            {
                **{k: v for k, v in u.items() if k != "can_login"},
                "password": demo_hash if u["can_login"] else NO_LOGIN_PASSWORD,
                "is_active": True,
            }
            for u in p["users"]
        ],
        key=("email",),
        # A rotated calendar token stays rotated.
        create_only=("calendar_token",),
        stats=ctx.stats,
    )
    user = {email: obj for (email,), obj in users.items()}
    ctx.users.update(user)
    org = ctx.organisations
    upsert(
        Membership,
        [
            {
                "organisation_id": org[m["org"]].pk,
                "user_id": user[m["email"]].pk,
                "role": m["role"],
                "created_at": days_before(m["days"]),
            }
            for m in p["memberships"]
        ],
        key=("organisation_id", "user_id"),
        stats=ctx.stats,
    )
    mentors = upsert(
        MentorProfile,
        [
            {
                **{k: v for k, v in m.items() if k not in ("email", "industries", "region")},
                "user": user[m["email"]],
                "region_id": ctx.regions[m["region"]],
            }
            for m in p["mentors"]
        ],
        key=("user_id",),
        stats=ctx.stats,
    )
    sync_m2m(
        MentorProfile,
        "industries",
        {mentors[(user[m["email"]].pk,)].pk: [ctx.industries[n] for n in m["industries"]] for m in p["mentors"]},
        stats=ctx.stats,
    )
