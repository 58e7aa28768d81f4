"""The transactional outbox: side effects written with the change, sent after the commit, sent again
until a worker has run them, run once however often they are delivered."""

import datetime
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from api_human.core import outbox
from api_human.core.breaker import redis_breaker
from api_human.core.models import Notification, OutboxMessage
from api_human.core.tasks import email_notifications
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
State = OutboxMessage.State
TASK = "core.email_notifications"


@pytest.fixture
def notification():
    return Notification.objects.create(
        user=UserFactory(email="someone@example.org"),
        kind="tension_blocking",
        subject_key="t:1",
        params={"title": "T", "days": 3},
    )


def test_nothing_leaves_before_the_commit_and_a_rollback_leaves_nothing(not_eager, notification):
    with mock.patch("api_human.core.tasks.email_notifications.apply_async") as send:
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.outbox_enqueue(TASK, kwargs={"ids": [notification.pk]})
            raise RuntimeError("the change fails")
        assert not OutboxMessage.objects.exists() and send.call_count == 0


def test_a_message_is_sent_after_the_commit(not_eager, notification, django_capture_on_commit_callbacks):
    with (
        mock.patch("api_human.core.tasks.email_notifications.apply_async") as send,
        django_capture_on_commit_callbacks(execute=True),
    ):
        outbox.outbox_enqueue(TASK, kwargs={"ids": [notification.pk]})
        assert send.call_count == 0
    message = OutboxMessage.objects.get()
    assert send.call_args.kwargs["kwargs"] == {"ids": [notification.pk], "_outbox": message.pk}
    assert message.state == State.PENDING and message.dispatched_at is not None


def test_with_the_broker_away_the_request_goes_on_and_the_dispatcher_sends_it_later(
    not_eager, notification, django_capture_on_commit_callbacks, settings
):
    with (
        mock.patch("api_human.core.tasks.email_notifications.apply_async", side_effect=BrokerError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        outbox.outbox_enqueue(TASK, kwargs={"ids": [notification.pk]})
    message = OutboxMessage.objects.get()
    assert message.state == State.PENDING and message.dispatched_at is None
    assert not redis_breaker.available()  # the next requests do not wait on the broker again
    with mock.patch("api_human.core.tasks.email_notifications.apply_async") as send:
        assert outbox.dispatch([message.pk]) == 0 and send.call_count == 0  # still cooling down
        redis_breaker.reset()
        assert outbox.dispatch_due()["sent"] == 1 and send.call_count == 1
        assert outbox.dispatch_due()["sent"] == 0  # sent a moment ago: not again yet
        OutboxMessage.objects.update(
            dispatched_at=timezone.now() - datetime.timedelta(seconds=settings.OUTBOX_RESEND_SECONDS + 1)
        )
        assert outbox.dispatch_due()["sent"] == 1  # sent long ago and never started: Redis lost it


def test_a_message_runs_once_however_often_it_is_delivered(notification, mailoutbox):
    message = OutboxMessage.objects.create(task=TASK, kwargs={"ids": [notification.pk]})
    for _ in range(3):
        email_notifications.apply(kwargs={"ids": [notification.pk], "_outbox": message.pk})
    message.refresh_from_db()
    assert message.state == State.DONE and message.attempts == 1 and len(mailoutbox) == 1


def test_a_message_whose_worker_died_runs_again_after_its_lease(notification, mailoutbox, settings):
    message = OutboxMessage.objects.create(
        task=TASK,
        kwargs={"ids": [notification.pk]},
        state=State.RUNNING,
        started_at=timezone.now(),
        task_id="the-dead-one",
    )
    email_notifications.apply(kwargs={"ids": [notification.pk], "_outbox": message.pk})
    assert len(mailoutbox) == 0  # someone else runs it (for all we know)
    assert message.pk not in set(outbox.due_messages().values_list("pk", flat=True))
    OutboxMessage.objects.update(
        started_at=timezone.now() - datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1)
    )
    assert message.pk in set(outbox.due_messages().values_list("pk", flat=True))
    email_notifications.apply(kwargs={"ids": [notification.pk], "_outbox": message.pk})
    message.refresh_from_db()
    assert message.state == State.DONE and len(mailoutbox) == 1


def test_a_failing_message_goes_back_and_is_given_up_after_too_many_attempts(notification, settings):
    message = OutboxMessage.objects.create(task=TASK, kwargs={"ids": [notification.pk]})
    with (
        mock.patch("api_human.core.services.notifications_email", side_effect=ValueError("bad")),
        pytest.raises(ValueError),
    ):
        email_notifications.apply(kwargs={"ids": [notification.pk], "_outbox": message.pk}, throw=True)
    message.refresh_from_db()
    assert message.state == State.PENDING and "bad" in message.last_error and message.attempts == 1
    OutboxMessage.objects.update(attempts=settings.OUTBOX_MAX_ATTEMPTS)
    assert outbox.dispatch_due()["dead"] == 1
    assert OutboxMessage.objects.get().state == State.DEAD


def test_while_one_message_waits_another_with_its_key_is_not_added():
    for _ in range(3):
        outbox.outbox_enqueue(
            "scoring.recompute", kwargs={"kind": "change"}, dedupe_key="scoring.recompute:change"
        )
    assert OutboxMessage.objects.count() == 1
    OutboxMessage.objects.update(state=State.RUNNING)  # started: a later change needs a run of its own
    outbox.outbox_enqueue(
        "scoring.recompute", kwargs={"kind": "change"}, dedupe_key="scoring.recompute:change"
    )
    assert OutboxMessage.objects.count() == 2


def test_finished_messages_are_forgotten_after_a_week(settings):
    old = timezone.now() - datetime.timedelta(days=settings.OUTBOX_KEEP_DAYS + 1)
    OutboxMessage.objects.create(task=TASK, state=State.DONE, finished_at=old)
    OutboxMessage.objects.create(task=TASK, state=State.DONE, finished_at=timezone.now())
    assert outbox.dispatch_due()["purged"] == 1 and OutboxMessage.objects.count() == 1


def test_one_alert_per_person_subject_and_kind_a_day_is_a_constraint(notification):
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            user=notification.user, kind=notification.kind, subject_key=notification.subject_key, params={}
        )


def test_an_administrator_sends_a_message_that_was_given_up_again(cast):
    from django.test import Client

    dead = OutboxMessage.objects.create(task=TASK, state=State.DEAD, attempts=25, last_error="SMTP down")
    admin = Client()
    admin.force_login(cast.admin)
    page = admin.get("/admin/core/outboxmessage/")
    assert page.status_code == 200 and "SMTP down" in page.content.decode()
    answer = admin.post(
        "/admin/core/outboxmessage/", {"action": "send_again", "_selected_action": [dead.pk]}, follow=True
    )
    assert answer.status_code == 200
    dead.refresh_from_db()
    assert (dead.state, dead.attempts, dead.dispatched_at) == (State.PENDING, 0, None)
    assert dead.pk in set(outbox.due_messages().values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_message_is_sent_and_marked_sent_at_once(not_eager, notification):
    """Autocommit (a task, a command): the on-commit send runs at once, from the message as written,
    and ``dispatched_at`` is recorded (its commit does not wait for the disk); a deduplicated message is
    added once, by one INSERT that never raises."""
    with mock.patch("api_human.core.tasks.email_notifications.apply_async") as send:
        outbox.outbox_enqueue(TASK, kwargs={"ids": [notification.pk]})
        for _ in range(2):
            outbox.outbox_enqueue(TASK, kwargs={"ids": []}, dedupe_key="digest")
    plain, deduplicated = OutboxMessage.objects.order_by("pk")
    assert send.call_count == 2
    assert send.call_args_list[0].kwargs["kwargs"] == {"ids": [notification.pk], "_outbox": plain.pk}
    assert send.call_args_list[1].kwargs["kwargs"] == {"ids": [], "_outbox": deduplicated.pk}
    assert all(m.state == State.PENDING and m.dispatched_at is not None for m in (plain, deduplicated))


def test_a_task_finished_in_its_transaction_commits_its_work_and_message_together(cast):
    """``finish_in_transaction`` (the matching): done with the work, in one commit; a failure rolls
    both back, and the message goes back to wait, its attempt counted, as any task's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opportunities import matching
    from opportunities.models import Match, Opportunity
    from opportunities.tasks import match_opportunity
    from tests.opportunities.test_matching import need

    assert match_opportunity.finish_in_transaction
    need(cast, "An open need")
    matching.forget_index()
    opportunity = Opportunity.objects.create(
        organization=cast.org_a, title="P", summary="S", need_categories=["citizen_services"], revision=1
    )
    message = OutboxMessage.objects.create(
        task=match_opportunity.name, kwargs={"opportunity_id": opportunity.pk, "revision": 1}
    )
    kwargs = {**message.kwargs, "_outbox": message.pk}
    # the matches are written, then the transaction fails: neither they nor the message's end are kept
    with (
        mock.patch("opportunities.matching.mark_dirty", side_effect=ValueError("bad")),
        pytest.raises(ValueError),
    ):
        match_opportunity.apply(kwargs=kwargs, throw=True)
    message.refresh_from_db()
    assert (message.state, message.attempts) == (State.PENDING, 1) and "bad" in message.last_error
    assert not Match.objects.filter(opportunity=opportunity).exists()
    OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        match_opportunity.apply(kwargs=kwargs, throw=True)
    message.refresh_from_db()
    assert message.state == State.DONE and message.attempts == 2
    assert Match.objects.filter(opportunity=opportunity).exists()
    finished = [i for i, q in enumerate(queries.captured_queries) if "core_outboxmessage" in q["sql"]]
    released = [i for i, q in enumerate(queries.captured_queries) if q["sql"].startswith("RELEASE SAVEPOINT")]
    # the claim, then the finish inside the work's transaction (here a savepoint of the test's)
    assert len(finished) == 2 and released and finished[1] < released[-1]


def test_a_debounced_message_known_to_wait_spares_the_next_changes_their_insert(
    not_eager, notification, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """Under a stream of changes each commit would ask the database whether the debounced message is
    still there; once a process has added it (or found it) and the commit is done, it knows it waits
    until shortly before its time — nothing runs it earlier — and asks nothing until then."""
    with mock.patch("api_human.core.tasks.email_notifications.apply_async") as send:
        with django_capture_on_commit_callbacks(execute=True):
            outbox.outbox_enqueue(TASK, kwargs={"ids": []}, dedupe_key="digest", countdown=30)
        with django_assert_num_queries(0), django_capture_on_commit_callbacks(execute=True):
            for _ in range(3):
                outbox.outbox_enqueue(TASK, kwargs={"ids": []}, dedupe_key="digest", countdown=30)
    assert send.call_count == 1 and OutboxMessage.objects.count() == 1

    # another process (its memory forgotten here) finds the waiting message and learns its time
    outbox.forget_waiting()
    with django_capture_on_commit_callbacks(execute=True):
        outbox.outbox_enqueue(TASK, kwargs={"ids": []}, dedupe_key="digest", countdown=30)
    with django_assert_num_queries(0):
        outbox.outbox_enqueue(TASK, kwargs={"ids": []}, dedupe_key="digest", countdown=30)

    # close to its time (or past it) the message may be running: the insert is made again
    OutboxMessage.objects.update(state=State.DONE)
    later = timezone.now() + datetime.timedelta(seconds=30) - outbox.WAITING_MARGIN
    with (
        mock.patch("api_human.core.outbox.timezone.now", return_value=later),
        django_capture_on_commit_callbacks(execute=True),
    ):
        outbox.outbox_enqueue(TASK, kwargs={"ids": []}, dedupe_key="digest", countdown=30)
    assert OutboxMessage.objects.filter(state=State.PENDING).count() == 1


def test_a_waiting_message_is_not_remembered_before_the_commit_nor_when_put_off(
    not_eager, notification, django_capture_on_commit_callbacks
):
    with mock.patch("api_human.core.tasks.email_notifications.apply_async"):
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.outbox_enqueue(TASK, kwargs={"ids": []}, dedupe_key="digest", countdown=30)
            raise RuntimeError("the change fails")
        assert not outbox._WAITING  # rolled back: nothing waits
        # a message put off further than the debounce (a failed run waiting for its retry) may run
        # before its time (the task's own retry): it is not taken as waiting
        OutboxMessage.objects.create(
            task=TASK,
            dedupe_key="digest",
            available_at=timezone.now() + datetime.timedelta(minutes=5),
        )
        with django_capture_on_commit_callbacks(execute=True):
            outbox.outbox_enqueue(TASK, kwargs={"ids": []}, dedupe_key="digest", countdown=30)
    assert not outbox._WAITING


def test_in_process_a_debounced_message_runs_at_the_commit_so_nothing_is_remembered_waiting(
    notification, django_capture_on_commit_callbacks
):
    """Without a broker (dev, unit tests) the message runs at its commit: the next change adds its own."""
    with mock.patch("api_human.core.tasks.email_notifications.run") as run:
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                outbox.outbox_enqueue(TASK, kwargs={"ids": []}, dedupe_key="digest", countdown=30)
    assert not outbox._WAITING and run.call_count == 2
