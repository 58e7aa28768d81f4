"""Nothing lost, nothing doubled — against the production stack, run for real.

gunicorn (production settings, 3 workers), a Celery worker and beat, PostgreSQL and a Redis of the
test's own, with concurrent clients on real threads. Faults are done only to what the test started:
its own ``redis-server`` (paused, then killed and restarted empty), a TCP proxy in front of
PostgreSQL (cut, as a restart looks from the application), a worker killed with SIGKILL.
``bench/reliability.py`` runs the same for longer and prints the numbers.
"""

import time

import pytest
from django.db import connection
from django.utils import timezone

from api_human.core.models import Notification, OutboxMessage
from initiatives.models import Need
from opportunities.models import Match, Opportunity, OpportunityRevision
from tests.integration import faults
from tests.integration.conftest import wait_for
from tests.integration.stack import production_env, start_gunicorn

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("stack"),
]

STACK_ENV = {
    "API_THROTTLE_PARTNER_KEY": "100000/minute",
    "API_THROTTLE_USER": "100000/minute",
    # The dispatcher runs every second and sends again what was lost after 3 s; a task whose worker
    # died is run again after 8 s (production: 30 s, 5 min and the task time limit).
    "OUTBOX_DISPATCH_SECONDS": "1",
    "OUTBOX_RESEND_SECONDS": "3",
    "OUTBOX_LEASE_SECONDS": "8",
}


@pytest.fixture
def redis():
    server = faults.RedisServer()
    yield server
    server.close()


@pytest.fixture
def seeded(transactional_db, tmp_path):
    return faults.seed(secret_key=production_env(tmp_path)["SECRET_KEY"], partners=4, needs=3)


def stack_env(tmp_path, **overrides):
    # API calls only: an empty STATIC_ROOT spares the minutes collectstatic takes.
    return production_env(tmp_path, **STACK_ENV, **overrides)


def wait_until_matched(runs, *, timeout=90):
    def everything_matched():
        connection.close()  # read what the other processes committed, on a fresh connection
        return not faults.tally(runs)["unmatched"]

    wait_for(everything_matched, timeout=timeout, message=f"still unmatched: {faults.tally(runs)}")


# ------------------------------------------------------------------------------------------------
# Races against a live server
# ------------------------------------------------------------------------------------------------
def test_twins_with_one_idempotency_key_make_one_draft(tmp_path, redis, seeded):
    with start_gunicorn(stack_env(tmp_path, REDIS_URL=redis.url), workers=3) as web:
        run = faults.same_key_pairs(web.base_url, seeded.partner_keys, pairs=20)
    drafts = Opportunity.objects.filter(title__in=run["titles"])
    assert drafts.count() == 20 and drafts.values("title").distinct().count() == 20  # one row a pair
    assert set(run["statuses"]) <= {201, 409}, run["statuses"]  # the twin replays, or waits and says so
    assert run["statuses"][201] >= 38


def test_a_patch_racing_a_submit_never_undoes_it(tmp_path, redis, seeded):
    with start_gunicorn(stack_env(tmp_path, REDIS_URL=redis.url), workers=3) as web:
        run = faults.patch_submit_races(web.base_url, seeded.partner_keys, races=15)
    assert not [s for s in run["statuses"] if s.endswith(("500", "None"))], run["statuses"]
    assert (
        run["statuses"]["submit 200"] == 15
    )  # the submit always happens; the PATCH lands before it or is refused
    assert run["later"] == {200: 30}  # revise and submit again: nothing is left stuck
    for opportunity in Opportunity.objects.filter(pk__in=run["ids"]):
        assert (opportunity.state, opportunity.revision) == ("submitted", 2)
        assert list(opportunity.revisions.values_list("number", flat=True)) == [1, 2]
    assert OpportunityRevision.objects.filter(opportunity__in=run["ids"]).count() == 30


def test_two_people_editing_one_need_lose_nothing_and_a_stale_etag_is_a_412(tmp_path, redis, seeded):
    need_id = seeded.need_ids[0]
    with start_gunicorn(stack_env(tmp_path, REDIS_URL=redis.url), workers=3) as web:
        plain = faults.concurrent_edits(
            web.base_url, seeded.team_sessions, need_id, rounds=10, if_match=False
        )
        guarded = faults.concurrent_edits(
            web.base_url, seeded.team_sessions, need_id, rounds=10, if_match=True
        )
    assert plain["statuses"] == {200: 20} and plain["lost_silently"] == 0  # different fields: both kept
    assert guarded["statuses"] == {200: 10, 412: 10} and guarded["lost_silently"] == 0
    assert Need.objects.get(pk=need_id).version == 1 + 30


# ------------------------------------------------------------------------------------------------
# Outages
# ------------------------------------------------------------------------------------------------
def test_submissions_in_a_stream_are_matched_by_drains_not_one_broker_message_each(tmp_path, redis, seeded):
    """The matching is a drained task: partners submitting at once are matched by a few debounced
    drains on the worker, each message run once; no beat runs here, so none was left to the dispatcher."""
    from api_human.core.outbox import DRAIN_TASK

    env = stack_env(tmp_path, REDIS_URL=redis.url)
    with start_gunicorn(env, workers=3) as web, faults.Supervised("worker", env, tmp_path):
        runs = faults.submissions_during(web.base_url, seeded.partner_keys, clients=4, seconds=6)
        wait_until_matched(runs, timeout=30)
    result = faults.tally(runs)
    assert result["acknowledged"] == result["submissions"] >= 10, result
    assert (result["lost"], result["doubled"], result["unmatched"]) == (0, 0, []), result
    drains = set(OutboxMessage.objects.filter(task=DRAIN_TASK).values_list("task_id", flat=True))
    matches = list(
        OutboxMessage.objects.filter(task="opportunities.match_opportunity").values_list(
            "state", "attempts", "task_id"
        )
    )
    assert len(matches) == result["acknowledged"]
    assert {(state, attempts) for state, attempts, _ in matches} == {(OutboxMessage.State.DONE, 1)}
    assert {task_id for *_, task_id in matches} <= drains  # each run by a drain
    assert len(drains) < len(matches) / 2, (len(drains), len(matches))


def test_a_redis_outage_slows_nothing_fails_nothing_and_every_submission_is_matched(tmp_path, redis, seeded):
    env = stack_env(tmp_path, REDIS_URL=redis.url)

    def outage():
        redis.pause()  # hung: accepts connections, never answers
        time.sleep(4)
        redis.resume()
        redis.kill()  # gone, and back empty: every queued task is lost
        time.sleep(5)
        redis.start()

    with (
        start_gunicorn(env, workers=3) as web,
        faults.Supervised("worker", env, tmp_path),
        faults.Supervised("beat", env, tmp_path),
    ):
        runs = faults.submissions_during(
            web.base_url, seeded.partner_keys, clients=5, seconds=18, fault=outage
        )
        wait_until_matched(runs)
    result = faults.tally(runs)
    assert result["acknowledged"] == result["submissions"] >= 10, result
    assert all(status is not None and status < 500 for status in result["statuses"]), result
    assert result["slowest_seconds"] < 5, result  # about a second per Redis call, then the breaker
    assert (result["lost"], result["doubled"], result["unmatched"]) == (0, 0, []), result


def test_a_postgresql_restart_loses_nothing_and_doubles_nothing(tmp_path, redis, seeded):
    db = connection.settings_dict
    proxy = faults.FaultProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    through_proxy = production_env(tmp_path)["DATABASE_URL"].replace(
        f":{db['PORT'] or 5432}/", f":{proxy.port}/"
    )
    env = stack_env(tmp_path, REDIS_URL=redis.url, DATABASE_URL=through_proxy)
    try:
        with (
            start_gunicorn(env, workers=3) as web,
            faults.Supervised("worker", env, tmp_path),
            faults.Supervised("beat", env, tmp_path),
        ):
            runs = faults.submissions_during(
                web.base_url, seeded.partner_keys, clients=5, seconds=15, fault=lambda: proxy.cut(4)
            )
            wait_until_matched(runs)
    finally:
        proxy.close()
    result = faults.tally(runs)
    assert result["acknowledged"] == result["submissions"] >= 10, result
    assert result["server_errors"] == 0, result  # while the database is away: 503 with Retry-After, never 500
    assert (result["lost"], result["doubled"], result["unmatched"]) == (0, 0, []), result


def test_a_worker_killed_mid_run_leaves_nothing_unmatched_or_doubled(tmp_path, redis, seeded):
    env = stack_env(tmp_path, REDIS_URL=redis.url)
    with (
        start_gunicorn(env, workers=3) as web,
        faults.Supervised("beat", env, tmp_path),
        faults.Supervised("worker", env, tmp_path) as worker,
    ):
        runs = faults.submissions_during(
            web.base_url, seeded.partner_keys, clients=4, seconds=12, fault=worker.kill
        )
        wait_until_matched(runs)
        # A message the killed worker had started (its matching may even have committed) is run again
        # once its lease is over, and finished.
        wait_for(
            lambda: (
                not OutboxMessage.objects.exclude(state=OutboxMessage.State.DONE)
                .filter(task="opportunities.match_opportunity")
                .exists()
            ),
            timeout=60,
        )
    assert worker.restarts == 1
    result = faults.tally(runs)
    assert (result["lost"], result["doubled"], result["unmatched"]) == (0, 0, []), result
    submitted = [r.opportunity_id for r in runs if r.submitted]
    per_opportunity = {
        pk: Match.objects.filter(opportunity=pk).count() for pk in submitted
    }  # three open needs share the category: each matched to each once, however often the task ran
    assert set(per_opportunity.values()) == {3}, per_opportunity


# ------------------------------------------------------------------------------------------------
# Periodic work
# ------------------------------------------------------------------------------------------------
def test_two_alert_scans_at_once_tell_each_person_once(seeded):
    from api_human.core.alerts import alerts_scan
    from api_human.core.models import User
    from tensions.services import tension_create, tension_set_blocking

    team = User.objects.filter(role="team").first()
    for i in range(3):
        tension = tension_create(
            actor=team,
            data={
                "engagement_id": seeded.engagement_id,
                "title": f"Blocked {i}",
                "source_type": "value",
                "pole_a": "digital",
                "pole_b": "human",
            },
        )
        tension_set_blocking(
            tension=tension, actor=team, blocking=True, since=timezone.localdate().replace(year=2020)
        )

    def scan():
        try:
            return alerts_scan()
        finally:
            connection.close()

    counts = faults.at_once(*[scan] * 3)
    assert sorted(counts) == [0, 0, 6]  # two people × three tensions, once
    assert Notification.objects.count() == 6


def test_the_sweep_and_the_nightly_run_on_a_worker_are_recorded_done(celery_worker_process):
    from api_human.scoring import services as scoring
    from api_human.scoring.models import ScoreRun
    from api_human.scoring.tasks import recompute_all, sweep
    from tests.factories import EngagementFactory

    engagement = EngagementFactory()
    scoring.mark_dirty([("engagement", engagement.pk)], schedule=False)
    sweep.apply_async(queue=celery_worker_process)
    wait_for(lambda: ScoreRun.objects.filter(kind="sweep", status="done").exists())
    recompute_all.apply_async(queue=celery_worker_process)
    wait_for(lambda: ScoreRun.objects.filter(kind="nightly", status="done").exists())
    assert not ScoreRun.objects.filter(status="failed").exists()
