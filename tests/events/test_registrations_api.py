"""Registration, waiting list, check-in by token, live counts, QR, feedback, exports."""

import csv
import io

import pytest
from django.core import signing
from openpyxl import load_workbook

from backend.accounts.models import Role
from backend.notifications.models import Notification
from events.models import EventStatus, Feedback, Invitation, Registration, Visibility
from events.services.registrations import CHECKIN_SALT, checkin_token
from tests.events.conftest import at

pytestmark = pytest.mark.django_db


def register(client, event):
    return client.post(f"/api/events/{event.pk}/registrations")


def test_register_confirms_while_seats_last_then_waiting_list(client_for, make_user, make_event):
    event = make_event(capacity=2)
    responses = [register(client_for(make_user()), event) for _ in range(4)]
    assert [r.status_code for r in responses] == [201] * 4
    assert [r.data["status"] for r in responses] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert [r.data["waiting_position"] for r in responses] == [None, None, 1, 2]
    assert responses[0].data["token"]  # own confirmed registration carries its check-in token
    assert responses[2].data["token"] is None


def test_register_twice_is_409_and_nothing_changes(client_for, make_user, make_event):
    event, user = make_event(), make_user()
    client = client_for(user)
    assert register(client, event).status_code == 201
    response = register(client, event)
    assert response.status_code == 409
    assert response.data["code"] == "already_registered"
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"registration_opens": at(1), "registration_closes": at(5)}, "registration_closed"),
        ({"registration_opens": at(-5), "registration_closes": at(-1)}, "registration_closed"),
        ({"status": EventStatus.DRAFT}, None),  # drafts are invisible: 404
        ({"status": EventStatus.CANCELLED}, "registration_closed"),
    ],
)
def test_register_outside_window_is_refused(client_for, make_user, organizer, make_event, fields, code):
    event = make_event(**fields)
    response = register(client_for(make_user()), event)
    if code is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 409
        assert response.data["code"] == code
    assert not Registration.objects.exists()


def test_register_with_wrong_role_is_403(client_for, make_user, make_event):
    event = make_event(allowed_roles=[Role.INVESTOR, Role.BANK])
    assert register(client_for(make_user(Role.STARTUP)), event).status_code == 403
    assert register(client_for(make_user(Role.BANK)), event).status_code == 201


def test_invitation_event_registration_for_invitees_only(client_for, make_user, make_event):
    event, invitee = make_event(visibility=Visibility.INVITATION), make_user()
    Invitation.objects.create(event=event, user=invitee)
    assert register(client_for(make_user()), event).status_code == 404
    assert register(client_for(invitee), event).status_code == 201


def test_anonymous_cannot_register(api, make_event):
    assert register(api, make_event()).status_code == 401


def test_cancel_promotes_first_waiting_and_notifies_after_commit(
    client_for, make_user, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    first, second, third = make_user(), make_user(), make_user()
    for user in (first, second, third):
        register(client_for(user), event)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(first).delete(f"/api/events/{event.pk}/registrations/mine")
    assert response.status_code == 200
    assert response.data["status"] == "cancelled"
    assert len(callbacks) == 1
    statuses = dict(Registration.objects.filter(event=event).values_list("user_id", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "confirmed", third.pk: "waiting"}
    notification = Notification.objects.get()
    assert (notification.user_id, notification.kind) == (second.pk, "waitlist_promoted")
    assert client_for(third).get(f"/api/events/{event.pk}/registrations/mine").data["waiting_position"] == 1


def test_cancelling_a_waiting_registration_promotes_nobody(client_for, make_user, make_event):
    event = make_event(capacity=1)
    first, second = make_user(), make_user()
    register(client_for(first), event)
    register(client_for(second), event)
    client_for(second).delete(f"/api/events/{event.pk}/registrations/mine")
    assert Registration.objects.get(user=first).status == "confirmed"
    assert not Notification.objects.exists()


def test_register_again_after_cancelling_queues_anew(client_for, make_user, make_event):
    event, user = make_event(capacity=1), make_user()
    client = client_for(user)
    register(client, event)
    client.delete(f"/api/events/{event.pk}/registrations/mine")
    register(client_for(make_user()), event)  # takes the seat
    response = register(client, event)
    assert response.status_code == 201
    assert response.data["status"] == "waiting"


def test_registration_list_scope(client_for, make_user, organizer, make_event):
    event = make_event()
    me, other = make_user(), make_user()
    register(client_for(me), event)
    register(client_for(other), event)
    mine = client_for(me).get(f"/api/events/{event.pk}/registrations").data["results"]
    assert [row["user"]["id"] for row in mine] == [me.pk]
    everyone = client_for(organizer).get(f"/api/events/{event.pk}/registrations").data["results"]
    assert {row["user"]["id"] for row in everyone} == {me.pk, other.pk}
    assert all(row["token"] is None for row in everyone)  # organizers never see others' tokens


def test_registration_list_query_count_is_constant(
    client_for, make_user, organizer, make_event, django_assert_num_queries
):
    event = make_event()
    client = client_for(organizer)
    register(client_for(make_user()), event)
    client.get(f"/api/events/{event.pk}/registrations")
    with django_assert_num_queries(3):  # event, count, page
        assert client.get(f"/api/events/{event.pk}/registrations").data["count"] == 1
    register(client_for(make_user()), event)
    register(client_for(make_user()), event)
    with django_assert_num_queries(3):
        assert client.get(f"/api/events/{event.pk}/registrations").data["count"] == 3


# --- check-in ------------------------------------------------------------------


@pytest.fixture
def confirmed(make_event, make_user):
    event = make_event(starts=at(0, 9), ends=at(0, 23, 59))
    user = make_user(name="参会者甲")
    return Registration.objects.create(event=event, user=user, status="confirmed", queued_at=at(-1))


def checkin(client, event, token):
    return client.post(f"/api/events/{event.pk}/checkin", {"token": token}, format="json")


def test_checkin_by_token_then_twice_is_harmless(client_for, organizer, confirmed):
    client, token = client_for(organizer), checkin_token(confirmed)
    first = checkin(client, confirmed.event, token)
    assert first.status_code == 200
    assert first.data["already_checked_in"] is False
    checked_at = first.data["registration"]["checked_in_at"]
    second = checkin(client, confirmed.event, f"  {token}\n")  # typed, with stray whitespace
    assert second.status_code == 200
    assert second.data["already_checked_in"] is True
    assert second.data["registration"]["checked_in_at"] == checked_at
    assert "Already checked in at" in second.data["message"]


def test_checkin_forged_token_is_400(client_for, organizer, confirmed):
    forged = checkin_token(confirmed)[:-3] + "AAA"
    response = checkin(client_for(organizer), confirmed.event, forged)
    assert response.status_code == 400
    assert response.data["code"] == "token_invalid"
    assert "token" in response.data["errors"]
    confirmed.refresh_from_db()
    assert confirmed.checked_in_at is None


def test_checkin_token_of_another_event_is_400(client_for, organizer, confirmed, make_event):
    other = make_event()
    response = checkin(client_for(organizer), other, checkin_token(confirmed))
    assert response.status_code == 400
    assert response.data["code"] == "token_wrong_event"


def test_checkin_token_signed_for_another_purpose_is_400(client_for, organizer, confirmed):
    value = f"{confirmed.event_id}-{confirmed.pk}"
    other_purpose = signing.Signer(salt="innolink.something-else").sign(value)
    assert other_purpose != signing.Signer(salt=CHECKIN_SALT).sign(value)
    assert checkin(client_for(organizer), confirmed.event, other_purpose).data["code"] == "token_invalid"


def test_checkin_of_waiting_registration_is_409(client_for, organizer, confirmed):
    Registration.objects.filter(pk=confirmed.pk).update(status="waiting")
    response = checkin(client_for(organizer), confirmed.event, checkin_token(confirmed))
    assert response.status_code == 409
    assert response.data["code"] == "not_confirmed"


@pytest.mark.parametrize("who", ["attendee", "other_organizer", "member_not_organizer"])
def test_checkin_and_counts_refused_for_non_organizers(
    client_for, confirmed, other_organizer, member_not_organizer, who
):
    user = {
        "attendee": confirmed.user,
        "other_organizer": other_organizer,
        "member_not_organizer": member_not_organizer,
    }[who]
    client = client_for(user)
    assert checkin(client, confirmed.event, checkin_token(confirmed)).status_code == 403
    assert client.get(f"/api/events/{confirmed.event_id}/counts").status_code == 403


def test_counts_registered_waiting_checked_in(client_for, organizer, confirmed, make_user):
    event = confirmed.event
    Registration.objects.create(event=event, user=make_user(), status="waiting", queued_at=at())
    Registration.objects.create(event=event, user=make_user(), status="cancelled", queued_at=at())
    checkin(client_for(organizer), event, checkin_token(confirmed))
    response = client_for(organizer).get(f"/api/events/{event.pk}/counts")
    assert response.data == {"registered": 1, "waiting": 1, "checked_in": 1, "capacity": 50}


def test_qr_svg_and_png_for_owner_only(client_for, confirmed, make_user, organizer):
    url = f"/api/events/{confirmed.event_id}/registrations/{confirmed.pk}/qr"
    svg = client_for(confirmed.user).get(f"{url}.svg")
    assert svg.status_code == 200
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    png = client_for(confirmed.user).get(f"{url}.png")
    assert png.content.startswith(b"\x89PNG")
    assert client_for(make_user()).get(f"{url}.svg").status_code == 404
    assert client_for(organizer).get(f"{url}.svg").status_code == 200


# --- feedback ------------------------------------------------------------------


@pytest.fixture
def past_attendance(make_event, make_user):
    event = make_event(starts=at(-2, 14), ends=at(-2, 16), status=EventStatus.FINISHED)
    attendee = make_user()
    Registration.objects.create(event=event, user=attendee, status="confirmed", queued_at=at(-9), checked_in_at=at(-2))
    return event, attendee


def test_feedback_once_editable_and_averaged_for_organizers(client_for, organizer, past_attendance, make_user):
    event, attendee = past_attendance
    client = client_for(attendee)
    url = f"/api/events/{event.pk}/feedback/mine"
    assert client.put(url, {"rating": 3, "comment": "收获很大"}, format="json").status_code == 200
    response = client.put(url, {"rating": 5, "comment": "非常好"}, format="json")
    assert (response.status_code, response.data["rating"]) == (200, 5)
    assert Feedback.objects.count() == 1
    second = make_user()
    Registration.objects.create(event=event, user=second, status="confirmed", queued_at=at(-9), checked_in_at=at(-2))
    client_for(second).put(url, {"rating": 4}, format="json")
    summary = client_for(organizer).get(f"/api/events/{event.pk}/feedback/summary").data
    assert summary == {"count": 2, "average": 4.5, "distribution": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}}
    assert client_for(attendee).get(f"/api/events/{event.pk}/feedback/summary").status_code == 403
    assert client_for(organizer).get(f"/api/events/{event.pk}/feedback").data["count"] == 2


@pytest.mark.parametrize("rating", [0, 6, "x"])
def test_feedback_rating_outside_1_5_is_400(client_for, past_attendance, rating):
    event, attendee = past_attendance
    response = client_for(attendee).put(f"/api/events/{event.pk}/feedback/mine", {"rating": rating}, format="json")
    assert response.status_code == 400
    assert "rating" in response.data["errors"]
    assert not Feedback.objects.exists()


def test_feedback_by_non_attendee_is_403(client_for, past_attendance, make_user):
    event, _attendee = past_attendance
    no_show = make_user()
    Registration.objects.create(event=event, user=no_show, status="confirmed", queued_at=at(-9))
    response = client_for(no_show).put(f"/api/events/{event.pk}/feedback/mine", {"rating": 4}, format="json")
    assert response.status_code == 403


def test_feedback_before_the_end_is_409(client_for, confirmed):
    Registration.objects.filter(pk=confirmed.pk).update(checked_in_at=at())
    response = client_for(confirmed.user).put(
        f"/api/events/{confirmed.event_id}/feedback/mine", {"rating": 4}, format="json"
    )
    assert response.status_code == 409


# --- exports -------------------------------------------------------------------


def test_export_csv_has_bom_and_chinese(client_for, organizer, confirmed):
    response = client_for(organizer).get(f"/api/events/{confirmed.event_id}/export.csv")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][1] == "姓名 Name"
    assert rows[1][1] == "参会者甲"
    assert len(rows) == 2


def test_export_csv_neutralises_formulas(client_for, organizer, confirmed):
    confirmed.user.name = "=HYPERLINK(1)"
    confirmed.user.save()
    rows = list(
        csv.reader(
            io.StringIO(
                client_for(organizer).get(f"/api/events/{confirmed.event_id}/export.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert rows[1][1] == "'=HYPERLINK(1)"


def test_export_xlsx_opens_with_openpyxl(client_for, organizer, confirmed):
    response = client_for(organizer).get(f"/api/events/{confirmed.event_id}/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "姓名 Name"
    assert sheet["B3"].value == "参会者甲"


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_exports_refused_for_non_organizers(client_for, confirmed, other_organizer, suffix, api):
    url = f"/api/events/{confirmed.event_id}/export.{suffix}"
    assert client_for(confirmed.user).get(url).status_code == 403
    assert client_for(other_organizer).get(url).status_code == 403
    assert api.get(url).status_code == 403
