"""The matchmaking API as its users call it: bad input answers 400/409 (never 500), agendas, .ics, recommendations."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest

from backend.directory.models import FinancingNeed, OrgKind
from events.matchmaking.models import MatchmakingDay, Meeting
from events.matchmaking.services import schedule

B = "/api/events/{}/matchmaking"


@pytest.fixture
def url(day):
    return lambda tail="": B.format(day.event.pk) + tail


def _codes(response):
    return response.status_code, response.data.get("code") if isinstance(response.data, dict) else None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"recipient": 999999}, "recipient"),
        ({"recipient": "abc"}, "recipient"),
        ({}, "recipient"),
        ({"recipient": "{bank}", "preference": "maybe"}, "preference"),
        ({"recipient": "{bank}", "message": "很长" * 600}, "message"),
        ({"recipient": "{other_enterprise}"}, "recipient"),
        ({"recipient": "{self}"}, "recipient"),
    ],
)
def test_bad_requests_are_400_with_the_field(day, url, client_for, body, field):
    ids = {
        "{bank}": day.banks[0].participant.pk,
        "{other_enterprise}": day.enterprises[1].participant.pk,
        "{self}": day.enterprises[0].participant.pk,
    }
    body = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    response = client_for(day.enterprises[0].user).post(url("/requests"), body, format="json")
    assert response.status_code == 400, response.data
    assert field in response.data["errors"]


def test_second_request_for_a_pair_and_past_the_cap_are_409(day, url, client_for):
    client = client_for(day.enterprises[0].user)
    bank = day.banks[0].participant.pk
    assert client.post(url("/requests"), {"recipient": bank, "preference": "must"}, format="json").status_code == 201
    assert _codes(client.post(url("/requests"), {"recipient": bank}, format="json")) == (409, "pair_taken")
    organizer = client_for(day.organizer)
    assert organizer.patch(url(), {"request_cap": 1}, format="json").data["request_cap"] == 1
    other = day.banks[1].participant.pk
    assert _codes(client.post(url("/requests"), {"recipient": other}, format="json")) == (409, "request_cap")


@pytest.mark.parametrize(
    "amount",
    ["0", "-5", "100000000000.01", "1e30", "abc", "12.345"],
    ids=["zero", "negative", "huge", "exp", "text", "3dp"],
)
def test_amounts_must_be_positive_and_sane(day, url, client_for, amount):
    participant = day.enterprises[0].participant.pk
    response = client_for(day.enterprises[0].user).patch(
        url(f"/participants/{participant}"), {"amount": amount}, format="json"
    )
    assert response.status_code == 400
    assert "amount" in response.data["errors"]


@pytest.mark.parametrize(
    ("path", "method", "body", "field"),
    [
        ("", "patch", {"request_cap": 0}, "request_cap"),
        ("", "patch", {"request_cap": 100000}, "request_cap"),
        ("", "patch", {"reminder_hours": -1}, "reminder_hours"),
        ("", "patch", {"request_deadline": "not a date"}, "request_deadline"),
        ("/slots", "put", {"first_starts": "2020-01-01T09:00:00+08:00", "minutes": 20, "count": 3}, "first_starts"),
        ("/slots", "put", {"first_starts": "START", "minutes": 1, "count": 3}, "minutes"),
        ("/slots", "put", {"first_starts": "START", "minutes": 20, "count": 10000}, "count"),
        ("/tables", "put", {"count": 0}, "count"),
        ("/tables", "put", {"count": "many"}, "count"),
        ("/schedule/run", "post", {"time_limit": -1}, "time_limit"),
    ],
)
def test_bad_organizer_input_is_400(day, url, client_for, path, method, body, field):
    body = {k: (day.event.starts.isoformat() if v == "START" else v) for k, v in body.items()}
    response = getattr(client_for(day.organizer), method)(url(path), body, format="json")
    assert response.status_code == 400, response.data
    assert field in response.data["errors"]


def test_unknown_ids_are_404_or_400(day, url, client_for):
    organizer = client_for(day.organizer)
    day.slots(3)
    day.tables(1)
    meeting = day.meet(day.enterprises[0], day.banks[0])
    assert organizer.post(url("/meetings/999999/lock"), {}, format="json").status_code == 404
    assert organizer.post(url("/requests/999999/accept")).status_code == 404
    assert organizer.put(url("/participants/999999/unavailable"), {"slots": []}, format="json").status_code == 404
    response = organizer.put(
        url(f"/participants/{day.banks[0].participant.pk}/unavailable"), {"slots": [999999]}, format="json"
    )
    assert response.status_code == 400 and "slots" in response.data["errors"]
    response = organizer.post(url(f"/meetings/{meeting.pk}/lock"), {"slot": 999999}, format="json")
    assert response.status_code == 400 and "slot" in response.data["errors"]
    # Not placed yet and no slot given.
    assert _codes(organizer.post(url(f"/meetings/{meeting.pk}/lock"), {}, format="json")) == (409, "not_placed")
    assert client_for(day.organizer).get("/api/events/999999/matchmaking").status_code == 404


def test_joining_twice_or_with_the_wrong_kind_of_organisation(day, url, client_for, make_member):
    ent = day.enterprises[0]
    again = client_for(ent.user).post(url("/participants"), {"organisation": ent.org.pk}, format="json")
    assert _codes(again) == (409, "already_participating")
    investor = make_member(OrgKind.INVESTOR, "长春天使投资", "investor")
    wrong = client_for(investor.user).post(url("/participants"), {"organisation": investor.org.pk}, format="json")
    assert wrong.status_code == 400 and "organisation" in wrong.data["errors"]  # a bank day


def test_agenda_ics_and_print_data_after_publishing(day, url, client_for):
    day.slots(4)
    day.tables(2)
    ent, bank = day.enterprises[0], day.banks[0]
    meeting = day.meet(ent, bank, "must")
    day.meet(ent, day.banks[1])
    client = client_for(ent.user)
    schedule.schedule_compute(event_id=day.event.pk)
    before = client.get(url("/agenda")).data
    assert before["published"] is False and before["items"] == []  # not before it is published

    schedule.schedule_publish(actor=day.organizer, event=day.event)
    agenda = client.get(url("/agenda")).data

    assert agenda["published"] and agenda["participant"]["organisation"]["name"] == "长春光启科技有限公司"
    assert [item["counterpart"]["organisation"]["name"] for item in agenda["items"]] == sorted(
        ["吉林银行长春科技支行", "长春农商银行"],
        key=lambda name: Meeting.objects.get(enterprise=ent.participant, partner__organisation__name=name).slot.starts,
    )
    assert agenda["items"][0]["attendance"] == "upcoming"
    ics = client.get(url("/agenda/ics"))
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(ics.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 2
    first = next(e for e in events if str(e["UID"]) == f"meeting-{meeting.pk}@innolink")
    placed = Meeting.objects.select_related("slot").get(pk=meeting.pk)
    assert first.decoded("DTSTART") == placed.slot.starts
    assert "吉林银行长春科技支行" in str(first["SUMMARY"])
    assert int(first["SEQUENCE"]) == 0


def test_recommendations_rank_banks_with_reasons_and_mark_live_requests(day, url, client_for):
    ent = day.enterprises[0]
    FinancingNeed.objects.create(
        startup=ent.org, amount=1000000, kind="debt", purpose="扩大激光雷达产线", collateral_offered=["patent_pledge"]
    )
    request = day.ask(ent, day.banks[1])
    response = client_for(ent.user).get(url(f"/participants/{ent.participant.pk}/recommendations"))
    assert response.status_code == 200
    rows = response.data
    assert {r["participant"]["id"] for r in rows} == {b.participant.pk for b in day.banks}
    assert rows[0]["score"] >= rows[1]["score"] > 0
    assert all(r["via"] == "初创贷" for r in rows)
    codes = {reason["code"] for reason in rows[0]["reasons"]}
    assert {"stage", "amount"} <= codes
    assert all(reason["zh"] and reason["en"] for reason in rows[0]["reasons"])
    marked = {r["participant"]["id"]: (r["request_status"], r["request_id"]) for r in rows}
    assert marked[day.banks[1].participant.pk] == ("pending", request.pk)
    assert marked[day.banks[0].participant.pk] == (None, None)


def test_a_bank_sees_enterprises_recommended(day, url, client_for):
    bank = day.banks[0]
    rows = client_for(bank.user).get(url(f"/participants/{bank.participant.pk}/recommendations")).data
    assert {r["participant"]["side"] for r in rows} == {"enterprise"}
    assert len(rows) == 3


def test_day_detail_says_who_i_am_and_the_days_list(day, url, client_for):
    ent = day.enterprises[0]
    data = client_for(ent.user).get(url()).data
    assert data["mine"] == [
        {
            "id": ent.participant.pk,
            "side": "enterprise",
            "organisation": {"id": ent.org.pk, "name": ent.org.name, "kind": "startup"},
        }
    ]
    assert (data["can_manage"], data["participant_count"], data["request_cap"]) == (False, 5, 10)
    assert client_for(day.organizer).get(url()).data["can_manage"] is True
    mine = client_for(ent.user).get("/api/matchmaking/days").data
    assert [d["event"] for d in mine] == [day.event.pk]
    assert client_for(ent.user).get("/api/matchmaking/days?scope=open").data == []


def test_accepting_an_expired_request_is_409_and_lists_show_it(day, url, client_for):
    from django.utils import timezone

    ent, bank = day.enterprises[0], day.banks[0]
    organizer = client_for(day.organizer)
    deadline = timezone.now() + timedelta(hours=1)
    assert organizer.patch(url(), {"request_deadline": deadline.isoformat()}, format="json").status_code == 200
    request = day.ask(ent, bank)
    MatchmakingDay.objects.filter(pk=day.event.pk).update(request_deadline=timezone.now() - timedelta(minutes=1))
    response = client_for(bank.user).post(url(f"/requests/{request.pk}/accept"))
    assert _codes(response) == (409, "expired")
    received = client_for(bank.user).get(url("/requests?box=received")).data["results"]
    assert [(r["id"], r["status"], r["direction"]) for r in received] == [(request.pk, "expired", "received")]
    assert organizer.patch(url(), {"request_deadline": None}, format="json").data["request_deadline"] is None
