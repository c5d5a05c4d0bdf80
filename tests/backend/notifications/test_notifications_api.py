"""Stored notifications: list with read/unread filter, unread count, mark one/all read; per-user scope."""

import pytest

from backend.notifications.models import Notification
from backend.notifications.services import notify, notify_on_commit

pytestmark = pytest.mark.django_db


def test_notify_creates_one_per_user_and_collapses_duplicates(make_user):
    a, b = make_user(), make_user()
    created = notify([a, b, a.pk], "general", title_zh="通知", title_en="Notice", link="/events/1")
    assert len(created) == 2
    assert set(Notification.objects.values_list("user_id", flat=True)) == {a.pk, b.pk}


def test_notify_on_commit_waits_for_the_commit(make_user, django_capture_on_commit_callbacks):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify_on_commit([user], "general", title_zh="稍后")
    assert not Notification.objects.exists()
    callbacks[0]()
    assert Notification.objects.get().title_zh == "稍后"


def test_list_filter_count_and_mark_read(client_for, make_user):
    me, other = make_user(), make_user()
    notify([me], "general", title_zh="一")
    notify([me], "event_moved", title_zh="二", target_type="event", target_id=7)
    notify([other], "general", title_zh="别人的")
    client = client_for(me)
    listing = client.get("/api/notifications").data
    assert [row["title_zh"] for row in listing["results"]] == ["二", "一"]
    assert client.get("/api/notifications/unread-count").data == {"unread": 2}
    first_id = listing["results"][1]["id"]
    marked = client.post(f"/api/notifications/{first_id}/read")
    assert (marked.status_code, marked.data["is_read"]) == (200, True)
    assert [row["title_zh"] for row in client.get("/api/notifications?unread=true").data["results"]] == ["二"]
    assert [row["title_zh"] for row in client.get("/api/notifications?unread=false").data["results"]] == ["一"]
    assert client.post("/api/notifications/read-all").data == {"marked": 1}
    assert client.get("/api/notifications/unread-count").data == {"unread": 0}
    assert Notification.objects.get(user=other).read_at is None


def test_others_notifications_are_404(client_for, make_user):
    me, other = make_user(), make_user()
    (theirs,) = notify([other], "general", title_zh="别人的")
    assert client_for(me).get(f"/api/notifications/{theirs.pk}").status_code == 404
    assert client_for(me).post(f"/api/notifications/{theirs.pk}/read").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_gets_401(api):
    assert api.get("/api/notifications").status_code == 401
    assert api.get("/api/notifications/unread-count").status_code == 401


def test_list_query_count_is_constant(client_for, make_user, django_assert_num_queries):
    me = make_user()
    client = client_for(me)
    notify([me], "general", title_zh="一")
    with django_assert_num_queries(2):
        assert client.get("/api/notifications").data["count"] == 1
    notify([me], "general", title_zh="二")
    notify([me], "general", title_zh="三")
    with django_assert_num_queries(2):
        assert client.get("/api/notifications").data["count"] == 3
