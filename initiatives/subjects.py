"""The initiative as a scored subject (readiness to scale). Its life follows its status: a criterion
about pilots does not yet apply to an idea."""

from django.urls import reverse

from api_human.scoring.registry import INITIATIVE, SubjectSpec, every_row, subject

from .models import Initiative

# The order of an initiative's life; a stopped initiative is outside it.
LIFECYCLE = ("idea", "exploring", "joint_team", "pilot", "scaling", "sustained")


def _initiatives(ids, as_of=None) -> dict:
    return {
        pk: {"engagement": engagement_id, "metric_id": pk, "stage": "", "life": status}
        for pk, engagement_id, status in Initiative.objects.filter(pk__in=ids).values_list(
            "pk", "engagement_id", "status"
        )
    }


subject(
    SubjectSpec(
        key="initiative",
        dirty_kind=INITIATIVE,
        expand=_initiatives,
        queryset=lambda: Initiative.objects.all(),
        title=lambda initiative: (initiative.title, reverse("initiative-detail", args=[initiative.pk])),
        engagement_of=lambda initiative: initiative.engagement_id,
        of_engagement=lambda engagement_id: list(
            Initiative.objects.filter(engagement_id=engagement_id).values_list("pk", flat=True)
        ),
        mark_all=every_row(INITIATIVE, Initiative),
        lifecycle=LIFECYCLE,
        life_labels=lambda: dict(Initiative.Status.choices),
        order=30,
    )
)
