"""Everything that changes scoring data: dirty marks, recompute runs, ratings, rubric versions.

Recomputing is set-based. A batch of dirty subjects is claimed (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL), every metric a rubric needs is computed for the whole batch in one pass, ratings are read
in one query, and the new snapshots are written with the current-score pointers in the same
transaction as the removal of the dirty marks — a worker killed mid-batch leaves neither a partial
snapshot nor a lost mark. A subject whose evidence did not change gets no new snapshot.
"""

import logging
import time
from collections import defaultdict
from datetime import datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from api_human.core.concurrency import locked, serialized
from api_human.core.outbox import outbox_enqueue
from api_human.core.services import assign, save_with_history

from . import engine
from .models import (
    LANGUAGES,
    Criterion,
    CurrentScore,
    Dimension,
    DirtySubject,
    Rating,
    Rubric,
    ScoreRun,
    ScoreSnapshot,
    SubjectType,
)
from .registry import ENGAGEMENT as ENGAGEMENT_MARK
from .registry import METRICS, ORGANIZATION, SUBJECTS, life_position, subjects_in_order

logger = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 2
RECOMPUTE_TASK = "scoring.recompute"


# ------------------------------------------------------------------------------------------------
# Dirty marks and scheduling
# ------------------------------------------------------------------------------------------------
def mark_dirty(pairs, *, schedule: bool = True) -> None:
    """Mark subjects dirty in the current transaction; after the commit a recompute is scheduled."""
    now = timezone.now()
    rows = {(kind, int(pk)) for kind, pk in pairs if pk is not None}
    if not rows:
        return
    DirtySubject.objects.bulk_create(
        [DirtySubject(kind=kind, subject_id=pk, marked_at=now) for kind, pk in sorted(rows)],
        update_conflicts=True,
        unique_fields=["kind", "subject_id"],
        update_fields=["marked_at"],
        batch_size=5000,
    )
    if schedule:
        transaction.on_commit(schedule_recompute)


def schedule_recompute() -> None:
    """After a commit that marked subjects dirty: one recompute for everything dirty, through the
    outbox. Changes while a recompute waits share it (the message's deduplication key is the debounce);
    if the broker is down nothing fails here — the message waits for the outbox dispatcher, and the
    marks themselves for the sweep. A transaction that marked many subjects schedules once per mark:
    after the first recompute has run (in-process), the others find nothing left and do nothing."""
    if not DirtySubject.objects.exists():
        return
    outbox_enqueue(
        RECOMPUTE_TASK,
        kwargs={"kind": ScoreRun.Kind.CHANGE},
        dedupe_key=f"{RECOMPUTE_TASK}:{ScoreRun.Kind.CHANGE}",
        countdown=DEBOUNCE_SECONDS,  # in-process (no Redis) it runs at once all the same
    )


def is_dirty(subject_type: str, subject_id: int) -> bool:
    """Whether a recompute of this subject is still waiting (its score may be behind)."""
    spec = SUBJECTS.get(subject_type)
    if spec is None:
        return False
    query = Q(pk__in=[])
    for kind, pk in spec.dirty_pairs([subject_id]):
        query |= Q(kind=kind, subject_id=pk)
    return DirtySubject.objects.filter(query).exists()


def mark_all_dirty() -> int:
    """Every scored subject (the nightly run), set-based per registered subject type; returns the marks."""
    return sum(spec.mark_all() for spec in subjects_in_order())


def mark_table(kind: str, model) -> int:
    """Mark every row of ``model`` dirty as ``kind`` in one statement (a subject type's ``mark_all``)."""
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(DirtySubject._meta.db_table)} (kind, subject_id, marked_at) "  # noqa: S608 - names, not input
        f"SELECT %s, id, %s FROM {quote(model._meta.db_table)} WHERE 1 = 1 "
        "ON CONFLICT (kind, subject_id) DO UPDATE SET marked_at = excluded.marked_at"
    )
    with connection.cursor() as cursor:
        # Adapted as the ORM stores it (SQLite keeps text: a raw aware datetime would carry "+00:00" and
        # never compare equal to the marks the ORM writes, so the batch that read it could not clear it).
        cursor.execute(sql, [kind, connection.ops.adapt_datetimefield_value(timezone.now())])
        return cursor.rowcount


# ------------------------------------------------------------------------------------------------
# Runs
# ------------------------------------------------------------------------------------------------
def run_create(*, kind: str, engagement=None, actor=None) -> ScoreRun:
    return ScoreRun.objects.create(
        kind=kind, engagement=engagement, requested_by=actor, total=DirtySubject.objects.count()
    )


def recompute_request(*, engagement, actor) -> ScoreRun:
    """'Recompute now' in the browser: mark the engagement's subjects dirty and start a run."""
    pairs = []
    for spec in subjects_in_order():
        pairs += spec.dirty_pairs(spec.of_engagement(engagement.pk))
    with transaction.atomic():
        mark_dirty(pairs, schedule=False)
        run = run_create(kind=ScoreRun.Kind.MANUAL, engagement=engagement, actor=actor)
        outbox_enqueue(RECOMPUTE_TASK, kwargs={"run_id": run.pk})
    return run


def run_recompute(
    *, run_id: int | None = None, kind: str = ScoreRun.Kind.CHANGE, budget_seconds=None
) -> dict:
    """Work through the dirty subjects in batches until none is left (or the time budget is spent).

    Idempotent: running it twice, or again after a crash, only finishes what is still dirty.
    Returns ``{"run": id, "done": n, "finished": bool}``.
    """
    run = ScoreRun.objects.filter(pk=run_id).first() if run_id else None
    if run is None:
        if not DirtySubject.objects.exists():
            return {"run": None, "done": 0, "finished": True}
        run = run_create(kind=kind)
    if run.is_finished:
        return {"run": run.pk, "done": run.done, "finished": True}
    ScoreRun.objects.filter(pk=run.pk).update(
        status=ScoreRun.Status.RUNNING, started_at=run.started_at or timezone.now()
    )
    deadline = time.monotonic() + budget_seconds if budget_seconds else None
    plans = PlanCache()
    while True:
        with transaction.atomic():
            rows = _claim(settings.SCORING_BATCH_SIZE)
            if not rows:
                break
            written = compute_rows(rows, run=run, plans=plans)
            _clear(rows)
            ScoreRun.objects.filter(pk=run.pk).update(
                done=F("done") + len(rows), snapshots=F("snapshots") + written
            )
            ScoreRun.objects.filter(pk=run.pk, total__lt=F("done")).update(total=F("done"))
        if deadline and time.monotonic() > deadline:
            return {"run": run.pk, "done": ScoreRun.objects.get(pk=run.pk).done, "finished": False}
    ScoreRun.objects.filter(pk=run.pk).update(status=ScoreRun.Status.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return {"run": run.pk, "done": run.done, "finished": True}


def run_fail(run_id: int, error: str) -> None:
    run = ScoreRun.objects.filter(pk=run_id).first()
    if run is not None:
        ScoreRun.objects.filter(pk=run_id).update(
            status=ScoreRun.Status.FAILED, finished_at=timezone.now(), errors=[*run.errors, error[:500]]
        )


def _clear(rows) -> None:
    """Remove the marks a batch handled, in one statement. A mark set again since it was read (a change
    after the claim — or the org → engagement re-mark of ``compute_rows``) has a later time and stays."""
    if rows:
        seen = max(row.marked_at for row in rows)
        DirtySubject.objects.filter(pk__in=[row.pk for row in rows], marked_at__lte=seen).delete()


def _claim(limit: int) -> list[DirtySubject]:
    """The next batch of marks. Organisations first: stage A reads their maturity diagnostic."""
    first = Case(When(kind=ORGANIZATION, then=Value(0)), default=Value(1))
    rows = DirtySubject.objects.order_by(first, "kind", "subject_id")
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    return list(rows[:limit])


# ------------------------------------------------------------------------------------------------
# Computing a batch
# ------------------------------------------------------------------------------------------------
class PlanCache:
    """The published rubrics of each subject type, compiled once per run."""

    def __init__(self):
        self._plans = {}

    def for_type(self, subject_type: str) -> list[engine.RubricPlan]:
        if subject_type not in self._plans:
            rubrics = (
                Rubric.objects.published()
                .filter(subject_type=subject_type)
                .prefetch_related("dimensions__criteria")
            )
            self._plans[subject_type] = [compile_plan(r) for r in rubrics]
        return self._plans[subject_type]


def compile_plan(rubric: Rubric) -> engine.RubricPlan:
    dimensions = []
    for dimension in rubric.dimensions.all():
        criteria = []
        for c in dimension.criteria.all():
            values = c.anchor_values() if c.is_manual else []
            criteria.append(
                engine.CriterionPlan(
                    key=c.key,
                    text_he=c.text_he,
                    text_en=c.text_en,
                    weight=float(c.weight),
                    critical=c.critical,
                    pass_level=float(c.pass_level),
                    manual=c.is_manual,
                    partner_actionable=c.partner_actionable,
                    metric=c.metric,
                    floor=float(c.floor or 0),
                    target=float(c.target if c.target is not None else 1),
                    scale=(values[0], values[-1]) if values else (0.0, 1.0),
                    applies_from=c.applies_from,
                )
            )
        dimensions.append(
            engine.DimensionPlan(
                key=dimension.key,
                name_he=dimension.name_he,
                name_en=dimension.name_en,
                weight=float(dimension.weight),
                floor=float(dimension.floor),
                criteria=tuple(criteria),
            )
        )
    return engine.RubricPlan(
        id=rubric.pk,
        key=rubric.key,
        version=rubric.version,
        subject_type=rubric.subject_type,
        kind=rubric.kind,
        stage=rubric.stage,
        threshold=float(rubric.threshold),
        dimensions=tuple(dimensions),
        min_coverage=float(rubric.min_coverage),
        applies_from=rubric.applies_from,
    )


def subjects_of(rows, as_of=None) -> dict[str, dict[int, dict]]:
    """{subject type: {subject id: {"engagement", "metric_id", "stage", "life"}}} of dirty rows, as the
    registered subject types expand their dirty marks."""
    ids = defaultdict(list)
    for row in rows:
        ids[row.kind].append(row.subject_id)
    subjects = {}
    for spec in subjects_in_order():
        kind_ids = ids.get(spec.dirty_kind)
        subjects[spec.key] = spec.expand(kind_ids, as_of=as_of) if kind_ids else {}
    return subjects


def _latest_ratings(plans, subject_type, subject_ids, as_of=None) -> dict:
    """{(rubric key, criterion key, subject id): the latest rating (given by ``as_of``)}, in one query."""
    keys = [p.key for p in plans if any(c.manual for c in p.criteria)]
    if not keys or not subject_ids:
        return {}
    latest = {}
    ratings = Rating.objects.filter(
        subject_type=subject_type, subject_id__in=subject_ids, rubric_key__in=keys
    )
    if as_of is not None:
        ratings = ratings.filter(rated_on__lte=as_of)
    for rating in ratings.order_by("rated_on", "id"):
        latest[(rating.rubric_key, rating.criterion_key, rating.subject_id)] = rating
    return latest


def compute_rows(rows, *, run: ScoreRun | None, plans: PlanCache, as_of=None) -> int:
    """Score every subject the dirty rows stand for; returns how many new snapshots were written.

    Subject types are scored in their registered order, each written before the next is read: an
    engagement's bridging score is read by its stages' readiness and exit review.

    ``as_of`` (a past day) replays history: ratings given by then, dated metrics counted up to then
    (the others have no evidence for a past day), snapshots dated that day, current scores untouched.
    """
    today, now = timezone.localdate(), timezone.now()
    trigger = run.kind if run else ScoreRun.Kind.CHANGE
    if as_of is not None:
        today, now, trigger = as_of, _end_of(as_of), ScoreRun.Kind.HISTORY
    written, dependents = 0, []
    found = subjects_of(rows, as_of=as_of)
    if as_of is None:
        _forget_deleted(rows, found)
    for spec in subjects_in_order():
        subjects = found.get(spec.key)
        if not subjects:
            continue
        snapshots = _score_type(spec, subjects, plans.for_type(spec.key), today, now, trigger, run, as_of)
        written += _write(snapshots, now, current=as_of is None)
        scored = sorted({snapshot.subject_id for _, _, snapshot in snapshots})
        if scored:
            dependents += spec.dependents(scored)
    if dependents and as_of is None:  # e.g. stage A reads whether the change object's diagnostic is done
        mark_dirty(dependents, schedule=False)
    return written


def _end_of(day):
    return timezone.make_aware(datetime.combine(day, clock(23, 59, 59)))


def _score_type(spec, subjects, type_plans, today, now, trigger, run, as_of=None) -> list:
    metric_ids = sorted({s["metric_id"] for s in subjects.values()})
    keys = {key for p in type_plans for key in p.metrics if key in METRICS}
    if as_of is None:
        values = {key: METRICS[key].compute(metric_ids) for key in keys}
    else:
        values = {key: METRICS[key].value_on(metric_ids, as_of) for key in keys}
    ratings = _latest_ratings(type_plans, spec.key, list(subjects), as_of=as_of)
    current = defaultdict(set)  # the digests that make a new snapshot unnecessary
    if as_of is None:
        rows = CurrentScore.objects.filter(subject_type=spec.key, subject_id__in=list(subjects)).values_list(
            "subject_id", "rubric_key", "snapshot_digest"
        )
    else:  # replaying again what the history already holds writes nothing new
        rows = ScoreSnapshot.objects.filter(
            subject_type=spec.key, subject_id__in=list(subjects), computed_at__lte=now
        ).values_list("subject_id", "rubric__key", "digest")
    for subject_id, rubric_key, digest in rows:
        current[(subject_id, rubric_key)].add(digest)
    snapshots = []
    for plan in type_plans:
        for subject_id, subject in subjects.items():
            if plan.stage and plan.stage != subject["stage"]:
                continue
            life = life_position(spec, subject.get("life"))
            # A finished subject (a completed stage, an ended engagement) is judged as of its end: the
            # ratings of a farewell do not expire years after the team left.
            as_of_subject = subject.get("as_of")
            if isinstance(as_of_subject, dict):  # e.g. a stage: readiness as of its start, exit as of its end
                as_of_subject = as_of_subject.get(plan.kind)
            day = min(today, as_of_subject or today)
            # ...and its snapshot speaks for that day (a farewell's score is dated at the farewell).
            computed_at = min(now, _end_of(day))
            readings = {}
            rubric_not_yet = engine.not_yet(plan, life, spec.lifecycle)
            for criterion in plan.criteria:
                if rubric_not_yet or engine.not_yet(criterion, life, spec.lifecycle):
                    readings[criterion.key] = engine.Reading(engine.NOT_YET)
                elif criterion.manual:
                    rating = ratings.get((plan.key, criterion.key, subject_id))
                    readings[criterion.key] = engine.read_rating(criterion, rating, day)
                else:
                    raw = values.get(criterion.metric, {}).get(subject["metric_id"])
                    readings[criterion.key] = engine.read_metric(criterion, raw)
            result = engine.evaluate(plan, readings)
            if result.digest in current.get((subject_id, plan.key), ()):
                continue
            snapshots.append(
                (
                    plan,
                    subject,
                    ScoreSnapshot(
                        subject_type=spec.key,
                        subject_id=subject_id,
                        engagement_id=subject["engagement"],
                        rubric_id=plan.id,
                        score=result.score,
                        coverage=result.coverage,
                        band=result.band,
                        dimensions=result.dimensions,
                        criteria=result.criteria,
                        digest=result.digest,
                        trigger=trigger,
                        run=run,
                        computed_at=computed_at,
                    ),
                )
            )
    return snapshots


def _write(snapshots, now, *, current: bool = True) -> int:
    created = ScoreSnapshot.objects.bulk_create([s for _, _, s in snapshots], batch_size=1000)
    if not current:
        return len(created)
    CurrentScore.objects.bulk_create(
        [
            CurrentScore(
                subject_type=snapshot.subject_type,
                subject_id=snapshot.subject_id,
                rubric_key=plan.key,
                kind=plan.kind,
                stage=plan.stage,
                engagement_id=subject["engagement"],
                snapshot_id=snapshot.pk,
                snapshot_digest=snapshot.digest,
                score=snapshot.score,
                band=snapshot.band,
                checked_at=now,
            )
            for (plan, subject, _), snapshot in zip(snapshots, created, strict=True)
        ],
        update_conflicts=True,
        unique_fields=["subject_type", "subject_id", "rubric_key"],
        update_fields=[
            "kind",
            "stage",
            "engagement",
            "snapshot",
            "snapshot_digest",
            "score",
            "band",
            "checked_at",
        ],
        batch_size=1000,
    )
    return len(created)


def _forget_deleted(rows, found) -> None:
    """Subjects deleted since they were marked keep their snapshots (history) but no current score
    (a subject type whose dirty mark is the subject itself; stages go with their engagement)."""
    for spec in subjects_in_order():
        if spec.dirty_kind != spec.key:
            continue
        gone = {row.subject_id for row in rows if row.kind == spec.dirty_kind} - set(found.get(spec.key, {}))
        if gone:
            CurrentScore.objects.filter(subject_type=spec.key, subject_id__in=gone).delete()


@transaction.atomic
def replay_history(engagement_id: int, days) -> int:
    """Score an engagement and its stages as they stood on each past day (oldest first), from the ratings
    given by then and the dated metrics; returns the snapshots written. Current scores are untouched.
    Two replays of one engagement at once (two past-dated gate decisions) run one after the other, so
    the second finds the first's snapshots and writes nothing twice."""
    serialized(f"scoring.replay:{engagement_id}")
    plans, written = PlanCache(), 0
    for day in sorted(days):
        row = DirtySubject(kind=ENGAGEMENT_MARK, subject_id=engagement_id, marked_at=timezone.now())
        written += compute_rows([row], run=None, plans=plans, as_of=day)
    return written


def score_engagement_now(engagement_id: int, as_of=None) -> None:
    """Bring an engagement's stage scores up to date in this request (used when a gate is decided).

    A decision dated in the past (``as_of`` before today) is scored as the engagement stood that day:
    a replay for that day, which leaves the current scores alone."""
    if as_of is not None and as_of < timezone.localdate():
        replay_history(engagement_id, [as_of])
        return
    with transaction.atomic():
        rows = list(DirtySubject.objects.filter(kind=ENGAGEMENT_MARK, subject_id=engagement_id))
        if (
            not rows
            and CurrentScore.objects.filter(
                subject_type=SubjectType.STAGE, engagement_id=engagement_id
            ).exists()
        ):
            return
        rows = rows or [
            DirtySubject(kind=ENGAGEMENT_MARK, subject_id=engagement_id, marked_at=timezone.now())
        ]
        compute_rows(rows, run=None, plans=PlanCache())
        _clear([row for row in rows if row.pk])


# ------------------------------------------------------------------------------------------------
# Ratings
# ------------------------------------------------------------------------------------------------
def rating_record(
    *,
    criterion: Criterion,
    subject_type: str,
    subject_id: int,
    actor,
    value=None,
    not_applicable: bool = False,
    evidence_note: str,
    evidence_links=(),
    rated_on=None,
) -> Rating:
    """Record the team's rating of a manual criterion (a new row; the latest valid one counts)."""
    rubric = criterion.dimension.rubric
    if not criterion.is_manual:
        raise ValidationError(
            {"criterion": _("This criterion is measured automatically; it cannot be rated.")}
        )
    if rubric.subject_type != subject_type:
        raise ValidationError({"subject_type": _("This criterion does not score this kind of subject.")})
    if not evidence_note or not evidence_note.strip():
        raise ValidationError({"evidence_note": _("Describe the evidence for this rating.")})
    if not_applicable:
        value = None
    elif value is None or float(value) not in criterion.anchor_values():
        raise ValidationError({"value": _("Choose one of the scale's values.")})
    rated_on = rated_on or timezone.localdate()
    if rated_on > timezone.localdate():
        raise ValidationError({"rated_on": _("A rating cannot be dated in the future.")})
    expires_on = rated_on + timedelta(days=criterion.validity_days) if criterion.validity_days else None
    rating = Rating.objects.create(
        rubric_key=rubric.key,
        criterion_key=criterion.key,
        subject_type=subject_type,
        subject_id=subject_id,
        value=value,
        not_applicable=not_applicable,
        evidence_note=evidence_note.strip(),
        evidence_links=list(evidence_links),
        rated_by=actor,
        rated_on=rated_on,
        expires_on=expires_on,
    )
    mark_dirty(ratings_dirty_pairs(subject_type, [subject_id]))
    return rating


def ratings_dirty_pairs(subject_type: str, subject_ids) -> list[tuple[str, int]]:
    spec = SUBJECTS.get(subject_type)
    return spec.dirty_pairs(subject_ids) if spec else []


# ------------------------------------------------------------------------------------------------
# Rubric versions
# ------------------------------------------------------------------------------------------------
def _decimal(value):
    """A number from a definition as an exact decimal (a float like 0.66 would carry binary noise)."""
    return None if value is None else Decimal(str(value))


def _texts(value) -> tuple[str, str, str]:
    """(he, en, ar) from a definition's text list (an older definition may lack the Arabic)."""
    value = list(value or [])
    return tuple([*value, "", "", ""][:3])


def _languages(prefix: str, value) -> dict:
    return dict(zip((f"{prefix}_{language}" for language in LANGUAGES), _texts(value), strict=True))


@transaction.atomic
def rubric_create_version(
    *, definition: dict, actor, source_digest: str = "", status=Rubric.Status.DRAFT
) -> Rubric:
    """A new version of a rubric from a definition (see definitions.py for its shape)."""
    latest = Rubric.objects.filter(key=definition["key"]).order_by("-version").first()
    if status == Rubric.Status.PUBLISHED:
        Rubric.objects.filter(key=definition["key"], status=Rubric.Status.PUBLISHED).update(
            status=Rubric.Status.RETIRED
        )
    rubric = Rubric.objects.create(
        key=definition["key"],
        version=(latest.version + 1) if latest else 1,
        subject_type=definition["subject_type"],
        kind=definition["kind"],
        stage=definition.get("stage", ""),
        status=status,
        **_languages("name", definition["name"]),
        **_languages("description", definition.get("description")),
        threshold=definition.get("threshold", 75),
        min_coverage=_decimal(definition.get("min_coverage", 0.5)),
        applies_from=definition.get("applies_from", ""),
        source_digest=source_digest,
        created_by=actor,
    )
    for d_order, spec in enumerate(definition["dimensions"]):
        dimension = Dimension.objects.create(
            rubric=rubric,
            key=spec["key"],
            **_languages("name", spec["name"]),
            weight=_decimal(spec.get("weight", 1)),
            floor=spec.get("floor", 0),
            order=d_order,
        )
        for c_order, c in enumerate(spec["criteria"]):
            source = c.get("source") or {}
            criterion = Criterion(
                dimension=dimension,
                key=c["key"],
                **_languages("text", c["text"]),
                **_languages("guidance", c.get("guidance")),
                **_languages("next_action", c.get("next_action")),
                source_section=source.get("section", ""),
                source_quote=source.get("quote", ""),
                source_outside=source.get("outside", ""),
                applies_from=c.get("applies_from", ""),
                weight=_decimal(c.get("weight", 1)),
                critical=c.get("critical", False),
                pass_level=_decimal(c.get("pass_level", 1)),
                partner_actionable=c.get("partner_actionable", False),
                evidence=Criterion.Evidence.AUTOMATIC if c.get("metric") else Criterion.Evidence.MANUAL,
                metric=c.get("metric", ""),
                floor=_decimal(c.get("floor")),
                target=_decimal(c.get("target")),
                direction=(
                    Criterion.Direction.LOWER
                    if c.get("metric") and c.get("target", 1) < c.get("floor", 0)
                    else Criterion.Direction.HIGHER
                ),
                anchors=c.get("anchors", []),
                validity_days=c.get("validity_days"),
                order=c_order,
            )
            if criterion.metric and criterion.metric not in METRICS:
                raise ValidationError({"metric": _("Choose a registered metric.")})
            criterion.full_clean(exclude=["dimension"])
            criterion.save()
    return rubric


def rubric_definition(rubric: Rubric) -> dict:
    """The definition a version was made from (to start a new draft from it)."""
    dimensions = []
    for d in rubric.dimensions.all():
        criteria = []
        for c in d.criteria.all():
            item = {
                "key": c.key,
                "text": [c.text_he, c.text_en, c.text_ar],
                "guidance": [c.guidance_he, c.guidance_en, c.guidance_ar],
                "next_action": [c.next_action_he, c.next_action_en, c.next_action_ar],
                "source": {
                    "section": c.source_section,
                    "quote": c.source_quote,
                    "outside": c.source_outside,
                },
                "applies_from": c.applies_from,
                "weight": float(c.weight),
                "critical": c.critical,
                "pass_level": float(c.pass_level),
                "partner_actionable": c.partner_actionable,
            }
            if c.is_manual:
                item |= {"anchors": c.anchors, "validity_days": c.validity_days}
            else:
                item |= {"metric": c.metric, "floor": float(c.floor), "target": float(c.target)}
            criteria.append(item)
        dimensions.append(
            {
                "key": d.key,
                "name": [d.name_he, d.name_en, d.name_ar],
                "weight": float(d.weight),
                "floor": d.floor,
                "criteria": criteria,
            }
        )
    return {
        "key": rubric.key,
        "name": [rubric.name_he, rubric.name_en, rubric.name_ar],
        "description": [rubric.description_he, rubric.description_en, rubric.description_ar],
        "subject_type": rubric.subject_type,
        "kind": rubric.kind,
        "stage": rubric.stage,
        "threshold": rubric.threshold,
        "min_coverage": float(rubric.min_coverage),
        "applies_from": rubric.applies_from,
        "dimensions": dimensions,
    }


@transaction.atomic
def rubric_draft(*, rubric: Rubric, actor) -> Rubric:
    """Editing a published rubric starts a new draft version copied from it (one draft per rubric:
    two administrators asking at once get the same draft)."""
    serialized(f"scoring.rubric:{rubric.key}")
    existing = Rubric.objects.filter(key=rubric.key, status=Rubric.Status.DRAFT).first()
    if existing is not None:
        return existing
    return rubric_create_version(definition=rubric_definition(rubric), actor=actor)


def _editable(rubric: Rubric):
    if not rubric.is_editable:
        raise ValidationError(_("A published or retired version never changes; start a new draft instead."))


@transaction.atomic
def criterion_update(*, criterion: Criterion, actor, data: dict) -> Criterion:
    criterion = locked(criterion)
    _editable(locked(criterion.dimension.rubric))
    assign(criterion, data)
    if criterion.floor is not None and criterion.target is not None:
        lower = criterion.target < criterion.floor
        criterion.direction = Criterion.Direction.LOWER if lower else Criterion.Direction.HIGHER
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def rubric_update(*, rubric: Rubric, actor, data: dict) -> Rubric:
    rubric = locked(rubric)
    _editable(rubric)
    return save_with_history(assign(rubric, data), actor=actor)


@transaction.atomic
def rubric_publish(*, rubric: Rubric, actor, now=None) -> Rubric:
    """Publish a draft: the version published before is retired, and every subject it scores is
    marked dirty so its score moves to the new version. Publishing twice publishes once."""
    serialized(f"scoring.rubric:{rubric.key}")
    rubric = locked(rubric)
    if rubric.status == Rubric.Status.PUBLISHED:
        return rubric
    if rubric.status == Rubric.Status.RETIRED:
        raise ValidationError(_("A retired version cannot be published again."))
    if not rubric.dimensions.filter(criteria__isnull=False).exists():
        raise ValidationError(_("A rubric needs at least one criterion."))
    Rubric.objects.filter(key=rubric.key, status=Rubric.Status.PUBLISHED).exclude(pk=rubric.pk).update(
        status=Rubric.Status.RETIRED
    )
    rubric.status = Rubric.Status.PUBLISHED
    rubric.published_at = rubric.published_at or now or timezone.now()
    rubric.save(update_fields=["status", "published_at"])
    _mark_rubric_subjects(rubric)
    return rubric


def _mark_rubric_subjects(rubric: Rubric) -> None:
    ids = CurrentScore.objects.filter(rubric_key=rubric.key).values_list("subject_id", flat=True)
    mark_dirty(ratings_dirty_pairs(rubric.subject_type, list(ids)))
