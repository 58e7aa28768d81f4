"""Reading scores: who may see which subject's scores, current scores of many subjects in one query,
a subject's history, and the summary a gate decision keeps."""

from django.db.models import Q
from django.utils import timezone

from .engine import LEFT_OUT
from .models import LANGUAGES, Criterion, CurrentScore, Dimension, Rubric, ScoreSnapshot, SubjectType
from .registry import BRIDGING_RUBRIC, subjects_in_order


def subject_querysets(user, mode: str) -> dict:
    """Every registered subject type's subjects, narrowed by its own ``visible_to`` / ``editable_by``."""
    querysets = {}
    for spec in subjects_in_order():
        queryset = spec.queryset()
        if spec.staff_only and not user.is_staff_member:
            queryset = queryset.none()
        querysets[spec.key] = getattr(queryset, mode)(user)
    return querysets


def visible_subject_filter(user) -> Q:
    """Rows about subjects the user may see (each subject type narrowed by its own ``visible_to``)."""
    query = Q(pk__in=[])
    for subject_type, subjects in subject_querysets(user, "visible_to").items():
        query |= Q(subject_type=subject_type, subject_id__in=subjects.values("pk"))
    return query


def editable_subject_filter(user) -> Q:
    query = Q(pk__in=[])
    for subject_type, subjects in subject_querysets(user, "editable_by").items():
        query |= Q(subject_type=subject_type, subject_id__in=subjects.values("pk"))
    return query


def subject_of(subject_type: str, subject_id: int, user, mode: str = "visible_to"):
    """The subject itself if the user may see (or edit) it, else None."""
    queryset = subject_querysets(user, mode).get(subject_type)
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


def gate_score(phase, transition: str, as_of=None) -> dict | None:
    """What a gate decision keeps: the readiness score to start a stage, the exit score to complete it —
    current, or for a decision dated in the past, as it stood that day (``services.replay_history``)."""
    kind = Rubric.Kind.READINESS if transition == "start" else Rubric.Kind.EXIT
    if as_of is not None and as_of < timezone.localdate():
        snapshot = (
            ScoreSnapshot.objects.filter(
                subject_type=SubjectType.STAGE,
                subject_id=phase.pk,
                rubric__kind=kind,
                computed_at__date__lte=as_of,
            )
            .select_related("rubric")
            .order_by("-computed_at", "-id")
            .first()
        )
    else:
        current = (
            CurrentScore.objects.filter(subject_type=SubjectType.STAGE, subject_id=phase.pk, kind=kind)
            .select_related("snapshot__rubric")
            .first()
        )
        snapshot = current and current.snapshot
    if snapshot is None:
        return None
    return {
        "snapshot": snapshot.pk,
        "rubric": snapshot.rubric.key,
        "version": snapshot.rubric.version,
        "score": None if snapshot.score is None else float(snapshot.score),
        "coverage": float(snapshot.coverage),
        "band": snapshot.band,
        "computed_at": snapshot.computed_at.isoformat(),
        "gaps": [c["key"] for c in snapshot.criteria if not c["met"] and c["status"] not in LEFT_OUT],
    }


def explain(snapshots) -> list:
    """Give each snapshot ``dimension_rows`` and ``criterion_rows``: its stored values with the texts of
    its rubric version in three languages, each criterion's next action and source passage, and — for a
    criterion that is not met — ``needs_action`` (two queries for any number of snapshots)."""
    snapshots = [s for s in snapshots if s is not None]
    rubric_ids = {s.rubric_id for s in snapshots}
    texts = [f"{name}_{language}" for name in ("text", "next_action") for language in LANGUAGES]
    texts += ["source_section", "source_quote", "source_outside", "applies_from"]
    criteria = {
        (row.pop("dimension__rubric_id"), row.pop("key")): row
        for row in Criterion.objects.filter(dimension__rubric_id__in=rubric_ids).values(
            "dimension__rubric_id", "key", *texts
        )
    }
    dimensions = {
        (row.pop("rubric_id"), row.pop("key")): row
        for row in Dimension.objects.filter(rubric_id__in=rubric_ids).values(
            "rubric_id", "key", *(f"name_{language}" for language in LANGUAGES)
        )
    }
    for snapshot in snapshots:
        snapshot.criterion_rows = [
            {
                **criteria.get((snapshot.rubric_id, c["key"]), {}),
                **c,
                "needs_action": _needs_action(snapshot, c),
            }
            for c in snapshot.criteria
        ]
        snapshot.dimension_rows = [
            {**dimensions.get((snapshot.rubric_id, d["key"]), {}), **d} for d in snapshot.dimensions
        ]
    return snapshots


def bridging_score(engagement_id: int) -> CurrentScore | None:
    """The engagement's current score of the connection between the worlds, explained (two queries)."""
    current = (
        CurrentScore.objects.filter(
            subject_type=SubjectType.ENGAGEMENT, subject_id=engagement_id, rubric_key=BRIDGING_RUBRIC
        )
        .select_related("snapshot__rubric")
        .first()
    )
    if current is not None:
        explain([current.snapshot])
    return current


def next_actions(snapshot) -> list[dict]:
    """The criteria keeping an explained snapshot from green, critical ones first, then those without
    evidence (they keep the coverage down), then by the points they lose."""
    rows = [c for c in snapshot.criterion_rows if c["needs_action"]]
    return sorted(
        rows, key=lambda c: (not c["critical"], c["status"] == "ok", -(c["points_lost"] or 0), c["key"])
    )


def _needs_action(snapshot, criterion: dict) -> bool:
    """A criterion that applies needs an action when it is not met — or, while the score is below its
    threshold (amber or red), when it is met but still loses points."""
    if criterion["status"] in LEFT_OUT:
        return False
    if not criterion["met"]:
        return True
    below = snapshot.band in ("amber", "red")
    return below and (criterion.get("points_lost") or 0) >= 0.05
