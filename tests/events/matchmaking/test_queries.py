"""List endpoints read a constant number of queries, whatever the number of rows (1 vs 3 items)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.matchmaking.services import schedule
from events.matchmaking.tasks import ask_follow_ups, expire_requests, remind_requests


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.data
    return len(ctx.captured_queries)


@pytest.mark.parametrize("tail", ["/participants", "/requests", "/meetings", "/follow-ups", "/schedule", "/outcomes"])
def test_list_endpoints_have_a_constant_query_count(day, client_for, tail):
    day.slots(6)
    day.tables(3)
    base = f"/api/events/{day.event.pk}/matchmaking"
    client = client_for(day.organizer)
    e, b = day.enterprises, day.banks

    day.meet(e[0], b[0])
    schedule.schedule_compute(event_id=day.event.pk)
    schedule.schedule_publish(actor=day.organizer, event=day.event)
    _queries(client, base + tail)  # warm up: the requester's memberships are read once per user object
    one = _queries(client, base + tail)

    day.meet(e[1], b[0])
    day.meet(e[2], b[1])
    day.ask(e[0], b[1])
    schedule.schedule_repair(actor=day.organizer, event=day.event)
    three = _queries(client, base + tail)

    assert three == one, f"{tail}: {one} queries for one item, {three} for three"


def test_periodic_tasks_are_registered_and_call_the_services(day):
    from procrastinate.contrib.django import app

    periodic = {
        task.name for task, _id in [(p.task, p.periodic_id) for p in app.periodic_registry.periodic_tasks.values()]
    }
    assert {expire_requests.name, remind_requests.name, ask_follow_ups.name} <= periodic
    # Called like the worker calls them (with the tick's timestamp); nothing is due here.
    assert (expire_requests(timestamp=0), remind_requests(timestamp=0), ask_follow_ups(timestamp=0)) == (0, 0, 0)
