"""Scoring on Celery. Every task is idempotent: the durable queue is the ``DirtySubject`` table, so a
retried, duplicated or redelivered task only finishes what is still dirty. No task waits for another:
a run that needs more time hands over to a new task through the outbox."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from api_human.core.outbox import OutboxTask, outbox_enqueue

from . import services
from .models import DirtySubject, ScoreRun

logger = logging.getLogger(__name__)

# A run keeps going in one task for this long, then hands over to a fresh task (same run).
RUN_BUDGET_SECONDS = 240
# Every scoring task: acknowledged late, retried with backoff while the database is away, and given a
# little more than its budget before it is stopped.
RUN_OPTIONS = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "soft_time_limit": RUN_BUDGET_SECONDS + 60,
    "time_limit": RUN_BUDGET_SECONDS + 120,
}


def _run(run_id: int | None, kind: str = ScoreRun.Kind.CHANGE) -> dict:
    """Work on a run for up to the budget; an unfinished run continues in a new task (outbox)."""
    try:
        result = services.run_recompute(
            run_id=run_id,
            kind=kind,
            budget_seconds=RUN_BUDGET_SECONDS,
            parallel=settings.SCORING_PARALLEL_TASKS,
        )
    except SoftTimeLimitExceeded:
        result = {"run": run_id, "finished": False}
    except (OperationalError, InterfaceError):  # passing: autoretry runs it again, the run stays open
        raise
    except Exception as error:
        if run_id:
            services.run_fail(run_id, repr(error))
        raise
    if not result["finished"] and result["run"]:
        outbox_enqueue(services.RECOMPUTE_TASK, kwargs={"run_id": result["run"]})
    return result


@shared_task(
    name="scoring.recompute",
    base=OutboxTask,
    bind=True,
    reject_on_worker_lost=True,
    max_retries=5,
    **RUN_OPTIONS,
)
def recompute(self, run_id: int | None = None, kind: str = ScoreRun.Kind.CHANGE) -> dict:
    """Recompute every dirty subject (the run ``run_id``, or a new one of ``kind``)."""
    return _run(run_id, kind)


@shared_task(name="scoring.recompute_all", max_retries=5, **RUN_OPTIONS)
def recompute_all() -> dict:
    """Nightly (beat): mark every subject dirty and recompute; unchanged scores write nothing."""
    services.mark_all_dirty()
    run = services.run_create(kind=ScoreRun.Kind.NIGHTLY)
    return _run(run.pk)


@shared_task(name="scoring.sweep", max_retries=3, **RUN_OPTIONS)
def sweep() -> dict:
    """Every few minutes (beat): subjects still dirty — their task was lost while Redis was down, or a
    worker died — are recomputed; an unfinished run is resumed. A run with nothing left is closed."""
    stale = (
        ScoreRun.objects.filter(status__in=[ScoreRun.Status.QUEUED, ScoreRun.Status.RUNNING])
        .order_by("pk")
        .first()
    )
    if not DirtySubject.objects.exists():
        if stale is not None:
            ScoreRun.objects.filter(pk=stale.pk).update(
                status=ScoreRun.Status.DONE, finished_at=timezone.now()
            )
        return {"dirty": 0}
    return _run(stale.pk if stale else None, ScoreRun.Kind.SWEEP)
