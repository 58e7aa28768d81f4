"""The transactional outbox: side effects of a change (matching, score recomputes, e-mails) are written
as ``OutboxMessage`` rows in the change's own transaction and sent to Celery after it commits.

* The request never waits on Redis for more than the broker's short timeouts: if the broker is away,
  the message simply stays pending.
* ``dispatch_due`` (beat, every ``OUTBOX_DISPATCH_SECONDS``) sends what is pending — never sent, sent
  but lost (Redis without persistence), or started by a worker that died — again, with backoff.
* A task that carries a message (``OutboxTask``) claims it first, so a duplicate delivery does nothing,
  and marks it done when it has finished; its work must be idempotent (at-least-once delivery).
"""

import logging
from datetime import timedelta

from celery import Task, current_app
from celery.exceptions import Retry
from django.conf import settings
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.db.models.sql import UpdateQuery
from django.utils import timezone

from .breaker import redis_breaker
from .models import OutboxMessage

logger = logging.getLogger(__name__)
MESSAGE_KWARG = "_outbox"
State = OutboxMessage.State


def outbox_enqueue(
    task: str, *, kwargs: dict | None = None, dedupe_key: str = "", countdown: float = 0
) -> None:
    """Record that ``task`` must run once the current transaction commits, and send it then.

    With ``dedupe_key``, a message that is still waiting with the same key is enough: no second one is
    added (used to debounce score recomputes). A task marked ``drained`` is not sent message by message
    but run by a drain (see ``drain``)."""
    now = timezone.now()
    message = OutboxMessage(
        task=task,
        kwargs=kwargs or {},
        dedupe_key=dedupe_key,
        available_at=now + timedelta(seconds=countdown),
    )
    if dedupe_key:
        if not _add_deduplicated(message, now):  # one is already waiting
            return
    elif not countdown and not in_process() and getattr(_task(task), "drained", False):
        _add_drained(message)
        return
    else:
        message.save()
    # Robust: an unreachable broker must not turn a committed change into an error. In-process
    # (no Redis: dev and unit tests) a failing task still raises, as any code would. The message is
    # sent as written (it was committed a moment ago: nothing else has run it yet, and a duplicate
    # delivery does nothing), without reading it back.
    transaction.on_commit(lambda: _send([message]), robust=not in_process())


def _add_deduplicated(message: OutboxMessage, now) -> bool:
    """Add ``message`` unless one with its key is waiting; whether it was added."""
    key = message.dedupe_key
    if _surely_waiting(key, now):
        return False
    inserted, waiting_until = _insert_unless_waiting(message)
    if waiting_until is not None and now < waiting_until <= message.available_at and not in_process():
        # remembered once committed (a waiting message whose time was put off, a retry, is not;
        # in-process, the message runs at the commit: nothing waits)
        transaction.on_commit(lambda: _WAITING.__setitem__(key, waiting_until))
    return inserted


# A deduplicated message this process added with a delay (a debounced recompute), by its key: until
# shortly before its time, nothing runs it (a task is sent with that delay, the dispatcher only sends
# what is due), so it is still waiting and a change committed meanwhile is its work too — the insert
# that would find it there is not made (a statement per request under a stream of changes). Kept only
# once that insert has committed. A clock of a worker ahead of this one's by more than the margin at
# worst leaves such a change to the next message or the sweep (scoring's), never loses it.
_WAITING: dict[str, object] = {}
WAITING_MARGIN = timedelta(seconds=0.1)


def _surely_waiting(dedupe_key: str, now) -> bool:
    available_at = _WAITING.get(dedupe_key)
    if available_at is None:
        return False
    if now < available_at - WAITING_MARGIN:
        return True
    _WAITING.pop(dedupe_key, None)
    return False


def forget_waiting() -> None:
    """Forget the waiting messages this process remembered (a test's database is rolled back)."""
    _WAITING.clear()


def _insert_unless_waiting(message: OutboxMessage) -> tuple[bool, object]:
    """Insert ``message`` unless one with its deduplication key is waiting: whether it was inserted,
    and when the waiting one (``message`` or the one found) becomes due, if known. On PostgreSQL one
    statement: ``INSERT … ON CONFLICT DO NOTHING`` that also reads the message it found (no savepoint,
    no exception to catch)."""
    if connection.vendor != "postgresql":
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:
            return False, None
        return True, message.available_at
    meta = OutboxMessage._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    sql = (
        f"WITH added AS (INSERT INTO {table} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608 - names, not input
        f"VALUES ({', '.join(['%s'] * len(fields))}) ON CONFLICT DO NOTHING RETURNING {pk}) "
        f"SELECT {pk}, NULL FROM added UNION ALL "
        f"SELECT NULL, available_at FROM {table} WHERE dedupe_key = %s AND state = %s "
        "AND NOT EXISTS (SELECT 1 FROM added)"
    )
    values = [field.get_db_prep_save(getattr(message, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, message.dedupe_key, State.PENDING])
        row = cursor.fetchone()
    if row is None:  # one committed after this statement began is waiting
        return False, None
    if row[0] is None:
        return False, row[1]
    message.pk = row[0]
    message._state.adding, message._state.db = False, connection.alias
    return True, message.available_at


# ------------------------------------------------------------------------------------------------
# Drained tasks
# ------------------------------------------------------------------------------------------------
# A task marked ``drained`` (matching, behind every partner submit) is not sent to the broker message by
# message: its messages are written as any other, and after the commit a debounced ``core.drain_outbox``
# message for the task (``OUTBOX_DRAIN_SECONDS``) is made sure of — one that has not started yet, found
# or added — which runs all that are pending, claimed by the batch. Under a stream of changes this
# spares each one a broker round trip, the "sent" update, a delivery and a claim committed on its own,
# and mostly the look for the drain too (a drain known to wait, as for any debounced message).
# Committed before the drain starts, a message is seen by its claim; if the process dies between the
# commit and that look, the message, never sent, waits for the dispatcher as any other.
DRAIN_TASK = "core.drain_outbox"
DRAIN_BATCH = 100  # messages claimed by one statement
DRAIN_ROUNDS = 50  # batches one drain runs before it hands the rest to the next drain


def _add_drained(message: OutboxMessage) -> None:
    message.save()
    transaction.on_commit(lambda: ensure_drain(message.task), robust=True)


def ensure_drain(task_name: str) -> None:
    """Outside a transaction (after the commit of a drained task's messages): make sure a drain of
    ``task_name`` that has not started yet will run — one known to wait, else the one found waiting,
    else a new one, sent."""
    now = timezone.now()
    key = f"{DRAIN_TASK}:{task_name}"
    if _surely_waiting(key, now):
        return
    drain_message = OutboxMessage(
        task=DRAIN_TASK,
        kwargs={"task": task_name},
        dedupe_key=key,
        available_at=now + timedelta(seconds=settings.OUTBOX_DRAIN_SECONDS),
    )
    if _add_deduplicated(drain_message, now):
        _send([drain_message])


def drain(task_name: str, *, task_id: str = "") -> int:
    """Run the pending messages of ``task_name`` that are due, by batches of ``DRAIN_BATCH`` (one
    claim statement each), each in its own transaction (with its finish, for a task that finishes in
    its transaction); returns how many ran. A message that fails goes back, as an ``OutboxTask``'s
    would, for the dispatcher to send on its own later; if the database fails, the drain stops and is
    retried (its retry takes over the messages it had claimed, as ``claim`` does)."""
    task = _task(task_name)
    ran = 0
    for _ in range(DRAIN_ROUNDS):
        batch = _claim_batch(task_name, task_id=task_id, limit=DRAIN_BATCH)
        for message_id, kwargs in batch:
            _run_claimed(task, message_id, kwargs)
        ran += len(batch)
        if len(batch) < DRAIN_BATCH:
            return ran
    ensure_drain(task_name)  # more keep coming: the next drain takes the rest
    return ran


def _claim_batch(task_name: str, *, task_id: str, limit: int) -> list[tuple[int, dict]]:
    now = timezone.now()
    ready = Q(state=State.PENDING, available_at__lte=now)
    if task_id:
        ready |= Q(state=State.RUNNING, task_id=task_id)  # this drain's, before its retry
    with transaction.atomic():
        batch = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(ready, task=task_name)
            .order_by("pk")
            .values_list("pk", "kwargs")[:limit]
        )
        if batch:
            OutboxMessage.objects.filter(pk__in=[pk for pk, _ in batch]).update(
                state=State.RUNNING, started_at=now, task_id=task_id, attempts=F("attempts") + 1
            )
    return batch


def _run_claimed(task, message_id: int, kwargs: dict) -> None:
    try:
        _run_and_finish(task, message_id, lambda: task.run(**kwargs))
    except (OperationalError, InterfaceError):
        raise  # the database: the drain's retry takes the message over
    except Exception as error:
        logger.exception("outbox: %s #%s failed in a drain", task.name, message_id)
        release(message_id, error=repr(error), retry_in=settings.OUTBOX_RESEND_SECONDS)


def _app():
    """The project's Celery application (``api_human/celery.py`` makes itself the current one when the
    project package loads), read without importing the project from the core."""
    return current_app._get_current_object()


def in_process() -> bool:
    """Whether tasks run in this process at once (no broker: dev and unit tests)."""
    return bool(_app().conf.task_always_eager)


def _task(name: str):
    """The task called ``name``; the apps' task modules are imported on first use (autodiscovery is
    lazy, and a web process may not have imported them yet)."""
    app = _app()
    if name not in app.tasks:
        app.loader.import_default_modules()
    return app.tasks[name]


def dispatch(ids) -> int:
    """Send the pending messages ``ids`` to the broker now; returns how many were sent. A broker that
    does not answer within its short timeouts leaves them pending for ``dispatch_due``."""
    app = _app()
    if not app.conf.task_always_eager and not redis_breaker.available():
        return 0  # the broker failed a moment ago: the messages wait for the dispatcher
    return _send(OutboxMessage.objects.filter(pk__in=ids, state__in=[State.PENDING, State.RUNNING]))


def _send(messages) -> int:
    app = _app()
    now = timezone.now()
    if not app.conf.task_always_eager and not redis_breaker.available():
        return 0  # the broker failed a moment ago: the messages wait for the dispatcher
    sent = []
    for message in messages:
        task = _task(message.task)
        kwargs = {**message.kwargs, MESSAGE_KWARG: message.pk}
        if app.conf.task_always_eager:
            task.apply_async(kwargs=kwargs)
            sent.append(message.pk)
            continue
        delay = max(0.0, (message.available_at - now).total_seconds())
        try:
            task.apply_async(kwargs=kwargs, countdown=delay or None)
        except Exception:  # the broker is unreachable: the message waits for the dispatcher
            logger.warning("outbox: could not send %s #%s; it stays pending", message.task, message.pk)
            redis_breaker.failed()
            break
        sent.append(message.pk)
    if sent:
        _mark_dispatched(sent)
    return len(sent)


def _mark_dispatched(ids) -> None:
    """One statement for all that left (not one per message); a message a task has already finished
    (in-process) keeps its state. ``dispatched_at`` only spares the dispatcher a resend: outside a
    transaction it is written without waiting for the disk (``synchronous_commit`` off for this
    statement alone) — lost in a crash, the message is merely sent again, and runs once all the same."""
    rows = OutboxMessage.objects.filter(pk__in=ids, state__in=[State.PENDING, State.RUNNING])
    if connection.vendor != "postgresql" or connection.in_atomic_block or not connection.get_autocommit():
        rows.update(dispatched_at=timezone.now())
        return
    query = rows.query.chain(UpdateQuery)
    query.add_update_values({"dispatched_at": timezone.now()})
    statement, params = query.get_compiler(connection=connection).as_sql()
    with connection.cursor() as cursor:
        # Two statements in one message run as one transaction: the setting holds for its commit only.
        cursor.execute("SELECT set_config('synchronous_commit', 'off', true); " + statement, params)


def due_messages(now=None):
    """Messages to send (again): pending and never sent or sent long ago (lost by the broker), or
    running for longer than a task may run (its worker died)."""
    now = now or timezone.now()
    resend = now - timedelta(seconds=settings.OUTBOX_RESEND_SECONDS)
    lease = now - timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    return OutboxMessage.objects.filter(
        Q(state=State.PENDING, available_at__lte=now)
        & (Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=resend))
        | Q(state=State.RUNNING, started_at__lt=lease)
    ).order_by("available_at", "id")


def dispatch_due(*, limit: int = 1000) -> dict:
    """The periodic dispatcher: send what is due, give up on messages that failed too often, and forget
    finished ones after ``OUTBOX_KEEP_DAYS``."""
    now = timezone.now()
    dead = OutboxMessage.objects.filter(
        state__in=[State.PENDING, State.RUNNING], attempts__gte=settings.OUTBOX_MAX_ATTEMPTS
    ).update(state=State.DEAD, finished_at=now)
    if dead:
        logger.error(
            "outbox: %s message(s) failed %s times and were given up", dead, settings.OUTBOX_MAX_ATTEMPTS
        )
    ids = list(due_messages(now).values_list("pk", flat=True)[:limit])
    sent = dispatch(ids) if ids else 0
    purged, _ = OutboxMessage.objects.filter(
        state=State.DONE, finished_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    ).delete()
    return {"due": len(ids), "sent": sent, "dead": dead, "purged": purged}


# ------------------------------------------------------------------------------------------------
# The worker's side
# ------------------------------------------------------------------------------------------------
def claim(message_id: int, *, task_id: str = "") -> bool:
    """Start a message: only one worker may run it at a time, and a finished one never runs again.
    A Celery retry of the same task (same ``task_id``) may take over its own running message."""
    now = timezone.now()
    lease = now - timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    takeover = Q(state=State.RUNNING, started_at__lt=lease)
    if task_id:
        takeover |= Q(state=State.RUNNING, task_id=task_id)
    return bool(
        OutboxMessage.objects.filter(pk=message_id)
        .filter(Q(state=State.PENDING) | takeover)
        .update(state=State.RUNNING, started_at=now, task_id=task_id, attempts=F("attempts") + 1)
    )


def finish(message_id: int) -> None:
    OutboxMessage.objects.filter(pk=message_id).update(
        state=State.DONE, finished_at=timezone.now(), last_error=""
    )


def release(message_id: int, *, error: str, retry_in: float) -> None:
    """Put a failed message back: the Celery retry (or, if that is lost, the dispatcher) runs it again.
    If the database is what failed, the message stays running: the retry of the same task takes it
    over, and the dispatcher sends it again once its lease is over."""
    try:
        OutboxMessage.objects.filter(pk=message_id, state=State.RUNNING).update(
            state=State.PENDING,
            available_at=timezone.now() + timedelta(seconds=retry_in),
            dispatched_at=timezone.now(),
            last_error=error[:2000],
        )
    except DatabaseError:
        logger.warning("outbox: could not put #%s back (database unavailable)", message_id)


class OutboxTask(Task):
    """Base of tasks sent through the outbox: the message is claimed before the work and finished
    after it. Called without a message (beat, a test, another task) it simply runs.

    ``finish_in_transaction``: for a task whose work is one short transaction, the message is marked
    done in that transaction (one commit fewer per message; the work and its message commit together,
    or neither does). The claim stays a commit of its own: a message whose worker died is still seen
    running and taken over after its lease.

    ``drained``: its messages are run together by a drain (``drain``), not sent one by one; one the
    dispatcher sends on its own still runs here."""

    typing = False  # the message id travels as an extra keyword argument, taken off in __call__
    finish_in_transaction = False
    drained = False

    def __call__(self, *args, **kwargs):
        message_id = kwargs.pop(MESSAGE_KWARG, None)
        if message_id is None:
            return super().__call__(*args, **kwargs)
        if not claim(message_id, task_id=self.request.id or ""):
            logger.info("outbox: %s #%s already done or running elsewhere", self.name, message_id)
            return None
        try:
            return _run_and_finish(
                self, message_id, lambda: super(OutboxTask, self).__call__(*args, **kwargs)
            )
        except Retry as retry:
            release(message_id, error=str(retry.exc or retry), retry_in=settings.OUTBOX_RESEND_SECONDS)
            raise
        except Exception as error:
            release(message_id, error=repr(error), retry_in=settings.OUTBOX_RESEND_SECONDS)
            raise


def _run_and_finish(task, message_id: int, work):
    """``work()``, then the claimed message ``message_id`` is done — in the work's own transaction for a
    task that ``finish_in_transaction`` (both commit, or neither does)."""
    if task.finish_in_transaction:
        with transaction.atomic():
            result = work()
            finish(message_id)
        return result
    result = work()
    finish(message_id)
    return result
