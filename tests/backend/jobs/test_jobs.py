"""Long jobs run in a real procrastinate worker on PostgreSQL and report progress."""

import pytest
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from backend.jobs.models import Job
from backend.jobs.services import job_start, tracked

seen_progress: list[int] = []


@tracked("test.count_primes")
def count_primes(*, job_id: int, report, limit: int) -> dict:
    primes = []
    for n in range(2, limit):
        if all(n % p for p in primes if p * p <= n):
            primes.append(n)
        if n % (limit // 4) == 0:
            report(int(100 * n / limit), f"{n}/{limit}")
            seen_progress.append(Job.objects.get(pk=job_id).progress)
    return {"count": len(primes)}


@tracked("test.explode")
def explode(*, job_id: int, report) -> None:
    raise ValueError("数据不完整 · incomplete data")


@pytest.fixture
def run_worker(transactional_db):
    def run():
        with app.replace_connector(app.connector.get_worker_connector()):
            app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)

    return run


def test_job_runs_in_the_worker_and_stores_result_and_progress(run_worker, make_user):
    user = make_user("organizer")
    seen_progress.clear()
    job = job_start(kind="test.count_primes", task=count_primes, user=user, params={"limit": 1000})
    assert job.status == Job.Status.QUEUED
    assert ProcrastinateJob.objects.filter(task_name="innolink.test.count_primes").count() == 1

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"count": 168}
    assert job.progress == 100
    assert seen_progress == [25, 50, 75]  # each report was visible to other readers at once
    assert job.started_at <= job.finished_at


def test_failing_job_is_marked_failed_with_the_message(run_worker):
    job = job_start(kind="test.explode", task=explode)
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "incomplete data" in job.error


def test_jobs_api_shows_own_jobs_only(run_worker, make_user, client_for, admin_user):
    owner, other = make_user("organizer"), make_user("organizer")
    job = job_start(kind="test.count_primes", task=count_primes, user=owner, params={"limit": 100})
    run_worker()
    assert client_for(owner).get(f"/api/jobs/{job.pk}").data["result"] == {"count": 25}
    assert client_for(other).get(f"/api/jobs/{job.pk}").status_code == 404
    assert client_for(other).get("/api/jobs").data["count"] == 0
    assert client_for(admin_user).get(f"/api/jobs/{job.pk}").status_code == 200
    assert client_for(None).get("/api/jobs").status_code == 401
