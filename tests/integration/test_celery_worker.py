"""Tasks travel through Redis to a real worker that writes to PostgreSQL."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from api_human.celery import app as celery_app
from api_human.core.tasks import clear_expired_sessions
from tests.integration.conftest import start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_the_worker_clears_expired_sessions(celery_worker_process):
    live, expired = SessionStore(), SessionStore()
    live.create()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(days=1)
    )

    clear_expired_sessions.apply_async(queue=celery_worker_process)

    # No result backend (nothing reads results): the effect in the database is the answer.
    wait_for(lambda: not Session.objects.filter(session_key=expired.session_key).exists())
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


@pytest.fixture
def reusing_worker(celery_queue):
    """A worker that keeps its database connection between tasks, as production's does."""
    worker = start_worker(celery_queue, CONN_MAX_AGE="60")
    try:
        yield celery_queue
    finally:
        stop_worker(worker)


def _worker_backends() -> set[int]:
    """The PostgreSQL backends of other clients of the test database (here: the worker's)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        return {pid for (pid,) in cursor.fetchall()}


def _expired_session_cleared(queue) -> None:
    expired = SessionStore()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(days=1)
    )
    clear_expired_sessions.apply_async(queue=queue)
    wait_for(lambda: not Session.objects.filter(session_key=expired.session_key).exists())


def test_the_worker_keeps_its_database_connection_between_tasks_until_one_fails(reusing_worker):
    """Celery's own Django fixup would open a PostgreSQL backend for every task (a fork and its
    catalogue warm-up: a quarter of the machine under partner writes); ours keeps the connection after
    a task that succeeded (Django's rules: ``CONN_MAX_AGE``, health check) and closes it after one
    that failed."""
    _expired_session_cleared(reusing_worker)
    first = wait_for(_worker_backends)
    for _ in range(3):
        _expired_session_cleared(reusing_worker)
    assert _worker_backends() == first  # the same backend served every task

    # a task that fails in the worker (sent by name: apply_async would refuse the argument here)
    celery_app.send_task(clear_expired_sessions.name, kwargs={"unexpected": 1}, queue=reusing_worker)
    wait_for(lambda: not _worker_backends(), message="the failed task's connection was not closed")
    _expired_session_cleared(reusing_worker)
    assert wait_for(_worker_backends).isdisjoint(first)  # a new connection after the failure


def test_tasks_are_serialised_as_json_and_acknowledged_late():
    conf = celery_app.conf
    assert conf.task_serializer == "json" and conf.accept_content == ["json"]
    assert conf.task_ignore_result is True and not conf.result_backend  # the web never waits on results
    assert conf.task_acks_late is True and conf.task_reject_on_worker_lost is True
    assert conf.task_time_limit > conf.task_soft_time_limit > 0


def test_every_beat_schedule_names_a_registered_task():
    celery_app.loader.import_default_modules()
    for entry in celery_app.conf.beat_schedule.values():
        assert entry["task"] in celery_app.tasks


def test_the_worker_runs_the_alert_scan_on_postgresql(celery_worker_process):
    from api_human.core.models import Notification, Role
    from api_human.core.tasks import scan_alerts
    from tensions.services import tension_create, tension_set_blocking
    from tests.factories import EngagementFactory, MembershipFactory, UserFactory

    team = UserFactory(username="alerted", role=Role.TEAM)
    engagement = EngagementFactory()
    MembershipFactory(engagement=engagement, user=team)
    tension = tension_create(
        actor=team,
        data={
            "engagement": engagement,
            "title": "Blocked",
            "source_type": "value",
            "pole_a": "a",
            "pole_b": "b",
        },
    )
    tension_set_blocking(tension=tension, actor=team, blocking=True, since=datetime.date(2020, 1, 1))

    scan_alerts.apply_async(queue=celery_worker_process)

    wait_for(lambda: Notification.objects.exists())
    assert Notification.objects.get().user == team
