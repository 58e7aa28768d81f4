"""Recomputing at scale (issue 17) changes no score: a batch computes what one subject alone computes.

A batch shares the metrics' common reads, remembers the result of a set of readings it has already
evaluated and writes its snapshots with COPY; scored one subject per batch instead, every subject of the
demo must get the very same snapshot (score, band, coverage, every dimension and criterion row)."""

import pytest
from django.test import TestCase

from api_human.scoring import services
from api_human.scoring.models import CurrentScore, DirtySubject, ScoreRun, ScoreSnapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    from api_human.core.management.commands.loaddemo import load_all_demo

    with TestCase.captureOnCommitCallbacks(execute=True):
        load_all_demo()


def recompute_everything(settings, batch_size) -> dict:
    """Forget the current scores, mark every subject dirty and recompute with ``batch_size`` subjects
    per batch; returns every current score's snapshot by (subject type, subject, rubric)."""
    settings.SCORING_BATCH_SIZE = batch_size
    CurrentScore.objects.all().delete()  # so every subject gets a new snapshot
    services.mark_all_dirty()
    result = services.run_recompute(kind=ScoreRun.Kind.NIGHTLY)
    assert result["finished"] and not DirtySubject.objects.exists()
    return {
        (c.subject_type, c.subject_id, c.rubric_key): {
            "rubric": c.snapshot.rubric_id,
            "engagement": c.engagement_id,
            "score": c.snapshot.score,
            "coverage": c.snapshot.coverage,
            "band": c.snapshot.band,
            "digest": c.snapshot.digest,
            "dimensions": c.snapshot.dimensions,
            "criteria": c.snapshot.criteria,
            "computed_on": c.snapshot.computed_at.date(),
            "current": (c.snapshot_digest, c.score, c.band, c.kind, c.stage),
        }
        for c in CurrentScore.objects.select_related("snapshot")
    }


def test_a_batch_scores_every_demo_subject_as_it_scores_it_alone(demo, settings):
    alone = recompute_everything(settings, 1)
    batched = recompute_everything(settings, 10_000)
    assert {key[0] for key in alone} == {"organization", "engagement", "stage", "initiative", "opportunity"}
    assert len(alone) > 30  # the demo: its organisations, engagements and their stages, initiatives, offers
    assert batched == alone

    # ...and a nightly run over the same evidence finds every digest unchanged: nothing new is written
    before = ScoreSnapshot.objects.count()
    services.mark_all_dirty()
    services.run_recompute(kind=ScoreRun.Kind.NIGHTLY)
    assert ScoreSnapshot.objects.count() == before


def test_a_result_is_remembered_only_for_the_same_rubric_and_readings(demo):
    from api_human.scoring import engine

    plans = services.PlanCache()
    plan = plans.for_type("opportunity")[0]
    missing = tuple(engine.Reading(engine.MISSING) for _ in plan.criteria)
    first = plans.read_metric(plan, plan.criteria[0], 1)
    evidence = (first, *missing[1:])
    same = (engine.read_metric(plan.criteria[0], 1), *(engine.Reading(engine.MISSING) for _ in missing[1:]))
    assert same == evidence and same[0] is not first
    assert plans.evaluate(plan, evidence) is plans.evaluate(plan, same)  # equal readings: remembered
    assert plans.evaluate(plan, evidence).digest != plans.evaluate(plan, missing).digest
    assert plans.evaluate(plan, evidence) == engine.evaluated(
        engine.evaluate(plan, {c.key: r for c, r in zip(plan.criteria, evidence, strict=True)})
    )


def test_the_task_that_starts_a_large_run_asks_others_to_share_it(settings, recompute_messages):
    from opportunities.models import Opportunity
    from tests.factories import OrganizationFactory

    settings.SCORING_BATCH_SIZE = 2
    organization = OrganizationFactory(world="digital", kind="startup")
    Opportunity.objects.bulk_create(Opportunity(organization=organization, title=f"o{i}") for i in range(5))
    services.mark_all_dirty()
    run = services.run_create(kind=ScoreRun.Kind.NIGHTLY)

    result = services.run_recompute(run_id=run.pk, parallel=4)
    run.refresh_from_db()
    assert result["finished"] and run.status == ScoreRun.Status.DONE and run.done == run.total
    # five opportunities, three batches of two: one task per batch at most, so two more tasks
    assert run.total == 5
    assert [m.kwargs for m in recompute_messages] == [{"run_id": run.pk}] * 2

    # a helper that arrives after the others finished the run finds nothing and changes nothing
    snapshots = ScoreSnapshot.objects.count()
    assert services.run_recompute(run_id=run.pk, parallel=4)["finished"]
    assert ScoreSnapshot.objects.count() == snapshots and recompute_messages.count() == 2


def test_a_run_resumed_or_shared_does_not_ask_for_more_tasks(settings, recompute_messages):
    from opportunities.models import Opportunity
    from tests.factories import OrganizationFactory

    settings.SCORING_BATCH_SIZE = 2
    organization = OrganizationFactory(world="digital", kind="startup")
    Opportunity.objects.bulk_create(Opportunity(organization=organization, title=f"o{i}") for i in range(5))
    services.mark_all_dirty()
    run = services.run_create(kind=ScoreRun.Kind.NIGHTLY)
    ScoreRun.objects.filter(pk=run.pk).update(status=ScoreRun.Status.RUNNING)  # another task started it

    services.run_recompute(run_id=run.pk, parallel=4)
    assert not recompute_messages.exists()
    assert ScoreRun.objects.get(pk=run.pk).status == ScoreRun.Status.DONE


@pytest.fixture
def recompute_messages():
    """The recomputes the outbox records (sent after the commit — which a test never reaches)."""
    from api_human.core.models import OutboxMessage

    return OutboxMessage.objects.filter(task=services.RECOMPUTE_TASK)


@pytest.mark.django_db(transaction=True)
def test_two_lanes_score_every_demo_subject_as_one_batch_at_a_time_does(settings, monkeypatch):
    """A task works on two batches at once (the second in a thread, on a connection of its own, claiming
    from the other end): every subject gets the very same snapshot as one batch at a time gives, the
    run is done and counted once, and the lane's connection is closed."""
    from django.db import connection

    from api_human.core.management.commands.loaddemo import load_all_demo

    if connection.vendor != "postgresql":
        pytest.skip("lanes need PostgreSQL (SKIP LOCKED, a connection per lane)")
    with TestCase.captureOnCommitCallbacks(execute=True):
        load_all_demo()
    settings.SCORING_LANES = 1
    one_at_a_time = recompute_everything(settings, 3)

    lanes = []
    start = services._Lane.start
    monkeypatch.setattr(services._Lane, "start", lambda lane: (lanes.append(lane), start(lane)))
    settings.SCORING_LANES = 2
    before = ScoreSnapshot.objects.count()
    assert recompute_everything(settings, 3) == one_at_a_time
    assert len(lanes) == 1 and lanes[0].finished and lanes[0].error is None and not lanes[0].is_alive()
    run = ScoreRun.objects.latest("pk")
    assert run.status == ScoreRun.Status.DONE and run.done == run.total
    assert run.snapshots == ScoreSnapshot.objects.count() - before == len(one_at_a_time)


@pytest.mark.django_db(transaction=True)
def test_an_error_in_a_lane_fails_the_task_and_stops_the_other_lane(settings, monkeypatch):
    from django.db import connection

    from opportunities.models import Opportunity
    from tests.factories import OrganizationFactory

    if connection.vendor != "postgresql":
        pytest.skip("lanes need PostgreSQL (SKIP LOCKED, a connection per lane)")
    settings.SCORING_BATCH_SIZE, settings.SCORING_LANES = 2, 2
    organization = OrganizationFactory(world="digital", kind="startup")
    Opportunity.objects.bulk_create(Opportunity(organization=organization, title=f"o{i}") for i in range(12))
    services.mark_all_dirty()
    compute_rows = services.compute_rows

    def failing_in_the_lane(rows, **kwargs):
        import threading

        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("lane")
        return compute_rows(rows, **kwargs)

    monkeypatch.setattr(services, "compute_rows", failing_in_the_lane)
    with pytest.raises(RuntimeError, match="lane"):
        services.run_recompute(kind=ScoreRun.Kind.NIGHTLY)
    assert DirtySubject.objects.exists()  # the lane's batch was rolled back: its marks wait
