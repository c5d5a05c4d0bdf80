"""Jobs of matchmaking days (procrastinate, found by its autodiscovery of ``tasks`` modules).

* ``run_schedule``: the scheduler, as a tracked job with progress (``/api/jobs/<id>``).
* Periodic tasks, every five minutes: expire requests past their deadline,
  remind recipients before it, ask the 3- and 6-month follow-up questions.
  Each calls one service function (tests call those directly) and is
  idempotent, so a missed or doubled tick does no harm.
"""

from __future__ import annotations

from procrastinate.contrib.django import app

from backend.jobs.services import tracked
from events.matchmaking.services import dayof, requests, schedule


@tracked("matchmaking.schedule")
def run_schedule(*, job_id: int, report, event_id: int, time_limit: float = 10.0) -> dict:
    return schedule.schedule_compute(event_id=event_id, time_limit=time_limit, report=report, job_id=job_id)


@app.periodic(cron="*/5 * * * *", periodic_id="matchmaking-expire")
@app.task(name="innolink.matchmaking.expire_requests", queueing_lock="matchmaking-expire", pass_context=False)
def expire_requests(timestamp: int) -> int:
    return requests.requests_expire()


@app.periodic(cron="*/5 * * * *", periodic_id="matchmaking-remind")
@app.task(name="innolink.matchmaking.remind_requests", queueing_lock="matchmaking-remind", pass_context=False)
def remind_requests(timestamp: int) -> int:
    return requests.requests_remind()


@app.periodic(cron="0 * * * *", periodic_id="matchmaking-followups")
@app.task(name="innolink.matchmaking.ask_follow_ups", queueing_lock="matchmaking-followups", pass_context=False)
def ask_follow_ups(timestamp: int) -> int:
    return dayof.followups_ask()
