"""Drained tasks (the matching behind every partner submit): their messages are written with the change
as any other, and run together by a debounced drain instead of one broker message each — with nothing
lost when the drain has already started, fails, or never comes."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api_human.core import outbox
from api_human.core.models import OutboxMessage
from api_human.core.tasks import drain_outbox, email_notifications

pytestmark = pytest.mark.django_db
State = OutboxMessage.State
TASK = email_notifications.name
DRAIN_KEY = f"{outbox.DRAIN_TASK}:{TASK}"


@pytest.fixture
def drained():
    with mock.patch.object(email_notifications, "drained", True):
        yield


@pytest.fixture
def sends():
    with (
        mock.patch("api_human.core.tasks.email_notifications.apply_async") as one_by_one,
        mock.patch("api_human.core.tasks.drain_outbox.apply_async") as drains,
    ):
        yield one_by_one, drains


@pytest.fixture
def emailed():
    with mock.patch("api_human.core.services.notifications_email", return_value=1) as email:
        yield email


def pending(n=1, **fields):
    return [OutboxMessage.objects.create(task=TASK, kwargs={"ids": [i]}, **fields) for i in range(n)]


def test_messages_of_a_drained_task_are_sent_by_one_drain_not_one_by_one(
    not_eager, drained, sends, django_capture_on_commit_callbacks, django_assert_num_queries
):
    one_by_one, drains = sends
    with django_capture_on_commit_callbacks(execute=True):
        outbox.outbox_enqueue(TASK, kwargs={"ids": [1]})
    drain = OutboxMessage.objects.get(task=outbox.DRAIN_TASK)
    assert drain.kwargs == {"task": TASK} and drain.dedupe_key == DRAIN_KEY
    assert drain.available_at > timezone.now()  # debounced
    assert drains.call_args.kwargs["kwargs"] == {"task": TASK, "_outbox": drain.pk}
    # the next changes, while that drain surely waits: their own insert and nothing after the commit
    for i in range(2, 5):
        with django_assert_num_queries(1), django_capture_on_commit_callbacks(execute=True):
            outbox.outbox_enqueue(TASK, kwargs={"ids": [i]})
    assert one_by_one.call_count == 0 and drains.call_count == 1
    messages = OutboxMessage.objects.filter(task=TASK)
    assert messages.count() == 4 and not messages.exclude(state=State.PENDING, dispatched_at=None).exists()


def test_a_drain_runs_every_due_message_of_its_task_by_batches(not_eager, emailed, monkeypatch):
    monkeypatch.setattr(outbox, "DRAIN_BATCH", 2)
    due = pending(5)
    later = pending(1, available_at=timezone.now() + datetime.timedelta(minutes=5))
    other = OutboxMessage.objects.create(task="core.scan_alerts")
    with CaptureQueriesContext(connection) as queries:
        assert outbox.drain(TASK, task_id="the-drain") == 5
    claims = [q for q in queries.captured_queries if "FOR UPDATE SKIP LOCKED" in q["sql"]]
    assert len(claims) == 3  # 2 + 2 + 1
    assert sorted(call.kwargs["ids"] for call in emailed.call_args_list) == [[i] for i in range(5)]
    for message in due:
        message.refresh_from_db()
        assert (message.state, message.attempts, message.task_id) == (State.DONE, 1, "the-drain")
    assert OutboxMessage.objects.get(pk=later[0].pk).state == State.PENDING
    assert OutboxMessage.objects.get(pk=other.pk).state == State.PENDING


def test_in_a_drain_a_failing_message_goes_back_and_the_others_run(not_eager, emailed):
    first, failing, last = pending(3)
    emailed.side_effect = lambda ids: (_ for _ in ()).throw(ValueError("bad")) if ids == [1] else 1
    assert outbox.drain(TASK) == 3
    states = dict(OutboxMessage.objects.values_list("pk", "state"))
    assert states == {first.pk: State.DONE, failing.pk: State.PENDING, last.pk: State.DONE}
    failing.refresh_from_db()
    assert "bad" in failing.last_error and failing.attempts == 1 and failing.available_at > timezone.now()


@pytest.mark.django_db(transaction=True)
def test_when_the_database_fails_the_drain_stops_and_its_retry_takes_over_what_it_had_claimed(
    not_eager, emailed
):
    messages = pending(3)
    emailed.side_effect = OperationalError("the server closed the connection")
    with pytest.raises(OperationalError):
        outbox.drain(TASK, task_id="drain-1")
    assert emailed.call_count == 1  # stopped at the first
    states = set(OutboxMessage.objects.values_list("state", "task_id"))
    assert states == {(State.RUNNING, "drain-1")}  # all three claimed in one batch
    emailed.side_effect, emailed.return_value = None, 1
    assert outbox.drain(TASK, task_id="another-drain") == 0  # not its messages (until their lease ends)
    assert outbox.drain(TASK, task_id="drain-1") == 3  # the Celery retry of the same drain
    assert set(
        OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).values_list("state", flat=True)
    ) == {State.DONE}


def test_the_drain_task_claims_its_own_message_and_runs_the_drain(not_eager, emailed):
    pending(2)
    drain = OutboxMessage.objects.create(task=outbox.DRAIN_TASK, kwargs={"task": TASK}, dedupe_key=DRAIN_KEY)
    assert drain_outbox.apply(kwargs={"task": TASK, "_outbox": drain.pk}, throw=True).result == 2
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {State.DONE}
    # delivered again: it does nothing
    assert drain_outbox.apply(kwargs={"task": TASK, "_outbox": drain.pk}, throw=True).result is None


def test_a_change_committed_once_the_drain_has_started_gets_a_drain_of_its_own(
    not_eager, drained, sends, django_capture_on_commit_callbacks
):
    _one_by_one, drains = sends
    with django_capture_on_commit_callbacks(execute=True):
        outbox.outbox_enqueue(TASK, kwargs={"ids": [1]})
    first = OutboxMessage.objects.get(task=outbox.DRAIN_TASK)
    # the drain starts: this process still remembers it waiting, until shortly before its time
    outbox.claim(first.pk, task_id="drain-1")
    outbox.forget_waiting()  # (another process, or its time has come)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.outbox_enqueue(TASK, kwargs={"ids": [2]})
    second = OutboxMessage.objects.get(task=outbox.DRAIN_TASK, state=State.PENDING)
    assert second.pk != first.pk and drains.call_count == 2

    # another process finds the waiting one: no second is added, and it is remembered
    outbox.forget_waiting()
    with django_capture_on_commit_callbacks(execute=True):
        outbox.outbox_enqueue(TASK, kwargs={"ids": [3]})
    assert OutboxMessage.objects.filter(task=outbox.DRAIN_TASK).count() == 2 and drains.call_count == 2
    assert DRAIN_KEY in outbox._WAITING


def test_a_drained_message_whose_drain_never_came_is_sent_by_the_dispatcher(
    not_eager, drained, sends, emailed, django_capture_on_commit_callbacks
):
    """The process died between the commit and making sure of a drain: the message was never sent,
    and the dispatcher sends it on its own, as any other; it runs once however it arrives."""
    one_by_one, _drains = sends
    with django_capture_on_commit_callbacks(execute=False):
        outbox.outbox_enqueue(TASK, kwargs={"ids": [7]})
    message = OutboxMessage.objects.get(task=TASK)
    assert message.pk in set(outbox.due_messages().values_list("pk", flat=True))
    assert outbox.dispatch_due()["sent"] == 1
    assert one_by_one.call_args.kwargs["kwargs"] == {"ids": [7], "_outbox": message.pk}
    email_notifications.apply(kwargs={"ids": [7], "_outbox": message.pk}, throw=True)
    assert outbox.drain(TASK) == 0
    message.refresh_from_db()
    assert message.state == State.DONE and emailed.call_count == 1


def test_in_process_a_drained_task_runs_at_the_commit_as_any_other(
    drained, emailed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.outbox_enqueue(TASK, kwargs={"ids": [1]})
    assert emailed.call_count == 1 and not OutboxMessage.objects.filter(task=outbox.DRAIN_TASK).exists()


def test_the_matching_is_drained():
    from opportunities.tasks import match_opportunity

    assert match_opportunity.drained and match_opportunity.finish_in_transaction


def test_a_drain_that_keeps_finding_work_hands_the_rest_to_the_next(not_eager, emailed, sends, monkeypatch):
    _one_by_one, drains = sends
    monkeypatch.setattr(outbox, "DRAIN_BATCH", 1)
    monkeypatch.setattr(outbox, "DRAIN_ROUNDS", 2)
    pending(3)
    assert outbox.drain(TASK) == 2
    assert OutboxMessage.objects.filter(task=TASK, state=State.PENDING).count() == 1
    assert OutboxMessage.objects.filter(task=outbox.DRAIN_TASK, state=State.PENDING).count() == 1
    assert drains.call_count == 1
