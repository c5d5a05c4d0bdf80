"""Who may read and change what: every mentoring endpoint × every role.

Roles: anonymous, the startup's owner, another startup, the mentor, another
mentor, an investor, bank staff, the organizer (of the programme's bureau) and
a platform admin. 401 = log in; 404 = outside your reach (you cannot tell that
it exists); 403 = you see it but may not do this.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from backend.directory.models import Membership
from backend.mentoring.models import (
    MentoringRequest,
    Mentorship,
    Programme,
    ProgrammeMentor,
    ProgrammeStartup,
    Proposal,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "other_startup", "mentor", "other_mentor", "investor", "bank", "organizer", "admin"]
ALL_IN = {role: 200 for role in ROLES if role != "anonymous"}


def expect(default: int, **per_role: int) -> dict[str, int]:
    """Expected status per role: *default* for everyone logged in, 401 for anonymous, overrides by role."""
    return {"anonymous": 401, **{role: default for role in ROLES if role != "anonymous"}, **per_role}


@pytest.fixture
def scene(world, make_startup) -> SimpleNamespace:
    # A second startup of the same owner: it has the open request and the proposal,
    # the first has the active mentorship.
    startup2 = make_startup("长春光迹二号", owner=world.owner)
    request = MentoringRequest.objects.create(startup=startup2, mentor=world.mentor, requested_by=world.owner)
    mentorship = Mentorship.objects.create(startup=world.startup, mentor=world.mentor)
    programme = Programme.objects.create(organisation=world.bureau, name="导师计划", created_by=world.organizer)
    ProgrammeStartup.objects.create(programme=programme, startup=startup2)
    ProgrammeMentor.objects.create(programme=programme, mentor=world.mentor)
    proposal = Proposal.objects.create(programme=programme, startup=startup2, mentor=world.mentor, score=0.5)
    return SimpleNamespace(request=request, mentorship=mentorship, programme=programme, proposal=proposal)


def user_for(world, role: str):
    return {
        "anonymous": None,
        "owner": world.owner,
        "other_startup": world.other_owner,
        "mentor": world.mentor_user,
        "other_mentor": world.other_mentor_user,
        "investor": world.investor,
        "bank": world.bank,
        "organizer": world.organizer,
        "admin": world.admin,
    }[role]


M = "/api/mentoring"
SESSION = {"date": str(date.today() - timedelta(days=1)), "duration_minutes": 60, "topics": ["融资"]}

# (name, method, url(world, scene), body(world, scene), expected statuses)
CASES = [
    ("mentors", "get", lambda w, s: f"{M}/mentors", None, expect(200)),
    ("summary", "get", lambda w, s: f"{M}/summary", None, expect(200)),
    ("stats", "get", lambda w, s: f"{M}/stats", None, expect(403, organizer=200, admin=200)),
    ("request list", "get", lambda w, s: f"{M}/requests", None, expect(200)),
    (
        "request read",
        "get",
        lambda w, s: f"{M}/requests/{s.request.pk}",
        None,
        expect(404, owner=200, mentor=200, admin=200),
    ),
    (
        "request create",
        "post",
        lambda w, s: f"{M}/requests",
        lambda w, s: {"startup": w.startup.pk, "mentor": w.other_mentor.pk, "needs": ["融资"]},
        expect(403, owner=201),
    ),
    (
        "request accept",
        "post",
        lambda w, s: f"{M}/requests/{s.request.pk}/accept",
        None,
        expect(404, owner=403, mentor=200, admin=403),
    ),
    (
        "request decline",
        "post",
        lambda w, s: f"{M}/requests/{s.request.pk}/decline",
        lambda w, s: {"reason": "名额已满"},
        expect(404, owner=403, mentor=200, admin=403),
    ),
    (
        "request withdraw",
        "post",
        lambda w, s: f"{M}/requests/{s.request.pk}/withdraw",
        None,
        expect(404, owner=200, mentor=403, admin=403),
    ),
    ("mentorship list", "get", lambda w, s: f"{M}/mentorships", None, expect(200)),
    (
        "mentorship read",
        "get",
        lambda w, s: f"{M}/mentorships/{s.mentorship.pk}",
        None,
        expect(404, owner=200, mentor=200, admin=200),
    ),
    (
        "session list",
        "get",
        lambda w, s: f"{M}/mentorships/{s.mentorship.pk}/sessions",
        None,
        expect(404, owner=200, mentor=200, admin=403),
    ),
    (
        "session log",
        "post",
        lambda w, s: f"{M}/mentorships/{s.mentorship.pk}/sessions",
        lambda w, s: SESSION,
        expect(404, owner=201, mentor=201, admin=403),
    ),
    (
        "mentorship end",
        "post",
        lambda w, s: f"{M}/mentorships/{s.mentorship.pk}/end",
        lambda w, s: {"note": "结束"},
        expect(404, owner=200, mentor=200, admin=403),
    ),
    ("programme list", "get", lambda w, s: f"{M}/programmes", None, expect(200)),
    (
        "programme create",
        "post",
        lambda w, s: f"{M}/programmes",
        lambda w, s: {"organisation": w.bureau.pk, "name": "第二期导师计划"},
        expect(403, organizer=201, admin=201),
    ),
    (
        "programme read",
        "get",
        lambda w, s: f"{M}/programmes/{s.programme.pk}",
        None,
        expect(404, owner=200, mentor=200, organizer=200, admin=200),
    ),
    (
        "programme update",
        "patch",
        lambda w, s: f"{M}/programmes/{s.programme.pk}",
        lambda w, s: {"description": "新说明"},
        expect(404, owner=403, mentor=403, organizer=200, admin=200),
    ),
    (
        "programme add startup",
        "post",
        lambda w, s: f"{M}/programmes/{s.programme.pk}/startups",
        lambda w, s: {"startup": w.other_startup.pk},
        expect(404, owner=403, mentor=403, organizer=201, admin=201),
    ),
    (
        "programme add mentor",
        "post",
        lambda w, s: f"{M}/programmes/{s.programme.pk}/mentors",
        lambda w, s: {"mentor": w.other_mentor.pk},
        expect(404, owner=403, mentor=403, organizer=201, admin=201),
    ),
    (
        "programme remove startup",
        "delete",
        lambda w, s: f"{M}/programmes/{s.programme.pk}/startups/{s.proposal.startup_id}",
        None,
        expect(404, owner=403, mentor=403, organizer=204, admin=204),
    ),
    (
        "programme propose",
        "post",
        lambda w, s: f"{M}/programmes/{s.programme.pk}/propose",
        None,
        expect(404, owner=403, mentor=403, organizer=200, admin=200),
    ),
    (
        "programme proposals",
        "get",
        lambda w, s: f"{M}/programmes/{s.programme.pk}/proposals",
        None,
        expect(404, owner=200, mentor=200, organizer=200, admin=200),
    ),
    ("my proposals", "get", lambda w, s: f"{M}/proposals", None, expect(200)),
    (
        "proposal confirm",
        "post",
        lambda w, s: f"{M}/proposals/{s.proposal.pk}/confirm",
        None,
        expect(404, owner=403, mentor=200),
    ),
    (
        "proposal decline",
        "post",
        lambda w, s: f"{M}/proposals/{s.proposal.pk}/decline",
        lambda w, s: {"reason": "不合适"},
        expect(404, owner=403, mentor=200),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(world, scene, client_for, role, case):
    _name, method, url, body, expected = case
    client = client_for(user_for(world, role))
    data = body(world, scene) if body else None
    response = getattr(client, method)(url(world, scene), data, format="json")
    assert response.status_code == expected[role], (role, response.status_code, getattr(response, "data", None))


def _visible(client, url: str) -> int:
    data = client.get(url).data
    return data["count"] if isinstance(data, dict) and "count" in data else len(data)


@pytest.mark.parametrize(
    "url, counts",
    [
        ("/api/mentoring/requests", {"owner": 1, "mentor": 1, "admin": 1}),
        ("/api/mentoring/mentorships", {"owner": 1, "mentor": 1, "admin": 1}),
        ("/api/mentoring/programmes", {"owner": 1, "mentor": 1, "organizer": 1, "admin": 1}),
        ("/api/mentoring/proposals", {"owner": 1, "mentor": 1}),
    ],
)
def test_lists_show_each_role_only_its_own_rows(world, scene, client_for, url, counts):
    for role in ROLES[1:]:
        assert _visible(client_for(user_for(world, role)), url) == counts.get(role, 0), role


def test_a_member_who_is_not_the_owner_acts_for_the_startup_too(world, scene, client_for, make_user):
    colleague = make_user("startup", name="同事")
    Membership.objects.create(organisation=world.startup, user=colleague)
    client = client_for(colleague)
    assert client.get(f"{M}/mentorships/{scene.mentorship.pk}/sessions").status_code == 200
    assert client.post(f"{M}/mentorships/{scene.mentorship.pk}/sessions", SESSION, format="json").status_code == 201
