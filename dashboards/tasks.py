from celery import shared_task

from api_human.core.outbox import OutboxTask

from .services import digests_send, report_pdf_draw


@shared_task(name="dashboards.send_digests", acks_late=True)
def send_digests() -> int:
    """Each morning (beat): e-mail every manager what changed since yesterday, when DIGEST_EMAILS is on."""
    return digests_send()


@shared_task(name="dashboards.render_report_pdf", base=OutboxTask, acks_late=True)
def render_report_pdf(report_id: int) -> str:
    """Draw an engagement report's PDF (queued by ``services.report_pdf_request`` through the outbox)."""
    return report_pdf_draw(report_id)
