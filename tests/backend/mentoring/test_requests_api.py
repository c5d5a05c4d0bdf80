"""A startup asks a mentor; the mentor accepts or declines; bad input gets 400/409, never 500."""

from __future__ import annotations

import pytest

from backend.mentoring.models import MentoringRequest, Mentorship
from backend.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=False)

URL = "/api/mentoring/requests"


def ask(client, startup, mentor, extra=None):
    body = {"startup": startup.pk, "mentor": mentor.pk, "message": "想请教光谱仪量产", "needs": ["产品研发", "融资"]}
    return client.post(URL, {**body, **(extra or {})}, format="json")


def test_startup_asks_and_mentor_accepts(world, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client_for(world.owner), world.startup, world.mentor)
    assert response.status_code == 201, response.data
    assert response.data["status"] == "pending"
    assert response.data["needs"] == ["产品研发", "融资"]
    assert response.data["mentor"]["name"] == "周明哲"
    request_id = response.data["id"]
    assert Notification.objects.filter(user=world.mentor_user, target_type="mentoring_request").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        accepted = client_for(world.mentor_user).post(f"{URL}/{request_id}/accept")
    assert accepted.status_code == 200, accepted.data
    assert accepted.data["status"] == "accepted"
    mentorship = Mentorship.objects.get(startup=world.startup, mentor=world.mentor)
    assert mentorship.status == "active"
    assert accepted.data["mentorship"] == mentorship.pk
    assert Notification.objects.filter(user=world.owner, target_id=request_id).count() == 1


def test_mentor_declines_with_a_reason(world, client_for, django_capture_on_commit_callbacks):
    request_id = ask(client_for(world.owner), world.startup, world.mentor).data["id"]
    mentor = client_for(world.mentor_user)
    missing = mentor.post(f"{URL}/{request_id}/decline", {"reason": "  "}, format="json")
    assert missing.status_code == 400
    assert "reason" in missing.data["errors"]
    with django_capture_on_commit_callbacks(execute=True):
        declined = mentor.post(f"{URL}/{request_id}/decline", {"reason": "本季度名额已满"}, format="json")
    assert declined.status_code == 200
    assert declined.data["status"] == "declined"
    assert declined.data["decline_reason"] == "本季度名额已满"
    note = Notification.objects.get(user=world.owner, target_id=request_id)
    assert note.body == "本季度名额已满"
    # Answered once: a second answer is a conflict.
    again = mentor.post(f"{URL}/{request_id}/accept")
    assert again.status_code == 409
    assert again.data["code"] == "request_decided"
    assert not Mentorship.objects.exists()
    # After a decline the startup may ask again.
    assert ask(client_for(world.owner), world.startup, world.mentor).status_code == 201


def test_startup_withdraws_its_request(world, client_for):
    request_id = ask(client_for(world.owner), world.startup, world.mentor).data["id"]
    assert client_for(world.mentor_user).post(f"{URL}/{request_id}/withdraw").status_code == 403
    response = client_for(world.owner).post(f"{URL}/{request_id}/withdraw")
    assert response.status_code == 200
    assert response.data["status"] == "withdrawn"
    assert client_for(world.mentor_user).post(f"{URL}/{request_id}/accept").status_code == 409


def test_acceptance_beyond_capacity_is_409_with_a_clear_message(world, make_startup, client_for):
    mentor = client_for(world.mentor_user)
    ids = []
    for _ in range(3):  # capacity 2
        startup = make_startup()
        ids.append(ask(client_for(startup.owner), startup, world.mentor).data["id"])
    assert mentor.post(f"{URL}/{ids[0]}/accept").status_code == 200
    assert mentor.post(f"{URL}/{ids[1]}/accept").status_code == 200
    full = mentor.post(f"{URL}/{ids[2]}/accept")
    assert full.status_code == 409
    assert full.data["code"] == "mentor_full"
    assert full.data["capacity"] == 2 and full.data["active"] == 2
    assert "名额已满" in full.data["message"]
    assert MentoringRequest.objects.get(pk=ids[2]).status == "pending"  # still open: a place may free up
    # Ending a mentorship frees a place.
    first = Mentorship.objects.get(request=ids[0])
    assert mentor.post(f"/api/mentoring/mentorships/{first.pk}/end", {"note": "阶段目标完成"}).status_code == 200
    assert mentor.post(f"{URL}/{ids[2]}/accept").status_code == 200
    assert Mentorship.objects.filter(mentor=world.mentor, status="active").count() == 2


def test_second_open_request_for_the_same_pair_is_409(world, client_for):
    owner = client_for(world.owner)
    assert ask(owner, world.startup, world.mentor).status_code == 201
    second = ask(owner, world.startup, world.mentor)
    assert second.status_code == 409
    assert second.data["code"] == "request_open"
    assert MentoringRequest.objects.count() == 1


def test_asking_a_mentor_who_already_mentors_the_startup_is_409(world, client_for):
    Mentorship.objects.create(startup=world.startup, mentor=world.mentor)
    response = ask(client_for(world.owner), world.startup, world.mentor)
    assert response.status_code == 409
    assert response.data["code"] == "already_mentoring"


def test_a_request_to_oneself_is_400(world, make_mentor, client_for):
    own_profile = make_mentor(user=world.owner)
    response = ask(client_for(world.owner), world.startup, own_profile)
    assert response.status_code == 400
    assert response.data["code"] == "self_request"
    assert "mentor" in response.data["errors"]


def test_a_mentor_who_is_a_member_of_the_startup_cannot_be_asked(world, client_for):
    from backend.directory.models import Membership

    Membership.objects.create(organisation=world.startup, user=world.mentor_user)
    response = ask(client_for(world.owner), world.startup, world.mentor)
    assert response.status_code == 400
    assert response.data["code"] == "self_request"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"startup": 999999}, "startup"),
        ({"mentor": 999999}, "mentor"),
        ({"startup": "abc"}, "startup"),
        ({"needs": ["x" * 40]}, "needs"),
        ({"needs": [f"t{i}" for i in range(11)]}, "needs"),
        ({"message": "长" * 1001}, "message"),
    ],
)
def test_bad_request_input_is_400_with_the_field(world, client_for, body, field):
    response = ask(client_for(world.owner), world.startup, world.mentor, body)
    assert response.status_code == 400, response.data
    assert any(key.split(".")[0] == field for key in response.data["errors"]), response.data


def test_a_non_startup_organisation_or_inactive_mentor_is_400(world, client_for):
    owner = client_for(world.owner)
    assert ask(owner, world.bureau, world.mentor).status_code == 400  # not a startup: unknown for this field
    world.mentor.active = False
    world.mentor.save()
    response = ask(owner, world.startup, world.mentor)
    assert response.status_code == 400
    assert "mentor" in response.data["errors"]


def test_only_members_ask_for_their_startup(world, client_for):
    response = ask(client_for(world.other_owner), world.startup, world.mentor)
    assert response.status_code == 403
    assert not MentoringRequest.objects.exists()


def test_unknown_request_ids_are_404_never_500(world, client_for):
    mentor = client_for(world.mentor_user)
    assert mentor.get(f"{URL}/999999").status_code == 404
    assert mentor.post(f"{URL}/999999/accept").status_code == 404
    assert mentor.post(f"{URL}/999999/decline", {"reason": "x"}).status_code == 404


def test_lists_by_side_and_status(world, client_for):
    ask(client_for(world.owner), world.startup, world.mentor)
    ask(client_for(world.owner), world.startup, world.other_mentor)
    ask(client_for(world.other_owner), world.other_startup, world.mentor)
    mentor = client_for(world.mentor_user)
    incoming = mentor.get(URL, {"side": "mentor", "status": "pending"}).data
    assert incoming["count"] == 2
    assert {r["startup"]["name"] for r in incoming["results"]} == {"长春光迹光电科技有限公司", "吉林生物科技有限公司"}
    assert mentor.get(URL, {"side": "startup"}).data["count"] == 0
    mine = client_for(world.owner).get(URL, {"side": "startup"}).data
    assert mine["count"] == 2
    assert client_for(world.owner).get(URL, {"status": "bogus"}).status_code == 400
