from celery import shared_task
from django.db import InterfaceError, OperationalError

from api_human.core.outbox import OutboxTask

from .matching import opportunity_match
from .models import Opportunity
from .services import broadcasts_announce_closing


@shared_task(
    name="opportunities.match_opportunity",
    base=OutboxTask,
    finish_in_transaction=True,  # the matching is one transaction: its message is done in it
    drained=True,  # under a stream of submits, run by the batch (outbox.drain), not one message each
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=8,
)
def match_opportunity(opportunity_id: int, revision: int | None = None) -> int:
    """Rank needs and initiatives for a submitted revision (sent through the outbox by the submission)."""
    try:  # the matching reads the row itself, under its lock
        return opportunity_match(opportunity=Opportunity(pk=opportunity_id), revision=revision)
    except Opportunity.DoesNotExist:  # deleted since it was submitted
        return 0


@shared_task(name="opportunities.announce_closing_broadcasts")
def announce_closing_broadcasts() -> int:
    """Daily: the webhook event ``broadcast.closing`` for open broadcasts that close soon (once each)."""
    return broadcasts_announce_closing()
