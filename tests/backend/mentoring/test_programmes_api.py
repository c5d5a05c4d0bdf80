"""Programmes: the engine proposes an optimal assignment within capacities; mentors confirm or
decline, and a decline hands the place to the next-best proposal."""

from __future__ import annotations

import itertools

import pytest
from django.utils import timezone

import matching
from backend.directory.models import Organisation
from backend.engine.parties import Inputs
from backend.mentoring.models import Mentorship, Programme, Proposal
from backend.notifications.models import Notification

pytestmark = pytest.mark.django_db

URL = "/api/mentoring/programmes"


@pytest.fixture
def programme(world) -> Programme:
    return Programme.objects.create(organisation=world.bureau, name="2026 光电子导师计划", created_by=world.organizer)


@pytest.fixture
def cohort(world, programme, make_startup, make_mentor, client_for):
    """Four startups (two optoelectronics), three mentors with one place each."""
    t = world.trees
    startups = [
        world.startup,
        make_startup("长春激光雷达科技", industries=[t.opto], description="激光雷达 光电子 器件"),
        world.other_startup,
        make_startup("长春芯片设计", industries=[t.chips], description="集成电路 芯片设计"),
    ]
    mentors = [
        make_mentor("光电导师", capacity=1, industries=[t.opto], bio="光电子 激光 光谱"),
        make_mentor("生物导师", capacity=1, industries=[t.bio], bio="生物医药 临床"),
        make_mentor("芯片导师", capacity=4, industries=[t.chips], bio="集成电路 芯片"),
    ]
    client = client_for(world.organizer)
    for startup in startups:
        assert client.post(f"{URL}/{programme.pk}/startups", {"startup": startup.pk}).status_code == 201
    for mentor in mentors:
        body = {"mentor": mentor.pk, "places": 1 if mentor.capacity > 1 else None}
        assert client.post(f"{URL}/{programme.pk}/mentors", body, format="json").status_code == 201
    return startups, mentors


def _live(programme) -> dict[int, int]:
    return dict(programme.proposals.filter(status__in=["proposed", "confirmed"]).values_list("startup_id", "mentor_id"))


def _brute_force_best(startups, mentors, capacities, forbidden=frozenset(), locked=frozenset()) -> float:
    """The best total score over every assignment, by enumeration (small cohorts only),
    from the same engine inputs the service scores with."""
    inputs = Inputs()
    scores = {
        (int(m.left), int(m.right)): m.score
        for m in matching.score_all(
            "startup_mentor",
            inputs.startups([s.pk for s in startups]),
            inputs.mentors([m.pk for m in mentors]),
            industries=inputs.industries,
            graph=inputs.social_index,
        )
    }
    for pair in locked:  # a confirmed pair counts 0 once the scorer sees it as mentoring (as in the service)
        scores.setdefault(pair, 0.0)
    options = [
        [None] + [m.pk for m in mentors if (s.pk, m.pk) in scores and (s.pk, m.pk) not in forbidden] for s in startups
    ]
    best = -1.0
    for choice in itertools.product(*options):
        pairs = {(s.pk, m) for s, m in zip(startups, choice, strict=True) if m is not None}
        if not locked <= pairs:
            continue
        load = {m.pk: 0 for m in mentors}
        for _s, m in pairs:
            load[m] += 1
        if any(load[m] > capacities[m] for m in load):
            continue
        best = max(best, sum(scores[p] for p in pairs))
    return round(best, 4)


def test_propose_is_optimal_within_capacities(world, programme, cohort, client_for, django_capture_on_commit_callbacks):
    startups, mentors = cohort
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.organizer).post(f"{URL}/{programme.pk}/propose")
    assert response.status_code == 200, response.data
    assert response.data["added"] == 3
    live = _live(programme)
    assert len(live) == 3  # one place per mentor, four startups
    assert sorted(live.values()) == sorted(m.pk for m in mentors)
    total = round(sum(p["score"] for p in response.data["proposals"] if p["status"] == "proposed"), 4)
    assert total == pytest.approx(_brute_force_best(startups, mentors, {m.pk: 1 for m in mentors}), abs=1e-3)
    assert live[startups[2].pk] == mentors[1].pk  # the biotech startup goes to the biotech mentor
    assert live[startups[3].pk] == mentors[2].pk  # the chip designer to the chip mentor
    reasons = next(p for p in response.data["proposals"] if p["startup"]["id"] == startups[2].pk)["reasons"]
    assert reasons and reasons[0]["zh"]
    assert (
        Notification.objects.filter(user__in=[m.user for m in mentors], target_type="mentoring_programme").count() == 3
    )
    programme.refresh_from_db()
    assert programme.status == "matching"


def test_confirm_starts_a_mentorship_and_decline_frees_the_place_for_the_next_best(
    world, programme, cohort, client_for
):
    startups, mentors = cohort
    opto_mentor, bio_mentor, _chip_mentor = mentors
    client_for(world.organizer).post(f"{URL}/{programme.pk}/propose")
    live = _live(programme)
    bio = programme.proposals.get(mentor=bio_mentor, status="proposed")
    confirmed = client_for(bio_mentor.user).post(f"/api/mentoring/proposals/{bio.pk}/confirm")
    assert confirmed.status_code == 200, confirmed.data
    assert confirmed.data["status"] == "confirmed"
    assert Mentorship.objects.filter(startup=bio.startup, mentor=bio_mentor, status="active", proposal=bio).exists()

    first_opto = next(s for s, m in live.items() if m == opto_mentor.pk)
    waiting_opto = ({startups[0].pk, startups[1].pk} - {first_opto}).pop()
    assert waiting_opto not in live
    proposal = programme.proposals.get(mentor=opto_mentor, status="proposed")
    declined = client_for(opto_mentor.user).post(
        f"/api/mentoring/proposals/{proposal.pk}/decline", {"reason": "方向不符"}, format="json"
    )
    assert declined.status_code == 200, declined.data
    assert declined.data["proposal"]["status"] == "declined"
    assert declined.data["added"] >= 1
    after = _live(programme)
    assert after[waiting_opto] == opto_mentor.pk  # the next-best startup takes the freed place
    assert after.get(first_opto) != opto_mentor.pk  # the declined pair is never proposed again
    assert after[bio.startup_id] == bio_mentor.pk  # confirmed pairs stay
    capacities = {m.pk: 1 for m in mentors}
    expected = _brute_force_best(
        startups,
        mentors,
        capacities,
        forbidden={(first_opto, opto_mentor.pk)},
        locked={(bio.startup_id, bio_mentor.pk)},
    )
    got = sum(programme.proposals.filter(status="proposed").values_list("score", flat=True))
    assert round(got, 4) == pytest.approx(expected, abs=1e-3)
    # A second run keeps confirmed and declined as they are.
    client_for(world.organizer).post(f"{URL}/{programme.pk}/propose")
    assert _live(programme) == after
    assert programme.proposals.get(pk=proposal.pk).status == "declined"


def test_proposals_respect_the_mentors_free_capacity(world, programme, cohort, client_for):
    _startups, mentors = cohort
    opto_mentor = mentors[0]
    Mentorship.objects.create(startup=world.other_startup, mentor=opto_mentor)  # the only place is taken
    client_for(world.organizer).post(f"{URL}/{programme.pk}/propose")
    assert opto_mentor.pk not in _live(programme).values()


def test_confirming_when_the_mentor_filled_up_meanwhile_is_409(world, programme, cohort, make_startup, client_for):
    _startups, mentors = cohort
    opto_mentor = mentors[0]
    client_for(world.organizer).post(f"{URL}/{programme.pk}/propose")
    proposal = programme.proposals.get(mentor=opto_mentor, status="proposed")
    Mentorship.objects.create(startup=make_startup(), mentor=opto_mentor)  # a direct request took the place
    response = client_for(opto_mentor.user).post(f"/api/mentoring/proposals/{proposal.pk}/confirm")
    assert response.status_code == 409
    assert response.data["code"] == "mentor_full"
    assert programme.proposals.get(pk=proposal.pk).status == "proposed"


def test_only_the_proposed_mentor_answers_and_only_once(world, programme, cohort, client_for):
    _startups, mentors = cohort
    client_for(world.organizer).post(f"{URL}/{programme.pk}/propose")
    proposal = programme.proposals.get(mentor=mentors[0], status="proposed")
    assert client_for(mentors[1].user).post(f"/api/mentoring/proposals/{proposal.pk}/confirm").status_code == 404
    assert client_for(world.organizer).post(f"/api/mentoring/proposals/{proposal.pk}/confirm").status_code == 404
    owner = Organisation.objects.get(pk=proposal.startup_id).memberships.first().user
    assert client_for(owner).post(f"/api/mentoring/proposals/{proposal.pk}/confirm").status_code == 403
    assert client_for(mentors[0].user).post(f"/api/mentoring/proposals/{proposal.pk}/confirm").status_code == 200
    again = client_for(mentors[0].user).post(f"/api/mentoring/proposals/{proposal.pk}/decline")
    assert again.status_code == 409
    assert again.data["code"] == "proposal_decided"
    assert client_for(mentors[0].user).post("/api/mentoring/proposals/999999/confirm").status_code == 404


def test_programme_detail_shows_members_and_only_aggregated_counts(world, programme, cohort, client_for):
    client_for(world.organizer).post(f"{URL}/{programme.pk}/propose")
    proposal = programme.proposals.filter(status="proposed").first()
    client_for(proposal.mentor.user).post(f"/api/mentoring/proposals/{proposal.pk}/confirm")
    mentorship = Mentorship.objects.get(proposal=proposal)
    mentorship.sessions.create(date=timezone.localdate(), duration_minutes=60, notes="机密内容")
    detail = client_for(world.organizer).get(f"{URL}/{programme.pk}")
    assert detail.status_code == 200
    assert detail.data["may_manage"] is True
    assert len(detail.data["startups"]) == 4 and len(detail.data["mentors"]) == 3
    assert detail.data["counts"] == {
        "mentorships_active": 1,
        "mentorships_ended": 0,
        "sessions": 1,
        "session_minutes": 60,
    }
    assert "机密内容" not in str(detail.data)
    assert detail.data["confirmed_count"] == 1


def test_create_programme_rules_and_bad_input(world, client_for, make_user):
    organizer = client_for(world.organizer)
    created = organizer.post(URL, {"organisation": world.bureau.pk, "name": "新计划", "description": "说明"})
    assert created.status_code == 201, created.data
    assert created.data["may_manage"] is True and created.data["status"] == "draft"
    assert organizer.post(URL, {"organisation": world.bureau.pk, "name": "新计划"}).status_code == 409
    assert organizer.post(URL, {"organisation": 999999, "name": "x"}).status_code == 400
    assert organizer.post(URL, {"organisation": world.startup.pk, "name": "x"}).status_code == 400
    assert organizer.post(URL, {"organisation": world.bureau.pk, "name": ""}).status_code == 400
    # An organizer of another organisation may not create for this one.
    stranger = make_user("organizer")
    assert client_for(stranger).post(URL, {"organisation": world.bureau.pk, "name": "y"}).status_code == 403
    assert client_for(world.mentor_user).post(URL, {"organisation": world.bureau.pk, "name": "z"}).status_code == 403


def test_programme_membership_bad_input(world, programme, client_for):
    client = client_for(world.organizer)
    base = f"{URL}/{programme.pk}"
    assert client.post(f"{base}/startups", {"startup": 999999}).status_code == 400
    assert client.post(f"{base}/startups", {"startup": world.bureau.pk}).status_code == 400
    assert client.post(f"{base}/startups", {"startup": world.startup.pk}).status_code == 201
    assert client.post(f"{base}/startups", {"startup": world.startup.pk}).status_code == 409
    assert client.post(f"{base}/mentors", {"mentor": 999999}).status_code == 400
    assert client.post(f"{base}/mentors", {"mentor": world.mentor.pk, "places": -1}).status_code == 400
    assert client.post(f"{base}/mentors", {"mentor": world.mentor.pk, "places": 2}).status_code == 201
    assert client.post(f"{base}/mentors", {"mentor": world.mentor.pk}).status_code == 409
    assert client.delete(f"{base}/mentors/999999").status_code == 404
    assert client.delete(f"{base}/startups/{world.startup.pk}").status_code == 204
    assert client.get(f"{URL}/999999").status_code == 404


def test_a_confirmed_match_cannot_be_removed_and_closed_programmes_are_frozen(world, programme, cohort, client_for):
    _startups, mentors = cohort
    client = client_for(world.organizer)
    client.post(f"{URL}/{programme.pk}/propose")
    proposal = programme.proposals.get(mentor=mentors[1], status="proposed")
    client_for(mentors[1].user).post(f"/api/mentoring/proposals/{proposal.pk}/confirm")
    assert client.delete(f"{URL}/{programme.pk}/mentors/{mentors[1].pk}").status_code == 409
    # Removing a mentor with only a pending proposal withdraws it.
    pending = programme.proposals.get(mentor=mentors[2], status="proposed")
    assert client.delete(f"{URL}/{programme.pk}/mentors/{mentors[2].pk}").status_code == 204
    assert Proposal.objects.get(pk=pending.pk).status == "withdrawn"
    assert client.patch(f"{URL}/{programme.pk}", {"status": "closed"}).status_code == 200
    assert client.post(f"{URL}/{programme.pk}/propose").status_code == 409
    assert client.patch(f"{URL}/{programme.pk}", {"status": "bogus"}).status_code == 400


def test_the_engine_sees_places_taken_and_who_mentors_whom(world):
    Mentorship.objects.create(startup=world.startup, mentor=world.mentor)
    inputs = Inputs()
    (mentor,) = inputs.mentors([world.mentor.pk])
    assert mentor.capacity == world.mentor.capacity - 1
    assert inputs.graph.has_edge(f"mentor:{world.mentor.pk}", f"startup:{world.startup.pk}")
