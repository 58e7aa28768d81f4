"""Background housekeeping of the core. Tasks take ids (or nothing), load, and call a service."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task(name="core.clear_expired_sessions")
def clear_expired_sessions() -> int:
    """Delete expired browser sessions (scheduled nightly by beat); returns how many were removed."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
