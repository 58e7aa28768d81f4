"""Scoring on a real Celery worker, Redis and PostgreSQL: a change becomes a new snapshot; a worker
killed mid-run leaves no partial snapshot and the work is finished after a restart; with Redis down
the web keeps working and the dirty subjects are scored when it is back."""

import os
import signal
import time

import pytest
from django.core.cache import caches
from django.db import transaction
from rest_framework.test import APIClient

from api_human.celery import app as celery_app
from api_human.core.models import Role
from api_human.core.services import record_create
from api_human.scoring import services
from api_human.scoring.models import Criterion, CurrentScore, DirtySubject, ScoreRun, ScoreSnapshot
from api_human.scoring.tasks import recompute, sweep
from opportunities.models import Opportunity
from stages.models import ChangeFocus, StagePhase
from tests.factories import EngagementFactory, MembershipFactory, OrganizationFactory, UserFactory

from .conftest import start_worker, stop_worker

pytestmark = pytest.mark.integration


def wait_for(condition, timeout=60, every=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def engagement_in_stage_a():
    """An engagement whose stage A is under way: its exit criteria apply (before that, not yet)."""
    engagement = EngagementFactory()
    StagePhase.objects.filter(engagement=engagement, stage="A").update(status="active")
    return engagement


def change_foci_raw(engagement):
    phase = StagePhase.objects.get(engagement=engagement, stage="A")
    current = CurrentScore.objects.filter(
        subject_type="stage", subject_id=phase.pk, rubric_key="stage-a-exit"
    ).first()
    if current is None:
        return None
    return next(c["raw"] for c in current.snapshot.criteria if c["key"] == "change-foci")


def test_a_change_becomes_a_new_snapshot_on_the_worker(celery_worker_process):
    team = UserFactory(role=Role.TEAM)
    engagement = engagement_in_stage_a()
    MembershipFactory(engagement=engagement, user=team)

    with transaction.atomic():  # three changes in one short window: one recompute
        for title in ("Access", "Trust", "Speed"):
            record_create(ChangeFocus, actor=team, data={"engagement": engagement, "title": title})

    assert wait_for(lambda: change_foci_raw(engagement) == 3.0), "the worker did not score the change"
    assert not DirtySubject.objects.exists()
    before = ScoreSnapshot.objects.count()

    record_create(ChangeFocus, actor=team, data={"engagement": engagement, "title": "Reach"})
    assert wait_for(lambda: change_foci_raw(engagement) == 4.0)
    # one new snapshot per rubric of the engagement's stages that read the change (only stage A's exit does)
    assert ScoreSnapshot.objects.count() == before + 1


def test_a_worker_killed_mid_run_leaves_no_partial_snapshot_and_the_work_is_done_after_restart(celery_queue):
    organization = OrganizationFactory(world="digital", kind="startup")
    Opportunity.objects.bulk_create(
        Opportunity(organization=organization, title=f"Offer {i}", evidence="pilots", languages=["he"])
        for i in range(1500)
    )
    services.mark_all_dirty()
    total = DirtySubject.objects.count()
    run = services.run_create(kind=ScoreRun.Kind.MANUAL)

    worker = start_worker(celery_queue, SCORING_BATCH_SIZE="25")
    try:
        recompute.apply_async(kwargs={"run_id": run.pk})
        assert wait_for(lambda: ScoreRun.objects.get(pk=run.pk).done >= 50, every=0.02), "".join(
            worker.output
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            stop_worker(worker)

    run.refresh_from_db()
    assert run.status == ScoreRun.Status.RUNNING
    assert 0 < run.done < run.total
    scored = CurrentScore.objects.filter(subject_type="opportunity").count()
    waiting = DirtySubject.objects.filter(kind="opportunity").count()
    assert scored + waiting == 1500, "every subject is either scored or still dirty"
    assert ScoreSnapshot.objects.filter(subject_type="opportunity").count() == scored, (
        "no snapshot without its pointer"
    )
    sizes = {
        len(s.criteria) for s in ScoreSnapshot.objects.filter(subject_type="opportunity").only("criteria")
    }
    criteria = Criterion.objects.filter(
        dimension__rubric__key="opportunity-pilot-readiness", dimension__rubric__status="published"
    )
    assert sizes == {criteria.count()}, "every snapshot is whole"

    worker = start_worker(celery_queue)
    try:
        sweep.apply_async()  # beat sends it every two minutes; it resumes the unfinished run
        assert wait_for(lambda: not DirtySubject.objects.exists(), timeout=120), "".join(worker.output)
        assert wait_for(lambda: ScoreRun.objects.get(pk=run.pk).status == ScoreRun.Status.DONE)
    finally:
        stop_worker(worker)
    assert CurrentScore.objects.filter(subject_type="opportunity").count() == 1500
    assert ScoreRun.objects.get(pk=run.pk).done >= total


@pytest.fixture
def redis_down(settings):
    """Point the broker and the cache at a port nothing listens on, as if Redis went down."""
    broker = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    celery_app._pool = None  # the next message opens a new connection pool, to the dead port
    celery_app.amqp._producer_pool = None
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    caches["default"].close()

    def back_up():
        celery_app.conf.broker_url = broker
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    yield back_up
    back_up()


def test_with_redis_down_the_web_keeps_working_and_nothing_is_lost(celery_worker_process, redis_down):
    team = UserFactory(role=Role.TEAM)
    engagement = engagement_in_stage_a()
    MembershipFactory(engagement=engagement, user=team)
    client = APIClient()
    client.force_login(team)

    response = client.post(
        "/api/v1/change-foci/", {"engagement": engagement.pk, "title": "Reach"}, format="json"
    )

    assert response.status_code == 201, response.content
    assert DirtySubject.objects.filter(kind="engagement", subject_id=engagement.pk).exists()
    assert change_foci_raw(engagement) is None

    redis_down()  # Redis is back: the sweep (beat, every two minutes) scores what waited
    sweep.apply_async()
    assert wait_for(lambda: change_foci_raw(engagement) == 1.0)
    assert not DirtySubject.objects.exists()
