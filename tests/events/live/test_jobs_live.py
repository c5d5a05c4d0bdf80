"""A job keeps running when its page closes; coming back shows where it is."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from procrastinate.contrib.django import app

from backend.asgi import application
from backend.jobs.models import Job
from backend.jobs.services import job_start, tracked
from tests.events.live.communicator import WebsocketCommunicator
from tests.events.live.test_consumers import ORIGIN, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)


@tracked("test.live_sum")
def live_sum(*, job_id: int, report, upto: int) -> dict:
    total = 0
    for n in range(upto + 1):
        total += n
        if n and n % (upto // 2) == 0:
            report(int(100 * n / upto), f"{n}/{upto}")
    return {"sum": total}


async def watch(user, job_id: int) -> tuple[WebsocketCommunicator, dict]:
    cookie = await database_sync_to_async(session_cookie)(user)
    comm = WebsocketCommunicator(application, f"/ws/jobs/{job_id}", headers=[ORIGIN, (b"cookie", cookie)])
    assert (await comm.connect(timeout=3))[0]
    frame = await comm.receive_json_from(timeout=3)
    assert frame["type"] == "job.update"
    return comm, frame["data"]


async def test_closing_the_page_does_not_stop_the_job(make_user):
    await get_channel_layer().flush()
    owner = await database_sync_to_async(make_user)("organizer")
    job = await database_sync_to_async(job_start)(kind="test.live_sum", task=live_sum, user=owner, params={"upto": 10})

    page, state = await watch(owner, job.pk)
    assert (state["status"], state["progress"], state["result"]) == ("queued", 0, None)
    await page.disconnect()  # the organizer closes the page

    def run_worker():
        with app.replace_connector(app.connector.get_worker_connector()):
            app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)

    await database_sync_to_async(run_worker)()

    page, state = await watch(owner, job.pk)  # and comes back later
    assert (state["status"], state["progress"], state["result"]) == ("succeeded", 100, {"sum": 55})
    await page.disconnect()
    assert await database_sync_to_async(lambda: Job.objects.get(pk=job.pk).status)() == "succeeded"
