"""Background work of the webhooks: one delivery attempt, the retry sweep, the disable notice and
housekeeping. Tasks take ids, load, and call a service."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from api_human.core.outbox import OutboxTask

from . import services

DB_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    name="webhooks.deliver",
    base=OutboxTask,
    acks_late=True,
    ignore_result=True,
    autoretry_for=DB_ERRORS,
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=8,
)
def deliver(delivery_id: int) -> str | None:
    """Attempt a due delivery once (sent through the outbox by ``publish_event`` and ``send_due``).
    What the receiver answers is recorded, never raised: only a database error retries the task."""
    return services.attempt_delivery(delivery_id)


@shared_task(name="webhooks.send_due", acks_late=True, ignore_result=True)
def send_due() -> dict:
    """Every ``WEBHOOKS_SEND_DUE_SECONDS`` (beat): schedule the deliveries whose next attempt is due."""
    return services.send_due()


@shared_task(
    name="webhooks.notify_disabled",
    base=OutboxTask,
    acks_late=True,
    ignore_result=True,
    autoretry_for=(*DB_ERRORS, OSError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def notify_disabled(endpoint_id: int) -> int:
    """E-mail the organisation's partner users that its endpoint was disabled automatically."""
    return services.notify_disabled(endpoint_id=endpoint_id)


@shared_task(name="webhooks.purge_deliveries", ignore_result=True)
def purge_deliveries() -> int:
    """Nightly: forget finished deliveries older than ``WEBHOOKS_KEEP_DAYS``."""
    return services.purge_deliveries()
