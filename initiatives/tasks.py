from celery import shared_task

from .services import alerts_scan


@shared_task(name="initiatives.scan_alerts")
def scan_alerts() -> int:
    """Daily (beat): notify teams of tensions blocking too long and initiatives with no recent step."""
    return alerts_scan()
