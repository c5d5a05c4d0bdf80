"""Sessions are logged by either side and seen by nobody else; either side ends the mentorship."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from backend.mentoring.models import MentoringRequest, MentoringSession, Mentorship
from backend.notifications.models import Notification

pytestmark = pytest.mark.django_db

URL = "/api/mentoring/mentorships"


@pytest.fixture
def mentorship(world) -> Mentorship:
    request = MentoringRequest.objects.create(
        startup=world.startup,
        mentor=world.mentor,
        requested_by=world.owner,
        message="量产工艺",
        needs=["产品研发"],
        status="accepted",
        decided_at=timezone.now(),
    )
    return Mentorship.objects.create(startup=world.startup, mentor=world.mentor, request=request)


def session_body(**extra):
    body = {
        "date": str(timezone.localdate()),
        "duration_minutes": 90,
        "topics": ["量产工艺", "供应链"],
        "notes": "讨论了光谱仪模组的良率问题",
        "follow_ups": "下周提交工艺改进方案",
    }
    return {**body, **extra}


def test_mentor_logs_a_session_and_the_startup_sees_it(
    world, mentorship, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.mentor_user).post(f"{URL}/{mentorship.pk}/sessions", session_body(), format="json")
    assert response.status_code == 201, response.data
    assert response.data["logged_by_name"] == "周明哲"
    assert Notification.objects.filter(user=world.owner, target_type="mentorship").count() == 1
    seen = client_for(world.owner).get(f"{URL}/{mentorship.pk}/sessions")
    assert seen.status_code == 200
    assert [s["topics"] for s in seen.data] == [["量产工艺", "供应链"]]
    assert seen.data[0]["follow_ups"] == "下周提交工艺改进方案"
    listed = client_for(world.owner).get(URL).data["results"][0]
    assert listed["sessions_count"] == 1 and listed["minutes_total"] == 90
    assert listed["needs"] == ["产品研发"]


def test_the_startup_logs_too(world, mentorship, client_for):
    response = client_for(world.owner).post(
        f"{URL}/{mentorship.pk}/sessions", session_body(duration_minutes=30), format="json"
    )
    assert response.status_code == 201
    assert client_for(world.mentor_user).get(f"{URL}/{mentorship.pk}/sessions").data[0]["duration_minutes"] == 30


@pytest.mark.parametrize(
    "body, field",
    [
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 100000}, "duration_minutes"),
        ({"duration_minutes": "long"}, "duration_minutes"),
        ({"date": "not-a-date"}, "date"),
        ({"date": str(timezone.localdate() + timedelta(days=30))}, "date"),
        ({"topics": ["x" * 33]}, "topics"),
    ],
)
def test_bad_session_input_is_400(world, mentorship, client_for, body, field):
    response = client_for(world.mentor_user).post(
        f"{URL}/{mentorship.pk}/sessions", session_body(**body), format="json"
    )
    assert response.status_code == 400, response.data
    assert any(key.split(".")[0] == field for key in response.data["errors"]), response.data
    assert not MentoringSession.objects.exists()


@pytest.mark.parametrize("who", ["other_owner", "other_mentor_user", "investor", "bank", "organizer", "admin"])
def test_nobody_else_sees_or_writes_the_session_log(world, mentorship, client_for, who):
    MentoringSession.objects.create(mentorship=mentorship, date=timezone.localdate(), duration_minutes=60)
    client = client_for(getattr(world, who))
    read = client.get(f"{URL}/{mentorship.pk}/sessions")
    write = client.post(f"{URL}/{mentorship.pk}/sessions", session_body(), format="json")
    expected = 403 if who == "admin" else 404  # admins may know the mentorship exists, nothing more
    assert read.status_code == expected
    assert write.status_code == expected
    assert MentoringSession.objects.count() == 1


def test_mentor_sees_the_mentee_profile_team_and_contact(world, mentorship, client_for):
    detail = client_for(world.mentor_user).get(f"{URL}/{mentorship.pk}")
    assert detail.status_code == 200
    assert detail.data["viewer_side"] == "mentor"
    assert detail.data["mentee"]["name"] == "长春光迹光电科技有限公司"
    assert detail.data["mentee"]["industry_names"] == ["光电子"]
    assert detail.data["mentee"]["stage"] == "startup"
    assert [m["name"] for m in detail.data["team"]] == [world.owner.name]
    assert detail.data["contact"]["email"] == world.owner.email
    assert detail.data["request_message"] == "量产工艺"
    # The startup sees the same mentorship, but not its own contact card.
    own = client_for(world.owner).get(f"{URL}/{mentorship.pk}").data
    assert own["viewer_side"] == "startup" and own["contact"] is None
    # Admins see that it exists, not the team or the contact.
    admin = client_for(world.admin).get(f"{URL}/{mentorship.pk}").data
    assert admin["mentee"] is None and admin["team"] == [] and admin["contact"] is None


def test_either_side_ends_with_a_note_then_nothing_more_is_logged(
    world, mentorship, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ended = client_for(world.owner).post(f"{URL}/{mentorship.pk}/end", {"note": "已完成首轮融资"}, format="json")
    assert ended.status_code == 200
    assert ended.data["status"] == "ended"
    assert ended.data["end_note"] == "已完成首轮融资"
    assert ended.data["ended_by_name"] == world.owner.name
    assert Notification.objects.filter(user=world.mentor_user, target_type="mentorship").exists()
    again = client_for(world.mentor_user).post(f"{URL}/{mentorship.pk}/end")
    assert again.status_code == 409
    late = client_for(world.mentor_user).post(f"{URL}/{mentorship.pk}/sessions", session_body(), format="json")
    assert late.status_code == 409
    assert late.data["code"] == "mentorship_ended"
    # The history stays readable to both.
    assert client_for(world.mentor_user).get(f"{URL}/{mentorship.pk}/sessions").status_code == 200


def test_lists_filter_by_side_and_status(world, mentorship, client_for):
    Mentorship.objects.create(startup=world.other_startup, mentor=world.mentor, status="ended", ended_at=timezone.now())
    mentor = client_for(world.mentor_user)
    assert mentor.get(URL, {"side": "mentor"}).data["count"] == 2
    assert mentor.get(URL, {"side": "mentor", "status": "active"}).data["count"] == 1
    assert client_for(world.owner).get(URL).data["count"] == 1
    assert client_for(world.investor).get(URL).data["count"] == 0
    assert client_for(world.admin).get(URL).data["count"] == 2


def test_unknown_mentorship_ids_are_404(world, client_for):
    client = client_for(world.mentor_user)
    assert client.get(f"{URL}/424242").status_code == 404
    assert client.post(f"{URL}/424242/end").status_code == 404
    assert client.post(f"{URL}/424242/sessions", session_body(), format="json").status_code == 404


def test_summary_counts_for_home_cards(world, mentorship, client_for):
    MentoringRequest.objects.create(startup=world.other_startup, mentor=world.mentor)
    mine = client_for(world.mentor_user).get("/api/mentoring/summary").data
    assert mine["incoming_pending"] == 1 and mine["mentees_active"] == 1
    startup = client_for(world.owner).get("/api/mentoring/summary").data
    assert startup["mentorships_active"] == 1 and startup["requests_pending"] == 0


def test_stats_are_aggregated_and_for_organizers_only(world, mentorship, client_for):
    MentoringSession.objects.create(mentorship=mentorship, date=timezone.localdate(), duration_minutes=45)
    stats = client_for(world.organizer).get("/api/mentoring/stats")
    assert stats.status_code == 200
    assert stats.data["sessions"] == 1 and stats.data["session_minutes"] == 45
    assert stats.data["mentorships_active"] == 1
    assert client_for(world.mentor_user).get("/api/mentoring/stats").status_code == 403


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_lists_cost_the_same_number_of_queries_for_one_row_or_many(world, mentorship, make_startup, client_for):
    world.mentor.capacity = 10
    world.mentor.save()
    mentor = client_for(world.mentor_user)
    urls = ["/api/mentoring/mentorships", "/api/mentoring/requests", "/api/mentoring/mentors"]
    before = {url: _queries(mentor, url) for url in urls}
    for _ in range(3):
        startup = make_startup(industries=[world.trees.opto])
        request = MentoringRequest.objects.create(
            startup=startup, mentor=world.other_mentor, requested_by=startup.owner
        )
        Mentorship.objects.create(startup=startup, mentor=world.mentor, request=request)
    assert {url: _queries(mentor, url) for url in urls} == before
