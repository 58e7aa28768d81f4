"""The metric the scoring package offers from its own scores: an engagement's bridging score (the
source's five connection parameters), which readiness to enter D and the exit review read. Engagement
subjects are scored before their stages (``SubjectSpec.order``), so the stages read this run's value."""

from django.utils.translation import gettext_lazy as _

from .registry import BRIDGING_RUBRIC, metric


@metric(
    "scoring.bridging_score",
    subject_type="stage",
    label=_("Bridging score of the engagement (the five connection parameters, 0–100)"),
    unit="score",
    dated=True,
)
def bridging_score(ids, as_of=None):
    from .models import Band, CurrentScore, ScoreSnapshot

    if as_of is None:
        rows = CurrentScore.objects.filter(
            subject_type="engagement", subject_id__in=ids, rubric_key=BRIDGING_RUBRIC
        ).values_list("subject_id", "score", "band")
    else:  # the latest bridging snapshot of that day or before (a replay scores engagements first)
        latest = {}
        for pk, score, band in (
            ScoreSnapshot.objects.filter(
                subject_type="engagement",
                subject_id__in=ids,
                rubric__key=BRIDGING_RUBRIC,
                computed_at__date__lte=as_of,
            )
            .order_by("computed_at", "id")
            .values_list("subject_id", "score", "band")
        ):
            latest[pk] = (pk, score, band)
        rows = latest.values()
    # No score, or too little evidence for a colour: no evidence for the stage either.
    return {pk: float(score) for pk, score, band in rows if score is not None and band != Band.GREY}
