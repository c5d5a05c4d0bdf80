"""Pitch slots, bookings, rubric and scores, ranking, competition rounds, awards, investor interest."""

from datetime import timedelta
from decimal import Decimal

import pytest

from backend.accounts.models import Role
from backend.notifications.models import Notification
from events.models import (
    Award,
    Booking,
    Criterion,
    Event,
    EventType,
    InvestorInterest,
    Judge,
    PitchSlot,
    RoundEntry,
    ScoreSheet,
)
from tests.events.conftest import at

pytestmark = pytest.mark.django_db


# --- slots ---------------------------------------------------------------------


def test_generate_ten_12_minute_slots(client_for, organizer, make_event):
    event = make_event(type=EventType.ROADSHOW, starts=at(7, 14), ends=at(7, 17))
    data = {"start": at(7, 14).isoformat(), "count": 10, "minutes": 12}
    response = client_for(organizer).post(f"/api/events/{event.pk}/slots/generate", data, format="json")
    assert response.status_code == 201, response.data
    assert len(response.data) == 10
    slots = list(PitchSlot.objects.filter(event=event))
    assert slots[0].starts == at(7, 14)
    assert slots[-1].ends == at(7, 16)
    assert [s.label for s in slots[:2]] == ["#1", "#2"]


def test_generate_overlapping_existing_slots_is_409_and_creates_nothing(client_for, organizer, roadshow):
    data = {"start": (roadshow.starts + timedelta(minutes=6)).isoformat(), "count": 2, "minutes": 12}
    response = client_for(organizer).post(f"/api/events/{roadshow.pk}/slots/generate", data, format="json")
    assert response.status_code == 409
    assert response.data["code"] == "slot_overlap"
    assert PitchSlot.objects.filter(event=roadshow).count() == 10


def test_slot_overlap_single_create_is_409(client_for, organizer, roadshow):
    first = roadshow.slots.first()
    data = {"starts": (first.starts + timedelta(minutes=1)).isoformat(), "ends": first.ends.isoformat()}
    response = client_for(organizer).post(f"/api/events/{roadshow.pk}/slots", data, format="json")
    assert response.status_code == 409
    assert response.data["conflict"]["id"] == first.pk


def test_slot_outside_event_or_end_before_start_is_400(client_for, organizer, roadshow):
    client = client_for(organizer)
    outside = {"starts": at(7, 18).isoformat(), "ends": at(7, 18, 12).isoformat()}
    assert client.post(f"/api/events/{roadshow.pk}/slots", outside, format="json").status_code == 400
    backwards = {"starts": at(7, 16, 50).isoformat(), "ends": at(7, 16, 40).isoformat()}
    response = client.post(f"/api/events/{roadshow.pk}/slots", backwards, format="json")
    assert response.status_code == 400
    assert "ends" in response.data["errors"]


def test_slots_only_for_pitch_events(client_for, organizer, make_event):
    salon = make_event(type=EventType.SALON)
    data = {"start": salon.starts.isoformat(), "count": 2, "minutes": 12}
    response = client_for(organizer).post(f"/api/events/{salon.pk}/slots/generate", data, format="json")
    assert response.status_code == 400
    assert response.data["code"] == "not_pitch_event"


def test_slot_management_refused_for_others(client_for, roadshow, other_organizer, make_startup):
    startup_user, _ = make_startup()
    data = {"start": at(7, 16, 30).isoformat(), "count": 1, "minutes": 12}
    for user in (other_organizer, startup_user):
        assert (
            client_for(user).post(f"/api/events/{roadshow.pk}/slots/generate", data, format="json").status_code == 403
        )
    slot = roadshow.slots.first()
    assert client_for(startup_user).delete(f"/api/events/{roadshow.pk}/slots/{slot.pk}").status_code == 403


def test_slots_are_public_and_show_taken_without_who_for_pending(api, roadshow, make_startup):
    user, startup = make_startup()
    slot = roadshow.slots.first()
    Booking.objects.create(event=roadshow, slot=slot, startup=startup, applicant=user)
    rows = api.get(f"/api/events/{roadshow.pk}/slots").data
    assert rows[0]["is_taken"] is True
    assert rows[0]["approved_startup_name"] is None
    assert rows[1]["is_taken"] is False


# --- bookings ------------------------------------------------------------------


def book(client, event, slot, **extra):
    return client.post(f"/api/events/{event.pk}/bookings", {"slot": slot.pk, **extra}, format="json")


def test_startup_books_and_organizer_approves_with_notification(
    client_for, organizer, roadshow, make_startup, django_capture_on_commit_callbacks
):
    user, startup = make_startup("长光辰英")
    slot = roadshow.slots.first()
    response = book(client_for(user), roadshow, slot, pitch_title="拉曼光谱仪")
    assert response.status_code == 201, response.data
    assert (response.data["status"], response.data["startup"]["id"]) == ("pending", startup.pk)
    with django_capture_on_commit_callbacks(execute=True):
        approved = client_for(organizer).post(f"/api/events/{roadshow.pk}/bookings/{response.data['id']}/approve")
    assert approved.data["status"] == "approved"
    notification = Notification.objects.get(user=user)
    assert (notification.kind, notification.target_type) == ("booking_approved", "booking")
    again = client_for(organizer).post(f"/api/events/{roadshow.pk}/bookings/{response.data['id']}/reject")
    assert again.status_code == 409


def test_reject_frees_the_slot_and_notifies(
    client_for, organizer, roadshow, make_startup, django_capture_on_commit_callbacks
):
    (u1, _s1), (u2, _s2) = make_startup(), make_startup()
    slot = roadshow.slots.first()
    booking_id = book(client_for(u1), roadshow, slot).data["id"]
    with django_capture_on_commit_callbacks(execute=True):
        client_for(organizer).post(f"/api/events/{roadshow.pk}/bookings/{booking_id}/reject", {"note": "方向不符"})
    assert Notification.objects.get(user=u1).kind == "booking_rejected"
    assert book(client_for(u2), roadshow, slot).status_code == 201


def test_booking_a_taken_slot_is_409_and_nothing_written(client_for, roadshow, make_startup):
    (u1, _), (u2, _) = make_startup(), make_startup()
    slot = roadshow.slots.first()
    book(client_for(u1), roadshow, slot)
    response = book(client_for(u2), roadshow, slot)
    assert response.status_code == 409
    assert response.data["code"] == "slot_taken"
    assert Booking.objects.count() == 1


def test_second_slot_for_same_startup_is_409(client_for, roadshow, make_startup):
    user, _ = make_startup()
    first, second = roadshow.slots.all()[:2]
    book(client_for(user), roadshow, first)
    response = book(client_for(user), roadshow, second)
    assert response.status_code == 409
    assert response.data["code"] == "already_booked"


def test_withdraw_then_book_another_slot(client_for, roadshow, make_startup):
    user, _ = make_startup()
    first, second = roadshow.slots.all()[:2]
    booking_id = book(client_for(user), roadshow, first).data["id"]
    assert (
        client_for(user).post(f"/api/events/{roadshow.pk}/bookings/{booking_id}/withdraw").data["status"] == "withdrawn"
    )
    assert book(client_for(user), roadshow, second).status_code == 201


@pytest.mark.parametrize("who", ["investor", "organizer_without_startup"])
def test_non_startups_cannot_book(client_for, roadshow, make_user, organizer, who):
    user = make_user(Role.INVESTOR) if who == "investor" else organizer
    response = book(client_for(user), roadshow, roadshow.slots.first())
    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_booking_slot_of_another_event_is_400(client_for, roadshow, make_startup, make_event):
    other = make_event(type=EventType.ROADSHOW, starts=at(9, 14), ends=at(9, 16))
    foreign_slot = PitchSlot.objects.create(event=other, starts=at(9, 14), ends=at(9, 14, 12))
    user, _ = make_startup()
    response = book(client_for(user), roadshow, foreign_slot)
    assert response.status_code == 400
    assert "slot" in response.data["errors"]


def test_startup_sees_only_own_bookings(client_for, organizer, roadshow, make_startup):
    (u1, s1), (u2, _s2) = make_startup(), make_startup()
    first, second = roadshow.slots.all()[:2]
    book(client_for(u1), roadshow, first)
    book(client_for(u2), roadshow, second)
    mine = client_for(u1).get(f"/api/events/{roadshow.pk}/bookings").data["results"]
    assert [row["startup"]["id"] for row in mine] == [s1.pk]
    other_id = Booking.objects.get(startup__in=[_s2]).pk
    assert client_for(u1).get(f"/api/events/{roadshow.pk}/bookings/{other_id}").status_code == 404
    assert client_for(organizer).get(f"/api/events/{roadshow.pk}/bookings").data["count"] == 2


def test_startup_cannot_approve(client_for, roadshow, make_startup):
    user, _ = make_startup()
    booking_id = book(client_for(user), roadshow, roadshow.slots.first()).data["id"]
    assert client_for(user).post(f"/api/events/{roadshow.pk}/bookings/{booking_id}/approve").status_code == 403
    assert Booking.objects.get().status == "pending"


def test_booking_list_query_count_is_constant(client_for, organizer, roadshow, make_startup, django_assert_num_queries):
    client = client_for(organizer)
    slots = list(roadshow.slots.all())
    users = [make_startup()[0] for _ in range(3)]
    book(client_for(users[0]), roadshow, slots[0])
    client.get(f"/api/events/{roadshow.pk}/bookings")
    with django_assert_num_queries(3):  # event, count, page
        assert client.get(f"/api/events/{roadshow.pk}/bookings").data["count"] == 1
    book(client_for(users[1]), roadshow, slots[1])
    book(client_for(users[2]), roadshow, slots[2])
    with django_assert_num_queries(3):
        assert client.get(f"/api/events/{roadshow.pk}/bookings").data["count"] == 3


# --- rubric, judges, scores, ranking ------------------------------------------


@pytest.fixture
def scored_setup(roadshow, make_startup, make_user, organizer):
    """Three approved pitches, a two-line rubric (weights 3 and 1), two judges."""
    bookings = []
    for slot in list(roadshow.slots.all())[:3]:
        user, startup = make_startup()
        bookings.append(
            Booking.objects.create(event=roadshow, slot=slot, startup=startup, applicant=user, status="approved")
        )
    tech = Criterion.objects.create(event=roadshow, name="技术创新性", weight=Decimal("3"), order=0)
    market = Criterion.objects.create(event=roadshow, name="市场前景", weight=Decimal("1"), order=1)
    judges = [make_user(Role.INVESTOR, name="评委甲"), make_user(Role.MENTOR, name="评委乙")]
    for judge in judges:
        Judge.objects.create(event=roadshow, user=judge)
    return roadshow, bookings, (tech, market), judges


def score(client, event, booking, tech, market, values, comment=""):
    body = {
        "booking": booking.pk,
        "scores": [{"criterion": tech.pk, "value": values[0]}, {"criterion": market.pk, "value": values[1]}],
        "comment": comment,
    }
    return client.post(f"/api/events/{event.pk}/scores", body, format="json")


def test_rubric_put_and_get(client_for, organizer, roadshow, api):
    body = {"criteria": [{"name": "团队", "weight": "40"}, {"name": "技术", "weight": "60"}]}
    response = client_for(organizer).put(f"/api/events/{roadshow.pk}/rubric", body, format="json")
    assert response.status_code == 200, response.data
    assert [c["name"] for c in api.get(f"/api/events/{roadshow.pk}/rubric").data] == ["团队", "技术"]


def test_ranking_by_weighted_mean_computed_in_db(client_for, organizer, scored_setup):
    event, (b1, b2, b3), (tech, market), (j1, j2) = scored_setup
    # b1: (9*3+5)/4=8.0 and (7*3+7)/4=7.0 → 7.5;  b2: (6*3+10)/4=7.0 twice → 7.0;  b3: no sheets.
    for judge, values in ((j1, (9, 5)), (j2, (7, 7))):
        assert score(client_for(judge), event, b1, tech, market, values).status_code == 200
    for judge in (j1, j2):
        score(client_for(judge), event, b2, tech, market, (6, 10))
    rows = client_for(organizer).get(f"/api/events/{event.pk}/ranking").data
    assert [(r["rank"], r["booking"], r["weighted_score"], r["sheet_count"]) for r in rows] == [
        (1, b1.pk, "7.500", 2),
        (2, b2.pk, "7.000", 2),
        (3, b3.pk, None, 0),
    ]


def test_score_sheet_is_editable_once_per_judge(client_for, scored_setup):
    event, (b1, *_), (tech, market), (j1, _j2) = scored_setup
    score(client_for(j1), event, b1, tech, market, (5, 5))
    response = score(client_for(j1), event, b1, tech, market, (8, 6), comment="改分")
    assert response.status_code == 200
    assert ScoreSheet.objects.count() == 1
    assert sorted(s["value"] for s in response.data["scores"]) == [6, 8]


@pytest.mark.parametrize("values", [(0, 5), (11, 5), (5, -1)])
def test_scores_outside_1_10_are_400_and_nothing_written(client_for, scored_setup, values):
    event, (b1, *_), (tech, market), (j1, _j2) = scored_setup
    response = score(client_for(j1), event, b1, tech, market, values)
    assert response.status_code == 400
    assert "scores" in response.data["errors"]
    assert not ScoreSheet.objects.exists()


def test_missing_criterion_is_400(client_for, scored_setup):
    event, (b1, *_), (tech, _market), (j1, _j2) = scored_setup
    body = {"booking": b1.pk, "scores": [{"criterion": tech.pk, "value": 7}]}
    response = client_for(j1).post(f"/api/events/{event.pk}/scores", body, format="json")
    assert response.status_code == 400
    assert "scores" in response.data["errors"]


def test_scoring_after_close_is_409_and_reopen_allows_again(client_for, organizer, scored_setup):
    event, (b1, *_), (tech, market), (j1, _j2) = scored_setup
    score(client_for(j1), event, b1, tech, market, (5, 5))
    assert client_for(organizer).post(f"/api/events/{event.pk}/scoring/close").status_code == 200
    response = score(client_for(j1), event, b1, tech, market, (9, 9))
    assert response.status_code == 409
    assert response.data["code"] == "scoring_closed"
    assert sorted(ScoreSheet.objects.get().scores.values_list("value", flat=True)) == [5, 5]
    client_for(organizer).post(f"/api/events/{event.pk}/scoring/reopen")
    assert score(client_for(j1), event, b1, tech, market, (9, 9)).status_code == 200


def test_non_judge_cannot_score_and_judges_see_own_sheets(client_for, organizer, scored_setup, make_user):
    event, (b1, *_), (tech, market), (j1, j2) = scored_setup
    assert score(client_for(make_user(Role.MENTOR)), event, b1, tech, market, (5, 5)).status_code == 403
    score(client_for(j1), event, b1, tech, market, (5, 5))
    score(client_for(j2), event, b1, tech, market, (6, 6))
    own = client_for(j1).get(f"/api/events/{event.pk}/scores").data["results"]
    assert [row["judge"]["id"] for row in own] == [j1.pk]
    assert client_for(organizer).get(f"/api/events/{event.pk}/scores").data["count"] == 2


def test_ranking_hidden_from_public_until_scoring_closes(client_for, organizer, scored_setup, api, make_user):
    event, *_ = scored_setup
    assert api.get(f"/api/events/{event.pk}/ranking").status_code == 403
    assert client_for(make_user()).get(f"/api/events/{event.pk}/ranking").status_code == 403
    client_for(organizer).post(f"/api/events/{event.pk}/scoring/close")
    assert api.get(f"/api/events/{event.pk}/ranking").status_code == 200


def test_rubric_fixed_once_scored(client_for, organizer, scored_setup):
    event, (b1, *_), (tech, market), (j1, _j2) = scored_setup
    score(client_for(j1), event, b1, tech, market, (5, 5))
    body = {"criteria": [{"name": "团队", "weight": "1"}]}
    assert client_for(organizer).put(f"/api/events/{event.pk}/rubric", body, format="json").status_code == 409


def test_judges_are_assigned_by_organizers_only(client_for, organizer, roadshow, make_user):
    judge = make_user(Role.INVESTOR)
    body = {"user_id": judge.pk, "kind": "investor"}
    assert client_for(judge).post(f"/api/events/{roadshow.pk}/judges", body, format="json").status_code == 403
    response = client_for(organizer).post(f"/api/events/{roadshow.pk}/judges", body, format="json")
    assert response.status_code == 201
    assert Judge.objects.get().kind == "investor"
    assert client_for(organizer).delete(f"/api/events/{roadshow.pk}/judges/{judge.pk}").status_code == 204
    assert not Judge.objects.exists()


# --- investor interest ----------------------------------------------------------


def test_investor_marks_interest_in_a_startup_that_pitched(client_for, scored_setup, make_user, make_startup):
    event, (b1, *_), _criteria, _judges = scored_setup
    investor = make_user(Role.INVESTOR)
    url = f"/api/events/{event.pk}/interests"
    response = client_for(investor).post(url, {"startup_id": b1.startup_id, "note": "约尽调"}, format="json")
    assert response.status_code == 201
    assert InvestorInterest.objects.get().investor == investor
    _user, bystander = make_startup()
    assert client_for(investor).post(url, {"startup_id": bystander.pk}, format="json").status_code == 400
    assert client_for(make_user(Role.MENTOR)).post(url, {"startup_id": b1.startup_id}, format="json").status_code == 403
    assert client_for(make_user(Role.INVESTOR)).get(url).data["count"] == 0


# --- competition rounds and awards ----------------------------------------------


def test_competition_advances_top_n_to_next_round_and_records_awards(
    client_for, organizer, make_event, make_startup, make_user, django_capture_on_commit_callbacks
):
    first_round = make_event(type=EventType.COMPETITION, round_name="初赛", starts=at(3, 9), ends=at(3, 17))
    second_round = make_event(
        type=EventType.COMPETITION, round_name="复赛", previous_round=first_round, starts=at(20, 9), ends=at(20, 17)
    )
    criterion = Criterion.objects.create(event=first_round, name="综合", weight=1)
    judge = make_user(Role.INVESTOR)
    Judge.objects.create(event=first_round, user=judge)
    entrants = []
    for index in range(4):
        user, startup = make_startup(f"参赛企业{index}")
        slot = PitchSlot.objects.create(event=first_round, starts=at(3, 9, index * 10), ends=at(3, 9, index * 10 + 10))
        booking = Booking.objects.create(
            event=first_round, slot=slot, startup=startup, applicant=user, status="approved"
        )
        body = {"booking": booking.pk, "scores": [{"criterion": criterion.pk, "value": 5 + index}]}
        client_for(judge).post(f"/api/events/{first_round.pk}/scores", body, format="json")
        entrants.append((user, startup))
    client = client_for(organizer)
    early = client.post(f"/api/events/{first_round.pk}/advance", {"top_n": 2}, format="json")
    assert early.status_code == 409  # scoring still open
    client.post(f"/api/events/{first_round.pk}/scoring/close")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/events/{first_round.pk}/advance", {"top_n": 2}, format="json")
    assert response.status_code == 200, response.data
    assert [(row["startup"]["name"], row["from_rank"]) for row in response.data] == [("参赛企业3", 1), ("参赛企业2", 2)]
    assert set(Notification.objects.filter(kind="round_advanced").values_list("user_id", flat=True)) == {
        entrants[3][0].pk,
        entrants[2][0].pk,
    }
    # Only qualified startups may book in the next round.
    slot = PitchSlot.objects.create(event=second_round, starts=at(20, 9), ends=at(20, 9, 15))
    loser, winner = entrants[0][0], entrants[3][0]
    assert client_for(loser).post(f"/api/events/{second_round.pk}/bookings", {"slot": slot.pk}).status_code == 403
    assert client_for(winner).post(f"/api/events/{second_round.pk}/bookings", {"slot": slot.pk}).status_code == 201
    assert RoundEntry.objects.filter(event=second_round).count() == 2
    award = client.post(
        f"/api/events/{first_round.pk}/awards", {"startup_id": entrants[3][1].pk, "title": "一等奖", "rank": 1}
    )
    assert award.status_code == 201
    assert Award.objects.get().title == "一等奖"
    assert (
        client_for(winner)
        .post(f"/api/events/{first_round.pk}/awards", {"startup_id": entrants[3][1].pk, "title": "特等奖"})
        .status_code
        == 403
    )


def test_advance_without_next_round_is_400(client_for, organizer, make_event):
    event = make_event(type=EventType.COMPETITION)
    Event.objects.filter(pk=event.pk).update(scoring_closed_at=at())
    response = client_for(organizer).post(f"/api/events/{event.pk}/advance", {"top_n": 2}, format="json")
    assert response.status_code == 400
    assert response.data["code"] == "no_next_round"
