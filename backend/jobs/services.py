"""Long jobs: start them, report progress, finish them.

A job's task is a procrastinate task taking ``job_id`` as its first keyword.
Use :func:`tracked` to write one: it marks the job running, hands the function a
``report(progress, message)`` callable, and stores the result or the error.
Progress is written in its own short transaction so that readers see it while
the job runs; each change is also pushed to the job's channel group.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django import app

from backend.jobs.models import Job

logger = logging.getLogger(__name__)
Report = Callable[[int, str], None]


def broadcast(job: Job) -> None:
    """Push the job's state to browsers listening on its group (no-op without listeners)."""
    from backend.live import push  # late import: live depends on channels being configured

    push(job.channel_group, "job.update", job_state(job))


def job_state(job: Job) -> dict[str, Any]:
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "result": job.result if job.status == Job.Status.SUCCEEDED else None,
        "error": job.error if job.status == Job.Status.FAILED else "",
    }


def job_start(*, kind: str, task, user=None, params: dict[str, Any] | None = None) -> Job:
    """Create the job row and queue its task once the surrounding transaction commits."""
    params = params or {}
    with transaction.atomic():
        job = Job.objects.create(kind=kind, created_by=user, params=params)
        transaction.on_commit(lambda: task.defer(job_id=job.pk, **params))
    return job


def _update(job_id: int, **fields: Any) -> Job:
    with transaction.atomic():
        Job.objects.filter(pk=job_id).update(**fields)
        job = Job.objects.get(pk=job_id)
    broadcast(job)
    return job


def job_report(job_id: int, progress: int, message: str = "") -> None:
    _update(job_id, progress=max(0, min(100, int(progress))), message=message[:255])


def tracked(kind: str, **task_options: Any):
    """Decorator: register *func(job_id, report, **params)* as a tracked procrastinate task."""

    def decorator(func: Callable[..., Any]):
        @app.task(name=f"innolink.{kind}", **task_options)
        @functools.wraps(func)
        def run(job_id: int, **params: Any) -> None:
            _update(job_id, status=Job.Status.RUNNING, started_at=timezone.now(), progress=0)
            try:
                result = func(job_id=job_id, report=functools.partial(job_report, job_id), **params)
            except Exception as exc:  # the job's failure is data for the user, not a crash of the worker
                logger.exception("job %s failed", job_id)
                _update(job_id, status=Job.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now())
                return
            _update(job_id, status=Job.Status.SUCCEEDED, progress=100, result=result, finished_at=timezone.now())

        return run

    return decorator
