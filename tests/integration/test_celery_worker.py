"""Tasks travel through Redis to a real worker that writes to PostgreSQL."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from api_human.celery import app as celery_app
from api_human.core.tasks import clear_expired_sessions
from tests.integration.conftest import wait_for

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
