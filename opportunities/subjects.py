"""The opportunity (a partner's profile) as a scored subject (readiness for a pilot). Its life follows
the product's maturity: evidence of use does not yet apply to a product that is still an idea."""

from django.db.models import Q
from django.urls import reverse

from api_human.scoring.registry import OPPORTUNITY, SubjectSpec, every_row, subject

from .models import Opportunity

LIFECYCLE = ("idea", "prototype", "pilot", "in_use", "at_scale")


def _opportunities(ids, as_of=None) -> dict:
    return {
        pk: {
            "engagement": via_initiative or via_broadcast,
            "metric_id": pk,
            "stage": "",
            "life": maturity or None,
        }
        for pk, via_broadcast, via_initiative, maturity in Opportunity.objects.filter(pk__in=ids).values_list(
            "pk", "broadcast__engagement_id", "initiative__engagement_id", "maturity"
        )
    }


def _engagement_of(opportunity):
    return (opportunity.initiative and opportunity.initiative.engagement_id) or (
        opportunity.broadcast and opportunity.broadcast.engagement_id
    )


subject(
    SubjectSpec(
        key="opportunity",
        dirty_kind=OPPORTUNITY,
        expand=_opportunities,
        queryset=lambda: Opportunity.objects.all(),
        title=lambda opportunity: (opportunity.title, reverse("opportunity-detail", args=[opportunity.pk])),
        engagement_of=_engagement_of,
        of_engagement=lambda engagement_id: list(
            Opportunity.objects.filter(
                Q(broadcast__engagement_id=engagement_id) | Q(initiative__engagement_id=engagement_id)
            ).values_list("pk", flat=True)
        ),
        mark_all=every_row(OPPORTUNITY, Opportunity),
        lifecycle=LIFECYCLE,
        life_labels=lambda: dict(Opportunity.Maturity.choices),
        order=40,
    )
)
