from celery import shared_task

from .models import Opportunity
from .services import opportunity_match


@shared_task(name="opportunities.match_opportunity")
def match_opportunity(opportunity_id: int) -> int:
    """Rank needs and initiatives for a submitted opportunity (enqueued on commit of the submission)."""
    opportunity = Opportunity.objects.filter(pk=opportunity_id).select_related("broadcast").first()
    return opportunity_match(opportunity=opportunity) if opportunity else 0
