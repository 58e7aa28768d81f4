from celery import shared_task

from .services import digests_send


@shared_task(name="dashboards.send_digests", acks_late=True)
def send_digests() -> int:
    """Each morning (beat): e-mail every manager what changed since yesterday, when DIGEST_EMAILS is on."""
    return digests_send()
