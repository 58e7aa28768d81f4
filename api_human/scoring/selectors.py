"""Reading scores: who may see which subject's scores, current scores of many subjects in one query,
a subject's history, and the summary a gate decision keeps."""

from django.db.models import Q

from .models import Criterion, CurrentScore, Dimension, Rubric, ScoreSnapshot, SubjectType


def _subject_querysets(user, mode: str) -> dict:
    from api_human.core.models import Organization
    from initiatives.models import Initiative
    from opportunities.models import Opportunity
    from stages.models import StagePhase

    def narrow(queryset):
        return getattr(queryset, mode)(user)

    organizations = Organization.objects.all()
    if not user.is_staff_member:
        organizations = organizations.none()
    return {
        SubjectType.STAGE: narrow(StagePhase.objects.all()),
        SubjectType.INITIATIVE: narrow(Initiative.objects.all()),
        SubjectType.OPPORTUNITY: narrow(Opportunity.objects.all()),
        SubjectType.ORGANIZATION: narrow(organizations),
    }


def visible_subject_filter(user) -> Q:
    """Rows about subjects the user may see (each subject type narrowed by its own ``visible_to``)."""
    query = Q(pk__in=[])
    for subject_type, subjects in _subject_querysets(user, "visible_to").items():
        query |= Q(subject_type=subject_type, subject_id__in=subjects.values("pk"))
    return query


def editable_subject_filter(user) -> Q:
    query = Q(pk__in=[])
    for subject_type, subjects in _subject_querysets(user, "editable_by").items():
        query |= Q(subject_type=subject_type, subject_id__in=subjects.values("pk"))
    return query


def subject_of(subject_type: str, subject_id: int, user, mode: str = "visible_to"):
    """The subject itself if the user may see (or edit) it, else None."""
    queryset = _subject_querysets(user, mode).get(subject_type)
    return None if queryset is None else queryset.filter(pk=subject_id).first()


def current_scores(subject_type: str, subject_ids) -> dict[int, list[CurrentScore]]:
    """{subject id: [its current scores, with their snapshot]} for many subjects, in one query."""
    result = {}
    rows = (
        CurrentScore.objects.filter(subject_type=subject_type, subject_id__in=list(subject_ids))
        .select_related("snapshot__rubric")
        .order_by("subject_id", "kind")
    )
    for row in rows:
        result.setdefault(row.subject_id, []).append(row)
    return result


def score_history(
    subject_type: str, subject_id: int, rubric_key: str, limit: int = 60
) -> list[ScoreSnapshot]:
    """The subject's snapshots under every version of one rubric, oldest first."""
    rows = (
        ScoreSnapshot.objects.filter(subject_type=subject_type, subject_id=subject_id, rubric__key=rubric_key)
        .select_related("rubric")
        .order_by("-computed_at", "-id")[:limit]
    )
    return list(reversed(rows))


def gate_score(phase, transition: str) -> dict | None:
    """What a gate decision keeps: the readiness score to start a stage, the exit score to complete it."""
    kind = Rubric.Kind.READINESS if transition == "start" else Rubric.Kind.EXIT
    current = (
        CurrentScore.objects.filter(subject_type=SubjectType.STAGE, subject_id=phase.pk, kind=kind)
        .select_related("snapshot__rubric")
        .first()
    )
    if current is None:
        return None
    snapshot = current.snapshot
    return {
        "snapshot": snapshot.pk,
        "rubric": snapshot.rubric.key,
        "version": snapshot.rubric.version,
        "score": None if snapshot.score is None else float(snapshot.score),
        "coverage": float(snapshot.coverage),
        "band": snapshot.band,
        "computed_at": snapshot.computed_at.isoformat(),
        "gaps": [c["key"] for c in snapshot.criteria if not c["met"] and c["status"] != "n/a"],
    }


def explain(snapshots) -> list:
    """Give each snapshot ``dimension_rows`` and ``criterion_rows``: its stored values with the Hebrew
    and English texts of its rubric version (two queries for any number of snapshots)."""
    snapshots = [s for s in snapshots if s is not None]
    rubric_ids = {s.rubric_id for s in snapshots}
    criteria = {
        (rubric_id, key): {"text_he": he, "text_en": en}
        for rubric_id, key, he, en in Criterion.objects.filter(
            dimension__rubric_id__in=rubric_ids
        ).values_list("dimension__rubric_id", "key", "text_he", "text_en")
    }
    dimensions = {
        (rubric_id, key): {"name_he": he, "name_en": en}
        for rubric_id, key, he, en in Dimension.objects.filter(rubric_id__in=rubric_ids).values_list(
            "rubric_id", "key", "name_he", "name_en"
        )
    }
    for snapshot in snapshots:
        snapshot.criterion_rows = [
            {**criteria.get((snapshot.rubric_id, c["key"]), {}), **c} for c in snapshot.criteria
        ]
        snapshot.dimension_rows = [
            {**dimensions.get((snapshot.rubric_id, d["key"]), {}), **d} for d in snapshot.dimensions
        ]
    return snapshots
