"""Job-queue tasks of the engine (found by procrastinate's autodiscovery)."""

from __future__ import annotations

from backend.engine.models import AssignmentRun
from backend.engine.services import solve
from backend.jobs.services import tracked


@tracked("engine.assignment")
def solve_assignment(*, job_id: int, report, run_id: int) -> dict:
    """Solve a large assignment run; the run stores the items, the job a summary."""
    run = solve(AssignmentRun.objects.get(pk=run_id), report=report)
    return {"run": run.pk, "total_score": run.total_score, "optimal": run.optimal, "assigned": run.stats["assigned"]}
