"""Background work of the core: the outbox dispatcher, notification e-mails and housekeeping.
Tasks take ids (or nothing), load, and call a service."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import alerts, outbox, services, signin
from .api.idempotency import purge_expired


@shared_task(name="core.scan_alerts")
def scan_alerts() -> int:
    """Daily (beat): tell each engagement's team what stalls (the apps' alert sources)."""
    return alerts.alerts_scan()


@shared_task(name="core.clear_expired_sessions")
def clear_expired_sessions() -> int:
    """Delete expired browser sessions (scheduled nightly by beat); returns how many were removed."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    signin.purge_stale_sessions()
    return deleted


@shared_task(name="core.purge_idempotency_keys")
def purge_idempotency_keys() -> int:
    """Forget the answers kept for Idempotency-Keys that have expired (nightly)."""
    return purge_expired()


@shared_task(name="core.dispatch_outbox", acks_late=True, ignore_result=True)
def dispatch_outbox() -> dict:
    """Every ``OUTBOX_DISPATCH_SECONDS`` (beat): send the outbox messages that are due again."""
    return outbox.dispatch_due()


@shared_task(
    name=outbox.DRAIN_TASK,
    base=outbox.OutboxTask,
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=8,
)
def drain_outbox(task: str) -> int:
    """Run the pending messages of a drained task (``outbox.drain``), sent debounced by its changes."""
    return outbox.drain(task, task_id=drain_outbox.request.id or "")


@shared_task(
    name="core.email_notifications",
    base=outbox.OutboxTask,
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError, OSError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def email_notifications(ids: list[int]) -> int:
    """E-mail the notifications ``ids`` that have not been e-mailed yet."""
    return services.notifications_email(ids=ids)
