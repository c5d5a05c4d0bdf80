"""/api/engine/assignments: organizers of the organisation run, view, edit, re-run and publish."""

from __future__ import annotations

import pytest
from procrastinate.contrib.django import app

from backend.accounts.models import Role
from backend.directory.models import Membership, OrgKind
from backend.engine.models import AssignmentRun
from backend.jobs.models import Job

URL = "/api/engine/assignments"


@pytest.fixture
def body(eco):
    return {
        "kind": "startup_mentor",
        "title": "春季导师配对",
        "organisation": eco.bureau.pk,
        "left_ids": [eco.guangji.pk, eco.biotech.pk, eco.chipco.pk],
        "right_ids": [eco.optics_mentor.pk, eco.bio_mentor.pk],
    }


@pytest.fixture
def other_organizer(make_user, make_organisation):
    user = make_user(Role.ORGANIZER, name="外单位组织者")
    Membership.objects.create(organisation=make_organisation(OrgKind.BUREAU, name="河北省科学技术厅"), user=user)
    return user


def test_organizer_runs_and_sees_the_result(eco, organizer, client_for, body):
    client = client_for(organizer)
    response = client.post(URL, body)
    assert response.status_code == 201, response.data
    run = response.data
    assert run["status"] == "solved" and run["optimal"] is True and run["job"] is None
    assert run["total_score"] == pytest.approx(run["optimum_score"]) and run["total_score"] > 0
    assert run["items_count"] == 3 and run["organisation_name"] == "吉林省科学技术厅"
    assert run["stats"]["lefts"] == 3 and run["stats"]["rights"] == 2
    detail = client.get(f"{URL}/{run['id']}").data
    assert detail["id"] == run["id"]
    items = client.get(f"{URL}/{run['id']}/items").data
    assert items["count"] == 3
    pair = next(x for x in items["results"] if x["left_id"] == eco.guangji.pk)
    assert pair["right_id"] == eco.optics_mentor.pk and pair["right_name"] == "周明哲"
    assert pair["reasons"][0]["zh"] and pair["locked"] is False
    only = client.get(f"{URL}/{run['id']}/items", {"left_id": eco.guangji.pk}).data
    assert [x["left_id"] for x in only["results"]] == [eco.guangji.pk]
    assert client.get(f"{URL}/{run['id']}/items", {"left_id": "x"}).status_code == 400
    listed = client.get(URL).data
    assert [x["id"] for x in listed["results"]] == [run["id"]]
    counterparts = client.get(f"{URL}/{run['id']}/counterparts").data
    assert {c["id"]: c["used"] for c in counterparts}[eco.optics_mentor.pk] >= 1


def test_edit_lock_rerun_publish_through_the_api(eco, organizer, client_for, body, make_mentor, industries):
    body["right_ids"] += [make_mentor(industries=[industries.electronics]).pk, make_mentor().pk]
    body["right_capacity"] = 1  # 4 mentors with a place each for 3 startups: exactly one stays free
    client = client_for(organizer)
    run = client.post(URL, body).data
    free = [c["id"] for c in client.get(f"{URL}/{run['id']}/counterparts").data if c["used"] == 0]
    assert len(free) == 1 and run["unassigned"] == []
    first, second = client.get(f"{URL}/{run['id']}/items").data["results"][:2]
    moved = client.patch(f"{URL}/{run['id']}/items/{first['id']}", {"right_id": free[0]})
    assert moved.status_code == 200, moved.data
    assert moved.data["right_id"] == free[0] and moved.data["locked"] and moved.data["edited"]
    after = client.get(f"{URL}/{run['id']}").data
    assert after["optimal"] is False and after["locked_count"] == 1
    assert after["total_score"] <= after["optimum_score"]

    full = client.patch(f"{URL}/{run['id']}/items/{second['id']}", {"right_id": free[0]})
    assert full.status_code == 409 and full.data["code"] == "capacity"
    assert client.patch(f"{URL}/{run['id']}/items/{first['id']}", {}).status_code == 400
    assert client.patch(f"{URL}/{run['id']}/items/{first['id']}", {"locked": "maybe"}).status_code == 400
    assert client.patch(f"{URL}/{run['id']}/items/999999", {"locked": True}).status_code == 404

    rerun = client.post(f"{URL}/{run['id']}/rerun")
    assert rerun.status_code == 200 and rerun.data["optimal"] is True and rerun.data["locked_count"] == 1
    kept = client.get(f"{URL}/{run['id']}/items", {"left_id": first["left_id"]}).data["results"]
    assert [x["right_id"] for x in kept] == [free[0]]
    published = client.post(f"{URL}/{run['id']}/publish")
    assert published.status_code == 200 and published.data["status"] == "published"
    assert client.post(f"{URL}/{run['id']}/publish").status_code == 409
    assert client.patch(f"{URL}/{run['id']}/items/{first['id']}", {"locked": False}).status_code == 409


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "dating"}, "kind"),
        ({"left_ids": []}, "left_ids"),
        ({"left_ids": ["x"]}, "left_ids.0"),
        ({"left_ids": [987654]}, "left_ids"),
        ({"right_ids": [987654]}, "right_ids"),
        ({"left_demand": 0}, "left_demand"),
        ({"min_score": 1.5}, "min_score"),
        ({"title": ""}, "title"),
        ({"kind": "judge_pitch"}, "event"),
    ],
)
def test_bad_input_is_a_400_with_field_messages(eco, organizer, client_for, body, change, field):
    response = client_for(organizer).post(URL, {**body, **change})
    assert response.status_code == 400, response.data
    assert field in response.data["errors"]


def test_who_may_run_and_see(eco, organizer, other_organizer, client_for, body, admin_user):
    assert client_for(None).post(URL, body).status_code == 401
    for user in (eco.founder, eco.mentor_user, eco.investor_user, eco.bank_user, other_organizer):
        assert client_for(user).post(URL, body).status_code == 403, user
    run = client_for(organizer).post(URL, body).data
    for user in (eco.founder, eco.investor_user, other_organizer):
        client = client_for(user)
        assert client.get(f"{URL}/{run['id']}").status_code == 404
        assert client.get(URL).data["count"] == 0
        assert client.post(f"{URL}/{run['id']}/publish").status_code == 404
    assert client_for(admin_user).get(f"{URL}/{run['id']}").status_code == 200


def test_member_without_organizer_role_may_not_run(eco, make_user, client_for, body):
    member = make_user(Role.STARTUP)
    Membership.objects.create(organisation=eco.bureau, user=member)
    assert client_for(member).post(URL, body).status_code == 403


def test_judge_run_needs_the_event_of_the_organisation(eco, organizer, client_for, make_event, make_organisation):
    other = make_event(organisation=make_organisation(OrgKind.BUREAU, name="别的局"))
    payload = {"kind": "judge_pitch", "title": "评委", "organisation": eco.bureau.pk, "event": other.pk}
    assert client_for(organizer).post(URL, payload).status_code == 403
    payload["event"] = eco.roadshow.pk
    response = client_for(organizer).post(URL, payload)
    assert response.status_code == 201, response.data
    assert response.data["event_title"] == "光电子专场路演"
    assert response.data["left_ids"] == [eco.guangji.pk]


@pytest.fixture
def run_worker(transactional_db):
    def run():
        with app.replace_connector(app.connector.get_worker_connector()):
            app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)

    return run


def test_large_runs_go_through_the_job_queue(eco, organizer, client_for, body, run_worker, settings):
    settings.ENGINE_SYNC_MAX_PARTIES = 3  # 5 parties: a "large" run here
    client = client_for(organizer)
    response = client.post(URL, body)
    assert response.status_code == 202, response.data
    assert response.data["status"] == "queued" and response.data["job"] is not None
    assert client.get(f"{URL}/{response.data['id']}/items").data["count"] == 0
    run_worker()
    job = client.get(f"/api/jobs/{response.data['job']}").data
    assert job["status"] == "succeeded" and job["progress"] == 100
    assert job["result"]["run"] == response.data["id"] and job["result"]["optimal"] is True
    run = client.get(f"{URL}/{response.data['id']}").data
    assert run["status"] == "solved" and run["items_count"] == 3
    # Editing is refused while a re-run is queued.
    rerun = client.post(f"{URL}/{run['id']}/rerun")
    assert rerun.status_code == 202
    item = client.get(f"{URL}/{run['id']}/items").data["results"][0]
    assert client.patch(f"{URL}/{run['id']}/items/{item['id']}", {"locked": True}).status_code == 409
    run_worker()
    assert AssignmentRun.objects.get(pk=run["id"]).status == "solved"
    assert Job.objects.filter(kind="engine.assignment", status="succeeded").count() == 2
