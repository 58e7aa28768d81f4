"""The stage of an engagement as a scored subject (readiness to enter it, its exit criteria, C's health
review). Stages are dirty together with their engagement; their metrics take engagement ids."""

from django.urls import reverse

from api_human.scoring.registry import ENGAGEMENT, SubjectSpec, subject

from .models import StagePhase

# A stage's exit criteria and health review apply once it is active (a reopened stage is active again).
LIFECYCLE = ("not_started", "active", "completed")


def _life(status, started_on, completed_on, as_of):
    """Where a stage stands: today its status; on a past day (a replay) what its dates say then."""
    if as_of is None:
        return "active" if status == StagePhase.Status.REOPENED else status
    if started_on is None or started_on > as_of:
        return "not_started"
    return "completed" if completed_on is not None and completed_on <= as_of else "active"


def _stages(engagement_ids, as_of=None) -> dict:
    """A completed stage is judged as of the days that mattered: its readiness as of its start (the
    decision to enter was taken then), its exit and health as of its completion — the ratings of those
    days do not expire afterwards. A stage under way is judged today."""
    return {
        pk: {
            "engagement": engagement_id,
            "metric_id": engagement_id,
            "stage": stage,
            "life": _life(status, started_on, completed_on, as_of),
            "as_of": (
                {"readiness": started_on, "exit": completed_on, "health": completed_on}
                if status == StagePhase.Status.COMPLETED
                else None
            ),
        }
        for pk, engagement_id, stage, status, started_on, completed_on in StagePhase.objects.filter(
            engagement_id__in=engagement_ids
        ).values_list("pk", "engagement_id", "stage", "status", "started_on", "completed_on")
    }


def _title(phase):
    return (
        f"{phase.engagement.name} — {phase.get_stage_display()}",
        reverse("engagement-detail", args=[phase.engagement_id]) + "#stages",
    )


subject(
    SubjectSpec(
        key="stage",
        dirty_kind=ENGAGEMENT,
        expand=_stages,
        queryset=lambda: StagePhase.objects.select_related("engagement"),
        title=_title,
        engagement_of=lambda phase: phase.engagement_id,
        dirty_of=lambda ids: [
            (ENGAGEMENT, pk)
            for pk in StagePhase.objects.filter(pk__in=ids).values_list("engagement_id", flat=True).distinct()
        ],
        of_engagement=lambda engagement_id: list(
            StagePhase.objects.filter(engagement_id=engagement_id).values_list("pk", flat=True)
        ),
        lifecycle=LIFECYCLE,
        life_labels=lambda: dict(StagePhase.Status.choices),
        order=20,  # after the engagement: readiness to enter D reads its bridging score
    )
)
