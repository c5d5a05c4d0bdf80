"""Who may read and change what on a matchmaking day: every endpoint × every role.

The world (fresh for each case, since many cases write): a published bank–enterprise
day happening today; enterprises A (the "participant enterprise"), B ("other
enterprise", also taking part) and C; banks 1 (the "bank participant"), 2 and 3;
an investor that does not take part; the event's organizer, another
organizer, an admin. Meeting M (A with bank 1) is scheduled, published and
checked in; request R (C → bank 1) and request R2 (A → bank 2) wait for answers;
follow-up F is A's three-month question, already due.

A 400/409 for a role marks "allowed, but this input is refused": the role got
past the permission check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role
from backend.directory.models import Membership, OrgKind
from events.matchmaking.models import FollowUp, Meeting
from events.matchmaking.services import dayof, schedule, setup
from events.models import Event, EventStatus, EventType

ROLES = ["anon", "enterprise", "other_enterprise", "bank", "investor", "organizer", "other_organizer", "admin"]


@dataclass
class World:
    event: Event
    users: dict
    ids: dict


@pytest.fixture
def world(make_event, organizer, other_organizer, admin_user, make_member) -> World:
    now = timezone.now().replace(second=0, microsecond=0)
    event = make_event(
        title="银企对接会",
        type=EventType.BANK_MATCHMAKING,
        starts=now - timedelta(minutes=5),
        ends=now + timedelta(hours=8),
    )
    a = make_member(OrgKind.STARTUP, "企业A", Role.STARTUP)
    b = make_member(OrgKind.STARTUP, "企业B", Role.STARTUP)
    c = make_member(OrgKind.STARTUP, "企业C", Role.STARTUP)
    banks = [make_member(OrgKind.BANK, f"银行{i}", Role.BANK) for i in (1, 2, 3)]
    investor = make_member(OrgKind.INVESTOR, "不参加的创投", Role.INVESTOR)
    newcomer = make_member(OrgKind.STARTUP, "新来的企业", Role.STARTUP)
    parts = {}
    for key, member in [("a", a), ("b", b), ("c", c), ("bank1", banks[0]), ("bank2", banks[1]), ("bank3", banks[2])]:
        parts[key] = setup.participant_join(actor=member.user, event=event, organisation=member.org)
    setup.slots_generate(actor=organizer, event=event, first_starts=now + timedelta(minutes=10), minutes=20, count=4)
    setup.tables_set(actor=organizer, event=event, count=2)
    from events.matchmaking.services import requests as rq

    m_request = rq.request_send(actor=a.user, sender=parts["a"], recipient=parts["bank1"])
    rq.request_accept(actor=banks[0].user, request=m_request)
    other = rq.request_send(actor=b.user, sender=parts["b"], recipient=parts["bank2"])
    rq.request_accept(actor=banks[1].user, request=other)
    schedule.schedule_compute(event_id=event.pk, time_limit=1)
    schedule.schedule_publish(actor=organizer, event=event)
    meeting = Meeting.objects.get(request=m_request)
    dayof.meeting_checkin(actor=organizer, meeting=meeting)
    r = rq.request_send(actor=c.user, sender=parts["c"], recipient=parts["bank1"])
    r2 = rq.request_send(actor=a.user, sender=parts["a"], recipient=parts["bank2"])
    follow_up = FollowUp.objects.get(meeting=meeting, side="enterprise", months=3)
    FollowUp.objects.filter(pk=follow_up.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    users = {
        "anon": None,
        "enterprise": a.user,
        "other_enterprise": b.user,
        "bank": banks[0].user,
        "investor": investor.user,
        "organizer": organizer,
        "other_organizer": other_organizer,
        "admin": admin_user,
    }
    ids = {
        "e": event.pk,
        "a": parts["a"].pk,
        "bank3": parts["bank3"].pk,
        "M": meeting.pk,
        "R": r.pk,
        "R2": r2.pk,
        "F": follow_up.pk,
        "newcomer_org": newcomer.org.pk,
    }
    return World(event, users, ids)


def expect(default: int, **overrides: int) -> dict[str, int]:
    """*default* for every logged-in role, 401 for anonymous, *overrides* by role."""
    out = {role: default for role in ROLES}
    out["anon"] = 401
    out.update(overrides)
    return out


MANAGERS_ONLY = expect(403, organizer=200, admin=200)
SEERS = expect(200, investor=403, other_organizer=403)  # participants and managers
B = "/api/events/{e}/matchmaking"

CASES = [
    ("get", B, None, expect(200, anon=200)),
    ("patch", B, {"request_cap": 5}, MANAGERS_ONLY),
    ("get", B + "/slots", None, SEERS),
    (
        "put",
        B + "/slots",
        {"first_starts": "FIRST", "minutes": 20, "count": 6},
        MANAGERS_ONLY,
    ),
    ("get", B + "/tables", None, SEERS),
    ("put", B + "/tables", {"count": 3}, MANAGERS_ONLY),
    ("get", B + "/participants", None, SEERS),
    ("post", B + "/participants", {"organisation": "{newcomer_org}"}, expect(403, organizer=201, admin=201)),
    ("get", B + "/participants/{a}", None, SEERS),
    (
        "patch",
        B + "/participants/{a}",
        {"offer": "光电子器件"},
        expect(403, enterprise=200, organizer=200, admin=200),
    ),
    ("put", B + "/participants/{a}/unavailable", {"slots": []}, MANAGERS_ONLY),
    ("get", B + "/participants/{a}/recommendations", None, expect(403, enterprise=200, organizer=200, admin=200)),
    ("get", B + "/requests", None, SEERS),
    (
        "post",
        B + "/requests",
        {"recipient": "{bank3}", "preference": "must"},
        expect(403, enterprise=201, other_enterprise=201, bank=400),
    ),
    ("post", B + "/requests/{R}/accept", None, expect(403, enterprise=404, other_enterprise=404, bank=200)),
    (
        "post",
        B + "/requests/{R}/decline",
        {"reason": "额度已满"},
        expect(403, enterprise=404, other_enterprise=404, bank=200),
    ),
    ("post", B + "/requests/{R2}/withdraw", None, expect(403, enterprise=200, other_enterprise=404, bank=404)),
    ("get", B + "/schedule", None, MANAGERS_ONLY),
    ("post", B + "/schedule/run", {"time_limit": 1}, expect(403, organizer=202, admin=202)),
    ("post", B + "/schedule/publish", None, MANAGERS_ONLY),
    ("post", B + "/schedule/repair", None, MANAGERS_ONLY),
    ("get", B + "/meetings", None, SEERS),
    ("get", B + "/meetings/{M}", None, expect(200, other_enterprise=404, investor=403, other_organizer=403)),
    ("post", B + "/meetings/{M}/lock", {}, MANAGERS_ONLY),
    ("post", B + "/meetings/{M}/unlock", None, MANAGERS_ONLY),
    ("post", B + "/meetings/{M}/checkin", {}, MANAGERS_ONLY),
    (
        "post",
        B + "/meetings/{M}/cancel",
        {"reason": "临时有事"},
        expect(200, other_enterprise=404, investor=403, other_organizer=403),
    ),
    (
        "put",
        B + "/meetings/{M}/outcome",
        {"intention": "loan", "amount": "1000000", "follow_up_planned": True},
        expect(403, enterprise=200, bank=200, other_enterprise=404),
    ),
    ("get", B + "/agenda?participant={a}", None, expect(403, enterprise=200, organizer=200, admin=200)),
    ("get", B + "/agenda/ics?participant={a}", None, expect(403, enterprise=200, organizer=200, admin=200)),
    ("get", B + "/outcomes", None, MANAGERS_ONLY),
    ("get", B + "/follow-ups", None, SEERS),
    (
        "patch",
        B + "/follow-ups/{F}",
        {"result": "signed", "amount": "1000000"},
        expect(403, enterprise=200, other_enterprise=404, bank=404),
    ),
    ("get", "/api/matchmaking/days", None, expect(200)),
]


def _fill(value, world: World):
    if isinstance(value, str):
        if value == "FIRST":
            return (world.event.starts + timedelta(minutes=15)).isoformat()
        if value.startswith("{") and value.endswith("}") and value[1:-1] in world.ids:
            return world.ids[value[1:-1]]
        return value.format(**world.ids)
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("method", "path", "body", "expected"), CASES, ids=[f"{c[0]} {c[1]}" for c in CASES])
def test_permission_matrix(world, client_for, method, path, body, expected):
    """One world per endpoint; each role's request runs in a savepoint that is rolled back."""
    url = _fill(path, world)
    seen = {}
    for role in ROLES:
        client = client_for(world.users[role])
        call = getattr(client, method)
        with transaction.atomic():
            response = call(url, _fill(body, world), format="json") if body is not None else call(url)
            transaction.set_rollback(True)
        seen[role] = response.status_code
        assert response.status_code != 500, (role, response.content[:500])
    assert seen == expected, f"{method} {url}"


def test_participants_see_their_own_requests_only(world, client_for):
    ids = world.ids
    listed = client_for(world.users["enterprise"]).get(f"/api/events/{ids['e']}/matchmaking/requests").data
    own = {row["id"] for row in listed["results"]}
    assert ids["R2"] in own and ids["R"] not in own
    everything = client_for(world.users["organizer"]).get(f"/api/events/{ids['e']}/matchmaking/requests").data
    assert {ids["R"], ids["R2"]} <= {row["id"] for row in everything["results"]}


def test_each_side_sees_only_its_own_outcome(world, client_for):
    ids = world.ids
    meeting = Meeting.objects.get(pk=ids["M"])
    dayof.outcome_record(
        actor=world.users["bank"],
        meeting=meeting,
        side="partner",
        intention="loan",
        amount=Decimal("500000"),
        note="内部评估：风险可控",
    )
    dayof.outcome_record(actor=world.users["enterprise"], meeting=meeting, side="enterprise", intention="none")
    url = f"/api/events/{ids['e']}/matchmaking/meetings/{ids['M']}"
    seen = client_for(world.users["enterprise"]).get(url).data["outcomes"]
    assert [o["side"] for o in seen] == ["enterprise"]
    assert {o["side"] for o in client_for(world.users["organizer"]).get(url).data["outcomes"]} == {
        "enterprise",
        "partner",
    }


def test_a_draft_day_is_hidden_from_all_but_its_organizers(make_event, client_for, organizer, make_member):
    draft = make_event(type=EventType.BANK_MATCHMAKING, status=EventStatus.DRAFT)
    url = f"/api/events/{draft.pk}/matchmaking"
    member = make_member(OrgKind.STARTUP, "草稿期企业", Role.STARTUP)
    assert client_for(member.user).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 404
    assert client_for(organizer).get(url).status_code == 200
    joined = client_for(member.user).post(f"{url}/participants", {"organisation": member.org.pk}, format="json")
    assert joined.status_code == 404


def test_an_event_that_is_no_matchmaking_day_has_no_matchmaking(make_event, client_for, organizer):
    salon = make_event(type=EventType.SALON)
    assert client_for(organizer).get(f"/api/events/{salon.pk}/matchmaking").status_code == 404


def test_a_member_joins_for_its_own_organisation_only(world, client_for, make_member):
    url = f"/api/events/{world.ids['e']}/matchmaking/participants"
    member = make_member(OrgKind.STARTUP, "自己报名的企业", Role.STARTUP)
    foreign = client_for(member.user).post(url, {"organisation": world.ids["newcomer_org"]}, format="json")
    assert foreign.status_code == 403
    own = client_for(member.user).post(url, {"organisation": member.org.pk, "seek": "贷款"}, format="json")
    assert own.status_code == 201
    assert own.data["side"] == "enterprise"
    assert Membership.objects.filter(user=member.user).count() == 1
